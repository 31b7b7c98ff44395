package io.jwsgi.validate;

import static io.jwsgi.validate.Violations.fail;

import io.jwsgi.Application;
import io.jwsgi.Environ;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.Objects;

/**
 * Checks that a server and an application both keep the JWSGI contract: the Java port of Python's
 * {@code wsgiref.validate}.
 *
 * <p>{@link #validator(Application)} returns an application that sits between the server and the
 * wrapped application, changes nothing, and throws {@link AssertionError} with a message saying
 * exactly what is wrong as soon as either side breaks the contract. Questionable but legal use
 * (an unknown method, a missing {@code QUERY_STRING}, a scheme other than http/https, a response
 * iterable that was never closed) is logged as a warning through the {@link System.Logger} named
 * {@code io.jwsgi.validate}. The checks are real code, independent of Java's {@code -ea}.
 *
 * <pre>{@code
 * Application checked = Validator.validator(myApp);
 * try (WsgiServer server = SimpleServer.makeServer("127.0.0.1", 8000, checked)) {
 *     server.serveForever();
 * }
 * }</pre>
 *
 * <h2>What is checked</h2>
 *
 * <ul>
 *   <li><b>The environ</b> (the server's side): exactly a {@link java.util.HashMap}; the keys
 *       {@code REQUEST_METHOD}, {@code SERVER_NAME}, {@code SERVER_PORT}, {@code wsgi.version},
 *       {@code wsgi.input}, {@code wsgi.errors}, {@code wsgi.multithread}, {@code
 *       wsgi.multiprocess}, {@code wsgi.run_once} and {@code wsgi.url_scheme} present; every CGI
 *       variable (a key without a dot) a {@code String}, and those taken from the request ({@code
 *       HTTP_*}, the path, query, method, content type and length, protocol) bytes in a string
 *       (chars 0–255); no {@code HTTP_CONTENT_TYPE} or {@code HTTP_CONTENT_LENGTH}; {@code
 *       wsgi.version} a list of two integers, {@code wsgi.input} an {@link InputStream}, {@code
 *       wsgi.errors} a {@link PrintStream}, the three flags and {@code wsgi.input_terminated}
 *       (when present) {@link Boolean}s, {@code wsgi.file_wrapper} (when present) a {@link
 *       io.jwsgi.util.FileWrapper.Factory}; {@code REQUEST_METHOD} an HTTP token; {@code
 *       SCRIPT_NAME} and {@code PATH_INFO} empty or starting with {@code /}, not both empty, and
 *       {@code SCRIPT_NAME} never {@code "/"}; {@code CONTENT_LENGTH} empty or decimal digits.
 *   <li><b>{@code wsgi.input}</b> is replaced by a wrapper that checks every read against the
 *       {@link InputStream} contract and against {@code CONTENT_LENGTH} (the stream must end at
 *       the end of the body), and fails if the application calls {@code close()}.
 *   <li><b>{@code wsgi.errors}</b> is replaced by a wrapper that passes everything on and fails
 *       on {@code close()}.
 *   <li><b>{@code start_response}</b>: the status is three digits (at least 100), one space and
 *       a non-blank reason, with chars 0–255 and no control chars; headers are a non-null list of
 *       {@link io.jwsgi.Header}, without a {@code Status} header, names as wsgiref accepts them
 *       (a letter, then letters, digits, {@code -}, {@code _}; not ending in {@code -} or {@code
 *       _}), no hop-by-hop header such as {@code Connection}, values of chars 0–255 without control chars (tab included, as wsgiref);
 *       {@code Content-Type} present unless the status is 1xx, 204 or 304, and absent for 204 and
 *       304; a second call only with a non-null {@code excInfo}; the server's {@code write} is not
 *       null.
 *   <li><b>{@code write}</b>: called with a non-null {@code byte[]}, never after the response was
 *       closed.
 *   <li><b>The result</b>: not null; iterated once; not before {@code start_response} was called
 *       (an iterator may call it lazily, the check is made when the first chunk or the end
 *       arrives); chunks non-null {@code byte[]}; not read after {@code close()}; closed exactly
 *       once by the server. The returned iterable is always {@link AutoCloseable}. A server that
 *       never closes it cannot be caught in the act; when the garbage collector collects an
 *       unclosed result, a warning is logged (best effort: Java has no {@code __del__}).
 * </ul>
 *
 * <p>As with wsgiref, the returned iterable hides the application's own type, so a server cannot
 * see a one-element {@link java.util.Collection} (no automatic Content-Length) or a {@code
 * FileWrapper} (no sendfile) through the validator.
 */
public final class Validator {

    private Validator() {}

    /**
     * Wraps {@code application} in the checks described on this class.
     *
     * @param application the application to check
     * @return an application that behaves as {@code application} and checks both sides
     * @throws NullPointerException if {@code application} is null
     */
    public static Application validator(Application application) {
        Objects.requireNonNull(application, "application");
        return (environ, startResponse) -> {
            EnvironChecks.check(environ);
            if (startResponse == null) {
                throw fail("start_response is null");
            }
            environ.put(
                    Environ.WSGI_INPUT,
                    new InputWrapper((InputStream) environ.get(Environ.WSGI_INPUT), contentLength(environ)));
            environ.put(Environ.WSGI_ERRORS, new ErrorsWrapper((PrintStream) environ.get(Environ.WSGI_ERRORS)));
            ResponseState state = new ResponseState();
            Iterable<byte[]> result = application.call(environ, new StartResponseWrapper(startResponse, state));
            if (result == null) {
                throw fail("The application must return an Iterable, if only an empty list; it returned null");
            }
            return new ResultWrapper(result, state);
        };
    }

    private static long contentLength(Map<String, Object> environ) {
        Object length = environ.get(Environ.CONTENT_LENGTH);
        if (length instanceof String s && HttpChars.isDigits(s) && s.length() < 19) {
            return Long.parseLong(s);
        }
        return -1;
    }
}
