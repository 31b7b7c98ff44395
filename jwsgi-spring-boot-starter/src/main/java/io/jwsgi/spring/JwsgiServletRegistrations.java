package io.jwsgi.spring;

import io.jwsgi.servlet.JwsgiMount;
import io.jwsgi.servlet.JwsgiRequestObserver;
import io.jwsgi.servlet.JwsgiServlet;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.util.function.Supplier;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.boot.web.servlet.ServletRegistrationBean;

/**
 * Registers one {@link MountedJwsgiServlet} per mount, each through a {@link ServletRegistrationBean}:
 * a mount at {@code /shop} maps {@code /shop/*}; the root mount either maps {@code /} (when no
 * {@code DispatcherServlet} holds it) or is registered by name only and reached through {@link
 * JwsgiRootHandlerMapping}.
 */
final class JwsgiServletRegistrations implements ServletContextInitializer {

    private final JwsgiMounts mounts;
    private final boolean rootBehindDispatcher;
    private final Supplier<JwsgiRequestObserver> observer;

    JwsgiServletRegistrations(
            JwsgiMounts mounts, boolean rootBehindDispatcher, Supplier<JwsgiRequestObserver> observer) {
        this.mounts = mounts;
        this.rootBehindDispatcher = rootBehindDispatcher;
        this.observer = observer;
    }

    @Override
    public void onStartup(ServletContext servletContext) throws ServletException {
        JwsgiRequestObserver requestObserver = this.observer.get();
        for (JwsgiMount mount : this.mounts.list()) {
            JwsgiServlet servlet = new MountedJwsgiServlet(mount, requestObserver);
            boolean named = mount.path().equals(MountPath.ROOT) && this.rootBehindDispatcher;
            ServletRegistrationBean<JwsgiServlet> registration = named
                    ? new ServletRegistrationBean<>(servlet, false)
                    : new ServletRegistrationBean<>(servlet, MountPath.servletMapping(mount.path()));
            registration.setName(mount.servletName());
            registration.setLoadOnStartup(1);
            registration.setAsyncSupported(true);
            registration.onStartup(servletContext);
        }
    }
}
