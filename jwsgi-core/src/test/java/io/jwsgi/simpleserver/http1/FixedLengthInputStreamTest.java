package io.jwsgi.simpleserver.http1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FixedLengthInputStreamTest {

    @Test
    void endsAtTheLengthAndLeavesTheRestForTheNextRequest() throws Exception {
        ConnectionInput in = new ConnectionInput(Wire.stream("abcdefNEXT"));
        FixedLengthInputStream body = new FixedLengthInputStream(in, 6);
        byte[] b = new byte[100];
        assertThat(body.read(b, 0, 100)).isEqualTo(6);
        assertThat(body.read(b, 0, 100)).isEqualTo(-1);
        assertThat(body.read()).isEqualTo(-1);
        assertThat(body.atEnd()).isTrue();
        assertThat(Wire.text(in.readAllBytes())).isEqualTo("NEXT");
    }

    @Test
    void anEarlyEndOfStreamIsAnError() {
        FixedLengthInputStream body = new FixedLengthInputStream(Wire.stream("abc"), 5);
        assertThatThrownBy(body::readAllBytes)
                .isInstanceOf(RequestException.class)
                .hasMessageContaining("2 bytes");
    }

    @Test
    void runsTheBeforeFirstReadActionOnceAndOnlyWhenReading() throws Exception {
        FixedLengthInputStream body = new FixedLengthInputStream(Wire.stream("abc"), 3);
        AtomicInteger runs = new AtomicInteger();
        body.beforeFirstRead(runs::incrementAndGet);
        assertThat(body.read(new byte[0], 0, 0)).isZero();
        assertThat(runs).hasValue(0);
        assertThat(body.firstReadPending()).isTrue();
        assertThat(body.read()).isEqualTo('a');
        body.read();
        assertThat(runs).hasValue(1);
        assertThat(body.firstReadPending()).isFalse();
    }

    @Test
    void drainSkipsTheRestWithinItsLimit() throws Exception {
        FixedLengthInputStream small = new FixedLengthInputStream(Wire.stream("abcdef"), 6);
        small.beforeFirstRead(() -> {
            throw new AssertionError("drain must not trigger 100 Continue");
        });
        assertThat(small.drain(6)).isTrue();
        FixedLengthInputStream big = new FixedLengthInputStream(Wire.stream("abcdefg"), 7);
        assertThat(big.drain(6)).isFalse();
    }
}
