package io.jwsgi.servlet;

import io.jwsgi.util.EnvironBuilder;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The CGI variables of a JWSGI environ from a servlet request: what the request says, handed to
 * {@link EnvironBuilder}, which applies wsgiref's rules as the standalone server does. What is
 * the servlet's own is here: where the application is mounted ({@code SCRIPT_NAME}), which local
 * name the connection came in on ({@code SERVER_NAME}), and what the container authenticated.
 */
final class ServletEnviron {

    private static final Map<String, String> SERVER_NAMES = new ConcurrentHashMap<>();

    private static volatile PathPrefix lastPathPrefix;

    private static volatile ServerName lastServerName;

    private ServletEnviron() {}

    /**
     * The CGI variables of the request, in a new map ({@link #putCgiVariables}), with {@code
     * SERVER_SOFTWARE} the container's {@code getServerInfo()}.
     */
    static Map<String, String> cgiVariables(HttpServletRequest request) {
        Map<String, String> env = new LinkedHashMap<>();
        putCgiVariables(request, request.getServletContext().getServerInfo(), env);
        return env;
    }

    /**
     * Puts the CGI variables of the request straight into {@code env} (the environ under
     * construction, still empty), without an intermediate map.
     *
     * <p>{@code SCRIPT_NAME} is the context path plus the servlet's mount prefix and {@code
     * PATH_INFO} the rest of the raw request URI, both percent-decoded byte by byte (not the
     * container's decoded and normalized path, which loses {@code //} and re-reads bytes as
     * UTF-8). {@code SERVER_NAME} and {@code SERVER_PORT} are the local address's canonical name
     * and port, {@code REMOTE_*} the client's, {@code REMOTE_USER} and {@code AUTH_TYPE} what the
     * container authenticated, {@code HTTPS=on} for a secure request; the rest (the header fields
     * and the defaults) follow {@link EnvironBuilder}'s rules.
     *
     * @param serverSoftware {@code SERVER_SOFTWARE}, or {@code null} to put none
     */
    static void putCgiVariables(HttpServletRequest request, String serverSoftware, Map<String, ? super String> env) {
        String[] scriptAndPath = scriptNameAndPathInfo(request);
        EnvironBuilder builder = new EnvironBuilder(env)
                .server(serverName(request.getLocalAddr()), request.getLocalPort())
                .serverSoftware(serverSoftware)
                .protocol(request.getProtocol())
                .requestMethod(request.getMethod())
                .mount(scriptAndPath[0], scriptAndPath[1])
                .query(rawQuery(request))
                .remote(request.getRemoteAddr(), request.getRemoteHost(), request.getRemotePort())
                .remoteUser(request.getRemoteUser(), request.getAuthType())
                .https(request.isSecure());
        for (Enumeration<String> names = request.getHeaderNames(); names.hasMoreElements(); ) {
            addValues(builder, request, names.nextElement());
        }
        builder.build();
    }

    /**
     * The raw query as bytes in a string: a container that accepts raw bytes above 0x7F in the
     * target (Jetty; Tomcat refuses them) read them as UTF-8, so their UTF-8 bytes are the client's.
     */
    private static String rawQuery(HttpServletRequest request) {
        String query = request.getQueryString();
        return query == null ? null : EnvironBuilder.bytesInString(query);
    }

    /**
     * Adds each value of a field, in order. (A method of its own, small enough to be inlined
     * whole: the JIT then keeps the container's value enumeration off the heap.)
     */
    private static void addValues(EnvironBuilder builder, HttpServletRequest request, String name) {
        Enumeration<String> values = request.getHeaders(name);
        while (values.hasMoreElements()) {
            builder.header(name, values.nextElement());
        }
    }

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

    /** {@code [SCRIPT_NAME, PATH_INFO]} of the request. */
    static String[] scriptNameAndPathInfo(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        String rest = uri.startsWith(context) ? uri.substring(context.length()) : uri;
        // The container's string of the raw target: a raw byte above 0x7F was read as UTF-8
        // (Jetty; Tomcat refuses them), so its UTF-8 bytes are what the client sent.
        String path = EnvironBuilder.unquote(EnvironBuilder.bytesInString(rest));
        String prefix = mountPrefix(request);
        String script =
                context.isEmpty() ? prefix : EnvironBuilder.unquote(EnvironBuilder.bytesInString(context)) + prefix;
        if (path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/')) {
            return new String[] {script, path.substring(prefix.length())};
        }
        // The container matched a normalized form of the raw path (dot segments, doubled
        // slashes): fall back to its decoded path info, read back as UTF-8 bytes.
        String info = request.getPathInfo();
        return new String[] {script, info == null ? "" : EnvironBuilder.bytesInString(info)};
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
            case EXACT, EXTENSION -> EnvironBuilder.bytesInString(request.getServletPath());
            case DEFAULT, CONTEXT_ROOT -> "";
        };
    }

    /** A path mapping ({@code /shop/*}) without its {@code /*}, remembered for the last mapping asked. */
    private static String pathPrefix(String pattern) {
        PathPrefix last = lastPathPrefix;
        if (last == null || !last.pattern.equals(pattern)) {
            last = new PathPrefix(pattern, EnvironBuilder.bytesInString(pattern.substring(0, pattern.length() - 2)));
            lastPathPrefix = last;
        }
        return last.prefix;
    }

    private record PathPrefix(String pattern, String prefix) {}
}
