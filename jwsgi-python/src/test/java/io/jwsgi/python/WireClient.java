package io.jwsgi.python;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A minimal HTTP/1.x client on a real socket, for tests that must see the wire: the framing, a
 * response cut short, the first chunk before the rest.
 */
final class WireClient {

    /** Seconds a test waits for a socket read before failing: the interpreter can be slow. */
    static final int TIMEOUT_MILLIS = 60_000;

    private WireClient() {}

    /**
     * One response.
     *
     * @param status the status code
     * @param statusLine the whole status line
     * @param headers names and values, in order
     * @param body the body, chunked framing removed
     * @param complete false when the connection ended before the body did
     */
    record Response(int status, String statusLine, List<String[]> headers, byte[] body, boolean complete) {

        String header(String name) {
            for (String[] h : this.headers) {
                if (h[0].equalsIgnoreCase(name)) {
                    return h[1];
                }
            }
            return null;
        }

        String text() {
            return new String(this.body, ISO_8859_1);
        }
    }

    static Socket connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.setSoTimeout(TIMEOUT_MILLIS);
        socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
        return socket;
    }

    /** Sends {@code request} (Latin-1) on a new connection and reads one response. */
    static Response exchange(int port, String request) throws IOException {
        try (Socket socket = connect(port)) {
            socket.getOutputStream().write(request.getBytes(ISO_8859_1));
            socket.getOutputStream().flush();
            return read(new java.io.BufferedInputStream(socket.getInputStream()), request.startsWith("HEAD "));
        }
    }

    /** A request with {@code Connection: close} and, if given, a body with its length. */
    static String request(String method, String target, String body, String... headers) {
        StringBuilder out = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        for (String h : headers) {
            out.append(h).append("\r\n");
        }
        if (body != null) {
            out.append("Content-Length: ").append(body.length()).append("\r\n");
        }
        out.append("Connection: close\r\n\r\n");
        if (body != null) {
            out.append(body);
        }
        return out.toString();
    }

    /** Reads one response: Content-Length, chunked, or up to the end of the connection. */
    static Response read(InputStream in, boolean head) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) {
            throw new EOFException("no response");
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        List<String[]> headers = new ArrayList<>();
        for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.add(new String[] {
                line.substring(0, colon), line.substring(colon + 1).strip()
            });
        }
        String length = null;
        boolean chunked = false;
        for (String[] h : headers) {
            if (h[0].equalsIgnoreCase("Content-Length")) {
                length = h[1];
            }
            if (h[0].equalsIgnoreCase("Transfer-Encoding")
                    && h[1].toLowerCase(Locale.ROOT).contains("chunked")) {
                chunked = true;
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        boolean complete = true;
        if (head || status / 100 == 1 || status == 204 || status == 304) {
            return new Response(status, statusLine, headers, body.toByteArray(), true);
        }
        if (chunked) {
            complete = false;
            for (String size = line(in); size != null; size = line(in)) {
                int n = Integer.parseInt(size.split(";")[0].strip(), 16);
                if (n == 0) {
                    for (String trailer = line(in); trailer != null && !trailer.isEmpty(); trailer = line(in)) {
                        // trailers: none expected
                    }
                    complete = true;
                    break;
                }
                byte[] data = in.readNBytes(n);
                body.write(data);
                if (data.length < n || line(in) == null) {
                    break;
                }
            }
        } else if (length != null) {
            int n = Integer.parseInt(length);
            byte[] data = in.readNBytes(n);
            body.write(data);
            complete = data.length == n;
        } else {
            in.transferTo(body);
        }
        return new Response(status, statusLine, headers, body.toByteArray(), complete);
    }

    /** A CRLF-terminated line (without it), or null at the end of the stream. */
    static String line(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                String s = out.toString(ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            out.write(c);
        }
        return out.size() == 0 ? null : out.toString(ISO_8859_1);
    }
}
