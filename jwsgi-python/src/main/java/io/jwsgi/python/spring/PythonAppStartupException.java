package io.jwsgi.python.spring;

import io.jwsgi.python.PythonException;
import java.util.List;

/**
 * A Python application of {@code jwsgi.apps} could not be imported; the cause carries the Python
 * traceback. {@link PythonFailureAnalyzer} turns it into Spring Boot's "APPLICATION FAILED TO
 * START" report.
 */
public final class PythonAppStartupException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final String name;
    private final String app;
    private final transient List<String> path;

    PythonAppStartupException(String name, PythonAppProperties properties, PythonException cause) {
        super(
                "The Python application '" + name + "' (jwsgi.apps." + name + ".python.app=" + properties.getApp()
                        + ") failed to import: " + cause.getMessage(),
                cause);
        this.name = name;
        this.app = properties.getApp();
        this.path = List.copyOf(properties.getPath());
    }

    /** @return the bean name, the key under {@code jwsgi.apps} */
    public String name() {
        return this.name;
    }

    /** @return the configured {@code module:callable} */
    public String app() {
        return this.app;
    }

    /** @return the configured Python path */
    public List<String> path() {
        return this.path;
    }
}
