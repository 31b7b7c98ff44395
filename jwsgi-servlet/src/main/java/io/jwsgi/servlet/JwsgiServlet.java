package io.jwsgi.servlet;

import io.jwsgi.Application;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Function;

/**
 * A servlet that runs one JWSGI {@link Application}: the bridge from the servlet container to
 * PEP 3333.
 *
 * <p>The starter registers one per {@code Application} bean. To map one yourself, register it in
 * a {@code ServletRegistrationBean}; the starter then leaves that application alone:
 *
 * <pre>{@code
 * @Bean
 * ServletRegistrationBean<JwsgiServlet> legacy(Application legacyApp) {
 *     return new ServletRegistrationBean<>(new JwsgiServlet("legacy", legacyApp), "/legacy/*");
 * }
 * }</pre>
 *
 * <p>The environ's {@code SCRIPT_NAME} is the context path plus the part of the path the
 * servlet mapping matched ({@code /legacy} above, nothing for a mapping of {@code /}); {@code
 * PATH_INFO} is the rest of the request's raw path, percent-decoded to bytes in a string.
 */
public class JwsgiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient JwsgiMount mount;
    private final transient JwsgiRequestObserver observer;
    private final transient System.Logger log;
    private final transient ErrorStream errors;
    private transient volatile String serverInfo;

    /**
     * Creates a servlet for an application, with no request body limit, no validator, no error
     * diagnostics and no metrics.
     *
     * @param name the application's name, for its {@code wsgi.errors} logger ({@code
     *     io.jwsgi.app.<name>})
     * @param application the application
     */
    public JwsgiServlet(String name, Application application) {
        this(JwsgiMount.unmapped(Objects.requireNonNull(name, "name"), application), JwsgiRequestObserver.NONE);
    }

    /**
     * Creates a servlet for a mount, watched by an observer, logging through {@link
     * System#getLogger}.
     *
     * @param mount the application and its settings
     * @param observer what watches its requests ({@link JwsgiRequestObserver#NONE} for nothing)
     */
    public JwsgiServlet(JwsgiMount mount, JwsgiRequestObserver observer) {
        this(mount, observer, System::getLogger);
    }

    /**
     * Creates a servlet for a mount, watched by an observer, logging through loggers of one's own
     * (a framework's logging instead of the JDK's).
     *
     * @param mount the application and its settings
     * @param observer what watches its requests ({@link JwsgiRequestObserver#NONE} for nothing)
     * @param loggers the logger of a name: called once, for {@code io.jwsgi.app.<name>}, the logger
     *     of {@code wsgi.errors} and of the application's failures
     */
    public JwsgiServlet(JwsgiMount mount, JwsgiRequestObserver observer, Function<String, System.Logger> loggers) {
        this.mount = mount;
        this.observer = observer;
        this.log = loggers.apply(ServletHandler.logName(mount.name()));
        this.errors = new ErrorStream(this.log);
    }

    /**
     * The application this servlet runs, as it was given (before any validator wrapping).
     *
     * @return the application
     */
    public Application getApplication() {
        return this.mount.application();
    }

    /** Runs the application for any method: the environ carries the method, not this servlet. */
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long limit = this.mount.maxRequestBody();
        if (limit >= 0 && request.getContentLengthLong() > limit) {
            refuse(response, 413, "413 Content Too Large: the request body is over " + limit + " bytes\n");
            return;
        }
        if (lostTargetBytes(request)) {
            refuse(
                    response,
                    400,
                    "400 Bad Request: the request-target holds bytes that are not UTF-8, which the server"
                            + " could not keep\n");
            return;
        }
        JwsgiRequestObserver.Completion completion = this.observer.start(this.mount, request);
        String server = this.serverInfo;
        if (server == null) {
            server = request.getServletContext().getServerInfo();
            this.serverInfo = server;
        }
        ServletHandler handler = new ServletHandler(request, response, this.mount, this.log, this.errors, server);
        Throwable failure = null;
        try {
            handler.run(this.mount.runnable());
            failure = handler.failure();
            if (handler.responseCut()) {
                // Returning normally would let the container end the body properly (the last
                // chunk of a chunked response), so the client would take a cut response for a
                // whole one. An exception after the commit makes Tomcat and Jetty close the
                // connection instead.
                throw new ResponseCutException(this.mount.name());
            }
        } catch (RuntimeException | Error e) {
            failure = e;
            throw e;
        } finally {
            handler.endErrors();
            completion.end(response.getStatus(), failure);
        }
    }

    /**
     * Thrown to the container when a response failed after it was committed, so that it is cut,
     * not completed. The failure itself was logged already, so this carries no cause and no stack.
     */
    static final class ResponseCutException extends IOException {
        private static final long serialVersionUID = 1L;

        ResponseCutException(String app) {
            super("JWSGI application '" + app + "' failed after the response was committed (logged by io.jwsgi.app."
                    + app + "): the response was cut and the connection closed");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    /**
     * Whether the container replaced raw bytes of the request-target that are not UTF-8 by U+FFFD
     * (Jetty does, when told to accept them; Tomcat refuses them): the application could not tell
     * the bytes the client sent, so the request is refused rather than passed on altered.
     */
    private static boolean lostTargetBytes(HttpServletRequest request) {
        String query = request.getQueryString();
        return request.getRequestURI().indexOf('\uFFFD') >= 0 || (query != null && query.indexOf('\uFFFD') >= 0);
    }

    private static void refuse(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain;charset=utf-8");
        response.setHeader("Connection", "close");
        byte[] body = message.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
