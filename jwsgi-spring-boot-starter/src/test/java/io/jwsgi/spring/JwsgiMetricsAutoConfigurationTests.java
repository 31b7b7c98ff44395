package io.jwsgi.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwsgi.Application;
import io.jwsgi.Header;
import io.jwsgi.servlet.JwsgiRequestObserver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class JwsgiMetricsAutoConfigurationTests {

    private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JwsgiMetricsAutoConfiguration.class));

    @Test
    void observerIsRegisteredWithMeterRegistry() {
        this.contextRunner
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .run(context -> assertThat(context).hasSingleBean(MicrometerRequestObserver.class));
    }

    @Test
    void backsOffWithoutMicrometer() {
        this.contextRunner
                .withClassLoader(new FilteredClassLoader(MeterRegistry.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(JwsgiRequestObserver.class));
    }

    @Test
    void backsOffWithoutMeterRegistryBean() {
        this.contextRunner.run(context -> assertThat(context).doesNotHaveBean(JwsgiRequestObserver.class));
    }

    @Test
    void userObserverWins() {
        this.contextRunner
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withBean(JwsgiRequestObserver.class, () -> JwsgiRequestObserver.NONE)
                .run(context -> assertThat(context)
                        .hasSingleBean(JwsgiRequestObserver.class)
                        .doesNotHaveBean(MicrometerRequestObserver.class));
    }

    @Test
    void starterWorksWithoutMicrometerOnTheClasspath() {
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        JwsgiAutoConfiguration.class,
                        JwsgiMetricsAutoConfiguration.class,
                        JwsgiEndpointAutoConfiguration.class))
                .withClassLoader(new FilteredClassLoader(MeterRegistry.class))
                .withBean("hello", Application.class, () -> TestApps.text("hello"))
                .run(context -> assertThat(context)
                        .hasNotFailed()
                        .hasSingleBean(JwsgiServletRegistrations.class)
                        .doesNotHaveBean(JwsgiRequestObserver.class));
    }

    @Test
    void validatorViolationsAreCountedAndReadableThroughActuator() throws Exception {
        try (TestServer server = TestServer.start(
                ViolatingApp.class, "jwsgi.validate=true", "management.endpoints.web.exposure.include=metrics")) {
            HttpClient client = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            HttpResponse<String> failed = client.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port + "/x"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(failed.statusCode()).isEqualTo(500);
            HttpResponse<String> metric = client.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port
                                    + "/actuator/metrics/jwsgi.validator.violations?tag=app:lowercase"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(metric.statusCode()).isEqualTo(200);
            assertThat(metric.body()).contains("\"statistic\":\"COUNT\",\"value\":1.0");
            HttpResponse<String> timer = client.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port
                                    + "/actuator/metrics/jwsgi.requests?tag=app:lowercase&tag=status:500"
                                    + "&tag=outcome:SERVER_ERROR&tag=exception:AssertionError"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(timer.statusCode()).isEqualTo(200);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class ViolatingApp {
        /** Breaks the contract: a header name with a space, which the validator refuses. */
        @Bean
        Application lowercase() {
            return (environ, startResponse) -> {
                startResponse.start("200 OK", List.of(new Header("Bad Name", "x")));
                return List.of();
            };
        }
    }
}
