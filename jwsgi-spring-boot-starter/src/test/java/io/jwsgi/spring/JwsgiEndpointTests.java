package io.jwsgi.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwsgi.Application;
import io.jwsgi.Header;
import io.jwsgi.StartResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Actuator endpoint {@code jwsgi}: it backs off for a user's own {@link JwsgiEndpoint} bean,
 * and its JSON, read over real HTTP, carries every field of every mounted application.
 */
class JwsgiEndpointTests {

    @Test
    void usersOwnEndpointBeanMakesTheAutoConfigurationBackOff() {
        new WebApplicationContextRunner()
                .withConfiguration(
                        AutoConfigurations.of(JwsgiAutoConfiguration.class, JwsgiEndpointAutoConfiguration.class))
                .withPropertyValues("management.endpoints.web.exposure.include=jwsgi")
                .withBean("hello", Application.class, () -> TestApps.text("hello"))
                .withUserConfiguration(OwnEndpoint.class)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBeansOfType(JwsgiEndpoint.class)).containsOnlyKeys("myJwsgiEndpoint");
                    assertThat(context.getBean(JwsgiEndpoint.class)).isSameAs(OwnEndpoint.instance);
                });
    }

    @Test
    void endpointJsonListsEveryFieldOfEveryApplication() throws Exception {
        try (TestServer server = TestServer.start(
                TwoApps.class,
                "management.endpoints.web.exposure.include=health,jwsgi",
                "jwsgi.apps.shop.path=/shop",
                "jwsgi.apps.admin.path=/admin/area",
                "jwsgi.validate=true",
                "jwsgi.error-diagnostics=true",
                "jwsgi.max-request-body=3KB")) {
            HttpClient client = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port + "/actuator/jwsgi"))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(response.statusCode()).isEqualTo(200);
            Map<String, Object> json = JsonParserFactory.getJsonParser().parseMap(response.body());
            assertThat(json).containsOnlyKeys("apps");
            assertThat(json.get("apps"))
                    .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                    .containsExactly(
                            Map.of(
                                    "name",
                                    "shop",
                                    "path",
                                    "/shop",
                                    "servlet",
                                    "jwsgi-shop",
                                    "application",
                                    ShopApp.class.getName(),
                                    "validated",
                                    true,
                                    "maxRequestBody",
                                    3072,
                                    "errorDiagnostics",
                                    true),
                            Map.of(
                                    "name",
                                    "admin",
                                    "path",
                                    "/admin/area",
                                    "servlet",
                                    "jwsgi-admin",
                                    "application",
                                    AdminApp.class.getName(),
                                    "validated",
                                    true,
                                    "maxRequestBody",
                                    3072,
                                    "errorDiagnostics",
                                    true));
            // and the applications are served where the endpoint says
            HttpResponse<String> shop = client.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port + "/shop/x"))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(shop.body()).isEqualTo("shop");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnEndpoint {
        static volatile JwsgiEndpoint instance;

        @Bean
        JwsgiEndpoint myJwsgiEndpoint(JwsgiMounts mounts) {
            instance = new JwsgiEndpoint(mounts);
            return instance;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class TwoApps {
        @Bean
        Application shop() {
            return new ShopApp();
        }

        @Bean
        Application admin() {
            return new AdminApp();
        }
    }

    static final class ShopApp implements Application {
        @Override
        public Iterable<byte[]> call(Map<String, Object> environ, StartResponse startResponse) throws Exception {
            startResponse.start("200 OK", List.of(Header.of("Content-Type", "text/plain")));
            return List.of("shop".getBytes(StandardCharsets.US_ASCII));
        }
    }

    static final class AdminApp implements Application {
        @Override
        public Iterable<byte[]> call(Map<String, Object> environ, StartResponse startResponse) throws Exception {
            startResponse.start("200 OK", List.of(Header.of("Content-Type", "text/plain")));
            return List.of("admin".getBytes(StandardCharsets.US_ASCII));
        }
    }
}
