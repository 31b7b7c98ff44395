package io.jwsgi.middleware;

import io.jwsgi.Application;
import io.jwsgi.Environ;
import io.jwsgi.Header;
import io.jwsgi.StartResponse;
import io.jwsgi.util.FileWrapper;
import io.jwsgi.util.Util;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * An application that serves the files under one directory, safely.
 *
 * <pre>{@code
 * Application site = Dispatcher.builder()
 *         .mount("/static", new StaticFiles(Path.of("public")))
 *         .mount("/", app)
 *         .build();
 * }</pre>
 *
 * <ul>
 *   <li><b>Paths.</b> {@code PATH_INFO} (bytes in a string, already percent-decoded by the
 *       server) is read as UTF-8 and resolved segment by segment under the root. A {@code ..}
 *       segment (however it was encoded in the URL), a backslash or NUL, and any name starting
 *       with a dot (hidden files such as {@code .env} or {@code .git}; {@code .well-known} is
 *       allowed) give 404. The real path of the result (symbolic links resolved) must lie under
 *       the real path of the root, so a link pointing out of the root gives 404 too.
 *   <li><b>Directories.</b> A directory requested without a trailing slash is redirected (301) to
 *       the same URL with one; with it, its {@code index.html} is served if there is one, else
 *       404. There are no directory listings.
 *   <li><b>Methods.</b> GET and HEAD; anything else gets 405 with {@code Allow: GET, HEAD}. HEAD
 *       gets the same headers as GET (Content-Length included) and no body.
 *   <li><b>Headers.</b> Content-Type from the file's extension (a built-in table of common web
 *       types, text types with {@code charset=utf-8}, else {@code application/octet-stream}),
 *       Content-Length, Last-Modified, a strong ETag made of the modification time and size, and
 *       {@code Accept-Ranges: bytes}.
 *   <li><b>Conditional requests.</b> {@code If-None-Match} (weak comparison, {@code *} allowed)
 *       and, when it is absent, {@code If-Modified-Since} answer 304 Not Modified.
 *   <li><b>Ranges.</b> A single byte range ({@code bytes=a-b}, {@code bytes=a-}, {@code
 *       bytes=-n}) gives 206 Partial Content with Content-Range; a range that starts past the end
 *       gives 416 with {@code Content-Range: bytes *}{@code /size}. Policy for several ranges in
 *       one request: they are ignored and the whole file is sent with 200 (RFC 9110 allows a
 *       server to ignore Range; this avoids multipart/byteranges and range-amplification abuse).
 *       A malformed Range header is ignored the same way, and so is Range when {@code If-Range}
 *       names another ETag or date.
 *   <li><b>Bodies.</b> A whole file is returned through {@code environ.get("wsgi.file_wrapper")}
 *       when the server offers one (else a {@link FileWrapper}), over a {@link FileInputStream},
 *       so servers can send it with zero-copy {@code sendfile}. A range is read through a bounded
 *       stream instead (the file channel would expose the whole file).
 * </ul>
 */
public final class StaticFiles implements Application {

    /** The block size of the bodies: 64 KiB. */
    public static final int BLOCK_SIZE = 65536;

    private final Path root;

    /**
     * Serves the files under {@code root}.
     *
     * @param root an existing directory
     * @throws IllegalArgumentException if {@code root} is not a directory
     * @throws UncheckedIOException if its real path cannot be determined
     */
    public StaticFiles(Path root) {
        Objects.requireNonNull(root, "root");
        try {
            this.root = root.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve the static root " + root, e);
        }
        if (!Files.isDirectory(this.root)) {
            throw new IllegalArgumentException("not a directory: " + root);
        }
    }

    /**
     * Returns the directory served, as a real path.
     *
     * @return the root with symbolic links resolved
     */
    public Path root() {
        return root;
    }

    @Override
    public Iterable<byte[]> call(Map<String, Object> environ, StartResponse startResponse) throws Exception {
        String method = (String) environ.get(Environ.REQUEST_METHOD);
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            return Responses.plain(startResponse, "405 Method Not Allowed", new Header("Allow", "GET, HEAD"));
        }
        String pathInfo = (String) environ.getOrDefault(Environ.PATH_INFO, "");
        Path file = resolve(pathInfo);
        if (file != null && Files.isDirectory(file)) {
            if (!pathInfo.endsWith("/")) {
                return redirectToDirectory(environ, startResponse);
            }
            file = resolve(pathInfo + "index.html");
        } else if (pathInfo.endsWith("/")) {
            file = null; // a file is not a directory
        }
        if (file == null || !Files.isRegularFile(file)) {
            return Responses.plain(startResponse, "404 Not Found");
        }
        try {
            return serve(file, environ, startResponse, "HEAD".equals(method));
        } catch (NoSuchFileException e) {
            return Responses.plain(startResponse, "404 Not Found");
        }
    }

    /** The real path for {@code pathInfo} under the root, or null when there is none or it escapes. */
    Path resolve(String pathInfo) {
        String path = new String(pathInfo.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        Path p = root;
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if ((segment.startsWith(".") && !segment.equals(".well-known"))
                    || segment.indexOf('\\') >= 0
                    || segment.indexOf('\0') >= 0) {
                return null; // "..", hidden files, and separators of other systems
            }
            try {
                p = p.resolve(segment);
            } catch (InvalidPathException e) {
                return null;
            }
        }
        try {
            Path real = p.toRealPath();
            return real.startsWith(root) ? real : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static Iterable<byte[]> redirectToDirectory(Map<String, Object> environ, StartResponse startResponse)
            throws Exception {
        String query = (String) environ.getOrDefault(Environ.QUERY_STRING, "");
        String location = Util.requestUri(environ, false) + "/" + (query.isEmpty() ? "" : "?" + query);
        return Responses.plain(startResponse, "301 Moved Permanently", new Header("Location", location));
    }

    private static Iterable<byte[]> serve(
            Path file, Map<String, Object> environ, StartResponse startResponse, boolean head) throws Exception {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        long size = attributes.size();
        long modified = attributes.lastModifiedTime().toMillis();
        String etag = "\"" + Long.toHexString(modified) + "-" + Long.toHexString(size) + "\"";
        String lastModified = HttpDates.format(Math.floorDiv(modified, 1000));

        List<Header> headers = new ArrayList<>();
        headers.add(new Header("ETag", etag));
        headers.add(new Header("Last-Modified", lastModified));
        if (notModified(environ, etag, Math.floorDiv(modified, 1000))) {
            startResponse.start("304 Not Modified", headers);
            return List.of();
        }
        headers.add(new Header("Accept-Ranges", "bytes"));
        long[] range = ranges(environ, etag, lastModified, size);
        if (range == UNSATISFIABLE) {
            return Responses.plain(
                    startResponse, "416 Range Not Satisfiable", new Header("Content-Range", "bytes */" + size));
        }
        headers.add(new Header(
                "Content-Type", MimeTypes.forFileName(file.getFileName().toString())));
        long length = range == null ? size : range[1] - range[0] + 1;
        headers.add(new Header("Content-Length", Long.toString(length)));
        if (range != null) {
            headers.add(new Header("Content-Range", "bytes " + range[0] + "-" + range[1] + "/" + size));
        }
        startResponse.start(range == null ? "200 OK" : "206 Partial Content", headers);
        if (head) {
            return List.of();
        }
        FileInputStream in = new FileInputStream(file.toFile());
        InputStream body = in;
        if (range != null) {
            in.getChannel().position(range[0]);
            body = new RangeInputStream(in, length);
        }
        Object wrapper = environ.get(Environ.WSGI_FILE_WRAPPER);
        FileWrapper.Factory factory = wrapper instanceof FileWrapper.Factory f ? f : FileWrapper.FACTORY;
        return factory.wrap(body, BLOCK_SIZE);
    }

    /** RFC 9110 section 13.2.2: If-None-Match decides when present, else If-Modified-Since. */
    private static boolean notModified(Map<String, Object> environ, String etag, long modifiedSeconds) {
        Object ifNoneMatch = environ.get("HTTP_IF_NONE_MATCH");
        if (ifNoneMatch instanceof String tags) {
            for (String tag : tags.split(",")) {
                String t = tag.trim();
                if (t.equals("*") || weak(t).equals(weak(etag))) {
                    return true;
                }
            }
            return false;
        }
        Object ifModifiedSince = environ.get("HTTP_IF_MODIFIED_SINCE");
        if (ifModifiedSince instanceof String date) {
            long since = HttpDates.parse(date);
            return since >= 0 && modifiedSeconds <= since;
        }
        return false;
    }

    private static String weak(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }

    private static final long[] UNSATISFIABLE = new long[0];

    /**
     * The one byte range to send as {@code {first, last}}, {@code null} for the whole file, or
     * {@link #UNSATISFIABLE}.
     */
    private static long[] ranges(Map<String, Object> environ, String etag, String lastModified, long size) {
        Object header = environ.get("HTTP_RANGE");
        if (!(header instanceof String value)) {
            return null;
        }
        Object ifRange = environ.get("HTTP_IF_RANGE");
        if (ifRange instanceof String condition
                && !condition.trim().equals(etag)
                && !condition.trim().equals(lastModified)) {
            return null; // the client's copy is stale: send the whole file
        }
        String spec = value.trim();
        if (!spec.toLowerCase(Locale.ROOT).startsWith("bytes=")) {
            return null;
        }
        spec = spec.substring(6).trim();
        if (spec.indexOf(',') >= 0) {
            return null; // several ranges: documented policy, whole file
        }
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        String first = spec.substring(0, dash).trim();
        String last = spec.substring(dash + 1).trim();
        if (!digits(first) && !(first.isEmpty() && digits(last)) || !last.isEmpty() && !digits(last)) {
            return null;
        }
        if (first.isEmpty()) {
            long suffix = Long.parseLong(last);
            if (suffix == 0 || size == 0) {
                return UNSATISFIABLE;
            }
            return new long[] {Math.max(0, size - suffix), size - 1};
        }
        long start = Long.parseLong(first);
        long end = last.isEmpty() ? Long.MAX_VALUE : Long.parseLong(last);
        if (end < start) {
            return null; // invalid: ignored
        }
        if (start >= size) {
            return UNSATISFIABLE;
        }
        return new long[] {start, Math.min(end, size - 1)};
    }

    private static boolean digits(String s) {
        if (s.isEmpty() || s.length() > 18) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
