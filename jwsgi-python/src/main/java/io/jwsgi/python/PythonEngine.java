package io.jwsgi.python;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Source;

/**
 * The one GraalPy {@link Engine} of the process, shared by every Context of every {@link
 * PythonApplication}: Contexts on a shared engine share parsed and compiled code, which makes
 * every Context after the first one cheap.
 */
final class PythonEngine {

    /** Host access of every Context: the methods of {@link Host} marked for export and arrays (the environ when a value holds NUL). */
    static final HostAccess HOST_ACCESS =
            HostAccess.newBuilder(HostAccess.EXPLICIT).allowArrayAccess(true).build();

    /** The system property that names the bytecode cache directory; "none" for no cache. */
    static final String CACHE_PROPERTY = "jwsgi.python.cache";

    private static Engine engine;
    private static Source hostSource;

    private PythonEngine() {}

    static synchronized Engine engine() {
        if (engine == null) {
            engine = Engine.newBuilder("python")
                    .option("engine.WarnInterpreterOnly", "false")
                    .build();
        }
        return engine;
    }

    /** The Python half of the host (jwsgi_host.py), parsed once for all Contexts. */
    static synchronized Source hostSource() {
        if (hostSource == null) {
            URL url = PythonEngine.class.getResource("jwsgi_host.py");
            try {
                hostSource =
                        Source.newBuilder("python", url).name("jwsgi_host.py").build();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return hostSource;
    }

    /**
     * Where GraalPy writes the bytecode of imported modules (Python's {@code PYTHONPYCACHEPREFIX}):
     * {@code ~/.cache/jwsgi-python/pycache} unless the {@code jwsgi.python.cache} system property
     * names another directory, or {@code none} to write none.
     *
     * @return the directory, or {@code null} for none
     */
    static String pycachePrefix() {
        String configured = System.getProperty(CACHE_PROPERTY);
        if ("none".equals(configured)) {
            return null;
        }
        Path dir = configured != null
                ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache", "jwsgi-python", "pycache");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            return null;
        }
        return dir.toAbsolutePath().toString();
    }
}
