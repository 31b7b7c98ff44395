package io.jwsgi.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** IisCgiHandler: IIS's duplicated SCRIPT_NAME is stripped from PATH_INFO, nothing else. */
class IisCgiHandlerTest {

    @ParameterizedTest(name = "SCRIPT_NAME={0} PATH_INFO={1} -> {2}")
    @CsvSource(
            value = {
                "/app, /app/users/7, /users/7",
                "/app, /app, ''",
                "/app, /app/, /",
                "/app, /apple, /apple",
                "/app, /other/app, /other/app",
                "'', /x, /x",
                "/a/b, /a/b/c, /c"
            })
    void theScriptNameRepeatedAtTheStartOfPathInfoIsStripped(String script, String path, String expected) {
        Map<String, String> env = new HashMap<>(Map.of("SCRIPT_NAME", script, "PATH_INFO", path));
        assertThat(IisCgiHandler.stripScriptName(env)).containsEntry("PATH_INFO", expected);
    }

    @Test
    void missingVariablesAreTreatedAsEmpty() {
        assertThat(IisCgiHandler.stripScriptName(new HashMap<>())).containsEntry("PATH_INFO", "");
        assertThat(IisCgiHandler.stripScriptName(new HashMap<>(Map.of("PATH_INFO", "/p"))))
                .containsEntry("PATH_INFO", "/p");
    }

    @Test
    void mainRunsTheApplicationWithTheFixedPath() throws Exception {
        Map<String, String> env = Map.of(
                "REQUEST_METHOD", "GET",
                "SCRIPT_NAME", "/app",
                "PATH_INFO", "/app/users/7",
                "QUERY_STRING", "",
                "SERVER_NAME", "localhost",
                "SERVER_PORT", "80",
                "SERVER_PROTOCOL", "HTTP/1.1");
        ChildJvm.Result result =
                ChildJvm.run(env, "", new byte[0], IisCgiHandler.class.getName(), CgiTestApp.class.getName());
        assertThat(result.stdout())
                .startsWith("Status: 200 OK\r\n")
                .contains("SCRIPT_NAME=/app\nPATH_INFO=/users/7\n")
                .contains("wsgi.run_once=true\n");
    }
}
