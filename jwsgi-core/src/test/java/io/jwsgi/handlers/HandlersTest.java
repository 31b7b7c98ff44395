package io.jwsgi.handlers;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jwsgi.Application;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Handlers.formatDateTime and Handlers.readEnviron (the latter in a child JVM). */
class HandlersTest {

    // ---- formatDateTime ----

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "0|Thu, 01 Jan 1970 00:00:00 GMT",
                "1149533394|Mon, 05 Jun 2006 18:49:54 GMT",
                "951782400|Tue, 29 Feb 2000 00:00:00 GMT",
                "-1|Wed, 31 Dec 1969 23:59:59 GMT",
                "253402300799|Fri, 31 Dec 9999 23:59:59 GMT",
                "-59011459200|Fri, 01 Jan  100 00:00:00 GMT"
            })
    void datesAreFormattedAsWsgirefDoes(long epochSeconds, String expected) {
        assertThat(Handlers.formatDateTime(epochSeconds)).isEqualTo(expected);
        assertThat(Handlers.formatDateTime(epochSeconds)).isEqualTo(expected); // and again, from the cache
    }

    @Test
    void datesMatchPythonsWsgirefOnGeneratedTimes() throws IOException, InterruptedException {
        assumeTrue(onPath("python3"), "python3 is not installed: skipping the differential test against wsgiref");
        Random random = new Random(20261123);
        List<Long> times = new ArrayList<>(List.of(0L, 1L, 86399L, 86400L, 951782400L, 4102444800L));
        for (int i = 0; i < 300; i++) {
            times.add((long) (random.nextDouble() * 253402300799L));
        }
        StringBuilder input = new StringBuilder();
        times.forEach(t -> input.append(t).append('\n'));
        Process python = new ProcessBuilder(
                        "python3",
                        "-c",
                        "import sys\nfrom wsgiref.handlers import format_date_time\n"
                                + "for line in sys.stdin: print(format_date_time(int(line)))")
                .redirectErrorStream(true)
                .start();
        try (var stdin = python.getOutputStream()) {
            stdin.write(input.toString().getBytes(US_ASCII));
        }
        List<String> expected = new String(python.getInputStream().readAllBytes(), US_ASCII)
                .lines()
                .toList();
        assertThat(python.waitFor(30, TimeUnit.SECONDS)).isTrue();
        List<String> actual = times.stream().map(Handlers::formatDateTime).toList();
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void theDateOfNowIsTodaysInGmt() {
        String now = Handlers.formatDateTime(Instant.now().getEpochSecond());
        assertThat(now).matches("\\w{3}, \\d\\d \\w{3} \\d{4} \\d\\d:\\d\\d:\\d\\d GMT");
    }

    // ---- readEnviron ----

    @Test
    void requestVariablesAreTranscodedOthersAreLeftAsDecoded() {
        Map<String, String> decoded = Map.of(
                "PATH_INFO", "/caf\u00e9",
                "HTTP_X_NAME", "J\u00fcrgen",
                "REDIRECT_REDIRECT_QUERY_STRING", "q=\u00e9",
                "REDIRECT_HOME", "/h\u00f6me",
                "SSL_CLIENT_S_DN", "CN=\u00c5",
                "HOME", "/h\u00f6me",
                "HTTPX", "\u00e9");
        Map<String, String> environ = Handlers.transcode(decoded, null, UTF_8);
        assertThat(environ)
                .containsEntry("PATH_INFO", "/caf\u00c3\u00a9")
                .containsEntry("HTTP_X_NAME", "J\u00c3\u00bcrgen")
                .containsEntry("REDIRECT_REDIRECT_QUERY_STRING", "q=\u00c3\u00a9")
                .containsEntry("SSL_CLIENT_S_DN", "CN=\u00c3\u0085")
                .containsEntry("REDIRECT_HOME", "/h\u00f6me")
                .containsEntry("HOME", "/h\u00f6me")
                .containsEntry("HTTPX", "\u00e9");
    }

    @Test
    void rawBytesWinOverTheDecodedValue() {
        Map<String, String> environ = Handlers.transcode(
                Map.of("PATH_INFO", "/\ufffd", "HOME", "/h"), Map.of("PATH_INFO", "/\u00ff", "HOME", "/raw"), UTF_8);
        assertThat(environ).containsEntry("PATH_INFO", "/\u00ff").containsEntry("HOME", "/h");
    }

    @Test
    void readEnvironGivesTheProcessEnvironmentsRawBytes() throws IOException, InterruptedException {
        // UTF-8 "/café", then a byte that is not UTF-8 at all: only the raw bytes keep it
        String prefix = "PATH_INFO=\"$(printf '/caf\\303\\251\\377')\"; export PATH_INFO;"
                + " HTTP_X_TEST=\"$(printf 'J\\303\\274rgen')\"; export HTTP_X_TEST;"
                + " TEXT_VAR=\"$(printf 'caf\\303\\251')\"; export TEXT_VAR;";
        ChildJvm.Result result = ChildJvm.run(
                Map.of("LANG", "C.UTF-8", "LC_ALL", "C.UTF-8", "QUERY_STRING", "a=1&b=%C3%A9"),
                prefix,
                new byte[0],
                EnvironDump.class.getName());
        assertThat(result.stderr()).isEmpty();
        List<String> lines = result.stdout().lines().toList();
        assertThat(lines)
                .contains("QUERY_STRING=a=1&b=%C3%A9", "HTTP_X_TEST=J\\u00c3\\u00bcrgen", "TEXT_VAR=caf\\u00e9");
        if (Files.isReadable(Path.of("/proc/self/environ"))) {
            assertThat(lines).contains("PATH_INFO=/caf\\u00c3\\u00a9\\u00ff");
        } else {
            assertThat(lines).anyMatch(line -> line.startsWith("PATH_INFO=/caf\\u00c3\\u00a9"));
        }
    }

    @Test
    void readEnvironReturnsAMutableMapOfTheEnvironment() {
        Map<String, String> environ = Handlers.readEnviron();
        assertThat(environ.keySet()).isEqualTo(System.getenv().keySet());
        environ.put("X_JWSGI_TEST", "x");
        assertThat(environ).containsEntry("X_JWSGI_TEST", "x");
    }

    // ---- loadApplication (used by CgiHandler.main) ----

    /** Loadable through its public no-argument constructor. */
    public static final class ConstructedApp implements Application {
        @Override
        public Iterable<byte[]> call(Map<String, Object> environ, io.jwsgi.StartResponse startResponse) {
            return List.of("constructed".getBytes(ISO_8859_1));
        }
    }

    @Test
    void applicationsLoadThroughAFactoryOrAConstructor() throws Exception {
        Application fromFactory = Handlers.loadApplication(CgiTestApp.class.getName());
        Map<String, Object> environ = new HashMap<>(Map.of("PATH_INFO", "/fail"));
        assertThatThrownBy(() -> fromFactory.call(environ, (s, h, e) -> null)).hasMessageContaining("on purpose");

        Application constructed = Handlers.loadApplication(ConstructedApp.class.getName());
        assertThat(constructed).isInstanceOf(ConstructedApp.class);
    }

    /** Supplies a {@link ConstructedApp}. */
    public static final class SuppliedApp implements java.util.function.Supplier<Application> {
        @Override
        public Application get() {
            return new ConstructedApp();
        }
    }

    /** Factory methods, named as {@code Class::method}. */
    public static final class Factories {
        public static Application constructed() {
            return new ConstructedApp();
        }

        public static Application nothing() {
            return null;
        }

        public Application notStatic() {
            return new ConstructedApp();
        }
    }

    /** An application whose constructor fails. */
    public static final class FailingApp implements Application {
        public FailingApp() {
            throw new IllegalStateException("no database");
        }

        @Override
        public Iterable<byte[]> call(Map<String, Object> environ, io.jwsgi.StartResponse startResponse) {
            return List.of();
        }
    }

    @Test
    void applicationsLoadThroughASupplierOrANamedFactoryMethod() throws Exception {
        ClassLoader loader = HandlersTest.class.getClassLoader();
        assertThat(Handlers.loadApplication(SuppliedApp.class.getName(), loader))
                .isInstanceOf(ConstructedApp.class);
        assertThat(Handlers.loadApplication(Factories.class.getName() + "::constructed", loader))
                .isInstanceOf(ConstructedApp.class);
    }

    @Test
    void whatCannotBeMadeIsSaid() {
        ClassLoader loader = HandlersTest.class.getClassLoader();
        String factories = Factories.class.getName();
        assertThatThrownBy(() -> Handlers.loadApplication(factories + "::nothing", loader))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(factories + "::nothing() returned null, not an io.jwsgi.Application");
        assertThatThrownBy(() -> Handlers.loadApplication(factories + "::notStatic", loader))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(factories + "::notStatic is not static");
        assertThatThrownBy(() -> Handlers.loadApplication(factories + "::nope", loader))
                .isInstanceOf(NoSuchMethodException.class)
                .hasMessage("no public method nope() in " + factories);
        assertThatThrownBy(() -> Handlers.loadApplication(FailingApp.class.getName(), loader))
                .isInstanceOf(java.lang.reflect.InvocationTargetException.class)
                .hasMessage("the constructor of " + FailingApp.class.getName()
                        + " threw java.lang.IllegalStateException: no database")
                .cause()
                .hasMessage("no database");
        assertThatThrownBy(() -> Handlers.loadApplication(Thread.class.getName(), loader))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aClassThatIsNoApplicationIsRefused() {
        assertThatThrownBy(() -> Handlers.loadApplication(String.class.getName()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.String neither implements io.jwsgi.Application");
        assertThatThrownBy(() -> Handlers.loadApplication("no.such.App")).isInstanceOf(ClassNotFoundException.class);
    }

    static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
