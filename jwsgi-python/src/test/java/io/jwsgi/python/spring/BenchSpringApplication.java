package io.jwsgi.python.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * A Spring Boot application with no code of its own, for bench/python-run.sh: the Python
 * application comes from the command line's {@code --jwsgi.apps.<name>.python.*} properties, as
 * it would from {@code application.yml}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class BenchSpringApplication {

    /**
     * Runs the application.
     *
     * @param args Spring Boot's command line ({@code --server.port=...}, {@code --jwsgi...})
     */
    public static void main(String[] args) {
        SpringApplication.run(BenchSpringApplication.class, args);
    }
}
