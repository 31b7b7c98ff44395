package io.jwsgi.simpleserver;

import io.jwsgi.handlers.SimpleHandler;
import io.jwsgi.simpleserver.http1.BodyInputStream;
import io.jwsgi.simpleserver.http1.ChunkedOutputStream;
import io.jwsgi.simpleserver.http1.Request;
import io.jwsgi.simpleserver.http1.RequestException;
import io.jwsgi.util.FileWrapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs the application for one request of a {@link WsgiRequestHandler}: wsgiref's {@code
 * simple_server.ServerHandler}, made an HTTP/1.1 origin server.
 *
 * <p>Beyond {@link SimpleHandler} it frames the response ({@code Transfer-Encoding: chunked} when
 * an HTTP/1.1 response has no Content-Length, close-delimited for HTTP/1.0), says {@code
 * Connection: close} or {@code keep-alive}, sends no body to {@code HEAD}, sends a file result
 * with {@link FileChannel#transferTo}, answers a body error found while the application read
 * {@code wsgi.input} with its 400/408/413 instead of 500, adds {@code wsgi.input_terminated}, and
 * logs the request on {@link #close()}.
 */
final class ServerHandler extends SimpleHandler {

    /** The size of a blocking write when {@link FileChannel#transferTo} cannot make progress. */
    private static final int SENDFILE_PIECE = 64 * 1024;

    private final WsgiRequestHandler requestHandler;
    private final Map<String, Object> requestEnviron;
    private final boolean ownsEnviron;
    private final Request request;
    private final BodyInputStream body;
    private final boolean head;
    private boolean closeAfter;
    private boolean chunked;
    private boolean noBody;
    private boolean inHeaders;
    private boolean completed;
    private ChunkedOutputStream chunkedOut;
    private WritableByteChannel channel;

    ServerHandler(
            BodyInputStream body,
            OutputStream out,
            PrintStream stderr,
            Map<String, Object> environ,
            WsgiRequestHandler requestHandler,
            Request request,
            boolean keepAlive) {
        super(body, out, stderr, environ, true, false);
        this.body = body;
        this.requestEnviron = environ;
        // getEnviron()'s own HashMap is made for this request alone: it can become the environ
        this.ownsEnviron = environ.getClass() == HashMap.class;
        this.requestHandler = requestHandler;
        this.request = request;
        this.head = request.line().method().equals("HEAD");
        this.closeAfter = !keepAlive;
        this.httpVersion = "1.1";
        this.serverSoftware = SimpleServer.SOFTWARE_VERSION;
    }

    /** The socket's channel, for {@link #sendfile()}; null falls back to copying. */
    void setChannel(WritableByteChannel channel) {
        this.channel = channel;
    }

    /** True if the response went out whole and the connection may carry another request. */
    boolean keepsConnection() {
        return completed && !closeAfter;
    }

    /**
     * The request's environ from {@link WsgiRequestHandler#getEnviron()} with the process
     * environment added under it: what copying both into a new map gives, without the copy.
     */
    @Override
    protected Map<String, Object> newEnviron() {
        if (!ownsEnviron) {
            return super.newEnviron();
        }
        osEnviron.forEach(requestEnviron::putIfAbsent);
        return requestEnviron;
    }

    @Override
    protected void addCgiVars() {
        if (!ownsEnviron) {
            super.addCgiVars();
        }
        environ.put("wsgi.input_terminated", Boolean.TRUE);
    }

    @Override
    protected void cleanupHeaders() {
        super.cleanupHeaders();
        int code = statusCode();
        noBody = head || (code >= 100 && code < 200) || code == 204 || code == 304;
        if (!headers.contains("Content-Length") && !noBody) {
            if (request.line().isHttp11()) {
                headers.set("Transfer-Encoding", "chunked");
                chunked = true;
            } else {
                closeAfter = true; // HTTP/1.0: the body ends when the connection does
            }
        }
        if (requestHandler.server().isShuttingDown()) {
            closeAfter = true;
        }
        if (body.firstReadPending()) {
            closeAfter = true; // 100 Continue never sent: we cannot know whether a body follows
        }
        if (closeAfter) {
            headers.set("Connection", "close");
        } else if (!request.line().isHttp11()) {
            headers.set("Connection", "keep-alive");
        }
    }

    @Override
    protected void sendHeaders() throws IOException {
        inHeaders = true;
        try {
            super.sendHeaders();
        } finally {
            inHeaders = false;
        }
        if (chunked) {
            chunkedOut = new ChunkedOutputStream(stdout);
        }
    }

    @Override
    protected void rawWrite(byte[] data) throws IOException {
        if (inHeaders) {
            stdout.write(data);
        } else if (noBody) {
            return; // HEAD, 1xx, 204, 304: headers only
        } else if (chunked) {
            chunkedOut.write(data, 0, data.length);
        } else {
            stdout.write(data);
        }
    }

    @Override
    protected void finishContent() throws IOException {
        super.finishContent();
        if (chunkedOut != null) {
            chunkedOut.finish();
        }
        stdout.flush();
        completed = true;
    }

    /**
     * Sends a file result with {@link FileChannel#transferTo} (zero-copy where the OS has
     * sendfile), with Content-Length settled by {@link #sendfileLength}. Falls back to iteration for HEAD, after headers went out, or without channels.
     */
    @Override
    protected boolean sendfile() throws IOException {
        FileChannel file = ((FileWrapper) result).fileChannel();
        if (file == null || channel == null || headersSent || head) {
            return false;
        }
        long position = file.position();
        long available = Math.max(0, file.size() - position);
        long length = sendfileLength(available);
        if (length < 0) {
            return false;
        }
        long count = Math.min(length, available);
        if (length > available) {
            closeAfter = true; // the body will end short: only a close can tell the client
        }
        sendHeaders();
        stdout.flush();
        long sent = 0;
        ByteBuffer piece = null;
        while (sent < count) {
            long n = file.transferTo(position + sent, count - sent, channel);
            if (n == 0) {
                // transferTo gives 0 both when the file shrank and, on a virtual thread (whose
                // socket is non-blocking underneath), when the socket's send buffer is full. A
                // blocking write of the next piece tells the two apart and waits for the client.
                if (piece == null) {
                    piece = ByteBuffer.allocate(SENDFILE_PIECE);
                }
                n = writePiece(file, position + sent, count - sent, piece);
            }
            if (n <= 0) {
                closeAfter = true; // the file shrank under us
                break;
            }
            sent += n;
        }
        bytesSent = sent;
        completed = true;
        return true;
    }

    /**
     * Copies up to one piece of the file at {@code at} to the socket with a blocking write.
     *
     * @return the bytes written, or -1 at the end of the file
     */
    private long writePiece(FileChannel file, long at, long remaining, ByteBuffer piece) throws IOException {
        piece.clear().limit((int) Math.min(piece.capacity(), remaining));
        int read = file.read(piece, at);
        if (read <= 0) {
            return -1;
        }
        piece.flip();
        while (piece.hasRemaining()) {
            channel.write(piece);
        }
        return read;
    }

    /**
     * Answers a body error the application ran into ({@code wsgi.input} threw a 400, 408 or 413)
     * with that status instead of 500, and closes the connection after any error.
     */
    @Override
    protected void handleError() throws Exception {
        RequestException failure = body.failure();
        if (failure != null) {
            errorStatus = failure.statusLine();
            errorBody = ErrorResponses.body(failure.status());
            closeAfter = true;
        } else if (!body.atEnd()) {
            closeAfter = true;
        }
        super.handleError();
    }

    /** Logs the request (as wsgiref's ServerHandler) and resets the handler. */
    @Override
    protected void close() throws IOException {
        try {
            if (status != null) {
                int space = status.indexOf(' ');
                requestHandler.logRequest(space < 0 ? status : status.substring(0, space), Long.toString(bytesSent));
            }
        } finally {
            super.close();
        }
    }
}
