package io.jwsgi.sample;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.jwsgi.Header;
import io.jwsgi.middleware.Dispatcher;
import io.jwsgi.testing.TestClient;
import io.jwsgi.testing.TestResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON API through {@link TestClient}, on a real H2 database migrated by Flyway, with a
 * default Jackson {@link JsonMapper} (the end-to-end tests use Spring Boot's).
 */
class NotesApiTest {

    private static final String JSON = "application/json";
    private static final String PROBLEM = "application/problem+json";
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {};

    private final HikariDataSource dataSource = TestDatabases.h2();
    private final JdbcClient jdbc = JdbcClient.create(dataSource);
    private final NoteStore store =
            new NoteStore(jdbc, Clock.fixed(Instant.parse("2026-11-23T19:20:21Z"), ZoneOffset.UTC));
    /** The API mounted at {@code /api}, as in the sample. */
    private final TestClient client = new TestClient(
            Dispatcher.builder().mount("/api", new NotesApi(store, MAPPER)).build());

    @AfterEach
    void closePool() {
        dataSource.close();
    }

    private TestResponse call(String method, String path, String contentType, byte[] body) throws Exception {
        List<Header> headers = contentType == null ? List.of() : List.of(Header.of("Content-Type", contentType));
        return client.request(method, path, headers, body);
    }

    private TestResponse post(String body) throws Exception {
        return call("POST", "/api/notes", JSON, body.getBytes(UTF_8));
    }

    private int rows() {
        return jdbc.sql("SELECT COUNT(*) FROM note").query(Integer.class).single();
    }

    /** The response's JSON object body, of the given media type. */
    private static Map<String, Object> json(TestResponse response, String type) {
        assertThat(response.headers().get("Content-Type")).isEqualTo(type);
        return MAPPER.readValue(response.body(), JSON_OBJECT);
    }

    /** Asserts an RFC 9457 problem body and returns it. */
    private static Map<String, Object> problem(TestResponse response, int status, String instance) {
        Map<String, Object> problem = json(response, PROBLEM);
        assertThat(response.status()).isEqualTo(status);
        assertThat(problem)
                .containsEntry("type", "about:blank")
                .containsEntry("title", Responses.status(status).substring(4))
                .containsEntry("status", status)
                .containsEntry("instance", instance)
                .containsKey("detail");
        return problem;
    }

    @Test
    void listsNotesNewestFirst() throws Exception {
        Note first = store.add("Ada", "first");
        Note second = store.add("", "second");
        TestResponse response = client.get("/api/notes");
        assertThat(response.statusLine()).isEqualTo("200 OK");
        assertThat(response.headers().get("Content-Type")).isEqualTo(JSON);
        assertThat(response.text())
                .isEqualTo("{\"notes\":["
                        + "{\"id\":\"" + second.id() + "\",\"author\":\"anonymous\",\"text\":\"second\","
                        + "\"created\":\"2026-11-23T19:20:21Z\"},"
                        + "{\"id\":\"" + first.id() + "\",\"author\":\"Ada\",\"text\":\"first\","
                        + "\"created\":\"2026-11-23T19:20:21Z\"}]}");
        assertThat(client.get("/api/notes/").text()).isEqualTo(response.text());
        assertThat(client.get("/api/notes?limit=20&unknown=ignored").text()).isEqualTo(response.text());
    }

    @Test
    void pagesWithLimitAndTheNextLink() throws Exception {
        List<String> texts = List.of("1", "2", "3", "4", "5");
        texts.forEach(text -> store.add("", text));
        List<Object> seen = new ArrayList<>();
        String next = "/api/notes?limit=2";
        int pages = 0;
        while (next != null) {
            Map<String, Object> page = json(client.get(next), JSON);
            List<?> notes = (List<?>) page.get("notes");
            assertThat(notes).hasSizeBetween(1, 2);
            notes.forEach(note -> seen.add(((Map<?, ?>) note).get("text")));
            next = (String) page.get("next");
            if (next != null) {
                Object lastId = ((Map<?, ?>) notes.get(notes.size() - 1)).get("id");
                assertThat(next).isEqualTo("/api/notes?limit=2&before=" + lastId);
            }
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactly("5", "4", "3", "2", "1");
        assertThat(json(client.get("/api/notes"), JSON)).doesNotContainKey("next");
    }

    @Test
    void refusesBadPagingWith400() throws Exception {
        store.add("", "x");
        for (String limit : List.of("0", "101", "abc", "-1", "", "1.5", "0020")) {
            Map<String, Object> problem = problem(client.get("/api/notes?limit=" + limit), 400, "/api/notes");
            assertThat(problem)
                    .as(limit)
                    .containsEntry("detail", "limit must be a whole number from 1 to 100")
                    .containsEntry("field", "limit");
        }
        assertThat(problem(client.get("/api/notes?before=12"), 400, "/api/notes"))
                .containsEntry("detail", "before must be a note id")
                .containsEntry("field", "before");
        UUID unknown = UUID.randomUUID();
        assertThat(problem(client.get("/api/notes?before=" + unknown), 400, "/api/notes"))
                .containsEntry("detail", "before names no note: " + unknown);
        assertThat(problem(client.get("/api/notes?limit=%zz"), 400, "/api/notes"))
                .containsEntry("detail", "malformed query string");
    }

    @Test
    void createsANoteWith201AndLocation() throws Exception {
        TestResponse response = call(
                "POST",
                "/api/notes",
                "application/json; charset=utf-8",
                "{\"author\":\"Ada\",\"text\":\"Hi \\\"there\\\" 😀\"}".getBytes(UTF_8));
        assertThat(response.statusLine()).isEqualTo("201 Created");
        Map<String, Object> note = json(response, JSON);
        UUID id = UUID.fromString((String) note.get("id"));
        assertThat(response.headers().get("Location")).isEqualTo("/api/notes/" + id);
        assertThat(note)
                .containsEntry("author", "Ada")
                .containsEntry("text", "Hi \"there\" 😀")
                .containsEntry("created", "2026-11-23T19:20:21Z");
        assertThat(store.find(id)).map(Note::text).contains("Hi \"there\" 😀");
        assertThat(post("{\"text\":\"no author\",\"author\":null}").status()).isEqualTo(201);
        assertThat(rows()).isEqualTo(2);
    }

    @Test
    void getsOneNoteOr404() throws Exception {
        Note note = store.add("Ada", "hello");
        assertThat(json(client.get("/api/notes/" + note.id()), JSON))
                .containsEntry("id", note.id().toString())
                .containsEntry("text", "hello");
        assertThat(json(client.get("/api/notes/" + note.id().toString().toUpperCase()), JSON))
                .containsEntry("id", note.id().toString());
        UUID other = UUID.randomUUID();
        assertThat(problem(client.get("/api/notes/" + other), 404, "/api/notes/" + other))
                .containsEntry("detail", "no note " + other);
        for (String id : List.of("1", "abc", "99999999999999999999", note.id() + "0")) {
            problem(client.get("/api/notes/" + id), 404, "/api/notes/" + id);
        }
    }

    @Test
    void answersUnknownPathsWith404Problems() throws Exception {
        for (String path : List.of("/api", "/api/", "/api/other", "/api/notes/x/more")) {
            assertThat(problem(client.get(path), 404, path))
                    .as(path)
                    .containsEntry("detail", "no such resource; the notes are at /api/notes");
        }
    }

    @Test
    void answersWrongMethodsWith405AndAllow() throws Exception {
        TestResponse onCollection = call("DELETE", "/api/notes", null, new byte[0]);
        assertThat(onCollection.headers().get("Allow")).isEqualTo("GET, HEAD, POST");
        assertThat(problem(onCollection, 405, "/api/notes"))
                .containsEntry("detail", "method DELETE is not allowed here; use GET, HEAD, POST");

        Note note = store.add("", "x");
        TestResponse onItem = call("PUT", "/api/notes/" + note.id(), JSON, "{}".getBytes(UTF_8));
        assertThat(onItem.status()).isEqualTo(405);
        assertThat(onItem.headers().get("Allow")).isEqualTo("GET, HEAD");
    }

    /** Every way a body can be wrong, and the problem each one gets; none stores a row. */
    @Test
    void refusesEveryBadBodyWith400AndSaysWhy() throws Exception {
        Map<String, List<String>> cases = new LinkedHashMap<>();
        // body -> detail, field (or null)
        cases.put("", List.of("the body is empty; send a JSON object such as {\"text\": \"Hello\"}"));
        cases.put(
                "{\"text\": \"x\",}",
                List.of("malformed JSON at byte 13: Unexpected character ('}' (code 125)):"
                        + " was expecting double-quote to start property name"));
        cases.put("{\"text\": \"x\"", List.of("malformed JSON: the body ends inside the JSON"));
        cases.put("[]", List.of("the body must be a JSON object"));
        cases.put("null", List.of("the body must be a JSON object"));
        cases.put("\"text\"", List.of("the body must be a JSON object"));
        cases.put("{\"text\": \"a\"} {}", List.of("malformed JSON: there is more after the object"));
        cases.put(
                "{\"text\": \"a\", \"text\": \"b\"}",
                List.of("malformed JSON at byte 20: Duplicate Object property \"text\""));
        cases.put("{\"text\": 5}", List.of("text must be a string", "text"));
        cases.put("{\"text\": 1.5}", List.of("text must be a string", "text"));
        cases.put("{\"text\": true}", List.of("text must be a string", "text"));
        cases.put("{\"text\": [\"a\"]}", List.of("text must be a string", "text"));
        cases.put("{\"author\": {}, \"text\": \"x\"}", List.of("author must be a string", "author"));
        cases.put("{\"txt\": \"x\"}", List.of("unknown field \"txt\"; a note has \"author\" and \"text\"", "txt"));
        cases.put("{\"author\": \"Ada\"}", List.of("text must not be empty", "text"));
        cases.put("{\"text\": null}", List.of("text must not be empty", "text"));
        cases.put("{\"text\": \"\\u0007\"}", List.of("text must not contain control characters", "text"));
        cases.put("{\"text\": \"\\ud800\"}", List.of("text must not contain unpaired surrogates", "text"));
        cases.put(
                "{\"text\": \"" + "a".repeat(1001) + "\"}",
                List.of("text must be at most 1000 characters, was 1001", "text"));
        for (Map.Entry<String, List<String>> c : cases.entrySet()) {
            Map<String, Object> problem = problem(post(c.getKey()), 400, "/api/notes");
            assertThat(problem)
                    .as(c.getKey())
                    .containsEntry("detail", c.getValue().get(0));
            if (c.getValue().size() > 1) {
                assertThat(problem)
                        .as(c.getKey())
                        .containsEntry("field", c.getValue().get(1));
            } else {
                assertThat(problem).as(c.getKey()).doesNotContainKey("field");
            }
        }
        Map<String, Object> notUtf8 =
                problem(call("POST", "/api/notes", JSON, new byte[] {'"', (byte) 0xC3, '"'}), 400, "/api/notes");
        assertThat((String) notUtf8.get("detail")).startsWith("malformed JSON at byte");
        assertThat(rows()).isZero();
    }

    @Test
    void refusesOtherMediaTypesWith415() throws Exception {
        TestResponse response =
                call("POST", "/api/notes", "application/x-www-form-urlencoded", "text=x".getBytes(UTF_8));
        assertThat(response.headers().get("Accept-Post")).isEqualTo(JSON);
        assertThat(problem(response, 415, "/api/notes")).containsEntry("detail", "send the note as application/json");
        assertThat(rows()).isZero();
    }

    @Test
    void refusesABodyOverTheLimitWith413() throws Exception {
        String body = "{\"text\":\"" + "a".repeat(NotesApi.MAX_BODY_BYTES) + "\"}";
        assertThat(problem(post(body), 413, "/api/notes"))
                .containsEntry("detail", "the request body is larger than 16384 bytes");
        assertThat(rows()).isZero();
    }

    @Test
    void answers503WhenTheDatabaseIsGone() throws Exception {
        Note note = store.add("", "x");
        dataSource.close();
        for (TestResponse response :
                List.of(client.get("/api/notes"), client.get("/api/notes/" + note.id()), post("{\"text\": \"y\"}"))) {
            assertThat(response.headers().get("Retry-After")).isEqualTo("5");
            assertThat(json(response, PROBLEM))
                    .containsEntry("status", 503)
                    .containsEntry("detail", "the database is not available; try again later");
        }
    }
}
