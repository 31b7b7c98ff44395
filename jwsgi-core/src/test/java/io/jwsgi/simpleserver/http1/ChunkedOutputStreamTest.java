package io.jwsgi.simpleserver.http1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

class ChunkedOutputStreamTest {

    @Test
    void writesEachNonEmptyWriteAsOneChunkAndALastChunk() throws Exception {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        ChunkedOutputStream out = new ChunkedOutputStream(wire);
        out.write(Wire.bytes("hello"));
        out.write(new byte[0]);
        out.write(Wire.bytes("x".repeat(26)));
        out.write('!');
        out.close();
        out.close();
        assertThat(Wire.text(wire.toByteArray()))
                .isEqualTo("5\r\nhello\r\n1a\r\n" + "x".repeat(26) + "\r\n1\r\n!\r\n0\r\n\r\n");
        assertThatThrownBy(() -> out.write(Wire.bytes("late"))).hasMessageContaining("finished");
    }

    @Test
    void roundTripsThroughTheDecoder() throws Exception {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        ChunkedOutputStream out = new ChunkedOutputStream(wire);
        byte[] big = new byte[70_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) i;
        }
        out.write(big);
        out.finish();
        byte[] decoded = new ChunkedInputStream(new java.io.ByteArrayInputStream(wire.toByteArray()), Wire.DEFAULTS)
                .readAllBytes();
        assertThat(decoded).isEqualTo(big);
    }
}
