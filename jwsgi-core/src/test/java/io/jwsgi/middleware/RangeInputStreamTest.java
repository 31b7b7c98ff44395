package io.jwsgi.middleware;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class RangeInputStreamTest {

    private static RangeInputStream over(String s, long length) {
        return new RangeInputStream(new ByteArrayInputStream(s.getBytes(US_ASCII)), length);
    }

    @Test
    void readsAtMostTheGivenLength() throws IOException {
        RangeInputStream in = over("0123456789", 4);
        assertThat(in.available()).isEqualTo(4);
        assertThat(in.read()).isEqualTo('0');
        assertThat(in.skip(1)).isEqualTo(1);
        byte[] buffer = new byte[8];
        assertThat(in.read(buffer, 0, 0)).isZero();
        assertThat(in.read(buffer, 0, 8)).isEqualTo(2);
        assertThat(new String(buffer, 0, 2, US_ASCII)).isEqualTo("23");
        assertThat(in.read()).isEqualTo(-1);
        assertThat(in.read(buffer, 0, 8)).isEqualTo(-1);
        assertThat(in.skip(10)).isZero();
        assertThat(in.markSupported()).isFalse();
    }

    @Test
    void endsEarlierWhenTheStreamDoes() throws IOException {
        assertThat(new String(over("ab", 10).readAllBytes(), US_ASCII)).isEqualTo("ab");
    }

    @Test
    void closesTheUnderlyingStream() throws IOException {
        AtomicBoolean closed = new AtomicBoolean();
        ByteArrayInputStream underlying = new ByteArrayInputStream(new byte[1]) {
            @Override
            public void close() {
                closed.set(true);
            }
        };
        new RangeInputStream(underlying, 1).close();
        assertThat(closed).isTrue();
    }
}
