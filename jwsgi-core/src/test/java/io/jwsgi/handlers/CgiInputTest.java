package io.jwsgi.handlers;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** CgiInput: standard input cut at CONTENT_LENGTH. */
class CgiInputTest {

    private static InputStream stdin(String s) {
        return new ByteArrayInputStream(s.getBytes(ISO_8859_1));
    }

    @Test
    void readingStopsAtContentLengthEvenWhenMoreFollows() throws IOException {
        InputStream body = CgiInput.of(stdin("hello, and what the server sent after it"), "5");
        assertThat(body.available()).isEqualTo(5);
        assertThat(new String(body.readAllBytes(), ISO_8859_1)).isEqualTo("hello");
        assertThat(body.read()).isEqualTo(-1);
        assertThat(body.read(new byte[4], 0, 4)).isEqualTo(-1);
        assertThat(body.available()).isZero();
    }

    @Test
    void singleByteReadsCountToo() throws IOException {
        InputStream body = CgiInput.of(stdin("ab!"), "2");
        assertThat(body.read()).isEqualTo('a');
        assertThat(body.read()).isEqualTo('b');
        assertThat(body.read()).isEqualTo(-1);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "-1", "+5", "5 ", "0x10", "abc", "99999999999999999999"})
    void anAbsentOrMalformedLengthMeansNoBody(String contentLength) throws IOException {
        assertThat(CgiInput.of(stdin("unexpected"), contentLength).readAllBytes())
                .isEmpty();
    }

    @Test
    void aBodyShorterThanContentLengthIsAnError() throws IOException {
        InputStream body = CgiInput.of(stdin("abc"), "10");
        assertThat(body.readNBytes(3)).hasSize(3);
        assertThatThrownBy(body::read).isInstanceOf(EOFException.class).hasMessageContaining("7 bytes");
        assertThatThrownBy(() -> CgiInput.of(stdin(""), "1").read(new byte[1], 0, 1))
                .isInstanceOf(EOFException.class);
    }

    @Test
    void aZeroLengthReadReadsNothing() throws IOException {
        assertThat(CgiInput.of(stdin("x"), "1").read(new byte[1], 0, 0)).isZero();
    }
}
