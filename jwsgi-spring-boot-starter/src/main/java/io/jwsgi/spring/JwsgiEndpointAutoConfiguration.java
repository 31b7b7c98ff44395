package io.jwsgi.spring;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The Actuator endpoint {@code jwsgi} ({@link JwsgiEndpoint}), when Actuator is present, the
 * starter mounted applications, and the endpoint is available (enabled and exposed).
 */
@AutoConfiguration(after = JwsgiAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBean(JwsgiMounts.class)
@ConditionalOnAvailableEndpoint(JwsgiEndpoint.class)
public final class JwsgiEndpointAutoConfiguration {

    JwsgiEndpointAutoConfiguration() {}

    @Bean
    @ConditionalOnMissingBean
    JwsgiEndpoint jwsgiEndpoint(JwsgiMounts mounts) {
        return new JwsgiEndpoint(mounts);
    }
}
