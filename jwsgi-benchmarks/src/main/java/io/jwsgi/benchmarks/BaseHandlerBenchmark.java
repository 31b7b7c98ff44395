package io.jwsgi.benchmarks;

import io.jwsgi.Application;
import io.jwsgi.Environ;
import io.jwsgi.Header;
import io.jwsgi.handlers.BaseHandler;
import io.jwsgi.handlers.SimpleHandler;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * {@link BaseHandler}'s overhead per request: a {@link SimpleHandler} over in-memory streams runs
 * a hello-world application (environ setup, {@code start_response}, Content-Length, status line,
 * Date and Server headers, body, close). No socket and no parsing: what is measured is the
 * gateway itself.
 *
 * <pre>{@code
 * java -jar jwsgi-benchmarks/target/benchmarks.jar BaseHandlerBenchmark -f 1 -wi 3 -i 5
 * }</pre>
 */
public class BaseHandlerBenchmark extends JmhSettings {

    /** The body {@link #HELLO_APP} answers with. */
    public static final byte[] HELLO = "Hello, world!\n".getBytes(StandardCharsets.US_ASCII);

    /** The hello-world application of every server benchmark: one header, a one-element body. */
    public static final Application HELLO_APP = (environ, startResponse) -> {
        startResponse.start("200 OK", List.of(Header.of("Content-Type", "text/plain; charset=utf-8")));
        return List.of(HELLO);
    };

    private final Map<String, Object> requestVariables = cgiVariables();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    private final PrintStream errors = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);

    /** Creates the benchmark state (JMH does this). */
    public BaseHandlerBenchmark() {}

    /**
     * Serves one request with a fresh handler, as a server does per request.
     *
     * @return the response bytes written
     */
    @Benchmark
    public ByteArrayOutputStream helloWorld() {
        out.reset();
        new SimpleHandler(InputStream.nullInputStream(), out, errors, requestVariables).run(HELLO_APP);
        return out;
    }

    /** The CGI variables of a simple GET, as a server would hand them to the handler. */
    static Map<String, Object> cgiVariables() {
        Map<String, Object> env = new HashMap<>();
        env.put(Environ.REQUEST_METHOD, "GET");
        env.put(Environ.SCRIPT_NAME, "");
        env.put(Environ.PATH_INFO, "/hello");
        env.put(Environ.QUERY_STRING, "");
        env.put(Environ.CONTENT_TYPE, "text/plain");
        env.put(Environ.CONTENT_LENGTH, "");
        env.put(Environ.SERVER_NAME, "localhost");
        env.put(Environ.SERVER_PORT, "8000");
        env.put(Environ.SERVER_PROTOCOL, "HTTP/1.1");
        env.put(Environ.GATEWAY_INTERFACE, "CGI/1.1");
        env.put(Environ.REMOTE_ADDR, "127.0.0.1");
        env.put(Environ.HTTP_HOST, "localhost:8000");
        env.put("HTTP_USER_AGENT", "wrk");
        env.put("HTTP_ACCEPT", "*/*");
        return env;
    }
}
