package io.jwsgi.servlet;

import io.jwsgi.Application;
import java.util.Objects;

/**
 * One application as the starter runs it.
 *
 * @param name the application's name: its bean name, used for the servlet, the logger of {@code
 *     wsgi.errors} and the {@code app} tag of metrics
 * @param path the mount path ({@code "/"} or {@code "/shop"}), or {@code null} when the user
 *     mapped the servlet themselves
 * @param application the application bean as declared
 * @param runnable what the servlet runs: the bean, or the bean wrapped in the validator
 * @param validated whether {@code runnable} is wrapped in the validator
 * @param maxRequestBody the request body limit in bytes; negative for none
 * @param errorDiagnostics whether error pages show the exception
 */
public record JwsgiMount(
        String name,
        String path,
        Application application,
        Application runnable,
        boolean validated,
        long maxRequestBody,
        boolean errorDiagnostics) {

    public JwsgiMount {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(application, "application");
        Objects.requireNonNull(runnable, "runnable");
    }

    /** A mount with default settings for a servlet that the user maps themselves. */
    static JwsgiMount unmapped(String name, Application application) {
        return new JwsgiMount(name, null, application, application, false, -1, false);
    }

    /** The servlet's name in the container. */
    public String servletName() {
        return "jwsgi-" + this.name;
    }
}
