package io.jwsgi.simpleserver.http1;

/**
 * The character classes of HTTP's grammar (RFC 9110 {@code tchar}, {@code token}, field-value
 * chars; RFC 5234 {@code HEXDIG}) that the parsers of this package test: tables and comparisons,
 * no regexes on the hot path.
 */
final class HttpChars {

    private static final boolean[] TCHAR = new boolean[256];

    static {
        for (char c = '0'; c <= '9'; c++) {
            TCHAR[c] = true;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            TCHAR[c] = true;
            TCHAR[c - 'a' + 'A'] = true;
        }
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            TCHAR[c] = true;
        }
    }

    private HttpChars() {}

    /** True for an RFC 9110 {@code tchar}. */
    static boolean isTchar(char c) {
        return c < 256 && TCHAR[c];
    }

    /** True if {@code s[from, to)} is a non-empty RFC 9110 token. */
    static boolean isToken(String s, int from, int to) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (!isTchar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** True for a char allowed inside a field value: HTAB, SP, VCHAR and obs-text. */
    static boolean isFieldValueChar(char c) {
        return c == '\t' || (c >= 0x20 && c != 0x7F && c <= 0xFF);
    }

    /** The value of a hex digit, or -1. */
    static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
