package io.jwsgi.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The default database keeps the notes across a restart: the application stores a note in the H2
 * files under its data directory, stops, starts again on the same directory, and still has it
 * (and Flyway, finding the schema in place, migrates nothing). Over real HTTP.
 */
class RestartTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dataDir;

    /** Starts the sample on a free port with its H2 files under {@code dataDir}. */
    static ConfigurableApplicationContext start(Path dataDir) {
        // Command-line arguments, as a user would pass them (builder "properties" are only defaults,
        // below application.yml).
        return new SpringApplicationBuilder(SampleApplication.class)
                .run("--server.port=0", "--guestbook.data-dir=" + dataDir);
    }

    /** {@code http://127.0.0.1:<port>} of a running sample. */
    static String base(ConfigurableApplicationContext context) {
        return "http://127.0.0.1:"
                + ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    @Test
    void aNoteStoredBeforeARestartIsThereAfterIt() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        String text = "before the restart " + UUID.randomUUID();
        String location;
        String created;
        try (ConfigurableApplicationContext first = start(dataDir)) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(base(first) + "/api/notes"))
                            .timeout(TIMEOUT)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    SampleApplicationTest.toJson(Map.of("author", "Ada", "text", text))))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(201);
            location = response.headers().firstValue("Location").orElseThrow();
            created = response.body();
        }
        assertThat(dataDir.resolve("guestbook.mv.db"))
                .as("the H2 database file")
                .isRegularFile();

        try (ConfigurableApplicationContext second = start(dataDir)) {
            HttpResponse<String> note = http.send(
                    HttpRequest.newBuilder(URI.create(base(second) + location))
                            .timeout(TIMEOUT)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(note.statusCode()).isEqualTo(200);
            assertThat(note.body()).isEqualTo(created);
            HttpResponse<String> page = http.send(
                    HttpRequest.newBuilder(URI.create(base(second) + "/"))
                            .timeout(TIMEOUT)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.body()).contains(text);
        }
    }
}
