package io.jwsgi.sample;

import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every end-to-end test of {@link SampleApplicationTest} again, on a real PostgreSQL ({@link
 * TestPostgres}): configured only by {@code spring.datasource.url}, {@code username} and {@code
 * password}, as a user would (the driver is on the classpath, Flyway migrates the new database).
 * Skipped, saying why, where no PostgreSQL can start.
 */
class SampleApplicationPostgresTest extends SampleApplicationTest {

    @BeforeAll
    static void requirePostgres() {
        TestPostgres.get();
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        String url = TestPostgres.get().createDatabase();
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> TestPostgres.USER);
        registry.add("spring.datasource.password", () -> TestPostgres.PASSWORD);
    }
}
