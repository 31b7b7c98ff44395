package io.jwsgi.sample;

import org.springframework.test.context.ActiveProfiles;

/**
 * Every end-to-end test of {@link SampleApplicationTest} again, with the {@code dev} profile: each
 * JWSGI application runs inside {@code io.jwsgi.validate.Validator}, so any breach of the contract
 * by the sample (or by the servlet bridge) turns a test red (and error diagnostics are on).
 */
@ActiveProfiles("dev")
class SampleApplicationDevProfileTest extends SampleApplicationTest {

    @Override
    boolean devProfile() {
        return true;
    }
}
