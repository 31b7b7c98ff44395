package io.jwsgi.middleware;

import io.jwsgi.Header;
import io.jwsgi.StartResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Small plain-text responses shared by the applications of this package. */
final class Responses {

    private Responses() {}

    /**
     * Starts a response whose body is its status line in plain text, with extra headers, and
     * returns that body.
     */
    static Iterable<byte[]> plain(StartResponse startResponse, String status, Header... extra) throws Exception {
        byte[] body = (status + "\n").getBytes(StandardCharsets.ISO_8859_1);
        List<Header> headers = new ArrayList<>(List.of(extra));
        headers.add(new Header("Content-Type", "text/plain; charset=utf-8"));
        headers.add(new Header("Content-Length", Integer.toString(body.length)));
        startResponse.start(status, headers);
        return List.of(body);
    }
}
