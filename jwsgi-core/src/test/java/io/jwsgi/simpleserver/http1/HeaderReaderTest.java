package io.jwsgi.simpleserver.http1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwsgi.Header;
import io.jwsgi.simpleserver.ServerLimits;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HeaderReaderTest {

    private static List<Header> read(String raw, ServerLimits limits, boolean trailers) throws Exception {
        return new HeaderReader(new ConnectionInput(Wire.stream(raw)), Wire.limits(limits)).read(trailers);
    }

    private static List<Header> read(String raw) throws Exception {
        return read(raw, ServerLimits.defaults(), false);
    }

    @Test
    void readsFieldsInOrderAndTrimsValues() throws Exception {
        assertThat(read("Host: a\r\nX-A:  1 \t\r\nx-a:2\r\nEmpty:\r\n\r\n"))
                .containsExactly(
                        new Header("Host", "a"),
                        new Header("X-A", "1"),
                        new Header("x-a", "2"),
                        new Header("Empty", ""));
    }

    @Test
    void keepsObsTextAndInnerWhitespace() throws Exception {
        assertThat(read("X: a \u00ff\tb\r\n\r\n")).containsExactly(new Header("X", "a \u00ff\tb"));
    }

    /** '_' is a tchar: the field is read as any other; the environ is where such names are dropped. */
    @Test
    void keepsNamesWithUnderscoreAsReceived() throws Exception {
        assertThat(read("Transfer_Encoding: chunked\r\nX: 1\r\n\r\n"))
                .containsExactly(new Header("Transfer_Encoding", "chunked"), new Header("X", "1"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "X : 1\r\n\r\n",
                "X\t: 1\r\n\r\n",
                " X: 1\r\n\r\n",
                "X: 1\r\n continued\r\n\r\n",
                "X: a\u0000b\r\n\r\n",
                "X: a\u0007b\r\n\r\n",
                "X: a\u007fb\r\n\r\n",
                "X: a\rb\r\n\r\n",
                "X: a\nb\r\n\r\n",
                "NoColon\r\n\r\n",
                ": empty name\r\n\r\n",
                "X(y): 1\r\n\r\n",
                "X: 1\r\n",
                "X\u00e9: 1\r\n\r\n"
            })
    void refusesMalformedFieldsWith400(String raw) {
        assertThatThrownBy(() -> read(raw))
                .isInstanceOfSatisfying(
                        RequestException.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void headerBytesAtTheLimitPassAndOnePastFails() throws Exception {
        String section = "X: 12345\r\n\r\n"; // 12 bytes with the final CRLF
        ServerLimits limits = ServerLimits.builder().maxHeaderBytes(12).build();
        assertThat(read(section, limits, false)).hasSize(1);
        assertThatThrownBy(() -> read("X: 123456\r\n\r\n", limits, false))
                .isInstanceOfSatisfying(
                        RequestException.class, e -> assertThat(e.status()).isEqualTo(431))
                .hasMessageContaining("ServerLimits.maxHeaderBytes");
    }

    @Test
    void fieldCountAtTheLimitPassesAndOnePastFails() throws Exception {
        ServerLimits limits = ServerLimits.builder().maxHeaderFields(2).build();
        assertThat(read("A: 1\r\nB: 2\r\n\r\n", limits, false)).hasSize(2);
        assertThatThrownBy(() -> read("A: 1\r\nB: 2\r\nC_d: 3\r\n\r\n", limits, false))
                .isInstanceOfSatisfying(
                        RequestException.class, e -> assertThat(e.status()).isEqualTo(431))
                .hasMessageContaining("ServerLimits.maxHeaderFields");
    }

    @Test
    void refusesFramingFieldsInTrailers() throws Exception {
        assertThat(read("Vary: *\r\nX-Sum: 1\r\n\r\n", ServerLimits.defaults(), true))
                .hasSize(2);
        for (String name : List.of("Host", "content-length", "Transfer-Encoding")) {
            assertThatThrownBy(() -> read(name + ": 1\r\n\r\n", ServerLimits.defaults(), true))
                    .isInstanceOf(RequestException.class)
                    .hasMessageContaining("trailer");
        }
    }
}
