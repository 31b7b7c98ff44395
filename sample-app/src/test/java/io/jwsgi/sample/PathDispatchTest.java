package io.jwsgi.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwsgi.Application;
import io.jwsgi.Environ;
import io.jwsgi.Header;
import io.jwsgi.testing.TestClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PathDispatchTest {

    /** An application that answers with its name and the SCRIPT_NAME and PATH_INFO it saw. */
    private static Application echo(String name) {
        return (environ, startResponse) -> {
            startResponse.start("200 OK", List.of(Header.of("Content-Type", "text/plain")));
            String seen = name + " " + environ.get(Environ.SCRIPT_NAME) + " " + environ.get(Environ.PATH_INFO);
            return List.of(seen.getBytes(StandardCharsets.UTF_8));
        };
    }

    private final TestClient client =
            new TestClient(new PathDispatch(echo("root"), Map.of("static", echo("static"), "api", echo("api"))));

    @Test
    void shiftsTheMountedSegmentIntoScriptName() throws Exception {
        assertThat(client.get("/static/style.css").text()).isEqualTo("static /static /style.css");
        assertThat(client.get("/api/notes/3").text()).isEqualTo("api /api /notes/3");
        assertThat(client.get("/api").text()).isEqualTo("api /api ");
    }

    @Test
    void leavesOtherPathsToTheFallbackUntouched() throws Exception {
        assertThat(client.get("/").text()).isEqualTo("root  /");
        assertThat(client.get("/apiary").text()).isEqualTo("root  /apiary");
        assertThat(client.get("/other/static").text()).isEqualTo("root  /other/static");
    }

    @Test
    void refusesMountsThatAreNotOneSegment() {
        for (String bad : List.of("", "a/b", ".", "..")) {
            assertThatThrownBy(() -> new PathDispatch(echo("root"), Map.of(bad, echo("x"))))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
