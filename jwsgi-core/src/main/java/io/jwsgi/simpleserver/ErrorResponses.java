package io.jwsgi.simpleserver;

import io.jwsgi.handlers.Handlers;
import io.jwsgi.simpleserver.http1.ConnectionInput;
import io.jwsgi.simpleserver.http1.RequestException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * The answers the standalone server writes itself, for a request it refuses ({@link
 * RequestException}: 400, 408, 413, 414, 431, 501, 505): the status line, {@code Date}, {@code
 * Server}, a plain-text body of the reason phrase alone (never the log message, which names the
 * limit), and {@code Connection: close}, then a lingering close. {@link ServerHandler} answers a
 * body error the application ran into with the same body.
 */
final class ErrorResponses {

    /** How long a lingering close reads what the client still sends, at most. */
    private static final int LINGER_MILLIS = 1000;

    /** How many bytes a lingering close reads and drops, at most. */
    private static final int LINGER_BYTES = 64 * 1024;

    private ErrorResponses() {}

    /**
     * The body of an error answer: the status's reason phrase and a newline.
     *
     * @param status the status code
     * @return the body, ISO-8859-1
     */
    static byte[] body(int status) {
        return (RequestException.reason(status) + "\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * The whole answer to a refused request, head and body.
     *
     * @param refusal the refused request's exception
     * @return the answer's bytes
     */
    static byte[] refusal(RequestException refusal) {
        byte[] body = body(refusal.status());
        String head = "HTTP/1.1 " + refusal.statusLine() + "\r\n"
                + "Date: " + Handlers.formatDateTime(System.currentTimeMillis() / 1000) + "\r\n"
                + "Server: " + SimpleServer.SOFTWARE_VERSION + "\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "Connection: close\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.ISO_8859_1);
        byte[] answer = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, answer, 0, headBytes.length);
        System.arraycopy(body, 0, answer, headBytes.length, body.length);
        return answer;
    }

    /**
     * Answers a refused request and closes softly: writes {@link #refusal}, half-closes, and reads
     * what the client still sends for a moment, so that the answer is not destroyed by a reset
     * (closing with unread input sends RST). A client that is gone is not an error.
     *
     * @param refusal the refused request's exception
     * @param output the connection's output
     * @param socket the connection
     * @param input the connection's input
     */
    static void answer(RequestException refusal, OutputStream output, Socket socket, ConnectionInput input) {
        try {
            output.write(refusal(refusal));
            output.flush();
            socket.shutdownOutput();
            input.setTimeouts(LINGER_MILLIS, System.nanoTime() + LINGER_MILLIS * 1_000_000L, null);
            byte[] scratch = new byte[8192];
            int total = 0;
            int n;
            while (total < LINGER_BYTES && (n = input.read(scratch, 0, scratch.length)) > 0) {
                total += n;
            }
        } catch (SocketTimeoutException e) {
            // linger over
        } catch (IOException ignored) {
            // the client is gone; nothing more to tell it
        }
    }
}
