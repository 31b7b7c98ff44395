package io.jwsgi.handlers;

import io.jwsgi.Application;
import io.jwsgi.Header;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The application the CGI tests run in child processes, loaded through its static {@code
 * application()} factory. By PATH_INFO: {@code /fail} throws, {@code /echo} answers with the
 * request body (read to the input's end), anything else describes the request (values escaped as in {@link EnvironDump}).
 */
public final class CgiTestApp {

    private static final List<String> DESCRIBED = List.of(
            "REQUEST_METHOD",
            "SCRIPT_NAME",
            "PATH_INFO",
            "QUERY_STRING",
            "CONTENT_LENGTH",
            "SERVER_PROTOCOL",
            "HTTP_X_TEST",
            "wsgi.url_scheme",
            "wsgi.multithread",
            "wsgi.multiprocess",
            "wsgi.run_once",
            "wsgi.input_terminated");

    private CgiTestApp() {}

    public static Application application() {
        return CgiTestApp::call;
    }

    private static Iterable<byte[]> call(Map<String, Object> environ, io.jwsgi.StartResponse start) throws Exception {
        String path = (String) environ.getOrDefault("PATH_INFO", "");
        if (path.equals("/fail")) {
            throw new IllegalStateException("cgi test failure on purpose");
        }
        if (path.equals("/echo")) {
            byte[] body = ((InputStream) environ.get("wsgi.input")).readAllBytes(); // relies on the input's end
            start.start("200 OK", List.of(Header.of("Content-Type", "application/octet-stream")));
            return List.of(body);
        }
        StringBuilder out = new StringBuilder();
        for (String key : DESCRIBED) {
            Object value = environ.get(key);
            if (value != null) {
                out.append(key)
                        .append('=')
                        .append(EnvironDump.escape(value.toString()))
                        .append('\n');
            }
        }
        start.start("200 OK", List.of(Header.of("Content-Type", "text/plain")));
        return List.of(out.toString().getBytes(StandardCharsets.US_ASCII));
    }
}
