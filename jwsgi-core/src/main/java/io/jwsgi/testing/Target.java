package io.jwsgi.testing;

import java.util.Locale;

/**
 * A request target split into the parts an environ needs: scheme, host, port, whether the port was
 * explicit, the raw path and the raw query. The fragment is dropped. {@link
 * io.jwsgi.util.EnvironBuilder} turns them into CGI variables.
 */
record Target(String scheme, String host, int port, boolean explicitPort, String path, String query) {

    /** Parses {@code /path?query} or {@code http(s)://host[:port]/path?query}. */
    static Target parse(String target) {
        if (target == null) {
            throw new NullPointerException("target");
        }
        int hash = target.indexOf('#');
        String t = hash >= 0 ? target.substring(0, hash) : target;
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            String scheme = lower.substring(0, lower.indexOf(':'));
            String rest = t.substring(scheme.length() + 3);
            int end = firstOf(rest, "/?");
            String authority = rest.substring(0, end);
            String pathAndQuery = rest.substring(end);
            if (!pathAndQuery.startsWith("/")) {
                pathAndQuery = "/" + pathAndQuery;
            }
            int colon = authority.lastIndexOf(':');
            boolean explicitPort = colon > authority.lastIndexOf(']');
            String host = explicitPort ? authority.substring(0, colon) : authority;
            int port =
                    explicitPort ? Integer.parseInt(authority.substring(colon + 1)) : scheme.equals("https") ? 443 : 80;
            if (host.isEmpty()) {
                throw new IllegalArgumentException("no host in " + target);
            }
            return of(scheme, host.toLowerCase(Locale.ROOT), port, explicitPort, pathAndQuery);
        }
        if (!t.startsWith("/")) {
            throw new IllegalArgumentException(
                    "a target is a path starting with / or an absolute http(s) URL: " + target);
        }
        return of("http", "localhost", 80, false, t);
    }

    private static Target of(String scheme, String host, int port, boolean explicitPort, String pathAndQuery) {
        int question = pathAndQuery.indexOf('?');
        String path = question >= 0 ? pathAndQuery.substring(0, question) : pathAndQuery;
        String query = question >= 0 ? pathAndQuery.substring(question + 1) : "";
        return new Target(scheme, host, port, explicitPort, path, query);
    }

    private static int firstOf(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return s.length();
    }

    /** Resolves a Location header against this target. */
    Target resolve(String location) {
        String lower = location.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            return parse(location);
        }
        if (location.startsWith("//")) {
            return parse(scheme + ":" + location);
        }
        String authority = scheme + "://" + hostHeader();
        if (location.startsWith("/")) {
            return parse(authority + location);
        }
        if (location.startsWith("?")) {
            return parse(authority + path + location);
        }
        return parse(authority + path.substring(0, path.lastIndexOf('/') + 1) + location);
    }

    /** The Host header: the host, with the port when the target named one. */
    String hostHeader() {
        return explicitPort ? host + ":" + port : host;
    }
}
