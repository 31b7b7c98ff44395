package io.jwsgi.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ResultWrapperTest {

    private final ResponseState state = new ResponseState();

    private ResultWrapper started(Iterable<?> result) {
        state.startCalls = 1;
        return new ResultWrapper(result, state);
    }

    private static List<byte[]> drain(Iterable<byte[]> result) {
        List<byte[]> chunks = new ArrayList<>();
        result.forEach(chunks::add);
        return chunks;
    }

    /** An application result that records close() and may fail in it. */
    private static final class ClosingResult implements Iterable<byte[]>, AutoCloseable {
        final AtomicInteger closes = new AtomicInteger();
        final IOException failure;

        ClosingResult(IOException failure) {
            this.failure = failure;
        }

        @Override
        public Iterator<byte[]> iterator() {
            return List.of(new byte[] {1}).iterator();
        }

        @Override
        public void close() throws IOException {
            closes.incrementAndGet();
            if (failure != null) {
                throw failure;
            }
        }
    }

    @Test
    void yieldsTheApplicationsChunks() throws Exception {
        byte[] a = {1};
        byte[] b = {};
        ResultWrapper result = started(List.of(a, b));
        assertThat(drain(result)).containsExactly(a, b);
        result.close();
    }

    @Test
    void iteratingBeforeStartResponseIsAnError() {
        ResultWrapper result = new ResultWrapper(List.of(new byte[] {1}), state);
        Iterator<byte[]> it = result.iterator();
        assertThat(it.hasNext()).isTrue();
        assertThatThrownBy(it::next)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("start_response has not been called yet");
    }

    @Test
    void anEmptyBodyWithoutStartResponseIsAnErrorAtItsEnd() {
        ResultWrapper result = new ResultWrapper(List.of(), state);
        assertThatThrownBy(() -> result.iterator().hasNext())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("start_response has not been called yet");
    }

    @Test
    void anIteratorMayCallStartResponseLazily() {
        Iterable<byte[]> lazy = () -> new Iterator<>() {
            boolean done;

            @Override
            public boolean hasNext() {
                return !done;
            }

            @Override
            public byte[] next() {
                state.startCalls++; // what a generator-style body does on its first chunk
                done = true;
                return new byte[] {42};
            }
        };
        assertThat(drain(new ResultWrapper(lazy, state))).singleElement().isEqualTo(new byte[] {42});
    }

    @Test
    void nullAndNonByteArrayChunksAreErrors() {
        List<byte[]> withNull = new ArrayList<>();
        withNull.add(null);
        assertThatThrownBy(() -> drain(started(withNull)))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("The application's iterable yielded null");
        assertThatThrownBy(() -> drain(new ResultWrapper(List.of("text"), startedState())))
                .isInstanceOf(AssertionError.class)
                .hasMessage("The application's iterable yielded a java.lang.String, not a byte[]");
    }

    private static ResponseState startedState() {
        ResponseState s = new ResponseState();
        s.startCalls = 1;
        return s;
    }

    @Test
    void aNullIteratorIsAnError() {
        assertThatThrownBy(() -> started(() -> null).iterator())
                .isInstanceOf(AssertionError.class)
                .hasMessage("The application's Iterable returned a null Iterator");
    }

    @Test
    void iteratingTwiceIsAnError() {
        ResultWrapper result = started(List.of(new byte[] {1}));
        drain(result);
        assertThatThrownBy(result::iterator)
                .isInstanceOf(AssertionError.class)
                .hasMessage("The response iterable was iterated twice; the server must iterate it once");
    }

    @Test
    void readingAfterCloseIsAnError() throws Exception {
        ResultWrapper result = started(List.of(new byte[] {1}, new byte[] {2}));
        Iterator<byte[]> it = result.iterator();
        it.next();
        result.close();
        assertThatThrownBy(it::hasNext)
                .isInstanceOf(AssertionError.class)
                .hasMessage("The response iterable was read after it was closed");
        assertThatThrownBy(it::next).isInstanceOf(AssertionError.class);
        assertThatThrownBy(result::iterator).isInstanceOf(AssertionError.class);
    }

    @Test
    void closeClosesTheApplicationsResultOnceAndASecondCloseIsAnError() throws Exception {
        ClosingResult app = new ClosingResult(null);
        ResultWrapper result = started(app);
        drain(result);
        result.close();
        assertThat(app.closes).hasValue(1);
        assertThat(state.closed).isTrue();
        assertThatThrownBy(result::close)
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("close() called twice on the response iterable");
        assertThat(app.closes).hasValue(1);
    }

    @Test
    void closePassesOnWhatTheApplicationsCloseThrows() {
        IOException failure = new IOException("disk gone");
        ClosingResult app = new ClosingResult(failure);
        assertThatThrownBy(started(app)::close).isSameAs(failure);
        assertThat(app.closes).hasValue(1);
    }

    /** A result type of its own, so the test can tell its warning from those of other tests' garbage. */
    private static final class Marked implements Iterable<byte[]> {
        @Override
        public Iterator<byte[]> iterator() {
            return List.<byte[]>of().iterator();
        }
    }

    private static List<String> warningsAbout(Warnings warnings, Class<?> type) {
        return warnings.messages().stream()
                .filter(m -> m.contains("(" + type.getName() + ")"))
                .toList();
    }

    @Test
    void aResultCollectedWithoutCloseIsReportedAsAWarning() {
        try (Warnings warnings = Warnings.capture()) {
            started(new Marked()).simulateCollection();
            assertThat(warningsAbout(warnings, Marked.class))
                    .singleElement()
                    .asString()
                    .endsWith("was garbage collected without being closed; the server must call close()");
        }
    }

    @Test
    void aClosedResultIsNotReported() throws Exception {
        try (Warnings warnings = Warnings.capture()) {
            ResultWrapper result = started(new Marked());
            result.close();
            result.simulateCollection();
            assertThat(warningsAbout(warnings, Marked.class)).isEmpty();
        }
    }
}
