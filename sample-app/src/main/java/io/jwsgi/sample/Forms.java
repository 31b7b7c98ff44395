package io.jwsgi.sample;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decodes an {@code application/x-www-form-urlencoded} body, as browsers send a form.
 *
 * <pre>{@code
 * Forms.parse("author=Ada&text=Hello+world%21".getBytes(US_ASCII))   // {author=Ada, text=Hello world!}
 * }</pre>
 */
final class Forms {

    private Forms() {}

    /**
     * The fields of a form body, in order; the first value wins when a name repeats. Percent
     * escapes decode as UTF-8 (what browsers send for a UTF-8 page); {@code +} is a space.
     *
     * @throws IllegalArgumentException for a malformed percent escape
     */
    static Map<String, String> parse(byte[] body) {
        Map<String, String> fields = new LinkedHashMap<>();
        String text = new String(body, StandardCharsets.UTF_8);
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            fields.putIfAbsent(name, value);
        }
        return fields;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
