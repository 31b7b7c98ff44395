package io.jwsgi.util;

import io.jwsgi.Environ;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The functions of Python's {@code wsgiref.util}: URL reconstruction, path shifting, testing
 * defaults and the hop-by-hop test, with wsgiref's exact output.
 *
 * <p>The environ's CGI values are "bytes in a string" (one char per byte, 0–255). A key that is
 * present with a {@code null} value counts as absent, except in {@link #setupTestingDefaults},
 * which like Python's {@code dict.setdefault} leaves any present key alone.
 *
 * <pre>{@code
 * Map<String, Object> environ = new HashMap<>(Map.of("SCRIPT_NAME", "/shop", "PATH_INFO", "/sp\u00e4m"));
 * Util.setupTestingDefaults(environ);
 * Util.requestUri(environ);          // "http://127.0.0.1/shop/sp%E4m"
 * Util.shiftPathInfo(environ);       // "sp\u00e4m"; SCRIPT_NAME is now "/shop/sp\u00e4m"
 * }</pre>
 */
public final class Util {

    private static final Set<String> HOP_BY_HOP = Set.of(
            "connection",
            "keep-alive",
            "proxy-authenticate",
            "proxy-authorization",
            "te",
            "trailers",
            "transfer-encoding",
            "upgrade");

    /** The lengths of the names above as a bit set (lowercasing keeps the length of a name that
     * can match: only U+0130 grows, into a non-ASCII pair). */
    private static final int HOP_BY_HOP_LENGTHS =
            HOP_BY_HOP.stream().mapToInt(String::length).reduce(0, (bits, n) -> bits | (1 << n));

    private static final int HOP_BY_HOP_MAX_LENGTH =
            HOP_BY_HOP.stream().mapToInt(String::length).max().orElse(0);

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Util() {}

    /**
     * Guesses {@code wsgi.url_scheme} from the CGI variable {@code HTTPS}, as wsgiref does.
     *
     * <pre>{@code
     * Util.guessScheme(Map.of("HTTPS", "on"));   // "https"
     * Util.guessScheme(Map.of());                // "http"
     * }</pre>
     *
     * @param environ the environ
     * @return {@code "https"} if {@code HTTPS} is exactly {@code "yes"}, {@code "on"} or {@code
     *     "1"}, else {@code "http"}
     */
    public static String guessScheme(Map<String, Object> environ) {
        Objects.requireNonNull(environ, "environ");
        String https = optional(environ, Environ.HTTPS);
        return "yes".equals(https) || "on".equals(https) || "1".equals(https) ? "https" : "http";
    }

    /**
     * Returns the application's base URI: scheme, host and the quoted {@code SCRIPT_NAME} (or
     * {@code /}), without {@code PATH_INFO} or {@code QUERY_STRING}.
     *
     * <p>The host is {@code HTTP_HOST} when it is non-empty, else {@code SERVER_NAME} followed by
     * {@code :SERVER_PORT} unless the port is the scheme's default. {@code SCRIPT_NAME} is
     * percent-encoded byte by byte (Latin-1), leaving letters, digits, {@code _.-~} and {@code /}.
     *
     * <pre>{@code
     * // wsgi.url_scheme=http, HTTP_HOST=example.com, SCRIPT_NAME=/sp\u00e4m
     * Util.applicationUri(environ);   // "http://example.com/sp%E4m"
     * }</pre>
     *
     * @param environ the environ; needs {@code wsgi.url_scheme}, and {@code SERVER_NAME} and
     *     {@code SERVER_PORT} when {@code HTTP_HOST} is absent or empty
     * @return the URI
     * @throws IllegalArgumentException if a needed key is missing, a value is not a {@code String},
     *     or {@code SCRIPT_NAME} holds a char above 255
     */
    public static String applicationUri(Map<String, Object> environ) {
        Objects.requireNonNull(environ, "environ");
        String scheme = required(environ, Environ.WSGI_URL_SCHEME);
        StringBuilder url = new StringBuilder(scheme).append("://");
        String host = optional(environ, Environ.HTTP_HOST);
        if (host != null && !host.isEmpty()) {
            url.append(host);
        } else {
            url.append(required(environ, Environ.SERVER_NAME));
            String port = required(environ, Environ.SERVER_PORT);
            String defaultPort = scheme.equals("https") ? "443" : "80";
            if (!port.equals(defaultPort)) {
                url.append(':').append(port);
            }
        }
        String scriptName = optional(environ, Environ.SCRIPT_NAME);
        quote(url, scriptName == null || scriptName.isEmpty() ? "/" : scriptName, "/", Environ.SCRIPT_NAME);
        return url.toString();
    }

    /**
     * Returns the full request URI with the query string: {@code requestUri(environ, true)}.
     *
     * <pre>{@code
     * // wsgi.url_scheme=http, HTTP_HOST=example.com, SCRIPT_NAME=/app, PATH_INFO=/a b, QUERY_STRING=x=1
     * Util.requestUri(environ);   // "http://example.com/app/a%20b?x=1"
     * }</pre>
     *
     * @param environ the environ (see {@link #applicationUri})
     * @return the URI
     * @throws IllegalArgumentException as {@link #applicationUri}, or if {@code PATH_INFO} holds a
     *     char above 255
     */
    public static String requestUri(Map<String, Object> environ) {
        return requestUri(environ, true);
    }

    /**
     * Returns the full request URI: {@link #applicationUri} followed by the quoted {@code
     * PATH_INFO} and, if asked for and non-empty, {@code ?QUERY_STRING} (not re-quoted).
     *
     * <p>{@code PATH_INFO} is percent-encoded byte by byte (Latin-1), leaving letters, digits,
     * {@code _.-~} and {@code /;=,}. As in wsgiref, when {@code SCRIPT_NAME} is empty the first
     * char of the quoted {@code PATH_INFO} is dropped (the {@code /} already ends the base URI).
     *
     * @param environ the environ (see {@link #applicationUri})
     * @param includeQuery whether to append {@code ?QUERY_STRING}
     * @return the URI
     * @throws IllegalArgumentException as {@link #applicationUri}, or if {@code PATH_INFO} holds a
     *     char above 255
     */
    public static String requestUri(Map<String, Object> environ, boolean includeQuery) {
        StringBuilder url = new StringBuilder(applicationUri(environ));
        String pathInfo = optional(environ, Environ.PATH_INFO);
        StringBuilder quoted = quote(new StringBuilder(), pathInfo == null ? "" : pathInfo, "/;=,", Environ.PATH_INFO);
        String scriptName = optional(environ, Environ.SCRIPT_NAME);
        if (scriptName == null || scriptName.isEmpty()) {
            url.append(quoted, Math.min(1, quoted.length()), quoted.length());
        } else {
            url.append(quoted);
        }
        String query = optional(environ, Environ.QUERY_STRING);
        if (includeQuery && query != null && !query.isEmpty()) {
            url.append('?').append(query);
        }
        return url.toString();
    }

    /**
     * Moves the first segment of {@code PATH_INFO} to the end of {@code SCRIPT_NAME} and returns
     * it, changing the environ in place (copy it first to keep the original).
     *
     * <p>Exactly as wsgiref: empty and {@code .} segments inside {@code PATH_INFO} are dropped
     * (the last one is kept), {@code SCRIPT_NAME + "/" + name} is normalised like POSIX {@code
     * normpath} (so {@code ..} climbs one level, and exactly two leading slashes are kept), a
     * trailing {@code /} is removed from it, and a {@code PATH_INFO} of {@code /} returns {@code ""}
     * and appends {@code /} to {@code SCRIPT_NAME} so that {@code /x} and {@code /x/} stay
     * distinguishable. A remaining {@code /.} returns {@code null} and empties {@code PATH_INFO}.
     *
     * <pre>{@code
     * // SCRIPT_NAME=/a, PATH_INFO=/x/y
     * Util.shiftPathInfo(environ);   // "x"; now SCRIPT_NAME=/a/x, PATH_INFO=/y
     * Util.shiftPathInfo(environ);   // "y"; now SCRIPT_NAME=/a/x/y, PATH_INFO=""
     * Util.shiftPathInfo(environ);   // null; nothing changed
     * }</pre>
     *
     * @param environ the environ; modified in place
     * @return the shifted segment, {@code ""} for a lone trailing slash, or {@code null} when
     *     {@code PATH_INFO} is empty (or is {@code /.})
     * @throws IllegalArgumentException if {@code PATH_INFO} is non-empty but holds no {@code /}
     *     (wsgiref fails there too), or a value is not a {@code String}
     */
    public static String shiftPathInfo(Map<String, Object> environ) {
        Objects.requireNonNull(environ, "environ");
        String pathInfo = optional(environ, Environ.PATH_INFO);
        if (pathInfo == null || pathInfo.isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>(Arrays.asList(pathInfo.split("/", -1)));
        if (parts.size() < 2) {
            throw new IllegalArgumentException(
                    "PATH_INFO must be empty or contain '/', got " + pathInfo.length() + " chars without one");
        }
        // Drop empty and "." segments strictly between the first and the last.
        List<String> inner = parts.subList(1, parts.size() - 1);
        inner.removeIf(p -> p.isEmpty() || p.equals("."));
        String name = parts.remove(1);

        String scriptName = optional(environ, Environ.SCRIPT_NAME);
        scriptName = normpath((scriptName == null ? "" : scriptName) + "/" + name);
        if (scriptName.endsWith("/")) {
            scriptName = scriptName.substring(0, scriptName.length() - 1);
        }
        if (name.isEmpty() && !scriptName.endsWith("/")) {
            scriptName += "/";
        }
        environ.put(Environ.SCRIPT_NAME, scriptName);
        environ.put(Environ.PATH_INFO, String.join("/", parts));
        return name.equals(".") ? null : name;
    }

    /**
     * Fills in trivial defaults for every variable WSGI requires, for unit tests of servers and
     * applications (never for a real server: the data is fake). Only keys that are absent are set;
     * a key present with any value, even {@code null}, is left alone.
     *
     * <p>The defaults, in wsgiref's order and with its cross-defaults: {@code SERVER_NAME=127.0.0.1},
     * {@code SERVER_PROTOCOL=HTTP/1.0}, {@code HTTP_HOST=}<i>SERVER_NAME</i>, {@code
     * REQUEST_METHOD=GET}, {@code SCRIPT_NAME=""} and {@code PATH_INFO=/} (only when both are
     * absent), {@code wsgi.version=List.of(1, 0)}, {@code wsgi.run_once}, {@code
     * wsgi.multithread} and {@code wsgi.multiprocess} {@code = Boolean.FALSE}, {@code wsgi.input}
     * an empty {@link ByteArrayInputStream}, {@code wsgi.errors} a {@link PrintStream} into memory,
     * {@code wsgi.url_scheme=}{@link #guessScheme}, and {@code SERVER_PORT} {@code 80} for http or
     * {@code 443} for https.
     *
     * <pre>{@code
     * Map<String, Object> environ = new HashMap<>(Map.of("HTTPS", "on"));
     * Util.setupTestingDefaults(environ);
     * environ.get("wsgi.url_scheme");   // "https"
     * environ.get("SERVER_PORT");       // "443"
     * }</pre>
     *
     * @param environ a mutable environ
     */
    public static void setupTestingDefaults(Map<String, Object> environ) {
        Objects.requireNonNull(environ, "environ");
        setDefault(environ, Environ.SERVER_NAME, "127.0.0.1");
        setDefault(environ, Environ.SERVER_PROTOCOL, "HTTP/1.0");
        setDefault(environ, Environ.HTTP_HOST, environ.get(Environ.SERVER_NAME));
        setDefault(environ, Environ.REQUEST_METHOD, "GET");
        if (!environ.containsKey(Environ.SCRIPT_NAME) && !environ.containsKey(Environ.PATH_INFO)) {
            environ.put(Environ.SCRIPT_NAME, "");
            environ.put(Environ.PATH_INFO, "/");
        }
        setDefault(environ, Environ.WSGI_VERSION, List.of(1, 0));
        setDefault(environ, Environ.WSGI_RUN_ONCE, Boolean.FALSE);
        setDefault(environ, Environ.WSGI_MULTITHREAD, Boolean.FALSE);
        setDefault(environ, Environ.WSGI_MULTIPROCESS, Boolean.FALSE);
        if (!environ.containsKey(Environ.WSGI_INPUT)) {
            environ.put(Environ.WSGI_INPUT, new ByteArrayInputStream(new byte[0]));
        }
        if (!environ.containsKey(Environ.WSGI_ERRORS)) {
            environ.put(
                    Environ.WSGI_ERRORS, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        }
        if (!environ.containsKey(Environ.WSGI_URL_SCHEME)) {
            environ.put(Environ.WSGI_URL_SCHEME, guessScheme(environ));
        }
        Object scheme = environ.get(Environ.WSGI_URL_SCHEME);
        if ("http".equals(scheme)) {
            setDefault(environ, Environ.SERVER_PORT, "80");
        } else if ("https".equals(scheme)) {
            setDefault(environ, Environ.SERVER_PORT, "443");
        }
    }

    /**
     * Tells whether a header is an HTTP/1.1 hop-by-hop header, which a WSGI application must not
     * send: {@code Connection}, {@code Keep-Alive}, {@code Proxy-Authenticate}, {@code
     * Proxy-Authorization}, {@code TE}, {@code Trailers}, {@code Transfer-Encoding}, {@code
     * Upgrade}. Case-insensitive, independent of the default locale.
     *
     * <pre>{@code
     * Util.isHopByHop("CONNECTION");   // true
     * Util.isHopByHop("Trailer");      // false
     * }</pre>
     *
     * @param headerName a header name
     * @return whether it is hop-by-hop
     */
    public static boolean isHopByHop(String headerName) {
        Objects.requireNonNull(headerName, "headerName");
        int n = headerName.length();
        if (n > HOP_BY_HOP_MAX_LENGTH || (HOP_BY_HOP_LENGTHS & (1 << n)) == 0) {
            return false; // no lowercase copy for the usual names, checked on every response header
        }
        return HOP_BY_HOP.contains(headerName.toLowerCase(Locale.ROOT));
    }

    private static void setDefault(Map<String, Object> environ, String key, Object value) {
        if (!environ.containsKey(key)) {
            environ.put(key, value);
        }
    }

    private static String optional(Map<String, Object> environ, String key) {
        Object value = environ.get(key);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw new IllegalArgumentException("environ value of " + key + " must be a String, got "
                + value.getClass().getName());
    }

    private static String required(Map<String, Object> environ, String key) {
        String value = optional(environ, key);
        if (value == null) {
            throw new IllegalArgumentException("environ has no " + key);
        }
        return value;
    }

    /**
     * Appends {@code s} percent-encoded like Python's {@code urllib.parse.quote(s, safe,
     * encoding='latin1')}: letters, digits, {@code _.-~} and the chars of {@code safe} stay, every
     * other char (a byte, 0–255) becomes {@code %XX} with upper-case hex.
     */
    private static StringBuilder quote(StringBuilder out, String s, String safe, String key) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > 0xFF) {
                throw new IllegalArgumentException(key + " holds char U+" + String.format(Locale.ROOT, "%04X", (int) c)
                        + " at index " + i + "; environ strings are bytes in a string (chars 0-255)");
            }
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '_'
                    || c == '.'
                    || c == '-'
                    || c == '~'
                    || safe.indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out;
    }

    /**
     * POSIX {@code normpath}, as Python's {@code posixpath.normpath}: drops empty and {@code .}
     * segments, resolves {@code ..} (never above the root of an absolute path), keeps exactly two
     * leading slashes but folds three or more into one, and returns {@code "."} for an empty
     * result.
     */
    static String normpath(String path) {
        if (path.isEmpty()) {
            return ".";
        }
        int leadingSlashes = 0;
        if (path.startsWith("/")) {
            leadingSlashes = path.startsWith("//") && !path.startsWith("///") ? 2 : 1;
        }
        List<String> out = new ArrayList<>();
        for (String part : path.split("/", -1)) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            boolean keepDotDot = leadingSlashes == 0
                    && (out.isEmpty() || out.get(out.size() - 1).equals(".."));
            if (!part.equals("..") || keepDotDot) {
                out.add(part);
            } else if (!out.isEmpty()) {
                out.remove(out.size() - 1);
            }
        }
        String result = "/".repeat(leadingSlashes) + String.join("/", out);
        return result.isEmpty() ? "." : result;
    }
}
