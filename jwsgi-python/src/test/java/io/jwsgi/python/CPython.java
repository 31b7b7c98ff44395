package io.jwsgi.python;

import io.jwsgi.testfixtures.PythonProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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

    private final PythonProcess process;
    private final int port;

    private CPython(PythonProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts {@code spec} ({@code module:callable}) on wsgiref.
     *
     * @return the server, or {@code null} when there is no {@code python3} on the PATH
     */
    static CPython start(String spec, List<Path> paths) throws IOException {
        List<String> args = new ArrayList<>(List.of("-S", "-c", SERVER, spec));
        for (Path p : paths) {
            args.add(p.toAbsolutePath().toString());
        }
        PythonProcess process = PythonProcess.start(args, ProcessBuilder.Redirect.INHERIT);
        return process == null ? null : new CPython(process, process.readPort(""));
    }

    int port() {
        return this.port;
    }

    @Override
    public void close() {
        this.process.close();
    }
}
