package io.jwsgi.simpleserver;

import io.jwsgi.simpleserver.http1.ChunkedInputStream;
import io.jwsgi.simpleserver.http1.ConnectionInput;
import io.jwsgi.simpleserver.http1.Wire;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A raw HTTP/1.1 client over a real socket on 127.0.0.1, for reading responses byte-exactly. */
final class TestClient implements AutoCloseable {

    /** One response: status code, headers (lowercase names; repeated ones joined), body. */
    record Response(int status, String statusLine, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String text() {
            return new String(body, StandardCharsets.ISO_8859_1);
        }
    }

    private final Socket socket;
    private final ConnectionInput in;

    TestClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        in = new ConnectionInput(socket.getInputStream());
    }

    TestClient send(String raw) throws IOException {
        socket.getOutputStream().write(Wire.bytes(raw));
        socket.getOutputStream().flush();
        return this;
    }

    void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    /** Reads one response to a request that was not HEAD. */
    Response read() throws IOException {
        return read(false);
    }

    /** Reads one response; {@code head} means no body follows whatever the headers say. */
    Response read(boolean head) throws IOException {
        String statusLine = line();
        if (statusLine == null) {
            throw new IOException("connection closed before a response");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String l = line(); l != null && !l.isEmpty(); l = line()) {
            int colon = l.indexOf(':');
            headers.merge(
                    l.substring(0, colon).toLowerCase(Locale.ROOT),
                    l.substring(colon + 1).trim(),
                    (a, b) -> a + "," + b);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        byte[] body;
        if (head || status < 200 || status == 204 || status == 304) {
            body = new byte[0];
        } else if ("chunked".equals(headers.get("transfer-encoding"))) {
            body = new ChunkedInputStream(in, Wire.DEFAULTS).readAllBytes();
        } else if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else {
            body = in.readAllBytes();
        }
        return new Response(status, statusLine, headers, body);
    }

    /** True if the server closed the connection (end of stream) within the socket timeout. */
    boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    /** True if nothing arrives (and the connection stays open) for {@code millis}. */
    boolean silentFor(int millis) throws IOException {
        int old = socket.getSoTimeout();
        socket.setSoTimeout(millis);
        try {
            in.read();
            return false;
        } catch (SocketTimeoutException e) {
            return true;
        } finally {
            socket.setSoTimeout(old);
        }
    }

    private String line() throws IOException {
        return in.readLine(1 << 20, 400, "response line too long");
    }

    /** Closes with a reset (SO_LINGER 0), as a killed client does. */
    void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
