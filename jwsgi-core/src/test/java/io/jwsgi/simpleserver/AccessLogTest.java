package io.jwsgi.simpleserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/**
 * The access log's lines, each expected string being what CPython 3.13's {@code
 * http.server.BaseHTTPRequestHandler} writes for the same call (its {@code log_request}, {@code
 * log_error("code %d, message %s", ...)} and {@code log_message}, with {@code address_string()}
 * and {@code log_date_time_string()} fixed to the values given here).
 */
class AccessLogTest {

    private static final LocalDateTime NOW = LocalDateTime.of(2026, 12, 5, 9, 4, 3);

    @Test
    void requestLineIsQuotedAndFollowedByCodeAndSize() {
        assertThat(AccessLog.line("192.0.2.7", NOW, AccessLog.requestMessage("GET /hello HTTP/1.1", "200", "13")))
                .isEqualTo("192.0.2.7 - - [05/Dec/2026 09:04:03] \"GET /hello HTTP/1.1\" 200 13\n");
        assertThat(AccessLog.line("192.0.2.7", NOW, AccessLog.requestMessage("", "400", "-")))
                .isEqualTo("192.0.2.7 - - [05/Dec/2026 09:04:03] \"\" 400 -\n");
    }

    @Test
    void controlCharsOfC0AndC1AndTheBackslashAreEscapedAndOtherCharsKept() {
        String requestLine = "GET /a\\b\u0001\u0085\u00e9\u20ac\u007f HTTP/1.1";
        assertThat(AccessLog.line("192.0.2.7", NOW, AccessLog.requestMessage(requestLine, "200", "13")))
                .isEqualTo("192.0.2.7 - - [05/Dec/2026 09:04:03] \"GET /a\\\\b\\x01\\x85\u00e9\u20ac\\x7f HTTP/1.1\""
                        + " 200 13\n");
    }

    @Test
    void aRefusedRequestIsLoggedAsSendErrorLogsIt() {
        assertThat(AccessLog.line(
                        "192.0.2.7",
                        NOW,
                        AccessLog.errorMessage(431, "header section over ServerLimits.maxHeaderBytes")))
                .isEqualTo("192.0.2.7 - - [05/Dec/2026 09:04:03] code 431, message header section over"
                        + " ServerLimits.maxHeaderBytes\n");
    }

    @Test
    void theDateHasTwoDigitDaysAndEnglishMonthNames() {
        for (int month = 1; month <= 12; month++) {
            String line = AccessLog.line("::1", LocalDateTime.of(987, month, 1, 0, 0, 0), "m");
            assertThat(line).matches("::1 - - \\[01/[A-Z][a-z]{2}/0987 00:00:00\\] m\n");
        }
        assertThat(AccessLog.line("::1", LocalDateTime.of(2026, 9, 30, 23, 59, 59), "m"))
                .isEqualTo("::1 - - [30/Sep/2026 23:59:59] m\n");
    }

    @Test
    void aMessageWithoutControlsIsReturnedAsItIs() {
        String message = "plain message";
        assertThat(AccessLog.escape(message)).isSameAs(message);
    }
}
