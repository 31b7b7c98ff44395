package io.jwsgi.validate;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures the warnings the validator logs through {@code System.getLogger("io.jwsgi.validate")},
 * which the JDK backs with java.util.logging when no other System.Logger provider is installed.
 */
final class Warnings extends Handler implements AutoCloseable {

    private final Logger logger = Logger.getLogger("io.jwsgi.validate");
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final long thread = Thread.currentThread().getId();

    private Warnings() {}

    /** Starts capturing; close to stop. */
    static Warnings capture() {
        Warnings w = new Warnings();
        w.logger.addHandler(w);
        return w;
    }

    /** The warnings logged so far. */
    List<String> messages() {
        return List.copyOf(messages);
    }

    @Override
    public void publish(LogRecord record) {
        // Only the capturing thread's warnings: the cleaner thread may report other tests' garbage.
        if (record.getLevel().intValue() >= Level.WARNING.intValue() && record.getLongThreadID() == thread) {
            messages.add(record.getMessage());
        }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
