package io.jwsgi.sample;

import io.jwsgi.Application;
import io.jwsgi.Environ;
import io.jwsgi.Header;
import io.jwsgi.StartResponse;
import io.jwsgi.util.Util;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The guestbook's JSON API, mounted under {@code /api}:
 *
 * <ul>
 *   <li>{@code GET /notes}: {@code {"count": n, "notes": [note, ...]}}, newest first;
 *   <li>{@code POST /notes} with {@code {"author": "...", "text": "..."}} ({@code author}
 *       optional): 201 Created, a {@code Location} header and the new note;
 *   <li>{@code GET /notes/{id}}: one note.
 * </ul>
 *
 * <p>A note is {@code {"id": 1, "author": "Ada", "text": "Hello", "created":
 * "2026-11-23T19:20:21Z"}}. Errors are JSON too, {@code {"status": 422, "error": "Unprocessable
 * Content", "message": "text must not be empty"}}: 400 for malformed JSON, 404, 405 with {@code
 * Allow}, 413 for a body over {@value #MAX_BODY_BYTES} bytes, 415 for a body that is not {@code
 * application/json}, 422 for a note that breaks a rule. Paths are walked with {@link
 * Util#shiftPathInfo}.
 *
 * <pre>{@code
 * Application api = new NotesApi(new NoteStore());
 * }</pre>
 */
final class NotesApi implements Application {

    /** The largest request body accepted, in bytes. */
    static final int MAX_BODY_BYTES = 16 * 1024;

    private static final String JSON = "application/json";
    private static final Set<String> FIELDS = Set.of("author", "text");

    private final NoteStore store;

    NotesApi(NoteStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public Iterable<byte[]> call(Map<String, Object> environ, StartResponse startResponse) throws Exception {
        String notesPath = Http.quotePath(String.valueOf(environ.getOrDefault(Environ.SCRIPT_NAME, ""))) + "/notes";
        try {
            if (!"notes".equals(Util.shiftPathInfo(environ))) {
                throw notFound(notesPath);
            }
            String id = Util.shiftPathInfo(environ);
            if (id == null || id.isEmpty()) {
                if (Util.shiftPathInfo(environ) != null) {
                    throw notFound(notesPath);
                }
                return collection(environ, startResponse, notesPath);
            }
            if (Util.shiftPathInfo(environ) != null) {
                throw notFound(notesPath);
            }
            return item(environ, startResponse, id);
        } catch (HttpError e) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", e.status());
            body.put("error", Http.status(e.status()).substring(4));
            body.put("message", e.getMessage());
            return Http.send(startResponse, e.status(), JSON, Json.write(body), e.headers());
        }
    }

    private Iterable<byte[]> collection(Map<String, Object> environ, StartResponse startResponse, String notesPath)
            throws Exception {
        String method = Http.method(environ);
        switch (method) {
            case "GET", "HEAD" -> {
                List<Note> notes = store.list();
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("count", notes.size());
                body.put("notes", notes.stream().map(NotesApi::toJson).toList());
                return Http.send(startResponse, 200, JSON, Json.write(body), List.of());
            }
            case "POST" -> {
                Note note = create(environ);
                String location = notesPath + "/" + note.id();
                return Http.send(
                        startResponse, 201, JSON, Json.write(toJson(note)), List.of(Header.of("Location", location)));
            }
            default -> throw HttpError.methodNotAllowed(method, "GET, HEAD, POST");
        }
    }

    private Iterable<byte[]> item(Map<String, Object> environ, StartResponse startResponse, String id)
            throws Exception {
        String method = Http.method(environ);
        if (!method.equals("GET") && !method.equals("HEAD")) {
            throw HttpError.methodNotAllowed(method, "GET, HEAD");
        }
        Note note = parseId(id).flatMap(store::find).orElseThrow(() -> new HttpError(404, "no note " + id));
        return Http.send(startResponse, 200, JSON, Json.write(toJson(note)), List.of());
    }

    private Note create(Map<String, Object> environ) throws Exception {
        if (!Http.mediaType(environ).equals(JSON)) {
            throw new HttpError(415, "send the note as application/json", Header.of("Accept-Post", JSON));
        }
        Object parsed;
        try {
            parsed = Json.parse(utf8(Http.readBody(environ, MAX_BODY_BYTES)));
        } catch (IllegalArgumentException | CharacterCodingException e) {
            throw new HttpError(400, "malformed JSON: " + e.getMessage());
        }
        if (!(parsed instanceof Map<?, ?> fields)) {
            throw new HttpError(422, "the body must be a JSON object");
        }
        for (Object name : fields.keySet()) {
            if (!FIELDS.contains(name)) {
                throw new HttpError(422, "unknown field \"" + name + "\"; a note has \"author\" and \"text\"");
            }
        }
        String author = stringField(fields, "author");
        String text = stringField(fields, "text");
        try {
            return store.add(author, text);
        } catch (InvalidNoteException e) {
            throw new HttpError(422, e.getMessage());
        }
    }

    private static String stringField(Map<?, ?> fields, String name) throws HttpError {
        Object value = fields.get(name);
        if (value == null) {
            return "";
        }
        if (!(value instanceof String s)) {
            throw new HttpError(422, name + " must be a string");
        }
        return s;
    }

    private static String utf8(byte[] body) throws CharacterCodingException {
        return StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(body))
                .toString();
    }

    private static Optional<Long> parseId(String id) {
        if (id.isEmpty() || id.length() > 18 || !id.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(id));
    }

    private static HttpError notFound(String notesPath) {
        return new HttpError(404, "no such resource; the notes are at " + notesPath);
    }

    static Map<String, Object> toJson(Note note) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", note.id());
        json.put("author", note.author());
        json.put("text", note.text());
        json.put("created", note.created().toString());
        return json;
    }
}
