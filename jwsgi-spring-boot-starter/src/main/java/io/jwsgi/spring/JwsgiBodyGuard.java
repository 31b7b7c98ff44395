package io.jwsgi.spring;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.Part;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Keeps the request body of a request bound for a JWSGI mount away from everything upstream of the
 * application (Spring's filter chain, the DispatcherServlet), so that {@code wsgi.input} yields
 * exactly the bytes the client sent and {@code REQUEST_METHOD}, {@code CONTENT_TYPE} and {@code
 * CONTENT_LENGTH} say what the client said.
 *
 * <p>{@link #guard} (the first filter) wraps such a request in a {@link Guarded} view: the
 * container never parses its body, since {@code getParameter*} and {@code getParts} never reach
 * it. Upstream code sees the query string's parameters and, for a {@code POST} form, the form's
 * fields, parsed by the guard from bytes it records; multipart parts are not parsed (an empty
 * list); reading the stream of a form body gives nothing (so Boot's {@code FormContentFilter}
 * neither consumes it nor fails on it), reading any other body records what was read, up to
 * {@code jwsgi.max-request-body} (a read past it fails). {@link #reveal} (just before the JWSGI
 * servlet) gives the servlet the client's method, content type and length, and a stream that
 * replays the recorded bytes and then continues with the unread rest.
 */
final class JwsgiBodyGuard {

    private static final String ATTRIBUTE = JwsgiBodyGuard.class.getName();
    private static final String FORM = "application/x-www-form-urlencoded";

    private JwsgiBodyGuard() {}

    /**
     * The first filter: guards the requests that {@code boundForMount} says go to a JWSGI mount.
     *
     * @param boundForMount whether a request will reach a JWSGI application
     * @param limit the most bytes recorded (jwsgi.max-request-body), or -1
     * @return the filter
     */
    static Filter guard(Predicate<HttpServletRequest> boundForMount, long limit) {
        return (request, response, chain) -> {
            if (request instanceof HttpServletRequest http
                    && http.getAttribute(ATTRIBUTE) == null
                    && boundForMount.test(http)) {
                Guarded guarded = new Guarded(http, limit);
                http.setAttribute(ATTRIBUTE, guarded);
                chain.doFilter(guarded, response);
            } else {
                chain.doFilter(request, response);
            }
        };
    }

    /** The last filter before a JWSGI servlet: hands it the client's request ({@link #reveal}). */
    static Filter revealFilter() {
        return new Filter() {
            @Override
            public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                    throws IOException, ServletException {
                chain.doFilter(request instanceof HttpServletRequest http ? reveal(http) : request, response);
            }
        };
    }

    /**
     * The request as the JWSGI servlet must see it: if it was guarded, the client's method, content
     * type and length, and the whole body; other wrappers upstream (security, for the remote user)
     * stay in effect for the rest.
     *
     * @param request the request as the filter chain passes it on
     * @return the request for the servlet
     */
    static HttpServletRequest reveal(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof Guarded guarded ? new Revealed(request, guarded) : request;
    }

    /**
     * Whether the request was sent to one of the named servlets by the container's mapping.
     *
     * @param servletNames the JWSGI servlets mapped by path
     * @return the test
     */
    static Predicate<HttpServletRequest> mappedTo(Set<String> servletNames) {
        return request -> {
            HttpServletMapping mapping = request.getHttpServletMapping();
            return mapping != null && servletNames.contains(mapping.getServletName());
        };
    }

    /**
     * Whether the request may carry a body, or a {@code POST} whose method a filter could change,
     * or has a content type: multipart resolution goes by the type alone, and Jetty's fails on an
     * empty multipart body (the DispatcherServlet then answers itself, an empty 200).
     */
    static boolean mayCarryBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 // -1 when the request has no Content-Length
                || request.getHeader("Transfer-Encoding") != null
                || request.getContentType() != null
                || "POST".equals(request.getMethod());
    }

    /** The upstream view of a guarded request. */
    static final class Guarded extends HttpServletRequestWrapper {

        private final HttpServletRequest client;
        private final long limit;
        private final boolean form;
        private final ByteArrayOutputStream recorded = new ByteArrayOutputStream();
        private IOException failure;
        private boolean ended;
        private Map<String, String[]> parameters;
        private ServletInputStream upstream;

        Guarded(HttpServletRequest client, long limit) {
            super(client);
            this.client = client;
            this.limit = limit;
            String type = client.getContentType();
            this.form = type != null && type.toLowerCase(Locale.ROOT).startsWith(FORM);
        }

        @Override
        public String getParameter(String name) {
            String[] values = parameters().get(name);
            return values == null ? null : values[0];
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return Collections.unmodifiableMap(parameters());
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(parameters().keySet());
        }

        @Override
        public String[] getParameterValues(String name) {
            String[] values = parameters().get(name);
            return values == null ? null : values.clone();
        }

        @Override
        public Collection<Part> getParts() {
            return List.of();
        }

        @Override
        public Part getPart(String name) {
            return null;
        }

        @Override
        public ServletInputStream getInputStream() {
            if (this.upstream == null) {
                this.upstream = new Stream(this.form ? InputStream.nullInputStream() : new Recording());
            }
            return this.upstream;
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }

        private Map<String, String[]> parameters() {
            if (this.parameters == null) {
                Map<String, List<String>> all = new LinkedHashMap<>();
                Charset charset = StandardCharsets.UTF_8;
                String encoding = getCharacterEncoding();
                if (encoding != null && Charset.isSupported(encoding)) {
                    charset = Charset.forName(encoding);
                }
                String query = this.client.getQueryString();
                if (query != null) {
                    parse(query, StandardCharsets.UTF_8, all);
                }
                if (this.form && "POST".equals(this.client.getMethod())) {
                    parse(recordAll(), charset, all);
                }
                Map<String, String[]> map = new LinkedHashMap<>();
                all.forEach((k, v) -> map.put(k, v.toArray(String[]::new)));
                this.parameters = map;
            }
            return this.parameters;
        }

        /** Reads the rest of the body into the record (as far as the limit allows), as text of bytes. */
        private String recordAll() {
            try (InputStream in = new Recording()) {
                in.transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                // remembered: the application's read of the body fails with it after the replay
            }
            return this.recorded.toString(StandardCharsets.ISO_8859_1);
        }

        /** The client's body: the recorded bytes, then what nobody read yet. */
        InputStream replay() throws IOException {
            InputStream rest = this.ended ? InputStream.nullInputStream() : this.client.getInputStream();
            byte[] head = this.recorded.toByteArray();
            IOException failed = this.failure;
            return new SequenceInputStream(
                    new ByteArrayInputStream(head),
                    failed == null
                            ? rest
                            : new InputStream() {
                                @Override
                                public int read() throws IOException {
                                    throw failed;
                                }
                            });
        }

        /** Reads from the client's stream, appending to the record, failing past the limit. */
        private final class Recording extends InputStream {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (Guarded.this.failure != null) {
                    throw Guarded.this.failure;
                }
                if (Guarded.this.ended) {
                    return -1;
                }
                long room = Guarded.this.limit < 0 ? len : Guarded.this.limit - Guarded.this.recorded.size();
                if (room <= 0) {
                    throw new IOException("a filter read the body of a request for a JWSGI application past"
                            + " jwsgi.max-request-body (" + Guarded.this.limit + " bytes)");
                }
                int n;
                try {
                    n = Guarded.this.client.getInputStream().read(b, off, (int) Math.min(len, room));
                } catch (IOException e) {
                    Guarded.this.failure = e;
                    throw e;
                }
                if (n < 0) {
                    Guarded.this.ended = true;
                } else {
                    Guarded.this.recorded.write(b, off, n);
                }
                return n;
            }
        }
    }

    /** The servlet's view: the client's method, type, length and body over the chain's request. */
    private static final class Revealed extends HttpServletRequestWrapper {
        private final Guarded guarded;
        private ServletInputStream body;

        Revealed(HttpServletRequest request, Guarded guarded) {
            super(request);
            this.guarded = guarded;
        }

        @Override
        public String getMethod() {
            return this.guarded.client.getMethod();
        }

        @Override
        public String getContentType() {
            return this.guarded.client.getContentType();
        }

        @Override
        public int getContentLength() {
            return this.guarded.client.getContentLength();
        }

        @Override
        public long getContentLengthLong() {
            return this.guarded.client.getContentLengthLong();
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (this.body == null) {
                this.body = new Stream(this.guarded.replay());
            }
            return this.body;
        }
    }

    /** A blocking {@link ServletInputStream} over an {@link InputStream}. */
    private static final class Stream extends ServletInputStream {
        private final InputStream in;
        private boolean finished;

        Stream(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = this.in.read();
            this.finished = b < 0;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = this.in.read(b, off, len);
            this.finished = n < 0;
            return n;
        }

        @Override
        public boolean isFinished() {
            return this.finished;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            throw new IllegalStateException("the body of a request for a JWSGI application is read blocking");
        }
    }

    /**
     * Parses {@code application/x-www-form-urlencoded} text (one char per byte) into {@code into}:
     * {@code +} is a space, a {@code %XX} escape a byte, a malformed escape kept as it is.
     */
    static void parse(String text, Charset charset, Map<String, List<String>> into) {
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq), charset);
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), charset);
            into.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
    }

    private static String decode(String s, Charset charset) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                bytes.write(hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
                i += 2;
            } else {
                bytes.write(c & 0xFF);
            }
        }
        return bytes.toString(charset);
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }

    /** A view of a request whose attribute changes stay its own (for a handler lookup). */
    static final class LocalAttributes extends HttpServletRequestWrapper {
        private final Map<String, Object> local = new HashMap<>();

        LocalAttributes(HttpServletRequest request) {
            super(request);
        }

        @Override
        public Object getAttribute(String name) {
            return this.local.containsKey(name) ? this.local.get(name) : super.getAttribute(name);
        }

        @Override
        public void setAttribute(String name, Object value) {
            this.local.put(name, value);
        }

        @Override
        public void removeAttribute(String name) {
            this.local.put(name, null);
        }
    }
}
