/**
 * Middleware and small applications beyond wsgiref, in the spirit of werkzeug and Rack:
 * {@link io.jwsgi.middleware.Dispatcher} (mount applications under path prefixes), {@link
 * io.jwsgi.middleware.ProxyFix} (trust {@code X-Forwarded-*} from a known number of proxies),
 * {@link io.jwsgi.middleware.StaticFiles} (serve a directory) and {@link
 * io.jwsgi.middleware.Gzip} (compress responses). All are plain {@link io.jwsgi.Application}s
 * with no dependencies.
 */
package io.jwsgi.middleware;
