package io.jwsgi.testfixtures;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The shared HTTP/1.1 conformance harness ({@code shared/conformance/http_conformance.py}, the
 * gunicorn request corpus) run against a server on 127.0.0.1 that serves the echo application of
 * its README's "Echo contract" ({@link ConformanceEcho}). {@link #require()} skips the calling test,
 * with a message, without {@code ../shared} or without {@code python3}.
 */
public final class ConformanceHarness {

    private final Path script;

    private ConformanceHarness(Path script) {
        this.script = script;
    }

    /**
     * The harness; the calling test skips, with a message, without {@code ../shared} or without
     * {@code python3}.
     *
     * @return the harness
     */
    public static ConformanceHarness require() {
        Path script = Shared.require("conformance/http_conformance.py", "");
        assumeTrue(PythonProcess.available(), "python3 is not on the PATH: skipped");
        return new ConformanceHarness(script);
    }

    /**
     * Runs the harness to its end (at most 300 s).
     *
     * @param port the server's port on 127.0.0.1
     * @param options more options of the harness, as {@code --split 3}
     * @return its output's non-blank lines: a {@code PASS}/{@code FAIL}/{@code SKIP} line per case,
     *     then {@code N passed, N failed, N skipped}
     * @throws IOException if python3 cannot be run
     * @throws InterruptedException if interrupted while waiting for it
     */
    public List<String> run(int port, String... options) throws IOException, InterruptedException {
        List<String> command =
                new ArrayList<>(List.of("python3", script.toString(), "--url", "http://127.0.0.1:" + port));
        command.addAll(List.of(options));
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
        return new String(out, StandardCharsets.UTF_8)
                .lines()
                .filter(l -> !l.isBlank())
                .toList();
    }
}
