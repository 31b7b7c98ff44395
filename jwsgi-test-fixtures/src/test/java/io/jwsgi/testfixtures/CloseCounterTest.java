package io.jwsgi.testfixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class CloseCounterTest {

    @Test
    void countsResultsClosesAndSecondCloses() throws Exception {
        CloseCounter counter = new CloseCounter();
        CloseCounter.Counted first = counter.result(() -> new byte[] {1}, 2, null);
        CloseCounter.CountedList second = counter.list(new byte[] {2});
        assertThat(counter.calls()).isEqualTo(2);
        assertThat(counter.closes()).isZero();
        first.close();
        first.close();
        second.close();
        assertThat(counter.closes()).isEqualTo(2);
        assertThat(counter.doubleCloses()).isEqualTo(1);
        counter.reset();
        assertThat(List.of(counter.calls(), counter.closes(), counter.doubleCloses()))
                .containsOnly(0L);
    }

    @Test
    void givesItsChunksThenRunsTheFailure() {
        CloseCounter counter = new CloseCounter();
        List<byte[]> got = new ArrayList<>();
        Iterator<byte[]> it = counter.result(() -> new byte[] {7}, 2, () -> {
                    throw new IllegalStateException("boom");
                })
                .iterator();
        got.add(it.next());
        got.add(it.next());
        assertThat(got).hasSize(2).allSatisfy(b -> assertThat(b).containsExactly(7));
        assertThat(it.hasNext()).isTrue();
        assertThatThrownBy(it::next).hasMessage("boom");
        assertThat(counter.list(new byte[] {3})).hasSize(1);
    }

    @Test
    void aChunkThatFailsToReadFailsTheIteration() {
        CloseCounter counter = new CloseCounter();
        Iterator<byte[]> it = counter.result(
                        () -> {
                            throw new IOException("read failed");
                        },
                        1,
                        null)
                .iterator();
        assertThatThrownBy(it::next).isInstanceOf(UncheckedIOException.class).hasMessageContaining("read failed");
    }
}
