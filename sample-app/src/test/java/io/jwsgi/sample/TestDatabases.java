package io.jwsgi.sample;

import com.zaxxer.hikari.HikariDataSource;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Real databases for the tests that run without Spring: H2 in memory, or a database of its own on
 * the test PostgreSQL ({@link TestPostgres}); both pooled by HikariCP, as Spring Boot pools them,
 * and migrated by Flyway from the application's {@code db/migration}.
 */
final class TestDatabases {

    private TestDatabases() {}

    /** A new, migrated H2 database in memory; it is gone when the pool is closed. */
    static HikariDataSource h2() {
        return migrated("jdbc:h2:mem:" + UUID.randomUUID(), null, null);
    }

    /** A new, migrated database on the test PostgreSQL; skips the test where there is none. */
    static HikariDataSource postgres() {
        return migrated(TestPostgres.get().createDatabase(), TestPostgres.USER, TestPostgres.PASSWORD);
    }

    private static HikariDataSource migrated(String url, String user, String password) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(url);
        dataSource.setUsername(user);
        dataSource.setPassword(password);
        dataSource.setMaximumPoolSize(8);
        migrate(dataSource);
        return dataSource;
    }

    static void migrate(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).load().migrate();
    }
}
