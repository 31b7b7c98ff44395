package io.jwsgi.util;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.jwsgi.Environ;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the URL helpers of {@link Util} over environs whose CGI values are arbitrary bytes in a
 * string (chars 0–255): they return a result or throw {@link IllegalArgumentException}, never
 * anything else; the path part of a URL is always percent-encoded ASCII; and {@link
 * Util#shiftPathInfo} makes progress until it returns null.
 */
class UtilFuzzTest {

    private static final List<String> KEYS = List.of(
            Environ.PATH_INFO,
            Environ.SCRIPT_NAME,
            Environ.QUERY_STRING,
            Environ.HTTP_HOST,
            Environ.SERVER_NAME,
            Environ.SERVER_PORT,
            Environ.WSGI_URL_SCHEME,
            Environ.HTTPS);

    /** Builds an environ from the fuzzer's bytes and runs every URL helper on it. */
    @FuzzTest(maxDuration = "5m")
    @Timeout(10)
    void urlHelpersOnlyThrowIllegalArgumentException(FuzzedDataProvider data) {
        Map<String, Object> environ = new HashMap<>();
        for (String key : KEYS) {
            if (data.consumeBoolean()) {
                environ.put(key, bytesInAString(data.consumeBytes(24)));
            }
        }
        guarded(() -> Util.guessScheme(environ));
        String app = guarded(() -> Util.applicationUri(environ));
        String full = guarded(() -> Util.requestUri(environ, false));
        guarded(() -> Util.requestUri(environ));
        if (full != null) {
            String prefix = environ.get(Environ.WSGI_URL_SCHEME) + "://" + authority(environ);
            assertThat(app).startsWith(prefix);
            assertThat(full).startsWith(prefix);
            assertThat(full.substring(prefix.length()).chars())
                    .as("path of %s is percent-encoded ASCII", full)
                    .allMatch(c -> c > 0x20 && c < 0x7F);
        }
        shiftUntilNull(environ);
    }

    /** The host part of the URL, as PEP 3333's URL reconstruction recipe builds it. */
    private static String authority(Map<String, Object> environ) {
        String host = (String) environ.get(Environ.HTTP_HOST);
        if (host != null && !host.isEmpty()) {
            return host;
        }
        String port = (String) environ.get(Environ.SERVER_PORT);
        String defaultPort = "https".equals(environ.get(Environ.WSGI_URL_SCHEME)) ? "443" : "80";
        return environ.get(Environ.SERVER_NAME) + (port.equals(defaultPort) ? "" : ":" + port);
    }

    private static void shiftUntilNull(Map<String, Object> environ) {
        Object pathInfo = environ.get(Environ.PATH_INFO);
        int bound = (pathInfo instanceof String s ? s.length() : 0) + 2;
        for (int step = 0; step <= bound; step++) {
            String before = String.valueOf(environ.get(Environ.PATH_INFO));
            String name;
            try {
                name = Util.shiftPathInfo(environ);
            } catch (IllegalArgumentException e) {
                return;
            }
            if (name == null) {
                return;
            }
            assertThat(name).doesNotContain("/");
            String after = String.valueOf(environ.get(Environ.PATH_INFO));
            assertThat(after.length()).as("PATH_INFO shrinks").isLessThan(before.length());
        }
        throw new AssertionError("shiftPathInfo did not reach null within " + bound + " steps");
    }

    /** Runs a helper; an IllegalArgumentException means null, anything else fails the test. */
    private static String guarded(java.util.function.Supplier<String> helper) {
        try {
            return helper.get();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String bytesInAString(byte[] bytes) {
        return new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
