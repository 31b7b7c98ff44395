package soak;

import io.jwsgi.Application;
import io.jwsgi.Header;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The servlet bridge under soak: the same hello mounted at / by the starter on Tomcat. */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class SoakBridge {
    @Bean
    Application hello() {
        byte[] hello = "Hello, soak!\n".getBytes(StandardCharsets.US_ASCII);
        return (environ, start) -> {
            start.start("200 OK", List.of(Header.of("Content-Type", "text/plain")));
            return List.of(hello);
        };
    }

    public static void main(String[] args) {
        SpringApplication.run(SoakBridge.class, args);
    }
}
