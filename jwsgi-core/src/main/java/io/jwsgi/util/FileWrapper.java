package io.jwsgi.util;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * Turns an {@link InputStream} into a response body of fixed-size blocks: Python's {@code
 * wsgiref.util.FileWrapper}, and the type behind {@code wsgi.file_wrapper}.
 *
 * <p>Iteration reads blocks of {@link #blockSize()} bytes (the last one may be shorter) until the
 * stream ends; like wsgiref's wrapper it is a single pass over the stream, so a second iterator
 * continues where the first stopped. Iteration never closes the stream; {@link #close()} does, and
 * a server calls it when the response is done. A server may instead send the file directly
 * through {@link #fileChannel()} (zero-copy {@code sendfile}).
 *
 * <pre>{@code
 * Application download = (environ, startResponse) -> {
 *     startResponse.start("200 OK", List.of(Header.of("Content-Type", "application/pdf")));
 *     var factory = (FileWrapper.Factory) environ.getOrDefault("wsgi.file_wrapper", FileWrapper.FACTORY);
 *     return factory.wrap(new FileInputStream("report.pdf"), 65536);
 * };
 * }</pre>
 */
public class FileWrapper implements Iterable<byte[]>, AutoCloseable {

    /** The block size wsgiref uses by default: 8192 bytes. */
    public static final int DEFAULT_BLOCK_SIZE = 8192;

    /**
     * Makes a response body from a stream: the type of {@code wsgi.file_wrapper}.
     *
     * <pre>{@code
     * FileWrapper.Factory factory = FileWrapper.FACTORY;
     * Iterable<byte[]> body = factory.wrap(new ByteArrayInputStream(bytes), 4096);
     * }</pre>
     */
    @FunctionalInterface
    public interface Factory {

        /**
         * Wraps a stream as an iterable of blocks.
         *
         * @param in the stream; the result closes it when it is closed
         * @param blockSize the size of each block, positive
         * @return the body
         */
        Iterable<byte[]> wrap(InputStream in, int blockSize);
    }

    /** The factory that makes a {@link FileWrapper}; the usual value of {@code wsgi.file_wrapper}. */
    public static final Factory FACTORY = FileWrapper::new;

    private final InputStream stream;
    private final int blockSize;

    /**
     * Wraps a stream with blocks of {@value #DEFAULT_BLOCK_SIZE} bytes.
     *
     * @param stream the stream to read; closed by {@link #close()}
     */
    public FileWrapper(InputStream stream) {
        this(stream, DEFAULT_BLOCK_SIZE);
    }

    /**
     * Wraps a stream with blocks of the given size.
     *
     * @param stream the stream to read; closed by {@link #close()}
     * @param blockSize the size of each block but the last
     * @throws IllegalArgumentException if {@code blockSize} is not positive
     */
    public FileWrapper(InputStream stream, int blockSize) {
        this.stream = Objects.requireNonNull(stream, "stream");
        if (blockSize <= 0) {
            throw new IllegalArgumentException("blockSize must be positive, got " + blockSize);
        }
        this.blockSize = blockSize;
    }

    /**
     * Returns the wrapped stream.
     *
     * @return the stream given to the constructor
     */
    public InputStream stream() {
        return stream;
    }

    /**
     * Returns the size of the blocks that iteration yields.
     *
     * @return the block size, positive
     */
    public int blockSize() {
        return blockSize;
    }

    /**
     * Returns the file channel behind the stream, for servers that send files without copying
     * them through the heap.
     *
     * <p>The channel shares its position with the stream: a server that uses it should do so
     * instead of iterating, and should start at the channel's current position.
     *
     * @return the stream's channel when the stream is a {@link FileInputStream}, else {@code null}
     */
    public FileChannel fileChannel() {
        return stream instanceof FileInputStream ? ((FileInputStream) stream).getChannel() : null;
    }

    /**
     * Returns an iterator over the remaining blocks of the stream. Each block holds {@link
     * #blockSize()} bytes except the last, which holds what was left; the iterator ends at the end
     * of the stream.
     *
     * @return the iterator; its methods throw {@link UncheckedIOException} when reading fails
     */
    @Override
    public Iterator<byte[]> iterator() {
        return new Iterator<>() {
            private byte[] next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    next = readBlock();
                }
                return next.length > 0;
            }

            @Override
            public byte[] next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("end of stream");
                }
                byte[] block = next;
                next = null;
                return block;
            }
        };
    }

    private byte[] readBlock() {
        try {
            return stream.readNBytes(blockSize);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Closes the wrapped stream.
     *
     * @throws UncheckedIOException if closing the stream fails
     */
    @Override
    public void close() {
        try {
            stream.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
