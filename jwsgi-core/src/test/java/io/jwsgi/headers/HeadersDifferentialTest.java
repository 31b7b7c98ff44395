package io.jwsgi.headers;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwsgi.Header;
import io.jwsgi.util.WsgirefOracle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compares {@link Headers} with CPython's {@code wsgiref.headers.Headers} on a few hundred seeded
 * random scripts: an initial list, then {@code add} (with MIME parameters), {@code set}, {@code
 * del}, {@code setdefault}, {@code get}, {@code getall} and {@code contains} with names in mixed
 * case, ending with the size and {@code str()}. One {@code python3} process answers every script;
 * the test is skipped where {@code python3} is missing.
 *
 * <p>A script is a flat list of strings: the number of initial headers and their names and values,
 * then commands with their arguments ({@code add name value paramCount (key value)*}, {@code set
 * name value}, {@code del name}, {@code setdefault name value}, {@code get name}, {@code getall
 * name}, {@code contains name}).
 */
class HeadersDifferentialTest {

    private static final int CASES = 300;

    private static final String PYTHON_OPS = """
            @op
            def script(*args):
                it = iter(args)
                h = headers.Headers([(next(it), next(it)) for _ in range(int(next(it)))])
                out = []
                for cmd in it:
                    if cmd == 'add':
                        name, value = next(it), next(it)
                        params = {}
                        for _ in range(int(next(it))):
                            key = next(it)
                            params[key] = next(it)
                        h.add_header(name, value, **params)
                    elif cmd == 'set':
                        name = next(it)
                        h[name] = next(it)
                    elif cmd == 'del':
                        del h[next(it)]
                    elif cmd == 'setdefault':
                        name = next(it)
                        out.append(h.setdefault(name, next(it)))
                    elif cmd == 'get':
                        out.append(h.get(next(it)))
                    elif cmd == 'getall':
                        values = h.get_all(next(it))
                        out += [str(len(values))] + values
                    elif cmd == 'contains':
                        out.append(str(next(it) in h))
                out += [str(len(h)), str(h)]
                return out
            """;

    private static final String[] NAMES = {
        "Content-Type",
        "content-type",
        "Set-Cookie",
        "X-Id",
        "X_Under",
        "\u00b5-Unit",
        "\u00c9tag",
        "\u00ff-Y",
        "Stra\u00dfe",
        "Vary",
        "x"
    };

    private static final String[] PARAM_KEYS = {"filename", "file_name", "charset", "q", "a-b", "x_y_z", "\u00e4"};

    /** Chars that force quoting in MIME parameters, and the two that quoting must escape. */
    private static final String SPECIALS = "\"\\ ;=,()<>@:/[]?\t";

    private static final List<List<String>> SCRIPTS = new ArrayList<>();
    private static List<List<String>> answers;
    private static String unavailable;

    @BeforeAll
    static void askCPython(@TempDir Path dir) throws Exception {
        Random random = new Random(4_2026_1123L);
        List<List<String>> requests = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            List<String> script = randomScript(random);
            SCRIPTS.add(script);
            List<String> request = new ArrayList<>();
            request.add("script");
            request.addAll(script);
            requests.add(request);
        }
        try {
            answers = WsgirefOracle.run(PYTHON_OPS, requests, dir);
        } catch (WsgirefOracle.Unavailable e) {
            unavailable = e.getMessage();
        }
    }

    @BeforeEach
    void requirePython() {
        Assumptions.assumeTrue(unavailable == null, unavailable);
    }

    @Test
    void scriptsGiveTheSameResultsAndStrAsWsgiref() {
        for (int i = 0; i < CASES; i++) {
            assertThat(runInJava(SCRIPTS.get(i)))
                    .as("script %s", SCRIPTS.get(i))
                    .isEqualTo(answers.get(i));
        }
    }

    @Test
    void toBytesIsTheLatin1EncodingOfWsgirefsStr() {
        for (int i = 0; i < CASES; i++) {
            List<String> answer = answers.get(i);
            String pythonStr = answer.get(answer.size() - 1);

            assertThat(build(SCRIPTS.get(i), new ArrayList<>()).toBytes())
                    .isEqualTo(pythonStr.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void theGeneratedScriptsCoverTheInterestingBranches() {
        List<String> strs = answers.stream().map(a -> a.get(a.size() - 1)).toList();
        assertThat(strs).anyMatch(s -> s.contains("\\\""));
        assertThat(strs).anyMatch(s -> s.contains("file-name=\""));
        assertThat(strs).anyMatch(s -> s.matches("(?s).*; [a-z-]+(; |\r\n).*"));
        assertThat(answers).anyMatch(a -> a.contains("True")).anyMatch(a -> a.contains("False"));
        assertThat(answers).anyMatch(a -> a.contains(null));
    }

    private static List<String> runInJava(List<String> script) {
        List<String> out = new ArrayList<>();
        Headers headers = build(script, out);
        out.add(String.valueOf(headers.size()));
        out.add(headers.toString());
        return out;
    }

    /** Runs a script on a new {@link Headers}, adding the results of queries to {@code out}. */
    private static Headers build(List<String> script, List<String> out) {
        Iterator<String> it = script.iterator();
        List<Header> initial = new ArrayList<>();
        for (int n = Integer.parseInt(it.next()); n > 0; n--) {
            initial.add(Header.of(it.next(), it.next()));
        }
        Headers headers = new Headers(initial);
        while (it.hasNext()) {
            String command = it.next();
            switch (command) {
                case "add" -> {
                    String name = it.next();
                    String value = it.next();
                    Map<String, String> params = new LinkedHashMap<>();
                    for (int n = Integer.parseInt(it.next()); n > 0; n--) {
                        params.put(it.next(), it.next());
                    }
                    headers.addHeader(name, value, params);
                }
                case "set" -> headers.set(it.next(), it.next());
                case "del" -> headers.remove(it.next());
                case "setdefault" -> out.add(headers.setDefault(it.next(), it.next()));
                case "get" -> out.add(headers.get(it.next()));
                case "getall" -> {
                    List<String> values = headers.getAll(it.next());
                    out.add(String.valueOf(values.size()));
                    out.addAll(values);
                }
                case "contains" -> out.add(headers.contains(it.next()) ? "True" : "False");
                default -> throw new IllegalArgumentException("unknown command " + command);
            }
        }
        return headers;
    }

    private static List<String> randomScript(Random random) {
        List<String> script = new ArrayList<>();
        int initial = random.nextInt(4);
        script.add(String.valueOf(initial));
        for (int i = 0; i < initial; i++) {
            script.add(wireName(random));
            script.add(randomValue(random));
        }
        for (int i = random.nextInt(8); i > 0; i--) {
            switch (random.nextInt(7)) {
                case 0, 1 -> {
                    script.add("add");
                    script.add(wireName(random));
                    script.add(random.nextInt(6) == 0 ? null : randomValue(random));
                    int n = random.nextInt(4);
                    script.add(String.valueOf(n));
                    for (String key : distinctKeys(random, n)) {
                        script.add(key);
                        script.add(random.nextInt(4) == 0 ? null : randomValue(random));
                    }
                }
                case 2 -> addAll(script, "set", wireName(random), randomValue(random));
                case 3 -> addAll(script, "del", lookupName(random));
                case 4 -> addAll(script, "setdefault", wireName(random), randomValue(random));
                case 5 -> addAll(script, random.nextBoolean() ? "get" : "getall", lookupName(random));
                default -> addAll(script, "contains", lookupName(random));
            }
        }
        return script;
    }

    private static void addAll(List<String> script, String... fields) {
        script.addAll(List.of(fields));
    }

    private static List<String> distinctKeys(Random random, int n) {
        List<String> keys = new ArrayList<>();
        while (keys.size() < n) {
            String key = PARAM_KEYS[random.nextInt(PARAM_KEYS.length)];
            if (!keys.contains(key)) {
                keys.add(key);
            }
        }
        return keys;
    }

    /** A known name in random case, keeping every char within 0–255 so it may go on the wire. */
    private static String wireName(Random random) {
        return recase(random, NAMES[random.nextInt(NAMES.length)], true);
    }

    /** A known name in random case; may hold chars above 255 (U+039C from U+00B5), as lookups may. */
    private static String lookupName(Random random) {
        return recase(random, NAMES[random.nextInt(NAMES.length)], false);
    }

    private static String recase(Random random, String name, boolean latin1Only) {
        StringBuilder out = new StringBuilder();
        for (char c : name.toCharArray()) {
            char changed = random.nextBoolean() ? Character.toUpperCase(c) : Character.toLowerCase(c);
            out.append(latin1Only && changed > 0xFF ? c : changed);
        }
        return out.toString();
    }

    /** A value of chars 1–255 without CR and LF, rich in quotes, backslashes and separators. */
    private static String randomValue(Random random) {
        StringBuilder value = new StringBuilder();
        for (int i = random.nextInt(8); i > 0; i--) {
            char c = random.nextInt(3) == 0
                    ? SPECIALS.charAt(random.nextInt(SPECIALS.length()))
                    : (char) (1 + random.nextInt(255));
            value.append(c == '\r' || c == '\n' ? '_' : c);
        }
        return value.toString();
    }
}
