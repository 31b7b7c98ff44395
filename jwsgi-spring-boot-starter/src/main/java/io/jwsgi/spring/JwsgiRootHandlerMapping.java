package io.jwsgi.spring;

import io.jwsgi.servlet.JwsgiServlet;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.web.HttpRequestHandler;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.handler.AbstractHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

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
                        .forward(JwsgiBodyGuard.reveal(request), response);
    }

    /**
     * Whether the DispatcherServlet will give this request to the root application: the first of
     * its handler mappings that has a handler for it is this one. Looked up on a view of the request
     * whose attributes stay its own, so nothing of the lookup is left on the request.
     */
    static boolean handles(HttpServletRequest request, List<HandlerMapping> mappings) {
        HttpServletRequest probe = new JwsgiBodyGuard.LocalAttributes(request);
        ServletRequestPathUtils.parseAndCache(probe);
        for (HandlerMapping mapping : mappings) {
            try {
                if (mapping.getHandler(probe) != null) {
                    return mapping instanceof JwsgiRootHandlerMapping;
                }
            } catch (Exception e) {
                return false; // Spring MVC answers it (405, 415, ...)
            }
        }
        return false;
    }

    String servletName() {
        return this.servletName;
    }

    @Override
    protected Object getHandlerInternal(HttpServletRequest request) {
        return this.forward;
    }
}
