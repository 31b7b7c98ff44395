package io.jwsgi.testfixtures;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bad-input cases of {@code bad-requests.txt} (request smuggling, control characters, invalid
 * tokens, oversize everything), decoded from the file's escape syntax into raw request bytes: the
 * standalone server's suite (jwsgi-core's {@code WsgiServerSmugglingTest}), also sent through the
 * bridge on Tomcat (the starter's {@code JwsgiServletBadInputTests}).
 */
public final class BadRequests {

    /** The request every case is followed by on the same connection: it must never be processed after a refusal. */
    public static final String SMUGGLED = "GET /smuggled HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";

    /** The body limit the servers under test use (the cases over it expect 413). */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private static final Pattern REPEAT = Pattern.compile("\\{([^{}]*)\\*(\\d+)}");

    /**
     * One case.
     *
     * @param name the case's name
     * @param status the standalone server's status: 200 for a request it accepts, else its refusal
     * @param request the raw request, bytes in a string
     * @param body for an accepted request, the body the application must read, else {@code null}
     */
    public record Case(String name, int status, String request, String body) {
        @Override
        public String toString() {
            return name;
        }
    }

    private BadRequests() {}

    /**
     * Loads every case, in the file's order.
     *
     * @return the cases
     */
    public static List<Case> load() {
        try (InputStream in = BadRequests.class.getResourceAsStream("bad-requests.txt")) {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses the cases of a file in {@code bad-requests.txt}'s format.
     *
     * @param file the file's text
     * @return the cases
     */
    static List<Case> parse(String file) {
        List<Case> cases = new ArrayList<>();
        for (String line : file.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            cases.add(new Case(f[0], Integer.parseInt(f[1]), decode(f[2]), f.length > 3 ? decode(f[3]) : null));
        }
        return cases;
    }

    /**
     * Expands {@code {text*N}} (innermost first), then the backslash escapes {@code \r \n \t \0 \\
     * \xHH}.
     *
     * @param escaped a request or body as the file writes it
     * @return its bytes, one char per byte
     */
    static String decode(String escaped) {
        String s = escaped;
        for (Matcher m = REPEAT.matcher(s); m.find(); m = REPEAT.matcher(s)) {
            s = s.substring(0, m.start()) + m.group(1).repeat(Integer.parseInt(m.group(2))) + s.substring(m.end());
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'r' -> out.append('\r');
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case '0' -> out.append('\0');
                case '\\' -> out.append('\\');
                case 'x' -> {
                    out.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                default -> out.append('\\').append(e);
            }
        }
        return out.toString();
    }
}
