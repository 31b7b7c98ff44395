package io.jwsgi.spring;

import java.util.List;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The Actuator endpoint {@code jwsgi}: the mounted applications, their paths and the settings they
 * run with. Expose it with {@code management.endpoints.web.exposure.include=jwsgi}; then {@code GET
 * /actuator/jwsgi} answers, for example:
 *
 * <pre>{@code
 * {"apps":[{"name":"shop","path":"/shop","servlet":"jwsgi-shop","application":"com.example.Shop",
 *           "validated":false,"maxRequestBody":10485760,"errorDiagnostics":false}]}
 * }</pre>
 */
@Endpoint(id = "jwsgi")
public class JwsgiEndpoint {

    private final JwsgiMounts mounts;

    JwsgiEndpoint(JwsgiMounts mounts) {
        this.mounts = mounts;
    }

    /**
     * Describes the mounted applications.
     *
     * @return the description
     */
    @ReadOperation
    public JwsgiDescriptor jwsgi() {
        return new JwsgiDescriptor(this.mounts.list().stream()
                .map(m -> new AppDescriptor(
                        m.name(),
                        m.path(),
                        m.servletName(),
                        m.application().getClass().getName(),
                        m.validated(),
                        m.maxRequestBody(),
                        m.errorDiagnostics()))
                .toList());
    }

    /**
     * The endpoint's answer.
     *
     * @param apps the mounted applications, in bean definition order
     */
    public record JwsgiDescriptor(List<AppDescriptor> apps) {}

    /**
     * One mounted application.
     *
     * @param name the bean name
     * @param path the mount path
     * @param servlet the servlet's name in the container
     * @param application the application's class
     * @param validated whether it runs inside the validator
     * @param maxRequestBody the request body limit in bytes, negative for none
     * @param errorDiagnostics whether its error pages show stack traces
     */
    public record AppDescriptor(
            String name,
            String path,
            String servlet,
            String application,
            boolean validated,
            long maxRequestBody,
            boolean errorDiagnostics) {}
}
