package io.jwsgi.python.spring;

import io.jwsgi.testfixtures.PythonProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CPython's {@code wsgiref.simple_server} serving the test applications through {@code
 * springflask/serve_cpython.py}, on 127.0.0.1 and a free port, for comparison with jwsgi-python.
 */
final class CpythonServer implements AutoCloseable {

    static final Path APPS = Path.of("src/test/resources/springflask");
    static final Path DIST_PACKAGES = Path.of("/usr/lib/python3/dist-packages");

    private final PythonProcess process;
    final int port;

    private CpythonServer(PythonProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Whether Debian's python3-flask is installed where the tests look for it. */
    static boolean flaskInstalled() {
        return Files.isRegularFile(DIST_PACKAGES.resolve("flask/__init__.py"));
    }

    /**
     * Starts the server.
     *
     * @param mounts {@code PREFIX=module:callable}, as serve_cpython.py takes them
     */
    static CpythonServer start(String... mounts) throws IOException {
        List<String> args = new ArrayList<>(List.of(
                APPS.resolve("serve_cpython.py").toString(),
                "--path",
                APPS.toString(),
                "--path",
                DIST_PACKAGES.toString()));
        args.addAll(List.of(mounts));
        PythonProcess process = PythonProcess.start(args, ProcessBuilder.Redirect.INHERIT);
        if (process == null) {
            throw new IOException("python3 cannot be started");
        }
        return new CpythonServer(process, process.readPort("PORT "));
    }

    @Override
    public void close() {
        this.process.close();
    }
}
