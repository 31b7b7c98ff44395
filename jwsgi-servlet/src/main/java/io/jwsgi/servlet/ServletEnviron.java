package io.jwsgi.servlet;

import io.jwsgi.Environ;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The CGI variables of a JWSGI environ, built from a servlet request the way {@code
 * wsgiref.simple_server} (and so jwsgi's standalone server) builds them from the wire.
 */
final class ServletEnviron {

    private static final Map<String, String> SERVER_NAMES = new ConcurrentHashMap<>();

    /**
     * The CGI names {@link #putCgiVariables} itself may put, with {@code HTTP_} in front: a header
     * that maps to one of them (e.g. {@code Content-Type} to {@code HTTP_CONTENT_TYPE}) gets no
     * key of its own if that variable is set.
     */
    private static final Map<String, String> CGI_NAMES_BY_HTTP_KEY = cgiNamesByHttpKey(
            "SERVER_NAME",
            "GATEWAY_INTERFACE",
            "SERVER_PORT",
            "REMOTE_HOST",
            "CONTENT_LENGTH",
            "SCRIPT_NAME",
            "SERVER_PROTOCOL",
            "REQUEST_METHOD",
            "PATH_INFO",
            "QUERY_STRING",
            "REMOTE_ADDR",
            "REMOTE_PORT",
            "CONTENT_TYPE",
            "REMOTE_USER",
            "AUTH_TYPE",
            "HTTPS");

    private static volatile PortString lastPort;

    private static volatile PathPrefix lastPathPrefix;

    private static volatile ServerName lastServerName;

    private ServletEnviron() {}

    /**
     * The CGI variables of the request: every value a string of chars 0–255.
     *
     * <p>{@code SCRIPT_NAME} is the context path plus the servlet's mount prefix and {@code
     * PATH_INFO} the rest of the raw request URI, both percent-decoded byte by byte (not the
     * container's decoded and normalized path, which loses {@code //} and re-reads bytes as
     * UTF-8). Like wsgiref, {@code CONTENT_TYPE} defaults to {@code text/plain}, {@code
     * CONTENT_LENGTH} and {@code REMOTE_HOST} to empty, and a header whose CGI name is already
     * taken ({@code Content-Type}, {@code Content-Length}, ...) gets no {@code HTTP_} key. Unlike
     * wsgiref, header names holding {@code _} are dropped (they would alias {@code -}).
     */
    static Map<String, String> cgiVariables(HttpServletRequest request) {
        Map<String, String> env = new LinkedHashMap<>();
        putCgiVariables(request, env);
        return env;
    }

    /**
     * Puts the {@linkplain #cgiVariables CGI variables} of the request straight into {@code env}
     * (the environ under construction), without an intermediate map. {@code env} must not hold
     * CGI or {@code HTTP_*} keys yet: a header is skipped when its CGI name was put by this call
     * or an earlier header of the same CGI name was.
     */
    static void putCgiVariables(HttpServletRequest request, Map<String, ? super String> env) {
        env.put("SERVER_NAME", serverName(request.getLocalAddr()));
        env.put("GATEWAY_INTERFACE", "CGI/1.1");
        env.put("SERVER_PORT", portString(request.getLocalPort()));
        env.put("REMOTE_HOST", remoteHost(request));
        String[] scriptAndPath = scriptNameAndPathInfo(request);
        env.put("SCRIPT_NAME", scriptAndPath[0]);
        env.put("SERVER_PROTOCOL", request.getProtocol());
        env.put("REQUEST_METHOD", request.getMethod());
        env.put("PATH_INFO", scriptAndPath[1]);
        String query = request.getQueryString();
        // a container that read a raw byte above 0x7F decoded it as UTF-8 (Jetty; Tomcat refuses them)
        env.put("QUERY_STRING", query == null ? "" : bytesInString(query));
        env.put("REMOTE_ADDR", request.getRemoteAddr());
        env.put("REMOTE_PORT", Integer.toString(request.getRemotePort()));
        String contentType = request.getHeader("Content-Type");
        env.put("CONTENT_TYPE", contentType == null ? "text/plain" : contentType);
        String contentLength = request.getHeader("Content-Length");
        env.put("CONTENT_LENGTH", contentLength == null ? "" : contentLength);
        String remoteUser = request.getRemoteUser();
        if (remoteUser != null) {
            env.put("REMOTE_USER", remoteUser);
        }
        String authType = request.getAuthType();
        if (authType != null) {
            env.put("AUTH_TYPE", authType);
        }
        if (request.isSecure()) {
            env.put("HTTPS", "on");
        }
        addHeaders(request, env);
    }

    /** {@code Integer.toString(port)}, remembered for the last port asked (the connector's). */
    private static String portString(int port) {
        PortString last = lastPort;
        if (last == null || last.port != port) {
            last = new PortString(port, Integer.toString(port));
            lastPort = last;
        }
        return last.string;
    }

    private record PortString(int port, String string) {}

    /**
     * The canonical host name of the address the connection came in on, as wsgiref's {@code
     * socket.getfqdn()} of its bound address (the containers differ: Tomcat's {@code getLocalName()}
     * resolves, Jetty's does not). Resolved once per address.
     */
    private static String serverName(String localAddress) {
        ServerName last = lastServerName; // the connector's address, request after request
        if (last != null && last.address.equals(localAddress)) {
            return last.name;
        }
        String name = SERVER_NAMES.computeIfAbsent(localAddress, address -> {
            try {
                return InetAddress.getByName(address).getCanonicalHostName();
            } catch (UnknownHostException e) {
                return address;
            }
        });
        lastServerName = new ServerName(localAddress, name);
        return name;
    }

    private record ServerName(String address, String name) {}

    private static String remoteHost(HttpServletRequest request) {
        String host = request.getRemoteHost();
        return host == null || host.equals(request.getRemoteAddr()) ? "" : host;
    }

    private static Map<String, String> cgiNamesByHttpKey(String... names) {
        Map<String, String> byKey = new HashMap<>();
        for (String name : names) {
            byKey.put("HTTP_" + name, name);
        }
        return Map.copyOf(byKey);
    }

    private static void addHeaders(HttpServletRequest request, Map<String, ? super String> env) {
        for (Enumeration<String> names = request.getHeaderNames(); names.hasMoreElements(); ) {
            String name = names.nextElement();
            String httpKey = httpKey(name);
            if (httpKey == null) {
                continue; // holds '_': it would pass for '-'
            }
            String cgiName = CGI_NAMES_BY_HTTP_KEY.get(httpKey);
            if ((cgiName != null && env.containsKey(cgiName)) || env.containsKey(httpKey)) {
                continue;
            }
            env.put(httpKey, joinedValues(request, name));
        }
    }

    /**
     * {@code "HTTP_"} and the header name with {@code -} as {@code _}, upper case ({@link
     * Locale#ROOT}); {@code null} for a name that holds {@code _}.
     */
    private static String httpKey(String name) {
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

    /**
     * The field's values, each stripped as wsgiref strips them, joined with {@code ,} (an empty
     * value keeps its place, as in wsgiref and the standalone server).
     */
    private static String joinedValues(HttpServletRequest request, String name) {
        Enumeration<String> values = request.getHeaders(name);
        if (!values.hasMoreElements()) {
            return "";
        }
        String first = Environ.stripHeaderValue(values.nextElement());
        if (!values.hasMoreElements()) {
            return first;
        }
        StringBuilder joined = new StringBuilder(first);
        do {
            joined.append(',').append(Environ.stripHeaderValue(values.nextElement()));
        } while (values.hasMoreElements());
        return joined.toString();
    }

    /** {@code [SCRIPT_NAME, PATH_INFO]} of the request. */
    static String[] scriptNameAndPathInfo(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        String rest = uri.startsWith(context) ? uri.substring(context.length()) : uri;
        String path = decodePath(rest);
        String prefix = mountPrefix(request);
        String script = context.isEmpty() ? prefix : decodePath(context) + prefix;
        if (path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/')) {
            return new String[] {script, path.substring(prefix.length())};
        }
        // The container matched a normalized form of the raw path (dot segments, doubled
        // slashes): fall back to its decoded path info, read back as UTF-8 bytes.
        String info = request.getPathInfo();
        return new String[] {script, info == null ? "" : bytesInString(info)};
    }

    /**
     * The part of the request path that selected this servlet: the path mapping without its
     * {@code /*}, the whole servlet path for an exact or extension mapping, and nothing for the
     * default servlet (or a named dispatch from a {@code DispatcherServlet} mapped at {@code /}).
     */
    private static String mountPrefix(HttpServletRequest request) {
        HttpServletMapping mapping = request.getHttpServletMapping();
        if (mapping == null || mapping.getMappingMatch() == null) {
            return "";
        }
        return switch (mapping.getMappingMatch()) {
            case PATH -> pathPrefix(mapping.getPattern());
            case EXACT, EXTENSION -> bytesInString(request.getServletPath());
            case DEFAULT, CONTEXT_ROOT -> "";
        };
    }

    /** A path mapping ({@code /shop/*}) without its {@code /*}, remembered for the last mapping asked. */
    private static String pathPrefix(String pattern) {
        PathPrefix last = lastPathPrefix;
        if (last == null || !last.pattern.equals(pattern)) {
            last = new PathPrefix(pattern, bytesInString(pattern.substring(0, pattern.length() - 2)));
            lastPathPrefix = last;
        }
        return last.prefix;
    }

    private record PathPrefix(String pattern, String prefix) {}

    /**
     * Percent-decodes a raw URL path byte by byte into "bytes in a string" (one char per byte,
     * ISO-8859-1), as {@code urllib.parse.unquote(path, 'iso-8859-1')} does: malformed escapes
     * stay as they are, ASCII chars stand for their own byte, and a char above 0x7F (a raw byte,
     * which a container that accepts them read as UTF-8: Jetty; Tomcat refuses them) contributes
     * its UTF-8 bytes.
     */
    static String decodePath(String raw) {
        if (isPlain(raw, 0x7F, true)) {
            return raw; // nothing to decode: the string is its own bytes
        }
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length() && hex(raw.charAt(i + 1)) >= 0 && hex(raw.charAt(i + 2)) >= 0) {
                out.append((char) (hex(raw.charAt(i + 1)) << 4 | hex(raw.charAt(i + 2))));
                i += 2;
            } else if (c < 0x80) {
                out.append(c);
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < raw.length() ? i + 2 : i + 1;
                out.append(bytesInString(raw.substring(i, end)));
                i = end - 1;
            }
        }
        return out.toString();
    }

    /** A decoded Java string as bytes in a string: its UTF-8 bytes, one char each. */
    static String bytesInString(String decoded) {
        if (isPlain(decoded, 0x7F, false)) {
            return decoded; // ASCII: its UTF-8 bytes are its chars
        }
        return new String(decoded.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    /** Whether every char of {@code s} is at most {@code max} (and, if asked, none is {@code %}). */
    private static boolean isPlain(String s, int max, boolean noPercent) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > max || (noPercent && c == '%')) {
                return false;
            }
        }
        return true;
    }

    private static int hex(char c) {
        return Character.digit(c, 16) >= 0 && c < 0x80 ? Character.digit(c, 16) : -1;
    }
}
