package io.jwsgi.simpleserver.http1;

/**
 * Splits a request-target into its raw path (which {@link io.jwsgi.util.EnvironBuilder#path}
 * percent-decodes into {@code PATH_INFO}) and the raw query ({@code QUERY_STRING}). A {@code
 * #fragment} is dropped; an absolute-form target ({@code http://host/p?q}) is reduced to its path
 * and query.
 *
 * @param rawPath the path as sent, still percent-encoded, bytes in a string
 * @param query the raw query, without {@code ?}; empty if none
 */
public record RequestTarget(String rawPath, String query) {

    public static RequestTarget parse(String target) {
        int hash = target.indexOf('#');
        if (hash >= 0) {
            target = target.substring(0, hash);
        }
        int start = 0;
        if (!target.isEmpty() && target.charAt(0) != '/' && !target.equals("*")) {
            int schemeEnd = schemeEnd(target);
            if (schemeEnd >= 0) {
                start = authorityEnd(target, schemeEnd + 3);
            }
        }
        int q = target.indexOf('?', start);
        String rawPath = q < 0 ? target.substring(start) : target.substring(start, q);
        String query = q < 0 ? "" : target.substring(q + 1);
        if (rawPath.isEmpty() && start > 0) {
            rawPath = "/";
        }
        return new RequestTarget(rawPath, query);
    }

    /**
     * The index of {@code ':'} in {@code scheme "://"} at the start of an absolute-form target, or
     * -1 if the target does not start with a scheme and {@code ://}.
     */
    static int schemeEnd(String target) {
        int colon = target.indexOf(':');
        if (colon < 1 || !target.startsWith("//", colon + 1)) {
            return -1;
        }
        for (int i = 0; i < colon; i++) {
            char c = target.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'));
            if (!ok) {
                return -1;
            }
        }
        return colon;
    }

    /** The end of the authority that starts at {@code from}: the next '/', '?' or the end. */
    static int authorityEnd(String target, int from) {
        int i = from;
        while (i < target.length() && target.charAt(i) != '/' && target.charAt(i) != '?') {
            i++;
        }
        return i;
    }

    /**
     * True for an RFC 3986 authority: {@code [userinfo "@"] host [":" port]}, the host a non-empty
     * reg-name or IPv4 address, or an IP literal in brackets.
     *
     * @param requirePort true for CONNECT's authority-form, which needs {@code host:port}
     */
    static boolean isAuthority(String authority, boolean requirePort) {
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            if (requirePort || !allChars(authority, 0, at, ":")) {
                return false;
            }
        }
        int hostStart = at + 1;
        int hostEnd;
        if (hostStart < authority.length() && authority.charAt(hostStart) == '[') {
            int close = authority.indexOf(']', hostStart);
            if (close < 0) {
                return false;
            }
            for (int i = hostStart + 1; i < close; i++) {
                char c = authority.charAt(i);
                if (HttpChars.hexValue(c) < 0 && c != ':' && c != '.' && c != 'v' && c != 'V') {
                    return false;
                }
            }
            hostEnd = close + 1;
            if (hostEnd == hostStart + 2) {
                return false;
            }
        } else {
            int colon = authority.indexOf(':', hostStart);
            hostEnd = colon < 0 ? authority.length() : colon;
            if (hostEnd == hostStart || !allChars(authority, hostStart, hostEnd, "")) {
                return false;
            }
        }
        if (hostEnd == authority.length()) {
            return !requirePort;
        }
        if (authority.charAt(hostEnd) != ':') {
            return false;
        }
        for (int i = hostEnd + 1; i < authority.length(); i++) {
            char c = authority.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return !requirePort || hostEnd + 1 < authority.length();
    }

    /** True if {@code s[from, to)} holds only unreserved, sub-delims, '%' and {@code extra} chars. */
    private static boolean allChars(String s, int from, int to, String extra) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || "-._~!$&'()*+,;=%".indexOf(c) >= 0
                    || extra.indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
