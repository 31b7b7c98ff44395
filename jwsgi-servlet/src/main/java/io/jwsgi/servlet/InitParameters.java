package io.jwsgi.servlet;

import io.jwsgi.Application;
import io.jwsgi.handlers.Handlers;
import io.jwsgi.validate.Validator;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import java.lang.reflect.InvocationTargetException;
import java.util.Locale;

/**
 * The init-params of a {@link JwsgiServlet} that was not given a {@link JwsgiMount}: which
 * application it runs and how (docs/servlet.md lists them).
 *
 * <ul>
 *   <li>{@code application}: the application's name as {@link Handlers#loadApplication(String,
 *       ClassLoader)} reads it: {@code com.example.Shop} (an {@code Application}, a {@code
 *       Supplier<Application>}, or a class with a static {@code application()} method) or {@code
 *       com.example.Apps::shop} (a static factory method);
 *   <li>{@code validate}: {@code true} wraps the application in {@link Validator} (default {@code
 *       false});
 *   <li>{@code max-request-body}: the request body limit in bytes, negative for none (default
 *       none);
 *   <li>{@code error-diagnostics}: {@code true} shows the exception on error pages (default
 *       {@code false}).
 * </ul>
 */
final class InitParameters {

    static final String APPLICATION = "application";
    static final String VALIDATE = "validate";
    static final String MAX_REQUEST_BODY = "max-request-body";
    static final String ERROR_DIAGNOSTICS = "error-diagnostics";

    private InitParameters() {}

    /**
     * The mount the init-params describe.
     *
     * @param config the servlet's config
     * @param name the application's name
     * @param given the application the servlet was made with, or {@code null} when the {@code
     *     application} init-param names it
     * @return the mount; its application is not {@code given} when it was made from the init-param
     * @throws ServletException for a missing, malformed or failing init-param, naming it
     */
    static JwsgiMount mount(ServletConfig config, String name, Application given) throws ServletException {
        // The settings first: a malformed one must not leave behind an application made for nothing.
        boolean validate = flag(config, VALIDATE);
        long maxRequestBody = bytes(config, MAX_REQUEST_BODY);
        boolean errorDiagnostics = flag(config, ERROR_DIAGNOSTICS);
        String spec = parameter(config, APPLICATION);
        Application application;
        if (spec == null) {
            if (given == null) {
                throw new ServletException(where(config) + "the init-param " + APPLICATION
                        + " is missing: name an io.jwsgi.Application class, a Supplier<Application> class, a class"
                        + " with a static application() method, or a static factory method as com.example.Apps::shop");
            }
            application = given;
        } else if (given != null) {
            throw new ServletException(where(config) + "it was made with an application, and the init-param "
                    + APPLICATION + " names another (" + spec + "): give one or the other");
        } else {
            application = load(config, spec);
        }
        return new JwsgiMount(
                name,
                null,
                application,
                validate ? Validator.validator(application) : application,
                validate,
                maxRequestBody,
                errorDiagnostics,
                JwsgiMount.SettingNames.INIT_PARAMS);
    }

    /** Makes the application that {@code spec} names, by core's one rule, with the web application's class loader. */
    private static Application load(ServletConfig config, String spec) throws ServletException {
        String prefix = where(config) + "init-param " + APPLICATION + "=" + spec + ": ";
        try {
            return Handlers.loadApplication(spec, classLoader(config));
        } catch (ClassNotFoundException e) {
            throw new ServletException(
                    prefix + "there is no class " + e.getMessage() + " (is it in WEB-INF/classes or WEB-INF/lib?)", e);
        } catch (InvocationTargetException e) {
            throw new ServletException(prefix + e.getMessage(), e.getCause());
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            String message = e.getMessage();
            throw new ServletException(
                    prefix + (message == null || e instanceof LinkageError ? e.toString() : message), e);
        }
    }

    /**
     * The web application's class loader; failing that (Jetty's {@code ServletContextHandler}
     * has none unless one is set), the thread's context class loader, then jwsgi's own.
     */
    private static ClassLoader classLoader(ServletConfig config) {
        ClassLoader loader = config.getServletContext().getClassLoader();
        if (loader == null) {
            loader = Thread.currentThread().getContextClassLoader();
        }
        return loader != null ? loader : InitParameters.class.getClassLoader();
    }

    private static boolean flag(ServletConfig config, String name) throws ServletException {
        String value = parameter(config, name);
        if (value == null) {
            return false;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default ->
                throw new ServletException(where(config) + "init-param " + name + "=" + value + ": say true or false");
        };
    }

    private static long bytes(ServletConfig config, String name) throws ServletException {
        String value = parameter(config, name);
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new ServletException(
                    where(config) + "init-param " + name + "=" + value
                            + ": not a whole number of bytes (negative for no limit)",
                    e);
        }
    }

    /** The trimmed init-param, or {@code null} when it is absent or blank. */
    private static String parameter(ServletConfig config, String name) {
        String value = config.getInitParameter(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        return value.strip();
    }

    private static String where(ServletConfig config) {
        return "JWSGI servlet '" + config.getServletName() + "': ";
    }
}
