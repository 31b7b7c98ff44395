package io.jwsgi.python;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A WSGI application on CPython's own {@code wsgiref.simple_server}, in a {@code python3} process
 * of the PATH, on an ephemeral port of 127.0.0.1: the reference the tests compare jwsgi-python
 * with. Python runs with {@code -S} (no site-packages of its own) and exactly the path given, so
 * that it imports the same packages as GraalPy (Debian's Flask, not one installed elsewhere).
 */
final class CPython implements AutoCloseable {

    private static final String SERVER = """
            import importlib, sys
            spec, paths = sys.argv[1], sys.argv[2:]
            sys.path[:0] = paths
            from wsgiref.simple_server import make_server, WSGIRequestHandler
            class Quiet(WSGIRequestHandler):
                def log_message(self, *args):
                    pass
            module, _, name = spec.partition(':')
            app = getattr(importlib.import_module(module), name)
            httpd = make_server('127.0.0.1', 0, app, handler_class=Quiet)
            print(httpd.server_port, flush=True)
            httpd.serve_forever()
            """;

    private final Process process;
    private final int port;

    private CPython(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts {@code spec} ({@code module:callable}) on wsgiref.
     *
     * @return the server, or {@code null} when there is no {@code python3} on the PATH
     */
    static CPython start(String spec, List<Path> paths) throws IOException {
        List<String> command = new ArrayList<>(List.of("python3", "-S", "-c", SERVER, spec));
        for (Path p : paths) {
            command.add(p.toAbsolutePath().toString());
        }
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
        } catch (IOException e) {
            return null; // no python3
        }
        String port = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8)).readLine();
        if (port == null || !port.matches("\\d+")) {
            process.destroyForcibly();
            throw new IOException("python3 did not start " + spec + " on wsgiref (printed " + port + ")");
        }
        return new CPython(process, Integer.parseInt(port));
    }

    /** What {@code python3 -c CODE} prints, or {@code null} without python3 or when it fails. */
    static String run(String code) {
        try {
            Process p = new ProcessBuilder("python3", "-S", "-c", code)
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), UTF_8);
            return p.waitFor() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    int port() {
        return this.port;
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
