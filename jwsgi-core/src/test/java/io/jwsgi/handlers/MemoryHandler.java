package io.jwsgi.handlers;

import io.jwsgi.util.Util;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * test_wsgiref.py's ErrorHandler: a gateway handler over in-memory streams whose request variables
 * get wsgiref's testing defaults. The response goes to {@link #out} (or to the stream given), the
 * log to {@link #errors}; {@code osEnviron} is empty so that tests see only what they set.
 */
class MemoryHandler extends BaseCgiHandler {

    final ByteArrayOutputStream out;
    final ByteArrayOutputStream errors;
    /** The request variables (this handler's {@code baseEnv}), to change before {@code run}. */
    final Map<String, Object> cgiVars;

    MemoryHandler(String... cgiKeysAndValues) {
        this(null, cgiKeysAndValues);
    }

    /** A handler writing to {@code sink} instead of {@link #out} (when not null). */
    MemoryHandler(OutputStream sink, String... cgiKeysAndValues) {
        this(new ByteArrayOutputStream(), new ByteArrayOutputStream(), sink, testingVariables(cgiKeysAndValues));
    }

    private MemoryHandler(
            ByteArrayOutputStream out, ByteArrayOutputStream errors, OutputStream sink, Map<String, Object> cgiVars) {
        super(
                new ByteArrayInputStream(new byte[0]),
                sink == null ? out : sink,
                new PrintStream(errors, true, StandardCharsets.UTF_8),
                cgiVars,
                true,
                true);
        this.out = out;
        this.errors = errors;
        this.cgiVars = cgiVars;
        osEnviron = Map.of();
    }

    private static Map<String, Object> testingVariables(String... keysAndValues) {
        Map<String, Object> variables = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            variables.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        Util.setupTestingDefaults(variables);
        return variables;
    }

    /** What went to the client, one char per byte. */
    String output() {
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    /** What went to the log. */
    String log() {
        return errors.toString(StandardCharsets.UTF_8);
    }

    /** The state fields, for tests that look at them after run. */
    Object[] state() {
        return new Object[] {status, headers, environ, result};
    }
}
