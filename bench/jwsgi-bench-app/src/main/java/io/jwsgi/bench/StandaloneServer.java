package io.jwsgi.bench;

import io.jwsgi.Application;
import io.jwsgi.Environ;
import io.jwsgi.Header;
import io.jwsgi.simpleserver.ServerLimits;
import io.jwsgi.simpleserver.SimpleServer;
import io.jwsgi.simpleserver.WsgiServer;
import io.jwsgi.util.FileWrapper;
import java.io.FileInputStream;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The standalone side of the load benchmarks: jwsgi's own server ({@code io.jwsgi.simpleserver})
 * running the hello world, with jwsgi-core alone on the class path. Access logging is off (as in
 * every other server of the benchmark) and the body limit is lifted for the upload test.
 *
 * <ul>
 *   <li>{@code GET /download}: the file given as second argument, through {@code
 *       wsgi.file_wrapper} (the server sends it with {@code FileChannel.transferTo});
 *   <li>{@code PUT /upload}: reads {@code wsgi.input} to its end in 64 KiB reads, answers the
 *       byte count;
 *   <li>{@code GET /heap}: the peak heap use since the last call, in bytes; then collects garbage
 *       ({@code System.gc()}) and resets the peaks, so the next peak is what the next request adds
 *       to the live heap;
 *   <li>anything else: the hello world.
 * </ul>
 *
 * <pre>{@code
 * java -cp jwsgi-core/target/jwsgi-core-0.1.0-SNAPSHOT.jar:bench/jwsgi-bench-app/target/classes \
 *     io.jwsgi.bench.StandaloneServer 8080 /tmp/1GiB.bin
 * }</pre>
 */
public final class StandaloneServer {

    private StandaloneServer() {}

    /**
     * Serves until killed.
     *
     * @param args the port, and optionally the file that {@code /download} sends
     * @throws Exception if the server cannot start
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: StandaloneServer PORT [DOWNLOAD_FILE]");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        Path download = args.length == 2 ? Path.of(args[1]) : null;
        try (WsgiServer server = SimpleServer.makeServer("127.0.0.1", port, routes(Hello.app(), download))) {
            server.setLogRequests(false);
            server.setLimits(
                    ServerLimits.builder().maxBodyBytes(ServerLimits.UNLIMITED).build());
            System.out.println("jwsgi standalone serving on 127.0.0.1:" + server.getServerPort());
            server.serveForever();
        }
    }

    static Application routes(Application hello, Path download) {
        return (environ, startResponse) -> {
            String path = (String) environ.get(Environ.PATH_INFO);
            if ("/download".equals(path) && download != null) {
                startResponse.start(
                        "200 OK",
                        List.of(
                                Header.of("Content-Type", "application/octet-stream"),
                                Header.of("Content-Length", String.valueOf(Files.size(download)))));
                FileWrapper.Factory wrapper = (FileWrapper.Factory) environ.get(Environ.WSGI_FILE_WRAPPER);
                return wrapper.wrap(new FileInputStream(download.toFile()), 64 * 1024);
            }
            if ("/upload".equals(path)) {
                long total = drain((InputStream) environ.get(Environ.WSGI_INPUT));
                return text(startResponse, total + "\n");
            }
            if ("/heap".equals(path)) {
                return text(startResponse, peakHeapAndReset() + "\n");
            }
            return hello.call(environ, startResponse);
        };
    }

    private static long drain(InputStream in) throws java.io.IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = in.read(buffer)) != -1; ) {
            total += n;
        }
        return total;
    }

    private static Iterable<byte[]> text(io.jwsgi.StartResponse startResponse, String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
        startResponse.start("200 OK", List.of(Header.of("Content-Type", "text/plain")));
        return List.of(bytes);
    }

    /** The sum of every heap pool's peak use since the previous call (or start), then a GC and a reset of the peaks. */
    static long peakHeapAndReset() {
        long peak = 0;
        List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .toList();
        for (MemoryPoolMXBean pool : heapPools) {
            peak += pool.getPeakUsage().getUsed();
        }
        System.gc();
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        return peak;
    }
}
