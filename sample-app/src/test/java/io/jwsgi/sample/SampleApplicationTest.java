package io.jwsgi.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sample end to end: the Spring Boot application on a random port, driven over real HTTP
 * with {@link HttpClient}, exactly as a newcomer's browser and curl would; its notes in the
 * default database, H2 in files, under a fresh data directory ({@link
 * SampleApplicationPostgresTest} runs it all again on PostgreSQL).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SampleApplicationTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {};

    /** A data directory of its own for each run, so the H2 files of one never meet another's. */
    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        String dataDir = newDataDirectory().toString(); // once: the supplier is asked on every lookup
        registry.add("guestbook.data-dir", () -> dataDir);
    }

    static Path newDataDirectory() {
        try {
            // Under target/, so that "mvn clean" takes the H2 files away with the rest.
            return Files.createTempDirectory(Files.createDirectories(Path.of("target", "test-data")), "guestbook")
                    .toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    /** Whether this run has the {@code dev} profile (Validator and error diagnostics on). */
    boolean devProfile() {
        return false;
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri(path)).timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(String method, String path, String contentType, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .timeout(TIMEOUT)
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    static Map<String, Object> json(HttpResponse<String> response) {
        assertThat(header(response, "Content-Type")).startsWith("application/");
        return MAPPER.readValue(response.body(), JSON_OBJECT);
    }

    static String toJson(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    @Test
    void servesThePageWithItsFormAndLinks() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(header(page, "Content-Type")).isEqualToIgnoringWhitespace("text/html;charset=utf-8");
        assertThat(page.body())
                .contains("<form method=\"post\" action=\"/\"")
                .contains("href=\"/api/notes\"")
                .contains("href=\"/actuator/health\"")
                .contains("href=\"/actuator/metrics/jwsgi.requests\"")
                .contains("href=\"/actuator/jwsgi\"");
    }

    @Test
    void formPostRedirectsWith303AndThePageShowsTheEscapedEntry() throws Exception {
        String text = "Hello <b>" + UUID.randomUUID() + "</b> & welcome";
        String form = "author=Ada&text=" + URLEncoder.encode(text, StandardCharsets.UTF_8);
        HttpResponse<String> posted = send("POST", "/", "application/x-www-form-urlencoded", form);
        assertThat(posted.statusCode()).isEqualTo(303);
        String location = header(posted, "Location");
        assertThat(location).matches("(http://[^/]+)?/#note-[0-9a-f-]{36}");

        HttpResponse<String> page = get(URI.create(location).getPath());
        assertThat(page.statusCode()).isEqualTo(200);
        String id = location.substring(location.indexOf('#') + 1);
        assertThat(page.body())
                .contains("<li class=\"note\" id=\"" + id + "\">")
                .contains(Html.escape(text))
                .doesNotContain(text);
    }

    @Test
    void apiCreatesListsAndFindsNotes() throws Exception {
        String text = "via the API " + UUID.randomUUID();
        HttpResponse<String> created =
                send("POST", "/api/notes", "application/json", toJson(Map.of("author", "curl", "text", text)));
        assertThat(created.statusCode()).isEqualTo(201);
        Map<String, Object> note = json(created);
        assertThat(note).containsEntry("author", "curl").containsEntry("text", text);
        String location = header(created, "Location");
        assertThat(location).endsWith("/api/notes/" + note.get("id"));

        HttpResponse<String> one = get(URI.create(location).getPath());
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(json(one)).isEqualTo(note);

        Map<String, Object> list = json(get("/api/notes?limit=100"));
        assertThat(new ArrayList<Object>((List<?>) list.get("notes"))).contains(note);
    }

    @Test
    void apiAnswersMistakesWithProblemDetails() throws Exception {
        HttpResponse<String> wrongMethod = send("DELETE", "/api/notes", null, "");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(header(wrongMethod, "Allow")).isEqualTo("GET, HEAD, POST");
        assertThat(header(wrongMethod, "Content-Type")).isEqualTo("application/problem+json");
        assertThat(json(wrongMethod)).containsEntry("title", "Method Not Allowed");

        HttpResponse<String> malformed = send("POST", "/api/notes", "application/json", "{\"text\":");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json(malformed))
                .containsEntry("type", "about:blank")
                .containsEntry("status", 400)
                .containsEntry("instance", "/api/notes");

        assertThat(json(send("POST", "/api/notes", "application/json", "{\"text\": 5}")))
                .containsEntry("detail", "text must be a string");
        assertThat(json(send("POST", "/api/notes", "application/json", "{\"txt\": \"x\"}")))
                .containsEntry("field", "txt");
        assertThat(send("POST", "/api/notes", "text/plain", "hi").statusCode()).isEqualTo(415);
        HttpResponse<String> empty = send("POST", "/api/notes", "application/json", "{\"text\":\"\"}");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(json(empty)).containsEntry("detail", "text must not be empty");
        HttpResponse<String> tooLarge = send(
                "POST", "/api/notes", "application/json", "{\"text\":\"" + "a".repeat(NotesApi.MAX_BODY_BYTES) + "\"}");
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(json(tooLarge)).containsEntry("title", "Content Too Large");
        // over jwsgi.max-request-body (64 KiB) the starter answers before the API runs: a problem
        // body too, for a client that reads JSON
        HttpResponse<String> overTheStarterLimit = http.send(
                HttpRequest.newBuilder(uri("/api/notes"))
                        .timeout(TIMEOUT)
                        .header("Content-Type", "application/json")
                        .header("Accept", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"" + "a".repeat(70 * 1024) + "\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(overTheStarterLimit.statusCode()).isEqualTo(413);
        assertThat(header(overTheStarterLimit, "Content-Type")).startsWith("application/problem+json");
        assertThat(json(overTheStarterLimit))
                .containsEntry("title", "Content Too Large")
                .containsEntry("status", 413);
        String unknown = UUID.randomUUID().toString();
        HttpResponse<String> missing = get("/api/notes/" + unknown);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing)).containsEntry("detail", "no note " + unknown);
    }

    @Test
    void apiPagesNewestFirst() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(0, (String) json(send("POST", "/api/notes", "application/json", "{\"text\":\"page " + i + "\"}"))
                    .get("id"));
        }
        Map<String, Object> first = json(get("/api/notes?limit=2"));
        List<Object> firstIds = ((List<?>) first.get("notes"))
                .stream().map(n -> (Object) ((Map<?, ?>) n).get("id")).toList();
        assertThat(firstIds).containsExactly(ids.get(0), ids.get(1));
        assertThat(first).containsEntry("next", "/api/notes?limit=2&before=" + ids.get(1));
        Map<String, Object> second = json(get((String) first.get("next")));
        assertThat(((Map<?, ?>) ((List<?>) second.get("notes")).get(0)).get("id"))
                .isEqualTo(ids.get(2));
    }

    @Test
    void servesStaticFilesWithTheirContentType() throws Exception {
        Map<String, String> types = Map.of(
                "/static/style.css", "text/css",
                "/static/app.js", "text/javascript",
                "/static/logo.svg", "image/svg+xml");
        for (Map.Entry<String, String> file : types.entrySet()) {
            HttpResponse<String> response = get(file.getKey());
            assertThat(response.statusCode()).as(file.getKey()).isEqualTo(200);
            assertThat(header(response, "Content-Type")).as(file.getKey()).startsWith(file.getValue());
            assertThat(header(response, "Content-Length"))
                    .isEqualTo(Integer.toString(response.body().getBytes(StandardCharsets.UTF_8).length));
        }
        assertThat(get("/static/missing.png").statusCode()).isEqualTo(404);
    }

    @Test
    void actuatorHealthAnswersOnTheSamePort() throws Exception {
        HttpResponse<String> health = get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json(health)).containsEntry("status", "UP");
        assertThat(json(health).get("components"))
                .as("the database is part of the health")
                .asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("db", Map.of("status", "UP"));
    }

    @Test
    void actuatorJwsgiEndpointListsBothApplications() throws Exception {
        HttpResponse<String> endpoint = get("/actuator/jwsgi");
        assertThat(endpoint.statusCode()).isEqualTo(200);
        List<?> apps = (List<?>) json(endpoint).get("apps");
        assertThat(apps)
                .extracting(app -> ((Map<?, ?>) app).get("name"), app -> ((Map<?, ?>) app).get("path"))
                .containsExactly(tuple("guestbook", "/"), tuple("api", "/api"));
        assertThat(apps).allSatisfy(app -> {
            assertThat(((Map<?, ?>) app).get("validated")).isEqualTo(devProfile());
            assertThat(((Map<?, ?>) app).get("errorDiagnostics")).isEqualTo(devProfile());
        });
    }

    @Test
    void metricsCountRequestsPerApplication() throws Exception {
        get("/api/notes");
        HttpResponse<String> metric = get("/actuator/metrics/jwsgi.requests?tag=app:api&tag=method:GET");
        assertThat(metric.statusCode()).isEqualTo(200);
        List<?> measurements = (List<?>) json(metric).get("measurements");
        assertThat(measurements)
                .filteredOn(m -> "COUNT".equals(((Map<?, ?>) m).get("statistic")))
                .singleElement()
                .satisfies(m -> assertThat(((Number) ((Map<?, ?>) m).get("value")).doubleValue())
                        .isGreaterThanOrEqualTo(1.0));
    }
}
