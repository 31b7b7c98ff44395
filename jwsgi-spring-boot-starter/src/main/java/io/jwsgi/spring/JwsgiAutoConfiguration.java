package io.jwsgi.spring;

import io.jwsgi.Application;
import io.jwsgi.servlet.JwsgiMount;
import io.jwsgi.servlet.JwsgiRequestObserver;
import io.jwsgi.servlet.JwsgiServlet;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletPath;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Mounts every {@link Application} bean of a servlet web application in the container, each in
 * a {@link JwsgiServlet} of its own.
 *
 * <p>One bean and no configuration: it answers at {@code /}, behind whatever Spring MVC handles
 * (controllers, Actuator's endpoints). Several beans: each at its {@code jwsgi.apps.<name>.path};
 * a missing path stops the start with an error that names the property. An application that the
 * user already mapped in a {@code ServletRegistrationBean} of their own is left alone.
 *
 * <pre>{@code
 * @Bean
 * Application hello() {
 *     return (environ, startResponse) -> {
 *         startResponse.start("200 OK", List.of(Header.of("Content-Type", "text/plain")));
 *         return List.of("Hello world!\n".getBytes(StandardCharsets.US_ASCII));
 *     };
 * }
 * }</pre>
 */
@AutoConfiguration(after = DispatcherServletAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBooleanProperty(name = "jwsgi.enabled", matchIfMissing = true)
@ConditionalOnBean(Application.class)
@EnableConfigurationProperties(JwsgiProperties.class)
@Import(JwsgiRelaxedTargetsConfiguration.class)
public final class JwsgiAutoConfiguration {

    /** The name of the body guard's filter registration. */
    static final String BODY_GUARD_FILTER = "jwsgiBodyGuardFilter";

    JwsgiAutoConfiguration() {}

    @Bean
    JwsgiMounts jwsgiMounts(
            ListableBeanFactory beanFactory,
            JwsgiProperties properties,
            ObjectProvider<ServletRegistrationBean<?>> registrations) {
        List<Application> mappedByUser = new ArrayList<>();
        registrations.orderedStream().forEach(registration -> {
            if (registration.getServlet() instanceof JwsgiServlet servlet) {
                mappedByUser.add(servlet.getApplication());
            }
        });
        return JwsgiMounts.resolve(beanFactory.getBeansOfType(Application.class), mappedByUser, properties);
    }

    @Bean
    JwsgiServletRegistrations jwsgiServletRegistrations(
            JwsgiMounts mounts,
            ObjectProvider<DispatcherServletPath> dispatcherServletPath,
            ObjectProvider<JwsgiRequestObserver> observer) {
        return new JwsgiServletRegistrations(
                mounts,
                rootBehindDispatcher(dispatcherServletPath),
                () -> observer.getIfAvailable(() -> JwsgiRequestObserver.NONE));
    }

    @Bean
    JwsgiRootHandlerMapping jwsgiRootHandlerMapping(
            JwsgiMounts mounts, ObjectProvider<DispatcherServletPath> dispatcherServletPath) {
        JwsgiMount root = mounts.root();
        return new JwsgiRootHandlerMapping(
                root != null && rootBehindDispatcher(dispatcherServletPath) ? root.servletName() : null);
    }

    /**
     * The first filter of the chain: keeps the body of a request bound for a JWSGI mount from
     * everything upstream of the application ({@link JwsgiBodyGuard}). A request is bound for a
     * mount when it may carry a body ({@link JwsgiBodyGuard#mayCarryBody}) and the container mapped
     * it to a JWSGI servlet, or, for the root application behind the DispatcherServlet, no MVC
     * handler comes before the root's.
     */
    @Bean
    FilterRegistrationBean<Filter> jwsgiBodyGuardFilter(
            JwsgiMounts mounts,
            JwsgiProperties properties,
            ObjectProvider<DispatcherServletPath> dispatcherServletPath,
            ObjectProvider<HandlerMapping> handlerMappings) {
        Predicate<HttpServletRequest> mapped =
                JwsgiBodyGuard.mappedTo(mappedServletNames(mounts, dispatcherServletPath));
        Predicate<HttpServletRequest> bound = mapped;
        if (mounts.root() != null && rootBehindDispatcher(dispatcherServletPath)) {
            // the DispatcherServlet's own list: every HandlerMapping bean in order (taken on first use,
            // once all exist)
            AtomicReference<List<HandlerMapping>> ordered = new AtomicReference<>();
            bound = mapped.or(request -> {
                List<HandlerMapping> list = ordered.get();
                if (list == null) {
                    list = handlerMappings.orderedStream().toList();
                    ordered.set(list);
                }
                return JwsgiRootHandlerMapping.handles(request, list);
            });
        }
        // A request without a body, a content type or the POST a filter may turn into another
        // method has nothing to guard: it goes through as it is, whatever its mount (checked first,
        // since it is the cheaper test and most requests are GETs)
        Predicate<HttpServletRequest> guarded = bound;
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(JwsgiBodyGuard.guard(
                request -> JwsgiBodyGuard.mayCarryBody(request) && guarded.test(request),
                properties.getMaxRequestBody().toBytes()));
        registration.setName(BODY_GUARD_FILTER);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.setAsyncSupported(true);
        return registration;
    }

    /** Warns at startup about filters that run before the body guard ({@link JwsgiFilterOrderCheck}). */
    @Bean
    JwsgiFilterOrderCheck jwsgiFilterOrderCheck(ListableBeanFactory beanFactory) {
        return new JwsgiFilterOrderCheck(beanFactory);
    }

    /**
     * The last filter before a JWSGI servlet mapped by path (filters mapped by servlet name run
     * after those mapped by URL): it gives the servlet the client's request ({@link
     * JwsgiBodyGuard#reveal}). The root behind the DispatcherServlet is revealed by its forward.
     */
    @Bean
    FilterRegistrationBean<Filter> jwsgiBodyRevealFilter(
            JwsgiMounts mounts, ObjectProvider<DispatcherServletPath> dispatcherServletPath) {
        Set<String> names = mappedServletNames(mounts, dispatcherServletPath);
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(JwsgiBodyGuard.revealFilter());
        registration.setName("jwsgiBodyRevealFilter");
        registration.setOrder(Ordered.LOWEST_PRECEDENCE);
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.setAsyncSupported(true);
        registration.setServletNames(names);
        registration.setEnabled(!names.isEmpty());
        return registration;
    }

    /** The JWSGI servlets the container maps by path (all but a root behind the DispatcherServlet). */
    private static Set<String> mappedServletNames(
            JwsgiMounts mounts, ObjectProvider<DispatcherServletPath> dispatcherServletPath) {
        boolean behind = rootBehindDispatcher(dispatcherServletPath);
        Set<String> names = new LinkedHashSet<>();
        for (JwsgiMount mount : mounts.list()) {
            if (!(behind && mount.path().equals(MountPath.ROOT))) {
                names.add(mount.servletName());
            }
        }
        return names;
    }

    private static boolean rootBehindDispatcher(ObjectProvider<DispatcherServletPath> dispatcherServletPath) {
        DispatcherServletPath path = dispatcherServletPath.getIfAvailable();
        return path != null && (path.getPath().isEmpty() || path.getPath().equals("/"));
    }
}
