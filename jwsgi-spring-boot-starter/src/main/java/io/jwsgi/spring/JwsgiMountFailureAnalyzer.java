package io.jwsgi.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports a {@link JwsgiMountException} as a start-up failure with a description and an action. */
final class JwsgiMountFailureAnalyzer extends AbstractFailureAnalyzer<JwsgiMountException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, JwsgiMountException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}
