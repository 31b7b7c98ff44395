package io.jwsgi.benchmarks;

import io.jwsgi.headers.Headers;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * {@link Headers}, as a handler uses it for every response: building a typical header list,
 * case-insensitive lookups (a hit and a miss), and serialising it with {@link Headers#toBytes()}.
 *
 * <pre>{@code
 * java -jar jwsgi-benchmarks/target/benchmarks.jar HeadersBenchmark -f 1 -wi 3 -i 5
 * }</pre>
 */
public class HeadersBenchmark extends JmhSettings {

    private static final Map<String, String> DISPOSITION = new LinkedHashMap<>();

    static {
        DISPOSITION.put("filename", "report.csv");
        DISPOSITION.put("inline_preview", null);
    }

    private final Headers typical = typicalResponseHeaders();

    /** Creates the benchmark state (JMH does this). */
    public HeadersBenchmark() {}

    /**
     * Builds the headers of a typical response (eight fields, one with parameters).
     *
     * @return the headers
     */
    @Benchmark
    public Headers build() {
        return typicalResponseHeaders();
    }

    /**
     * Looks up a header present near the end of the list, in another case.
     *
     * @return its value
     */
    @Benchmark
    public String lookupPresent() {
        return typical.get("content-length");
    }

    /**
     * Looks up a header that is absent (the whole list is scanned).
     *
     * @return null
     */
    @Benchmark
    public String lookupAbsent() {
        return typical.get("X-Request-Id");
    }

    /**
     * Serialises the headers as they go on the wire.
     *
     * @return the ISO-8859-1 bytes, blank line included
     */
    @Benchmark
    public byte[] toBytes() {
        return typical.toBytes();
    }

    static Headers typicalResponseHeaders() {
        Headers h = new Headers();
        h.addHeader("Content-Type", "text/html; charset=utf-8");
        h.addHeader("Cache-Control", "no-cache");
        h.addHeader("Set-Cookie", "session=abc123; Path=/; HttpOnly");
        h.addHeader("Set-Cookie", "theme=dark; Path=/");
        h.addHeader("Vary", "Accept-Encoding");
        h.addHeader("Content-Disposition", "attachment", DISPOSITION);
        h.setDefault("Server", "jwsgi");
        h.set("Content-Length", "1234");
        return h;
    }
}
