package io.jwsgi.simpleserver.http1;

import io.jwsgi.Header;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a header section (or a chunked trailer section) up to its empty line, with one byte
 * budget for all lines ({@link ParserLimits#maxHeaderBytes()}, CRLFs included) and a field count
 * limit ({@link ParserLimits#maxHeaderFields()}).
 *
 * <p>Field names must be RFC 9110 tokens with no space before the colon; values lose surrounding
 * SP/HTAB and may hold obs-text but no control character. obs-fold is refused. Fields are kept
 * as received: which of them reach the environ is {@link io.jwsgi.util.EnvironBuilder}'s rule
 * (a name holding {@code _} does not).
 */
final class HeaderReader {

    private final ConnectionInput in;
    private final ParserLimits limits;
    private final String headersTooLarge;
    private final String trailersTooLarge;

    HeaderReader(ConnectionInput in, ParserLimits limits) {
        this.in = in;
        this.limits = limits;
        this.headersTooLarge = tooLarge("header", limits);
        this.trailersTooLarge = tooLarge("trailer", limits);
    }

    /**
     * Reads the fields in order.
     *
     * @param trailers true for a chunked trailer section: Host, Content-Length and
     *     Transfer-Encoding are then refused
     * @return the fields, names as received
     * @throws RequestException 400 for a malformed field, 431 over a limit
     */
    List<Header> read(boolean trailers) throws IOException {
        String section = trailers ? "trailer" : "header";
        String tooLarge = trailers ? trailersTooLarge : headersTooLarge;
        int budget = limits.maxHeaderBytes();
        int fields = 0;
        List<Header> out = new ArrayList<>();
        while (true) {
            String line = in.readLine(budget - 2, 431, tooLarge);
            if (line == null) {
                throw RequestException.badRequest("connection closed inside the " + section + " section");
            }
            budget -= line.length() + 2;
            if (line.isEmpty()) {
                return out;
            }
            if (++fields > limits.maxHeaderFields()) {
                throw new RequestException(
                        431,
                        "more than " + limits.maxHeaderFields() + " " + section
                                + " fields (raise ServerLimits.maxHeaderFields)");
            }
            Header field = parseField(line);
            if (trailers && isForbiddenTrailer(field.name())) {
                throw RequestException.badRequest(field.name() + " is not allowed in a trailer section");
            }
            out.add(field);
        }
    }

    private static String tooLarge(String section, ParserLimits limits) {
        return section + " section larger than " + limits.maxHeaderBytes()
                + " bytes (raise ServerLimits.maxHeaderBytes)";
    }

    private static Header parseField(String line) throws RequestException {
        char first = line.charAt(0);
        if (first == ' ' || first == '\t') {
            throw RequestException.badRequest("obs-fold (a line starting with whitespace) is not accepted");
        }
        int colon = line.indexOf(':');
        if (colon < 0) {
            throw RequestException.badRequest("header line without a colon");
        }
        if (!HttpChars.isToken(line, 0, colon)) {
            throw RequestException.badRequest("header name is not a token (or whitespace before the colon)");
        }
        int from = colon + 1;
        int to = line.length();
        while (from < to && isOws(line.charAt(from))) {
            from++;
        }
        while (to > from && isOws(line.charAt(to - 1))) {
            to--;
        }
        for (int i = from; i < to; i++) {
            if (!HttpChars.isFieldValueChar(line.charAt(i))) {
                throw RequestException.badRequest("control character in a header value");
            }
        }
        return new Header(line.substring(0, colon), line.substring(from, to));
    }

    private static boolean isOws(char c) {
        return c == ' ' || c == '\t';
    }

    private static boolean isForbiddenTrailer(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.equals("host") || n.equals("content-length") || n.equals("transfer-encoding");
    }
}
