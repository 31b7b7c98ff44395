package io.jwsgi.spring;

import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
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
        env.put("SERVER_NAME", serverName(request.getLocalAddr()));
        env.put("GATEWAY_INTERFACE", "CGI/1.1");
        env.put("SERVER_PORT", Integer.toString(request.getLocalPort()));
        env.put("REMOTE_HOST", remoteHost(request));
        env.put("CONTENT_LENGTH", "");
        String[] scriptAndPath = scriptNameAndPathInfo(request);
        env.put("SCRIPT_NAME", scriptAndPath[0]);
        env.put("SERVER_PROTOCOL", request.getProtocol());
        env.put("REQUEST_METHOD", request.getMethod());
        env.put("PATH_INFO", scriptAndPath[1]);
        String query = request.getQueryString();
        env.put("QUERY_STRING", query == null ? "" : query);
        env.put("REMOTE_ADDR", request.getRemoteAddr());
        env.put("REMOTE_PORT", Integer.toString(request.getRemotePort()));
        String contentType = request.getHeader("Content-Type");
        env.put("CONTENT_TYPE", contentType == null ? "text/plain" : contentType);
        String contentLength = request.getHeader("Content-Length");
        if (contentLength != null && !contentLength.isEmpty()) {
            env.put("CONTENT_LENGTH", contentLength);
        }
        if (request.getRemoteUser() != null) {
            env.put("REMOTE_USER", request.getRemoteUser());
        }
        if (request.getAuthType() != null) {
            env.put("AUTH_TYPE", request.getAuthType());
        }
        if (request.isSecure()) {
            env.put("HTTPS", "on");
        }
        addHeaders(request, env);
        return env;
    }

    /**
     * The canonical host name of the address the connection came in on, as wsgiref's {@code
     * socket.getfqdn()} of its bound address (the containers differ: Tomcat's {@code getLocalName()}
     * resolves, Jetty's does not). Resolved once per address.
     */
    private static String serverName(String localAddress) {
        return SERVER_NAMES.computeIfAbsent(localAddress, address -> {
            try {
                return InetAddress.getByName(address).getCanonicalHostName();
            } catch (UnknownHostException e) {
                return address;
            }
        });
    }

    private static String remoteHost(HttpServletRequest request) {
        String host = request.getRemoteHost();
        return host == null || host.equals(request.getRemoteAddr()) ? "" : host;
    }

    private static void addHeaders(HttpServletRequest request, Map<String, String> env) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            if (name.indexOf('_') >= 0) {
                continue;
            }
            String key = name.replace('-', '_').toUpperCase(Locale.ROOT);
            if (env.containsKey(key) || headers.containsKey("HTTP_" + key)) {
                continue;
            }
            StringBuilder joined = new StringBuilder();
            for (Enumeration<String> values = request.getHeaders(name); values.hasMoreElements(); ) {
                if (joined.length() > 0) {
                    joined.append(',');
                }
                joined.append(values.nextElement().strip());
            }
            headers.put("HTTP_" + key, joined.toString());
        }
        env.putAll(headers);
    }

    /** {@code [SCRIPT_NAME, PATH_INFO]} of the request. */
    static String[] scriptNameAndPathInfo(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        String rest = uri.startsWith(context) ? uri.substring(context.length()) : uri;
        String path = decodePath(rest);
        String prefix = mountPrefix(request);
        String script = decodePath(context) + prefix;
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
            case PATH -> {
                String pattern = mapping.getPattern();
                yield bytesInString(pattern.substring(0, pattern.length() - 2));
            }
            case EXACT, EXTENSION -> bytesInString(request.getServletPath());
            case DEFAULT, CONTEXT_ROOT -> "";
        };
    }

    /**
     * Percent-decodes a raw URL path byte by byte into "bytes in a string" (one char per byte,
     * ISO-8859-1), as {@code urllib.parse.unquote(path, 'iso-8859-1')} does: malformed escapes
     * stay as they are, chars 0–255 stand for their own byte, and a char above 255 (a container
     * that read raw bytes as UTF-8) contributes its UTF-8 bytes.
     */
    static String decodePath(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length() && hex(raw.charAt(i + 1)) >= 0 && hex(raw.charAt(i + 2)) >= 0) {
                out.append((char) (hex(raw.charAt(i + 1)) << 4 | hex(raw.charAt(i + 2))));
                i += 2;
            } else if (c <= 0xFF) {
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
        return new String(decoded.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    private static int hex(char c) {
        return Character.digit(c, 16) >= 0 && c < 0x80 ? Character.digit(c, 16) : -1;
    }
}
