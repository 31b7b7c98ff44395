package io.jwsgi.simpleserver;

import io.jwsgi.Application;
import io.jwsgi.Header;
import io.jwsgi.StartResponse;
import io.jwsgi.testfixtures.ConformanceEcho;
import java.util.Map;

/**
 * The echo application of the HTTP conformance harness ({@link ConformanceEcho}: {@code
 * shared/conformance/README.md}, "Echo contract") as an {@link Application}.
 */
final class EchoApp implements Application {

    @Override
    public Iterable<byte[]> call(Map<String, Object> environ, StartResponse startResponse) throws Exception {
        return ConformanceEcho.call(
                environ,
                (status, headers) -> startResponse.start(
                        status,
                        headers.stream()
                                .map(h -> Header.of(h.getKey(), h.getValue()))
                                .toList()));
    }
}
