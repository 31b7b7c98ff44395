package io.jwsgi.simpleserver.http1;

/**
 * A parsed request line: {@code method SP request-target SP HTTP-version}.
 *
 * @param method the method, an uppercase token
 * @param target the raw request-target, bytes in a string
 * @param version {@code "HTTP/1.0"} or {@code "HTTP/1.1"}
 * @param raw the whole line without CRLF (for the access log)
 */
public record RequestLine(String method, String target, String version, String raw) {

    static final String HTTP_1_0 = "HTTP/1.0";
    static final String HTTP_1_1 = "HTTP/1.1";

    /** The shortest and longest method accepted (gunicorn's policy: 3 to 20 characters). */
    static final int MIN_METHOD = 3;

    static final int MAX_METHOD = 20;

    public boolean isHttp11() {
        return version.equals(HTTP_1_1);
    }

    /**
     * Parses a request line (without its CRLF).
     *
     * @throws RequestException 400 for anything malformed, 505 for a well-formed but unsupported
     *     version
     */
    static RequestLine parse(String line) throws RequestException {
        int sp1 = line.indexOf(' ');
        int sp2 = sp1 < 0 ? -1 : line.indexOf(' ', sp1 + 1);
        if (sp1 < 0 || sp2 < 0 || line.indexOf(' ', sp2 + 1) >= 0) {
            throw RequestException.badRequest("request line is not 'METHOD SP target SP version'");
        }
        String method = line.substring(0, sp1);
        checkMethod(method);
        String target = line.substring(sp1 + 1, sp2);
        checkTarget(method, target);
        String version = parseVersion(line.substring(sp2 + 1));
        return new RequestLine(method, target, version, line);
    }

    private static void checkMethod(String method) throws RequestException {
        if (method.length() < MIN_METHOD || method.length() > MAX_METHOD) {
            throw RequestException.badRequest("method must be 3 to 20 characters");
        }
        for (int i = 0; i < method.length(); i++) {
            char c = method.charAt(i);
            if (!HttpChars.isTchar(c) || (c >= 'a' && c <= 'z') || c == '#') {
                throw RequestException.badRequest("method must be an uppercase token");
            }
        }
    }

    private static void checkTarget(String method, String target) throws RequestException {
        if (target.isEmpty()) {
            throw RequestException.badRequest("empty request-target");
        }
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c <= 0x20 || c == 0x7F) {
                throw RequestException.badRequest("control character in request-target");
            }
        }
        boolean connect = method.equals("CONNECT");
        char first = target.charAt(0);
        if (connect) {
            if (!RequestTarget.isAuthority(target, true)) {
                throw RequestException.badRequest("CONNECT needs an authority-form target (host:port)");
            }
            return;
        }
        if (first == '/') {
            return;
        }
        if (target.equals("*")) {
            if (!method.equals("OPTIONS")) {
                throw RequestException.badRequest("'*' target is only allowed with OPTIONS");
            }
            return;
        }
        int schemeEnd = RequestTarget.schemeEnd(target);
        if (schemeEnd < 0) {
            throw RequestException.badRequest("request-target is neither origin-form nor absolute-form");
        }
        int authorityStart = schemeEnd + 3;
        int authorityEnd = RequestTarget.authorityEnd(target, authorityStart);
        if (!RequestTarget.isAuthority(target.substring(authorityStart, authorityEnd), false)) {
            throw RequestException.badRequest("malformed authority in an absolute-form target");
        }
    }

    private static String parseVersion(String v) throws RequestException {
        if (v.equals(HTTP_1_1)) {
            return HTTP_1_1;
        }
        if (v.equals(HTTP_1_0)) {
            return HTTP_1_0;
        }
        if (v.length() == 8
                && v.startsWith("HTTP/")
                && Character.isDigit(v.charAt(5))
                && v.charAt(6) == '.'
                && Character.isDigit(v.charAt(7))) {
            throw new RequestException(505, "unsupported HTTP version " + v);
        }
        throw RequestException.badRequest("malformed HTTP version");
    }
}
