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

    /**
     * Truffle's stable {@code engine.CompilerThreads} option, and the system property that sets it
     * ({@code -Dpolyglot.engine.CompilerThreads=N}).
     */
    static final String COMPILER_THREADS = "engine.CompilerThreads";

    static final String COMPILER_THREADS_PROPERTY = "polyglot." + COMPILER_THREADS;

    /** The system property that names the bytecode cache directory; "none" for no cache. */
    static final String CACHE_PROPERTY = "jwsgi.python.cache";

    private static Engine engine;
    private static Source hostSource;

    private PythonEngine() {}

    static synchronized Engine engine() {
        if (engine == null) {
            Engine built = builder().build();
            int threads = compilerThreads(
                    Runtime.getRuntime().availableProcessors(), System.getProperty(COMPILER_THREADS_PROPERTY));
            // the interpreter fallback has no compiler, and no such option (setting it would throw)
            if (threads > 0 && built.getOptions().get(COMPILER_THREADS) != null) {
                built.close();
                built = builder()
                        .option(COMPILER_THREADS, Integer.toString(threads))
                        .build();
            }
            engine = built;
        }
        return engine;
    }

    private static Engine.Builder builder() {
        return Engine.newBuilder("python").option("engine.WarnInterpreterOnly", "false");
    }

    /**
     * How many threads compile Python, or 0 for Truffle's own choice. Truffle takes one below 4
     * processors; a Flask application then keeps that one thread busy for many minutes (every
     * Context compiles its own copy of the application's code: GraalPy shares only its core
     * library's code between the Contexts of an engine), so with 2 or 3 processors it gets 2
     * (docs/python.md, "What keeps the compiler busy"). A {@code -Dpolyglot.engine.CompilerThreads}
     * of the user's wins.
     *
     * @param processors the processors the JVM may use
     * @param configured the system property, or {@code null}
     */
    static int compilerThreads(int processors, String configured) {
        return configured == null && processors >= 2 && processors < 4 ? 2 : 0;
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
