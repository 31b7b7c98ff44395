package io.jwsgi.util;

import io.jwsgi.Environ;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Builds the CGI variables of a JWSGI environ from a request, by the rules of {@code
 * wsgiref.simple_server} ({@code WSGIServer.setup_environ} and {@code
 * WSGIRequestHandler.get_environ}): the one place where jwsgi turns a request into CGI variables.
 * The standalone server ({@code io.jwsgi.simpleserver}), the servlet bridge ({@code
 * jwsgi-servlet}) and {@link io.jwsgi.testing.TestClient} all build their environs with it, so
 * that for the same request they agree with each other and with wsgiref.
 *
 * <pre>{@code
 * Map<String, Object> environ = new HashMap<>();
 * EnvironBuilder builder = new EnvironBuilder(environ)
 *         .server("www.example.org", 80)      // SERVER_NAME, SERVER_PORT, GATEWAY_INTERFACE, ...
 *         .protocol("HTTP/1.1")
 *         .requestMethod("GET")
 *         .path("/caf%C3%A9")                 // PATH_INFO "/caf\u00c3\u00a9"
 *         .query("q=%C3%A9")                  // QUERY_STRING as sent
 *         .remote("192.0.2.10", null, 50123);
 * builder.header("Host", "www.example.org");   // HTTP_HOST
 * builder.header("Accept", " text/html ");     // HTTP_ACCEPT "text/html"
 * builder.build();                             // CONTENT_TYPE "text/plain": the request had none
 * }</pre>
 *
 * <p>The rules, each with wsgiref's name for it:
 *
 * <ul>
 *   <li>{@link #server} puts wsgiref's base environ: {@code SERVER_NAME}, {@code
 *       GATEWAY_INTERFACE} ({@code CGI/1.1}), {@code SERVER_PORT}, and {@code REMOTE_HOST},
 *       {@code CONTENT_LENGTH} and {@code SCRIPT_NAME} empty.
 *   <li>{@code PATH_INFO} is the path percent-decoded into "bytes in a string", one char per
 *       byte ({@code urllib.parse.unquote(path, 'iso-8859-1')}, see {@link #unquote}); {@code
 *       QUERY_STRING} is the query as sent, undecoded.
 *   <li>{@code REMOTE_HOST} is set only when the client's host name is known and differs from
 *       its address.
 *   <li>{@code CONTENT_TYPE} is the first {@code Content-Type} field, or {@code text/plain} when
 *       the request has none ({@code email.message}'s default, which wsgiref puts); {@code
 *       CONTENT_LENGTH} is the first {@code Content-Length} field when it is not empty.
 *   <li>Every other field becomes {@code HTTP_} and its name with {@code -} as {@code _}, in
 *       upper case ({@link Locale#ROOT}), its value stripped as Python's {@code str.strip()}
 *       strips it ({@link Environ#stripHeaderValue}). A repeated field is joined to the earlier
 *       value with {@code ,}. A field whose name, so mapped but without {@code HTTP_}, is already
 *       a key of the environ is skipped ({@code Script-Name}, {@code Server-Software}, ...): wsgiref's
 *       {@code if k in env: continue}.
 *   <li>Stricter than wsgiref (JWSGI's spec, section 3): a field whose name holds {@code _} is
 *       dropped, since it would pass for its twin with {@code -} ({@code Transfer_Encoding} for
 *       {@code HTTP_TRANSFER_ENCODING}).
 * </ul>
 *
 * <p>The builder writes into the map as it is called. Set the request's variables first, then add
 * the header fields in the order they were received, then call {@link #build()}: the clash rule
 * sees the variables set before a field, as wsgiref's sees those set before its loop. Keys the map
 * held when the builder was made (a server's base environ) count for the clash rule too; keys put
 * into the map by other code while the builder works are not guaranteed to. Every value is
 * expected to be bytes in a string already (chars 0–255), except where a method says otherwise.
 * A builder serves one request and is not thread-safe.
 */
public final class EnvironBuilder {

    private static final String HTTP_CONTENT_TYPE = "HTTP_CONTENT_TYPE";
    private static final String HTTP_CONTENT_LENGTH = "HTTP_CONTENT_LENGTH";

    /**
     * The CGI variables this builder puts, wsgiref's base environ first: a header field that maps
     * to one of them gets no {@code HTTP_} key while the variable is set.
     */
    private static final String[] CGI_NAMES = {
        Environ.SERVER_NAME,
        Environ.GATEWAY_INTERFACE,
        Environ.SERVER_PORT,
        Environ.REMOTE_HOST,
        Environ.CONTENT_LENGTH,
        Environ.SCRIPT_NAME,
        Environ.SERVER_PROTOCOL,
        Environ.SERVER_SOFTWARE,
        Environ.REQUEST_METHOD,
        Environ.PATH_INFO,
        Environ.QUERY_STRING,
        Environ.REMOTE_ADDR,
        Environ.REMOTE_PORT,
        Environ.CONTENT_TYPE,
        Environ.REMOTE_USER,
        Environ.AUTH_TYPE,
        Environ.HTTPS
    };

    /** {@code HTTP_} + name to name, for each of {@link #CGI_NAMES}. */
    private static final Map<String, String> CGI_NAMES_BY_HTTP_KEY = cgiNamesByHttpKey();

    /**
     * Request fields that browsers, HTTP clients and proxies send: their keys are made once. Any
     * other name takes {@link #computedHttpKey}; the result is the same.
     */
    static final List<String> KNOWN_NAMES = List.of(
            "Host",
            "Connection",
            "Keep-Alive",
            "Accept",
            "Accept-Encoding",
            "Accept-Language",
            "Accept-Charset",
            "User-Agent",
            "Cookie",
            "Referer",
            "Origin",
            "Authorization",
            "Cache-Control",
            "Pragma",
            "Content-Type",
            "Content-Length",
            "Transfer-Encoding",
            "Expect",
            "Range",
            "If-None-Match",
            "If-Modified-Since",
            "Upgrade",
            "Upgrade-Insecure-Requests",
            "Priority",
            "DNT",
            "TE",
            "Sec-Fetch-Site",
            "Sec-Fetch-Mode",
            "Sec-Fetch-Dest",
            "Sec-Fetch-User",
            "Sec-CH-UA",
            "Sec-CH-UA-Mobile",
            "Sec-CH-UA-Platform",
            "Forwarded",
            "Via",
            "X-Forwarded-For",
            "X-Forwarded-Proto",
            "X-Forwarded-Host",
            "X-Forwarded-Port",
            "X-Real-IP",
            "X-Requested-With");

    private static final int KNOWN_MAX_LENGTH =
            KNOWN_NAMES.stream().mapToInt(String::length).max().orElse(0);

    /** The known names in lower case, by length. */
    private static final String[][] KNOWN_LOWER = new String[KNOWN_MAX_LENGTH + 1][];

    /** Their keys, in the same places. */
    private static final String[][] KNOWN_KEYS = new String[KNOWN_MAX_LENGTH + 1][];

    static {
        for (String name : KNOWN_NAMES) {
            int n = name.length();
            String[] lower = KNOWN_LOWER[n] == null ? new String[0] : KNOWN_LOWER[n];
            String[] keys = KNOWN_KEYS[n] == null ? new String[0] : KNOWN_KEYS[n];
            lower = Arrays.copyOf(lower, lower.length + 1);
            keys = Arrays.copyOf(keys, keys.length + 1);
            lower[lower.length - 1] = name.toLowerCase(Locale.ROOT);
            keys[keys.length - 1] = computedHttpKey(name).intern(); // HTTP_CONTENT_TYPE: the constant itself
            KNOWN_LOWER[n] = lower;
            KNOWN_KEYS[n] = keys;
        }
    }

    private static volatile PortString lastPort;

    private final Map<String, ? super String> environ;

    /** Whether the map held keys other than {@link #CGI_NAMES} when the builder was made. */
    private final boolean otherKeys;

    private boolean contentTypeSeen;
    private boolean contentLengthSeen;

    /**
     * Creates a builder that puts the variables into {@code environ}.
     *
     * @param environ the environ under construction, usually empty, or holding a server's base
     *     environ
     */
    public EnvironBuilder(Map<String, ? super String> environ) {
        this.environ = Objects.requireNonNull(environ, "environ");
        this.otherKeys = !environ.isEmpty() && environ.size() > cgiNamesIn(environ);
    }

    /**
     * Puts wsgiref's base environ ({@code WSGIServer.setup_environ}): {@code SERVER_NAME}, {@code
     * GATEWAY_INTERFACE} {@code CGI/1.1}, {@code SERVER_PORT}, and {@code REMOTE_HOST}, {@code
     * CONTENT_LENGTH} and {@code SCRIPT_NAME} empty until the request says more. A server that
     * keeps a base environ for all its requests may build that map with this method alone.
     *
     * @param name the server's host name
     * @param port the server's port
     * @return this builder
     */
    public EnvironBuilder server(String name, int port) {
        environ.put(Environ.SERVER_NAME, name);
        environ.put(Environ.GATEWAY_INTERFACE, "CGI/1.1");
        environ.put(Environ.SERVER_PORT, portString(port));
        environ.put(Environ.REMOTE_HOST, "");
        environ.put(Environ.CONTENT_LENGTH, "");
        environ.put(Environ.SCRIPT_NAME, "");
        return this;
    }

    /**
     * Puts {@code SERVER_SOFTWARE}, as wsgiref's {@code get_environ} puts its {@code
     * server_version}.
     *
     * @param software the server's name and version; {@code null} puts nothing
     * @return this builder
     */
    public EnvironBuilder serverSoftware(String software) {
        if (software != null) {
            environ.put(Environ.SERVER_SOFTWARE, software);
        }
        return this;
    }

    /**
     * Puts {@code SERVER_PROTOCOL}.
     *
     * @param protocol the request's protocol, e.g. {@code HTTP/1.1}
     * @return this builder
     */
    public EnvironBuilder protocol(String protocol) {
        environ.put(Environ.SERVER_PROTOCOL, protocol);
        return this;
    }

    /**
     * Puts {@code REQUEST_METHOD}.
     *
     * @param method the request's method, e.g. {@code GET}
     * @return this builder
     */
    public EnvironBuilder requestMethod(String method) {
        environ.put(Environ.REQUEST_METHOD, method);
        return this;
    }

    /**
     * Puts {@code PATH_INFO} from the path of the request-target as sent: {@link #unquote
     * percent-decoded} into bytes in a string, as wsgiref does.
     *
     * @param rawPath the path, without the query, still percent-encoded
     * @return this builder
     */
    public EnvironBuilder path(String rawPath) {
        environ.put(Environ.PATH_INFO, unquote(rawPath));
        return this;
    }

    /**
     * Puts {@code SCRIPT_NAME} and {@code PATH_INFO} as given, for a server that mounts the
     * application below a prefix (wsgiref's {@code SCRIPT_NAME} is always empty): it {@link
     * #unquote decodes} the path and splits it itself. Others use {@link #path}.
     *
     * @param scriptName the decoded prefix, bytes in a string
     * @param pathInfo the decoded path below it, bytes in a string
     * @return this builder
     */
    public EnvironBuilder mount(String scriptName, String pathInfo) {
        environ.put(Environ.SCRIPT_NAME, scriptName);
        environ.put(Environ.PATH_INFO, pathInfo);
        return this;
    }

    /**
     * Puts {@code QUERY_STRING}: the query as sent, not decoded.
     *
     * @param rawQuery the part of the request-target after {@code ?}; {@code null} for none
     * @return this builder
     */
    public EnvironBuilder query(String rawQuery) {
        environ.put(Environ.QUERY_STRING, rawQuery == null ? "" : rawQuery);
        return this;
    }

    /**
     * Puts {@code REMOTE_ADDR}, {@code REMOTE_HOST} when {@code host} is known and is not the
     * address itself (as wsgiref), and {@code REMOTE_PORT} (beyond wsgiref).
     *
     * @param address the client's address
     * @param host the client's host name, or {@code null} when not looked up
     * @param port the client's port, or a negative number when there is none
     * @return this builder
     */
    public EnvironBuilder remote(String address, String host, int port) {
        if (host != null && !host.equals(address)) {
            environ.put(Environ.REMOTE_HOST, host);
        }
        environ.put(Environ.REMOTE_ADDR, address);
        if (port >= 0) {
            environ.put(Environ.REMOTE_PORT, Integer.toString(port));
        }
        return this;
    }

    /**
     * Puts {@code REMOTE_USER} and {@code AUTH_TYPE}, for a server that authenticated the client.
     *
     * @param remoteUser the user's name, or {@code null} to put none
     * @param authType the authentication scheme, or {@code null} to put none
     * @return this builder
     */
    public EnvironBuilder remoteUser(String remoteUser, String authType) {
        if (remoteUser != null) {
            environ.put(Environ.REMOTE_USER, remoteUser);
        }
        if (authType != null) {
            environ.put(Environ.AUTH_TYPE, authType);
        }
        return this;
    }

    /**
     * Puts {@code HTTPS=on} for a request that came over TLS, from which {@link Util#guessScheme}
     * (and so the handlers' {@code wsgi.url_scheme}) reads {@code https}.
     *
     * @param secure whether the request came over TLS; false puts nothing
     * @return this builder
     */
    public EnvironBuilder https(boolean secure) {
        if (secure) {
            environ.put(Environ.HTTPS, "on");
        }
        return this;
    }

    /**
     * Adds one header field of the request by the rules above: {@code Content-Type} and {@code
     * Content-Length} (the first of each) become {@code CONTENT_TYPE} and {@code CONTENT_LENGTH},
     * any other field an {@code HTTP_*} key, joined with {@code ,} to an earlier field of the same
     * name; a name holding {@code _} or mapping to a key already present is skipped.
     *
     * @param name the field name as received
     * @param value the field value, bytes in a string
     * @return this builder
     */
    public EnvironBuilder header(String name, String value) {
        String key = httpKey(name);
        if (key == null) {
            return this; // holds '_': it would pass for '-'
        }
        if (key.equals(HTTP_CONTENT_TYPE)) {
            if (!contentTypeSeen) {
                contentTypeSeen = true;
                environ.put(Environ.CONTENT_TYPE, value);
            }
            return this;
        }
        if (key.equals(HTTP_CONTENT_LENGTH)) {
            if (!contentLengthSeen) {
                contentLengthSeen = true;
                if (!value.isEmpty()) {
                    environ.put(Environ.CONTENT_LENGTH, value);
                }
            }
            return this;
        }
        if (clashes(environ, key, otherKeys)) {
            return this;
        }
        String stripped = Environ.stripHeaderValue(value);
        Object earlier = environ.putIfAbsent(key, stripped);
        if (earlier != null) {
            environ.put(key, earlier + "," + stripped);
        }
        return this;
    }

    /**
     * Finishes the variables: {@code CONTENT_TYPE} becomes {@code text/plain} if no {@code
     * Content-Type} field was added.
     */
    public void build() {
        if (!contentTypeSeen) {
            environ.put(Environ.CONTENT_TYPE, "text/plain");
        }
    }

    /**
     * Percent-decodes a raw URL path into bytes in a string, one char per byte, as Python's {@code
     * urllib.parse.unquote(path, 'iso-8859-1')} does for wsgiref's {@code PATH_INFO}: {@code %}
     * and two hex digits become that byte ({@code %C3%A9} gives {@code "\u00c3\u00a9"}, {@code
     * %2F} gives {@code /}), a {@code %} without two hex digits stays as it is, {@code +} stays
     * {@code +}, and chars 0–255 stand for their own byte. A char above 255 (a container that read
     * the raw bytes as UTF-8) stands for its UTF-8 bytes.
     *
     * @param rawPath the path as sent
     * @return the decoded path, bytes in a string; {@code rawPath} itself when nothing changes
     */
    public static String unquote(String rawPath) {
        int length = rawPath.length();
        int from = 0;
        while (from < length && rawPath.charAt(from) != '%' && rawPath.charAt(from) <= 0xFF) {
            from++;
        }
        if (from == length) {
            return rawPath;
        }
        StringBuilder out = new StringBuilder(length).append(rawPath, 0, from);
        for (int i = from; i < length; i++) {
            char c = rawPath.charAt(i);
            int hi;
            int lo;
            if (c == '%'
                    && i + 2 < length
                    && (hi = hexDigit(rawPath.charAt(i + 1))) >= 0
                    && (lo = hexDigit(rawPath.charAt(i + 2))) >= 0) {
                out.append((char) (hi << 4 | lo));
                i += 2;
            } else if (c <= 0xFF) {
                out.append(c);
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < length ? i + 2 : i + 1;
                out.append(bytesInString(rawPath.substring(i, end)));
                i = end - 1;
            }
        }
        return out.toString();
    }

    /**
     * Text as bytes in a string: its UTF-8 bytes, one char each ({@code "caf\u00e9"} gives {@code
     * "caf\u00c3\u00a9"}). For request data a server has only as decoded text, such as a servlet
     * mapping or a path a test names.
     *
     * @param text decoded text
     * @return its UTF-8 bytes as chars 0–255; {@code text} itself when it is ASCII
     */
    public static String bytesInString(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
            }
        }
        return text;
    }

    /** The value of an ASCII hex digit, or -1 (Python's unquote knows no other digits). */
    private static int hexDigit(char c) {
        return c < 0x80 ? Character.digit(c, 16) : -1;
    }

    /**
     * {@code "HTTP_"} and the field name with {@code -} as {@code _}, upper case ({@link
     * Locale#ROOT}); {@code null} for a name that holds {@code _}. The key of a common field is
     * a constant ({@link #KNOWN_NAMES}): no new string, and its hash is computed already.
     */
    static String httpKey(String name) {
        String known = knownKey(name);
        return known != null ? known : computedHttpKey(name);
    }

    /** {@link #httpKey} by the rule itself, for every name. */
    static String computedHttpKey(String name) {
        int length = name.length();
        byte[] key = new byte[5 + length];
        key[0] = 'H';
        key[1] = 'T';
        key[2] = 'T';
        key[3] = 'P';
        key[4] = '_';
        for (int i = 0; i < length; i++) {
            char c = name.charAt(i);
            if (c == '_') {
                return null;
            }
            if (c >= 0x80) { // beyond ASCII, upper case can change the length or leave Latin-1
                return name.indexOf('_') >= 0
                        ? null
                        : "HTTP_" + name.replace('-', '_').toUpperCase(Locale.ROOT);
            }
            key[5 + i] = (byte) (c == '-' ? '_' : c >= 'a' && c <= 'z' ? c - ('a' - 'A') : c);
        }
        return new String(key, StandardCharsets.ISO_8859_1);
    }

    /** The constant key of a {@link #KNOWN_NAMES known} name in any ASCII case, else {@code null}. */
    private static String knownKey(String name) {
        int length = name.length();
        if (length > KNOWN_MAX_LENGTH) {
            return null;
        }
        String[] lower = KNOWN_LOWER[length];
        if (lower == null) {
            return null;
        }
        for (int i = 0; i < lower.length; i++) {
            if (sameAsciiLowerCase(name, lower[i])) {
                return KNOWN_KEYS[length][i];
            }
        }
        return null;
    }

    /** Whether {@code name} is {@code lower} (ASCII lower case, same length) in some ASCII case. */
    private static boolean sameAsciiLowerCase(String name, String lower) {
        for (int i = 0; i < lower.length(); i++) {
            char c = name.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            if (c != lower.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * wsgiref's {@code if k in env}, for {@code k} the key without {@code HTTP_}: looked up by
     * name for a CGI variable of this builder, and otherwise only where it can be present (the
     * map held other keys at the start, or {@code k} is itself an {@code HTTP_} key), so that
     * the common field costs no second string.
     */
    private static boolean clashes(Map<String, ?> environ, String httpKey, boolean otherKeys) {
        String cgiName = CGI_NAMES_BY_HTTP_KEY.get(httpKey);
        if (cgiName != null) {
            return environ.containsKey(cgiName);
        }
        if (otherKeys || httpKey.startsWith("HTTP_", 5)) {
            return environ.containsKey(httpKey.substring(5));
        }
        return false;
    }

    /** How many of {@link #CGI_NAMES} the map holds (stopping once all its keys are counted). */
    private static int cgiNamesIn(Map<String, ?> environ) {
        int size = environ.size();
        int count = 0;
        for (int i = 0; i < CGI_NAMES.length && count < size; i++) {
            if (environ.containsKey(CGI_NAMES[i])) {
                count++;
            }
        }
        return count;
    }

    private static Map<String, String> cgiNamesByHttpKey() {
        Map<String, String> byKey = new HashMap<>();
        for (String name : CGI_NAMES) {
            byKey.put("HTTP_" + name, name);
        }
        return Map.copyOf(byKey);
    }

    /** {@code Integer.toString(port)}, remembered for the last port asked (a server's own). */
    private static String portString(int port) {
        PortString last = lastPort;
        if (last == null || last.port != port) {
            last = new PortString(port, Integer.toString(port));
            lastPort = last;
        }
        return last.string;
    }

    private record PortString(int port, String string) {}
}
