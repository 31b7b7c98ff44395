package io.jwsgi.simpleserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jwsgi.simpleserver.http1.RequestException;
import io.jwsgi.simpleserver.http1.RequestParser;
import io.jwsgi.simpleserver.http1.Wire;
import org.junit.jupiter.api.Test;

class ErrorResponsesTest {

    /** The refusal the parser gives for {@code raw}, as the connection loop receives it. */
    private static RequestException refusalOf(String raw) {
        return catchThrowableOfType(
                RequestException.class, () -> new RequestParser(Wire.stream(raw), Wire.DEFAULTS).read());
    }

    @Test
    void theBodyIsTheReasonPhraseAndANewline() {
        assertThat(Wire.text(ErrorResponses.body(400))).isEqualTo("Bad Request\n");
        assertThat(Wire.text(ErrorResponses.body(413))).isEqualTo("Content Too Large\n");
        assertThat(Wire.text(ErrorResponses.body(431))).isEqualTo("Request Header Fields Too Large\n");
    }

    @Test
    void aRefusalClosesTheConnectionAndNeverShowsTheLogMessage() {
        RequestException refusal = refusalOf("GET / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n");
        assertThat(refusal.status()).isEqualTo(400);
        String answer = Wire.text(ErrorResponses.refusal(refusal));
        assertThat(answer)
                .startsWith("HTTP/1.1 400 Bad Request\r\nDate: ")
                .contains("\r\nServer: " + SimpleServer.SOFTWARE_VERSION + "\r\n")
                .contains("\r\nContent-Type: text/plain; charset=utf-8\r\n")
                .endsWith("\r\nContent-Length: 12\r\nConnection: close\r\n\r\nBad Request\n")
                .doesNotContain(refusal.getMessage());
        assertThat(answer.substring(answer.indexOf("Date: ") + 6, answer.indexOf("\r\nServer")))
                .matches("[A-Z][a-z]{2}, \\d\\d [A-Z][a-z]{2} \\d{4} \\d\\d:\\d\\d:\\d\\d GMT");
    }

    @Test
    void aRefusalOfAnOtherStatusCarriesItsOwnStatusLine() {
        RequestException refusal = refusalOf("GET / HTTP/2.0\r\n\r\n");
        assertThat(Wire.text(ErrorResponses.refusal(refusal)))
                .startsWith("HTTP/1.1 " + refusal.statusLine() + "\r\n")
                .endsWith("\r\n\r\n" + RequestException.reason(refusal.status()) + "\n");
    }
}
