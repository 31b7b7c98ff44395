package io.jwsgi.bench;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;

/**
 * The floor under any PEP 3333 bridge on this container: the raw servlet ({@link HelloServlet})
 * plus what a WSGI environ needs and a raw servlet does not read, written straight against the
 * Servlet API with no jwsgi code: the container's getters behind the CGI variables (method,
 * protocol, the raw request URI, context path, query, servlet mapping, local and remote address and
 * port, authentication, every header field) and a {@code HashMap} of the same 26 entries the bridge
 * puts for a {@code GET} with one {@code Host} field. No decoding, no checks, no handler. What the
 * bridge costs above this is jwsgi's own (bench/pair-jvm.sh, docs/benchmarks.md).
 */
final class EnvironServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final Object[] CONSTANTS = {
        "wsgi.version",
        new int[] {1, 0},
        "wsgi.multithread",
        Boolean.TRUE,
        "wsgi.multiprocess",
        Boolean.FALSE,
        "wsgi.run_once",
        Boolean.FALSE,
        "wsgi.input_terminated",
        Boolean.TRUE
    };

    /** The last environ made, or the last count of a {@link Sink}: keeps the JIT from dropping the work as unused. */
    static volatile Object last;

    private final boolean map;

    /**
     * @param map whether to put the values into a {@code HashMap} ({@code /environ}); without it
     *     ({@code /getters}) they go into a map that keeps nothing, so the two apart split the
     *     floor into the container's getters and the map
     */
    EnvironServlet(boolean map) {
        this.map = map;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Map<String, Object> env = this.map ? new HashMap<>(64) : new Sink();
        env.put("SERVER_NAME", request.getLocalAddr());
        env.put("GATEWAY_INTERFACE", "CGI/1.1");
        env.put("SERVER_PORT", Integer.toString(request.getLocalPort()));
        env.put("REMOTE_HOST", request.getRemoteHost());
        env.put("CONTENT_LENGTH", "");
        request.getContextPath(); // read as the bridge reads it, to strip it from the URI (here always "")
        env.put("SCRIPT_NAME", request.getHttpServletMapping().getPattern());
        env.put("SERVER_PROTOCOL", request.getProtocol());
        env.put("SERVER_SOFTWARE", "Apache Tomcat");
        env.put("REQUEST_METHOD", request.getMethod());
        env.put("PATH_INFO", request.getRequestURI());
        String query = request.getQueryString();
        env.put("QUERY_STRING", query == null ? "" : query);
        env.put("REMOTE_ADDR", request.getRemoteAddr());
        env.put("REMOTE_PORT", Integer.toString(request.getRemotePort()));
        env.put("CONTENT_TYPE", "text/plain");
        if (request.getRemoteUser() != null || request.getAuthType() != null || request.isSecure()) {
            env.put("REMOTE_USER", request.getRemoteUser());
        }
        for (Enumeration<String> names = request.getHeaderNames(); names.hasMoreElements(); ) {
            String name = names.nextElement();
            for (Enumeration<String> values = request.getHeaders(name); values.hasMoreElements(); ) {
                env.put(name.equalsIgnoreCase("Host") ? "HTTP_HOST" : "HTTP_" + name, values.nextElement());
            }
        }
        for (int i = 0; i < CONSTANTS.length; i += 2) {
            env.put((String) CONSTANTS[i], CONSTANTS[i + 1]);
        }
        env.put("wsgi.url_scheme", "http");
        env.put("wsgi.input", request.getInputStream());
        env.put("wsgi.errors", System.err);
        env.put("wsgi.file_wrapper", this);
        env.put("jwsgi.servlet_request", request);
        env.put("jwsgi.servlet_response", response);
        last = this.map ? env : (Object) ((Sink) env).count;
        response.setContentType(Hello.CONTENT_TYPE);
        response.setContentLength(Hello.BODY.length);
        response.getOutputStream().write(Hello.BODY);
    }

    /** A map that keeps only a count of what it was given (published once per request through {@link #last}). */
    private static final class Sink extends java.util.AbstractMap<String, Object> {

        int count;

        @Override
        public Object put(String key, Object value) {
            count += key.length() + (value == null ? 0 : 1);
            return null;
        }

        @Override
        public java.util.Set<Map.Entry<String, Object>> entrySet() {
            return java.util.Set.of();
        }
    }
}
