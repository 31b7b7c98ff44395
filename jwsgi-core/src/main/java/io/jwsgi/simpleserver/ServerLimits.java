package io.jwsgi.simpleserver;

import io.jwsgi.simpleserver.http1.ParserLimits;
import java.time.Duration;
import java.util.Objects;

/**
 * The limits and timeouts of a {@link WsgiServer}: an immutable record with a named default for
 * every knob, built with {@link #builder()}.
 *
 * <p>Each limit protects the server from one kind of client: a request line over {@link
 * #maxRequestLineBytes()} is answered {@code 414}, a header section over {@link #maxHeaderBytes()}
 * or with more than {@link #maxHeaderFields()} fields {@code 431}, a body over {@link
 * #maxBodyBytes()} {@code 413}, a client too slow to send its headers {@code 408}. After any such
 * answer the server closes the connection. Every error message (logged to the request handler's
 * {@code getStderr()}) names the knob to raise.
 *
 * <pre>{@code
 * ServerLimits limits = ServerLimits.builder()
 *         .maxBodyBytes(ServerLimits.UNLIMITED)
 *         .idleTimeout(Duration.ofSeconds(30))
 *         .build();
 * WsgiServer server = SimpleServer.makeServer("127.0.0.1", 8000, app);
 * server.setLimits(limits);
 * }</pre>
 *
 * @param maxRequestLineBytes the longest request line accepted, in bytes without its CRLF; longer
 *     lines get {@code 414}.
 * @param maxHeaderBytes the most bytes accepted for all header lines of one request together (CRLFs
 *     included); more gets {@code 431}. Chunked trailers have a budget of the same size.
 * @param maxHeaderFields the most header fields accepted in one request; more get {@code 431}.
 *     Chunked trailers have the same limit.
 * @param maxBodyBytes the largest request body accepted, or {@link #UNLIMITED}. A larger
 *     Content-Length is answered {@code 413} before the application runs; a chunked body that grows
 *     past it makes {@code wsgi.input} throw, and the server answers {@code 413}.
 * @param maxChunkLineBytes the longest chunk-size line (size and extensions, without CRLF) of a
 *     chunked body; a longer one makes {@code wsgi.input} throw and the server answer {@code 400}.
 * @param maxDrainBytes the most unread request body the server skips after a response to keep the
 *     connection open; with more left, it closes the connection instead.
 * @param maxConnections the most connections served at once; further clients wait in the listen
 *     backlog.
 * @param headerTimeout the time a client has, from the first byte of a request, to send the request
 *     line and all headers; a slower client gets {@code 408} and a closed connection.
 * @param bodyTimeout the longest silence while the application reads the request body; after it
 *     {@code wsgi.input} throws and the server answers {@code 408} (or closes the connection if the
 *     response has begun).
 * @param idleTimeout how long a kept-alive connection may wait for its next request (and a new
 *     connection for its first byte) before the server closes it.
 * @param shutdownTimeout how long {@link WsgiServer#shutdown()} lets in-flight requests finish
 *     before it closes their connections.
 */
public record ServerLimits(
        int maxRequestLineBytes,
        int maxHeaderBytes,
        int maxHeaderFields,
        long maxBodyBytes,
        int maxChunkLineBytes,
        long maxDrainBytes,
        int maxConnections,
        Duration headerTimeout,
        Duration bodyTimeout,
        Duration idleTimeout,
        Duration shutdownTimeout) {

    /** Value of {@link #maxBodyBytes()} that means "no limit". */
    public static final long UNLIMITED = -1;

    /** Default {@link #maxRequestLineBytes()}: 8192 bytes (RFC 9112 asks for at least 8000). */
    public static final int DEFAULT_MAX_REQUEST_LINE_BYTES = 8192;

    /** Default {@link #maxHeaderBytes()}: 64 KiB for all header lines of one request together. */
    public static final int DEFAULT_MAX_HEADER_BYTES = 64 * 1024;

    /** Default {@link #maxHeaderFields()}: 100 header fields. */
    public static final int DEFAULT_MAX_HEADER_FIELDS = 100;

    /** Default {@link #maxBodyBytes()}: 64 MiB. */
    public static final long DEFAULT_MAX_BODY_BYTES = 64L * 1024 * 1024;

    /** Default {@link #maxChunkLineBytes()}: 4096 bytes for a chunk-size line with its extensions. */
    public static final int DEFAULT_MAX_CHUNK_LINE_BYTES = 4096;

    /** Default {@link #maxDrainBytes()}: 64 KiB of unread request body skipped to keep a connection. */
    public static final long DEFAULT_MAX_DRAIN_BYTES = 64 * 1024;

    /** Default {@link #maxConnections()}: 1024 connections served at once. */
    public static final int DEFAULT_MAX_CONNECTIONS = 1024;

    /** Default {@link #headerTimeout()}: 10 seconds to send the request line and headers. */
    public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(10);

    /** Default {@link #bodyTimeout()}: 30 seconds of silence while the application reads the body. */
    public static final Duration DEFAULT_BODY_TIMEOUT = Duration.ofSeconds(30);

    /** Default {@link #idleTimeout()}: 5 seconds of keep-alive between two requests. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(5);

    /** Default {@link #shutdownTimeout()}: 10 seconds for in-flight requests on shutdown. */
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

    private static final ServerLimits DEFAULTS = builder().build();

    /**
     * Checks every value as the {@link Builder}'s setters do; prefer {@link #builder()}, which
     * names each knob and starts from the defaults.
     *
     * @throws IllegalArgumentException if a value is out of range
     * @throws NullPointerException if a timeout is null
     */
    public ServerLimits {
        Builder.atLeast("maxRequestLineBytes", maxRequestLineBytes, 16);
        Builder.atLeast("maxHeaderBytes", maxHeaderBytes, 2);
        Builder.atLeast("maxHeaderFields", maxHeaderFields, 0);
        Builder.bodyLimit(maxBodyBytes);
        Builder.atLeast("maxChunkLineBytes", maxChunkLineBytes, 1);
        Builder.drainLimit(maxDrainBytes);
        Builder.atLeast("maxConnections", maxConnections, 1);
        Builder.positive("headerTimeout", headerTimeout);
        Builder.positive("bodyTimeout", bodyTimeout);
        Builder.positive("idleTimeout", idleTimeout);
        Builder.notNegative("shutdownTimeout", shutdownTimeout);
    }

    /**
     * Returns the default limits (every {@code DEFAULT_*} constant).
     *
     * @return the defaults
     */
    public static ServerLimits defaults() {
        return DEFAULTS;
    }

    /**
     * Returns a builder that starts from the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder that starts from these limits.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.maxRequestLineBytes = maxRequestLineBytes;
        b.maxHeaderBytes = maxHeaderBytes;
        b.maxHeaderFields = maxHeaderFields;
        b.maxBodyBytes = maxBodyBytes;
        b.maxChunkLineBytes = maxChunkLineBytes;
        b.maxDrainBytes = maxDrainBytes;
        b.maxConnections = maxConnections;
        b.headerTimeout = headerTimeout;
        b.bodyTimeout = bodyTimeout;
        b.idleTimeout = idleTimeout;
        b.shutdownTimeout = shutdownTimeout;
        return b;
    }

    /** The parser's part of these limits. */
    ParserLimits parserLimits() {
        return new ParserLimits(maxRequestLineBytes, maxHeaderBytes, maxHeaderFields, maxBodyBytes, maxChunkLineBytes);
    }

    /**
     * Builds {@link ServerLimits}; every setter validates its argument and names the knob in its
     * error.
     */
    public static final class Builder {
        private int maxRequestLineBytes = DEFAULT_MAX_REQUEST_LINE_BYTES;
        private int maxHeaderBytes = DEFAULT_MAX_HEADER_BYTES;
        private int maxHeaderFields = DEFAULT_MAX_HEADER_FIELDS;
        private long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private int maxChunkLineBytes = DEFAULT_MAX_CHUNK_LINE_BYTES;
        private long maxDrainBytes = DEFAULT_MAX_DRAIN_BYTES;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private Duration headerTimeout = DEFAULT_HEADER_TIMEOUT;
        private Duration bodyTimeout = DEFAULT_BODY_TIMEOUT;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;

        private Builder() {}

        /**
         * Sets {@link ServerLimits#maxRequestLineBytes()}.
         *
         * @param bytes at least 16
         * @return this builder
         */
        public Builder maxRequestLineBytes(int bytes) {
            this.maxRequestLineBytes = atLeast("maxRequestLineBytes", bytes, 16);
            return this;
        }

        /**
         * Sets {@link ServerLimits#maxHeaderBytes()}.
         *
         * @param bytes at least 2
         * @return this builder
         */
        public Builder maxHeaderBytes(int bytes) {
            this.maxHeaderBytes = atLeast("maxHeaderBytes", bytes, 2);
            return this;
        }

        /**
         * Sets {@link ServerLimits#maxHeaderFields()}.
         *
         * @param fields zero or more
         * @return this builder
         */
        public Builder maxHeaderFields(int fields) {
            this.maxHeaderFields = atLeast("maxHeaderFields", fields, 0);
            return this;
        }

        /**
         * Sets {@link ServerLimits#maxBodyBytes()}.
         *
         * @param bytes zero or more, or {@link ServerLimits#UNLIMITED}
         * @return this builder
         */
        public Builder maxBodyBytes(long bytes) {
            this.maxBodyBytes = bodyLimit(bytes);
            return this;
        }

        /**
         * Sets {@link ServerLimits#maxChunkLineBytes()}.
         *
         * @param bytes at least 1
         * @return this builder
         */
        public Builder maxChunkLineBytes(int bytes) {
            this.maxChunkLineBytes = atLeast("maxChunkLineBytes", bytes, 1);
            return this;
        }

        /**
         * Sets {@link ServerLimits#maxDrainBytes()}.
         *
         * @param bytes zero or more
         * @return this builder
         */
        public Builder maxDrainBytes(long bytes) {
            this.maxDrainBytes = drainLimit(bytes);
            return this;
        }

        /**
         * Sets {@link ServerLimits#maxConnections()}.
         *
         * @param connections at least 1
         * @return this builder
         */
        public Builder maxConnections(int connections) {
            this.maxConnections = atLeast("maxConnections", connections, 1);
            return this;
        }

        /**
         * Sets {@link ServerLimits#headerTimeout()}.
         *
         * @param timeout at least one millisecond
         * @return this builder
         */
        public Builder headerTimeout(Duration timeout) {
            this.headerTimeout = positive("headerTimeout", timeout);
            return this;
        }

        /**
         * Sets {@link ServerLimits#bodyTimeout()}.
         *
         * @param timeout at least one millisecond
         * @return this builder
         */
        public Builder bodyTimeout(Duration timeout) {
            this.bodyTimeout = positive("bodyTimeout", timeout);
            return this;
        }

        /**
         * Sets {@link ServerLimits#idleTimeout()}.
         *
         * @param timeout at least one millisecond
         * @return this builder
         */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = positive("idleTimeout", timeout);
            return this;
        }

        /**
         * Sets {@link ServerLimits#shutdownTimeout()}.
         *
         * @param timeout zero or more
         * @return this builder
         */
        public Builder shutdownTimeout(Duration timeout) {
            this.shutdownTimeout = notNegative("shutdownTimeout", timeout);
            return this;
        }

        /**
         * Builds the limits.
         *
         * @return the immutable limits
         */
        public ServerLimits build() {
            return new ServerLimits(
                    maxRequestLineBytes,
                    maxHeaderBytes,
                    maxHeaderFields,
                    maxBodyBytes,
                    maxChunkLineBytes,
                    maxDrainBytes,
                    maxConnections,
                    headerTimeout,
                    bodyTimeout,
                    idleTimeout,
                    shutdownTimeout);
        }

        private static int atLeast(String knob, int value, int min) {
            if (value < min) {
                throw new IllegalArgumentException(knob + " must be >= " + min + ", got " + value);
            }
            return value;
        }

        private static long bodyLimit(long bytes) {
            if (bytes < 0 && bytes != UNLIMITED) {
                throw new IllegalArgumentException("maxBodyBytes must be >= 0 or ServerLimits.UNLIMITED, got " + bytes);
            }
            return bytes;
        }

        private static long drainLimit(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("maxDrainBytes must be >= 0, got " + bytes);
            }
            return bytes;
        }

        private static Duration notNegative(String knob, Duration timeout) {
            Objects.requireNonNull(timeout, knob);
            if (timeout.isNegative()) {
                throw new IllegalArgumentException(knob + " must not be negative, got " + timeout);
            }
            return timeout;
        }

        private static Duration positive(String knob, Duration timeout) {
            Objects.requireNonNull(timeout, knob);
            if (timeout.toMillis() < 1) {
                throw new IllegalArgumentException(knob + " must be at least 1 ms, got " + timeout);
            }
            return timeout;
        }
    }
}
