package io.jwsgi.servlet;

import io.jwsgi.Application;
import io.jwsgi.validate.Validator;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The init-params of a {@link JwsgiServlet} that was not given a {@link JwsgiMount}: which
 * application it runs and how (docs/servlet.md lists them).
 *
 * <ul>
 *   <li>{@code application}: {@code com.example.Shop} names a class that implements {@link
 *       Application} or {@link Supplier Supplier&lt;Application&gt;}, made with its public no-arg
 *       constructor; {@code com.example.Apps::shop} names a public static no-arg method that
 *       returns the application;
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
        String spec = parameter(config, APPLICATION);
        Application application;
        if (spec == null) {
            if (given == null) {
                throw new ServletException(where(config) + "the init-param " + APPLICATION
                        + " is missing: name an io.jwsgi.Application class, a Supplier<Application> class, or a"
                        + " static factory method as com.example.Factory::method");
            }
            application = given;
        } else if (given != null) {
            throw new ServletException(where(config) + "it was made with an application, and the init-param "
                    + APPLICATION + " names another (" + spec + "): give one or the other");
        } else {
            application = load(config, spec);
        }
        boolean validate = flag(config, VALIDATE);
        return new JwsgiMount(
                name,
                null,
                application,
                validate ? Validator.validator(application) : application,
                validate,
                bytes(config, MAX_REQUEST_BODY),
                flag(config, ERROR_DIAGNOSTICS));
    }

    /** Makes the application that {@code spec} names, with the web application's class loader. */
    private static Application load(ServletConfig config, String spec) throws ServletException {
        int colons = spec.indexOf("::");
        String className = colons < 0 ? spec : spec.substring(0, colons);
        String prefix = where(config) + "init-param " + APPLICATION + "=" + spec + ": ";
        Class<?> type;
        try {
            type = Class.forName(className, true, classLoader(config));
        } catch (ClassNotFoundException e) {
            throw new ServletException(
                    prefix + "there is no class " + className + " (is it in WEB-INF/classes or WEB-INF/lib?)", e);
        } catch (LinkageError e) {
            throw new ServletException(prefix + "class " + className + " cannot be loaded: " + e, e);
        }
        Object made;
        String maker;
        try {
            if (colons >= 0) {
                Method factory = type.getMethod(spec.substring(colons + 2));
                if (!Modifier.isStatic(factory.getModifiers())) {
                    throw new ServletException(prefix + "the method is not static");
                }
                maker = "the factory method";
                made = factory.invoke(null);
            } else if (Application.class.isAssignableFrom(type) || Supplier.class.isAssignableFrom(type)) {
                maker = "the constructor of " + className;
                made = type.getConstructor().newInstance();
                if (made instanceof Supplier<?> supplier && !(made instanceof Application)) {
                    maker = className + ".get()";
                    made = supplier.get();
                }
            } else {
                throw new ServletException(prefix + className + " is neither an io.jwsgi.Application nor a"
                        + " java.util.function.Supplier of one");
            }
        } catch (NoSuchMethodException e) {
            throw new ServletException(
                    prefix
                            + (colons >= 0
                                    ? "no public method " + spec.substring(colons + 2) + "() in " + className
                                    : className + " has no public no-arg constructor"),
                    e);
        } catch (InvocationTargetException e) {
            throw new ServletException(
                    prefix + "the " + (colons >= 0 ? "factory method" : "constructor") + " threw " + e.getCause(),
                    e.getCause());
        } catch (ReflectiveOperationException e) {
            // IllegalAccessException (a class that is not public), InstantiationException (abstract)
            throw new ServletException(prefix + "cannot make the application: " + e, e);
        } catch (RuntimeException e) {
            throw new ServletException(prefix + "a supplier's get() threw " + e, e);
        }
        if (made instanceof Application application) {
            return application;
        }
        throw new ServletException(prefix + maker + " returned "
                + (made == null ? "null" : "a " + made.getClass().getName()) + ", not an io.jwsgi.Application");
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
