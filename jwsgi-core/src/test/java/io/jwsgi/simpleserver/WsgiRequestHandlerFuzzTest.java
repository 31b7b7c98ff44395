package io.jwsgi.simpleserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.jwsgi.Application;
import io.jwsgi.Environ;
import io.jwsgi.Header;
import io.jwsgi.simpleserver.http1.RequestParserFuzzTest;
import io.jwsgi.testfixtures.InMemorySocket;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes a whole connection of the standalone server: arbitrary bytes go to a {@link
 * WsgiRequestHandler} over an in-memory socket whose application echoes the length of the body it
 * read. The responses must be exactly what the parser says the bytes are: one {@code 200} per
 * request the parser accepts (stopping after one that does not keep the connection), then one 4xx
 * (or 501/505) if the parser refuses what follows, then nothing. So no smuggled request is ever
 * answered, no refusal is ever a 2xx, and {@code handle()} never throws or hangs. The seeds are
 * {@link RequestParserFuzzTest}'s (the gunicorn corpus).
 */
class WsgiRequestHandlerFuzzTest {

    /** Answers 200 with the number of body bytes it read from {@code wsgi.input}. */
    static final Application BODY_LENGTH_APP = (environ, startResponse) -> {
        byte[] body = ((InputStream) environ.get(Environ.WSGI_INPUT)).readAllBytes();
        byte[] answer = Integer.toString(body.length).getBytes(StandardCharsets.US_ASCII);
        startResponse.start("200 OK", List.of(Header.of("Content-Length", Integer.toString(answer.length))));
        return List.of(answer);
    };

    /** The handler's error stream: the app's refused bodies would log a trace per input. */
    static final PrintStream DISCARD = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);

    private static WsgiServer server;

    @BeforeAll
    static void makeServer() throws IOException {
        server = SimpleServer.makeServer("127.0.0.1", 0, BODY_LENGTH_APP);
        server.setLimits(RequestParserFuzzTest.LIMITS);
        server.setLogRequests(false);
    }

    @AfterAll
    static void closeServer() {
        server.close();
    }

    @FuzzTest(maxDuration = "5m")
    @Timeout(10)
    void answersExactlyTheRequestsTheParserAccepts(byte[] data) throws IOException {
        List<RequestParserFuzzTest.Parsed> requests = new ArrayList<>();
        boolean refused = expectedExchange(data, requests);

        InMemorySocket socket = new InMemorySocket(data);
        new WsgiRequestHandler(socket, server) {
            @Override
            public PrintStream getStderr() {
                return DISCARD;
            }
        }.handle();

        List<Response> responses = Response.readAll(socket.written().toByteArray(), requests);
        assertThat(responses).hasSize(requests.size() + (refused ? 1 : 0));
        for (int i = 0; i < requests.size(); i++) {
            RequestParserFuzzTest.Parsed request = requests.get(i);
            assertThat(responses.get(i).status()).as("status of request %d", i).isEqualTo(200);
            String expectedBody = request.line().method().equals("HEAD")
                    ? ""
                    : Integer.toString(request.body().length());
            assertThat(responses.get(i).body()).isEqualTo(expectedBody);
        }
        if (refused) {
            int status = responses.get(requests.size()).status();
            assertThat(status)
                    .satisfiesAnyOf(
                            s -> assertThat(s).isBetween(400, 499),
                            s -> assertThat(s).isIn(501, 505));
        }
    }

    /**
     * Fills {@code requests} with what the parser accepts, up to the first request that does not
     * keep the connection open, and returns true if the parser then refuses the rest.
     */
    private static boolean expectedExchange(byte[] data, List<RequestParserFuzzTest.Parsed> requests)
            throws IOException {
        RequestParserFuzzTest.Outcome outcome =
                RequestParserFuzzTest.parseConnection(new ByteArrayInputStream(data), Integer.MAX_VALUE);
        for (RequestParserFuzzTest.Parsed request : outcome.requests()) {
            requests.add(request);
            if (!request.framing().keepAlive()) {
                return false;
            }
        }
        return outcome.refused();
    }

    /** One response read back from the connection's output; 1xx interim responses are skipped. */
    record Response(int status, String body) {

        /** Reads the responses; those to the HEAD requests among {@code requests} have no body. */
        static List<Response> readAll(byte[] bytes, List<RequestParserFuzzTest.Parsed> requests) {
            String s = new String(bytes, StandardCharsets.ISO_8859_1);
            List<Response> out = new ArrayList<>();
            int pos = 0;
            while (pos < s.length()) {
                int headEnd = s.indexOf("\r\n\r\n", pos);
                assertThat(headEnd).as("end of a response head at %d", pos).isPositive();
                String[] lines = s.substring(pos, headEnd).split("\r\n");
                assertThat(lines[0]).matches("HTTP/1\\.[01] [1-5][0-9][0-9] .*");
                int status = Integer.parseInt(lines[0].substring(9, 12));
                int length = 0;
                for (int i = 1; i < lines.length; i++) {
                    String line = lines[i].toLowerCase(Locale.ROOT);
                    assertThat(line).doesNotStartWith("transfer-encoding");
                    if (line.startsWith("content-length:")) {
                        length = Integer.parseInt(line.substring(15).strip());
                    }
                }
                pos = headEnd + 4;
                if (status < 200) {
                    continue;
                }
                boolean head = out.size() < requests.size()
                        && requests.get(out.size()).line().method().equals("HEAD");
                String body = head ? "" : s.substring(pos, Math.min(s.length(), pos + length));
                pos += body.length();
                out.add(new Response(status, body));
            }
            return out;
        }
    }
}
