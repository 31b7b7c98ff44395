package io.jwsgi.simpleserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwsgi.Environ;
import io.jwsgi.Header;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Fault injection against the standalone server over real sockets: clients that vanish at every
 * stage, applications that throw at every stage, a reader too slow to keep up, and a crowd of
 * clients trickling their headers. After each, the server still serves a normal request, every
 * iterable the application returned was closed exactly once, and no thread, file descriptor or
 * heap leaked (measured after a bounded settle loop, never assumed).
 */
class WsgiServerReliabilityTest {

    private static final int REPEAT = 10;
    private static final int CHUNK = 64 * 1024;
    private static final Duration HEADER_TIMEOUT = Duration.ofSeconds(2);

    private static final List<CountingResult> RESULTS = new CopyOnWriteArrayList<>();
    private static final AtomicLong PRODUCED = new AtomicLong();
    private static RunningServer server;

    private Usage baseline;
    /**
     * Platform threads allowed above the baseline: idle pool threads of connections that overlapped
     * live on for 30 s (JDK 17); a leak shows as a thread still serving, which must be none.
     */
    private int threadAllowance = REPEAT + 4;

    @BeforeAll
    static void start() throws IOException {
        ServerLimits limits =
                ServerLimits.builder().headerTimeout(HEADER_TIMEOUT).build();
        server = new RunningServer(WsgiServerReliabilityTest::app, limits);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void measureBaseline() throws IOException {
        assertNormalRequestSucceeds();
        RESULTS.clear();
        baseline = Usage.now();
    }

    /**
     * What every test ends with: the server still serves a normal request, every iterable was
     * closed exactly once, and no thread, file descriptor or heap leaked.
     */
    private void assertServerStillServesAndNothingLeaked() throws IOException {
        assertNormalRequestSucceeds();
        awaitTrue(() -> RESULTS.stream().allMatch(r -> r.closes.get() >= 1), "every result closed");
        assertThat(RESULTS)
                .allSatisfy(r -> assertThat(r.closes).as("close() calls").hasValue(1));
        Usage settled = Usage.settle(baseline);
        System.out.println("reliability: " + baseline + " -> " + settled);
        assertThat(settled.serving).as("threads still serving a connection").isZero();
        assertThat(settled.threads).as("threads").isLessThanOrEqualTo(baseline.threads + threadAllowance);
        if (baseline.fds >= 0) {
            assertThat(settled.fds).as("open file descriptors").isLessThanOrEqualTo(baseline.fds + 4);
        }
        assertThat(settled.heap - baseline.heap).as("heap growth").isLessThan(32L << 20);
    }

    @Test
    void clientDisconnectingMidHeadersLeavesTheServerServing() throws IOException {
        for (int i = 0; i < REPEAT; i++) {
            try (Socket s = connect()) {
                s.getOutputStream().write(ascii("GET /ok HTTP/1.1\r\nHost: localhost\r\nX-Partial: ab"));
            }
        }
        assertServerStillServesAndNothingLeaked();
    }

    @Test
    void clientDisconnectingMidBodyLeavesTheServerServing() throws IOException {
        for (int i = 0; i < REPEAT; i++) {
            try (Socket s = connect()) {
                s.getOutputStream()
                        .write(ascii("POST /read-body HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100000\r\n\r\n"
                                + "x".repeat(1000)));
            }
        }
        assertServerStillServesAndNothingLeaked();
    }

    @Test
    void clientDisconnectingMidResponseClosesTheStreamingResultOnce() throws IOException {
        for (int i = 0; i < REPEAT; i++) {
            try (Socket s = connect()) {
                s.getOutputStream().write(ascii("GET /stream HTTP/1.1\r\nHost: localhost\r\n\r\n"));
                s.getInputStream().readNBytes(3 * CHUNK);
                s.setSoLinger(true, 0); // reset, as a killed client does
            }
        }
        assertThat(RESULTS).hasSize(REPEAT);
        assertServerStillServesAndNothingLeaked();
    }

    @Test
    void applicationThrowingBeforeStartResponseGetsA500WithoutDetails() throws IOException {
        for (int i = 0; i < REPEAT; i++) {
            TestClient.Response r = get("/throw-before");
            assertThat(r.status()).isEqualTo(500);
            assertThat(r.text()).doesNotContain("Exception").doesNotContain("boom");
        }
        assertServerStillServesAndNothingLeaked();
    }

    @Test
    void applicationThrowingAfterStartResponseGetsA500() throws IOException {
        for (int i = 0; i < REPEAT; i++) {
            assertThat(get("/throw-after-start").status()).isEqualTo(500);
        }
        assertThat(RESULTS).isEmpty();
        assertServerStillServesAndNothingLeaked();
    }

    @Test
    void applicationThrowingInsideIterationCutsTheResponseAndClosesOnce() throws IOException {
        for (int i = 0; i < REPEAT; i++) {
            try (Socket s = connect()) {
                s.getOutputStream().write(ascii("GET /throw-in-iteration HTTP/1.1\r\nHost: localhost\r\n\r\n"));
                String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                assertThat(response).startsWith("HTTP/1.1 200 ").contains("first");
                assertThat(response).as("no final chunk: the client sees a cut").doesNotEndWith("0\r\n\r\n");
            }
        }
        assertThat(RESULTS).hasSize(REPEAT);
        assertServerStillServesAndNothingLeaked();
    }

    @Test
    void applicationThrowingInsideCloseStillDeliversAndKeepsServing() throws IOException {
        try (TestClient client = server.client()) {
            for (int i = 0; i < REPEAT; i++) {
                client.send("GET /throw-in-close HTTP/1.1\r\nHost: localhost\r\n\r\n");
                TestClient.Response r = client.read();
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.text()).isEqualTo("fine");
            }
        }
        assertThat(RESULTS).hasSize(REPEAT);
        assertServerStillServesAndNothingLeaked();
    }

    @Test
    void slowReaderIsBackpressuredNotBuffered() throws Exception {
        long heapBefore = Usage.usedHeapAfterGc();
        try (Socket s = new Socket()) {
            s.setReceiveBufferSize(4096);
            s.connect(new InetSocketAddress("127.0.0.1", server.port()));
            s.getOutputStream().write(ascii("GET /stream HTTP/1.1\r\nHost: localhost\r\n\r\n"));
            s.getInputStream().readNBytes(1024);
            awaitTrue(() -> stalled(), "the application's producer stalls");
            long produced = PRODUCED.get();
            long heapDuring = Usage.usedHeapAfterGc();
            System.out.println("reliability: slow reader: application produced " + produced
                    + " bytes of a 1 GiB stream; heap " + (heapBefore >> 20) + " MiB -> " + (heapDuring >> 20)
                    + " MiB");
            assertThat(produced)
                    .as("bytes produced while the client reads nothing")
                    .isLessThan(32L << 20);
            assertThat(heapDuring - heapBefore)
                    .as("heap held for the slow reader")
                    .isLessThan(32L << 20);
            s.setSoLinger(true, 0);
        }
        assertThat(RESULTS).hasSize(1);
        assertServerStillServesAndNothingLeaked();
    }

    @Test
    void slowHeaderClientsDoNotStarveNormalRequestsAndGetA408() throws Exception {
        List<Socket> slow = new ArrayList<>();
        threadAllowance = 60; // idle pool threads of the 50 connections may linger (30 s keep-alive on JDK 17)
        try {
            for (int i = 0; i < 50; i++) {
                Socket s = connect();
                s.getOutputStream().write(ascii("GET /ok HTTP/1.1\r\n"));
                slow.add(s);
            }
            for (int i = 0; i < 20; i++) {
                for (Socket s : slow) {
                    trickle(s);
                }
                assertThat(get("/ok").status()).isEqualTo(200);
            }
            Socket first = slow.get(0);
            first.setSoTimeout((int) HEADER_TIMEOUT.toMillis() * 5);
            InputStream in = first.getInputStream();
            String answer = new String(in.readNBytes(12), StandardCharsets.ISO_8859_1);
            assertThat(answer).isEqualTo("HTTP/1.1 408");
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
        assertServerStillServesAndNothingLeaked();
    }

    // --- the application

    private static Iterable<byte[]> app(java.util.Map<String, Object> environ, io.jwsgi.StartResponse start)
            throws Exception {
        String path = (String) environ.get(Environ.PATH_INFO);
        List<Header> text = List.of(Header.of("Content-Type", "text/plain"));
        switch (path) {
            case "/ok" -> {
                start.start("200 OK", text);
                return List.of(ascii("ok"));
            }
            case "/read-body" -> {
                byte[] body = ((InputStream) environ.get(Environ.WSGI_INPUT)).readAllBytes();
                start.start("200 OK", text);
                return List.of(body);
            }
            case "/stream" -> {
                start.start("200 OK", text);
                PRODUCED.set(0);
                return new CountingResult(16 * 1024, false, false);
            }
            case "/throw-before" -> throw new IllegalStateException("boom before");
            case "/throw-after-start" -> {
                start.start("200 OK", text);
                throw new IllegalStateException("boom after");
            }
            case "/throw-in-iteration" -> {
                start.start("200 OK", text);
                return new CountingResult(1, true, false);
            }
            case "/throw-in-close" -> {
                start.start("200 OK", List.of(Header.of("Content-Length", "4")));
                return new CountingResult(0, false, true);
            }
            default -> {
                start.start("404 Not Found", text);
                return List.of();
            }
        }
    }

    /**
     * A lazily produced result that counts its close() calls: {@code chunks} chunks of 64 KiB,
     * then optionally a failure; or, with no chunks, the body "fine".
     */
    private static final class CountingResult implements Iterable<byte[]>, AutoCloseable {
        final AtomicInteger closes = new AtomicInteger();
        private final int chunks;
        private final boolean failAfter;
        private final boolean failInClose;

        CountingResult(int chunks, boolean failAfter, boolean failInClose) {
            this.chunks = chunks;
            this.failAfter = failAfter;
            this.failInClose = failInClose;
            RESULTS.add(this);
        }

        @Override
        public Iterator<byte[]> iterator() {
            byte[] block = "first\n".repeat(CHUNK / 6).getBytes(StandardCharsets.ISO_8859_1);
            return new Iterator<>() {
                private int sent;

                @Override
                public boolean hasNext() {
                    return chunks == 0 ? sent == 0 : sent < chunks || failAfter;
                }

                @Override
                public byte[] next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    if (chunks == 0) {
                        sent++;
                        return ascii("fine");
                    }
                    if (sent == chunks) {
                        throw new IllegalStateException("boom in iteration");
                    }
                    sent++;
                    PRODUCED.addAndGet(block.length);
                    return block;
                }
            };
        }

        @Override
        public void close() {
            closes.incrementAndGet();
            if (failInClose) {
                throw new IllegalStateException("boom in close");
            }
        }
    }

    // --- helpers

    private static long lastProduced = -1;

    /** True once the producer made no progress since the last call (called every 200 ms). */
    private static boolean stalled() {
        long now = PRODUCED.get();
        boolean same = now > 0 && now == lastProduced;
        lastProduced = now;
        return same;
    }

    private static void trickle(Socket s) {
        try {
            s.getOutputStream().write('X');
        } catch (IOException e) {
            // answered 408 and closed already: that is allowed
        }
    }

    private static void assertNormalRequestSucceeds() throws IOException {
        TestClient.Response r = get("/ok");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).isEqualTo("ok");
    }

    private static TestClient.Response get(String path) throws IOException {
        try (TestClient client = server.client()) {
            client.send("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            return client.read();
        }
    }

    private static Socket connect() throws IOException {
        Socket s = new Socket("127.0.0.1", server.port());
        s.setSoTimeout(10_000);
        return s;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s: " + what);
            }
            sleep(200);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Live platform threads, those of them inside a connection handler, open file descriptors
     * (Linux; -1 elsewhere) and used heap after a GC.
     */
    record Usage(int threads, int serving, long fds, long heap) {
        static Usage now() {
            return new Usage(
                    ManagementFactory.getThreadMXBean().getThreadCount(),
                    servingThreads(),
                    openFileDescriptors(),
                    usedHeapAfterGc());
        }

        static int servingThreads() {
            int n = 0;
            for (StackTraceElement[] stack : Thread.getAllStackTraces().values()) {
                if (Stream.of(stack).anyMatch(f -> f.getClassName().equals(WsgiRequestHandler.class.getName()))) {
                    n++;
                }
            }
            return n;
        }

        /** Waits up to 10 s for the counts to come back near {@code baseline}, then measures. */
        static Usage settle(Usage baseline) {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            Usage u = now();
            while (System.nanoTime() < deadline && (u.serving > 0 || u.fds > baseline.fds + 4)) {
                sleep(100);
                u = now();
            }
            return u;
        }

        static long openFileDescriptors() {
            Path fd = Path.of("/proc/self/fd");
            if (!Files.isDirectory(fd)) {
                return -1;
            }
            try (Stream<Path> s = Files.list(fd)) {
                return s.count();
            } catch (IOException e) {
                return -1;
            }
        }

        static long usedHeapAfterGc() {
            for (int i = 0; i < 3; i++) {
                System.gc();
            }
            Runtime rt = Runtime.getRuntime();
            return rt.totalMemory() - rt.freeMemory();
        }

        @Override
        public String toString() {
            return "threads=" + threads + " serving=" + serving + " fds=" + fds + " heap=" + (heap >> 20) + "MiB";
        }
    }
}
