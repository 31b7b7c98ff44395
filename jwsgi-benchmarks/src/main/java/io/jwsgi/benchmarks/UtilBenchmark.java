package io.jwsgi.benchmarks;

import io.jwsgi.Environ;
import io.jwsgi.util.Util;
import java.util.HashMap;
import java.util.Map;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@link Util}'s per-request helpers: {@link Util#requestUri(Map)} (quoting the path back) and
 * {@link Util#shiftPathInfo(Map)} (one dispatch step of a routing application).
 *
 * <pre>{@code
 * java -jar jwsgi-benchmarks/target/benchmarks.jar UtilBenchmark -f 1 -wi 3 -i 5
 * }</pre>
 */
public class UtilBenchmark extends JmhSettings {

    static final String SCRIPT_NAME = "/app";

    /** A path with a space and UTF-8 bytes (bytes in a string), so quoting has work to do. */
    static final String PATH_INFO = "/users/42/caf\u00c3\u00a9 profile";

    private final Map<String, Object> environ = typicalEnviron();

    /** Creates the benchmark state (JMH does this). */
    public UtilBenchmark() {}

    /**
     * Rebuilds the full request URI (scheme, host, quoted path, query).
     *
     * @return the URI
     */
    @Benchmark
    public String requestUri() {
        return Util.requestUri(environ);
    }

    /**
     * Shifts one path segment from {@code PATH_INFO} to {@code SCRIPT_NAME}. The two variables are
     * put back first (two map writes), so every call does the same work.
     *
     * @param blackhole receives the new {@code SCRIPT_NAME}
     * @return the shifted segment
     */
    @Benchmark
    public String shiftPathInfo(Blackhole blackhole) {
        environ.put(Environ.SCRIPT_NAME, SCRIPT_NAME);
        environ.put(Environ.PATH_INFO, PATH_INFO);
        String segment = Util.shiftPathInfo(environ);
        blackhole.consume(environ.get(Environ.SCRIPT_NAME));
        return segment;
    }

    static Map<String, Object> typicalEnviron() {
        Map<String, Object> env = new HashMap<>();
        env.put(Environ.SCRIPT_NAME, SCRIPT_NAME);
        env.put(Environ.PATH_INFO, PATH_INFO);
        env.put(Environ.QUERY_STRING, "tab=posts&page=2");
        env.put(Environ.HTTP_HOST, "example.org:8080");
        Util.setupTestingDefaults(env);
        return env;
    }
}
