package io.jwsgi.sample;

import io.jwsgi.Application;
import io.jwsgi.StartResponse;
import io.jwsgi.util.Util;
import java.util.Map;
import java.util.Objects;

/**
 * Middleware that picks an application by the first segment of {@code PATH_INFO}: a request for
 * {@code /static/style.css} goes to the application mounted at {@code "static"}, which then sees
 * SCRIPT_NAME end in {@code /static} and PATH_INFO {@code /style.css} ({@link
 * Util#shiftPathInfo}). Everything else goes to the fallback application, untouched.
 *
 * <pre>{@code
 * Application site = new PathDispatch(page, Map.of("static", new Assets()));
 * }</pre>
 */
final class PathDispatch implements Application {

    private final Application fallback;
    private final Map<String, Application> mounts;

    /**
     * @param fallback the application for paths whose first segment is not mounted
     * @param mounts applications by first path segment (a segment holds no {@code /})
     */
    PathDispatch(Application fallback, Map<String, Application> mounts) {
        this.fallback = Objects.requireNonNull(fallback, "fallback");
        this.mounts = Map.copyOf(mounts);
        for (String segment : this.mounts.keySet()) {
            if (segment.isEmpty() || segment.contains("/") || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("not a path segment: \"" + segment + "\"");
            }
        }
    }

    @Override
    public Iterable<byte[]> call(Map<String, Object> environ, StartResponse startResponse) throws Exception {
        String path = Http.pathInfo(environ);
        if (path.startsWith("/")) {
            int end = path.indexOf('/', 1);
            Application mounted = mounts.get(end < 0 ? path.substring(1) : path.substring(1, end));
            if (mounted != null) {
                Util.shiftPathInfo(environ);
                return mounted.call(environ, startResponse);
            }
        }
        return fallback.call(environ, startResponse);
    }
}
