package io.jwsgi.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwsgi.Application;
import io.jwsgi.Header;
import io.jwsgi.testfixtures.ConformanceEcho;
import io.jwsgi.testfixtures.ConformanceHarness;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Runs the shared HTTP/1.1 conformance harness ({@link ConformanceHarness}: {@code
 * shared/conformance/http_conformance.py}, with the {@link ConformanceEcho} application) through
 * the bridge; without {@code ../shared} or {@code python3} it skips. The container parses HTTP
 * here, not jwsgi: every counted case passes except those the container itself answers differently
 * from gunicorn's expectation, listed below per container.
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
        ConformanceHarness harness = ConformanceHarness.require();
        try (TestServer server = TestServer.start(EchoAtRoot.class)) {
            List<String> output = harness.run(server.port);
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

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class EchoAtRoot {
        @Bean
        Application echo() {
            return (environ, startResponse) -> ConformanceEcho.call(
                    environ,
                    (status, headers) -> startResponse.start(
                            status,
                            headers.stream()
                                    .map(h -> Header.of(h.getKey(), h.getValue()))
                                    .toList()));
        }
    }
}
