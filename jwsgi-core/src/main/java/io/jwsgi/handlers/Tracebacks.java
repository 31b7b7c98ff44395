package io.jwsgi.handlers;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Set;

/** Printing exceptions with a frame limit, and recognising a client that went away. */
final class Tracebacks {

    /** Message fragments of the JDK's and operating systems' "peer went away" errors. */
    private static final String[] DISCONNECT_MESSAGES = {
        "broken pipe", // EPIPE
        "connection reset", // ECONNRESET: "Connection reset", "Connection reset by peer"
        "connection abort", // ECONNABORTED: "Software caused connection abort"
        "connection was aborted", // Windows WSAECONNABORTED
        "forcibly closed", // Windows WSAECONNRESET
    };

    /** How deep to look through causes: chains are short; cycles must not loop. */
    private static final int MAX_CAUSES = 16;

    private Tracebacks() {}

    static boolean isClientDisconnect(Throwable e) {
        Throwable t = e;
        for (int depth = 0; t != null && depth < MAX_CAUSES; depth++, t = t.getCause()) {
            if (t instanceof IOException && t.getMessage() != null) {
                String message = t.getMessage().toLowerCase(Locale.ROOT);
                for (String fragment : DISCONNECT_MESSAGES) {
                    if (message.contains(fragment)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * Prints {@code e} as {@link Throwable#printStackTrace(PrintStream)} does, keeping at most
     * {@code limit} frames of each exception in the chain: the first {@code limit} if positive,
     * the last {@code -limit} if negative; {@code null} keeps all.
     */
    static void print(Throwable e, Integer limit, PrintStream out) {
        if (limit == null) {
            e.printStackTrace(out);
            return;
        }
        print(e, limit, out, "", "", Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static void print(
            Throwable e, int limit, PrintStream out, String caption, String indent, Set<Throwable> seen) {
        if (!seen.add(e)) {
            out.println(indent + caption + "[CIRCULAR REFERENCE: " + e + "]");
            return;
        }
        out.println(indent + caption + e);
        StackTraceElement[] frames = e.getStackTrace();
        int keep = Math.min(Math.abs(limit), frames.length);
        int from = limit >= 0 ? 0 : frames.length - keep;
        if (from > 0) {
            out.println(indent + "\t... " + from + " more");
        }
        for (int i = from; i < from + keep; i++) {
            out.println(indent + "\tat " + frames[i]);
        }
        int after = frames.length - from - keep;
        if (after > 0) {
            out.println(indent + "\t... " + after + " more");
        }
        for (Throwable suppressed : e.getSuppressed()) {
            print(suppressed, limit, out, "Suppressed: ", indent + "\t", seen);
        }
        if (e.getCause() != null) {
            print(e.getCause(), limit, out, "Caused by: ", indent, seen);
        }
    }
}
