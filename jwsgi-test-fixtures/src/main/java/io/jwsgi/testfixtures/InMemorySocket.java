package io.jwsgi.testfixtures;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;

/**
 * A connected socket stand-in for serving one connection without the network (jwsgi-core's
 * {@code WsgiRequestHandlerFuzzTest}, jwsgi-benchmarks' {@code StandaloneServerBenchmark}): its
 * input is fixed bytes, its output is kept in memory, and its peer is a fixed loopback client
 * address. Timeouts are accepted and ignored (reads never block).
 */
public final class InMemorySocket extends Socket {

    private static final InetSocketAddress CLIENT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 50000);

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    private final InputStream in;
    private int timeout;
    private boolean closed;

    /**
     * A socket whose input is {@code input}.
     *
     * @param input what the peer sends
     */
    public InMemorySocket(byte[] input) {
        this.in = new ByteArrayInputStream(input);
    }

    /**
     * What was written to the socket.
     *
     * @return the bytes so far (not a copy: the stream itself)
     */
    public ByteArrayOutputStream written() {
        return out;
    }

    @Override
    public InputStream getInputStream() {
        return in;
    }

    @Override
    public OutputStream getOutputStream() {
        return out;
    }

    @Override
    public SocketAddress getRemoteSocketAddress() {
        return CLIENT;
    }

    @Override
    public InetAddress getInetAddress() {
        return CLIENT.getAddress();
    }

    @Override
    public int getPort() {
        return CLIENT.getPort();
    }

    @Override
    public boolean isConnected() {
        return true;
    }

    @Override
    public void setSoTimeout(int timeout) {
        this.timeout = timeout;
    }

    @Override
    public int getSoTimeout() {
        return timeout;
    }

    @Override
    public void shutdownInput() {}

    @Override
    public void shutdownOutput() {}

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
    }
}
