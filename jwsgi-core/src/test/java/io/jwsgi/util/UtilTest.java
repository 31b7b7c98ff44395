package io.jwsgi.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The behaviours of test_wsgiref.py's UtilityTests (FileWrapper aside), plus Java-specific ones. */
class UtilTest {

    /** An environ built from alternating keys and values; a value may be null. */
    private static Map<String, Object> environ(Object... keysAndValues) {
        Map<String, Object> env = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            env.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return env;
    }

    private static Map<String, Object> testingEnviron(Object... keysAndValues) {
        Map<String, Object> env = environ(keysAndValues);
        Util.setupTestingDefaults(env);
        return env;
    }

    // --- shiftPathInfo (testSimpleShifts, testNormalizedShifts) ---

    @ParameterizedTest(name = "SCRIPT_NAME={0} PATH_INFO={1} -> {2}, {3}, {4}")
    @CsvSource(
            nullValues = "NULL",
            value = {
                // simple shifts
                "'',     /,     '',   /,     ''",
                "'',     /x,    x,    /x,    ''",
                "/,      '',    NULL, /,     ''",
                "/a,     /x/y,  x,    /a/x,  /y",
                "/a,     /x/,   x,    /a/x,  /",
                // normalised shifts
                "/a/b,   /../y,           ..,   /a,      /y",
                "'',     /../y,           ..,   '',      /y",
                "/a/b,   //y,             y,    /a/b/y,  ''",
                "/a/b,   //y/,            y,    /a/b/y,  /",
                "/a/b,   /./y,            y,    /a/b/y,  ''",
                "/a/b,   /./y/,           y,    /a/b/y,  /",
                "/a/b,   ///./..//y/.//,  ..,   /a,      /y/",
                "/a/b,   ///,             '',   /a/b/,   ''",
                "/a/b,   /.//,            '',   /a/b/,   ''",
                "/a/b,   /x//,            x,    /a/b/x,  /",
                "/a/b,   /.,              NULL, /a/b,    ''",
            })
    void shiftPathInfoMovesOneNormalisedSegment(
            String scriptIn, String pathIn, String part, String scriptOut, String pathOut) {
        Map<String, Object> env = testingEnviron("SCRIPT_NAME", scriptIn, "PATH_INFO", pathIn);

        assertThat(Util.shiftPathInfo(env)).isEqualTo(part);
        assertThat(env).containsEntry("PATH_INFO", pathOut).containsEntry("SCRIPT_NAME", scriptOut);
    }

    @Test
    void shiftPathInfoWalksAPathToItsEnd() {
        Map<String, Object> env = environ("SCRIPT_NAME", "", "PATH_INFO", "/a/b/");

        assertThat(Util.shiftPathInfo(env)).isEqualTo("a");
        assertThat(Util.shiftPathInfo(env)).isEqualTo("b");
        assertThat(Util.shiftPathInfo(env)).isEqualTo("");
        assertThat(env).containsEntry("SCRIPT_NAME", "/a/b/").containsEntry("PATH_INFO", "");
        assertThat(Util.shiftPathInfo(env)).isNull();
        assertThat(env).containsEntry("SCRIPT_NAME", "/a/b/").containsEntry("PATH_INFO", "");
    }

    @Test
    void shiftPathInfoWithoutPathInfoChangesNothing() {
        Map<String, Object> env = environ("SCRIPT_NAME", "/a");

        assertThat(Util.shiftPathInfo(env)).isNull();
        assertThat(env).containsOnlyKeys("SCRIPT_NAME");
    }

    @Test
    void shiftPathInfoKeepsBytesInAString() {
        Map<String, Object> env = environ("SCRIPT_NAME", "/caf\u00c3\u00a9", "PATH_INFO", "/\u00ff\u0080/x");

        assertThat(Util.shiftPathInfo(env)).isEqualTo("\u00ff\u0080");
        assertThat(env)
                .containsEntry("SCRIPT_NAME", "/caf\u00c3\u00a9/\u00ff\u0080")
                .containsEntry("PATH_INFO", "/x");
    }

    @Test
    void shiftPathInfoKeepsTwoLeadingSlashesLikePosixNormpath() {
        Map<String, Object> env = environ("SCRIPT_NAME", "/", "PATH_INFO", "/x");

        assertThat(Util.shiftPathInfo(env)).isEqualTo("x");
        assertThat(env).containsEntry("SCRIPT_NAME", "//x");
    }

    @Test
    void shiftPathInfoRefusesAPathInfoWithoutSlash() {
        Map<String, Object> env = environ("SCRIPT_NAME", "", "PATH_INFO", "x");

        assertThatThrownBy(() -> Util.shiftPathInfo(env))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PATH_INFO");
        assertThat(env).containsEntry("PATH_INFO", "x");
    }

    @ParameterizedTest
    @CsvSource({
        "'', .",
        "/, /",
        "//, //",
        "///, /",
        "//a//b/, //a/b",
        "a/../.., ..",
        "../../a, ../../a",
        "/../a, /a",
        "a/./b/.., a",
        "./, .",
    })
    void normpathMatchesPosixpath(String path, String normalised) {
        assertThat(Util.normpath(path)).isEqualTo(normalised);
    }

    // --- setupTestingDefaults (testDefaults, testCrossDefaults) ---

    @Test
    void setupTestingDefaultsFillsAnEmptyEnviron() throws IOException {
        Map<String, Object> env = testingEnviron();

        assertThat(env)
                .containsEntry("SERVER_NAME", "127.0.0.1")
                .containsEntry("SERVER_PORT", "80")
                .containsEntry("SERVER_PROTOCOL", "HTTP/1.0")
                .containsEntry("HTTP_HOST", "127.0.0.1")
                .containsEntry("REQUEST_METHOD", "GET")
                .containsEntry("SCRIPT_NAME", "")
                .containsEntry("PATH_INFO", "/")
                .containsEntry("wsgi.version", List.of(1, 0))
                .containsEntry("wsgi.run_once", Boolean.FALSE)
                .containsEntry("wsgi.multithread", Boolean.FALSE)
                .containsEntry("wsgi.multiprocess", Boolean.FALSE)
                .containsEntry("wsgi.url_scheme", "http")
                .hasSize(14);
        assertThat(env.get("wsgi.input")).isInstanceOf(ByteArrayInputStream.class);
        assertThat(((InputStream) env.get("wsgi.input")).available()).isZero();
        assertThat(env.get("wsgi.errors")).isInstanceOf(PrintStream.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "SERVER_NAME",
                "SERVER_PORT",
                "SERVER_PROTOCOL",
                "HTTP_HOST",
                "REQUEST_METHOD",
                "SCRIPT_NAME",
                "PATH_INFO",
                "wsgi.version",
                "wsgi.run_once",
                "wsgi.multithread",
                "wsgi.multiprocess",
                "wsgi.input",
                "wsgi.errors",
                "wsgi.url_scheme"
            })
    void setupTestingDefaultsKeepsAnExistingValue(String key) {
        Object alt = new Object();
        Map<String, Object> env = environ(key, alt);

        Util.setupTestingDefaults(env);

        assertThat(env.get(key)).isSameAs(alt);
    }

    @Test
    void setupTestingDefaultsKeepsAKeyPresentWithNull() {
        Map<String, Object> env = testingEnviron("HTTP_HOST", null, "SERVER_PORT", "8000");

        assertThat(env).containsEntry("HTTP_HOST", null);
        assertThat(Util.applicationUri(env)).isEqualTo("http://127.0.0.1:8000/");
    }

    @ParameterizedTest(name = "{1}={2} -> {0}")
    @CsvSource({
        "HTTP_HOST,       SERVER_NAME, foo.bar, foo.bar",
        "wsgi.url_scheme, HTTPS,       on,      https",
        "wsgi.url_scheme, HTTPS,       1,       https",
        "wsgi.url_scheme, HTTPS,       yes,     https",
        "wsgi.url_scheme, HTTPS,       foo,     http",
        "SERVER_PORT,     HTTPS,       foo,     80",
        "SERVER_PORT,     HTTPS,       on,      443",
        "SERVER_PORT,     wsgi.url_scheme, https, 443",
        "SERVER_PORT,     wsgi.url_scheme, http,  80",
    })
    void setupTestingDefaultsDerivesOneDefaultFromAnother(String key, String givenKey, String given, String expected) {
        assertThat(testingEnviron(givenKey, given)).containsEntry(key, expected);
    }

    @Test
    void setupTestingDefaultsSetsNoPortForAnUnknownScheme() {
        assertThat(testingEnviron("wsgi.url_scheme", "ftp")).doesNotContainKey("SERVER_PORT");
    }

    @Test
    void setupTestingDefaultsLeavesPathAloneWhenEitherPartIsGiven() {
        assertThat(testingEnviron("PATH_INFO", "/x")).doesNotContainKey("SCRIPT_NAME");
        assertThat(testingEnviron("SCRIPT_NAME", "/x")).doesNotContainKey("PATH_INFO");
    }

    // --- guessScheme (testGuessScheme) ---

    @ParameterizedTest
    @CsvSource(
            nullValues = "NULL",
            value = {"NULL, http", "foo, http", "on, https", "yes, https", "1, https", "ON, http", "'', http"})
    void guessSchemeReadsHttps(String https, String scheme) {
        Map<String, Object> env = https == null ? environ() : environ("HTTPS", https);

        assertThat(Util.guessScheme(env)).isEqualTo(scheme);
    }

    // --- applicationUri (testAppURIs) ---

    @Test
    void applicationUriReconstructsTheBaseUri() {
        assertThat(Util.applicationUri(testingEnviron())).isEqualTo("http://127.0.0.1/");
        assertThat(Util.applicationUri(testingEnviron("SCRIPT_NAME", "/spam"))).isEqualTo("http://127.0.0.1/spam");
        assertThat(Util.applicationUri(testingEnviron("SCRIPT_NAME", "/sp\u00e4m")))
                .isEqualTo("http://127.0.0.1/sp%E4m");
        assertThat(Util.applicationUri(testingEnviron("HTTP_HOST", "spam.example.com:2071", "SERVER_PORT", "2071")))
                .isEqualTo("http://spam.example.com:2071/");
        assertThat(Util.applicationUri(testingEnviron("SERVER_NAME", "spam.example.com")))
                .isEqualTo("http://spam.example.com/");
        assertThat(Util.applicationUri(testingEnviron("HTTP_HOST", "127.0.0.1", "SERVER_NAME", "spam.example.com")))
                .isEqualTo("http://127.0.0.1/");
        assertThat(Util.applicationUri(testingEnviron("HTTPS", "on"))).isEqualTo("https://127.0.0.1/");
        assertThat(Util.applicationUri(testingEnviron("SERVER_PORT", "8000", "HTTP_HOST", null)))
                .isEqualTo("http://127.0.0.1:8000/");
    }

    @Test
    void applicationUriAddsOnlyANonDefaultPort() {
        Map<String, Object> base = environ("HTTP_HOST", "", "SERVER_NAME", "h");

        assertThat(uri(base, "https", "443")).isEqualTo("https://h/");
        assertThat(uri(base, "https", "80")).isEqualTo("https://h:80/");
        assertThat(uri(base, "http", "443")).isEqualTo("http://h:443/");
        assertThat(uri(base, "http", "80")).isEqualTo("http://h/");
    }

    private static String uri(Map<String, Object> base, String scheme, String port) {
        Map<String, Object> env = new HashMap<>(base);
        env.put("wsgi.url_scheme", scheme);
        env.put("SERVER_PORT", port);
        return Util.applicationUri(env);
    }

    @Test
    void applicationUriQuotesEveryByteButUnreservedAndSlash() {
        Map<String, Object> env = testingEnviron("SCRIPT_NAME", "/a b;c=d,e~f_g.h-i%\u0000\u00ff\u007f?#");

        assertThat(Util.applicationUri(env)).isEqualTo("http://127.0.0.1/a%20b%3Bc%3Dd%2Ce~f_g.h-i%25%00%FF%7F%3F%23");
    }

    @Test
    void applicationUriNamesAMissingKey() {
        assertThatThrownBy(() -> Util.applicationUri(environ("HTTP_HOST", "h")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("wsgi.url_scheme");
        assertThatThrownBy(() -> Util.applicationUri(environ("wsgi.url_scheme", "http", "SERVER_NAME", "h")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SERVER_PORT");
    }

    @Test
    void applicationUriRefusesANonStringCgiValue() {
        Map<String, Object> env = testingEnviron("SERVER_PORT", 80, "HTTP_HOST", "");

        assertThatThrownBy(() -> Util.applicationUri(env))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SERVER_PORT")
                .hasMessageContaining("java.lang.Integer");
    }

    @Test
    void applicationUriRefusesACharAbove255() {
        Map<String, Object> env = testingEnviron("SCRIPT_NAME", "/\u20ac");

        assertThatThrownBy(() -> Util.applicationUri(env))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SCRIPT_NAME")
                .hasMessageContaining("U+20AC");
    }

    // --- requestUri (testReqURIs) ---

    @Test
    void requestUriReconstructsTheFullUri() {
        assertThat(Util.requestUri(testingEnviron())).isEqualTo("http://127.0.0.1/");
        assertThat(Util.requestUri(testingEnviron("SCRIPT_NAME", "/spam"))).isEqualTo("http://127.0.0.1/spam");
        assertThat(Util.requestUri(testingEnviron("SCRIPT_NAME", "/sp\u00e4m"))).isEqualTo("http://127.0.0.1/sp%E4m");
        assertThat(Util.requestUri(testingEnviron("SCRIPT_NAME", "/spammity", "PATH_INFO", "/spam")))
                .isEqualTo("http://127.0.0.1/spammity/spam");
        assertThat(Util.requestUri(testingEnviron("SCRIPT_NAME", "/spammity", "PATH_INFO", "/sp\u00e4m")))
                .isEqualTo("http://127.0.0.1/spammity/sp%E4m");
        assertThat(Util.requestUri(testingEnviron("SCRIPT_NAME", "/spammity", "PATH_INFO", "/spam;ham")))
                .isEqualTo("http://127.0.0.1/spammity/spam;ham");
        assertThat(Util.requestUri(testingEnviron("SCRIPT_NAME", "/spammity", "PATH_INFO", "/spam;cookie=1234,5678")))
                .isEqualTo("http://127.0.0.1/spammity/spam;cookie=1234,5678");
        assertThat(Util.requestUri(
                        testingEnviron("SCRIPT_NAME", "/spammity", "PATH_INFO", "/spam", "QUERY_STRING", "say=ni")))
                .isEqualTo("http://127.0.0.1/spammity/spam?say=ni");
        assertThat(Util.requestUri(
                        testingEnviron("SCRIPT_NAME", "/spammity", "PATH_INFO", "/spam", "QUERY_STRING", "s%E4y=ni")))
                .isEqualTo("http://127.0.0.1/spammity/spam?s%E4y=ni");
        assertThat(Util.requestUri(
                        testingEnviron("SCRIPT_NAME", "/spammity", "PATH_INFO", "/spam", "QUERY_STRING", "say=ni"),
                        false))
                .isEqualTo("http://127.0.0.1/spammity/spam");
    }

    @Test
    void requestUriWithEmptyScriptNameDropsTheFirstCharOfPathInfo() {
        assertThat(Util.requestUri(testingEnviron("SCRIPT_NAME", "", "PATH_INFO", "/x y")))
                .isEqualTo("http://127.0.0.1/x%20y");
        // wsgiref drops the first char even when it is not a slash
        assertThat(Util.requestUri(testingEnviron("SCRIPT_NAME", "", "PATH_INFO", "ab")))
                .isEqualTo("http://127.0.0.1/b");
        assertThat(Util.requestUri(testingEnviron("SCRIPT_NAME", "", "PATH_INFO", " ab")))
                .isEqualTo("http://127.0.0.1/20ab");
    }

    @Test
    void requestUriKeepsTheQueryStringAsIs() {
        Map<String, Object> env = testingEnviron("PATH_INFO", "/p", "QUERY_STRING", "a b=\u00e4&#");

        assertThat(Util.requestUri(env)).isEqualTo("http://127.0.0.1/p?a b=\u00e4&#");
    }

    @Test
    void requestUriRoundTripsUtf8BytesInAString() {
        String path = new String(
                "/caf\u00e9/\u20ac".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                java.nio.charset.StandardCharsets.ISO_8859_1);
        Map<String, Object> env = testingEnviron("SCRIPT_NAME", "/app", "PATH_INFO", path);

        String uri = Util.requestUri(env);

        assertThat(uri).isEqualTo("http://127.0.0.1/app/caf%C3%A9/%E2%82%AC");
        assertThat(java.net.URI.create(uri).getPath()).isEqualTo("/app/caf\u00e9/\u20ac");
    }

    // --- isHopByHop (testHopByHop) ---

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Connection",
                "Keep-Alive",
                "Proxy-Authenticate",
                "Proxy-Authorization",
                "TE",
                "Trailers",
                "Transfer-Encoding",
                "Upgrade"
            })
    void isHopByHopRecognisesEveryHopByHopHeaderInAnyCase(String name) {
        for (String alt : casings(name)) {
            assertThat(Util.isHopByHop(alt)).as(alt).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Accept", "Cache-Control", "Date", "Pragma", "Trailer", "Via", "Warning", ""})
    void isHopByHopRejectsEndToEndHeaders(String name) {
        for (String alt : casings(name)) {
            assertThat(Util.isHopByHop(alt)).as(alt).isFalse();
        }
    }

    @Test
    void isHopByHopFollowsLocaleRootLowercasingWhateverTheLength() {
        assertThat(Util.isHopByHop("\u212Aeep-Alive")).isTrue(); // the Kelvin sign lowercases to k
        assertThat(Util.isHopByHop("Transfer-Encoding-Extended-Beyond-32-Chars"))
                .isFalse();
        assertThat(Util.isHopByHop("\u0130e")).isFalse();
    }

    private static List<String> casings(String name) {
        return List.of(name, titleCase(name), name.toUpperCase(Locale.ROOT), name.toLowerCase(Locale.ROOT));
    }

    /** Python's str.title(): upper-case after every non-letter, lower-case elsewhere. */
    private static String titleCase(String s) {
        StringBuilder out = new StringBuilder();
        boolean upper = true;
        for (char c : s.toCharArray()) {
            out.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
            upper = !Character.isLetter(c);
        }
        return out.toString();
    }

    @Test
    void isHopByHopIgnoresTheDefaultLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));
            assertThat("CONNECTION".toLowerCase()).isNotEqualTo("connection"); // the trap
            assertThat(Util.isHopByHop("CONNECTION")).isTrue();
            assertThat(Util.isHopByHop("PROXY-AUTHORIZATION")).isTrue();
        } finally {
            Locale.setDefault(saved);
        }
    }

    // --- boundaries ---

    @Test
    void everyFunctionRefusesNull() {
        assertThatThrownBy(() -> Util.guessScheme(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Util.applicationUri(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Util.requestUri(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Util.requestUri(null, false)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Util.shiftPathInfo(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Util.setupTestingDefaults(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Util.isHopByHop(null)).isInstanceOf(NullPointerException.class);
    }
}
