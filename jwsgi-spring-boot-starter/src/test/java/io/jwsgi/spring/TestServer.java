package io.jwsgi.spring;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** A Spring Boot application on an ephemeral port of 127.0.0.1, for tests that need their own settings. */
final class TestServer implements AutoCloseable {

    final ConfigurableApplicationContext context;
    final int port;

    private TestServer(ConfigurableApplicationContext context) {
        this.context = context;
        this.port = ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    static TestServer start(Class<?> configuration, String... properties) {
        return new TestServer(new SpringApplicationBuilder(configuration)
                .properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off")
                .properties(properties)
                .run());
    }

    @Override
    public void close() {
        this.context.close();
    }
}
