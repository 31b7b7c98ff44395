package io.jwsgi.handlers;

import java.util.Map;
import java.util.TreeMap;

/**
 * Run in a child JVM by the tests: prints {@link Handlers#readEnviron()}, one {@code name=value}
 * line per variable, sorted, with every char outside printable ASCII escaped as {@code \\uXXXX}.
 */
public final class EnvironDump {

    private EnvironDump() {}

    public static void main(String[] args) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> variable : new TreeMap<>(Handlers.readEnviron()).entrySet()) {
            out.append(variable.getKey())
                    .append('=')
                    .append(escape(variable.getValue()))
                    .append('\n');
        }
        System.out.print(out);
        System.out.flush();
    }

    /** Escapes chars outside printable ASCII, and the backslash, as {@code \\uXXXX}. */
    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7E || c == '\\') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
