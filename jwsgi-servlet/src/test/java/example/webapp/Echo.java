package example.webapp;

import io.jwsgi.Application;
import io.jwsgi.Header;
import io.jwsgi.StartResponse;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Answers with the request's environ, one {@code KEY=value} line for each key it shows (the
 * value's chars are its bytes: ISO-8859-1), then an empty line, then the request body as read
 * from {@code wsgi.input}.
 */
public final class Echo implements Application {

    /** The keys the answer shows. */
    public static final List<String> KEYS = List.of(
            "REQUEST_METHOD",
            "SCRIPT_NAME",
            "PATH_INFO",
            "QUERY_STRING",
            "CONTENT_TYPE",
            "CONTENT_LENGTH",
            "SERVER_PROTOCOL",
            "wsgi.url_scheme");

    @Override
    public Iterable<byte[]> call(Map<String, Object> environ, StartResponse startResponse) throws Exception {
        StringBuilder head = new StringBuilder();
        for (String key : KEYS) {
            head.append(key).append('=').append(environ.get(key)).append('\n');
        }
        head.append('\n');
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        ((InputStream) environ.get("wsgi.input")).transferTo(out);
        byte[] body = out.toByteArray();
        startResponse.start(
                "200 OK",
                List.of(
                        Header.of("Content-Type", "application/octet-stream"),
                        Header.of("Content-Length", Integer.toString(body.length))));
        return List.of(body);
    }
}
