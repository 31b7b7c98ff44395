package io.jwsgi.headers;

import io.jwsgi.Header;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A mapping-like view of a list of response headers: Python's {@code wsgiref.headers.Headers}.
 *
 * <p>The object is a live view over the {@code List<Header>} given to the constructor: changes
 * through it show in the list, and changes to the list show through it. Order is kept, duplicates
 * are allowed, and names are compared case-insensitively ({@link Locale#ROOT}, so the result does
 * not depend on the default locale).
 *
 * <p>Stricter than wsgiref 3.13.0 (later CPython versions check this too): a name, value or
 * parameter holding CR, LF or NUL, or a char above 255, is refused with an {@link
 * IllegalArgumentException} naming the header, wherever a header enters (the constructor's list,
 * {@link #set}, {@link #setDefault}, {@link #addHeader}), and an empty name is refused as in
 * {@link Header#of}. {@link #toBytes()} checks again, since the list can be changed directly.
 *
 * <pre>{@code
 * Headers headers = new Headers();
 * headers.set("Content-Type", "text/plain");
 * headers.addHeader("Content-Disposition", "attachment", Map.of("filename", "bud.gif"));
 * headers.get("content-type");   // "text/plain"
 * headers.toString();            // "Content-Type: text/plain\r\n"
 *                                //   + "Content-Disposition: attachment; filename=\"bud.gif\"\r\n\r\n"
 * }</pre>
 */
public final class Headers {

    private final List<Header> headers;

    /** Creates an empty header list backed by a new {@link ArrayList}. */
    public Headers() {
        this.headers = new ArrayList<>();
    }

    /**
     * Creates a view over an existing list (not a copy). An unmodifiable list gives a read-only
     * view: the methods that change it then throw {@link UnsupportedOperationException}.
     *
     * @param headers the list to view and change
     * @throws IllegalArgumentException if an element has an empty name, or a name or value with
     *     CR, LF, NUL or a char above 255
     * @throws NullPointerException if the list or an element is null
     */
    public Headers(List<Header> headers) {
        Objects.requireNonNull(headers, "headers");
        for (Header header : headers) {
            Objects.requireNonNull(header, "header").checked();
        }
        this.headers = headers;
    }

    /**
     * Returns the live list behind this view.
     *
     * @return the list given to the constructor (or made by {@link #Headers()})
     */
    public List<Header> list() {
        return headers;
    }

    /**
     * Returns the number of headers, duplicates included.
     *
     * @return the size of the list
     */
    public int size() {
        return headers.size();
    }

    /**
     * Returns the value of the first header with this name ({@code h[name]} in Python).
     *
     * @param name a header name, compared case-insensitively
     * @return its first value, or {@code null} if there is none
     */
    public String get(String name) {
        return get(name, null);
    }

    /**
     * Returns the value of the first header with this name, or a default.
     *
     * @param name a header name, compared case-insensitively
     * @param defaultValue what to return if there is no such header; may be null
     * @return its first value, or {@code defaultValue}
     */
    public String get(String name, String defaultValue) {
        Objects.requireNonNull(name, "name");
        for (Header header : headers) {
            if (sameName(header.name(), name)) {
                return header.value();
            }
        }
        return defaultValue;
    }

    /**
     * Returns the values of every header with this name, in list order.
     *
     * @param name a header name, compared case-insensitively
     * @return a new list of the values; empty if there are none
     */
    public List<String> getAll(String name) {
        Objects.requireNonNull(name, "name");
        List<String> values = new ArrayList<>();
        for (Header header : headers) {
            if (sameName(header.name(), name)) {
                values.add(header.value());
            }
        }
        return values;
    }

    /**
     * Tells whether a header with this name is present ({@code name in h}).
     *
     * @param name a header name, compared case-insensitively
     * @return whether there is at least one
     */
    public boolean contains(String name) {
        return get(name) != null;
    }

    /**
     * Sets a header ({@code h[name] = value}): every header with this name is removed, then one
     * new header is appended at the end of the list. Its position therefore moves to the end, as
     * in wsgiref.
     *
     * @param name the header name
     * @param value the header value
     * @throws IllegalArgumentException if the name is empty, or either holds CR, LF, NUL or a char
     *     above 255 (the list is then left unchanged)
     */
    public void set(String name, String value) {
        Header header = Header.of(name, value);
        remove(name);
        headers.add(header);
    }

    /**
     * Removes every header with this name ({@code del h[name]}); does nothing if there is none.
     *
     * @param name a header name, compared case-insensitively
     */
    public void remove(String name) {
        Objects.requireNonNull(name, "name");
        headers.removeIf(header -> sameName(header.name(), name));
    }

    /**
     * Returns the first value of a header, adding the header with {@code value} first if it is
     * absent.
     *
     * @param name the header name
     * @param value the value to add if the header is absent
     * @return the existing first value, or {@code value}
     * @throws IllegalArgumentException if the header is absent and the name is empty, or either
     *     holds CR, LF, NUL or a char above 255
     */
    public String setDefault(String name, String value) {
        String existing = get(name);
        if (existing != null) {
            return existing;
        }
        headers.add(Header.of(name, value));
        return value;
    }

    /**
     * Returns the names of all headers, in list order, duplicates included.
     *
     * @return a new list of names
     */
    public List<String> keys() {
        List<String> keys = new ArrayList<>(headers.size());
        for (Header header : headers) {
            keys.add(header.name());
        }
        return keys;
    }

    /**
     * Returns the values of all headers, in list order, duplicates included.
     *
     * @return a new list of values
     */
    public List<String> values() {
        List<String> values = new ArrayList<>(headers.size());
        for (Header header : headers) {
            values.add(header.value());
        }
        return values;
    }

    /**
     * Returns all headers, in list order.
     *
     * @return a copy of the list; changing it does not change this object
     */
    public List<Header> items() {
        return new ArrayList<>(headers);
    }

    /**
     * Appends a header without parameters: {@code addHeader(name, value, Map.of())}.
     *
     * @param name the header name
     * @param value the header value, or {@code null} for an empty value
     * @throws IllegalArgumentException as {@link #addHeader(String, String, Map)}
     */
    public void addHeader(String name, String value) {
        addHeader(name, value, Map.of());
    }

    /**
     * Appends a header with MIME parameters, as wsgiref's {@code add_header(name, value,
     * **params)}; existing headers of that name are kept.
     *
     * <p>The value is followed by {@code "; "} and each parameter in the map's iteration order
     * (use a {@link java.util.LinkedHashMap} to choose it). In parameter names {@code _} becomes
     * {@code -}. A parameter whose value is {@code null} or empty is written bare ({@code name});
     * any other is always quoted, with {@code \} and {@code "} escaped by a backslash ({@code
     * name="va\"lue"}). A {@code null} header value is left out, so the parameters come first.
     *
     * <pre>{@code
     * Map<String, String> params = new LinkedHashMap<>();
     * params.put("file_name", "bud.gif");
     * params.put("inline", null);
     * headers.addHeader("Content-Disposition", "attachment", params);
     * // Content-Disposition: attachment; file-name="bud.gif"; inline
     * }</pre>
     *
     * @param name the header name
     * @param value the header value, or {@code null}
     * @param params the parameters; names non-null, values may be null
     * @throws IllegalArgumentException if the name is empty, or the name, value or a parameter
     *     holds CR, LF, NUL or a char above 255 (the list is then left unchanged)
     */
    public void addHeader(String name, String value, Map<String, String> params) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(params, "params");
        List<String> parts = new ArrayList<>();
        if (value != null) {
            parts.add(value);
        }
        params.forEach(
                (key, paramValue) -> parts.add(formatParam(Objects.requireNonNull(key, "param name"), paramValue)));
        headers.add(Header.of(name, String.join("; ", parts)));
    }

    private static String formatParam(String key, String value) {
        String name = key.replace('_', '-');
        if (value == null || value.isEmpty()) {
            return name;
        }
        return name + "=\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /**
     * Formats the headers as they go on the wire: each as {@code Name: value\r\n}, then an empty
     * line ({@code str(h)} in Python). An empty list gives {@code "\r\n"}.
     *
     * @return the formatted block
     */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(32 * headers.size() + 2);
        for (Header header : headers) {
            out.append(header.name()).append(": ").append(header.value()).append("\r\n");
        }
        return out.append("\r\n").toString();
    }

    /**
     * Returns {@link #toString()} encoded as ISO-8859-1, one byte per char ({@code bytes(h)}),
     * after checking every header again, since the list may have been changed directly.
     *
     * @return the bytes to send
     * @throws IllegalArgumentException if a header in the list has an empty name, or a name or
     *     value with CR, LF, NUL or a char above 255
     */
    public byte[] toBytes() {
        for (Header header : headers) {
            header.checked(); // the list may have been changed directly
        }
        return toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * Compares two names as {@code toLowerCase(Locale.ROOT)} would, without making lowercase
     * copies for ASCII names (every lookup of the response path goes through here).
     */
    static boolean sameName(String a, String b) {
        int n = a.length();
        if (n == b.length()) {
            int i = 0;
            for (; i < n; i++) {
                char x = a.charAt(i);
                char y = b.charAt(i);
                if (x == y) {
                    continue;
                }
                if ((x | y) >= 0x80) {
                    break; // non-ASCII: the general rule below
                }
                if (lowerAscii(x) != lowerAscii(y)) {
                    return false;
                }
            }
            if (i == n) {
                return true;
            }
        } else if (isAscii(a) && isAscii(b)) {
            return false;
        }
        return a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT));
    }

    private static char lowerAscii(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
