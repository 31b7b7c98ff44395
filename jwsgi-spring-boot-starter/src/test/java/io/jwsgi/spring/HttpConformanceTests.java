package io.jwsgi.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jwsgi.Application;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Runs the shared HTTP/1.1 conformance harness ({@code shared/conformance/http_conformance.py}) through
 * the bridge. The container parses HTTP here, not jwsgi: every counted case passes except those the
 * container itself answers differently from gunicorn's expectation, listed below per container.
 */
class HttpConformanceTests {

    /** Requests that Tomcat 11 and Jetty 12 both refuse with 400 before the bridge runs. */
    private static final Set<String> REFUSED_BY_BOTH = Set.of(
            // HTTP/1.1 without Host (RFC 9112 3.2 says 400), including pipelined and chunked ones
            "valid/004",
            "valid/006",
            "valid/007",
            "valid/010",
            "valid/011",
            "valid/012",
            "valid/013",
            "valid/014",
            "valid/018",
            "valid/021",
            "valid/023",
            "valid/031",
            "valid/100",
            // a #fragment in the request-target, raw non-ASCII bytes in it
            "valid/005",
            "valid/009",
            "valid/027",
            // Transfer-Encoding codings other than chunked (Tomcat 501, Jetty 400)
            "valid/025",
            "valid/025_line",
            "valid/029",
            "valid/030",
            // OPTIONS * is answered by the container, never dispatched to a servlet
            "valid/rfc9112_target_asterisk_options_01");

    /** Requests that both containers accept although gunicorn refuses them (the application then runs). */
    private static final Set<String> ACCEPTED_BY_BOTH = Set.of(
            "invalid/041", // duplicate Content-Type
            "invalid/chunked_05",
            "invalid/rfc9110_trailer_forbidden_cl_01",
            "invalid/rfc9110_trailer_forbidden_host_01",
            "invalid/rfc9110_trailer_forbidden_te_01");

    private static final Set<String> TOMCAT_ONLY = Set.of(
            "valid/002",
            "valid/003", // Host "0.0.0.0=5000" is not a valid host: 400
            "valid/022", // HTTP/1.0 keep-alive without Host: the second request gets 400
            "valid/rfc9112_smuggle_gzip_chunked_01",
            "valid/rfc9112_smuggle_te_identity_chunked_01", // 501
            "valid/rfc9112_target_authority_connect_01",
            "valid/rfc9112_target_authority_ipv6_01", // CONNECT: 501
            "invalid/002",
            "invalid/003",
            "invalid/003b", // answered HTTP/0.9-style, without a status line
            "invalid/obs_fold_01",
            "invalid/rfc9112_smuggle_cl_te_chunked_01"); // accepted

    private static final Set<String> JETTY_ONLY = Set.of(
            "valid/022", // Jetty hands over "Connection: Keep-Alive" as its canonical "keep-alive"
            "valid/rfc9112_target_absolute_userinfo_01", // userinfo in an absolute-form target: 400
            "invalid/rfc9112_chunked_missing_final_crlf_01"); // accepted

    @Test
    void bridgePassesEveryCaseTheContainerAccepts() throws Exception {
        Path harness = sharedDir().resolve("conformance").resolve("http_conformance.py");
        assumeTrue(
                Files.isRegularFile(harness),
                "no conformance harness at " + harness + " (set -Djwsgi.shared.dir to the shared/ directory)");
        assumeTrue(hasPython(), "python3 is not on the PATH");
        try (TestServer server = TestServer.start(EchoAtRoot.class)) {
            List<String> output = run(harness, server.port);
            System.out.println("http_conformance.py through the bridge:\n" + String.join("\n", output));
            Set<String> expected = new TreeSet<>(REFUSED_BY_BOTH);
            expected.addAll(ACCEPTED_BY_BOTH);
            expected.addAll(TestApps.onJetty() ? JETTY_ONLY : TOMCAT_ONLY);
            Set<String> failed = new TreeSet<>();
            for (String line : output) {
                if (line.startsWith("FAIL ")) {
                    failed.add(line.substring(5, line.indexOf(':')));
                }
            }
            assertThat(failed).as("cases failed through the bridge").isSubsetOf(expected);
            String summary = output.get(output.size() - 1);
            assertThat(summary).matches("\\d+ passed, \\d+ failed, 30 skipped");
            assertThat(Integer.parseInt(summary.substring(0, summary.indexOf(' '))))
                    .isGreaterThanOrEqualTo(107 - expected.size());
        }
    }

    private static List<String> run(Path harness, int port) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("python3", harness.toString(), "--url", "http://127.0.0.1:" + port)
                .redirectErrorStream(true)
                .start();
        p.getOutputStream().close();
        byte[] out;
        try {
            out = p.getInputStream().readAllBytes();
        } finally {
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        return new String(out, StandardCharsets.UTF_8)
                .lines()
                .filter(l -> !l.isBlank())
                .toList();
    }

    /** {@code shared/}: the property {@code jwsgi.shared.dir}, else the sibling of the repository root. */
    static Path sharedDir() {
        String configured = System.getProperty("jwsgi.shared.dir");
        if (configured != null && !configured.isBlank()) {
            return Paths.get(configured);
        }
        Path dir = Paths.get("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        Path root = dir == null ? Paths.get("").toAbsolutePath() : dir;
        return (root.getParent() == null ? root : root.getParent()).resolve("shared");
    }

    static boolean hasPython() {
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

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class EchoAtRoot {
        @Bean
        Application echo() {
            return ConformanceEcho.app();
        }
    }
}
