package io.jwsgi.bench;

import io.jwsgi.Application;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * The Spring Boot side of the load benchmarks: in one application on embedded Tomcat, the raw
 * servlet at {@code /servlet}, a Spring MVC controller at {@code /mvc}, and the JWSGI hello world
 * mounted by jwsgi-spring-boot-starter at {@code /jwsgi} ({@code application.properties}); and the
 * floor under any WSGI bridge ({@link EnvironServlet}): the raw servlet plus the container getters
 * a WSGI environ reads ({@code /getters}), plus the environ's {@code HashMap} ({@code /environ}).
 *
 * <pre>{@code
 * java -jar bench/jwsgi-bench-app/target/jwsgi-bench-app-0.1.0-SNAPSHOT.jar --server.port=8081
 * }</pre>
 */
@SpringBootApplication
public class BenchApplication {

    @Bean
    Application hello() {
        return Hello.app();
    }

    @Bean
    ServletRegistrationBean<HelloServlet> helloServlet() {
        return new ServletRegistrationBean<>(new HelloServlet(), "/servlet");
    }

    @Bean
    ServletRegistrationBean<EnvironServlet> environServlet() {
        return new ServletRegistrationBean<>(new EnvironServlet(true), "/environ");
    }

    @Bean
    ServletRegistrationBean<EnvironServlet> gettersServlet() {
        return new ServletRegistrationBean<>(new EnvironServlet(false), "/getters");
    }

    /**
     * Starts the application.
     *
     * @param args Spring Boot's arguments, e.g. {@code --server.port=8081}
     */
    public static void main(String[] args) {
        SpringApplication.run(BenchApplication.class, args);
    }
}
