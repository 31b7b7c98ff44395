package io.jwsgi.python.spring;

import io.jwsgi.python.PythonException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a Python application that failed to load (a {@link PythonException} anywhere in the
 * cause chain: from {@code jwsgi.apps.<name>.python}, or from a {@code PythonApplication} bean of
 * the user's own) with its Python traceback and what to check.
 */
final class PythonFailureAnalyzer extends AbstractFailureAnalyzer<PythonException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, PythonException cause) {
        PythonAppStartupException configured = findCause(rootFailure, PythonAppStartupException.class);
        StringBuilder description = new StringBuilder();
        String action;
        if (configured != null) {
            String prefix = "jwsgi.apps." + configured.name() + ".python";
            description
                    .append("The Python application '")
                    .append(configured.name())
                    .append("' (")
                    .append(prefix)
                    .append(".app=")
                    .append(configured.app())
                    .append(") failed to import:\n\n");
            action = "Fix the error that the traceback shows. Modules are looked up in " + prefix + ".path "
                    + configured.path() + ", then in GraalPy's own sys.path; packages with C extensions"
                    + " need wheels built for GraalPy.";
        } else {
            description.append("A Python application failed to load:\n\n");
            action = "Fix the error that the traceback shows, or the Python path given to PythonApplication.builder.";
        }
        description.append(cause.traceback().stripTrailing());
        return new FailureAnalysis(description.toString(), action, cause);
    }
}
