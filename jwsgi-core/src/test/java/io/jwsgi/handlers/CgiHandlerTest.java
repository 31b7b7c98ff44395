package io.jwsgi.handlers;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CgiHandler run as CGI scripts are: a child JVM with a prepared environment and stdin. */
class CgiHandlerTest {

    private static final String ERROR_BODY = "A server error occurred.  Please contact the administrator.";

    private static Map<String, String> cgiRequest(String method, String pathInfo, String query) {
        Map<String, String> env = new HashMap<>();
        env.put("GATEWAY_INTERFACE", "CGI/1.1");
        env.put("REQUEST_METHOD", method);
        env.put("SCRIPT_NAME", "/app.cgi");
        env.put("PATH_INFO", pathInfo);
        env.put("QUERY_STRING", query);
        env.put("SERVER_NAME", "localhost");
        env.put("SERVER_PORT", "80");
        env.put("SERVER_PROTOCOL", "HTTP/1.1");
        env.put("HTTP_X_TEST", "present");
        return env;
    }

    private static ChildJvm.Result runCgi(Map<String, String> env, byte[] body, String... args)
            throws IOException, InterruptedException {
        return ChildJvm.run(env, "", body, CgiHandler.class.getName(), args);
    }

    @Test
    void mainRunsTheNamedApplicationForTheRequestInTheEnvironment() throws Exception {
        ChildJvm.Result result =
                runCgi(cgiRequest("GET", "/hello", "a=1&b=%C3%A9"), new byte[0], CgiTestApp.class.getName());
        String body = "REQUEST_METHOD=GET\n"
                + "SCRIPT_NAME=/app.cgi\n"
                + "PATH_INFO=/hello\n"
                + "QUERY_STRING=a=1&b=%C3%A9\n"
                + "SERVER_PROTOCOL=HTTP/1.1\n"
                + "HTTP_X_TEST=present\n"
                + "wsgi.url_scheme=http\n"
                + "wsgi.multithread=false\n"
                + "wsgi.multiprocess=true\n"
                + "wsgi.run_once=true\n"
                + "wsgi.input_terminated=true\n";
        assertThat(result.stdout())
                .isEqualTo("Status: 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + body.length() + "\r\n\r\n"
                        + body);
        assertThat(result.stderr()).isEmpty();
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void theRequestBodyIsReadFromStandardInput() throws Exception {
        Map<String, String> env = cgiRequest("POST", "/echo", "");
        env.put("CONTENT_LENGTH", "11");
        env.put("CONTENT_TYPE", "application/octet-stream");
        ChildJvm.Result result = runCgi(env, "hello\r\n\0\u00ff!!".getBytes(ISO_8859_1), CgiTestApp.class.getName());
        assertThat(result.stdout()).endsWith("Content-Length: 11\r\n\r\nhello\r\n\0\u00ff!!");
    }

    @Test
    void theInputEndsAtContentLengthWhateverFollowsOnStandardInput() throws Exception {
        Map<String, String> env = cgiRequest("POST", "/echo", "");
        env.put("CONTENT_LENGTH", "5");
        ChildJvm.Result result = runCgi(env, "hello and more".getBytes(ISO_8859_1), CgiTestApp.class.getName());
        assertThat(result.stdout()).endsWith("Content-Length: 5\r\n\r\nhello");
    }

    @Test
    void anApplicationErrorGivesTheGenericPageAndATracebackOnStandardError() throws Exception {
        ChildJvm.Result result = runCgi(cgiRequest("GET", "/fail", ""), new byte[0], CgiTestApp.class.getName());
        assertThat(result.stdout())
                .isEqualTo("Status: 500 Internal Server Error\r\nContent-Type: text/plain\r\nContent-Length: "
                        + ERROR_BODY.length() + "\r\n\r\n" + ERROR_BODY);
        assertThat(result.stderr())
                .contains("java.lang.IllegalStateException: cgi test failure on purpose")
                .contains("\tat io.jwsgi.handlers.CgiTestApp");
    }

    @Test
    void anApplicationThatCannotBeLoadedGivesTheGenericPage() throws Exception {
        ChildJvm.Result result = runCgi(cgiRequest("GET", "/", ""), new byte[0], "no.such.Application");
        assertThat(result.stdout())
                .startsWith("Status: 500 Internal Server Error\r\n")
                .endsWith(ERROR_BODY);
        assertThat(result.stderr()).contains("java.lang.ClassNotFoundException: no.such.Application");

        ChildJvm.Result noArgument = runCgi(cgiRequest("GET", "/", ""), new byte[0]);
        assertThat(noArgument.stdout()).startsWith("Status: 500 Internal Server Error\r\n");
        assertThat(noArgument.stderr()).contains("usage: java -cp <classpath> io.jwsgi.handlers.CgiHandler");
    }
}
