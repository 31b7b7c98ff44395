package io.jwsgi.headers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.jwsgi.Header;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes {@link Headers}: whatever names, values and parameters an application passes, nothing
 * with CR, LF or NUL (or a char above 255) is accepted, and {@link Headers#toBytes()} emits exactly
 * one {@code name: value} line per header followed by a blank line, so no header can inject
 * another or end the header section early.
 */
class HeadersFuzzTest {

    /** Runs random operations and checks the refusals and the wire form after each. */
    @FuzzTest(maxDuration = "5m")
    @Timeout(10)
    void neverEmitsControlCharactersAndRoundTrips(FuzzedDataProvider data) {
        Headers headers = new Headers();
        int ops = data.consumeInt(1, 8);
        for (int op = 0; op < ops && data.remainingBytes() > 0; op++) {
            String name = data.consumeString(16);
            String value = data.consumeString(32);
            int kind = data.consumeInt(0, 4);
            boolean bad = name.isEmpty() || !wireSafe(name) || !wireSafe(value);
            List<Header> before = headers.items();
            try {
                switch (kind) {
                    case 0 -> headers.set(name, value);
                    case 1 -> headers.setDefault(name, value);
                    case 2 -> headers.addHeader(name, value);
                    case 3 -> {
                        Map<String, String> params = new LinkedHashMap<>();
                        int count = data.consumeInt(0, 3);
                        for (int i = 0; i < count; i++) {
                            params.put(data.consumeString(8), data.consumeBoolean() ? null : data.consumeString(16));
                        }
                        for (Map.Entry<String, String> p : params.entrySet()) { // a repeated key keeps its last value
                            bad |= !wireSafe(p.getKey()) || (p.getValue() != null && !wireSafe(p.getValue()));
                        }
                        headers.addHeader(name, value, params);
                    }
                    default -> {
                        // the list is live: a caller may put any Header in it directly
                        headers.list().add(new Header(name, value));
                        checkToBytes(headers);
                        headers.list().remove(headers.size() - 1);
                        continue;
                    }
                }
                boolean setDefaultKept =
                        kind == 1 && before.stream().anyMatch(h -> h.name().equalsIgnoreCase(name));
                assertThat(bad && !setDefaultKept)
                        .as("accepted a header with CR/LF/NUL/non-latin-1 or an empty name")
                        .isFalse();
            } catch (IllegalArgumentException e) {
                assertThat(bad)
                        .as("refused a wire-safe header: %s", e.getMessage())
                        .isTrue();
                assertThat(headers.items())
                        .as("a refused header changed the list")
                        .isEqualTo(before);
            }
            checkToBytes(headers);
        }
    }

    /** toBytes either refuses (some header is not wire-safe) or emits one line per header. */
    private static void checkToBytes(Headers headers) {
        List<Header> items = headers.items();
        boolean allSafe =
                items.stream().allMatch(h -> !h.name().isEmpty() && wireSafe(h.name()) && wireSafe(h.value()));
        if (!allSafe) {
            assertThatThrownBy(headers::toBytes).isInstanceOf(IllegalArgumentException.class);
            return;
        }
        byte[] wire = headers.toBytes();
        String text = new String(wire, StandardCharsets.ISO_8859_1);
        assertThat(text).doesNotContain("\0").endsWith("\r\n");
        List<String> lines = new ArrayList<>(List.of(text.split("\r\n", -1)));
        assertThat(lines.remove(lines.size() - 1)).isEmpty(); // after the final CRLF
        assertThat(lines.remove(lines.size() - 1))
                .as("the blank line ending the section")
                .isEmpty();
        assertThat(lines).hasSize(items.size());
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            assertThat(line).doesNotContain("\r").doesNotContain("\n");
            assertThat(line).isEqualTo(items.get(i).name() + ": " + items.get(i).value());
        }
    }

    private static boolean wireSafe(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r' || c == '\n' || c == '\0' || c > 0xFF) {
                return false;
            }
        }
        return true;
    }
}
