package io.jwsgi.simpleserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwsgi.testfixtures.ConformanceHarness;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the shared HTTP/1.1 conformance harness ({@link ConformanceHarness}: {@code
 * shared/conformance/http_conformance.py}, the gunicorn request corpus) against the server with
 * the {@link EchoApp}, and requires {@code 0 failed}. {@code shared/} is the sibling of the
 * repository root, or the directory named by the system property {@code jwsgi.shared.dir}; without
 * it or without {@code python3} the test skips.
 */
class HttpConformanceTest {

    private static RunningServer server;

    @BeforeAll
    static void startServer() throws IOException {
        server = new RunningServer(
                new EchoApp(),
                ServerLimits.builder().idleTimeout(Duration.ofSeconds(2)).build());
    }

    @AfterAll
    static void stopServer() {
        server.close();
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

    private static List<String> runHarness(String... options) throws Exception {
        List<String> output = ConformanceHarness.require().run(server.port(), options);
        System.out.println("http_conformance.py " + String.join(" ", options) + "\n" + String.join("\n", output));
        return output;
    }
}
