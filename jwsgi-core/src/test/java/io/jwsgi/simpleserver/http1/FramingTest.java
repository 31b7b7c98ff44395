package io.jwsgi.simpleserver.http1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwsgi.Header;
import io.jwsgi.simpleserver.ServerLimits;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FramingTest {

    private static final RequestLine HTTP11 = new RequestLine("POST", "/", "HTTP/1.1", "POST / HTTP/1.1");
    private static final RequestLine HTTP10 = new RequestLine("POST", "/", "HTTP/1.0", "POST / HTTP/1.0");

    /** Headers from "Name: value" strings. */
    private static List<Header> headers(String... fields) {
        List<Header> out = new ArrayList<>();
        for (String f : fields) {
            int c = f.indexOf(':');
            out.add(new Header(f.substring(0, c), f.substring(c + 1).trim()));
        }
        return out;
    }

    private static Framing decide(RequestLine line, String... fields) throws RequestException {
        return Framing.decide(line, headers(fields), Wire.DEFAULTS);
    }

    private static int status(RequestLine line, String... fields) {
        try {
            decide(line, fields);
            return 200;
        } catch (RequestException e) {
            return e.status();
        }
    }

    @Test
    void noBodyWithoutFramingHeaders() throws Exception {
        Framing f = decide(HTTP11, "Host: a");
        assertThat(f).isEqualTo(new Framing(-1, false, false, true));
        assertThat(f.hasBody()).isFalse();
    }

    @Test
    void contentLengthGivesAFixedBody() throws Exception {
        assertThat(decide(HTTP11, "Content-Length: 007").contentLength()).isEqualTo(7);
        assertThat(decide(HTTP11, "Content-Length: 0").hasBody()).isFalse();
    }

    @Test
    void chunkedMayFollowOtherKnownCodings() throws Exception {
        assertThat(decide(HTTP11, "Transfer-Encoding: chunked").chunked()).isTrue();
        assertThat(decide(HTTP11, "Transfer-Encoding: gzip", "Transfer-Encoding: chunked")
                        .chunked())
                .isTrue();
        assertThat(decide(HTTP11, "Transfer-Encoding: identity , CHUNKED").chunked())
                .isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Content-Length: +1",
                "Content-Length: -0",
                "Content-Length: 0_1",
                "Content-Length: 5, 5",
                "Content-Length: 3 1",
                "Content-Length: ",
                "Content-Length: 1234567890123456789",
                "Transfer-Encoding: chunked, gzip",
                "Transfer-Encoding: gzip",
                "Transfer-Encoding: chunked, chunked",
                "Transfer-Encoding: ",
                "Transfer-Encoding: chunked,"
            })
    void refusesMalformedFraming(String field) {
        assertThat(status(HTTP11, field)).isEqualTo(400);
    }

    @Test
    void refusesAmbiguousCombinations() {
        assertThat(status(HTTP11, "Content-Length: 1", "Content-Length: 1")).isEqualTo(400);
        assertThat(status(HTTP11, "Content-Length: 3", "Transfer-Encoding: chunked"))
                .isEqualTo(400);
        assertThat(status(HTTP10, "Transfer-Encoding: chunked")).isEqualTo(400);
        assertThat(status(HTTP11, "Transfer-Encoding: chunked", "Transfer-Encoding: identity"))
                .isEqualTo(400);
        assertThat(status(HTTP11, "Host: a", "host: b")).isEqualTo(400);
        assertThat(status(HTTP11, "Content-Type: a", "Content-Type: a")).isEqualTo(400);
    }

    @Test
    void identityAloneCountsAsNoTransferCoding() throws Exception {
        assertThat(decide(HTTP11, "Transfer-Encoding: identity", "Content-Length: 5")
                        .contentLength())
                .isEqualTo(5);
        assertThat(decide(HTTP11, "Transfer-Encoding: identity").hasBody()).isFalse();
    }

    @Test
    void unknownTransferCodingIsNotImplemented() {
        assertThat(status(HTTP11, "Transfer-Encoding: br, chunked")).isEqualTo(501);
    }

    @Test
    void bodyLimitAtTheLimitPassesAndOnePastIs413() throws Exception {
        ServerLimits limits = ServerLimits.builder().maxBodyBytes(10).build();
        assertThat(Framing.decide(HTTP11, headers("Content-Length: 10"), Wire.limits(limits))
                        .contentLength())
                .isEqualTo(10);
        assertThatThrownBy(() -> Framing.decide(HTTP11, headers("Content-Length: 11"), Wire.limits(limits)))
                .isInstanceOfSatisfying(
                        RequestException.class, e -> assertThat(e.status()).isEqualTo(413))
                .hasMessageContaining("ServerLimits.maxBodyBytes");
        ServerLimits unlimited =
                ServerLimits.builder().maxBodyBytes(ServerLimits.UNLIMITED).build();
        assertThat(Framing.decide(HTTP11, headers("Content-Length: 999999999999"), Wire.limits(unlimited))
                        .contentLength())
                .isEqualTo(999999999999L);
    }

    @Test
    void keepAliveFollowsVersionAndConnection() throws Exception {
        assertThat(decide(HTTP11).keepAlive()).isTrue();
        assertThat(decide(HTTP11, "Connection: Close").keepAlive()).isFalse();
        assertThat(decide(HTTP11, "Connection: upgrade, close").keepAlive()).isFalse();
        assertThat(decide(HTTP10).keepAlive()).isFalse();
        assertThat(decide(HTTP10, "Connection: Keep-Alive").keepAlive()).isTrue();
    }

    @Test
    void expectContinueOnlyOnHttp11() throws Exception {
        assertThat(decide(HTTP11, "Expect: 100-Continue").expectContinue()).isTrue();
        assertThat(decide(HTTP10, "Expect: 100-continue").expectContinue()).isFalse();
        assertThat(decide(HTTP11, "Expect: other").expectContinue()).isFalse();
    }
}
