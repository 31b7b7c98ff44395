package io.jwsgi.spring;

import io.jwsgi.servlet.JwsgiMount;
import io.jwsgi.servlet.JwsgiRequestObserver;
import io.jwsgi.servlet.JwsgiServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * A {@link JwsgiServlet} that the starter mounted: it logs through Spring's Commons Logging, and
 * sets the mount's path pattern ({@code /shop/**}) as the {@code uri} of Spring MVC's {@code
 * http.server.requests} observation.
 */
final class MountedJwsgiServlet extends JwsgiServlet {

    private static final long serialVersionUID = 1L;

    private final transient String pathPattern;

    MountedJwsgiServlet(JwsgiMount mount, JwsgiRequestObserver observer) {
        super(mount, observer, CommonsLogger::of);
        this.pathPattern = MountPath.pattern(mount.path());
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ServerHttpObservationFilter.findObservationContext(request)
                .ifPresent(context -> context.setPathPattern(this.pathPattern));
        super.service(request, response);
    }
}
