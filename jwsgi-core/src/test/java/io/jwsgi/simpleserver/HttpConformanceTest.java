package io.jwsgi.simpleserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the shared HTTP/1.1 conformance harness ({@code shared/conformance/http_conformance.py},
 * the gunicorn request corpus) against the server with the {@link EchoApp}, and requires {@code 0
 * failed}. {@code shared/} is the sibling of the repository root, or the directory named by the
 * system property {@code jwsgi.shared.dir}; without it or without {@code python3} the test skips.
 */
class HttpConformanceTest {

    private static WsgiServer server;
    private static Thread serving;

    @BeforeAll
    static void startServer() throws IOException {
        server = SimpleServer.makeServer("127.0.0.1", 0, new EchoApp());
        server.setLogRequests(false);
        server.setLimits(ServerLimits.builder()
                .idleTimeout(java.time.Duration.ofSeconds(2))
                .build());
        serving = new Thread(() -> {
            try {
                server.serveForever();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        serving.setDaemon(true);
        serving.start();
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        server.close();
        serving.join(10_000);
    }

    @Test
    void everyCountedCasePasses() throws Exception {
        assertNoFailures(runHarness());
    }

    @Test
    void everyCountedCasePassesWhenSentInThreeBytePieces() throws Exception {
        assertNoFailures(runHarness("--split", "3"));
    }

    private static void assertNoFailures(List<String> output) {
        assertThat(output).isNotEmpty();
        String last = output.get(output.size() - 1);
        assertThat(last).matches("\\d+ passed, 0 failed, \\d+ skipped");
        assertThat(last).startsWith("107 passed");
    }

    private static List<String> runHarness(String... extra) throws Exception {
        Path harness = sharedDir().resolve("conformance").resolve("http_conformance.py");
        assumeTrue(
                Files.isRegularFile(harness),
                "no conformance harness at " + harness + " (set -Djwsgi.shared.dir to the shared/ directory)");
        assumeTrue(hasPython(), "python3 is not on the PATH");
        List<String> command = new ArrayList<>(
                List.of("python3", harness.toString(), "--url", "http://127.0.0.1:" + server.getServerPort()));
        command.addAll(List.of(extra));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] out;
        try {
            out = p.getInputStream().readAllBytes();
        } finally {
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        String text = new String(out, StandardCharsets.UTF_8);
        System.out.println("http_conformance.py " + String.join(" ", extra) + "\n" + text);
        return text.lines().filter(l -> !l.isBlank()).toList();
    }

    static Path sharedDir() {
        String configured = System.getProperty("jwsgi.shared.dir");
        if (configured != null && !configured.isBlank()) {
            return Paths.get(configured);
        }
        Path dir = Paths.get("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        Path repoRoot = dir == null ? Paths.get("").toAbsolutePath() : dir;
        Path parent = repoRoot.getParent();
        return (parent == null ? repoRoot : parent).resolve("shared");
    }

    private static boolean hasPython() {
        try {
            Process p = new ProcessBuilder("python3", "--version")
                    .redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
