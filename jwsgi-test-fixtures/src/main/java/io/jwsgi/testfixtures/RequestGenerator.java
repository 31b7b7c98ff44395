package io.jwsgi.testfixtures;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Generated HTTP/1.x requests for the differential tests, each on a connection of its own
 * ({@code Connection: close} on every request): methods, targets with percent-escapes, queries,
 * HTTP/1.0 and 1.1, Host or none, repeated and odd-cased {@code X-} fields with obs-text, inner
 * spaces and trailing whitespace, Content-Type, bodies. One generator, three kinds of requests
 * (each the exact sequence its test has always sent for a seed):
 *
 * <ul>
 *   <li>{@link #forWsgiref()}: what both wsgiref's {@code http.server} and jwsgi's standalone
 *       server accept, with fields named like CGI variables (jwsgi-core's {@code
 *       WsgiServerDifferentialTest});
 *   <li>{@link #forWsgirefWithByteBodies()}: the same without the CGI-named fields, and half of
 *       the bodies any bytes 0 to 255 (jwsgi-python's {@code PythonDifferentialTest});
 *   <li>{@link #forContainers()}: also what a servlet container may refuse (unsafe and 8-bit
 *       chars in the target, escaped UTF-8, HEAD, HTTP/1.1 without Host), bodies on any method but
 *       GET and HEAD, with a Content-Type of a form, multipart, octet-stream, JSON or text, framed
 *       by Content-Length or chunked (the starter's {@code BridgeDifferentialTests}).
 * </ul>
 */
public final class RequestGenerator {

    /** Unreserved and sub-delims chars, {@code :} and {@code @}: a path segment's allowed chars. */
    public static final String PATH_CHARS =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@";

    /** Printable ASCII that RFC 3986 does not allow unencoded in a path or query. */
    public static final String UNSAFE_CHARS = "\"<>[\\]^`{|}";

    /**
     * The CGI variables that the differential tests against wsgiref require a few hundred requests
     * of {@link #forWsgiref()} or {@link #forWsgirefWithByteBodies()} to reach (request line, body
     * framing, headers), and {@code body} (those tests' name for the body).
     */
    public static final List<String> REACHED_VARIABLES = List.of(
            "REQUEST_METHOD",
            "PATH_INFO",
            "QUERY_STRING",
            "SERVER_PROTOCOL",
            "CONTENT_TYPE",
            "CONTENT_LENGTH",
            "HTTP_HOST",
            "HTTP_CONNECTION",
            "SCRIPT_NAME",
            "SERVER_NAME",
            "REMOTE_ADDR",
            "REMOTE_HOST",
            "GATEWAY_INTERFACE",
            "body");

    private static final String TOKEN_CHARS =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-!#$%&'*+.^`|~";
    private static final String[] WSGIREF_METHODS = {"GET", "GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"};
    private static final String[] CONTAINER_METHODS = {
        "GET", "GET", "POST", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"
    };

    /**
     * Field names that map to a CGI variable (skipped where the variable is set), or to an {@code
     * HTTP_} key another field may have set ({@code Http-Host}). Not {@code Remote-Port}: jwsgi
     * sets REMOTE_PORT, wsgiref does not.
     */
    private static final String[] CGI_NAMED = {
        "Script-Name",
        "Path-Info",
        "Query-String",
        "Server-Name",
        "Server-Port",
        "Server-Protocol",
        "Server-Software",
        "Request-Method",
        "Remote-Addr",
        "Remote-Host",
        "Gateway-Interface",
        "Remote-User",
        "Auth-Type",
        "Https",
        "Http-Host",
        "Http-X-A",
        "X-A"
    };

    private static final String[] BODY_TYPES = {
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=xYzZY",
        "application/octet-stream",
        "application/json",
        "text/plain; charset=utf-8",
        null
    };

    private final boolean forContainers;
    private final boolean cgiNamedFields;
    private final boolean byteBodies;

    private RequestGenerator(boolean forContainers, boolean cgiNamedFields, boolean byteBodies) {
        this.forContainers = forContainers;
        this.cgiNamedFields = cgiNamedFields;
        this.byteBodies = byteBodies;
    }

    /**
     * Requests that wsgiref's {@code http.server} and jwsgi's standalone server both accept: a body
     * (visible ASCII, with a Content-Length) on half of the POST and PUT requests, and fields named
     * like CGI variables ({@code Script-Name}, {@code Https}, {@code Http-Host}, ...) among the
     * {@code X-} fields.
     *
     * @return the generator
     */
    public static RequestGenerator forWsgiref() {
        return new RequestGenerator(false, true, false);
    }

    /**
     * The requests of {@link #forWsgiref()} without the CGI-named fields, and half of the bodies
     * any bytes 0 to 255.
     *
     * @return the generator
     */
    public static RequestGenerator forWsgirefWithByteBodies() {
        return new RequestGenerator(false, false, true);
    }

    /**
     * Requests for a servlet container and the standalone server: targets that may also hold
     * unsafe chars ({@link #UNSAFE_CHARS}), unencoded 8-bit bytes and escaped UTF-8; HEAD; one in
     * twelve without Host; bodies of any bytes on two thirds of the requests other than GET and
     * HEAD, with Content-Length or (on HTTP/1.1) chunked.
     *
     * @return the generator
     */
    public static RequestGenerator forContainers() {
        return new RequestGenerator(true, false, false);
    }

    /**
     * The next request: its bytes, one char per byte.
     *
     * @param random the source; the same seed gives the same requests
     * @return the request, with its body if it has one
     */
    public String generate(Random random) {
        String[] methods = forContainers ? CONTAINER_METHODS : WSGIREF_METHODS;
        String method = methods[random.nextInt(methods.length)];
        boolean wsgirefBody = !forContainers && (method.equals("POST") || method.equals("PUT")) && random.nextBoolean();
        StringBuilder target = new StringBuilder();
        int segments = random.nextInt(4);
        for (int s = 0; s < segments || target.length() == 0; s++) {
            target.append('/');
            int length = random.nextInt(8);
            for (int c = 0; c < length; c++) {
                target.append(forContainers ? targetChar(random) : pathChar(random));
            }
        }
        if (random.nextInt(3) > 0) {
            target.append('?');
            int length = random.nextInt(12);
            for (int c = 0; c < length; c++) {
                target.append(forContainers ? containerQueryChar(random) : queryChar(random));
            }
        }
        boolean http10 = random.nextInt(forContainers ? 4 : 3) == 0;
        StringBuilder request =
                new StringBuilder(method + " " + target + " " + (http10 ? "HTTP/1.0" : "HTTP/1.1") + "\r\n");
        if (random.nextInt(forContainers ? 12 : 4) > 0) {
            request.append("Host: ")
                    .append(random.nextBoolean() ? "127.0.0.1" : "example.org:8080")
                    .append("\r\n");
        }
        request.append("Connection: close\r\n");
        List<String> names = new ArrayList<>();
        int headers = random.nextInt(6);
        for (int h = 0; h < headers; h++) {
            String name = fieldName(random, names);
            names.add(name);
            request.append(random.nextBoolean() ? name : name.toLowerCase(Locale.ROOT))
                    .append(':')
                    .append(random.nextBoolean() ? " " : "")
                    .append(value(random))
                    .append(random.nextInt(4) == 0 ? " \t" : "")
                    .append("\r\n");
        }
        return forContainers
                ? containerBody(random, method, http10, request)
                : wsgirefBody(random, wsgirefBody, request);
    }

    /** A new {@code X-} name, a CGI-named one (if so configured), or one of {@code names} again. */
    private String fieldName(Random random, List<String> names) {
        if (!cgiNamedFields) {
            return names.isEmpty() || random.nextInt(4) > 0
                    ? "X-" + word(random, TOKEN_CHARS, 1 + random.nextInt(10))
                    : names.get(random.nextInt(names.size())); // a repeated field
        }
        int kind = random.nextInt(8);
        return kind == 0
                ? CGI_NAMED[random.nextInt(CGI_NAMED.length)] // wsgiref's 'if k in env: continue'
                : names.isEmpty() || kind > 2
                        ? "X-" + word(random, TOKEN_CHARS, 1 + random.nextInt(10))
                        : names.get(random.nextInt(names.size())); // a repeated field
    }

    /** Maybe a Content-Type; the body (if {@code withBody}) with its Content-Length. */
    private String wsgirefBody(Random random, boolean withBody, StringBuilder request) {
        if (random.nextInt(3) == 0) {
            request.append("Content-Type: ")
                    .append(random.nextBoolean() ? "application/json" : "text/html; charset=\"utf-8\"")
                    .append("\r\n");
        }
        String body = "";
        if (withBody) {
            body = !byteBodies || random.nextBoolean()
                    ? word(random, PATH_CHARS, random.nextInt(200))
                    : bytes(random, random.nextInt(300));
            request.append("Content-Length: ").append(body.length()).append("\r\n");
        }
        return request.append("\r\n").append(body).toString();
    }

    /** A body on two thirds of the requests but GET and HEAD: Content-Length, or chunked on 1.1. */
    private static String containerBody(Random random, String method, boolean http10, StringBuilder request) {
        boolean withBody = !method.equals("GET") && !method.equals("HEAD") && random.nextInt(3) > 0;
        if (!withBody) {
            if (random.nextInt(4) == 0) {
                request.append("Content-Type: application/json\r\n");
            }
            return request.append("\r\n").toString();
        }
        String type = BODY_TYPES[random.nextInt(BODY_TYPES.length)];
        if (type != null) {
            request.append("Content-Type: ").append(type).append("\r\n");
        }
        StringBuilder body = new StringBuilder();
        int length = random.nextInt(4) == 0 ? 0 : random.nextInt(300);
        for (int i = 0; i < length; i++) {
            body.append(
                    random.nextInt(3) == 0
                            ? (char) random.nextInt(256)
                            : PATH_CHARS.charAt(random.nextInt(PATH_CHARS.length())));
        }
        if (!http10 && random.nextInt(3) == 0) {
            request.append("Transfer-Encoding: chunked\r\n\r\n");
            int at = 0;
            while (at < body.length()) {
                int n = Math.min(body.length() - at, 1 + random.nextInt(100));
                request.append(Integer.toHexString(n))
                        .append("\r\n")
                        .append(body, at, at + n)
                        .append("\r\n");
                at += n;
            }
            return request.append("0\r\n\r\n").toString();
        }
        return request.append("Content-Length: ")
                .append(body.length())
                .append("\r\n\r\n")
                .append(body)
                .toString();
    }

    /** A char of a path for wsgiref: an allowed one, or an escape of any byte but NUL. */
    private static String pathChar(Random random) {
        return random.nextInt(4) == 0
                ? "%" + String.format("%02X", 1 + random.nextInt(255))
                : String.valueOf(PATH_CHARS.charAt(random.nextInt(PATH_CHARS.length())));
    }

    /** A char of a query for wsgiref: an escape of any byte, =, &amp;, ?, or an allowed char. */
    private static String queryChar(Random random) {
        int kind = random.nextInt(6);
        return kind == 0
                ? "%" + String.format("%02x", random.nextInt(256))
                : kind == 1
                        ? "="
                        : kind == 2
                                ? "&"
                                : kind == 3
                                        ? "?"
                                        : String.valueOf(PATH_CHARS.charAt(random.nextInt(PATH_CHARS.length())));
    }

    /** A char of a query for a container: =, &amp;, ?, or a {@link #targetChar}. */
    private static String containerQueryChar(Random random) {
        int kind = random.nextInt(8);
        return kind == 0 ? "=" : kind == 1 ? "&" : kind == 2 ? "?" : targetChar(random);
    }

    /** A char of a path or query: mostly allowed ones, then escapes of any byte, a few unsafe or 8-bit ones. */
    private static String targetChar(Random random) {
        int kind = random.nextInt(60);
        String format = random.nextBoolean() ? "%%%02X" : "%%%02x";
        if (kind < 4) {
            return String.format(format, 0x20 + random.nextInt(0x5f)); // an escaped printable char
        }
        if (kind < 6) { // a char escaped as UTF-8
            byte[] utf8 = String.valueOf((char) (0xA0 + random.nextInt(0x3000))).getBytes(StandardCharsets.UTF_8);
            StringBuilder out = new StringBuilder();
            for (byte b : utf8) {
                out.append(String.format(format, b & 0xFF));
            }
            return out.toString();
        }
        if (kind == 6) {
            return String.format(format, 1 + random.nextInt(255)); // any byte but NUL
        }
        if (kind == 7) {
            return String.valueOf(UNSAFE_CHARS.charAt(random.nextInt(UNSAFE_CHARS.length())));
        }
        if (kind == 8) {
            return random.nextBoolean()
                    ? String.valueOf((char) (0x80 + random.nextInt(0x80))) // a byte, mostly not UTF-8
                    : new String(
                            String.valueOf((char) (0xA0 + random.nextInt(0x3000)))
                                    .getBytes(StandardCharsets.UTF_8),
                            StandardCharsets.ISO_8859_1); // a char's UTF-8 bytes, unencoded
        }
        return String.valueOf(PATH_CHARS.charAt(random.nextInt(PATH_CHARS.length())));
    }

    private static String bytes(Random random, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append((char) random.nextInt(256));
        }
        return out.toString();
    }

    private static String word(Random random, String alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    /** A field value: visible ASCII, inner spaces, obs-text; never empty. */
    private static String value(Random random) {
        StringBuilder out = new StringBuilder();
        int length = 1 + random.nextInt(16);
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(10);
            out.append(
                    kind == 0 && i > 0 && i < length - 1
                            ? ' '
                            : kind == 1 ? (char) (0x80 + random.nextInt(0x80)) : (char) (0x21 + random.nextInt(0x5e)));
        }
        return out.toString();
    }
}
