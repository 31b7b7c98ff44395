package io.jwsgi.validate;

import java.lang.System.Logger.Level;

/**
 * How the validator reports what it finds: a violation is an {@link AssertionError} (as {@code
 * wsgiref.validate}'s {@code assert_}), questionable-but-legal use a warning through the {@code
 * System.Logger} named {@code io.jwsgi.validate} (as its {@code WSGIWarning}); and how a message
 * shows the offending value and its type.
 */
final class Violations {

    private static final System.Logger LOGGER = System.getLogger("io.jwsgi.validate");

    private Violations() {}

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
}
