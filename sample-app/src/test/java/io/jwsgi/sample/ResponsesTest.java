package io.jwsgi.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwsgi.Header;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponsesTest {

    @Test
    void quotesEveryByteOutsideUnreservedAndSlash() {
        assertThat(Responses.quotePath("/a-b_c.d~e/f g\"<\u00c3\u00a9")).isEqualTo("/a-b_c.d~e/f%20g%22%3C%C3%A9");
        assertThatThrownBy(() -> Responses.quotePath("/\u20ac")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void startsWithTypeLengthAndNosniffThenTheExtraHeaders() throws Exception {
        List<Object> started = new ArrayList<>();
        Iterable<byte[]> body = Responses.send(
                (status, headers, excInfo) -> {
                    started.add(status);
                    started.addAll(headers);
                    return data -> {};
                },
                201,
                "text/plain; charset=utf-8",
                "é",
                List.of(Header.of("Location", "/x")));
        assertThat(started)
                .containsExactly(
                        "201 Created",
                        new Header("Content-Type", "text/plain; charset=utf-8"),
                        new Header("Content-Length", "2"),
                        new Header("X-Content-Type-Options", "nosniff"),
                        new Header("Location", "/x"));
        assertThat(body).containsExactly("é".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void knowsTheReasonPhrasesItUses() {
        assertThat(Responses.status(303)).isEqualTo("303 See Other");
        assertThat(Responses.status(503)).isEqualTo("503 Service Unavailable");
        assertThatThrownBy(() -> Responses.status(418)).isInstanceOf(IllegalArgumentException.class);
    }
}
