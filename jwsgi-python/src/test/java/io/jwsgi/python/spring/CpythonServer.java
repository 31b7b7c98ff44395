package io.jwsgi.python.spring;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * CPython's {@code wsgiref.simple_server} serving the test applications through {@code
 * springflask/serve_cpython.py}, on 127.0.0.1 and a free port, for comparison with jwsgi-python.
 */
final class CpythonServer implements AutoCloseable {

    static final Path APPS = Path.of("src/test/resources/springflask");
    static final Path DIST_PACKAGES = Path.of("/usr/lib/python3/dist-packages");

    private final Process process;
    final int port;

    private CpythonServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Whether Debian's python3-flask is installed where the tests look for it. */
    static boolean flaskInstalled() {
        return Files.isRegularFile(DIST_PACKAGES.resolve("flask/__init__.py"));
    }

    /** Whether {@code python3} is on the PATH. */
    static boolean python3Available() {
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

    /**
     * Starts the server.
     *
     * @param mounts {@code PREFIX=module:callable}, as serve_cpython.py takes them
     */
    static CpythonServer start(String... mounts) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                "python3",
                APPS.resolve("serve_cpython.py").toString(),
                "--path",
                APPS.toString(),
                "--path",
                DIST_PACKAGES.toString()));
        command.addAll(List.of(mounts));
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        });
        String first;
        try {
            first = line.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            throw e;
        }
        if (first == null || !first.startsWith("PORT ")) {
            process.destroyForcibly();
            throw new IllegalStateException("serve_cpython.py did not start: " + first);
        }
        return new CpythonServer(process, Integer.parseInt(first.substring(5).trim()));
    }

    @Override
    public void close() {
        this.process.destroy();
        try {
            if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
                this.process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            this.process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
