package io.jwsgi.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code wsgi.errors}: one print stream per application, lines kept apart per thread. */
class ErrorStreamTests {

    private final RecordingLog log = new RecordingLog();
    private final ErrorStream errors = new ErrorStream(this.log);
    private final PrintStream out = this.errors.printStream();

    @Test
    void everyLineIsOneWarning() {
        this.out.println("first");
        this.out.print("second\r\nthird\n\n");
        this.out.write('x');
        this.out.write('\n');
        assertThat(this.log.warnings).containsExactly("first", "second", "third", "", "x");
    }

    @Test
    void textIsUtf8() {
        this.out.println("caf\u00e9 \u20ac");
        assertThat(this.log.warnings).containsExactly("caf\u00e9 \u20ac");
        this.out.write("na\u00efve\n".getBytes(StandardCharsets.UTF_8), 0, 7);
        assertThat(this.log.warnings).containsExactly("caf\u00e9 \u20ac", "na\u00efve");
    }

    @Test
    void theStreamIsTheSameObjectForEveryRequest() {
        assertThat(this.errors.printStream()).isSameAs(this.out);
    }

    @Test
    void anUnfinishedLineIsLoggedAtTheEndOfItsRequest() {
        this.out.print("no newline");
        assertThat(this.log.warnings).isEmpty();
        this.errors.endLine();
        assertThat(this.log.warnings).containsExactly("no newline");
        this.errors.endLine();
        assertThat(this.log.warnings).containsExactly("no newline");
        this.out.println("next request");
        assertThat(this.log.warnings).containsExactly("no newline", "next request");
    }

    @Test
    void anUnfinishedLineAfterALongOneIsStillLoggedAtTheEnd() {
        String longLine = "y".repeat(10_000); // over the buffer kept per thread: the buffer is dropped
        this.out.println(longLine);
        this.out.print("tail");
        this.errors.endLine();
        this.errors.endLine();
        assertThat(this.log.warnings).containsExactly(longLine, "tail");
    }

    @Test
    void flushDoesNotEndALine() {
        this.out.print("part one, ");
        this.out.flush();
        this.out.print("part two");
        this.out.println();
        assertThat(this.log.warnings).containsExactly("part one, part two");
    }

    @Test
    void closingItEndsTheCallersLineButKeepsItOpenForOthers() {
        this.out.print("closed by the application");
        this.out.close();
        assertThat(this.log.warnings).containsExactly("closed by the application");
        this.out.println("still logged");
        assertThat(this.out.checkError()).isFalse();
        assertThat(this.log.warnings).containsExactly("closed by the application", "still logged");
    }

    @Test
    void endLineOnlyLogsTheCallingThreadsLine() throws Exception {
        this.out.print("main thread's line");
        Thread other = new Thread(() -> {
            this.out.print("other thread's line");
            this.errors.endLine();
        });
        other.start();
        other.join(10_000);
        assertThat(this.log.warnings).containsExactly("other thread's line");
        this.errors.endLine();
        assertThat(this.log.warnings).containsExactly("other thread's line", "main thread's line");
    }

    @Test
    void linesOfConcurrentRequestsNeitherInterleaveNorGetLost() throws Exception {
        int threads = 8;
        int lines = 500;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                done.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    for (int i = 0; i < lines; i++) {
                        // a line in pieces, as print() calls of a request would make it
                        this.out.print("request " + id);
                        Thread.yield();
                        this.out.print(" line ");
                        this.out.write(("" + i).getBytes(StandardCharsets.US_ASCII), 0, ("" + i).length());
                        this.out.println(" end");
                    }
                    this.out.print("request " + id + " tail");
                    this.errors.endLine(); // the end of this "request"
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> expected = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < lines; i++) {
                expected.add("request " + t + " line " + i + " end");
            }
            expected.add("request " + t + " tail");
        }
        assertThat(this.log.warnings).containsExactlyInAnyOrderElementsOf(expected);
    }

    /** A log that keeps its warnings. */
    static final class RecordingLog implements System.Logger {
        final ConcurrentLinkedQueue<String> warnings = new ConcurrentLinkedQueue<>();

        @Override
        public String getName() {
            return "recording";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
            if (level == Level.WARNING) {
                this.warnings.add(String.valueOf(message));
            }
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            log(level, bundle, format, (Throwable) null);
        }
    }
}
