package io.jwsgi.sample;

import io.jwsgi.Application;
import io.jwsgi.middleware.Dispatcher;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sample: a guestbook whose web page, JSON API and static files are JWSGI applications,
 * declared as {@link Application} beans and mounted by {@code jwsgi-spring-boot-starter}.
 *
 * <p>Two beans, two mounts (see {@code application.yml}):
 *
 * <ul>
 *   <li>{@code guestbook} at {@code /}: the HTML page with its form, and under {@code /static}
 *       the stylesheet, script and logo, dispatched by the toolkit's {@link Dispatcher};
 *   <li>{@code api} at {@code /api}: the JSON API, {@code /api/notes}.
 * </ul>
 *
 * <p>Both share one {@link NoteStore}: the table {@code note} in the database of Spring Boot's
 * {@code DataSource}, created by Flyway from {@code db/migration}. That is an H2 database in files
 * under {@code guestbook.data-dir} ({@code ./data}) unless {@code spring.datasource.url} names
 * another, such as PostgreSQL (see {@code docs/sample.md}). The API reads and writes JSON with
 * Boot's Jackson {@link JsonMapper}. Spring Boot Actuator answers on the same port under {@code
 * /actuator} (its health includes the database); the page links to it. Run it from the repository
 * root, then open http://localhost:8080/:
 *
 * <pre>{@code
 * ./mvnw -B -ntp -pl sample-app -am spring-boot:run
 * ./mvnw -B -ntp -pl sample-app -am spring-boot:run -Dspring-boot.run.profiles=dev   # with Validator
 * }</pre>
 */
@SpringBootApplication(proxyBeanMethods = false)
public class SampleApplication {

    /**
     * Starts the sample.
     *
     * @param args Spring Boot's command-line arguments, for example {@code --server.port=9090}
     */
    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }

    @Bean
    NoteStore noteStore(JdbcClient jdbc) {
        return new NoteStore(jdbc, Clock.systemUTC());
    }

    /** The page and its static files: one JWSGI application, mounted at {@code /}. */
    @Bean
    Application guestbook(
            NoteStore noteStore,
            @Value("${server.servlet.context-path:}") String contextPath,
            @Value("${jwsgi.apps.api.path:/api}") String apiPath,
            @Value("${management.endpoints.web.base-path:/actuator}") String actuatorPath) {
        GuestbookPage page = new GuestbookPage(noteStore, contextPath + apiPath + "/notes", contextPath + actuatorPath);
        return Dispatcher.builder()
                .mount("/static", new Assets())
                .mount("/", page)
                .build();
    }

    /** The JSON API: a second JWSGI application, mounted at {@code /api}. */
    @Bean
    Application api(NoteStore noteStore, JsonMapper jsonMapper) {
        return new NotesApi(noteStore, jsonMapper);
    }

    /** Says where to point the browser, once the main server (not a management server) listens. */
    @Bean
    ApplicationListener<WebServerInitializedEvent> announceAddress(
            @Value("${server.servlet.context-path:}") String contextPath) {
        return event -> {
            if (event.getApplicationContext().getServerNamespace() != null) {
                return;
            }
            System.getLogger(SampleApplication.class.getName())
                    .log(
                            System.Logger.Level.INFO,
                            "The JWSGI guestbook is at http://localhost:{0}{1}/",
                            Integer.toString(event.getWebServer().getPort()),
                            contextPath);
        };
    }
}
