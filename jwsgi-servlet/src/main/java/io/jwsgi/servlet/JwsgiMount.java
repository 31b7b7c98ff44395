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
 * @param validatedOrAsIs what the servlet runs: {@code application} wrapped in the validator when
 *     {@code validated}, else {@code application} itself
 * @param validated whether {@code validatedOrAsIs} is {@code application} wrapped in the validator
 * @param maxRequestBody the request body limit in bytes; negative for none
 * @param errorDiagnostics whether error pages show the exception
 */
public record JwsgiMount(
        String name,
        String path,
        Application application,
        Application validatedOrAsIs,
        boolean validated,
        long maxRequestBody,
        boolean errorDiagnostics) {

    public JwsgiMount {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(application, "application");
        Objects.requireNonNull(validatedOrAsIs, "validatedOrAsIs");
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
