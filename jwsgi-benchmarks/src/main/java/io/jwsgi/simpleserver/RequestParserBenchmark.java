package io.jwsgi.simpleserver;

import io.jwsgi.benchmarks.JmhSettings;
import io.jwsgi.simpleserver.http1.ParserLimits;
import io.jwsgi.simpleserver.http1.Request;
import io.jwsgi.simpleserver.http1.RequestParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * The standalone server's request parser (package-private, hence this package): the head of a
 * typical browser request, and a small chunked upload read to its end. Each call starts a new
 * {@link RequestParser} over the bytes in memory, as a new connection would.
 *
 * <pre>{@code
 * java -jar jwsgi-benchmarks/target/benchmarks.jar RequestParserBenchmark -f 1 -wi 3 -i 5
 * }</pre>
 */
public class RequestParserBenchmark extends JmhSettings {

    /** What a desktop browser sends for a page: 12 header fields, 680 bytes. */
    static final byte[] BROWSER_GET = bytes("GET /articles/2026/jwsgi-released?ref=home HTTP/1.1\r\n"
            + "Host: www.example.org\r\n"
            + "Connection: keep-alive\r\n"
            + "Upgrade-Insecure-Requests: 1\r\n"
            + "User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
            + " Chrome/131.0.0.0 Safari/537.36\r\n"
            + "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,"
            + "image/apng,*/*;q=0.8\r\n"
            + "Sec-Fetch-Site: same-origin\r\n"
            + "Sec-Fetch-Mode: navigate\r\n"
            + "Sec-Fetch-Dest: document\r\n"
            + "Referer: https://www.example.org/\r\n"
            + "Accept-Encoding: gzip, deflate, br, zstd\r\n"
            + "Accept-Language: en-GB,en;q=0.9,de;q=0.8\r\n"
            + "Cookie: session=4f2a9c1e7b; theme=dark\r\n"
            + "\r\n");

    /** A form upload in three chunks, with a trailer. */
    static final byte[] CHUNKED_POST = bytes("POST /upload HTTP/1.1\r\n"
            + "Host: www.example.org\r\n"
            + "Content-Type: application/x-www-form-urlencoded\r\n"
            + "Transfer-Encoding: chunked\r\n"
            + "\r\n"
            + "10\r\nname=jwsgi&lang=\r\n"
            + "4;ext=1\r\njava\r\n"
            + "9\r\n&ver=1.0.\r\n"
            + "0\r\nX-Checksum: 42\r\n\r\n");

    private final ParserLimits limits = ServerLimits.defaults().parserLimits();

    /** Creates the benchmark state (JMH does this). */
    public RequestParserBenchmark() {}

    /**
     * Parses the request line and headers of {@link #BROWSER_GET} and decides its framing.
     *
     * @return the parsed request
     * @throws IOException never (the request is well-formed)
     */
    @Benchmark
    public Request parseBrowserGet() throws IOException {
        return new RequestParser(new ByteArrayInputStream(BROWSER_GET), limits).read();
    }

    /**
     * Parses {@link #CHUNKED_POST} and decodes its body to the end.
     *
     * @return the decoded body
     * @throws IOException never (the request is well-formed)
     */
    @Benchmark
    public byte[] parseChunkedPost() throws IOException {
        RequestParser parser = new RequestParser(new ByteArrayInputStream(CHUNKED_POST), limits);
        return parser.body(parser.read()).readAllBytes();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
