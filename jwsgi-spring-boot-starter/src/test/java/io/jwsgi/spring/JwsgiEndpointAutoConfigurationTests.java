package io.jwsgi.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwsgi.Application;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

class JwsgiEndpointAutoConfigurationTests {

    private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(JwsgiAutoConfiguration.class, JwsgiEndpointAutoConfiguration.class))
            .withBean("hello", Application.class, () -> TestApps.text("hello"));

    @Test
    void endpointIsRegisteredWhenExposed() {
        this.contextRunner
                .withPropertyValues("management.endpoints.web.exposure.include=jwsgi")
                .run(context -> {
                    JwsgiEndpoint.JwsgiDescriptor descriptor =
                            context.getBean(JwsgiEndpoint.class).jwsgi();
                    assertThat(descriptor.apps()).singleElement().satisfies(app -> {
                        assertThat(app.name()).isEqualTo("hello");
                        assertThat(app.path()).isEqualTo("/");
                        assertThat(app.servlet()).isEqualTo("jwsgi-hello");
                        assertThat(app.validated()).isFalse();
                    });
                });
    }

    @Test
    void endpointIsNotRegisteredWhenNotExposed() {
        this.contextRunner.run(context -> assertThat(context).doesNotHaveBean(JwsgiEndpoint.class));
    }

    @Test
    void endpointIsNotRegisteredWithoutActuator() {
        this.contextRunner
                .withPropertyValues("management.endpoints.web.exposure.include=jwsgi")
                .withClassLoader(new FilteredClassLoader(Endpoint.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(JwsgiEndpoint.class));
    }

    @Test
    void endpointIsNotRegisteredWhenStarterIsDisabled() {
        this.contextRunner
                .withPropertyValues("management.endpoints.web.exposure.include=jwsgi", "jwsgi.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(JwsgiEndpoint.class));
    }
}
