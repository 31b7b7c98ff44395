package io.jwsgi.simpleserver.http1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwsgi.Header;
import io.jwsgi.simpleserver.ServerLimits;
import org.junit.jupiter.api.Test;

class RequestParserTest {

    @Test
    void readsAHeadAndItsBody() throws Exception {
        RequestParser p = Wire.parser("POST /x HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello");
        Request r = p.read();
        assertThat(r.line().method()).isEqualTo("POST");
        assertThat(r.headers()).containsExactly(new Header("Host", "h"), new Header("Content-Length", "5"));
        assertThat(Wire.text(p.body(r).readAllBytes())).isEqualTo("hello");
        assertThat(p.read()).isNull();
    }

    @Test
    void readsPipelinedRequestsFromOneBuffer() throws Exception {
        RequestParser p = Wire.parser("POST /1 HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc"
                + "POST /2 HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nde\r\n0\r\n\r\n"
                + "GET /3 HTTP/1.1\r\n\r\n");
        Request r1 = p.read();
        assertThat(Wire.text(p.body(r1).readAllBytes())).isEqualTo("abc");
        Request r2 = p.read();
        assertThat(r2.line().target()).isEqualTo("/2");
        assertThat(Wire.text(p.body(r2).readAllBytes())).isEqualTo("de");
        Request r3 = p.read();
        assertThat(r3.line().target()).isEqualTo("/3");
        assertThat(p.body(r3).read()).isEqualTo(-1);
        assertThat(p.read()).isNull();
    }

    @Test
    void readsARequestArrivingOneByteAtATime() throws Exception {
        RequestParser p = new RequestParser(Wire.trickle("GET /a HTTP/1.0\r\nX: 1\r\n\r\n"), Wire.DEFAULTS);
        Request r = p.read();
        assertThat(r.line().version()).isEqualTo("HTTP/1.0");
        assertThat(r.headers()).containsExactly(new Header("X", "1"));
    }

    /** A name with '_' is not its dashed twin: Transfer_Encoding does not frame the body. */
    @Test
    void underscoreTwinsOfFramingFieldsDoNotFrame() throws Exception {
        RequestParser p = Wire.parser("POST /x HTTP/1.1\r\nTransfer_Encoding: chunked\r\nContent_Length: 9\r\n"
                + "Content-Length: 2\r\n\r\nokGET /next HTTP/1.1\r\n\r\n");
        Request r = p.read();
        assertThat(r.framing().chunked()).isFalse();
        assertThat(r.framing().contentLength()).isEqualTo(2);
        assertThat(Wire.text(p.body(r).readAllBytes())).isEqualTo("ok");
        assertThat(p.read().line().target()).isEqualTo("/next");
    }

    @Test
    void ignoresOneEmptyLineBeforeTheRequestLine() throws Exception {
        assertThat(Wire.parser("\r\nGET / HTTP/1.1\r\n\r\n").read().line().method())
                .isEqualTo("GET");
        assertThatThrownBy(() -> Wire.parser("\r\n\r\nGET / HTTP/1.1\r\n\r\n").read())
                .isInstanceOf(RequestException.class);
    }

    @Test
    void requestLineAtTheLimitPassesAndOnePastIs414() throws Exception {
        ServerLimits limits = ServerLimits.builder().maxRequestLineBytes(20).build();
        String atLimit = "GET /" + "a".repeat(6) + " HTTP/1.1"; // 20 bytes
        assertThat(atLimit).hasSize(20);
        assertThat(Wire.parser(atLimit + "\r\n\r\n", limits).read()).isNotNull();
        assertThatThrownBy(() -> Wire.parser("GET /" + "a".repeat(7) + " HTTP/1.1\r\n\r\n", limits)
                        .read())
                .isInstanceOfSatisfying(
                        RequestException.class, e -> assertThat(e.status()).isEqualTo(414))
                .hasMessageContaining("ServerLimits.maxRequestLineBytes");
    }

    @Test
    void headerErrorsAndFramingErrorsSurface() {
        assertThatThrownBy(() -> Wire.parser("GET / HTTP/1.1\r\nX : 1\r\n\r\n").read())
                .isInstanceOfSatisfying(
                        RequestException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(
                        () -> Wire.parser("GET / HTTP/1.1\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n")
                                .read())
                .isInstanceOfSatisfying(
                        RequestException.class, e -> assertThat(e.status()).isEqualTo(400));
    }
}
