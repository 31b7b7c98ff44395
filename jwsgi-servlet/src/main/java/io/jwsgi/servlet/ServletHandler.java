package io.jwsgi.servlet;

import io.jwsgi.Header;
import io.jwsgi.StartResponse;
import io.jwsgi.handlers.BaseHandler;
import io.jwsgi.util.FileWrapper;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The {@link BaseHandler} of the servlet bridge: one per request, reading the environ from an
 * {@link HttpServletRequest} and answering through an {@link HttpServletResponse}.
 *
 * <p>The container is the origin server: the status goes through {@code setStatus} (Servlet 6
 * has no way to send the application's reason phrase, so the container's standard one goes out),
 * headers through {@code addHeader}, and the container adds {@code Date}, framing and connection
 * handling. Every write is flushed. A {@link FileWrapper} over a file is sent from memory-mapped
 * windows through {@link ServletOutputStream#write(java.nio.ByteBuffer)}, so its bytes never pass
 * through the Java heap. The process environment is not copied into the environ.
 */
final class ServletHandler extends BaseHandler {

    /** Bytes of a file mapped at once by {@link #sendfile()}. */
    static final long SENDFILE_WINDOW = 8L << 20;

    private static final String[] DISCONNECT_EXCEPTIONS = {
        "org.apache.catalina.connector.ClientAbortException", "org.eclipse.jetty.io.EofException"
    };

    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final JwsgiMount mount;
    private final System.Logger log;
    private final ErrorStream errors;
    private RequestBody body;
    private Throwable failure;
    private boolean cut;

    /**
     * @param request the request
     * @param response its response
     * @param mount the application's mount
     * @param log the application's logger ({@link #logName})
     * @param errors the application's {@code wsgi.errors}, shared by its requests
     * @param serverSoftware the container's {@code getServerInfo()}, or {@code null} to ask the
     *     request's servlet context
     */
    ServletHandler(
            HttpServletRequest request,
            HttpServletResponse response,
            JwsgiMount mount,
            System.Logger log,
            ErrorStream errors,
            String serverSoftware) {
        this.request = request;
        this.response = response;
        this.mount = mount;
        this.log = log;
        this.errors = errors;
        this.wsgiMultithread = true;
        this.wsgiMultiprocess = false;
        this.wsgiRunOnce = false;
        this.httpVersion = httpVersion(request.getProtocol());
        this.serverSoftware = serverSoftware != null
                ? serverSoftware
                : request.getServletContext().getServerInfo();
        this.osEnviron = Map.of();
    }

    private static String httpVersion(String protocol) {
        return switch (protocol) {
            case "HTTP/1.1" -> "1.1";
            case "HTTP/1.0" -> "1.0";
            default -> protocol.startsWith("HTTP/") ? protocol.substring(5) : "1.1";
        };
    }

    /** The name of the logger behind an application's {@code wsgi.errors}. */
    static String logName(String app) {
        return "io.jwsgi.app." + app;
    }

    /** The exception that ended the request in an error (logged and answered), or {@code null}. */
    Throwable failure() {
        return this.failure;
    }

    /**
     * Whether the application failed after the headers went out: the response is incomplete, and
     * the container must not end it as if it were whole (see {@link JwsgiServlet}).
     */
    boolean responseCut() {
        return this.cut;
    }

    @Override
    protected void handleError() throws Exception {
        this.cut = headersSent;
        super.handleError();
    }

    @Override
    protected void addCgiVars() {
        // straight into the environ, still empty here (osEnviron is empty): no intermediate map
        ServletEnviron.putCgiVariables(this.request, serverSoftware, environ);
        environ.put("wsgi.input_terminated", Boolean.TRUE);
        environ.put("jwsgi.servlet_request", this.request);
        environ.put("jwsgi.servlet_response", this.response);
    }

    @Override
    protected InputStream getStdin() throws IOException {
        if (this.body == null) {
            this.body = new RequestBody(
                    this.request.getInputStream(),
                    this.mount.maxRequestBody(),
                    this.mount.settingNames().maxRequestBody(),
                    this.request.getContentLengthLong());
        }
        return this.body;
    }

    @Override
    protected PrintStream getStderr() {
        return this.errors.printStream();
    }

    @Override
    protected void rawWrite(byte[] data) throws IOException {
        this.response.getOutputStream().write(data);
    }

    /**
     * Flushes the container's output stream, except after the chunk of a one-element {@link
     * Collection} result that is not {@link AutoCloseable}: that chunk is the whole body, nothing
     * can come after it, and the container sends it when the request ends (Tomcat and Jetty
     * already when {@code Content-Length} bytes were written, the length {@link
     * #setContentLength()} sets unless the application gave one). Everything else, the {@code write} callable and every chunk of any other
     * result, is flushed as it is written.
     */
    @Override
    protected void rawFlush() throws IOException {
        if (result instanceof Collection<?> chunks && !(result instanceof AutoCloseable) && chunks.size() == 1) {
            return;
        }
        this.response.getOutputStream().flush();
    }

    /** Sets the status code; the container writes the status line with its own reason phrase. */
    @Override
    protected void sendPreamble() {
        this.response.setStatus(statusCode());
    }

    /** Hands status and headers to the container, checked once more for CR, LF and NUL. */
    @Override
    protected void sendHeaders() throws IOException {
        cleanupHeaders();
        List<Header> list = headers.list();
        for (Header h : list) {
            h.checked(); // throws, saying what is wrong
        }
        headersSent = true;
        sendPreamble();
        for (Header header : list) {
            this.response.addHeader(header.name(), header.value());
        }
    }

    /**
     * Sends a {@link FileWrapper} over a file without copying it through the heap: the file is
     * mapped window by window and each window written with {@link
     * ServletOutputStream#write(java.nio.ByteBuffer)}, which Tomcat and Jetty hand to the socket
     * as it is. {@code Content-Length} is settled by {@link #sendfileLength}: the rest of the file
     * if the application gave none, and no more than the application's if it gave one. A response
     * to {@code HEAD} sends the headers only.
     */
    @Override
    protected boolean sendfile() throws IOException {
        FileChannel channel = ((FileWrapper) result).fileChannel();
        if (channel == null) {
            return false;
        }
        long start = channel.position();
        long length = Math.max(0, channel.size() - start);
        if (!headersSent) {
            long contentLength = sendfileLength(length);
            if (contentLength < 0) {
                return false;
            }
            length = Math.min(contentLength, length); // a longer promise ends short: the container sees it
            sendHeaders();
        }
        if (!"HEAD".equals(this.request.getMethod())) {
            ServletOutputStream out = this.response.getOutputStream();
            for (long sent = 0; sent < length; ) {
                long n = Math.min(SENDFILE_WINDOW, length - sent);
                out.write(channel.map(FileChannel.MapMode.READ_ONLY, start + sent, n));
                sent += n;
                bytesSent += n;
            }
            out.flush();
        }
        return true;
    }

    /** Logs through the application's logger; a body the client got wrong is not an error. */
    @Override
    protected void logException(Throwable e) {
        if (this.failure == null) {
            this.failure = e;
        }
        if (!isBodyFailure(e)) {
            this.log.log(System.Logger.Level.ERROR, "JWSGI application '" + this.mount.name() + "' failed", e);
        } else if (this.body.failure() instanceof RequestBody.EndedEarlyException early) {
            // Tomcat and Jetty throw when a client stops mid-body: a body that just ends short was
            // most likely consumed before the application, a misconfiguration worth a warning
            this.log.log(
                    System.Logger.Level.WARNING,
                    "JWSGI application '" + this.mount.name() + "': " + early.getMessage());
        } else {
            this.log.log(
                    System.Logger.Level.DEBUG, "JWSGI application '" + this.mount.name() + "': bad request body", e);
        }
    }

    /**
     * Answers a failed request: 413 or 400 when reading the request body failed, else wsgiref's
     * 500 page, or with error diagnostics on, a 500 that shows the stack trace.
     */
    @Override
    protected Iterable<byte[]> errorOutput(Map<String, Object> environ, StartResponse startResponse) throws Exception {
        Throwable e = excInfo();
        String plain = "text/plain; charset=utf-8";
        if (isBodyFailure(e)) {
            boolean tooLarge = this.body.failure() instanceof RequestBody.TooLargeException;
            String status = tooLarge ? "413 Content Too Large" : "400 Bad Request";
            startResponse.start(status, List.of(Header.of("Content-Type", plain)), e);
            return List.of((status + "\n").getBytes(StandardCharsets.UTF_8));
        }
        if (!this.mount.errorDiagnostics()) {
            return super.errorOutput(environ, startResponse);
        }
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        startResponse.start(errorStatus, List.of(Header.of("Content-Type", plain)), e);
        String page = errorStatus + "\n\nJWSGI application '" + this.mount.name() + "' failed" + " (shown because "
                + this.mount.settingNames().errorDiagnostics() + "=true):\n\n" + trace;
        return List.of(page.getBytes(StandardCharsets.UTF_8));
    }

    private boolean isBodyFailure(Throwable e) {
        IOException bodyFailure = this.body == null ? null : this.body.failure();
        for (Throwable t = e; t != null && bodyFailure != null; t = t.getCause()) {
            if (t == bodyFailure) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected boolean isClientDisconnect(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            for (String name : DISCONNECT_EXCEPTIONS) {
                if (t.getClass().getName().equals(name)) {
                    return true;
                }
            }
        }
        return super.isClientDisconnect(e);
    }

    /**
     * Ends the request's part of {@code wsgi.errors}: logs the unfinished line the request's thread
     * wrote, if any. {@link JwsgiServlet} calls it once the request is done, on every path (also
     * when the client went away and {@link #close()} was not called).
     */
    void endErrors() {
        this.errors.endLine();
    }
}
