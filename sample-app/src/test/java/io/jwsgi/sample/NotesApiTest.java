package io.jwsgi.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwsgi.Application;
import io.jwsgi.Environ;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
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
    private final Application api = new NotesApi(store);

    /** A request as the API sees it when mounted at {@code /api}. */
    private Call.Reply call(String method, String path, String contentType, String body) throws Exception {
        Map<String, Object> environ = Call.environ(method, path, contentType, body.getBytes(StandardCharsets.UTF_8));
        environ.put(Environ.SCRIPT_NAME, "/api");
        return Call.request(api, environ);
    }

    /** The reply's JSON object body. */
    private static Map<Object, Object> json(Call.Reply reply) {
        assertThat(reply.header("Content-Type")).isEqualTo(JSON);
        assertThat(Json.parse(reply.text())).isInstanceOf(Map.class);
        return new LinkedHashMap<>((Map<?, ?>) Json.parse(reply.text()));
    }

    @Test
    void listsNotesNewestFirst() throws Exception {
        store.add("Ada", "first");
        store.add("", "second");
        Call.Reply reply = call("GET", "/notes", null, "");
        assertThat(reply.status()).isEqualTo("200 OK");
        assertThat(reply.text())
                .isEqualTo("{\"count\":2,\"notes\":["
                        + "{\"id\":2,\"author\":\"anonymous\",\"text\":\"second\",\"created\":\"2026-11-23T19:20:21Z\"},"
                        + "{\"id\":1,\"author\":\"Ada\",\"text\":\"first\",\"created\":\"2026-11-23T19:20:21Z\"}]}");
        assertThat(call("GET", "/notes/", null, "").text()).isEqualTo(reply.text());
    }

    @Test
    void createsANoteWith201AndLocation() throws Exception {
        Call.Reply reply = call(
                "POST",
                "/notes",
                "application/json; charset=utf-8",
                "{\"author\":\"Ada\",\"text\":\"Hi \\\"there\\\" 😀\"}");
        assertThat(reply.status()).isEqualTo("201 Created");
        assertThat(reply.header("Location")).isEqualTo("/api/notes/1");
        assertThat(json(reply))
                .containsEntry("id", new BigDecimal(1))
                .containsEntry("author", "Ada")
                .containsEntry("text", "Hi \"there\" 😀");
        assertThat(store.find(1)).map(Note::text).contains("Hi \"there\" 😀");
    }

    @Test
    void getsOneNoteOr404() throws Exception {
        store.add("Ada", "hello");
        assertThat(json(call("GET", "/notes/1", null, ""))).containsEntry("text", "hello");
        Call.Reply missing = call("GET", "/notes/2", null, "");
        assertThat(missing.code()).isEqualTo(404);
        assertThat(json(missing)).containsEntry("message", "no note 2");
        assertThat(call("GET", "/notes/abc", null, "").code()).isEqualTo(404);
        assertThat(call("GET", "/notes/99999999999999999999", null, "").code()).isEqualTo(404);
    }

    @Test
    void answersUnknownPathsWith404InJson() throws Exception {
        for (String path : List.of("", "/", "/other", "/notes/1/more")) {
            Call.Reply reply = call("GET", path, null, "");
            assertThat(reply.code()).as(path).isEqualTo(404);
            assertThat(json(reply))
                    .containsEntry("status", new BigDecimal(404))
                    .containsEntry("error", "Not Found")
                    .containsEntry("message", "no such resource; the notes are at /api/notes");
        }
    }

    @Test
    void answersWrongMethodsWith405AndAllow() throws Exception {
        Call.Reply onCollection = call("DELETE", "/notes", null, "");
        assertThat(onCollection.code()).isEqualTo(405);
        assertThat(onCollection.header("Allow")).isEqualTo("GET, HEAD, POST");
        assertThat(json(onCollection)).containsEntry("error", "Method Not Allowed");

        store.add("", "x");
        Call.Reply onItem = call("PUT", "/notes/1", JSON, "{}");
        assertThat(onItem.code()).isEqualTo(405);
        assertThat(onItem.header("Allow")).isEqualTo("GET, HEAD");
    }

    @Test
    void refusesMalformedJsonWith400() throws Exception {
        Call.Reply reply = call("POST", "/notes", JSON, "{\"text\": \"x\",}");
        assertThat(reply.code()).isEqualTo(400);
        assertThat(json(reply)).containsEntry("message", "malformed JSON: expected a string key at offset 13");
        assertThat(call("POST", "/notes", JSON, "").code()).isEqualTo(400);
    }

    @Test
    void refusesBytesThatAreNotUtf8With400() throws Exception {
        Map<String, Object> environ = Call.environ("POST", "/notes", JSON, new byte[] {'"', (byte) 0xC3, '"'});
        assertThat(Call.request(api, environ).code()).isEqualTo(400);
    }

    @Test
    void refusesOtherMediaTypesWith415() throws Exception {
        Call.Reply reply = call("POST", "/notes", "application/x-www-form-urlencoded", "text=x");
        assertThat(reply.code()).isEqualTo(415);
        assertThat(reply.header("Accept-Post")).isEqualTo(JSON);
        assertThat(json(reply)).containsEntry("error", "Unsupported Media Type");
    }

    @Test
    void refusesABodyOverTheLimitWith413() throws Exception {
        String body = "{\"text\":\"" + "a".repeat(NotesApi.MAX_BODY_BYTES) + "\"}";
        assertThat(call("POST", "/notes", JSON, body).code()).isEqualTo(413);
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
            Call.Reply reply = call("POST", "/notes", JSON, c.getKey());
            assertThat(reply.code()).as(c.getKey()).isEqualTo(422);
            assertThat(json(reply)).as(c.getKey()).containsEntry("message", c.getValue());
        }
        assertThat(store.list()).isEmpty();
    }
}
