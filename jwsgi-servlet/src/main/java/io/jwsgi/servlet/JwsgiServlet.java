package io.jwsgi.servlet;

import io.jwsgi.Application;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * A servlet that runs one JWSGI {@link Application}: the bridge from the servlet container to
 * PEP 3333. It runs in any Servlet 6 container, with or without Spring (docs/servlet.md).
 *
 * <p>Declared in {@code web.xml}, it makes the application that its {@code application}
 * init-param names, as {@link io.jwsgi.handlers.Handlers#loadApplication(String, ClassLoader)}
 * reads a name: a class implementing {@code Application} or {@code Supplier<Application>} (made
 * with its public no-arg constructor) or having a static {@code application()} method, or a
 * public static no-arg factory method written {@code com.example.Apps::shop}:
 *
 * <pre>{@code
 * <servlet>
 *   <servlet-name>shop</servlet-name>
 *   <servlet-class>io.jwsgi.servlet.JwsgiServlet</servlet-class>
 *   <init-param><param-name>application</param-name><param-value>com.example.Shop</param-value></init-param>
 *   <load-on-startup>1</load-on-startup>
 * </servlet>
 * <servlet-mapping><servlet-name>shop</servlet-name><url-pattern>/shop/*</url-pattern></servlet-mapping>
 * }</pre>
 *
 * <p>Registered in code, it runs the application it is given: {@code
 * servletContext.addServlet("shop", new JwsgiServlet(shop)).addMapping("/shop/*")}. Either way
 * the init-params {@code validate}, {@code max-request-body} and {@code error-diagnostics} set
 * how it runs, and the servlet's name names the application (its {@code wsgi.errors} logger is
 * {@code io.jwsgi.app.<servlet-name>}). An application the servlet made itself is closed by
 * {@link #destroy()} when it is {@link AutoCloseable}.
 *
 * <p>In Spring Boot, the starter registers one per {@code Application} bean. To map one yourself,
 * register it in a {@code ServletRegistrationBean}; the starter then leaves that application
 * alone:
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

    /** The application the servlet was made with; {@code null} when its init-param names it. */
    private final transient Application given;
    /** The application's name; {@code null} for the servlet's name. */
    private final transient String givenName;
    /** Whether {@link #init()} reads the init-params: the servlet was made without a mount. */
    private final transient boolean configurable;

    private final transient JwsgiRequestObserver observer;
    private final transient Function<String, System.Logger> loggers;
    private transient JwsgiMount mount;
    private transient System.Logger log;
    private transient ErrorStream errors;
    private transient volatile String serverInfo;

    /**
     * Creates a servlet that makes its application from its {@code application} init-param: the
     * constructor a container calls for a {@code <servlet-class>} in {@code web.xml}.
     */
    public JwsgiServlet() {
        this(null, null, null, JwsgiRequestObserver.NONE, System::getLogger);
    }

    /**
     * Creates a servlet for an application, named by the servlet's name, set by its init-params
     * ({@code validate}, {@code max-request-body}, {@code error-diagnostics}; by default no
     * request body limit, no validator and no error diagnostics): for {@code
     * ServletContext.addServlet(name, servlet)}.
     *
     * @param application the application
     */
    public JwsgiServlet(Application application) {
        this(
                Objects.requireNonNull(application, "application"),
                null,
                null,
                JwsgiRequestObserver.NONE,
                System::getLogger);
    }

    /**
     * Creates a servlet for an application, set by its init-params as {@link
     * #JwsgiServlet(Application)} says (by default no request body limit, no validator, no error
     * diagnostics) and with no metrics.
     *
     * @param name the application's name, for its {@code wsgi.errors} logger ({@code
     *     io.jwsgi.app.<name>})
     * @param application the application
     */
    public JwsgiServlet(String name, Application application) {
        this(
                application,
                name,
                JwsgiMount.unmapped(Objects.requireNonNull(name, "name"), application),
                JwsgiRequestObserver.NONE,
                System::getLogger);
    }

    /**
     * Creates a servlet for a mount, watched by an observer, logging through {@link
     * System#getLogger}.
     *
     * @param mount the application and its settings (the init-params are not read)
     * @param observer what watches its requests ({@link JwsgiRequestObserver#NONE} for nothing)
     */
    public JwsgiServlet(JwsgiMount mount, JwsgiRequestObserver observer) {
        this(mount, observer, System::getLogger);
    }

    /**
     * Creates a servlet for a mount, watched by an observer, logging through loggers of one's own
     * (a framework's logging instead of the JDK's).
     *
     * @param mount the application and its settings (the init-params are not read)
     * @param observer what watches its requests ({@link JwsgiRequestObserver#NONE} for nothing)
     * @param loggers the logger of a name: called once, for {@code io.jwsgi.app.<name>}, the logger
     *     of {@code wsgi.errors} and of the application's failures
     */
    public JwsgiServlet(JwsgiMount mount, JwsgiRequestObserver observer, Function<String, System.Logger> loggers) {
        this(null, null, Objects.requireNonNull(mount, "mount"), observer, loggers);
    }

    private JwsgiServlet(
            Application given,
            String givenName,
            JwsgiMount mount,
            JwsgiRequestObserver observer,
            Function<String, System.Logger> loggers) {
        this.given = given;
        this.givenName = givenName;
        this.configurable = mount == null || given != null;
        this.observer = Objects.requireNonNull(observer, "observer");
        this.loggers = Objects.requireNonNull(loggers, "loggers");
        if (mount != null) {
            mount(mount);
        }
    }

    private void mount(JwsgiMount mount) {
        this.mount = mount;
        this.log = this.loggers.apply(ServletHandler.logName(mount.name()));
        this.errors = new ErrorStream(this.log);
    }

    /**
     * Reads the init-params, unless the servlet was made with a {@link JwsgiMount}: makes the
     * application its {@code application} init-param names, and sets {@code validate}, {@code
     * max-request-body} and {@code error-diagnostics}.
     *
     * @throws ServletException naming the init-param that is missing, malformed, or names a class
     *     that cannot be loaded, is not an application, or whose constructor failed
     */
    @Override
    public void init() throws ServletException {
        if (this.configurable) {
            String name = this.givenName != null ? this.givenName : getServletName();
            mount(InitParameters.mount(getServletConfig(), name, this.given));
        }
    }

    /** Closes the application if this servlet made it (from its init-param) and it is {@link AutoCloseable}. */
    @Override
    public void destroy() {
        JwsgiMount mounted = this.mount;
        if (this.configurable
                && mounted != null
                && mounted.application() != this.given
                && mounted.application() instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                this.log.log(
                        System.Logger.Level.WARNING, "JWSGI application '" + mounted.name() + "' failed to close", e);
            }
        }
    }

    /**
     * The application this servlet runs, as it was given (before any validator wrapping); for a
     * servlet that makes its application from its init-param, {@code null} until {@link #init()}.
     *
     * @return the application
     */
    public Application getApplication() {
        JwsgiMount mounted = this.mount;
        return mounted != null ? mounted.application() : this.given;
    }

    /** Runs the application for any method: the environ carries the method, not this servlet. */
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long limit = this.mount.maxRequestBody();
        if (limit >= 0 && request.getContentLengthLong() > limit) {
            refuse(request, response, 413, "Content Too Large", "the request body is over " + limit + " bytes");
            return;
        }
        if (lostTargetBytes(request)) {
            refuse(
                    request,
                    response,
                    400,
                    "Bad Request",
                    "the request-target holds bytes that are not UTF-8, which the server could not keep");
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
            handler.run(this.mount.validatedOrAsIs());
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

    /**
     * Answers a request the servlet refuses before the application runs: {@code text/plain}
     * ({@code "413 Content Too Large: detail"}), or an RFC 9457 problem body for a client that
     * accepts {@code application/problem+json} or {@code application/json} (an API client gets
     * the kind of error body it reads).
     */
    private static void refuse(
            HttpServletRequest request, HttpServletResponse response, int status, String title, String detail)
            throws IOException {
        response.setStatus(status);
        response.setHeader("Connection", "close");
        String body;
        if (acceptsJson(request.getHeader("Accept"))) {
            response.setContentType("application/problem+json");
            body = "{\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}";
        } else {
            response.setContentType("text/plain;charset=utf-8");
            body = status + " " + title + ": " + detail + "\n";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8); // title and detail are ours: no JSON escapes needed
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** Whether an {@code Accept} value names JSON ({@code application/json}, {@code +json} types). */
    static boolean acceptsJson(String accept) {
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("json");
    }
}
