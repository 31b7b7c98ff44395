package io.jwsgi.spring;

import java.text.MessageFormat;
import java.util.ResourceBundle;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * A {@link System.Logger} over Spring's Commons Logging, for the bridge's loggers: straight into
 * the application's logging system, not through {@code java.util.logging}, whose bridge Spring
 * Boot takes down whenever an application context of the JVM closes.
 */
final class CommonsLogger implements System.Logger {

    private final String name;
    private final Log log;

    private CommonsLogger(String name) {
        this.name = name;
        this.log = LogFactory.getLog(name);
    }

    /** The logger of a name. */
    static System.Logger of(String name) {
        return new CommonsLogger(name);
    }

    @Override
    public String getName() {
        return this.name;
    }

    @Override
    public boolean isLoggable(Level level) {
        return switch (level) {
            case ALL, TRACE -> this.log.isTraceEnabled();
            case DEBUG -> this.log.isDebugEnabled();
            case INFO -> this.log.isInfoEnabled();
            case WARNING -> this.log.isWarnEnabled();
            case ERROR -> this.log.isErrorEnabled();
            case OFF -> false;
        };
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
        switch (level) {
            case ALL, TRACE -> this.log.trace(message, thrown);
            case DEBUG -> this.log.debug(message, thrown);
            case INFO -> this.log.info(message, thrown);
            case WARNING -> this.log.warn(message, thrown);
            case ERROR -> this.log.error(message, thrown);
            case OFF -> {}
        }
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        if (isLoggable(level)) {
            log(
                    level,
                    bundle,
                    params == null || params.length == 0 ? format : MessageFormat.format(format, params),
                    (Throwable) null);
        }
    }
}
