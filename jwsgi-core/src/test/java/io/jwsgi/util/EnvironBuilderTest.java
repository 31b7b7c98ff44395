package io.jwsgi.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link EnvironBuilder} by wsgiref's rules, each test naming the rule it checks: {@code
 * WSGIServer.setup_environ} and {@code WSGIRequestHandler.get_environ} of {@code
 * wsgiref/simple_server.py}, Python's {@code urllib.parse.unquote} and {@code str.strip}, and PEP
 * 3333's bytes in a string. (The standalone server's {@code WsgiServerDifferentialTest} compares
 * the same rules with CPython's wsgiref over sockets.)
 */
class EnvironBuilderTest {

    /** setup_environ: the base environ every request of a server starts from. */
    @Test
    void serverPutsWsgirefsBaseEnviron() {
        Map<String, String> base = new HashMap<>();
        new EnvironBuilder(base).server("srv.example", 8000);
        assertThat(base)
                .isEqualTo(Map.of(
                        "SERVER_NAME", "srv.example",
                        "GATEWAY_INTERFACE", "CGI/1.1",
                        "SERVER_PORT", "8000",
                        "REMOTE_HOST", "",
                        "CONTENT_LENGTH", "",
                        "SCRIPT_NAME", ""));
    }

    /** get_environ for {@code GET /caf%C3%A9/?q=%C3%A9 HTTP/1.1} with a Host field. */
    @Test
    void aRequestGivesGetEnvironsVariables() {
        Map<String, Object> env = new HashMap<>();
        request(env, "/caf%C3%A9/", "q=%C3%A9").header("Host", "srv.example").build();
        assertThat(env)
                .isEqualTo(Map.ofEntries(
                        Map.entry("SERVER_NAME", "srv"),
                        Map.entry("GATEWAY_INTERFACE", "CGI/1.1"),
                        Map.entry("SERVER_PORT", "80"),
                        Map.entry("REMOTE_HOST", ""),
                        Map.entry("CONTENT_LENGTH", ""),
                        Map.entry("SCRIPT_NAME", ""),
                        Map.entry("SERVER_PROTOCOL", "HTTP/1.1"),
                        Map.entry("SERVER_SOFTWARE", "WSGIServer/0.2"),
                        Map.entry("REQUEST_METHOD", "GET"),
                        Map.entry("PATH_INFO", "/caf\u00c3\u00a9/"),
                        Map.entry("QUERY_STRING", "q=%C3%A9"),
                        Map.entry("REMOTE_ADDR", "192.0.2.1"),
                        Map.entry("REMOTE_PORT", "5000"),
                        Map.entry("CONTENT_TYPE", "text/plain"),
                        Map.entry("HTTP_HOST", "srv.example")));
    }

    /** {@code env['PATH_INFO'] = urllib.parse.unquote(path, 'iso-8859-1')}: one char per byte. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "/plain|/plain",
                "''|''",
                "/caf%C3%A9|/caf\u00c3\u00a9",
                "/%c3%a9|/\u00c3\u00a9",
                "/a%2fb%2Fc|/a/b/c",
                "/a%20b+c|/a b+c",
                "/100%|/100%",
                "/%|/%",
                "/%4|/%4",
                "/%zz%4g%g4|/%zz%4g%g4",
                "/%00nul|/\u0000nul",
                "/%%41|/%A",
                "/%FF%80|/\u00ff\u0080",
                // chars 0-255 are the bytes a server read: they stay
                "/raw\u00c3\u00a0%20x|/raw\u00c3\u00a0 x",
                // a digit beyond ASCII is no hex digit for Python (the chars then stand for their UTF-8 bytes)
                "/%\u0661\u0662|/%\u00d9\u00a1\u00d9\u00a2",
            })
    void pathIsUnquotedAsLatin1(String raw, String pathInfo) {
        assertThat(EnvironBuilder.unquote(raw)).isEqualTo(pathInfo);
        Map<String, Object> env = new HashMap<>();
        new EnvironBuilder(env).path(raw);
        assertThat(env).containsEntry("PATH_INFO", pathInfo);
    }

    /**
     * Beyond Python (whose unquote keeps such a char as it is): a char above 255, which only a
     * container that decoded the raw bytes as UTF-8 gives, stands for those bytes, so that
     * PATH_INFO stays bytes in a string.
     */
    @Test
    void aCharAbove255StandsForItsUtf8Bytes() {
        assertThat(EnvironBuilder.unquote("/\u20ac%41")).isEqualTo("/\u00e2\u0082\u00acA");
        assertThat(EnvironBuilder.unquote("/\ud83d\ude00")).isEqualTo("/\u00f0\u009f\u0098\u0080");
        assertThat(EnvironBuilder.unquote("/\ud83d")).isEqualTo("/?"); // a lone surrogate: UTF-8's '?'
    }

    @Test
    void unquoteReturnsTheSameStringWhenThereIsNothingToDecode() {
        String raw = "/nothing/to/decode/\u00e9";
        assertThat(EnvironBuilder.unquote(raw)).isSameAs(raw);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "abc|abc",
                "caf\u00e9|caf\u00c3\u00a9",
                "\u20ac|\u00e2\u0082\u00ac",
                "\ud83d\ude00|\u00f0\u009f\u0098\u0080"
            })
    void bytesInStringIsTheUtf8BytesOneCharEach(String text, String bytes) {
        assertThat(EnvironBuilder.bytesInString(text)).isEqualTo(bytes);
    }

    /** {@code env['QUERY_STRING'] = query}: as sent, never decoded; empty without one. */
    @Test
    void queryIsRaw() {
        Map<String, Object> env = new HashMap<>();
        new EnvironBuilder(env).query("a=%20&b=+&c=%zz");
        assertThat(env).containsEntry("QUERY_STRING", "a=%20&b=+&c=%zz");
        new EnvironBuilder(env).query(null);
        assertThat(env).containsEntry("QUERY_STRING", "");
    }

    /** {@code if self.headers.get('content-type') is None: ... get_content_type()} */
    @Test
    void contentTypeIsTheFirstFieldOrTextPlain() {
        assertThat(built(new String[0])).containsEntry("CONTENT_TYPE", "text/plain");
        assertThat(built("Content-Type", "application/json", "content-type", "text/html"))
                .containsEntry("CONTENT_TYPE", "application/json")
                .doesNotContainKey("HTTP_CONTENT_TYPE");
        assertThat(built("Content-Type", "")).containsEntry("CONTENT_TYPE", ""); // present, though empty
    }

    /** {@code length = self.headers.get('content-length'); if length: env['CONTENT_LENGTH'] = length} */
    @Test
    void contentLengthIsTheFirstFieldWhenNotEmpty() {
        assertThat(built("Content-Length", "42")).containsEntry("CONTENT_LENGTH", "42");
        assertThat(built("Content-Length", "", "Content-Length", "7"))
                .containsEntry("CONTENT_LENGTH", "")
                .doesNotContainKey("HTTP_CONTENT_LENGTH");
        assertThat(built("CONTENT-LENGTH", "1", "Content-Length", "2")).containsEntry("CONTENT_LENGTH", "1");
    }

    /** {@code k = k.replace('-', '_').upper()}, then {@code 'HTTP_' + k}. */
    @Test
    void otherFieldsBecomeHttpKeys() {
        assertThat(built(
                        "Host", "h",
                        "user-agent", "ua",
                        "X-Requested-With", "x",
                        "DNT", "1",
                        "X-Caf\u00e9", "latin-1",
                        "\u00dfeta", "sharp s",
                        "\u00ff-y", "y diaeresis"))
                .containsEntry("HTTP_HOST", "h")
                .containsEntry("HTTP_USER_AGENT", "ua")
                .containsEntry("HTTP_X_REQUESTED_WITH", "x")
                .containsEntry("HTTP_DNT", "1")
                .containsEntry("HTTP_X_CAF\u00c9", "latin-1") // Python: 'é'.upper() == 'É'
                .containsEntry("HTTP_SSETA", "sharp s") // 'ß'.upper() == 'SS'
                .containsEntry("HTTP_\u0178_Y", "y diaeresis"); // 'ÿ'.upper() == 'Ÿ'
    }

    /** {@code v = v.strip()}: Python's whitespace, NEL and NO-BREAK SPACE among it, at both ends only. */
    @Test
    void valuesAreStrippedAsPythonStrips() {
        assertThat(built("X-A", " \t a b \t ", "X-B", "\u00a0\u0085x\u00a0y\u001c\u001f\u000b\u000c", "X-C", "\u00a0"))
                .containsEntry("HTTP_X_A", "a b")
                .containsEntry("HTTP_X_B", "x\u00a0y")
                .containsEntry("HTTP_X_C", "");
    }

    /** {@code env['HTTP_'+k] += ',' + v}: a repeat joins the earlier value, an empty one keeps its place. */
    @Test
    void repeatedFieldsAreJoinedWithComma() {
        assertThat(built("X-Dup", "1", "Accept", "a", "x-dup", " 2 ", "X-DUP", "", "X-Dup", "3"))
                .containsEntry("HTTP_X_DUP", "1,2,,3")
                .containsEntry("HTTP_ACCEPT", "a");
    }

    /** {@code if k in env: continue}: a field named like a variable already present is skipped. */
    @Test
    void fieldsNamedLikePresentVariablesAreSkipped() {
        Map<String, Object> env = built(
                "Script-Name", "/evil",
                "Path-Info", "/spoof",
                "Query-String", "x",
                "Server-Name", "evil",
                "Server-Software", "evil",
                "Remote-Addr", "6.6.6.6",
                "Remote-Host", "evil",
                "Gateway-Interface", "evil",
                "Request-Method", "evil",
                "Server-Protocol", "evil",
                "Remote-Port", "1");
        assertThat(env.keySet()).noneMatch(k -> k.startsWith("HTTP_"));
        assertThat(env).containsEntry("SCRIPT_NAME", "").containsEntry("PATH_INFO", "/p");
    }

    /** Variables the request does not have leave their names free: wsgiref maps such fields. */
    @Test
    void fieldsNamedLikeAbsentVariablesAreMapped() {
        assertThat(built("Remote-User", "mallory", "Auth-Type", "x", "Https", "on"))
                .containsEntry("HTTP_REMOTE_USER", "mallory")
                .containsEntry("HTTP_AUTH_TYPE", "x")
                .containsEntry("HTTP_HTTPS", "on")
                .doesNotContainKeys("REMOTE_USER", "AUTH_TYPE", "HTTPS");
        Map<String, Object> env = new HashMap<>();
        EnvironBuilder b = new EnvironBuilder(env).remoteUser("alice", "Basic").https(true);
        b.header("Remote-User", "mallory").header("Auth-Type", "x").header("Https", "off");
        assertThat(env)
                .containsEntry("REMOTE_USER", "alice")
                .containsEntry("AUTH_TYPE", "Basic")
                .containsEntry("HTTPS", "on")
                .doesNotContainKeys("HTTP_REMOTE_USER", "HTTP_AUTH_TYPE", "HTTP_HTTPS");
    }

    /** k itself may be an HTTP_ key: {@code Http-Host} after {@code Host} is skipped, before it mapped. */
    @Test
    void aFieldNamedHttpSomethingClashesWithThatHttpKey() {
        assertThat(built("Host", "h", "Http-Host", "aliased"))
                .containsEntry("HTTP_HOST", "h")
                .doesNotContainKey("HTTP_HTTP_HOST");
        assertThat(built("Http-Host", "aliased", "Host", "h"))
                .containsEntry("HTTP_HTTP_HOST", "aliased")
                .containsEntry("HTTP_HOST", "h");
    }

    /** A server's base environ may hold keys of its own: the clash rule sees them, as wsgiref's does. */
    @Test
    void keysTheMapHeldBeforeCountForTheClashRule() {
        Map<String, Object> env = new HashMap<>();
        env.put("TENANT", "blue");
        env.put("HTTP_X_FIXED", "base");
        EnvironBuilder b = new EnvironBuilder(env);
        b.header("Tenant", "red").header("X-Fixed", "joined").header("X-Other", "o");
        assertThat(env)
                .containsEntry("TENANT", "blue")
                .containsEntry("HTTP_X_FIXED", "base,joined")
                .containsEntry("HTTP_X_OTHER", "o")
                .doesNotContainKey("HTTP_TENANT");
    }

    /** Stricter than wsgiref (SPEC section 3): '_' would pass for '-', so such names are dropped. */
    @Test
    void namesHoldingAnUnderscoreAreDropped() {
        assertThat(built(
                        "X_Forwarded_For", "6.6.6.6",
                        "Content_Type", "text/evil",
                        "Content_Length", "9",
                        "Transfer_Encoding", "chunked",
                        "\u00e9_e", "non-ASCII"))
                .containsEntry("CONTENT_TYPE", "text/plain")
                .containsEntry("CONTENT_LENGTH", "")
                .satisfies(env -> assertThat(env.keySet()).noneMatch(k -> k.startsWith("HTTP_")));
    }

    /** {@code host = self.address_string(); if host != self.client_address[0]: env['REMOTE_HOST'] = host} */
    @Test
    void remoteHostOnlyWhenItIsANameOtherThanTheAddress() {
        Map<String, Object> env = new HashMap<>();
        new EnvironBuilder(env).server("s", 80).remote("192.0.2.1", "192.0.2.1", 1);
        assertThat(env).containsEntry("REMOTE_HOST", "").containsEntry("REMOTE_PORT", "1");
        new EnvironBuilder(env).remote("192.0.2.1", "client.example", -1);
        assertThat(env).containsEntry("REMOTE_HOST", "client.example");
        Map<String, Object> noPort = new HashMap<>();
        new EnvironBuilder(noPort).remote("127.0.0.1", null, -1);
        assertThat(noPort).isEqualTo(Map.of("REMOTE_ADDR", "127.0.0.1"));
    }

    @Test
    void optionalVariablesArePutOnlyWhenGiven() {
        Map<String, Object> env = new HashMap<>();
        new EnvironBuilder(env).serverSoftware(null).remoteUser(null, null).https(false);
        assertThat(env).isEmpty();
    }

    @Test
    void aMountsScriptNameAndPathInfoAreTakenAsGiven() {
        Map<String, Object> env = new HashMap<>();
        new EnvironBuilder(env).mount("/m%41", "/a%20b");
        assertThat(env).isEqualTo(Map.of("SCRIPT_NAME", "/m%41", "PATH_INFO", "/a%20b"));
    }

    @Test
    void buildsIntoAnyMapOfStrings() {
        Map<String, String> env = new LinkedHashMap<>();
        new EnvironBuilder(env).requestMethod("GET").header("X-A", "1").build();
        assertThat(env)
                .containsExactly(
                        Map.entry("REQUEST_METHOD", "GET"),
                        Map.entry("HTTP_X_A", "1"),
                        Map.entry("CONTENT_TYPE", "text/plain"));
        assertThatThrownBy(() -> new EnvironBuilder(null)).isInstanceOf(NullPointerException.class);
    }

    /**
     * The constant keys of common fields are the rule's own result, in every ASCII case; a name
     * that only looks like one (a char beyond ASCII, an underscore) takes the rule.
     */
    @Test
    void knownFieldNamesGetTheRulesKeyInAnyCase() {
        Random random = new Random(14);
        for (String name : EnvironBuilder.KNOWN_NAMES) {
            List<String> spellings =
                    new ArrayList<>(List.of(name, name.toLowerCase(Locale.ROOT), name.toUpperCase(Locale.ROOT)));
            for (int i = 0; i < 8; i++) {
                StringBuilder mixed = new StringBuilder();
                for (char c : name.toCharArray()) {
                    mixed.append(random.nextBoolean() ? Character.toUpperCase(c) : Character.toLowerCase(c));
                }
                spellings.add(mixed.toString());
            }
            for (String spelling : spellings) {
                assertThat(EnvironBuilder.httpKey(spelling))
                        .as(spelling)
                        .isEqualTo(EnvironBuilder.computedHttpKey(spelling))
                        .isEqualTo("HTTP_" + name.toUpperCase(Locale.ROOT).replace('-', '_'));
            }
            // same length, one char changed: the rule decides, not the table
            for (String near : List.of(
                    "_" + name.substring(1),
                    "\u00ff" + name.substring(1),
                    name.substring(0, name.length() - 1) + "\u00e9")) {
                assertThat(EnvironBuilder.httpKey(near)).as(near).isEqualTo(EnvironBuilder.computedHttpKey(near));
            }
        }
        assertThat(EnvironBuilder.httpKey("X-Forwarded-Proto")).isSameAs(EnvironBuilder.httpKey("x-forwarded-proto"));
        assertThat(EnvironBuilder.httpKey("X-Custom")).isEqualTo("HTTP_X_CUSTOM");
        assertThat(EnvironBuilder.httpKey("Ho_t")).isNull();
    }

    /** A GET request with the base environ, path {@code /p}, and the fields given as name, value, .... */
    private static Map<String, Object> built(String... fields) {
        Map<String, Object> env = new HashMap<>();
        EnvironBuilder b = request(env, "/p", "");
        for (int i = 0; i < fields.length; i += 2) {
            b.header(fields[i], fields[i + 1]);
        }
        b.build();
        return env;
    }

    /** wsgiref's base environ and the request line's variables of a GET from 192.0.2.1:5000. */
    private static EnvironBuilder request(Map<String, Object> env, String rawPath, String query) {
        return new EnvironBuilder(env)
                .server("srv", 80)
                .protocol("HTTP/1.1")
                .serverSoftware("WSGIServer/0.2")
                .requestMethod("GET")
                .path(rawPath)
                .query(query)
                .remote("192.0.2.1", null, 5000);
    }
}
