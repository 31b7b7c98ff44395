package io.jwsgi.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compares {@link Util} with CPython's {@code wsgiref.util} on a few hundred seeded random
 * environs: the testing defaults, {@code guessScheme}, {@code applicationUri}, {@code requestUri}
 * (with and without the query) and repeated {@code shiftPathInfo}. One {@code python3} process
 * answers every case; the test is skipped where {@code python3} is missing.
 */
class UtilDifferentialTest {

    private static final int CASES = 400;

    /** The string-valued keys compared after {@code setupTestingDefaults}. */
    private static final List<String> KEYS = List.of(
            "SERVER_NAME",
            "SERVER_PORT",
            "SERVER_PROTOCOL",
            "HTTP_HOST",
            "REQUEST_METHOD",
            "SCRIPT_NAME",
            "PATH_INFO",
            "wsgi.url_scheme");

    private static final String PYTHON_OPS = """
            KEYS = %s
            @op
            def uris(*kv):
                env = dict(zip(kv[0::2], kv[1::2]))
                util.setup_testing_defaults(env)
                out = [env.get(k) for k in KEYS]
                calls = (util.guess_scheme, util.application_uri, util.request_uri,
                         lambda e: util.request_uri(e, False))
                for f in calls:
                    try:
                        out.append(f(env))
                    except Exception:
                        out.append('!error')
                return out
            @op
            def shift(*kv):
                env = dict(zip(kv[0::2], kv[1::2]))
                out = []
                for _ in range(8):
                    try:
                        name = util.shift_path_info(env)
                    except Exception:
                        out.append('!error')
                        break
                    out += [name, env.get('SCRIPT_NAME'), env.get('PATH_INFO')]
                    if name is None:
                        break
                return out
            """.formatted(pythonList(KEYS));

    private static final String[] SEGMENTS = {
        "",
        "",
        ".",
        "..",
        "a",
        "bc",
        "b c",
        "%41",
        "\u00e4",
        "\u00ff\u0080",
        ";x=1,2",
        "~_-.",
        "?",
        "#",
        "&+$!*'()@:",
        "\u0000\t\u007f",
        "caf\u00c3\u00a9",
        "..."
    };

    private static final List<Map<String, Object>> URI_CASES = new ArrayList<>();
    private static final List<Map<String, Object>> SHIFT_CASES = new ArrayList<>();
    private static List<List<String>> uriAnswers;
    private static List<List<String>> shiftAnswers;
    private static String unavailable;

    @BeforeAll
    static void askCPython(@TempDir Path dir) throws Exception {
        Random random = new Random(20261123L);
        List<List<String>> requests = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            Map<String, Object> env = randomEnviron(random);
            URI_CASES.add(env);
            requests.add(request("uris", env));
        }
        for (int i = 0; i < CASES; i++) {
            Map<String, Object> env = new HashMap<>();
            putMaybe(random, env, "SCRIPT_NAME", randomPath(random), 0.9);
            putMaybe(random, env, "PATH_INFO", randomPath(random), 0.95);
            SHIFT_CASES.add(env);
            requests.add(request("shift", env));
        }
        try {
            List<List<String>> answers = WsgirefOracle.run(PYTHON_OPS, requests, dir);
            uriAnswers = answers.subList(0, CASES);
            shiftAnswers = answers.subList(CASES, 2 * CASES);
        } catch (WsgirefOracle.Unavailable e) {
            unavailable = e.getMessage();
        }
    }

    @BeforeEach
    void requirePython() {
        Assumptions.assumeTrue(unavailable == null, unavailable);
    }

    @Test
    void defaultsSchemeAndUrisMatchWsgiref() {
        for (int i = 0; i < CASES; i++) {
            Map<String, Object> env = new HashMap<>(URI_CASES.get(i));
            Util.setupTestingDefaults(env);
            List<String> out = new ArrayList<>();
            for (String key : KEYS) {
                out.add((String) env.get(key));
            }
            out.add(orError(Util::guessScheme, env));
            out.add(orError(Util::applicationUri, env));
            out.add(orError(Util::requestUri, env));
            out.add(orError(e -> Util.requestUri(e, false), env));

            assertThat(out).as("environ %s", URI_CASES.get(i)).isEqualTo(uriAnswers.get(i));
        }
    }

    @Test
    void repeatedShiftPathInfoMatchesWsgiref() {
        int errors = 0;
        for (int i = 0; i < CASES; i++) {
            Map<String, Object> env = new HashMap<>(SHIFT_CASES.get(i));
            List<String> out = new ArrayList<>();
            for (int step = 0; step < 8; step++) {
                String name;
                try {
                    name = Util.shiftPathInfo(env);
                } catch (IllegalArgumentException e) {
                    out.add(WsgirefOracle.ERROR);
                    errors++;
                    break;
                }
                out.add(name);
                out.add((String) env.get("SCRIPT_NAME"));
                out.add((String) env.get("PATH_INFO"));
                if (name == null) {
                    break;
                }
            }

            assertThat(out).as("environ %s", SHIFT_CASES.get(i)).isEqualTo(shiftAnswers.get(i));
        }
        assertThat(errors)
                .as("cases where both refused a PATH_INFO without '/'")
                .isBetween(1, CASES / 4);
    }

    @Test
    void theGeneratedCasesCoverTheInterestingBranches() {
        assertThat(uriAnswers).extracting(a -> a.get(KEYS.size())).contains("http", "https");
        assertThat(uriAnswers).extracting(a -> a.get(KEYS.size() + 1)).anyMatch(uri -> uri.contains("%"));
        assertThat(uriAnswers)
                .extracting(a -> a.get(KEYS.size() + 1))
                .anyMatch(uri -> uri.matches("https?://[^/]*:\\d+/.*"));
        assertThat(uriAnswers).extracting(a -> a.get(KEYS.size() + 1)).contains(WsgirefOracle.ERROR);
        assertThat(uriAnswers).extracting(a -> a.get(KEYS.size() + 2)).anyMatch(uri -> uri.contains("?"));
        assertThat(shiftAnswers).anyMatch(a -> a.size() > 1 && "..".equals(a.get(0)));
        assertThat(shiftAnswers).anyMatch(a -> a.size() > 1 && "".equals(a.get(0)));
    }

    private static String orError(Function<Map<String, Object>, String> call, Map<String, Object> env) {
        try {
            return call.apply(env);
        } catch (IllegalArgumentException e) {
            return WsgirefOracle.ERROR;
        }
    }

    private static Map<String, Object> randomEnviron(Random random) {
        Map<String, Object> env = new HashMap<>();
        putMaybe(random, env, "HTTPS", pick(random, "on", "yes", "1", "off", "ON", "", "true"), 0.4);
        putMaybe(random, env, "wsgi.url_scheme", pick(random, "http", "https", "ftp"), 0.15);
        putMaybe(random, env, "HTTP_HOST", pick(random, "", "example.com", "h:8080", "\u00e9x.org", null), 0.4);
        putMaybe(random, env, "SERVER_NAME", pick(random, "srv", "10.0.0.1", "\u00e9x"), 0.4);
        putMaybe(random, env, "SERVER_PORT", pick(random, "80", "443", "8080", ""), 0.5);
        putMaybe(random, env, "SCRIPT_NAME", randomPath(random), 0.6);
        putMaybe(random, env, "PATH_INFO", randomPath(random), 0.6);
        putMaybe(random, env, "QUERY_STRING", randomQuery(random), 0.5);
        return env;
    }

    private static String randomPath(Random random) {
        int n = random.nextInt(5);
        StringBuilder path = new StringBuilder(random.nextInt(20) == 0 ? "" : "/");
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                path.append('/');
            }
            path.append(SEGMENTS[random.nextInt(SEGMENTS.length)]);
        }
        return path.toString();
    }

    private static String randomQuery(Random random) {
        StringBuilder query = new StringBuilder();
        for (int i = random.nextInt(6); i > 0; i--) {
            query.append(pick(random, "a=1", "&", "b c", "%E4", "\u00e4", "=", "#x", "?"));
        }
        return query.toString();
    }

    private static void putMaybe(Random random, Map<String, Object> env, String key, Object value, double p) {
        if (random.nextDouble() < p) {
            env.put(key, value);
        }
    }

    private static String pick(Random random, String... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private static List<String> request(String op, Map<String, Object> env) {
        List<String> fields = new ArrayList<>();
        fields.add(op);
        env.forEach((key, value) -> {
            fields.add(key);
            fields.add((String) value);
        });
        return fields;
    }

    private static String pythonList(List<String> strings) {
        return "[" + String.join(", ", strings.stream().map(s -> "'" + s + "'").toList()) + "]";
    }
}
