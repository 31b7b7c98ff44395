package io.jwsgi.servlet;

import io.jwsgi.benchmarks.JmhSettings;
import jakarta.servlet.http.MappingMatch;
import java.util.Map;
import org.openjdk.jmh.annotations.Benchmark;
import org.springframework.mock.web.MockHttpServletMapping;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * The servlet bridge's environ: the CGI variables {@link ServletEnviron} builds from an {@code
 * HttpServletRequest} (package-private, hence this package), for the same browser request as
 * {@code RequestParserBenchmark}, to an application mounted at {@code /app/*}. The request is
 * Spring's in-memory {@link MockHttpServletRequest}, so only the bridge's own work is measured
 * (a container's request object answers the same getters from its parsed request).
 *
 * <pre>{@code
 * java -jar jwsgi-benchmarks/target/benchmarks.jar ServletEnvironBenchmark -f 1 -wi 3 -i 5
 * }</pre>
 */
public class ServletEnvironBenchmark extends JmhSettings {

    private final MockHttpServletRequest request = browserRequest();

    /** Creates the benchmark state (JMH does this). */
    public ServletEnvironBenchmark() {}

    /**
     * Builds the CGI variables of the request.
     *
     * @return the variables
     */
    @Benchmark
    public Map<String, String> cgiVariables() {
        return ServletEnviron.cgiVariables(request);
    }

    static MockHttpServletRequest browserRequest() {
        MockHttpServletRequest r = new MockHttpServletRequest("GET", "/app/articles/2026/jwsgi-released");
        r.setServletPath("/app");
        r.setPathInfo("/articles/2026/jwsgi-released");
        r.setHttpServletMapping(new MockHttpServletMapping("articles", "/app/*", "jwsgi", MappingMatch.PATH));
        r.setQueryString("ref=home");
        r.setProtocol("HTTP/1.1");
        r.setLocalName("www.example.org");
        r.setLocalPort(8080);
        r.setRemoteAddr("192.0.2.10");
        r.setRemoteHost("192.0.2.10");
        r.addHeader("Host", "www.example.org");
        r.addHeader("Connection", "keep-alive");
        r.addHeader("Upgrade-Insecure-Requests", "1");
        r.addHeader(
                "User-Agent",
                "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
                        + " Chrome/131.0.0.0 Safari/537.36");
        r.addHeader(
                "Accept",
                "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,"
                        + "image/apng,*/*;q=0.8");
        r.addHeader("Sec-Fetch-Site", "same-origin");
        r.addHeader("Sec-Fetch-Mode", "navigate");
        r.addHeader("Sec-Fetch-Dest", "document");
        r.addHeader("Referer", "https://www.example.org/");
        r.addHeader("Accept-Encoding", "gzip, deflate, br, zstd");
        r.addHeader("Accept-Language", "en-GB,en;q=0.9,de;q=0.8");
        r.addHeader("Cookie", "session=4f2a9c1e7b; theme=dark");
        return r;
    }
}
