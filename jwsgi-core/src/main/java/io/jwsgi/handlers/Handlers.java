package io.jwsgi.handlers;

import io.jwsgi.Application;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The module-level functions of Python's {@code wsgiref.handlers}: {@link #readEnviron()} and
 * {@link #formatDateTime(long)}; and, beyond wsgiref, {@link #loadApplication(String,
 * ClassLoader)}, which makes an application from its name.
 *
 * <pre>{@code
 * Map<String, String> env = Handlers.readEnviron();   // PATH_INFO of /caf%C3%A9 is "/caf\u00c3\u00a9"
 * String date = Handlers.formatDateTime(1149533394);   // "Mon, 05 Jun 2006 18:49:54 GMT"
 * }</pre>
 */
public final class Handlers {

    private static final String[] WEEKDAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final String[] MONTHS = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
    };

    /** Variables a CGI server fills from the request, besides HTTP_*, SSL_* and REDIRECT_*. */
    private static final Set<String> REQUEST_VARIABLES = Set.of(
            "SCRIPT_NAME",
            "PATH_INFO",
            "QUERY_STRING",
            "REQUEST_METHOD",
            "AUTH_TYPE",
            "CONTENT_TYPE",
            "CONTENT_LENGTH",
            "HTTPS",
            "REMOTE_USER",
            "REMOTE_IDENT");

    private static final Path PROC_ENVIRON = Path.of("/proc/self/environ");

    /** The last date formatted: a server asks for the same second many times. */
    private static volatile FormattedDate lastDate = new FormattedDate(Long.MIN_VALUE, "");

    private record FormattedDate(long epochSecond, String text) {}

    private Handlers() {}

    /**
     * Reads the process environment for a CGI request: Python's {@code read_environ()}.
     *
     * <p>Variables that come from the request ({@code SCRIPT_NAME}, {@code PATH_INFO}, {@code
     * QUERY_STRING}, {@code REQUEST_METHOD}, {@code AUTH_TYPE}, {@code CONTENT_TYPE}, {@code
     * CONTENT_LENGTH}, {@code HTTPS}, {@code REMOTE_USER}, {@code REMOTE_IDENT}, every {@code
     * HTTP_*} and {@code SSL_*}, and {@code REDIRECT_} followed by any of these) hold their raw
     * bytes as "bytes in a string", one char per byte. The others are decoded text, as {@link
     * System#getenv()} gives them.
     *
     * <p>On Linux the raw bytes come from {@code /proc/self/environ}, so bytes that are not valid
     * in the platform encoding survive; elsewhere the JVM's decoded value is encoded back with the
     * platform encoding ({@code sun.jnu.encoding}), which on a UTF-8 system is exactly what
     * wsgiref does.
     *
     * <pre>{@code
     * // PATH_INFO=/caf\xc3\xa9 in the environment (UTF-8 bytes of "/café"):
     * Handlers.readEnviron().get("PATH_INFO");   // "/caf\u00c3\u00a9"
     * }</pre>
     *
     * @return a new mutable map of the environment
     */
    public static Map<String, String> readEnviron() {
        Charset platform = platformCharset();
        return transcode(System.getenv(), readProcEnviron(platform), platform);
    }

    /**
     * Builds {@link #readEnviron()}'s map from the JVM's decoded environment, and the raw values
     * where known ({@code null} if not): raw bytes win, else the decoded value is encoded back.
     */
    static Map<String, String> transcode(Map<String, String> decoded, Map<String, String> raw, Charset platform) {
        Map<String, String> environ = new HashMap<>(decoded);
        for (Map.Entry<String, String> variable : environ.entrySet()) {
            String name = variable.getKey();
            if (needsTranscode(name)) {
                String rawValue = raw == null ? null : raw.get(name);
                variable.setValue(
                        rawValue != null
                                ? rawValue
                                : new String(variable.getValue().getBytes(platform), StandardCharsets.ISO_8859_1));
            }
        }
        return environ;
    }

    static boolean needsTranscode(String name) {
        return REQUEST_VARIABLES.contains(name)
                || name.startsWith("HTTP_")
                || name.startsWith("SSL_")
                || (name.startsWith("REDIRECT_") && needsTranscode(name.substring("REDIRECT_".length())));
    }

    private static Charset platformCharset() {
        String name = System.getProperty("sun.jnu.encoding");
        try {
            return name == null ? Charset.defaultCharset() : Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return Charset.defaultCharset();
        }
    }

    /**
     * Reads the environment's raw bytes on Linux: names decoded as the JVM decodes them (so they
     * match {@link System#getenv()}'s), values as bytes in a string. Returns {@code null} where
     * there is no such file.
     */
    private static Map<String, String> readProcEnviron(Charset platform) {
        byte[] block;
        try {
            block = Files.readAllBytes(PROC_ENVIRON);
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            return null;
        }
        Map<String, String> environ = new HashMap<>();
        int start = 0;
        for (int i = 0; i <= block.length; i++) {
            if (i == block.length || block[i] == 0) {
                int equals = indexOf(block, (byte) '=', start, i);
                if (equals > start) {
                    environ.put(
                            new String(block, start, equals - start, platform),
                            new String(block, equals + 1, i - equals - 1, StandardCharsets.ISO_8859_1));
                }
                start = i + 1;
            }
        }
        return environ;
    }

    private static int indexOf(byte[] bytes, byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Formats a time for HTTP headers such as {@code Date}, as RFC 1123 asks and exactly as
     * Python's {@code format_date_time} does: {@code "Mon, 05 Jun 2006 18:49:54 GMT"}.
     *
     * <pre>{@code
     * Handlers.formatDateTime(System.currentTimeMillis() / 1000);
     * }</pre>
     *
     * @param epochSeconds seconds since 1970-01-01T00:00:00Z
     * @return the formatted date, always in English and GMT
     * @throws java.time.DateTimeException if the time is beyond the years -999999999 to 999999999
     */
    public static String formatDateTime(long epochSeconds) {
        FormattedDate last = lastDate;
        if (last.epochSecond() == epochSeconds) {
            return last.text();
        }
        LocalDateTime t = LocalDateTime.ofEpochSecond(epochSeconds, 0, ZoneOffset.UTC);
        StringBuilder out = new StringBuilder(29);
        out.append(WEEKDAYS[t.getDayOfWeek().ordinal()]).append(", ");
        twoDigits(out, t.getDayOfMonth()).append(' ');
        out.append(MONTHS[t.getMonthValue() - 1]).append(' ');
        String year = Integer.toString(t.getYear());
        out.append("    ", 0, Math.max(0, 4 - year.length())).append(year).append(' ');
        twoDigits(out, t.getHour()).append(':');
        twoDigits(out, t.getMinute()).append(':');
        twoDigits(out, t.getSecond()).append(" GMT");
        String text = out.toString();
        lastDate = new FormattedDate(epochSeconds, text);
        return text;
    }

    private static StringBuilder twoDigits(StringBuilder out, int n) {
        return out.append((char) ('0' + n / 10)).append((char) ('0' + n % 10));
    }

    /**
     * Loads an application by class name with the thread's context class loader, as {@link
     * #loadApplication(String, ClassLoader)} does: for {@link CgiHandler#main}.
     */
    static Application loadApplication(String name) throws ReflectiveOperationException {
        return loadApplication(name, Thread.currentThread().getContextClassLoader());
    }

    /**
     * Makes the application a name stands for: the one rule by which jwsgi names an application in
     * text (the command line of {@link CgiHandler#main}, the {@code application} init-param of
     * jwsgi-servlet's {@code JwsgiServlet}). The class must be public.
     *
     * <ul>
     *   <li>{@code com.example.Shop}: the result of the class's public static no-argument {@code
     *       application()} method if it has one; else, made with its public no-argument
     *       constructor, the class itself if it implements {@link Application}, or what its
     *       {@code get()} returns if it implements {@code Supplier<Application>};
     *   <li>{@code com.example.Apps::shop}: the result of the public static no-argument method
     *       {@code shop()}.
     * </ul>
     *
     * @param name the class name, or {@code ClassName::method}
     * @param loader the class loader to load the class with ({@code null} for the bootstrap loader)
     * @return the application
     * @throws ClassNotFoundException when there is no such class
     * @throws NoSuchMethodException when the method or the public no-argument constructor is missing
     * @throws InvocationTargetException when the method, the constructor or {@code get()} threw
     *     (the cause); its message says which
     * @throws ReflectiveOperationException when the class or the member cannot be used (not public,
     *     abstract)
     * @throws IllegalArgumentException when the class is no application, supplier or factory, the
     *     method is not static, or the result is {@code null} or not an application
     */
    public static Application loadApplication(String name, ClassLoader loader) throws ReflectiveOperationException {
        Objects.requireNonNull(name, "name");
        int colons = name.indexOf("::");
        String className = colons < 0 ? name : name.substring(0, colons);
        Class<?> type = Class.forName(className, true, loader);
        if (colons >= 0) {
            String method = name.substring(colons + 2);
            Method factory;
            try {
                factory = type.getMethod(method);
            } catch (NoSuchMethodException e) {
                throw new NoSuchMethodException("no public method " + method + "() in " + className);
            }
            if (!Modifier.isStatic(factory.getModifiers())) {
                throw new IllegalArgumentException(name + " is not static");
            }
            return made(invoke(() -> factory.invoke(null), name + "()"), name + "()");
        }
        Method factory = null;
        try {
            factory = type.getMethod("application");
        } catch (NoSuchMethodException e) {
            // not a factory class; try the class itself
        }
        if (factory != null
                && Modifier.isStatic(factory.getModifiers())
                && Application.class.isAssignableFrom(factory.getReturnType())) {
            Method application = factory;
            return made(
                    invoke(() -> application.invoke(null), className + ".application()"), className + ".application()");
        }
        boolean isApplication = Application.class.isAssignableFrom(type);
        if (!isApplication && !Supplier.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException(className + " neither implements io.jwsgi.Application nor"
                    + " java.util.function.Supplier<Application> nor has a public static application() method");
        }
        Constructor<?> constructor;
        try {
            constructor = type.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new NoSuchMethodException(className + " has no public no-arg constructor");
        }
        Object instance = invoke(constructor::newInstance, "the constructor of " + className);
        if (isApplication) {
            return (Application) instance;
        }
        return made(invoke(((Supplier<?>) instance)::get, className + ".get()"), className + ".get()");
    }

    private interface Call {
        Object call() throws ReflectiveOperationException;
    }

    /** Calls a member, saying which one threw: {@code InvocationTargetException}'s own message is null. */
    private static Object invoke(Call call, String what) throws ReflectiveOperationException {
        try {
            return call.call();
        } catch (InvocationTargetException e) {
            throw new InvocationTargetException(e.getCause(), what + " threw " + e.getCause());
        } catch (RuntimeException e) {
            throw new InvocationTargetException(e, what + " threw " + e); // a supplier's get()
        }
    }

    private static Application made(Object result, String what) {
        if (result instanceof Application application) {
            return application;
        }
        throw new IllegalArgumentException(what + " returned "
                + (result == null ? "null" : "a " + result.getClass().getName()) + ", not an io.jwsgi.Application");
    }
}
