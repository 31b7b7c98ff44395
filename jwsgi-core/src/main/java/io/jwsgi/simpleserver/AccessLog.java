package io.jwsgi.simpleserver;

import java.time.LocalDateTime;
import java.util.Locale;

/**
 * The lines of the standalone server's access log, in the format of Python's {@code
 * http.server.BaseHTTPRequestHandler}, which wsgiref's request handler inherits: {@code
 * log_request}'s message, {@code log_error}'s message for a refused request, and {@code
 * log_message}'s line around either. {@link WsgiRequestHandler#logRequest} and {@link
 * WsgiRequestHandler#logMessage} decide whether and where a line is written.
 *
 * <pre>{@code
 * 127.0.0.1 - - [05/Dec/2026 18:40:07] "GET /hello HTTP/1.1" 200 13
 * }</pre>
 */
final class AccessLog {

    private static final String[] MONTHS = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
    };

    private AccessLog() {}

    /**
     * {@code log_request}'s message: {@code "request line" code size}.
     *
     * @param requestLine the raw request line, or {@code ""}
     * @param code the status code, or {@code "-"}
     * @param size the number of body bytes sent, or {@code "-"}
     * @return the message
     */
    static String requestMessage(String requestLine, String code, String size) {
        return "\"" + requestLine + "\" " + code + " " + size;
    }

    /**
     * {@code send_error}'s message to {@code log_error}: {@code code N, message text}.
     *
     * @param status the status of the answer
     * @param message why the request was refused
     * @return the message
     */
    static String errorMessage(int status, String message) {
        return "code " + status + ", message " + message;
    }

    /**
     * {@code log_message}'s line: {@code address - - [dd/Mon/yyyy hh:mm:ss] message} and a
     * newline, the time in the local time zone ({@code log_date_time_string}), C0 and C1 controls
     * of the message escaped as {@code \xHH} and the backslash doubled.
     *
     * @param clientHost the client's address ({@code address_string()})
     * @param now the local time of the line
     * @param message the message
     * @return the line, with its newline
     */
    static String line(String clientHost, LocalDateTime now, String message) {
        String date = String.format(
                Locale.ROOT,
                "%02d/%s/%04d %02d:%02d:%02d",
                now.getDayOfMonth(),
                MONTHS[now.getMonthValue() - 1],
                now.getYear(),
                now.getHour(),
                now.getMinute(),
                now.getSecond());
        return clientHost + " - - [" + date + "] " + escape(message) + "\n";
    }

    /** Escapes C0 and C1 controls as {@code \xHH} and the backslash, as http.server's log_message does. */
    static String escape(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || (c >= 0x7F && c < 0xA0) || c == '\\') {
                if (b == null) {
                    b = new StringBuilder(s.length() + 8).append(s, 0, i);
                }
                b.append(c == '\\' ? "\\\\" : String.format(Locale.ROOT, "\\x%02x", (int) c));
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? s : b.toString();
    }
}
