package io.jwsgi.sample;

import io.jwsgi.Application;
import io.jwsgi.Environ;
import io.jwsgi.Header;
import io.jwsgi.StartResponse;
import io.jwsgi.util.FileWrapper;
import java.io.FileInputStream;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The guestbook's static files (stylesheet, script, logo), served from the classpath through the
 * server's {@code wsgi.file_wrapper} (or {@link FileWrapper} when the server offers none).
 *
 * <p>Only the files named in {@link #TYPES} exist, so no request path can reach anything else.
 * When the classes run from a directory (as under {@code spring-boot:run}) the file is opened as a
 * {@link FileInputStream}, so a server can send it zero-copy through {@link
 * FileWrapper#fileChannel()}; from a jar it is streamed.
 *
 * <pre>{@code
 * Application assets = new Assets();   // GET /style.css, /app.js, /logo.svg
 * }</pre>
 */
final class Assets implements Application {

    /** The served files and their media types. */
    static final Map<String, String> TYPES = Map.of(
            "style.css", "text/css; charset=utf-8",
            "app.js", "text/javascript; charset=utf-8",
            "logo.svg", "image/svg+xml");

    private static final List<Header> CACHING = List.of(Header.of("Cache-Control", "public, max-age=300"));

    @Override
    public Iterable<byte[]> call(Map<String, Object> environ, StartResponse startResponse) throws Exception {
        String path = Requests.pathInfo(environ);
        String name = path.startsWith("/") ? path.substring(1) : path;
        String type = TYPES.get(name);
        URL url = type == null ? null : Assets.class.getResource("assets/" + name);
        if (url == null) {
            return Responses.send(startResponse, 404, "text/plain; charset=utf-8", "no such file\n", List.of());
        }
        String method = Requests.method(environ);
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return Responses.send(
                    startResponse,
                    405,
                    "text/plain; charset=utf-8",
                    "use GET or HEAD\n",
                    List.of(Header.of("Allow", "GET, HEAD")));
        }
        long length;
        InputStream in;
        if (url.getProtocol().equals("file")) {
            Path file = Path.of(url.toURI());
            length = Files.size(file);
            in = new FileInputStream(file.toFile());
        } else {
            URLConnection connection = url.openConnection();
            connection.setUseCaches(false);
            length = connection.getContentLengthLong();
            in = connection.getInputStream();
        }
        FileWrapper.Factory wrapper =
                environ.get(Environ.WSGI_FILE_WRAPPER) instanceof FileWrapper.Factory f ? f : FileWrapper.FACTORY;
        try {
            Responses.start(startResponse, 200, type, length, CACHING);
        } catch (Exception | Error e) {
            in.close();
            throw e;
        }
        return wrapper.wrap(in, FileWrapper.DEFAULT_BLOCK_SIZE);
    }
}
