package io.jwsgi.validate;

import static io.jwsgi.validate.Violations.fail;
import static io.jwsgi.validate.Violations.quote;
import static io.jwsgi.validate.Violations.typeOf;

import io.jwsgi.Header;
import io.jwsgi.util.Util;
import java.util.List;
import java.util.Locale;

/** The checks an application's status line and headers must pass. */
final class ResponseChecks {

    private ResponseChecks() {}

    /**
     * Checks a status line: three digits (at least 100), one space, a non-empty reason, chars 0–255
     * and no control chars.
     *
     * @return the status code
     */
    static int checkStatus(String status) {
        if (status == null) {
            throw fail("The status must be a String, got null");
        }
        if (status.length() < 5) {
            throw fail("The status must be a three-digit code, a space and a reason, got " + quote(status));
        }
        String code = status.substring(0, 3);
        if (!HttpChars.isDigits(code)) {
            throw fail("The status must begin with a three-digit code, got " + quote(status));
        }
        if (status.charAt(3) != ' ') {
            throw fail("The status must have a single space after the code, got " + quote(status));
        }
        int value = Integer.parseInt(code);
        if (value < 100) {
            throw fail("The status code must be at least 100, got " + quote(status));
        }
        if (status.substring(4).isBlank()) {
            throw fail("The status must have a non-blank reason after the code, got " + quote(status));
        }
        if (HttpChars.firstNonLatin1Char(status) >= 0) {
            throw fail("The status must hold chars 0-255 only, got " + quote(status));
        }
        if (HttpChars.firstControlChar(status) >= 0) {
            throw fail("The status must not hold control chars, got " + quote(status));
        }
        return value;
    }

    /**
     * Checks a header list: non-null {@link Header}s, no {@code Status} header, names as wsgiref
     * accepts them (a letter, then letters, digits, {@code -} or {@code _}, not ending in {@code -}
     * or {@code _}), no hop-by-hop header (PEP 3333; wsgiref's handler checks it), values of chars 0–255 without control chars.
     */
    static void checkHeaders(List<Header> headers) {
        if (headers == null) {
            throw fail("The headers must be a List of Header, got null");
        }
        for (Object item : (List<?>) headers) {
            if (!(item instanceof Header header)) {
                throw fail("Each header must be an io.jwsgi.Header, got " + typeOf(item));
            }
            String name = header.name();
            String value = header.value();
            if (name.toLowerCase(Locale.ROOT).equals("status")) {
                throw fail("The Status header cannot be used; it conflicts with CGI, and the HTTP status is not"
                        + " given through headers (value: " + quote(value) + ")");
            }
            if (!isWsgirefHeaderName(name)) {
                throw fail("Bad header name (a letter, then letters, digits, '-' or '_'): " + quote(name));
            }
            if (name.endsWith("-") || name.endsWith("_")) {
                throw fail("Header names may not end in '-' or '_': " + quote(name));
            }
            if (Util.isHopByHop(name)) {
                throw fail("Hop-by-hop header " + quote(name) + " is not allowed; the server manages the connection");
            }
            int bad = HttpChars.firstControlChar(value);
            if (bad >= 0) {
                throw fail("Bad header value: " + quote(value) + " (bad char: " + quote(value.substring(bad, bad + 1))
                        + ") in header " + name);
            }
            if (HttpChars.firstNonLatin1Char(value) >= 0) {
                throw fail("Header values must hold chars 0-255 only (bytes in a string): " + quote(value)
                        + " in header " + name);
            }
        }
    }

    /**
     * Checks Content-Type against the status: required unless the status is 1xx, 204 or 304, and
     * forbidden for 204 and 304, which have no body.
     */
    static void checkContentType(int code, List<Header> headers) {
        boolean noBody = code == 204 || code == 304;
        boolean present = headers.stream().anyMatch(h -> h.name().equalsIgnoreCase("Content-Type"));
        if (present && noBody) {
            throw fail("Content-Type header found in a " + code + " response, which must not return content");
        }
        if (!present && !noBody && code >= 200) {
            throw fail("No Content-Type header found in headers " + headers);
        }
    }

    private static boolean isWsgirefHeaderName(String name) {
        if (name.isEmpty() || !isAsciiLetter(name.charAt(0))) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!isAsciiLetter(c) && !(c >= '0' && c <= '9') && c != '-' && c != '_') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
