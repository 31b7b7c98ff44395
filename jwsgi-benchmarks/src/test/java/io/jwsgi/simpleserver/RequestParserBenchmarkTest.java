package io.jwsgi.simpleserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwsgi.simpleserver.http1.Request;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Runs the benchmark methods once, untimed, to check they parse what they claim to. */
class RequestParserBenchmarkTest {

    private final RequestParserBenchmark benchmark = new RequestParserBenchmark();

    @Test
    void parsesTheWholeBrowserRequestHead() throws Exception {
        Request request = benchmark.parseBrowserGet();
        assertThat(request.line().method()).isEqualTo("GET");
        assertThat(request.line().target()).isEqualTo("/articles/2026/jwsgi-released?ref=home");
        assertThat(request.headers()).hasSize(12);
        assertThat(request.framing().keepAlive()).isTrue();
        assertThat(request.framing().hasBody()).isFalse();
    }

    @Test
    void decodesTheWholeChunkedBody() throws Exception {
        assertThat(new String(benchmark.parseChunkedPost(), StandardCharsets.ISO_8859_1))
                .isEqualTo("name=jwsgi&lang=java&ver=1.0.");
    }
}
