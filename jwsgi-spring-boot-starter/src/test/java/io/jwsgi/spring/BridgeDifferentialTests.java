package io.jwsgi.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwsgi.Application;
import io.jwsgi.testfixtures.RequestGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The bridge against the standalone server on generated requests (issue 14, part 1): the same echo
 * application on both, the same bytes on a connection of their own, on the real container of the
 * execution (Tomcat, and Jetty in {@code jetty-test}). Every request that both accept gives the
 * same status, the same environ (every CGI and {@code wsgi.*} variable but those listed in {@link
 * #CONTAINER_DECIDED}) and the same body bytes: 0 differences. Requests only the container
 * refuses are sorted into the classes of {@link #PROBES} (what in the request the container
 * objects to) and counted; a refusal that no class explains fails the test. The counts are in
 * docs/bridge-differences.md. The application's results are closed exactly once on both servers.
 */
class BridgeDifferentialTests {

    static final int REQUESTS = 300;

    /**
     * The variables a server decides, not the request: the server's name and version, the port
     * numbers, whether the server runs several processes (wsgiref's BaseHandler says true; a
     * servlet container is one process), the bridge's own {@code jwsgi.*} keys, and the process
     * environment that the standalone server copies in as wsgiref does and the bridge does not.
     */
    static final Set<String> CONTAINER_DECIDED =
            Set.of("SERVER_SOFTWARE", "SERVER_PORT", "REMOTE_PORT", "wsgi.multiprocess");

    private static Standalone standalone;
    private static TestServer bridge;
    static final AtomicLong CALLS = new AtomicLong();
    static final AtomicLong CLOSES = new AtomicLong();

    @BeforeAll
    static void start() throws IOException {
        standalone = Standalone.start(counted(TestApps.echo()));
        bridge = TestServer.start(EchoAtRoot.class);
    }

    @AfterAll
    static void stop() {
        bridge.close();
        standalone.close();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {20261205L, 14L, 7_000_001L})
    void bothAcceptedMeansTheSameStatusEnvironAndBody(long seed) throws Exception {
        RequestGenerator generator = RequestGenerator.forContainers();
        Random random = new Random(seed);
        Set<String> refusable = refusedClasses(bridge.port);
        Map<String, Integer> refusedByContainer = new java.util.LinkedHashMap<>();
        List<String> unexplained = new ArrayList<>();
        List<String> differences = new ArrayList<>();
        int both = 0;
        int standaloneOnlyRefused = 0;
        int lagging = 0;
        for (int i = 0; i < REQUESTS; i++) {
            String request = generator.generate(random);
            Answer expected = send(standalone.port(), request);
            Answer actual = send(bridge.port, request);
            if (CLOSES.get() != CALLS.get()) {
                lagging++; // close() runs after the last byte went out: the client can be first
            }
            if (expected.echoed() && actual.echoed()) {
                both++;
                String diff = compare(expected, actual);
                if (diff != null) {
                    differences.add(diff + " for\n" + printable(request));
                    System.out.println("DIFF " + classesOf(request) + " " + diff);
                }
            } else if (expected.echoed()) {
                Set<String> features = classesOf(request);
                String cause = features.stream()
                        .filter(refusable::contains)
                        .findFirst()
                        .orElse(null);
                if (cause == null) {
                    unexplained.add(actual.status + " " + features + " (" + printable(actual.text) + ") for\n"
                            + printable(request));
                } else {
                    refusedByContainer.merge(cause, 1, Integer::sum);
                }
            } else if (actual.echoed()) {
                standaloneOnlyRefused++;
                unexplained.add(
                        "refused by the standalone server only (" + expected.status + ") " + printable(request));
            }
        }
        awaitClosed();
        System.out.printf(
                "bridge differential (%s, seed %d): %d requests, %d accepted by both, %d differences, refused by"
                        + " the container only: %s (classes it refuses: %s), by the standalone server only: %d, unexplained: %d;"
                        + " results %d, closes %d (%d times behind right after a response)%n",
                TestApps.onJetty() ? "Jetty" : "Tomcat",
                seed,
                REQUESTS,
                both,
                differences.size(),
                refusedByContainer,
                refusable,
                standaloneOnlyRefused,
                unexplained.size(),
                CALLS.get(),
                CLOSES.get(),
                lagging);
        assertThat(differences).as("differences").isEmpty();
        assertThat(unexplained).as("unexplained refusals").isEmpty();
        assertThat(both).as("requests both accept").isGreaterThan(REQUESTS / 2);
        assertThat(CLOSES.get()).as("closes").isEqualTo(CALLS.get());
    }

    /**
     * {@code jwsgi.relaxed-request-targets=true} sets the container's own knobs: the classes it
     * refused by default that those knobs cover are then accepted, with the standalone server's
     * environ.
     */
    @org.junit.jupiter.api.Test
    void theRelaxedRequestTargetsPropertyOpensWhatTheContainerCanRelax() throws Exception {
        Set<String> refusedByDefault = refusedClasses(bridge.port);
        Set<String> refusedRelaxed;
        try (TestServer relaxed = TestServer.start(EchoAtRoot.class, "jwsgi.relaxed-request-targets=true")) {
            refusedRelaxed = refusedClasses(relaxed.port);
        }
        Set<String> opened = new LinkedHashSet<>(refusedByDefault);
        opened.removeAll(refusedRelaxed);
        System.out.printf(
                "relaxed request targets (%s): accepted now %s; still refused %s%n",
                TestApps.onJetty() ? "Jetty" : "Tomcat", opened, refusedRelaxed);
        assertThat(refusedByDefault).containsAll(refusedRelaxed);
        Set<String> expected = new LinkedHashSet<>();
        for (char c : RequestGenerator.UNSAFE_CHARS.toCharArray()) {
            expected.add("unencoded " + c + " in the path");
        }
        expected.addAll(List.of("%2F in the path", "%5C in the path"));
        if (TestApps.onJetty()) {
            expected.addAll(List.of(
                    "unencoded UTF-8 above 0x7F in the path",
                    "%01-%1F or %7F in the path",
                    "%25 in the path",
                    "escapes in the path that are not UTF-8",
                    "a dot segment in the path",
                    "an empty segment in the path"));
        } else {
            for (char c : RequestGenerator.UNSAFE_CHARS.toCharArray()) {
                expected.add("unencoded " + c + " in the query");
            }
        }
        assertThat(opened).containsExactlyInAnyOrderElementsOf(expected);
    }

    static void awaitClosed() throws InterruptedException {
        for (int i = 0; i < 500 && CLOSES.get() != CALLS.get(); i++) {
            Thread.sleep(10);
        }
    }

    /** null if both answers agree, else what differs. */
    static String compare(Answer expected, Answer actual) {
        if (expected.status != actual.status) {
            return "status " + expected.status + " != " + actual.status;
        }
        Map<String, String> want = comparable(expected.environ);
        Map<String, String> got = comparable(actual.environ);
        if (!want.equals(got)) {
            Set<String> keys = new LinkedHashSet<>(want.keySet());
            keys.addAll(got.keySet());
            return keys.stream()
                    .filter(k -> !java.util.Objects.equals(want.get(k), got.get(k)))
                    .map(k -> k + ": " + printable(String.valueOf(want.get(k))) + " != "
                            + printable(String.valueOf(got.get(k))))
                    .collect(Collectors.joining("; "));
        }
        return null;
    }

    /** The environ (and body) minus what a server decides; objects compared by presence. */
    static Map<String, String> comparable(Map<String, String> env) {
        Map<String, String> kept = new TreeMap<>();
        env.forEach((key, value) -> {
            if (!CONTAINER_DECIDED.contains(key)
                    && !key.startsWith("jwsgi.")
                    && !System.getenv().containsKey(key)) {
                kept.put(key, value.startsWith("@") ? "<object>" : value);
            }
        });
        return kept;
    }

    static String printable(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '\r') {
                out.append("\\r");
            } else if (c == '\n') {
                out.append("\\n\n");
            } else if (c < 0x20 || c >= 0x7F) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** What a server answered: the status, and the echo's environ if the application answered. */
    record Answer(int status, Map<String, String> environ, String text) {
        boolean echoed() {
            return this.environ != null;
        }
    }

    /** Sends one request on a connection of its own. */
    static Answer send(int port, String request) throws IOException {
        byte[] raw;
        try {
            raw = TestApps.raw(port, request.getBytes(StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            return new Answer(-1, null, e.toString());
        }
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        if (!text.startsWith("HTTP/1.")) {
            return new Answer(-1, null, text);
        }
        int status = Integer.parseInt(text.substring(9, 12));
        int end = text.indexOf("\r\n\r\n");
        String fields = text.substring(0, end).toLowerCase(Locale.ROOT);
        String body = text.substring(end + 4);
        if (fields.contains("\r\ntransfer-encoding: chunked")) {
            body = TestApps.dechunk(body);
        }
        boolean head = request.startsWith("HEAD ");
        boolean isEcho = status == 200 && (head || body.contains("\nREQUEST_METHOD="));
        Map<String, String> environ = null;
        if (isEcho) {
            environ = head
                    ? Map.of() // no body: the status and the content type say the application answered
                    : TestApps.parseEcho(body.getBytes(StandardCharsets.ISO_8859_1));
        }
        return new Answer(status, environ, text.length() > 600 ? text.substring(0, 600) : text);
    }

    /**
     * What in a request a container may refuse that the standalone server accepts, each with a
     * probe: the smallest request that has it and nothing else of this list.
     */
    static final Map<String, String> PROBES = probes();

    private static Map<String, String> probes() {
        Map<String, String> probes = new java.util.LinkedHashMap<>();
        probes.put("HTTP/1.1 without Host", "GET /a HTTP/1.1\r\nConnection: close\r\n\r\n");
        for (char c : RequestGenerator.UNSAFE_CHARS.toCharArray()) {
            probes.put("unencoded " + c + " in the path", probe("/a" + c + "b"));
        }
        for (char c : RequestGenerator.UNSAFE_CHARS.toCharArray()) {
            probes.put("unencoded " + c + " in the query", probe("/a?b" + c + "c"));
        }
        probes.put("unencoded UTF-8 above 0x7F in the path", probe("/caf\u00c3\u00a9"));
        probes.put("unencoded UTF-8 above 0x7F in the query", probe("/a?q=caf\u00c3\u00a9"));
        probes.put("unencoded bytes above 0x7F that are not UTF-8 in the path", probe("/caf\u00e9"));
        probes.put("unencoded bytes above 0x7F that are not UTF-8 in the query", probe("/a?q=caf\u00e9"));
        probes.put("%2F in the path", probe("/a%2Fb"));
        probes.put("%5C in the path", probe("/a%5Cb"));
        probes.put("%01-%1F or %7F in the path", probe("/a%01b"));
        probes.put("%25 in the path", probe("/a%25b"));
        probes.put("%3B in the path", probe("/a%3Bb"));
        probes.put("escapes in the path that are not UTF-8", probe("/a%FFb"));
        probes.put("a dot segment in the path", probe("/a/%2E%2E/b"));
        probes.put("an empty segment in the path", probe("/a//b"));
        probes.put("; in the path", probe("/a;b=1/c"));
        return probes;
    }

    private static String probe(String target) {
        return "GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
    }

    /** The classes of {@link #PROBES} a request belongs to, in the order of that map. */
    static Set<String> classesOf(String request) {
        Set<String> classes = new LinkedHashSet<>();
        String line = request.substring(0, request.indexOf("\r\n"));
        String target = line.substring(line.indexOf(' ') + 1, line.lastIndexOf(' '));
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        String query = q < 0 ? "" : target.substring(q + 1);
        String head = request.substring(0, request.indexOf("\r\n\r\n") + 2).toLowerCase(Locale.ROOT);
        if (line.endsWith("HTTP/1.1") && !head.contains("\r\nhost:")) {
            classes.add("HTTP/1.1 without Host");
        }
        for (char c : RequestGenerator.UNSAFE_CHARS.toCharArray()) {
            if (path.indexOf(c) >= 0) {
                classes.add("unencoded " + c + " in the path");
            }
        }
        for (char c : RequestGenerator.UNSAFE_CHARS.toCharArray()) {
            if (query.indexOf(c) >= 0) {
                classes.add("unencoded " + c + " in the query");
            }
        }
        for (String[] part : new String[][] {{path, "path"}, {query, "query"}}) {
            if (part[0].chars().anyMatch(c -> c >= 0x80)) {
                classes.add((isUtf8(part[0])
                                ? "unencoded UTF-8 above 0x7F in the "
                                : "unencoded bytes above 0x7F that are not UTF-8 in the ")
                        + part[1]);
            }
        }
        String upper = path.toUpperCase(Locale.ROOT);
        if (upper.contains("%2F")) {
            classes.add("%2F in the path");
        }
        if (upper.contains("%5C")) {
            classes.add("%5C in the path");
        }
        if (upper.matches(".*%(0[0-9A-F]|1[0-9A-F]|7F).*")) {
            classes.add("%01-%1F or %7F in the path");
        }
        if (upper.contains("%25")) {
            classes.add("%25 in the path");
        }
        if (upper.contains("%3B")) {
            classes.add("%3B in the path");
        }
        String decoded = percentDecoded(path);
        if (!isUtf8(decoded)) {
            classes.add("escapes in the path that are not UTF-8");
        }
        for (String segment : decoded.split("/", -1)) {
            String bare = segment.contains(";") ? segment.substring(0, segment.indexOf(';')) : segment;
            if (bare.equals(".") || bare.equals("..")) {
                classes.add("a dot segment in the path");
            }
        }
        if (path.contains("//")) {
            classes.add("an empty segment in the path");
        }
        if (path.contains(";")) {
            classes.add("; in the path");
        }
        return classes;
    }

    /** Whether bytes in a string are UTF-8. */
    static boolean isUtf8(String bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes.getBytes(StandardCharsets.ISO_8859_1)));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** The path's escapes decoded, one char per byte. */
    static String percentDecoded(String path) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%'
                    && i + 2 < path.length()
                    && Character.digit(path.charAt(i + 1), 16) >= 0
                    && Character.digit(path.charAt(i + 2), 16) >= 0) {
                out.write(Integer.parseInt(path.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    /**
     * Sends every probe to both servers: the standalone server must accept each; returns the
     * classes the container refuses, and checks that it answers the others as the standalone
     * server does.
     */
    static Set<String> refusedClasses(int bridgePort) throws IOException {
        Set<String> refused = new LinkedHashSet<>();
        for (Map.Entry<String, String> probe : PROBES.entrySet()) {
            Answer expected = send(standalone.port(), probe.getValue());
            assertThat(expected.echoed())
                    .as("the standalone server accepts " + probe.getKey())
                    .isTrue();
            Answer actual = send(bridgePort, probe.getValue());
            if (actual.echoed()) {
                String diff = compare(expected, actual);
                if (diff != null) {
                    System.out.println("ALTERED " + probe.getKey() + ": " + diff);
                }
            } else {
                refused.add(probe.getKey());
            }
        }
        return refused;
    }

    /** The application counting its results' closes. */
    static Application counted(Application app) {
        return (environ, startResponse) -> {
            Iterable<byte[]> result = app.call(environ, startResponse);
            CALLS.incrementAndGet();
            return new CountedResult(result);
        };
    }

    private record CountedResult(Iterable<byte[]> result) implements Iterable<byte[]>, AutoCloseable {
        @Override
        public Iterator<byte[]> iterator() {
            return this.result.iterator();
        }

        @Override
        public void close() {
            CLOSES.incrementAndGet();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class EchoAtRoot {
        @Bean
        Application echo() {
            return counted(TestApps.echo());
        }
    }
}
