package io.jwsgi.util;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** test_wsgiref.py's testFileWrapper, plus the Java API of {@link FileWrapper}. */
class FileWrapperTest {

    /** A stream that records whether it was closed. */
    private static final class TrackingStream extends ByteArrayInputStream {
        boolean closed;

        TrackingStream(byte[] data) {
            super(data);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static List<String> blocks(Iterable<byte[]> body) {
        List<String> out = new ArrayList<>();
        for (byte[] block : body) {
            out.add(new String(block, ISO_8859_1));
        }
        return out;
    }

    @Test
    void iteratesInBlocksAndClosesOnlyOnClose() {
        TrackingStream stream = new TrackingStream("xyz".repeat(50).getBytes(ISO_8859_1));
        FileWrapper wrapper = new FileWrapper(stream, 120);

        assertThat(blocks(wrapper)).containsExactly("xyz".repeat(40), "xyz".repeat(10));
        assertThat(stream.closed).isFalse();

        wrapper.close();
        assertThat(stream.closed).isTrue();
    }

    @Test
    void yieldsFullBlocksFromAStreamThatReadsLittleAtATime() {
        InputStream trickle = new ByteArrayInputStream("abcdefghij".getBytes(ISO_8859_1)) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1));
            }
        };

        assertThat(blocks(new FileWrapper(trickle, 4))).containsExactly("abcd", "efgh", "ij");
    }

    @Test
    void anExactMultipleEndsWithoutAnEmptyBlock() {
        assertThat(blocks(new FileWrapper(new ByteArrayInputStream(new byte[16]), 8)))
                .hasSize(2)
                .allSatisfy(block -> assertThat(block).hasSize(8));
    }

    @Test
    void anEmptyStreamYieldsNothing() {
        Iterator<byte[]> it = new FileWrapper(new ByteArrayInputStream(new byte[0])).iterator();

        assertThat(it.hasNext()).isFalse();
        assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void isASinglePassOverTheStream() {
        FileWrapper wrapper = new FileWrapper(new ByteArrayInputStream("abcdef".getBytes(ISO_8859_1)), 2);

        Iterator<byte[]> first = wrapper.iterator();
        assertThat(new String(first.next(), ISO_8859_1)).isEqualTo("ab");
        assertThat(blocks(wrapper)).containsExactly("cd", "ef");
    }

    @Test
    void nextWorksWithoutHasNext() {
        Iterator<byte[]> it = new FileWrapper(new ByteArrayInputStream("abc".getBytes(ISO_8859_1)), 2).iterator();

        assertThat(it.next()).containsExactly('a', 'b');
        assertThat(it.next()).containsExactly('c');
        assertThat(it.hasNext()).isFalse();
    }

    @Test
    void keepsEveryByteValue() {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        List<byte[]> out = new ArrayList<>();
        new FileWrapper(new ByteArrayInputStream(all), 100).forEach(out::add);

        ByteBuffer joined = ByteBuffer.allocate(256);
        out.forEach(joined::put);
        assertThat(joined.array()).isEqualTo(all);
        assertThat(out).extracting(b -> b.length).containsExactly(100, 100, 56);
    }

    @Test
    void defaultsToBlocksOf8192() {
        FileWrapper wrapper = new FileWrapper(new ByteArrayInputStream(new byte[20000]));

        assertThat(wrapper.blockSize()).isEqualTo(8192).isEqualTo(FileWrapper.DEFAULT_BLOCK_SIZE);
        List<Integer> sizes = new ArrayList<>();
        wrapper.forEach(b -> sizes.add(b.length));
        assertThat(sizes).containsExactly(8192, 8192, 3616);
    }

    @Test
    void exposesItsStream() {
        InputStream in = new ByteArrayInputStream(new byte[0]);

        assertThat(new FileWrapper(in, 3).stream()).isSameAs(in);
    }

    @Test
    void refusesANonPositiveBlockSizeAndANullStream() {
        InputStream in = new ByteArrayInputStream(new byte[0]);

        assertThatThrownBy(() -> new FileWrapper(in, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("blockSize");
        assertThatThrownBy(() -> new FileWrapper(in, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FileWrapper(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void fileChannelIsTheChannelOfAFileStream(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("f.bin"), "hello file".getBytes(ISO_8859_1));

        try (FileWrapper wrapper = new FileWrapper(new FileInputStream(file.toFile()), 4)) {
            FileChannel channel = wrapper.fileChannel();
            assertThat(channel).isNotNull();
            assertThat(channel.size()).isEqualTo(10);
            assertThat(blocks(wrapper)).containsExactly("hell", "o fi", "le");
            assertThat(channel.position()).isEqualTo(10);
        }
    }

    @Test
    void fileChannelIsNullForOtherStreams() {
        assertThat(new FileWrapper(new ByteArrayInputStream(new byte[1])).fileChannel())
                .isNull();
    }

    @Test
    void closeClosesTheFile(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("f.bin"), new byte[] {1, 2, 3});
        FileWrapper wrapper = new FileWrapper(new FileInputStream(file.toFile()));
        FileChannel channel = wrapper.fileChannel();

        wrapper.close();

        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void readAndCloseFailuresAreUnchecked() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("disk on fire");
            }

            @Override
            public void close() throws IOException {
                throw new IOException("cannot close");
            }
        };
        FileWrapper wrapper = new FileWrapper(broken, 4);

        assertThatThrownBy(() -> wrapper.iterator().hasNext())
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("disk on fire");
        assertThatThrownBy(wrapper::close)
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot close");
    }

    @Test
    void factoryMakesAFileWrapper() {
        TrackingStream stream = new TrackingStream("abcde".getBytes(ISO_8859_1));

        Iterable<byte[]> body = FileWrapper.FACTORY.wrap(stream, 2);

        assertThat(body).isInstanceOf(FileWrapper.class);
        assertThat(((FileWrapper) body).blockSize()).isEqualTo(2);
        assertThat(blocks(body)).containsExactly("ab", "cd", "e");
        ((FileWrapper) body).close();
        assertThat(stream.closed).isTrue();
    }
}
