package io.jwsgi.servlet;

import io.jwsgi.benchmarks.BaseHandlerBenchmark;
import io.jwsgi.benchmarks.JmhSettings;
import java.io.IOException;
import org.openjdk.jmh.annotations.Benchmark;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The servlet bridge's whole per-request work: {@link JwsgiServlet#service} runs the hello-world
 * application for the browser request of {@link ServletEnvironBenchmark} (mounted at {@code
 * /app/*} by a servlet registration of the user's own, no metrics, no validator, no body limit): environ, {@code wsgi.errors}, {@code start_response}, headers
 * and body handed to the response. Request and response are Spring's in-memory mocks, so the
 * container's own work (parsing, writing to the socket) is not in it; a new {@link
 * MockHttpServletResponse} per operation is.
 *
 * <pre>{@code
 * java -jar jwsgi-benchmarks/target/benchmarks.jar JwsgiServletBenchmark -f 1 -wi 5 -i 5 -prof gc
 * }</pre>
 */
public class JwsgiServletBenchmark extends JmhSettings {

    private final MockHttpServletRequest request = ServletEnvironBenchmark.browserRequest();
    // mapped as a user would map it (JwsgiMount.unmapped), without the starter's observation
    private final JwsgiServlet servlet =
            new JwsgiServlet(JwsgiMount.unmapped("hello", BaseHandlerBenchmark.HELLO_APP), JwsgiRequestObserver.NONE);

    /** Creates the benchmark state (JMH does this). */
    public JwsgiServletBenchmark() {}

    /**
     * Serves the request once through the bridge.
     *
     * @return the response
     * @throws IOException never, with the mocks
     */
    @Benchmark
    public MockHttpServletResponse helloWorld() throws IOException {
        MockHttpServletResponse response = new MockHttpServletResponse();
        servlet.service(request, response);
        return response;
    }
}
