package io.jwsgi;

import java.util.Objects;

/**
 * One HTTP header field: a name and a value, each a string of chars 0–255 (ISO-8859-1).
 *
 * <p>The record itself accepts any non-null strings, so that a validator can report what an
 * application produced; servers reject a name or value that holds CR, LF or NUL (header
 * injection) before anything reaches the wire. {@link #of} checks that up front.
 *
 * <pre>{@code
 * List<Header> headers = List.of(Header.of("Content-Type", "text/html; charset=utf-8"));
 * }</pre>
 *
 * @param name the field name, for example {@code Content-Type}
 * @param value the field value, without surrounding whitespace
 */
public record Header(String name, String value) {

    /**
     * Creates a header.
     *
     * @throws NullPointerException if {@code name} or {@code value} is null
     */
    public Header {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    /**
     * Creates a header after checking that neither part could split the response: CR, LF and NUL
     * are refused, and so is a char above 255 (not representable on the wire).
     *
     * @param name the field name
     * @param value the field value
     * @return the header
     * @throws IllegalArgumentException if the name is empty or either part holds CR, LF, NUL or a
     *     char above 255
     */
    public static Header of(String name, String value) {
        return new Header(name, value).checked();
    }

    /**
     * Checks this header as {@link #of} does, for one made with the constructor or found in a
     * list an application filled: servers call it before a header goes on the wire.
     *
     * @return this header
     * @throws IllegalArgumentException if the name is empty or either part holds CR, LF, NUL or a
     *     char above 255
     */
    public Header checked() {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("header name is empty");
        }
        checkWireSafe("name", name, name);
        checkWireSafe("value", name, value);
        return this;
    }

    private static void checkWireSafe(String what, String name, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= '\r' && (c == '\r' || c == '\n' || c == '\0')) { // one test for the usual char
                throw new IllegalArgumentException(
                        "header " + what + " of " + quote(name) + " contains a control character (CR, LF or NUL)");
            }
            if (c > 0xFF) {
                throw new IllegalArgumentException("header " + what + " of " + quote(name)
                        + " contains a char above U+00FF; encode it (bytes in a string)");
            }
        }
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length() && i < 64; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
