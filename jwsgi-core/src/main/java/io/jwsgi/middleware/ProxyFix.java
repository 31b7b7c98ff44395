package io.jwsgi.middleware;

import io.jwsgi.Application;
import io.jwsgi.Environ;
import io.jwsgi.StartResponse;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Takes the client's address, scheme, host, port and path prefix from the {@code X-Forwarded-*}
 * headers set by reverse proxies in front of the application: werkzeug's {@code ProxyFix}, with
 * its semantics.
 *
 * <pre>{@code
 * // behind one nginx that sets X-Forwarded-For, -Proto and -Host:
 * Application app = new ProxyFix(myApp, 1, 1, 1, 0, 0);
 * }</pre>
 *
 * <p>Each count says how many proxies are trusted to set that header; 0 ignores it. The header
 * is a comma-separated list to which every proxy appends, so with a count of {@code n} the value
 * used is the {@code n}-th from the right; when the list is shorter, the header is ignored
 * (whatever is further left was written by the client and cannot be trusted). Set the counts to
 * exactly the number of proxies that set each header: too high lets clients spoof values.
 *
 * <ul>
 *   <li>{@code X-Forwarded-For} → {@code REMOTE_ADDR}
 *   <li>{@code X-Forwarded-Proto} → {@code wsgi.url_scheme}
 *   <li>{@code X-Forwarded-Host} → {@code HTTP_HOST} and {@code SERVER_NAME} (and {@code
 *       SERVER_PORT} when the host carries a port; an IPv6 literal in brackets is kept whole)
 *   <li>{@code X-Forwarded-Port} → {@code SERVER_PORT}, and the port of {@code HTTP_HOST}
 *   <li>{@code X-Forwarded-Prefix} → {@code SCRIPT_NAME} (trailing slashes removed, so a prefix
 *       of {@code /} becomes {@code ""}; werkzeug keeps them)
 * </ul>
 *
 * <p>The values before the change are kept in the environ under {@link #ORIGINAL} (werkzeug's
 * {@code werkzeug.proxy_fix.orig}): an unmodifiable map with the keys {@code REMOTE_ADDR}, {@code
 * wsgi.url_scheme}, {@code HTTP_HOST}, {@code SERVER_NAME}, {@code SERVER_PORT} and {@code
 * SCRIPT_NAME} (values may be null when the server did not set them).
 */
public final class ProxyFix implements Application {

    /** The environ key of the map of original values. */
    public static final String ORIGINAL = "jwsgi.proxy_fix.orig";

    private final Application app;
    private final int xFor;
    private final int xProto;
    private final int xHost;
    private final int xPort;
    private final int xPrefix;

    /**
     * Trusts one proxy for {@code X-Forwarded-For} and {@code X-Forwarded-Proto} and ignores the
     * others, as werkzeug's defaults do.
     *
     * @param app the application behind the proxy
     */
    public ProxyFix(Application app) {
        this(app, 1, 1, 0, 0, 0);
    }

    /**
     * Trusts the given number of proxies for each header.
     *
     * @param app the application behind the proxies
     * @param xFor proxies trusted for {@code X-Forwarded-For}
     * @param xProto proxies trusted for {@code X-Forwarded-Proto}
     * @param xHost proxies trusted for {@code X-Forwarded-Host}
     * @param xPort proxies trusted for {@code X-Forwarded-Port}
     * @param xPrefix proxies trusted for {@code X-Forwarded-Prefix}
     * @throws IllegalArgumentException if a count is negative
     */
    public ProxyFix(Application app, int xFor, int xProto, int xHost, int xPort, int xPrefix) {
        this.app = Objects.requireNonNull(app, "app");
        if (xFor < 0 || xProto < 0 || xHost < 0 || xPort < 0 || xPrefix < 0) {
            throw new IllegalArgumentException("proxy counts must not be negative");
        }
        this.xFor = xFor;
        this.xProto = xProto;
        this.xHost = xHost;
        this.xPort = xPort;
        this.xPrefix = xPrefix;
    }

    @Override
    public Iterable<byte[]> call(Map<String, Object> environ, StartResponse startResponse) throws Exception {
        Map<String, Object> original = new HashMap<>();
        for (String key : new String[] {
            Environ.REMOTE_ADDR,
            Environ.WSGI_URL_SCHEME,
            Environ.HTTP_HOST,
            Environ.SERVER_NAME,
            Environ.SERVER_PORT,
            Environ.SCRIPT_NAME
        }) {
            original.put(key, environ.get(key));
        }
        environ.put(ORIGINAL, Collections.unmodifiableMap(original));

        String forwardedFor = trusted(xFor, environ.get("HTTP_X_FORWARDED_FOR"));
        if (forwardedFor != null) {
            environ.put(Environ.REMOTE_ADDR, forwardedFor);
        }
        String proto = trusted(xProto, environ.get("HTTP_X_FORWARDED_PROTO"));
        if (proto != null) {
            environ.put(Environ.WSGI_URL_SCHEME, proto);
        }
        String host = trusted(xHost, environ.get("HTTP_X_FORWARDED_HOST"));
        if (host != null) {
            environ.put(Environ.HTTP_HOST, host);
            environ.put(Environ.SERVER_NAME, host);
            int colon = portColon(host);
            if (colon >= 0) {
                environ.put(Environ.SERVER_NAME, host.substring(0, colon));
                environ.put(Environ.SERVER_PORT, host.substring(colon + 1));
            }
        }
        String port = trusted(xPort, environ.get("HTTP_X_FORWARDED_PORT"));
        if (port != null) {
            Object httpHost = environ.get(Environ.HTTP_HOST);
            if (httpHost instanceof String h && !h.isEmpty()) {
                int colon = portColon(h);
                environ.put(Environ.HTTP_HOST, (colon >= 0 ? h.substring(0, colon) : h) + ":" + port);
            }
            environ.put(Environ.SERVER_PORT, port);
        }
        String prefix = trusted(xPrefix, environ.get("HTTP_X_FORWARDED_PREFIX"));
        if (prefix != null) {
            while (prefix.endsWith("/")) {
                prefix = prefix.substring(0, prefix.length() - 1);
            }
            environ.put(Environ.SCRIPT_NAME, prefix);
        }
        return app.call(environ, startResponse);
    }

    /** The {@code trusted}-th value from the right of a comma-separated header, or null. */
    static String trusted(int trusted, Object header) {
        if (trusted == 0 || !(header instanceof String value) || value.isEmpty()) {
            return null;
        }
        String[] values = value.split(",", -1);
        if (values.length < trusted) {
            return null;
        }
        String chosen = values[values.length - trusted].trim();
        return chosen.isEmpty() ? null : chosen;
    }

    /** The index of the colon before a port in {@code host:port}, or -1 (IPv6 literals kept whole). */
    private static int portColon(String host) {
        int colon = host.lastIndexOf(':');
        return colon >= 0 && !host.endsWith("]") ? colon : -1;
    }
}
