package io.jwsgi.validate;

import static io.jwsgi.validate.Violations.fail;
import static io.jwsgi.validate.Violations.quote;
import static io.jwsgi.validate.Violations.typeOf;
import static io.jwsgi.validate.Violations.warn;

import io.jwsgi.Environ;
import io.jwsgi.util.FileWrapper;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The checks a server's environ must pass before the application sees it. */
final class EnvironChecks {

    /** The keys PEP 3333 requires (wsgiref.validate's list). */
    static final List<String> REQUIRED_KEYS = List.of(
            Environ.REQUEST_METHOD,
            Environ.SERVER_NAME,
            Environ.SERVER_PORT,
            Environ.WSGI_VERSION,
            Environ.WSGI_INPUT,
            Environ.WSGI_ERRORS,
            Environ.WSGI_MULTITHREAD,
            Environ.WSGI_MULTIPROCESS,
            Environ.WSGI_RUN_ONCE);

    /** The methods wsgiref.validate knows; others only draw a warning. */
    static final Set<String> KNOWN_METHODS =
            Set.of("GET", "HEAD", "POST", "OPTIONS", "PATCH", "PUT", "DELETE", "TRACE");

    /** CGI keys whose values come from the request and so must be bytes in a string. */
    private static final Set<String> REQUEST_DERIVED = Set.of(
            Environ.REQUEST_METHOD,
            Environ.SCRIPT_NAME,
            Environ.PATH_INFO,
            Environ.QUERY_STRING,
            Environ.CONTENT_TYPE,
            Environ.CONTENT_LENGTH,
            Environ.SERVER_PROTOCOL);

    private EnvironChecks() {}

    /** Checks {@code environ}; throws {@link AssertionError} on the first violation. */
    static void check(Map<String, Object> environ) {
        if (environ == null) {
            throw fail("The environ is null");
        }
        if (environ.getClass() != HashMap.class) {
            throw fail("The environ must be exactly a java.util.HashMap, not " + typeOf(environ));
        }
        for (String key : REQUIRED_KEYS) {
            if (!environ.containsKey(key)) {
                throw fail("The environ is missing the required key " + quote(key));
            }
        }
        for (String key : List.of("HTTP_CONTENT_TYPE", "HTTP_CONTENT_LENGTH")) {
            if (environ.containsKey(key)) {
                throw fail("The environ must not have the key " + key + " (use " + key.substring(5) + " instead)");
            }
        }
        if (!environ.containsKey(Environ.QUERY_STRING)) {
            warn("QUERY_STRING is not in the environ; applications that parse the query may fail");
        }
        checkCgiValues(environ);
        checkWsgiValues(environ);
        checkMethod((String) environ.get(Environ.REQUEST_METHOD));
        checkPaths(environ);
        Object length = environ.get(Environ.CONTENT_LENGTH);
        if (length != null && !((String) length).isEmpty() && !HttpChars.isDigits((String) length)) {
            throw fail("CONTENT_LENGTH must be a non-negative decimal integer, got " + quote(length));
        }
    }

    private static void checkCgiValues(Map<String, Object> environ) {
        for (Map.Entry<String, Object> e : environ.entrySet()) {
            String key = e.getKey();
            if (key == null) {
                throw fail("The environ has a null key");
            }
            if (key.indexOf('.') >= 0) {
                continue; // an extension key: its type is its own business
            }
            Object value = e.getValue();
            if (!(value instanceof String s)) {
                throw fail("The CGI variable " + key + " must be a String, got " + typeOf(value) + " (value: "
                        + quote(value) + ")");
            }
            if ((REQUEST_DERIVED.contains(key) || key.startsWith("HTTP_")) && HttpChars.firstNonLatin1Char(s) >= 0) {
                throw fail("The CGI variable " + key + " must be bytes in a string (chars 0-255), got " + quote(s));
            }
        }
    }

    private static void checkWsgiValues(Map<String, Object> environ) {
        Object version = environ.get(Environ.WSGI_VERSION);
        if (!(version instanceof List<?> list)
                || list.size() != 2
                || !(list.get(0) instanceof Integer)
                || !(list.get(1) instanceof Integer)) {
            throw fail("wsgi.version must be a List of two Integers such as List.of(1, 0), got " + typeOf(version) + " "
                    + version);
        }
        if (!list.equals(List.of(1, 0))) {
            warn("wsgi.version is " + list + "; this validator knows JWSGI 1.0 (List.of(1, 0))");
        }
        requireType(environ, Environ.WSGI_URL_SCHEME, String.class, false);
        Object scheme = environ.get(Environ.WSGI_URL_SCHEME);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            warn("wsgi.url_scheme is neither \"http\" nor \"https\": " + quote(scheme));
        }
        requireType(environ, Environ.WSGI_INPUT, InputStream.class, false);
        requireType(environ, Environ.WSGI_ERRORS, PrintStream.class, false);
        requireType(environ, Environ.WSGI_MULTITHREAD, Boolean.class, false);
        requireType(environ, Environ.WSGI_MULTIPROCESS, Boolean.class, false);
        requireType(environ, Environ.WSGI_RUN_ONCE, Boolean.class, false);
        requireType(environ, Environ.WSGI_INPUT_TERMINATED, Boolean.class, true);
        requireType(environ, Environ.WSGI_FILE_WRAPPER, FileWrapper.Factory.class, true);
    }

    /** Checks that {@code environ[key]} is an instance of {@code type} (or absent, if optional). */
    static void requireType(Map<String, Object> environ, String key, Class<?> type, boolean optional) {
        if (!environ.containsKey(key)) {
            if (optional) {
                return;
            }
            throw fail("The environ is missing the required key " + quote(key));
        }
        Object value = environ.get(key);
        if (!type.isInstance(value)) {
            throw fail(key + " must be a " + type.getName() + ", got " + typeOf(value));
        }
    }

    private static void checkMethod(String method) {
        if (!HttpChars.isToken(method)) {
            throw fail("REQUEST_METHOD must be an HTTP token, got " + quote(method));
        }
        if (!KNOWN_METHODS.contains(method)) {
            warn("Unknown REQUEST_METHOD: " + quote(method));
        }
    }

    private static void checkPaths(Map<String, Object> environ) {
        String scriptName = (String) environ.getOrDefault(Environ.SCRIPT_NAME, "");
        String pathInfo = (String) environ.getOrDefault(Environ.PATH_INFO, "");
        if (!scriptName.isEmpty() && !scriptName.startsWith("/")) {
            throw fail("SCRIPT_NAME doesn't start with /: " + quote(scriptName));
        }
        if (!pathInfo.isEmpty() && !pathInfo.startsWith("/")) {
            throw fail("PATH_INFO doesn't start with /: " + quote(pathInfo));
        }
        if (scriptName.equals("/")) {
            throw fail("SCRIPT_NAME cannot be \"/\"; it should instead be \"\", and PATH_INFO should be \"/\"");
        }
        if (scriptName.isEmpty() && pathInfo.isEmpty()) {
            throw fail("One of SCRIPT_NAME or PATH_INFO must be non-empty (PATH_INFO should at least be \"/\""
                    + " if SCRIPT_NAME is empty)");
        }
    }
}
