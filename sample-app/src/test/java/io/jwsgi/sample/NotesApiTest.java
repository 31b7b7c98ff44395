package io.jwsgi.sample;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.jwsgi.Header;
import io.jwsgi.middleware.Dispatcher;
import io.jwsgi.testing.TestClient;
import io.jwsgi.testing.TestResponse;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotesApiTest {

    private static final String JSON = "application/json";

    private final NoteStore store =
            new NoteStore(100, Clock.fixed(Instant.parse("2026-11-23T19:20:21Z"), ZoneOffset.UTC));
    /** The API mounted at {@code /api}, as in the sample. */
    private final TestClient client = new TestClient(
            Dispatcher.builder().mount("/api", new NotesApi(store)).build());

    private TestResponse call(String method, String path, String contentType, byte[] body) throws Exception {
        List<Header> headers = contentType == null ? List.of() : List.of(Header.of("Content-Type", contentType));
        return client.request(method, path, headers, body);
    }

    private TestResponse call(String method, String path, String contentType, String body) throws Exception {
        return call(method, path, contentType, body.getBytes(UTF_8));
    }

    /** The response's JSON object body. */
    private static Map<Object, Object> json(TestResponse response) {
        assertThat(response.headers().get("Content-Type")).isEqualTo(JSON);
        Object parsed = Json.parse(response.text());
        assertThat(parsed).isInstanceOf(Map.class);
        return new LinkedHashMap<>((Map<?, ?>) parsed);
    }

    @Test
    void listsNotesNewestFirst() throws Exception {
        store.add("Ada", "first");
        store.add("", "second");
        TestResponse response = client.get("/api/notes");
        assertThat(response.statusLine()).isEqualTo("200 OK");
        assertThat(response.text())
                .isEqualTo("{\"count\":2,\"notes\":["
                        + "{\"id\":2,\"author\":\"anonymous\",\"text\":\"second\",\"created\":\"2026-11-23T19:20:21Z\"},"
                        + "{\"id\":1,\"author\":\"Ada\",\"text\":\"first\",\"created\":\"2026-11-23T19:20:21Z\"}]}");
        assertThat(client.get("/api/notes/").text()).isEqualTo(response.text());
    }

    @Test
    void createsANoteWith201AndLocation() throws Exception {
        TestResponse response = call(
                "POST",
                "/api/notes",
                "application/json; charset=utf-8",
                "{\"author\":\"Ada\",\"text\":\"Hi \\\"there\\\" 😀\"}");
        assertThat(response.statusLine()).isEqualTo("201 Created");
        assertThat(response.headers().get("Location")).isEqualTo("/api/notes/1");
        assertThat(json(response))
                .containsEntry("id", new BigDecimal(1))
                .containsEntry("author", "Ada")
                .containsEntry("text", "Hi \"there\" 😀");
        assertThat(store.find(1)).map(Note::text).contains("Hi \"there\" 😀");
    }

    @Test
    void getsOneNoteOr404() throws Exception {
        store.add("Ada", "hello");
        assertThat(json(client.get("/api/notes/1"))).containsEntry("text", "hello");
        TestResponse missing = client.get("/api/notes/2");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(json(missing)).containsEntry("message", "no note 2");
        assertThat(client.get("/api/notes/abc").status()).isEqualTo(404);
        assertThat(client.get("/api/notes/99999999999999999999").status()).isEqualTo(404);
    }

    @Test
    void answersUnknownPathsWith404InJson() throws Exception {
        for (String path : List.of("/api", "/api/", "/api/other", "/api/notes/1/more")) {
            TestResponse response = client.get(path);
            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(json(response))
                    .containsEntry("status", new BigDecimal(404))
                    .containsEntry("error", "Not Found")
                    .containsEntry("message", "no such resource; the notes are at /api/notes");
        }
    }

    @Test
    void answersWrongMethodsWith405AndAllow() throws Exception {
        TestResponse onCollection = call("DELETE", "/api/notes", null, "");
        assertThat(onCollection.status()).isEqualTo(405);
        assertThat(onCollection.headers().get("Allow")).isEqualTo("GET, HEAD, POST");
        assertThat(json(onCollection)).containsEntry("error", "Method Not Allowed");

        store.add("", "x");
        TestResponse onItem = call("PUT", "/api/notes/1", JSON, "{}");
        assertThat(onItem.status()).isEqualTo(405);
        assertThat(onItem.headers().get("Allow")).isEqualTo("GET, HEAD");
    }

    @Test
    void refusesMalformedJsonWith400() throws Exception {
        TestResponse response = call("POST", "/api/notes", JSON, "{\"text\": \"x\",}");
        assertThat(response.status()).isEqualTo(400);
        assertThat(json(response)).containsEntry("message", "malformed JSON: expected a string key at offset 13");
        assertThat(call("POST", "/api/notes", JSON, "").status()).isEqualTo(400);
    }

    @Test
    void refusesBytesThatAreNotUtf8With400() throws Exception {
        assertThat(call("POST", "/api/notes", JSON, new byte[] {'"', (byte) 0xC3, '"'})
                        .status())
                .isEqualTo(400);
    }

    @Test
    void refusesOtherMediaTypesWith415() throws Exception {
        TestResponse response = call("POST", "/api/notes", "application/x-www-form-urlencoded", "text=x");
        assertThat(response.status()).isEqualTo(415);
        assertThat(response.headers().get("Accept-Post")).isEqualTo(JSON);
        assertThat(json(response)).containsEntry("error", "Unsupported Media Type");
    }

    @Test
    void refusesABodyOverTheLimitWith413() throws Exception {
        String body = "{\"text\":\"" + "a".repeat(NotesApi.MAX_BODY_BYTES) + "\"}";
        assertThat(call("POST", "/api/notes", JSON, body).status()).isEqualTo(413);
    }

    @Test
    void refusesNotesThatBreakARuleWith422() throws Exception {
        Map<String, String> cases = Map.of(
                "[]", "the body must be a JSON object",
                "{\"text\": 5}", "text must be a string",
                "{\"txt\": \"x\"}", "unknown field \"txt\"; a note has \"author\" and \"text\"",
                "{\"author\": \"Ada\"}", "text must not be empty",
                "{\"text\": \"\\u0007\"}", "text must not contain control characters");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            TestResponse response = call("POST", "/api/notes", JSON, c.getKey());
            assertThat(response.status()).as(c.getKey()).isEqualTo(422);
            assertThat(json(response)).as(c.getKey()).containsEntry("message", c.getValue());
        }
        assertThat(store.list()).isEmpty();
    }
}
