package io.jwsgi.servlet;

import io.jwsgi.Application;
import java.util.Objects;

/**
 * One application as a {@link JwsgiServlet} runs it: the application and its settings.
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
 * @param settingNames how the servlet's messages name the settings, as the user who set them
 *     knows them (an init-param, a Spring property)
 */
public record JwsgiMount(
        String name,
        String path,
        Application application,
        Application validatedOrAsIs,
        boolean validated,
        long maxRequestBody,
        boolean errorDiagnostics,
        SettingNames settingNames) {

    public JwsgiMount {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(application, "application");
        Objects.requireNonNull(validatedOrAsIs, "validatedOrAsIs");
        Objects.requireNonNull(settingNames, "settingNames");
    }

    /**
     * A mount made in code, its settings named in messages by this record's components ({@link
     * SettingNames#MOUNT}).
     *
     * @param name the application's name
     * @param path the mount path, or {@code null}
     * @param application the application
     * @param validatedOrAsIs what the servlet runs
     * @param validated whether {@code validatedOrAsIs} is the validator's wrapper
     * @param maxRequestBody the request body limit in bytes; negative for none
     * @param errorDiagnostics whether error pages show the exception
     */
    public JwsgiMount(
            String name,
            String path,
            Application application,
            Application validatedOrAsIs,
            boolean validated,
            long maxRequestBody,
            boolean errorDiagnostics) {
        this(name, path, application, validatedOrAsIs, validated, maxRequestBody, errorDiagnostics, SettingNames.MOUNT);
    }

    /** A mount with default settings for a servlet that the user maps themselves (its init-params may set them). */
    static JwsgiMount unmapped(String name, Application application) {
        return new JwsgiMount(name, null, application, application, false, -1, false, SettingNames.INIT_PARAMS);
    }

    /** The servlet's name in the container. */
    public String servletName() {
        return "jwsgi-" + this.name;
    }

    /**
     * What the servlet's messages call the settings of a mount, so that each user reads the name
     * they set: a {@code web.xml} user an init-param, a Spring Boot user a property ({@code
     * jwsgi.max-request-body}).
     *
     * @param maxRequestBody the name of the request body limit
     * @param errorDiagnostics the name of the error diagnostics switch
     */
    public record SettingNames(String maxRequestBody, String errorDiagnostics) {

        /** The init-params of {@link JwsgiServlet} ({@code init-param max-request-body}). */
        public static final SettingNames INIT_PARAMS = new SettingNames(
                "init-param " + InitParameters.MAX_REQUEST_BODY, "init-param " + InitParameters.ERROR_DIAGNOSTICS);

        /** The components of a {@link JwsgiMount} made in code ({@code JwsgiMount.maxRequestBody}). */
        public static final SettingNames MOUNT =
                new SettingNames("JwsgiMount.maxRequestBody", "JwsgiMount.errorDiagnostics");

        public SettingNames {
            Objects.requireNonNull(maxRequestBody, "maxRequestBody");
            Objects.requireNonNull(errorDiagnostics, "errorDiagnostics");
        }
    }
}
