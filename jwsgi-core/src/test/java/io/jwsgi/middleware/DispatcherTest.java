package io.jwsgi.middleware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwsgi.Application;
import io.jwsgi.Header;
import io.jwsgi.testing.TestClient;
import io.jwsgi.testing.TestResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DispatcherTest {

    /** Answers "name SCRIPT_NAME|PATH_INFO". */
    private static Application named(String name) {
        return (environ, startResponse) -> {
            startResponse.start("200 OK", List.of(new Header("Content-Type", "text/plain; charset=iso-8859-1")));
            String text = name + " " + environ.get("SCRIPT_NAME") + "|" + environ.get("PATH_INFO");
            return List.of(text.getBytes(StandardCharsets.ISO_8859_1));
        };
    }

    private static final Dispatcher SITE = Dispatcher.builder()
            .mount("/", named("root"))
            .mount("/api", named("api"))
            .mount("/api/v2/", named("v2"))
            .mount("/caf\u00c3\u00a9", named("cafe"))
            .build();

    @ParameterizedTest
    @CsvSource(
            delimiter = '>',
            value = {
                "/              > root |/",
                "/other/x       > root |/other/x",
                "/api           > api /api|",
                "/api/          > api /api|/",
                "/api/users/1   > api /api|/users/1",
                "/apis          > root |/apis",
                "/api/v2        > v2 /api/v2|",
                "/api/v2/x/y    > v2 /api/v2|/x/y",
                "/api/v20       > api /api|/v20",
                "/caf%C3%A9/m   > cafe /caf\u00c3\u00a9|/m",
            })
    void sendsEachRequestToTheLongestMatchingPrefixAndShiftsThePath(String target, String expected) throws Exception {
        assertThat(new TestClient(SITE).get(target).text()).isEqualTo(expected);
    }

    @Test
    void appendsToAnExistingScriptName() throws Exception {
        Application outer = Dispatcher.builder().mount("/outer", SITE).build();
        assertThat(new TestClient(outer).get("/outer/api/x").text()).isEqualTo("api /outer/api|/x");
    }

    @Test
    void answers404WithoutADefaultApplication() throws Exception {
        Application only = Dispatcher.builder().mount("/api", named("api")).build();
        TestResponse response = new TestClient(only).get("/elsewhere");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.text()).isEqualTo("404 Not Found\n");
        assertThat(new TestClient(only).get("/").status()).isEqualTo(404);
    }

    @Test
    void rejectsBadOrDuplicatePrefixes() {
        assertThatThrownBy(() -> Dispatcher.builder().mount("api", named("x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a mount prefix starts with /: api");
        assertThatThrownBy(() -> Dispatcher.builder().mount("/a", named("x")).mount("/a/", named("y")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("already mounted: /a");
        assertThatThrownBy(() -> Dispatcher.builder().mount("", named("x")).mount("/", named("y")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("already mounted: /");
        assertThatThrownBy(() -> Dispatcher.builder().mount("/a", null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void isNotAffectedByLaterMounts() throws Exception {
        Dispatcher.Builder builder = Dispatcher.builder().mount("/a", named("a"));
        Dispatcher built = builder.build();
        builder.mount("/b", named("b"));
        assertThat(new TestClient(built).get("/b").status()).isEqualTo(404);
    }
}
