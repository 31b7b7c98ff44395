package io.jwsgi.spring;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the JWSGI starter, bound from {@code jwsgi.*}.
 *
 * <pre>{@code
 * jwsgi:
 *   apps:
 *     shop:  { path: /shop }
 *     admin: { path: /admin }
 *   validate: true
 *   max-request-body: 20MB
 * }</pre>
 */
@ConfigurationProperties("jwsgi")
public class JwsgiProperties {

    /** Whether to mount the io.jwsgi.Application beans in the servlet container. */
    private boolean enabled = true;

    /**
     * Path at which the application is mounted when there is exactly one Application
     * bean. "/" mounts it at the root, behind Spring MVC's controllers and Actuator endpoints.
     */
    private String path = "/";

    /** Per-application settings, keyed by the name of the Application bean. */
    private final Map<String, App> apps = new LinkedHashMap<>();

    /**
     * Whether to wrap every application in io.jwsgi.validate.Validator, which turns any
     * breach of the JWSGI contract into an error response and a logged AssertionError.
     */
    private boolean validate = false;

    /**
     * Maximum size of a request body. A larger declared Content-Length is answered with 413
     * before the application runs; a larger chunked body fails the application's read with an
     * IOException and a 413 if nothing was sent yet. A negative value means no limit.
     */
    private DataSize maxRequestBody = DataSize.ofMegabytes(10);

    /**
     * Whether the servlet container accepts request targets that it refuses by default and that
     * the standalone server accepts: on Tomcat, the characters " < > [ \\ ] ^ ` { | } unencoded
     * in paths and queries, and %2F and %5C in paths (passed through undecoded); on Jetty, paths
     * that its URI compliance calls ambiguous or suspicious (%2F, %5C, %25, control characters,
     * dot and empty segments, escapes that are not UTF-8, unencoded characters outside RFC 3986).
     * Spring MVC and the other servlets then see such paths too. See docs/bridge-differences.md.
     */
    private boolean relaxedRequestTargets = false;

    /**
     * Whether error responses show the exception and its stack trace. For development only: off,
     * a failing application answers with a generic 500 page and the details go to the log.
     */
    private boolean errorDiagnostics = false;

    /**
     * Whether to mount the application beans.
     *
     * @return whether the starter is on
     */
    public boolean isEnabled() {
        return this.enabled;
    }

    /**
     * Sets whether to mount the application beans.
     *
     * @param enabled whether the starter is on
     */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * The mount path of a single application.
     *
     * @return a path such as {@code "/"} or {@code "/app"}
     */
    public String getPath() {
        return this.path;
    }

    /**
     * Sets the mount path of a single application.
     *
     * @param path a path starting with {@code /}; a trailing {@code /} is dropped
     * @throws IllegalArgumentException if the path is not a plain absolute path
     */
    public void setPath(String path) {
        this.path = MountPath.normalize("jwsgi.path", path);
    }

    /**
     * Per-application settings, keyed by bean name.
     *
     * @return the mutable map of settings
     */
    public Map<String, App> getApps() {
        return this.apps;
    }

    /**
     * Whether applications are wrapped in the validator.
     *
     * @return whether validation is on
     */
    public boolean isValidate() {
        return this.validate;
    }

    /**
     * Sets whether applications are wrapped in the validator.
     *
     * @param validate whether validation is on
     */
    public void setValidate(boolean validate) {
        this.validate = validate;
    }

    /**
     * The maximum request body size.
     *
     * @return the limit; negative for none
     */
    public DataSize getMaxRequestBody() {
        return this.maxRequestBody;
    }

    /**
     * Sets the maximum request body size.
     *
     * @param maxRequestBody the limit; negative for none
     */
    public void setMaxRequestBody(DataSize maxRequestBody) {
        this.maxRequestBody = Objects.requireNonNull(maxRequestBody, "jwsgi.max-request-body");
    }

    /**
     * Whether the container accepts the request targets it refuses by default and the standalone
     * server accepts.
     *
     * @return whether the container's relaxations are on
     */
    public boolean isRelaxedRequestTargets() {
        return this.relaxedRequestTargets;
    }

    /**
     * Sets whether the container accepts the request targets it refuses by default and the
     * standalone server accepts.
     *
     * @param relaxedRequestTargets whether the container's relaxations are on
     */
    public void setRelaxedRequestTargets(boolean relaxedRequestTargets) {
        this.relaxedRequestTargets = relaxedRequestTargets;
    }

    /**
     * Whether error pages show exception details.
     *
     * @return whether diagnostics are on
     */
    public boolean isErrorDiagnostics() {
        return this.errorDiagnostics;
    }

    /**
     * Sets whether error pages show exception details.
     *
     * @param errorDiagnostics whether diagnostics are on
     */
    public void setErrorDiagnostics(boolean errorDiagnostics) {
        this.errorDiagnostics = errorDiagnostics;
    }

    /** Settings of one application bean, under {@code jwsgi.apps.<bean-name>}. */
    public static class App {

        /** Path at which this application is mounted, for example "/shop". */
        private String path;

        /**
         * The mount path of this application.
         *
         * @return the path, or {@code null} if not configured
         */
        public String getPath() {
            return this.path;
        }

        /**
         * Sets the mount path of this application.
         *
         * @param path a path starting with {@code /}; a trailing {@code /} is dropped
         * @throws IllegalArgumentException if the path is not a plain absolute path
         */
        public void setPath(String path) {
            this.path = MountPath.normalize("jwsgi.apps.<name>.path", path);
        }
    }
}
