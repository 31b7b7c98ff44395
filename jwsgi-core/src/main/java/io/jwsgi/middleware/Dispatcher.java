package io.jwsgi.middleware;

import io.jwsgi.Application;
import io.jwsgi.Environ;
import io.jwsgi.StartResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Mounts applications under path prefixes: werkzeug's {@code DispatcherMiddleware} and Rack's
 * {@code URLMap}.
 *
 * <pre>{@code
 * Application site = Dispatcher.builder()
 *         .mount("/api", apiApp)                       // /api, /api/..., not /apix
 *         .mount("/static", new StaticFiles(Path.of("public")))
 *         .mount("/", frontApp)                        // everything else
 *         .build();
 * }</pre>
 *
 * <p>A request goes to the application with the longest prefix that matches {@code PATH_INFO}
 * at a segment boundary: {@code /api} matches {@code /api} and {@code /api/users} but not {@code
 * /apis}. The matched prefix moves from {@code PATH_INFO} to the end of {@code SCRIPT_NAME}, so for
 * {@code /api/users} the API application sees {@code SCRIPT_NAME="/api"}, {@code
 * PATH_INFO="/users"} (and {@code PATH_INFO=""} for {@code /api} itself). A prefix of {@code "/"}
 * or {@code ""} mounts the default application, which sees the request unchanged. Without a
 * default application, unmatched requests get 404 Not Found. Prefixes are compared with the
 * decoded {@code PATH_INFO} (bytes in a string), exactly and case-sensitively.
 */
public final class Dispatcher implements Application {

    private final Map<String, Application> mounts;

    private Dispatcher(Map<String, Application> mounts) {
        this.mounts = Map.copyOf(mounts);
    }

    /**
     * Starts a dispatcher.
     *
     * @return a builder with no mounts
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Iterable<byte[]> call(Map<String, Object> environ, StartResponse startResponse) throws Exception {
        String script = (String) environ.getOrDefault(Environ.PATH_INFO, "");
        String pathInfo = "";
        Application app;
        while (true) {
            app = mounts.get(script);
            int slash = script.lastIndexOf('/');
            if (app != null || slash < 0) {
                break;
            }
            pathInfo = script.substring(slash) + pathInfo;
            script = script.substring(0, slash);
        }
        if (app == null) {
            return Responses.plain(startResponse, "404 Not Found");
        }
        environ.put(Environ.SCRIPT_NAME, environ.getOrDefault(Environ.SCRIPT_NAME, "") + script);
        environ.put(Environ.PATH_INFO, pathInfo);
        return app.call(environ, startResponse);
    }

    /** Collects the mounts of a {@link Dispatcher}. */
    public static final class Builder {

        private final Map<String, Application> mounts = new HashMap<>();

        private Builder() {}

        /**
         * Mounts an application under a prefix.
         *
         * @param prefix {@code "/"} or {@code ""} for the default application, else a path that
         *     starts with {@code /}; a trailing slash is ignored
         * @param app the application
         * @return this builder
         * @throws IllegalArgumentException if the prefix does not start with {@code /} or is
         *     already mounted
         */
        public Builder mount(String prefix, Application app) {
            Objects.requireNonNull(prefix, "prefix");
            Objects.requireNonNull(app, "app");
            if (!prefix.isEmpty() && !prefix.startsWith("/")) {
                throw new IllegalArgumentException("a mount prefix starts with /: " + prefix);
            }
            String key = prefix;
            while (key.endsWith("/")) {
                key = key.substring(0, key.length() - 1);
            }
            if (mounts.putIfAbsent(key, app) != null) {
                throw new IllegalArgumentException("already mounted: " + (key.isEmpty() ? "/" : key));
            }
            return this;
        }

        /**
         * Builds the dispatcher. Later changes to this builder do not affect it.
         *
         * @return the dispatcher
         */
        public Dispatcher build() {
            return new Dispatcher(mounts);
        }
    }
}
