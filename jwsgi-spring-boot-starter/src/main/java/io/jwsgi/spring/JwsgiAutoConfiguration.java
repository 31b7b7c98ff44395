package io.jwsgi.spring;

import io.jwsgi.Application;
import io.jwsgi.servlet.JwsgiMount;
import io.jwsgi.servlet.JwsgiRequestObserver;
import io.jwsgi.servlet.JwsgiServlet;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletPath;
import org.springframework.context.annotation.Bean;

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
public final class JwsgiAutoConfiguration {

    JwsgiAutoConfiguration() {}

    @Bean
    @ConditionalOnMissingBean
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

    private static boolean rootBehindDispatcher(ObjectProvider<DispatcherServletPath> dispatcherServletPath) {
        DispatcherServletPath path = dispatcherServletPath.getIfAvailable();
        return path != null && (path.getPath().isEmpty() || path.getPath().equals("/"));
    }
}
