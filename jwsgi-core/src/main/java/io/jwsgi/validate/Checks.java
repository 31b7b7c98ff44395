package io.jwsgi.validate;

import java.lang.System.Logger.Level;

/** Shared helpers of the validator: failures, warnings and quoting of offending values. */
final class Checks {

    private static final System.Logger LOGGER = System.getLogger("io.jwsgi.validate");

    private Checks() {}

    /** The error for a violation; callers {@code throw} it so the compiler sees the exit. */
    static AssertionError fail(String message) {
        return new AssertionError(message);
    }

    /** Logs questionable-but-legal use as a warning. */
    static void warn(String message) {
        LOGGER.log(Level.WARNING, message);
    }

    /** A Java-literal-like rendering of a value, with control and non-Latin-1 chars escaped. */
    static String quote(Object value) {
        if (!(value instanceof String s)) {
            return String.valueOf(value);
        }
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                b.append(String.format("\\x%02x", (int) c));
            } else if (c > 0xFF) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    /** The type of a value for messages: its class name, or {@code null}. */
    static String typeOf(Object value) {
        return value == null ? "null" : value.getClass().getName();
    }

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
