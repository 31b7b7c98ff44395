package io.jwsgi.simpleserver.http1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwsgi.simpleserver.ServerLimits;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChunkedInputStreamTest {

    private static String decode(String raw, ServerLimits limits) throws IOException {
        return Wire.text(new ChunkedInputStream(Wire.stream(raw), Wire.limits(limits)).readAllBytes());
    }

    private static String decode(String raw) throws IOException {
        return decode(raw, ServerLimits.defaults());
    }

    @Test
    void decodesChunksAndEndsAfterTheLastOne() throws Exception {
        assertThat(decode("5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n")).isEqualTo("hello world");
        assertThat(decode("0\r\n\r\n")).isEmpty();
    }

    @Test
    void acceptsLeadingZerosUppercaseHexAndExtensions() throws Exception {
        assertThat(decode("0005\r\nhello\r\n0\r\n\r\n")).isEqualTo("hello");
        assertThat(decode("A\r\n0123456789\r\n0\r\n\r\n")).isEqualTo("0123456789");
        assertThat(decode("5;foo=\"bar baz\";x;y = z\r\nhello\r\n0;last\r\n\r\n"))
                .isEqualTo("hello");
        assertThat(decode("5;a=\"q\\\"uote\"\r\nhello\r\n0\r\n\r\n")).isEqualTo("hello");
    }

    @Test
    void parsesAndDiscardsTrailers() throws Exception {
        assertThat(decode("1\r\nx\r\n0\r\nVary: *\r\nX-Checksum: 1\r\n\r\n")).isEqualTo("x");
    }

    @Test
    void readsOneByteAtATimeWithoutReadingPastTheBody() throws Exception {
        ConnectionInput in = new ConnectionInput(Wire.trickle("3\r\nabc\r\n0\r\n\r\nNEXT"));
        ChunkedInputStream body = new ChunkedInputStream(in, Wire.DEFAULTS);
        assertThat(Wire.text(body.readAllBytes())).isEqualTo("abc");
        assertThat(Wire.text(in.readAllBytes())).isEqualTo("NEXT");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "6_0\r\n world\r\n0\r\n\r\n",
                "-5\r\nhello\r\n0\r\n\r\n",
                "+5\r\nhello\r\n0\r\n\r\n",
                " 5\r\nhello\r\n0\r\n\r\n",
                "5\r\nhello\r\n0 \r\n\r\n",
                "5 ;a=b\r\nhello\r\n0\r\n\r\n",
                "5\n;\r\nhello\r\n0\r\n\r\n",
                " ;foo=bar\r\nhello\r\n0\r\n\r\n",
                "\r\nhello\r\n0\r\n\r\n",
                "5;ext=val\rue\r\nhello\r\n0\r\n\r\n",
                "5;=v\r\nhello\r\n0\r\n\r\n",
                "5;a=\r\nhello\r\n0\r\n\r\n",
                "5;a=\"open\r\nhello\r\n0\r\n\r\n",
                "5\r\nhelloXX0\r\n\r\n",
                "5\r\nhel",
                "0\r\n",
                "0\r\nHost: x\r\n\r\n",
                "0\r\nContent-Length: 1\r\n\r\n",
                "1000000000000000\r\n",
                "5\r\nhello\r\n6\r\n world\r\n\r\n"
            })
    void refusesMalformedBodiesWith400(String raw) {
        assertThatThrownBy(() -> decode(raw))
                .isInstanceOfSatisfying(
                        RequestException.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void bodyAtTheLimitPassesAndOnePastIs413() throws Exception {
        ServerLimits limits = ServerLimits.builder().maxBodyBytes(5).build();
        assertThat(decode("2\r\nab\r\n3\r\ncde\r\n0\r\n\r\n", limits)).isEqualTo("abcde");
        assertThatThrownBy(() -> decode("2\r\nab\r\n4\r\ncdef\r\n0\r\n\r\n", limits))
                .isInstanceOfSatisfying(
                        RequestException.class, e -> assertThat(e.status()).isEqualTo(413))
                .hasMessageContaining("ServerLimits.maxBodyBytes");
    }

    @Test
    void chunkLineAtTheLimitPassesAndOnePastFails() throws Exception {
        ServerLimits limits = ServerLimits.builder().maxChunkLineBytes(6).build();
        assertThat(decode("1;a=bc\r\nx\r\n0\r\n\r\n", limits)).isEqualTo("x");
        assertThatThrownBy(() -> decode("1;a=bcd\r\nx\r\n0\r\n\r\n", limits))
                .hasMessageContaining("ServerLimits.maxChunkLineBytes");
    }

    @Test
    void remembersItsFailureAndThrowsItAgain() throws Exception {
        ChunkedInputStream body = new ChunkedInputStream(Wire.stream("zz\r\n"), Wire.DEFAULTS);
        assertThatThrownBy(body::read).isInstanceOf(RequestException.class);
        assertThat(body.failure()).isNotNull();
        assertThatThrownBy(body::read).isSameAs(body.failure());
    }
}
