package io.jwsgi;

/**
 * The keys of a JWSGI environ, as constants.
 *
 * <p>CGI keys (no dot) hold {@code String} values of "bytes in a string": one char per byte of
 * the request, 0–255. {@code wsgi.*} keys keep PEP 3333's names with the Java types given on each
 * constant. Extension keys of this project start with {@code jwsgi.}.
 */
public final class Environ {

    private Environ() {}

    /** {@code REQUEST_METHOD}: the HTTP method, for example {@code GET}. Required. */
    public static final String REQUEST_METHOD = "REQUEST_METHOD";

    /** {@code SCRIPT_NAME}: where the application is mounted; may be empty. Required. */
    public static final String SCRIPT_NAME = "SCRIPT_NAME";

    /** {@code PATH_INFO}: the rest of the path, percent-decoded, bytes in a string. */
    public static final String PATH_INFO = "PATH_INFO";

    /** {@code QUERY_STRING}: the raw query after {@code ?}, undecoded; may be empty. */
    public static final String QUERY_STRING = "QUERY_STRING";

    /** {@code CONTENT_TYPE}: the request's Content-Type header, if any. */
    public static final String CONTENT_TYPE = "CONTENT_TYPE";

    /** {@code CONTENT_LENGTH}: the request's Content-Length header, if any. */
    public static final String CONTENT_LENGTH = "CONTENT_LENGTH";

    /** {@code SERVER_NAME}: the server's host name. Required. */
    public static final String SERVER_NAME = "SERVER_NAME";

    /** {@code SERVER_PORT}: the server's port, as a string. Required. */
    public static final String SERVER_PORT = "SERVER_PORT";

    /** {@code SERVER_PROTOCOL}: the request's protocol, for example {@code HTTP/1.1}. Required. */
    public static final String SERVER_PROTOCOL = "SERVER_PROTOCOL";

    /** {@code SERVER_SOFTWARE}: the server's name and version. */
    public static final String SERVER_SOFTWARE = "SERVER_SOFTWARE";

    /** {@code GATEWAY_INTERFACE}: {@code CGI/1.1}. */
    public static final String GATEWAY_INTERFACE = "GATEWAY_INTERFACE";

    /** {@code REMOTE_ADDR}: the client's address. */
    public static final String REMOTE_ADDR = "REMOTE_ADDR";

    /** {@code REMOTE_HOST}: the client's host name, when known. */
    public static final String REMOTE_HOST = "REMOTE_HOST";

    /** {@code REMOTE_PORT}: the client's port, as a string. */
    public static final String REMOTE_PORT = "REMOTE_PORT";

    /** {@code REMOTE_USER}: the authenticated user, when the container authenticated one. */
    public static final String REMOTE_USER = "REMOTE_USER";

    /** {@code AUTH_TYPE}: the authentication scheme, when the container authenticated one. */
    public static final String AUTH_TYPE = "AUTH_TYPE";

    /** {@code HTTPS}: {@code "on"} (or {@code "1"}, {@code "yes"}) for a secure request. */
    public static final String HTTPS = "HTTPS";

    /** {@code HTTP_HOST}: the request's Host header. */
    public static final String HTTP_HOST = "HTTP_HOST";

    /** {@code wsgi.version}: {@code List.of(1, 0)}. */
    public static final String WSGI_VERSION = "wsgi.version";

    /** {@code wsgi.url_scheme}: {@code "http"} or {@code "https"}. */
    public static final String WSGI_URL_SCHEME = "wsgi.url_scheme";

    /** {@code wsgi.input}: a {@link java.io.InputStream} of the request body that ends at its end. */
    public static final String WSGI_INPUT = "wsgi.input";

    /** {@code wsgi.input_terminated}: {@link Boolean#TRUE} when {@code wsgi.input} reaches EOF. */
    public static final String WSGI_INPUT_TERMINATED = "wsgi.input_terminated";

    /** {@code wsgi.errors}: a {@link java.io.PrintStream} for the application's error output. */
    public static final String WSGI_ERRORS = "wsgi.errors";

    /** {@code wsgi.multithread}: a {@link Boolean}. */
    public static final String WSGI_MULTITHREAD = "wsgi.multithread";

    /** {@code wsgi.multiprocess}: a {@link Boolean}. */
    public static final String WSGI_MULTIPROCESS = "wsgi.multiprocess";

    /** {@code wsgi.run_once}: a {@link Boolean}. */
    public static final String WSGI_RUN_ONCE = "wsgi.run_once";

    /** {@code wsgi.file_wrapper}: an optional {@code io.jwsgi.util.FileWrapper.Factory}. */
    public static final String WSGI_FILE_WRAPPER = "wsgi.file_wrapper";

    /**
     * The value of a request header field as it goes into its {@code HTTP_*} variable: stripped
     * as wsgiref's {@code v.strip()} strips it, so besides SP and HTAB the Latin-1 chars Python
     * counts as whitespace go too, NEL (0x85) and NO-BREAK SPACE (0xA0) among them. Servers of
     * this project (the standalone server and the servlet bridge) use it, so that their environs
     * agree with wsgiref's and with each other.
     *
     * @param value a field value, bytes in a string
     * @return the value without leading and trailing Python whitespace
     */
    public static String stripHeaderValue(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && isPythonSpace(value.charAt(start))) {
            start++;
        }
        while (end > start && isPythonSpace(value.charAt(end - 1))) {
            end--;
        }
        return start == 0 && end == value.length() ? value : value.substring(start, end);
    }

    /** Python's {@code str.isspace()} for chars 0-255. */
    private static boolean isPythonSpace(char c) {
        return c == ' '
                || (c >= '\t' && c <= '\r')
                || (c >= '\u001c' && c <= '\u001f')
                || c == '\u0085'
                || c == '\u00a0';
    }
}
