package io.jwsgi.handlers;

import io.jwsgi.Application;
import io.jwsgi.Environ;
import io.jwsgi.Header;
import io.jwsgi.StartResponse;
import io.jwsgi.Write;
import io.jwsgi.headers.Headers;
import io.jwsgi.util.FileWrapper;
import io.jwsgi.util.Util;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Runs one JWSGI application for one request: Python's {@code wsgiref.handlers.BaseHandler}.
 *
 * <p>{@link #run} is a template method: {@link #setupEnviron()} builds the environ, the
 * application is called, {@link #finishResponse()} sends its body and {@link #close()} releases
 * it; an exception goes to {@link #handleError()}, which logs it and, if no header was sent yet,
 * sends {@link #errorOutput} instead. Subclasses supply the I/O through the abstract hooks
 * ({@link #rawWrite}, {@link #rawFlush}, {@link #getStdin}, {@link #getStderr}, {@link
 * #addCgiVars}) and may override any other step. The fields are wsgiref's attributes under Java
 * names: configuration, collaborators and error handling may be changed per subclass or per
 * instance; the state fields belong to the request in progress.
 *
 * <p>Where Java allows, the checks are stricter than wsgiref's and always on (never Java {@code
 * assert}): a malformed status, a hop-by-hop header or a header that could split the response
 * (CR, LF, NUL, or a char above 255) is an error before anything reaches the wire; the
 * application's iterable is closed exactly once on every path; a client that went away (broken
 * pipe, connection reset) ends the request silently.
 *
 * <pre>{@code
 * class StdioHandler extends BaseHandler {
 *     protected void rawWrite(byte[] data) throws IOException { System.out.write(data); }
 *     protected void rawFlush() { System.out.flush(); }
 *     protected InputStream getStdin() { return System.in; }
 *     protected PrintStream getStderr() { return System.err; }
 *     protected void addCgiVars() { environ.putAll(myRequestVariables); }
 * }
 * new StdioHandler().run(application);
 * }</pre>
 *
 * <p>A handler runs one request at a time; it may be reused for the next request once {@link
 * #run} returned. After a failed request the state fields keep what they held (as in wsgiref)
 * until the next {@code run} starts.
 */
public abstract class BaseHandler {

    private static final List<Integer> WSGI_VERSION = List.of(1, 0);
    private static final String CONTENT_LENGTH = "Content-Length";
    private static final List<Header> DEFAULT_ERROR_HEADERS = List.of(new Header("Content-Type", "text/plain"));
    private static final String DEFAULT_ERROR_BODY = "A server error occurred.  Please contact the administrator.";
    private static final byte[] DEFAULT_ERROR_BODY_BYTES = DEFAULT_ERROR_BODY.getBytes(StandardCharsets.ISO_8859_1);

    // ---- Configuration: change per subclass (in its constructor) or per instance ----

    /** Put in the environ as {@code wsgi.multithread}. */
    protected boolean wsgiMultithread = true;

    /** Put in the environ as {@code wsgi.multiprocess}. */
    protected boolean wsgiMultiprocess = true;

    /** Put in the environ as {@code wsgi.run_once}. */
    protected boolean wsgiRunOnce = false;

    /**
     * Whether this handler talks to the HTTP client directly: then it sends an {@code
     * HTTP/<httpVersion> <status>} line and {@code Date} and {@code Server} headers; otherwise (a
     * CGI-like gateway) it sends a {@code Status:} header.
     */
    protected boolean originServer = true;

    /** The HTTP version of the status line an origin server sends. */
    protected String httpVersion = "1.0";

    /**
     * The server's name and version: the {@code Server} header an origin server sends unless the
     * application set one, and the default of {@code SERVER_SOFTWARE}; {@code null} for none.
     */
    protected String serverSoftware;

    /**
     * The variables every environ starts from. By default a snapshot of {@link
     * Handlers#readEnviron()} taken once per JVM (as wsgiref takes {@code os.environ} at import
     * time); the CGI handlers set it empty, since their request environ already is the process
     * environment.
     */
    protected Map<String, String> osEnviron = OsEnvironHolder.SNAPSHOT;

    // ---- Collaborators ----

    /**
     * Put in the environ as {@code wsgi.file_wrapper}; {@code null} leaves the key out. A result
     * that is a {@link FileWrapper} is offered to {@link #sendfile()}.
     */
    protected FileWrapper.Factory wsgiFileWrapper = FileWrapper.FACTORY;

    // ---- Error handling ----

    /**
     * How many stack frames {@link #logException} prints per exception: {@code null} for all, a
     * positive {@code n} for the first {@code n} as Java prints them (innermost first), a negative
     * {@code -n} for the last {@code n}, {@code 0} for none.
     */
    protected Integer tracebackLimit;

    /** The status {@link #errorOutput} sends. */
    protected String errorStatus = "500 Internal Server Error";

    /** The headers {@link #errorOutput} sends. */
    protected List<Header> errorHeaders = DEFAULT_ERROR_HEADERS;

    /**
     * The body {@link #errorOutput} sends: a generic message that reveals nothing. The default
     * array is shared by all handlers (not encoded again for every request): to change the body,
     * assign another array rather than writing into this one.
     */
    protected byte[] errorBody = DEFAULT_ERROR_BODY_BYTES;

    // ---- State of the request in progress (reset by close()) ----

    /** The status the application gave, or {@code null} before {@code startResponse}. */
    protected String status;

    /** The headers the application gave, or {@code null} before {@code startResponse}. */
    protected Headers headers;

    /** Whether the status and headers went out. */
    protected boolean headersSent;

    /** How many body bytes went out. */
    protected long bytesSent;

    /** The request's environ, built by {@link #setupEnviron()}. */
    protected Map<String, Object> environ;

    /** What the application returned. */
    protected Iterable<byte[]> result;

    // ---- Internals ----

    private final StartResponse startResponseCallable = this::startResponse;
    private final Write writeCallable = this::write;

    /** The exception being handled by {@link #handleError()}, as Python's sys.exc_info(). */
    private Throwable excInfo;

    /** The iterable already closed, so that no path closes it twice. */
    private Object closedResult;

    /** Creates a handler with wsgiref's defaults. */
    protected BaseHandler() {}

    /**
     * Runs the application for the request: {@link #setupEnviron()}, the application, {@link
     * #finishResponse()}; on an exception {@link #handleError()}.
     *
     * <p>A client that went away ({@link #isClientDisconnect}) ends the request silently. If
     * handling an error fails too, the handler {@link #close() closes} and throws that second
     * exception (checked ones wrapped: {@link UncheckedIOException} for I/O, else {@link
     * RuntimeException}), with the first one suppressed in it.
     *
     * @param application the application
     */
    public void run(Application application) {
        Objects.requireNonNull(application, "application");
        resetState(); // a request that failed keeps its state for inspection until the next one
        try {
            setupEnviron();
            result = application.call(environ, startResponseCallable);
            finishResponse();
        } catch (Throwable e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            if (isClientDisconnect(e)) {
                return; // clients hang up from time to time: nothing to report, nothing to send
            }
            excInfo = e;
            try {
                handleError();
            } catch (Throwable second) {
                if (second != e) {
                    second.addSuppressed(e);
                }
                closeAfterDoubleError(second);
                if (!isClientDisconnect(second)) {
                    throw unchecked(second);
                }
            } finally {
                excInfo = null;
            }
        }
    }

    private void closeAfterDoubleError(Throwable pending) {
        try {
            close();
        } catch (Throwable e) {
            pending.addSuppressed(e);
        }
    }

    private static RuntimeException unchecked(Throwable e) {
        if (e instanceof Error error) {
            throw error;
        }
        if (e instanceof RuntimeException runtime) {
            return runtime;
        }
        return e instanceof IOException io ? new UncheckedIOException(io) : new RuntimeException(e);
    }

    /**
     * Builds {@link #environ} for the request: a copy of {@link #osEnviron}, then {@link
     * #addCgiVars()}, then the {@code wsgi.*} keys, and {@code SERVER_SOFTWARE} from {@link
     * #serverSoftware} if an origin server's environ lacks it.
     *
     * @throws IOException if a hook fails to provide the request's streams or variables
     */
    protected void setupEnviron() throws IOException {
        Map<String, Object> env = newEnviron();
        environ = env;
        addCgiVars();
        env.put(Environ.WSGI_INPUT, getStdin());
        env.put(Environ.WSGI_ERRORS, getStderr());
        env.put(Environ.WSGI_VERSION, WSGI_VERSION);
        env.put(Environ.WSGI_RUN_ONCE, wsgiRunOnce);
        env.put(Environ.WSGI_URL_SCHEME, getScheme());
        env.put(Environ.WSGI_MULTITHREAD, wsgiMultithread);
        env.put(Environ.WSGI_MULTIPROCESS, wsgiMultiprocess);
        if (wsgiFileWrapper != null) {
            env.put(Environ.WSGI_FILE_WRAPPER, wsgiFileWrapper);
        }
        if (originServer && serverSoftware != null && !serverSoftware.isEmpty()) {
            env.putIfAbsent(Environ.SERVER_SOFTWARE, serverSoftware);
        }
    }

    /**
     * Creates the map {@link #setupEnviron()} fills: a new map holding a copy of {@link
     * #osEnviron} (wsgiref's {@code os_environ.copy()}). A subclass that owns a fresh map of the
     * request's variables may instead return that map with {@code osEnviron}'s variables added
     * where absent (the same result, one copy fewer), and not copy them again in {@link
     * #addCgiVars()}.
     *
     * @return a new mutable map
     */
    protected Map<String, Object> newEnviron() {
        Map<String, Object> env = new HashMap<>(capacityFor(osEnviron.size() + 24));
        osEnviron.forEach(env::put); // no entry objects, unlike putAll over an entry set
        return env;
    }

    private static int capacityFor(int entries) {
        return (int) (entries / 0.75f) + 1;
    }

    /**
     * Sends the application's body, then {@link #close()}s: through {@link #sendfile()} if the
     * result is a file and the hook takes it, else by iterating and {@link #write writing} each
     * chunk, then {@link #finishContent()}.
     *
     * <p>If anything fails, the result is closed (once) and the exception propagates, with the
     * state kept for {@link #handleError()}.
     *
     * @throws Exception whatever iterating, writing or closing threw
     */
    protected void finishResponse() throws Exception {
        try {
            if (!resultIsFile() || !sendfile()) {
                for (byte[] data : result) {
                    write(data);
                }
                finishContent();
            }
        } catch (Throwable e) {
            try {
                closeResult();
            } catch (Throwable closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        close();
    }

    /**
     * Returns the URL scheme of the request.
     *
     * @return {@link Util#guessScheme} of the environ
     */
    protected String getScheme() {
        return Util.guessScheme(environ);
    }

    /**
     * Sets {@code Content-Length} when the body's length is known before sending: when the result
     * is a {@link Collection} of one chunk, whose length is then {@link #bytesSent}.
     */
    protected void setContentLength() {
        if (result instanceof Collection<?> chunks && chunks.size() == 1) {
            headers.set(CONTENT_LENGTH, Long.toString(bytesSent));
        }
    }

    /** Makes the last header changes before sending: {@link #setContentLength()} if absent. */
    protected void cleanupHeaders() {
        if (!headers.contains(CONTENT_LENGTH)) {
            setContentLength();
        }
    }

    /**
     * The {@code start_response} of PEP 3333 ({@link StartResponse}).
     *
     * <p>With {@code excInfo} it may replace headers not yet sent, and throws {@code excInfo} if
     * they were; without it, a second call throws {@link AssertionError}. The status must be three
     * digits, a space and a reason of chars 0–255 without CR, LF or NUL; the headers must not be
     * hop-by-hop and must not hold CR, LF, NUL or chars above 255 ({@link AssertionError} or
     * {@link IllegalArgumentException}). The handler keeps its own copy of the list.
     *
     * @param status the status, such as {@code "200 OK"}
     * @param headers the response headers
     * @param excInfo the exception the application is reporting, or {@code null}
     * @return the {@link #write} callable
     * @throws Exception {@code excInfo} if the headers were already sent
     */
    protected Write startResponse(String status, List<Header> headers, Throwable excInfo) throws Exception {
        if (excInfo != null) {
            if (headersSent) {
                throw rethrowable(excInfo);
            }
        } else if (this.headers != null) {
            throw new AssertionError("Headers already set!");
        }
        checkStatus(status);
        if (headers == null) {
            throw new AssertionError("Headers must be a list, not null");
        }
        List<Header> copy = new ArrayList<>(headers.size() + 3); // room for Content-Length, Date, Server
        for (Header header : headers) {
            if (header == null) {
                throw new AssertionError("Header must not be null");
            }
            if (Util.isHopByHop(header.name())) {
                throw new AssertionError(
                        "Hop-by-hop header, '" + header.name() + ": " + header.value() + "', not allowed");
            }
            copy.add(header);
        }
        Headers checked = new Headers(copy); // refuses CR, LF, NUL and chars above 255
        this.status = status;
        this.headers = checked;
        return writeCallable;
    }

    private static Exception rethrowable(Throwable excInfo) {
        if (excInfo instanceof Exception e) {
            return e;
        }
        if (excInfo instanceof Error e) {
            throw e;
        }
        return new RuntimeException(excInfo);
    }

    private static void checkStatus(String status) {
        if (status == null) {
            throw new AssertionError("Status must be a string, not null");
        }
        if (status.length() < 4) {
            throw new AssertionError("Status must be at least 4 characters");
        }
        if (code(status) < 0) {
            throw new AssertionError("Status message must begin w/3-digit code");
        }
        if (status.charAt(3) != ' ') {
            throw new AssertionError("Status message must have a space after code");
        }
        checkLine("Status", status);
    }

    /** The number the status begins with: its first three chars as ASCII digits, or -1. */
    private static int code(String status) {
        if (status == null || status.length() < 3) {
            return -1;
        }
        int code = 0;
        for (int i = 0; i < 3; i++) {
            char c = status.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            code = code * 10 + (c - '0');
        }
        return code;
    }

    /**
     * The status code of {@link #status}, as a number: what a server frames the response by (no
     * body for 1xx, 204 and 304) and what a container's {@code setStatus} takes.
     *
     * @return the three-digit code, or 0 before {@code startResponse} (or for a status a subclass
     *     set that does not begin with three digits)
     */
    protected int statusCode() {
        return Math.max(0, code(status));
    }

    /** Refuses what could end a line early or not fit a byte: CR, LF, NUL and chars above 255. */
    private static void checkLine(String what, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r' || c == '\n' || c == '\0' || c > 0xFF) {
                throw new AssertionError(what + " must not contain CR, LF, NUL or chars above 255: "
                        + s.replace("\r", "\\r").replace("\n", "\\n").replace("\0", "\\0"));
            }
        }
    }

    /**
     * Sends what precedes the headers: for an origin server and a client newer than HTTP/0.9 the
     * status line, then {@code Date} and {@code Server} unless the application set them; for a
     * gateway a {@code Status:} header.
     *
     * @throws IOException if writing fails
     */
    protected void sendPreamble() throws IOException {
        StringBuilder out = new StringBuilder(96);
        if (originServer) {
            if (!clientIsModern()) {
                return;
            }
            checkLine("HTTP version", httpVersion);
            out.append("HTTP/").append(httpVersion).append(' ').append(status).append("\r\n");
            if (!headers.contains("Date")) {
                out.append("Date: ")
                        .append(Handlers.formatDateTime(System.currentTimeMillis() / 1000))
                        .append("\r\n");
            }
            if (serverSoftware != null && !serverSoftware.isEmpty() && !headers.contains("Server")) {
                checkLine("Server software", serverSoftware);
                out.append("Server: ").append(serverSoftware).append("\r\n");
            }
        } else {
            out.append("Status: ").append(status).append("\r\n");
        }
        rawWrite(out.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * The {@code write} callable of PEP 3333 ({@link Write}): sends the headers first if they have
     * not gone out yet, then the data, and flushes.
     *
     * @param data the bytes to send
     * @throws IOException if writing fails
     * @throws AssertionError if {@code startResponse} was not called yet
     */
    protected void write(byte[] data) throws IOException {
        Objects.requireNonNull(data, "write() argument must be a byte array, not null");
        if (status == null) {
            throw new AssertionError("write() before start_response()");
        }
        if (!headersSent) {
            bytesSent = data.length; // known before the headers go, for Content-Length
            sendHeaders();
        } else {
            bytesSent += data.length;
        }
        rawWrite(data);
        rawFlush();
    }

    /**
     * Sends the result by a platform-specific route, such as {@code FileChannel.transferTo}.
     *
     * <p>Called only when {@link #resultIsFile()}. An override that takes the file must call
     * {@link #sendHeaders()} first if {@link #headersSent} is false, send the whole file, and
     * return true; it returns false to let the handler iterate instead. An exception means sending
     * was attempted and failed.
     *
     * @return whether the file was sent; false by default
     * @throws IOException if sending failed
     */
    protected boolean sendfile() throws IOException {
        return false;
    }

    /**
     * Settles {@code Content-Length} for a file result that {@link #sendfile()} sends: the rule
     * every handler of this project follows. The application's own {@code Content-Length} stands;
     * without one it is set to {@code available}, the bytes of the file from its position on.
     * The handler then sends the smaller of the returned length and {@code available}; a length
     * above {@code available} means the body ends short of what the header says (the file holds
     * less than the application promised), so a server that keeps connections must close this
     * one after the response.
     *
     * <pre>{@code
     * long length = sendfileLength(available);
     * if (length < 0) return false;             // let the handler iterate instead
     * long count = Math.min(length, available); // send count bytes
     * }</pre>
     *
     * @param available the bytes the file holds from its current position on
     * @return the {@code Content-Length} in effect, or -1 when the application's is not a plain
     *     decimal number (then sending by iteration is the safe way)
     */
    protected long sendfileLength(long available) {
        String given = headers.get(CONTENT_LENGTH);
        if (given == null) {
            headers.set(CONTENT_LENGTH, Long.toString(available));
            return available;
        }
        if (given.isEmpty() || given.length() > 18 || !given.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        return Long.parseLong(given);
    }

    /**
     * Makes sure headers went out even for an empty body: sets {@code Content-Length: 0} unless
     * the application gave one (a response to {@code HEAD} keeps its own) and sends them.
     *
     * @throws IOException if writing fails
     * @throws AssertionError if the application never called {@code startResponse}
     */
    protected void finishContent() throws IOException {
        if (!headersSent) {
            if (headers == null) {
                throw new AssertionError("The application returned without calling start_response()");
            }
            headers.setDefault(CONTENT_LENGTH, "0");
            sendHeaders();
        }
    }

    /**
     * Closes the result if it is {@link AutoCloseable} (unless that was already done) and resets
     * the state for the next request. A failure to close the result is {@link #logException
     * logged}, since the response has been sent by then. Subclasses may also drop the connection
     * here.
     *
     * @throws IOException only from overrides
     */
    protected void close() throws IOException {
        try {
            closeResult();
        } catch (Exception e) {
            logException(e);
        } finally {
            resetState();
        }
    }

    private void resetState() {
        result = null;
        headers = null;
        status = null;
        environ = null;
        closedResult = null;
        bytesSent = 0;
        headersSent = false;
    }

    private void closeResult() throws Exception {
        Iterable<byte[]> current = result;
        if (current instanceof AutoCloseable closeable && current != closedResult) {
            closedResult = current;
            closeable.close();
        }
    }

    /**
     * Sends the status and headers: {@link #cleanupHeaders()}, then (unless an origin server talks
     * to an HTTP/0.9 client) {@link #sendPreamble()} and the header block. The status and the
     * headers are checked again (for CR, LF, NUL and chars above 255) before {@link #headersSent}
     * is set, since subclasses may have changed them: a bad one leads to an error page, never to
     * the wire.
     *
     * @throws IOException if writing fails
     */
    protected void sendHeaders() throws IOException {
        cleanupHeaders();
        boolean preamble = !originServer || clientIsModern();
        byte[] block = null;
        if (preamble) {
            checkStatus(status);
            block = headers.toBytes();
        }
        headersSent = true;
        if (preamble) {
            sendPreamble();
            rawWrite(block);
        }
    }

    /**
     * Tells whether the result is a file that {@link #sendfile()} may send.
     *
     * @return whether {@link #wsgiFileWrapper} is set and the result is a {@link FileWrapper}
     */
    protected boolean resultIsFile() {
        return wsgiFileWrapper != null && result instanceof FileWrapper;
    }

    /**
     * Tells whether the client understands a status line and headers.
     *
     * @return false for {@code SERVER_PROTOCOL} {@code HTTP/0.9}, else true
     */
    protected boolean clientIsModern() {
        Object protocol = environ == null ? null : environ.get(Environ.SERVER_PROTOCOL);
        return !(protocol instanceof String p && p.toUpperCase(Locale.ROOT).equals("HTTP/0.9"));
    }

    /**
     * Tells whether an exception means the client went away (broken pipe, connection reset or
     * aborted), anywhere in its cause chain. Such requests end silently.
     *
     * @param e the exception
     * @return whether it is a client disconnect
     */
    protected boolean isClientDisconnect(Throwable e) {
        return Tracebacks.isClientDisconnect(e);
    }

    /**
     * Writes an exception and its stack trace to {@link #getStderr()}, at most {@link
     * #tracebackLimit} frames per exception, and flushes.
     *
     * @param e the exception
     */
    protected void logException(Throwable e) {
        PrintStream stderr = getStderr();
        Tracebacks.print(e, tracebackLimit, stderr);
        stderr.flush();
    }

    /**
     * Logs the exception being handled and, if no header was sent yet, sends {@link #errorOutput}
     * as the response. After the headers went out nothing more can be said to the client.
     *
     * @throws Exception if sending the error output fails
     */
    protected void handleError() throws Exception {
        logException(excInfo);
        if (!headersSent) {
            result = errorOutput(environ, startResponseCallable);
            finishResponse();
        }
    }

    /**
     * The exception being handled, for {@link #handleError()} and {@link #errorOutput}: Python's
     * {@code sys.exc_info()}.
     *
     * @return the exception, or {@code null} outside error handling
     */
    protected final Throwable excInfo() {
        return excInfo;
    }

    /**
     * The application that answers in place of one that failed: {@link #errorStatus}, {@link
     * #errorHeaders} and {@link #errorBody}. Override to say more, but send diagnostics only when a
     * developer turned that on: they are not for every client.
     *
     * @param environ the request's environ
     * @param startResponse the start-response callable
     * @return the body
     * @throws Exception if starting the response fails
     */
    protected Iterable<byte[]> errorOutput(Map<String, Object> environ, StartResponse startResponse) throws Exception {
        startResponse.start(errorStatus, errorHeaders, excInfo);
        return List.of(errorBody);
    }

    // ---- Abstract hooks: what a concrete handler must supply ----

    /**
     * Writes bytes towards the client; may buffer until {@link #rawFlush()}.
     *
     * @param data the bytes
     * @throws IOException if writing fails
     */
    protected abstract void rawWrite(byte[] data) throws IOException;

    /**
     * Sends what {@link #rawWrite} buffered.
     *
     * @throws IOException if flushing fails
     */
    protected abstract void rawFlush() throws IOException;

    /**
     * Returns the request body, for {@code wsgi.input}.
     *
     * @return the body stream
     * @throws IOException if the stream cannot be had
     */
    protected abstract InputStream getStdin() throws IOException;

    /**
     * Returns the error stream, for {@code wsgi.errors} and {@link #logException}.
     *
     * @return the error stream
     */
    protected abstract PrintStream getStderr();

    /**
     * Puts the request's CGI variables into {@link #environ}.
     *
     * @throws IOException if the variables cannot be had
     */
    protected abstract void addCgiVars() throws IOException;

    /** The process environment read once, on first use. */
    private static final class OsEnvironHolder {
        // A HashMap behind the read-only view: its forEach walks the nodes without allocating
        // (Map.copyOf's iteration makes an entry object per variable, for every request).
        static final Map<String, String> SNAPSHOT = Collections.unmodifiableMap(new HashMap<>(Handlers.readEnviron()));
    }
}
