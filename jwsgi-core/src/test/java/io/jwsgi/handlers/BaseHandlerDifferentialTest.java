package io.jwsgi.handlers;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.jwsgi.Application;
import io.jwsgi.Header;
import io.jwsgi.Write;
import io.jwsgi.util.WsgirefOracle;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compares the bytes {@link SimpleHandler} sends with those of CPython's {@code
 * wsgiref.handlers.SimpleHandler} for a few hundred seeded random responses: origin server or
 * gateway, client protocol (HTTP/0.9 to 1.1), response version, server software, status, headers,
 * and a body returned as a list, as a plain iterable, through {@code write}, or an application
 * that fails before or after output. Skipped where {@code python3} is missing.
 */
class BaseHandlerDifferentialTest {

    private static final int CASES = 300;
    private static final String FIXED_DATE = "Mon, 05 Jun 2006 18:49:54 GMT";

    private static final String PYTHON_OPS = """
            from wsgiref import handlers
            from io import BytesIO, StringIO
            @op
            def respond(origin, protocol, version, software, status, mode, headers, chunks):
                header_list = [tuple(h.split(':', 1)) for h in headers.split('\\n') if h]
                body = [c.encode('latin-1') for c in chunks.split('\\n')] if chunks else []
                def app(environ, start_response):
                    write = start_response(status, header_list)
                    if mode == 'write':
                        for c in body:
                            write(c)
                        return []
                    if mode == 'fail-before':
                        raise ValueError('before output')
                    if mode == 'fail-after':
                        write(b'partial')
                        raise ValueError('after output')
                    if mode == 'iterable':
                        return iter(body)
                    return body
                out = BytesIO()
                h = handlers.SimpleHandler(BytesIO(), out, StringIO(), {'SERVER_PROTOCOL': protocol})
                h.os_environ = {}
                h.origin_server = origin == 'y'
                h.http_version = version
                h.server_software = software or None
                h.run(app)
                return [out.getvalue().decode('latin-1')]
            """;

    private static final String[] STATUSES = {
        "200 OK", "201 Created", "204 No Content", "304 Not Modified", "404 Not Found", "500 Oops", "599 Tr\u00e8s"
    };
    private static final String[] MODES = {"list", "list", "iterable", "write", "fail-before", "fail-after"};
    private static final String[] NAMES = {"Content-Type", "X-Thing", "Set-Cookie", "Content-Length", "Server", "Vary"};
    private static final String[] VALUES = {"text/plain", "a=b; Path=/", "", "caf\u00e9", "1", "0", "Accept"};

    private record Case(
            boolean origin,
            String protocol,
            String version,
            String software,
            String status,
            String mode,
            List<Header> headers,
            List<String> chunks) {

        List<String> request() {
            StringBuilder headerLines = new StringBuilder();
            headers.forEach(h ->
                    headerLines.append(h.name()).append(':').append(h.value()).append('\n'));
            return List.of(
                    "respond",
                    origin ? "y" : "n",
                    protocol,
                    version,
                    software,
                    status,
                    mode,
                    headerLines.toString(),
                    String.join("\n", chunks));
        }
    }

    @Test
    void responsesAreByteForByteThoseOfWsgiref(@TempDir Path work) throws Exception {
        Random random = new Random(3333);
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            cases.add(randomCase(random));
        }
        List<List<String>> requests = cases.stream().map(Case::request).toList();
        List<List<String>> answers;
        try {
            answers = WsgirefOracle.run(PYTHON_OPS, requests, work);
        } catch (WsgirefOracle.Unavailable e) {
            Assumptions.abort(e.getMessage());
            return;
        }
        for (int i = 0; i < CASES; i++) {
            assertThat(withoutClock(respond(cases.get(i))))
                    .as("case %d: %s", i, cases.get(i))
                    .isEqualTo(withoutClock(answers.get(i).get(0)));
        }
    }

    /**
     * Replaces a Date the handler took from the clock (an origin server's error page) with a
     * placeholder: the two sides run at different moments. The application's fixed Date stays.
     */
    private static String withoutClock(String response) {
        return CLOCK_DATE.matcher(response).replaceAll("Date: (clock)");
    }

    private static final Pattern CLOCK_DATE = Pattern.compile("Date: (?!" + Pattern.quote(FIXED_DATE) + ")[^\r]*");

    private static Case randomCase(Random random) {
        boolean origin = random.nextBoolean();
        List<Header> headers = new ArrayList<>();
        int count = random.nextInt(4);
        for (int i = 0; i < count; i++) {
            String name = NAMES[random.nextInt(NAMES.length)];
            String value = name.equals("Content-Length")
                    ? Integer.toString(random.nextInt(20))
                    : VALUES[random.nextInt(VALUES.length)];
            headers.add(Header.of(name, value));
        }
        if (origin) {
            headers.add(Header.of("Date", FIXED_DATE)); // so that both sides send the same one
        }
        List<String> chunks = new ArrayList<>();
        int chunkCount = random.nextInt(4);
        for (int i = 0; i < chunkCount; i++) {
            StringBuilder chunk = new StringBuilder();
            int length = 1 + random.nextInt(12);
            for (int j = 0; j < length; j++) {
                chunk.append((char) (random.nextBoolean() ? 'a' + random.nextInt(26) : 0xA0 + random.nextInt(96)));
            }
            chunks.add(chunk.toString());
        }
        return new Case(
                origin,
                List.of("HTTP/0.9", "HTTP/1.0", "HTTP/1.1").get(random.nextInt(3)),
                random.nextBoolean() ? "1.0" : "1.1",
                random.nextBoolean() ? "" : "FooBar/1.0",
                STATUSES[random.nextInt(STATUSES.length)],
                MODES[random.nextInt(MODES.length)],
                headers,
                chunks);
    }

    private static String respond(Case c) {
        List<byte[]> body = c.chunks().stream().map(s -> s.getBytes(ISO_8859_1)).toList();
        Application app = (environ, start) -> {
            Write write = start.start(c.status(), c.headers());
            switch (c.mode()) {
                case "write" -> {
                    for (byte[] chunk : body) {
                        write.write(chunk);
                    }
                    return List.of();
                }
                case "fail-before" -> throw new IllegalArgumentException("before output");
                case "fail-after" -> {
                    write.write("partial".getBytes(ISO_8859_1));
                    throw new IllegalArgumentException("after output");
                }
                case "iterable" -> {
                    return body::iterator; // not a Collection: no Content-Length
                }
                default -> {
                    return body;
                }
            }
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SimpleHandler h = new SimpleHandler(
                InputStream.nullInputStream(),
                out,
                new PrintStream(new ByteArrayOutputStream(), true, UTF_8),
                Map.of("SERVER_PROTOCOL", c.protocol()));
        h.osEnviron = Map.of();
        h.originServer = c.origin();
        h.httpVersion = c.version();
        h.serverSoftware = c.software().isEmpty() ? null : c.software();
        h.run(app);
        return out.toString(ISO_8859_1);
    }
}
