package io.jwsgi.simpleserver;

import io.jwsgi.Application;
import io.jwsgi.Header;
import io.jwsgi.StartResponse;
import io.jwsgi.testfixtures.ConformanceEcho;
import java.util.List;
import java.util.Map;

/**
 * The echo application of the HTTP conformance harness ({@link ConformanceEcho}: {@code
 * shared/conformance/README.md}, "Echo contract") as an {@link Application}.
 */
final class EchoApp implements Application {

    @Override
    public Iterable<byte[]> call(Map<String, Object> environ, StartResponse startResponse) throws Exception {
        byte[] out = ConformanceEcho.answer(environ);
        startResponse.start(
                "200 OK",
                List.of(
                        Header.of("Content-Type", ConformanceEcho.CONTENT_TYPE),
                        Header.of("Content-Length", Integer.toString(out.length))));
        return List.of(out);
    }
}
