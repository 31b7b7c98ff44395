package io.jwsgi.spring;

import java.util.Objects;

/** Mount paths: validation, and the servlet mapping and path pattern derived from one. */
final class MountPath {

    /** The root mount. */
    static final String ROOT = "/";

    private MountPath() {}

    /**
     * Checks and normalizes a configured mount path: it starts with {@code /}, holds only the
     * visible ASCII characters of a URL path without {@code %}, {@code *}, {@code ?}, {@code #},
     * {@code ;} or {@code \}, has no empty, {@code .} or {@code ..} segment, and loses a
     * trailing {@code /} (except the root itself).
     */
    static String normalize(String property, String path) {
        Objects.requireNonNull(path, property);
        String p = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        if (!p.startsWith("/")) {
            throw new IllegalArgumentException(property + " must start with '/' but was '" + path + "'");
        }
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c <= ' ' || c >= 0x7F || "%*?#;\\".indexOf(c) >= 0) {
                throw new IllegalArgumentException(
                        property + " may hold only plain URL path characters (no %, *, ?, #, ;, \\, space"
                                + " or non-ASCII) but was '" + path + "'");
            }
        }
        if (!p.equals(ROOT)) {
            for (String segment : p.substring(1).split("/", -1)) {
                if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                    throw new IllegalArgumentException(
                            property + " must not hold empty, '.' or '..' segments but was '" + path + "'");
                }
            }
        }
        return p;
    }

    /** The servlet mapping of a mount below the root: {@code /shop} → {@code /shop/*}. */
    static String servletMapping(String path) {
        return path.equals(ROOT) ? ROOT : path + "/*";
    }

    /** The path pattern that metrics and observations report: {@code /shop} → {@code /shop/**}. */
    static String pattern(String path) {
        return path.equals(ROOT) ? "/**" : path + "/**";
    }
}
