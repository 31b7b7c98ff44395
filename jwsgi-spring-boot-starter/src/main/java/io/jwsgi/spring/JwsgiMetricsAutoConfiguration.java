package io.jwsgi.spring;

import io.jwsgi.servlet.JwsgiRequestObserver;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer metrics for the mounted applications: the {@code jwsgi.requests} timer, the {@code
 * jwsgi.requests.active} long-task timer and the {@code jwsgi.validator.violations} counter (see
 * {@link MicrometerRequestObserver}). Backs off without Micrometer or a {@link MeterRegistry}.
 *
 * <p>Spring MVC's own {@code http.server.requests} observation needs nothing from here: {@link
 * MountedJwsgiServlet} sets the mount's path pattern ({@code /shop/**}) as its {@code uri}.
 */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"
        })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
public final class JwsgiMetricsAutoConfiguration {

    JwsgiMetricsAutoConfiguration() {}

    @Bean
    @ConditionalOnMissingBean(JwsgiRequestObserver.class)
    MicrometerRequestObserver jwsgiMicrometerRequestObserver(MeterRegistry registry) {
        return new MicrometerRequestObserver(registry);
    }
}
