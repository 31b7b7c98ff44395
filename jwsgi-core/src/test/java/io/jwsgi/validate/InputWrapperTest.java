package io.jwsgi.validate;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class InputWrapperTest {

    private static InputWrapper over(String body, long contentLength) {
        return new InputWrapper(new ByteArrayInputStream(body.getBytes(US_ASCII)), contentLength);
    }

    /** A server stream that breaks the InputStream contract by returning {@code result}. */
    private static InputStream lying(int result) {
        return new InputStream() {
            @Override
            public int read() {
                return result;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return result;
            }

            @Override
            public long skip(long n) {
                return result;
            }

            @Override
            public int available() {
                return result;
            }
        };
    }

    @Test
    void passesTheBodyThroughEveryReadMethod() throws IOException {
        InputWrapper in = over("hello world", 11);
        assertThat(in.read()).isEqualTo('h');
        byte[] buffer = new byte[4];
        assertThat(in.read(buffer, 0, 4)).isEqualTo(4);
        assertThat(new String(buffer, US_ASCII)).isEqualTo("ello");
        assertThat(in.read(buffer, 0, 0)).isZero();
        assertThat(in.skip(1)).isEqualTo(1);
        assertThat(in.available()).isEqualTo(5);
        assertThat(new String(in.readAllBytes(), US_ASCII)).isEqualTo("world");
        assertThat(in.read()).isEqualTo(-1);
    }

    @Test
    void closeByTheApplicationIsAnError() {
        assertThatThrownBy(() -> over("", 0).close())
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("wsgi.input.close() must not be called by the application");
    }

    @Test
    void closeThroughTryWithResourcesIsAnErrorToo() {
        assertThatThrownBy(() -> {
                    try (InputStream in = over("abc", 3)) {
                        in.readAllBytes();
                    }
                })
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("close() must not be called");
    }

    @Test
    void aStreamYieldingMoreThanContentLengthIsAServerError() {
        InputWrapper in = over("hello world", 5);
        assertThatThrownBy(in::readAllBytes)
                .isInstanceOf(AssertionError.class)
                .hasMessage(
                        "wsgi.input yielded more than CONTENT_LENGTH (5) bytes; it must end at the end of the body");
        InputWrapper unknown = over("hello world", -1);
        assertThatCode(unknown::readAllBytes).doesNotThrowAnyException();
    }

    @Test
    void aReadAtExactlyContentLengthPasses() throws IOException {
        assertThat(over("hello", 5).readAllBytes()).hasSize(5);
    }

    @Test
    void aSingleByteReadOutsideTheByteRangeIsAnError() {
        assertThatThrownBy(() -> new InputWrapper(lying(256), -1).read())
                .isInstanceOf(AssertionError.class)
                .hasMessage("wsgi.input.read() returned 256, not a byte (0-255) or -1");
        assertThatThrownBy(() -> new InputWrapper(lying(-2), -1).read()).isInstanceOf(AssertionError.class);
    }

    @Test
    void aBulkReadReturningMoreThanAskedOrZeroIsAnError() {
        byte[] buffer = new byte[4];
        assertThatThrownBy(() -> new InputWrapper(lying(5), -1).read(buffer, 0, 4))
                .isInstanceOf(AssertionError.class)
                .hasMessage("wsgi.input.read(buffer, 0, 4) returned 5, outside -1..4");
        assertThatThrownBy(() -> new InputWrapper(lying(0), -1).read(buffer, 0, 4))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("returned 0; an InputStream must block");
    }

    @Test
    void aBulkReadWithBadBoundsIsTheCallersError() {
        assertThatThrownBy(() -> over("abc", 3).read(new byte[2], 1, 2)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void aBadSkipOrAvailableIsAnError() {
        assertThatThrownBy(() -> new InputWrapper(lying(-1), -1).skip(3))
                .isInstanceOf(AssertionError.class)
                .hasMessage("wsgi.input.skip(3) returned -1");
        assertThatThrownBy(() -> new InputWrapper(lying(9), -1).skip(3)).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> new InputWrapper(lying(-1), -1).available())
                .isInstanceOf(AssertionError.class)
                .hasMessage("wsgi.input.available() returned -1");
    }
}
