package io.jwsgi.headers;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwsgi.Header;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The behaviours of test_wsgiref.py's HeaderTests, plus Java-specific ones. */
class HeadersTest {

    private static List<Header> list(String... namesAndValues) {
        List<Header> out = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            out.add(new Header(namesAndValues[i], namesAndValues[i + 1]));
        }
        return out;
    }

    private static Map<String, String> params(String... keysAndValues) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }

    // --- testMappingInterface ---

    @Test
    void sizeKeysValuesAndItemsReflectTheList() {
        assertThat(new Headers().size()).isZero();
        assertThat(new Headers(new ArrayList<>()).size()).isZero();
        assertThat(new Headers(list("x", "y")).size()).isEqualTo(1);
        assertThat(new Headers(list("x", "y")).keys()).containsExactly("x");
        assertThat(new Headers(list("x", "y")).values()).containsExactly("y");
        assertThat(new Headers(list("x", "y")).items()).containsExactly(new Header("x", "y"));
    }

    @Test
    void itemsIsACopy() {
        List<Header> backing = list("x", "y");
        Headers headers = new Headers(backing);

        List<Header> items = headers.items();
        items.clear();

        assertThat(items).isNotSameAs(backing);
        assertThat(headers.size()).isEqualTo(1);
        assertThat(backing).hasSize(1);
    }

    @Test
    void removingAnAbsentHeaderIsFine() {
        Headers headers = new Headers();

        headers.remove("foo");

        assertThat(headers.size()).isZero();
    }

    @Test
    void lookupsIgnoreCase() {
        Headers headers = new Headers();
        headers.set("Foo", "bar");

        for (String name : List.of("foo", "Foo", "FOO")) {
            assertThat(headers.contains(name)).isTrue();
            assertThat(headers.get(name)).isEqualTo("bar");
            assertThat(headers.getAll(name)).containsExactly("bar");
        }
        assertThat(headers.contains("bar")).isFalse();
        assertThat(headers.get("bar")).isNull();
        assertThat(headers.getAll("bar")).isEmpty();
    }

    @Test
    void setReplacesAndGetWithDefaultAndSetDefaultBehaveLikeADict() {
        Headers headers = new Headers();
        headers.set("Foo", "bar");
        assertThat(headers.get("foo")).isEqualTo("bar");

        headers.set("foo", "baz");
        assertThat(headers.get("FOO")).isEqualTo("baz");
        assertThat(headers.getAll("foo")).containsExactly("baz");
        assertThat(headers.keys()).containsExactly("foo");

        assertThat(headers.get("foo", "whee")).isEqualTo("baz");
        assertThat(headers.get("zoo", "whee")).isEqualTo("whee");
        assertThat(headers.setDefault("foo", "whee")).isEqualTo("baz");
        assertThat(headers.setDefault("zoo", "whee")).isEqualTo("whee");
        assertThat(headers.get("foo")).isEqualTo("baz");
        assertThat(headers.get("zoo")).isEqualTo("whee");
        assertThat(headers.size()).isEqualTo(2);
    }

    @Test
    void setRemovesEveryDuplicateAndAppendsOneAtTheEnd() {
        Headers headers = new Headers(list("Set-Cookie", "a=1", "X", "x", "set-cookie", "b=2"));

        headers.set("SET-COOKIE", "c=3");

        assertThat(headers.items()).containsExactly(new Header("X", "x"), new Header("SET-COOKIE", "c=3"));
    }

    @Test
    void removeDeletesEveryOccurrence() {
        Headers headers = new Headers(list("A", "1", "b", "2", "a", "3"));

        headers.remove("a");

        assertThat(headers.keys()).containsExactly("b");
    }

    @Test
    void getReturnsTheFirstAndGetAllEveryValueInOrder() {
        Headers headers = new Headers(list("Via", "1", "X", "x", "VIA", "2", "via", "3"));

        assertThat(headers.get("via")).isEqualTo("1");
        assertThat(headers.getAll("Via")).containsExactly("1", "2", "3");
        assertThat(headers.keys()).containsExactly("Via", "X", "VIA", "via");
        assertThat(headers.values()).containsExactly("1", "x", "2", "3");
    }

    @Test
    void anEmptyValueStillCounts() {
        Headers headers = new Headers(list("X", ""));

        assertThat(headers.contains("x")).isTrue();
        assertThat(headers.get("x", "default")).isEmpty();
        assertThat(headers.setDefault("x", "other")).isEmpty();
    }

    // --- the live view ---

    @Test
    void isALiveViewOverTheList() {
        List<Header> backing = list("A", "1");
        Headers headers = new Headers(backing);

        headers.set("B", "2");
        headers.addHeader("C", "3");
        headers.setDefault("D", "4");
        assertThat(backing).extracting(Header::name).containsExactly("A", "B", "C", "D");

        backing.add(new Header("E", "5"));
        assertThat(headers.get("e")).isEqualTo("5");
        assertThat(headers.list()).isSameAs(backing);

        headers.remove("a");
        assertThat(backing).extracting(Header::name).containsExactly("B", "C", "D", "E");
    }

    @Test
    void theDefaultConstructorMakesAMutableList() {
        Headers headers = new Headers();

        headers.list().add(new Header("X", "y"));

        assertThat(headers.get("x")).isEqualTo("y");
    }

    @Test
    void anUnmodifiableListCanBeReadButNotChanged() {
        // testRequireList has no Java counterpart: a non-list does not compile.
        Headers headers = new Headers(List.of(new Header("X", "1")));

        assertThat(headers.get("x")).isEqualTo("1");
        assertThat(headers.toString()).isEqualTo("X: 1\r\n\r\n");
        assertThatThrownBy(() -> headers.set("Y", "2")).isInstanceOf(UnsupportedOperationException.class);
    }

    // --- testExtras: formatting and addHeader ---

    @Test
    void toStringFormatsTheWireBlock() {
        Headers headers = new Headers();
        assertThat(headers.toString()).isEqualTo("\r\n");

        headers.addHeader("foo", "bar", params("baz", "spam"));
        assertThat(headers.get("foo")).isEqualTo("bar; baz=\"spam\"");
        assertThat(headers.toString()).isEqualTo("foo: bar; baz=\"spam\"\r\n\r\n");

        headers.addHeader("Foo", "bar", params("cheese", null));
        assertThat(headers.getAll("foo")).containsExactly("bar; baz=\"spam\"", "bar; cheese");
        assertThat(headers.toString()).isEqualTo("foo: bar; baz=\"spam\"\r\nFoo: bar; cheese\r\n\r\n");
    }

    @Test
    void addHeaderWritesParamsInOrderWithDashesAndQuotes() {
        Headers headers = new Headers();

        headers.addHeader(
                "Content-Disposition",
                "attachment",
                params("file_name", "bud.gif", "inline", null, "empty", "", "q", "a\"b\\c d", "x", "plain"));

        assertThat(headers.get("content-disposition"))
                .isEqualTo("attachment; file-name=\"bud.gif\"; inline; empty; q=\"a\\\"b\\\\c d\"; x=\"plain\"");
    }

    @Test
    void addHeaderKeepsExistingHeadersOfThatName() {
        Headers headers = new Headers(list("Set-Cookie", "a=1"));

        headers.addHeader("Set-Cookie", "b=2");

        assertThat(headers.getAll("set-cookie")).containsExactly("a=1", "b=2");
    }

    @Test
    void addHeaderWithANullValueWritesOnlyTheParams() {
        Headers headers = new Headers();

        headers.addHeader("X", null, params("a", "1"));
        headers.addHeader("Y", null);

        assertThat(headers.items()).containsExactly(new Header("X", "a=\"1\""), new Header("Y", ""));
    }

    @Test
    void toBytesIsLatin1WithCrLfLinesAndABlankLine() {
        Headers headers = new Headers(list("X-Name", "caf\u00e9 \u00ff"));

        assertThat(headers.toBytes())
                .isEqualTo("X-Name: caf\u00e9 \u00ff\r\n\r\n".getBytes(ISO_8859_1))
                .hasSize(18);
        assertThat(new Headers().toBytes()).containsExactly('\r', '\n');
    }

    @Test
    void bytesInAStringRoundTripThroughToBytes() {
        byte[] utf8 = "attachment; filename=\u00fcber.txt".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Headers headers = new Headers();

        headers.set("Content-Disposition", new String(utf8, ISO_8859_1));

        byte[] wire = headers.toBytes();
        byte[] prefix = "Content-Disposition: ".getBytes(ISO_8859_1);
        assertThat(java.util.Arrays.copyOfRange(wire, prefix.length, wire.length - 4))
                .isEqualTo(utf8);
    }

    // --- injection and wire safety ---

    @ParameterizedTest
    @ValueSource(strings = {"\r", "\n", "\u0000", "\r\nSet-Cookie: evil=1", "\u0100", "\u20ac"})
    void everyEntryPointRefusesAnUnsafeChar(String bad) {
        List<Consumer<Headers>> entries = List.of(
                h -> h.set("X" + bad, "v"),
                h -> h.set("X", "v" + bad),
                h -> h.setDefault("X" + bad, "v"),
                h -> h.setDefault("X", "v" + bad),
                h -> h.addHeader("X" + bad, "v"),
                h -> h.addHeader("X", "v" + bad),
                h -> h.addHeader("X", "v", params("p" + bad, "1")),
                h -> h.addHeader("X", "v", params("p", "1" + bad)),
                h -> h.addHeader("X", "v", params("p" + bad, null)));
        for (Consumer<Headers> entry : entries) {
            Headers headers = new Headers(list("Keep", "me"));
            assertThatThrownBy(() -> entry.accept(headers))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("\"X");
            assertThat(headers.items()).containsExactly(new Header("Keep", "me"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"\r", "\n", "\u0000", "\u0100"})
    void theConstructorRefusesAListWithAnUnsafeHeader(String bad) {
        assertThatThrownBy(() -> new Headers(list("Good", "1", "Bad", "v" + bad)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"Bad\"");
        assertThatThrownBy(() -> new Headers(list("Bad" + bad, "v")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"Bad");
    }

    @Test
    void toBytesRefusesAnUnsafeHeaderAddedToTheListDirectly() {
        Headers headers = new Headers();
        headers.list().add(new Header("X-Evil", "a\r\nSet-Cookie: b=1"));

        assertThatThrownBy(headers::toBytes)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"X-Evil\"");
    }

    @Test
    void emptyNamesAreRefused() {
        assertThatThrownBy(() -> new Headers().set("", "v")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Headers(list("", "v"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void setDefaultDoesNotCheckWhenTheHeaderExists() {
        Headers headers = new Headers(list("X", "1"));

        assertThat(headers.setDefault("x", "bad\r\n")).isEqualTo("1");
    }

    @Test
    void nullsAreRefused() {
        Headers headers = new Headers();

        assertThatThrownBy(() -> new Headers(null)).isInstanceOf(NullPointerException.class);
        List<Header> withNull = new ArrayList<>();
        withNull.add(null);
        assertThatThrownBy(() -> new Headers(withNull)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> headers.get(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> headers.set("X", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> headers.addHeader(null, "v")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> headers.addHeader("X", "v", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> headers.addHeader("X", "v", params(null, "1")))
                .isInstanceOf(NullPointerException.class);
        assertThat(headers.size()).isZero();
    }

    // --- case folding ---

    @Test
    void caseFoldingIgnoresTheDefaultLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));
            Headers headers = new Headers(list("X-Id", "1"));

            assertThat(headers.get("X-ID")).isEqualTo("1");
            assertThat(headers.contains("x-id")).isTrue();
            headers.set("X-ID", "2");
            assertThat(headers.items()).containsExactly(new Header("X-ID", "2"));
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void caseFoldingLowersLikePython() {
        // Python compares name.lower(); U+00B5 (micro) and U+039C (capital mu) differ there.
        Headers headers = new Headers(list("X-\u00b5", "1", "X-\u00c9", "2"));

        assertThat(headers.get("x-\u039c")).isNull();
        assertThat(headers.get("x-\u00e9")).isEqualTo("2");
    }

    /** The fast name comparison agrees with comparing {@code toLowerCase(Locale.ROOT)} copies. */
    @Test
    void nameComparisonAgreesWithLowercaseCopies() {
        char[] alphabet = {
            'a', 'A', 'z', 'Z', '-', '_', '0', '\u00e9', '\u00c9', '\u00b5', '\u039c', '\u03bc', '\u00df', '\u00ff',
            '\u0178', '\u0130', 'i', 'I', '\u212a', 'k', 'K', '@', '[', '`', '{'
        };
        Random random = new Random(20261201);
        int agreedEqual = 0;
        for (int round = 0; round < 200_000; round++) {
            String a = randomName(random, alphabet);
            String b = random.nextInt(3) == 0 ? a.toUpperCase(Locale.ROOT) : randomName(random, alphabet);
            boolean expected = a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT));
            assertThat(Headers.sameName(a, b)).as("%s vs %s", a, b).isEqualTo(expected);
            if (expected) {
                agreedEqual++;
            }
        }
        assertThat(agreedEqual).as("rounds where the names matched").isGreaterThan(10_000);
        assertThat(Headers.sameName("Content-Length", "content-length")).isTrue();
        assertThat(Headers.sameName("Content-Length", "Content-Type")).isFalse();
        assertThat(Headers.sameName("\u212a", "k")).isTrue(); // the Kelvin sign lowercases to k
    }

    private static String randomName(Random random, char[] alphabet) {
        char[] name = new char[random.nextInt(4)];
        for (int i = 0; i < name.length; i++) {
            name[i] = alphabet[random.nextInt(alphabet.length)];
        }
        return new String(name);
    }
}
