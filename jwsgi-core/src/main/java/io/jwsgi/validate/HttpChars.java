package io.jwsgi.validate;

/**
 * The character classes the validator tests values against: ASCII digits, RFC 9110 tokens,
 * control chars, and chars above U+00FF (which no "bytes in a string" holds). The standalone
 * server's parser has its own table-driven copy of the token rule, in {@code
 * io.jwsgi.simpleserver.http1}, which this package must not import.
 */
final class HttpChars {

    private HttpChars() {}

    /** The index of the first control char (0x00–0x1F or 0x7F) in {@code s}, or -1. */
    static int firstControlChar(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                return i;
            }
        }
        return -1;
    }

    /** The index of the first char above U+00FF in {@code s}, or -1. */
    static int firstNonLatin1Char(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0xFF) {
                return i;
            }
        }
        return -1;
    }

    /** Whether {@code s} is a non-empty HTTP token (RFC 9110 {@code tchar}s only). */
    static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!alnum && "!#$%&'*+-.^_`|~".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code s} is one or more ASCII digits. */
    static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
