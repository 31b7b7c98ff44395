package io.jwsgi.spring;

import io.jwsgi.servlet.JwsgiServlet;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.web.HttpRequestHandler;
import org.springframework.web.servlet.handler.AbstractHandlerMapping;

/**
 * Gives the root mount every request that Spring MVC does not handle itself.
 *
 * <p>The {@code DispatcherServlet} keeps {@code /}; this mapping comes last among the ones that
 * can match (after controllers, functional routes and Actuator's endpoints, before the static
 * resource mapping of {@code /**}) and forwards to the root application's {@link JwsgiServlet}
 * through a named dispatcher, which leaves the request's paths as they were.
 */
final class JwsgiRootHandlerMapping extends AbstractHandlerMapping {

    /** Before {@code ResourceHandlerRegistry}'s default order, {@code LOWEST_PRECEDENCE - 1}. */
    static final int ORDER = Ordered.LOWEST_PRECEDENCE - 2;

    private final String servletName;
    private final HttpRequestHandler forward;

    /**
     * @param servletName the root application's servlet, or {@code null} when there is no root
     *     mount behind the {@code DispatcherServlet} (the mapping then matches nothing)
     */
    JwsgiRootHandlerMapping(String servletName) {
        setOrder(ORDER);
        this.servletName = servletName;
        this.forward = servletName == null
                ? null
                : (request, response) -> request.getServletContext()
                        .getNamedDispatcher(servletName)
                        .forward(request, response);
    }

    /** The root application's servlet, or {@code null}. */
    String servletName() {
        return this.servletName;
    }

    @Override
    protected Object getHandlerInternal(HttpServletRequest request) {
        return this.forward;
    }
}
