package io.jwsgi.python;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.net.Socket;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code bin/jwsgi-python} as a user runs it, after {@code ./mvnw -pl jwsgi-python -am package}:
 * its usage, a failing import, serving, and a graceful stop on SIGTERM and on Ctrl-C (SIGINT)
 * that lets a request in progress finish.
 */
@Timeout(1800)
class PythonLauncherIT {

    private static final String APPS =
            PythonApplicationTest.APPS.toAbsolutePath().toString();

    @Test
    void helpPrintsTheUsage() throws Exception {
        try (Launcher launcher = Launcher.run(Map.of(), "--help")) {
            assertThat(launcher.await()).isZero();
            assertThat(launcher.stdout())
                    .contains(
                            "usage: jwsgi-python [--bind ADDR] [--port N] [--path DIR]... [--workers N] module:callable");
        }
        try (Launcher launcher = Launcher.run(Map.of(), "--workers")) {
            assertThat(launcher.await()).isEqualTo(2);
            assertThat(launcher.stderr()).contains("--workers needs a value", "usage:");
        }
    }

    @Test
    void anApplicationThatDoesNotImportStopsTheLauncherWithItsTraceback() throws Exception {
        try (Launcher launcher = Launcher.run(Map.of(), "--port", "0", "--path", APPS, "syntax_error_app:app")) {
            assertThat(launcher.await()).isEqualTo(1);
            assertThat(launcher.stderr())
                    .contains("jwsgi-python: cannot load syntax_error_app:app:", "syntax_error_app.py", "SyntaxError");
            assertThat(launcher.stdout()).doesNotContain("serving");
        }
    }

    @Test
    void sigtermStopsItGracefullyOnTheOptimizingRuntime() throws Exception {
        try (Launcher launcher =
                Launcher.run(Map.of(), "--port", "0", "--workers", "1", "--path", APPS, "features_app:app")) {
            int port = launcher.awaitReady();
            // stock JDK 25 has JVMCI: the launcher puts the Graal compiler on the upgrade module path
            assertThat(launcher.stdout())
                    .contains(
                            "with 1 Python contexts (optimizing runtime: ",
                            "jwsgi-python: start-up context 1: Python ");
            assertThat(launcher.stderr()).doesNotContain("falls back", "sun.misc.Unsafe");
            servesThenStopsGracefully(launcher, port, "TERM");
            assertThat(launcher.await()).isEqualTo(143); // 128 + SIGTERM, as every JVM ends on it
        }
    }

    @Test
    void ctrlCStopsItGracefullyAndTheInterpreterFallbackIsAnnounced() throws Exception {
        try (Launcher launcher = Launcher.run(
                Map.of("JWSGI_PYTHON_JIT", "off"),
                "--port",
                "0",
                "--workers",
                "1",
                "--path",
                APPS,
                "features_app:app")) {
            int port = launcher.awaitReady();
            assertThat(launcher.stderr()).contains("GraalPy runs in its interpreter");
            assertThat(launcher.stdout()).contains("(interpreter only: ");
            servesThenStopsGracefully(launcher, port, "INT");
            assertThat(launcher.await()).isEqualTo(130); // 128 + SIGINT
        }
    }

    /**
     * Serves a request; starts another that waits for its body; signals; the held request still
     * completes, new connections are refused, and the launcher reports its counts as it stops.
     */
    private static void servesThenStopsGracefully(Launcher launcher, int port, String signal) throws Exception {
        assertThat(WireClient.exchange(port, WireClient.request("POST", "/input/read", "hello"))
                        .text())
                .isEqualTo("hello");
        try (Socket held = WireClient.connect(port)) {
            held.getOutputStream()
                    .write("POST /stream HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nConnection: close\r\n\r\n"
                            .getBytes(ISO_8859_1));
            InputStream in = new BufferedInputStream(held.getInputStream());
            for (String line = WireClient.line(in); !"first;".equals(line); line = WireClient.line(in)) {
                assertThat(line).isNotNull();
            }
            launcher.signal(signal);
            for (int i = 0; i < 600 && !launcher.stderr().contains("shutting down"); i++) {
                Thread.sleep(100);
            }
            assertThat(launcher.stderr()).contains("jwsgi-python: shutting down");
            held.getOutputStream().write("done".getBytes(ISO_8859_1));
            String rest = new String(in.readAllBytes(), ISO_8859_1);
            assertThat(rest).contains("then:done").endsWith("0\r\n\r\n");
        }
        launcher.await();
        assertThat(launcher.stderr())
                .contains(
                        "jwsgi-python: stopped: 2 calls, 1 results closed, 1 lists (nothing to close), 0 rejected (503),"
                                + " 0 contexts replaced, 1 of 1 contexts idle");
    }
}
