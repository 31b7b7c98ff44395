package io.jwsgi.bench;

import io.jwsgi.Application;
import io.jwsgi.Header;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The hello-world response that every server of the benchmark sends, and its JWSGI application. */
final class Hello {

    /** The body: 14 bytes, the same from every server (nginx and the Python ones included). */
    static final byte[] BODY = "Hello, world!\n".getBytes(StandardCharsets.US_ASCII);

    static final String CONTENT_TYPE = "text/plain";

    private static final List<Header> HEADERS =
            List.of(Header.of("Content-Type", CONTENT_TYPE), Header.of("Content-Length", String.valueOf(BODY.length)));

    private Hello() {}

    /** The JWSGI hello world, as a user would write it; the standalone server and the bridge run this same object. */
    static Application app() {
        return (environ, startResponse) -> {
            startResponse.start("200 OK", HEADERS);
            return List.of(BODY);
        };
    }
}
