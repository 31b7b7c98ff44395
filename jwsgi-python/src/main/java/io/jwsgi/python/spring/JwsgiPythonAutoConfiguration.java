package io.jwsgi.python.spring;

import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Python applications from {@code application.yml} alone: every {@code jwsgi.apps.<name>} entry
 * with a {@code python} block becomes a {@link PythonApplicationBean} named {@code <name>}, which
 * the starter's {@code JwsgiAutoConfiguration} (ordered after this one) mounts at {@code
 * jwsgi.apps.<name>.path} like any other {@code Application} bean.
 *
 * <pre>{@code
 * jwsgi:
 *   apps:
 *     flask:
 *       path: /
 *       python:
 *         app: hello:app
 *         path: [src/python, /usr/lib/python3/dist-packages]
 *         contexts: 2
 * }</pre>
 *
 * <p>Also: a runner that holds Spring Boot's readiness until every application is imported
 * ({@link PythonWarmUp}), and the pools' Micrometer meters ({@link PythonMetrics}) when Micrometer
 * is present.
 */
@AutoConfiguration(beforeName = "io.jwsgi.spring.JwsgiAutoConfiguration")
@ConditionalOnClass(name = "io.jwsgi.spring.JwsgiAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBooleanProperty(name = "jwsgi.enabled", matchIfMissing = true)
@Import(PythonAppRegistrar.class)
public final class JwsgiPythonAutoConfiguration {

    JwsgiPythonAutoConfiguration() {}

    @Bean
    PythonWarmUp jwsgiPythonWarmUp(ObjectProvider<PythonApplicationBean> applications) {
        return new PythonWarmUp(applications);
    }

    /** The pools' meters, with Micrometer on the classpath. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
    static class Metrics {

        @Bean
        MeterBinder jwsgiPythonMetrics(ObjectProvider<PythonApplicationBean> applications) {
            return new PythonMetrics(applications);
        }
    }
}
