package io.jwsgi.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwsgi.Application;
import io.jwsgi.Header;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The "done when": an application made of the starter, Actuator and one {@code
 * Application} bean, nothing else (no controller of its own), serves the application at {@code /}
 * and {@code /actuator/health} on the same random port; on Tomcat, and on Jetty in the {@code
 * jetty-test} execution.
 */
@SpringBootTest(
        classes = JwsgiActuatorOnlyTests.OnlyOneBean.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class JwsgiActuatorOnlyTests {

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void applicationAtTheRootAndActuatorHealthShareThePort() throws Exception {
        assertThat(this.context.getBeanNamesForType(Application.class)).containsExactly("site");
        HttpResponse<String> root = get("/");
        assertThat(root.statusCode()).isEqualTo(200);
        assertThat(root.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        assertThat(root.body()).isEqualTo("site: SCRIPT_NAME='' PATH_INFO='/'\n");
        assertThat(get("/any/where").body()).isEqualTo("site: SCRIPT_NAME='' PATH_INFO='/any/where'\n");

        HttpResponse<String> health = get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
        assertThat(health.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).contains("json"));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return this.client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Only auto-configuration and one Application bean. */
    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class OnlyOneBean {
        @Bean
        Application site() {
            return (environ, startResponse) -> {
                startResponse.start("200 OK", List.of(Header.of("Content-Type", "text/plain; charset=utf-8")));
                return List.of(("site: SCRIPT_NAME='" + environ.get("SCRIPT_NAME") + "' PATH_INFO='"
                                + environ.get("PATH_INFO") + "'\n")
                        .getBytes(StandardCharsets.UTF_8));
            };
        }
    }
}
