package io.jwsgi.sample;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.jwsgi.Application;
import io.jwsgi.Environ;
import io.jwsgi.Header;
import io.jwsgi.StartResponse;
import io.jwsgi.util.Util;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DataAccessException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.exc.UnexpectedEndOfInputException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * The guestbook's JSON API, mounted under {@code /api}:
 *
 * <ul>
 *   <li>{@code GET /notes?limit=20&before={id}}: {@code {"notes": [note, ...], "next":
 *       "/api/notes?limit=20&before=..."}}, newest first, {@code limit} 1 to {@value
 *       NoteStore#MAX_PAGE} (default {@value #DEFAULT_LIMIT}); {@code next} is there only when
 *       older notes follow;
 *   <li>{@code POST /notes} with {@code {"author": "...", "text": "..."}} ({@code author}
 *       optional): 201 Created, a {@code Location} header and the new note;
 *   <li>{@code GET /notes/{id}}: one note.
 * </ul>
 *
 * <p>A note is {@code {"id": "1b4e28ba-2fa1-41d2-883f-0016d3cca427", "author": "Ada", "text":
 * "Hello", "created": "2026-11-23T19:20:21.123456Z"}}. Every JSON byte is read and written by
 * Jackson, through the {@link JsonMapper} that Spring Boot configures.
 *
 * <p>Errors are RFC 9457 problem details ({@code application/problem+json}): {@code {"type":
 * "about:blank", "title": "Bad Request", "status": 400, "detail": "text must not be empty",
 * "instance": "/api/notes", "field": "text"}} ({@code field} only where one field is at fault).
 * The reading policy: a body must be exactly one JSON object in UTF-8 with no member other than
 * {@code author} and {@code text} (an unknown member is refused, not ignored, so a misspelt
 * {@code "txt"} never stores an empty note), each a string or {@code null} (no number or boolean
 * is turned into a string), no member twice, nothing after the object. Each breach is a 400; a
 * body over {@value #MAX_BODY_BYTES} bytes is a 413, one that is not {@code application/json} a
 * 415; also 404, and 405 with {@code Allow}. A database that fails is a 503, never half a row.
 * Paths are walked with {@link Util#shiftPathInfo}.
 *
 * <pre>{@code
 * Application api = new NotesApi(new NoteStore(jdbcClient, Clock.systemUTC()), jsonMapper);
 * }</pre>
 */
final class NotesApi implements Application {

    /** The largest request body accepted, in bytes. */
    static final int MAX_BODY_BYTES = 16 * 1024;

    /** The page size when the request names none. */
    static final int DEFAULT_LIMIT = 20;

    private static final String JSON = "application/json";
    private static final String PROBLEM = "application/problem+json";

    private final NoteStore store;
    private final JsonMapper mapper;
    private final ObjectReader newNoteReader;

    /**
     * @param store where notes live
     * @param mapper Spring Boot's JSON mapper: the API writes with it, and reads new notes with a
     *     stricter copy of it (the policy above)
     */
    NotesApi(NoteStore store, JsonMapper mapper) {
        this.store = Objects.requireNonNull(store, "store");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.newNoteReader = mapper.rebuild()
                .withCoercionConfig(
                        LogicalType.Textual,
                        strings -> strings.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .build()
                .readerFor(NewNote.class)
                .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    }

    /** What a client may send to create a note. */
    record NewNote(String author, String text) {}

    /** A page of the list, as sent. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record NoteList(List<Note> notes, String next) {}

    /** An RFC 9457 problem, as sent; {@code field} is an extension member. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Problem(String type, String title, int status, String detail, String instance, String field) {}

    @Override
    public Iterable<byte[]> call(Map<String, Object> environ, StartResponse startResponse) throws Exception {
        String instance = Responses.quotePath(
                String.valueOf(environ.getOrDefault(Environ.SCRIPT_NAME, "")) + Requests.pathInfo(environ));
        String notesPath =
                Responses.quotePath(String.valueOf(environ.getOrDefault(Environ.SCRIPT_NAME, ""))) + "/notes";
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
            return problem(startResponse, e, instance);
        } catch (DataAccessException e) {
            // Answered here, so logged here: the starter sees a 503, not the exception.
            System.getLogger(NotesApi.class.getName())
                    .log(System.Logger.Level.WARNING, "the database failed; answered 503", e);
            return problem(
                    startResponse,
                    new HttpError(503, "the database is not available; try again later", Header.of("Retry-After", "5")),
                    instance);
        }
    }

    private Iterable<byte[]> problem(StartResponse startResponse, HttpError e, String instance) throws Exception {
        Problem problem = new Problem(
                "about:blank",
                Responses.status(e.status()).substring(4),
                e.status(),
                e.getMessage(),
                instance,
                e.field());
        return Responses.send(startResponse, e.status(), PROBLEM, mapper.writeValueAsBytes(problem), e.headers());
    }

    private Iterable<byte[]> collection(Map<String, Object> environ, StartResponse startResponse, String notesPath)
            throws Exception {
        String method = Requests.method(environ);
        switch (method) {
            case "GET", "HEAD" -> {
                Map<String, String> query = Requests.query(environ);
                int limit = limit(query.get("limit"));
                Optional<UUID> before = query.containsKey("before")
                        ? Optional.of(parseId(query.get("before"))
                                .orElseThrow(() -> new HttpError(400, "before must be a note id", "before")))
                        : Optional.empty();
                NoteStore.NotePage page = store.page(before, limit)
                        .orElseThrow(
                                () -> new HttpError(400, "before names no note: " + query.get("before"), "before"));
                String next = page.next()
                        .map(id -> notesPath + "?limit=" + limit + "&before=" + id)
                        .orElse(null);
                return Responses.send(
                        startResponse,
                        200,
                        JSON,
                        mapper.writeValueAsBytes(new NoteList(page.notes(), next)),
                        List.of());
            }
            case "POST" -> {
                Note note = create(environ);
                String location = notesPath + "/" + note.id();
                return Responses.send(
                        startResponse,
                        201,
                        JSON,
                        mapper.writeValueAsBytes(note),
                        List.of(Header.of("Location", location)));
            }
            default -> throw HttpError.methodNotAllowed(method, "GET, HEAD, POST");
        }
    }

    private Iterable<byte[]> item(Map<String, Object> environ, StartResponse startResponse, String id)
            throws Exception {
        String method = Requests.method(environ);
        if (!method.equals("GET") && !method.equals("HEAD")) {
            throw HttpError.methodNotAllowed(method, "GET, HEAD");
        }
        Note note = parseId(id).flatMap(store::find).orElseThrow(() -> new HttpError(404, "no note " + id));
        return Responses.send(startResponse, 200, JSON, mapper.writeValueAsBytes(note), List.of());
    }

    private Note create(Map<String, Object> environ) throws Exception {
        if (!Requests.mediaType(environ).equals(JSON)) {
            throw new HttpError(415, "send the note as application/json", Header.of("Accept-Post", JSON));
        }
        byte[] body = Requests.readBody(environ, MAX_BODY_BYTES);
        NewNote fields = read(body);
        try {
            return store.add(
                    Objects.requireNonNullElse(fields.author(), ""), Objects.requireNonNullElse(fields.text(), ""));
        } catch (InvalidNoteException e) {
            throw new HttpError(400, e.getMessage(), e.field());
        }
    }

    /** Reads a new note by the policy above, or says in a 400 what is wrong with the body. */
    private NewNote read(byte[] body) throws HttpError {
        if (body.length == 0) {
            throw new HttpError(400, "the body is empty; send a JSON object such as {\"text\": \"Hello\"}");
        }
        NewNote note;
        try {
            note = newNoteReader.readValue(body);
        } catch (UnrecognizedPropertyException e) {
            String name = e.getPropertyName();
            throw new HttpError(400, "unknown field \"" + name + "\"; a note has \"author\" and \"text\"", name);
        } catch (MismatchedInputException e) {
            // A member of the wrong type names its field in the path; else the body is not an object.
            if (!e.getPath().isEmpty() && e.getPath().get(0).getPropertyName() != null) {
                String name = e.getPath().get(0).getPropertyName();
                throw new HttpError(400, name + " must be a string", name);
            }
            if (e.getMessage().contains("Trailing token")) {
                throw new HttpError(400, "malformed JSON: there is more after the object");
            }
            throw new HttpError(400, "the body must be a JSON object");
        } catch (UnexpectedEndOfInputException e) {
            throw new HttpError(400, "malformed JSON: the body ends inside the JSON");
        } catch (StreamReadException e) {
            long offset = e.getLocation() == null ? -1 : e.getLocation().getByteOffset();
            throw new HttpError(
                    400, "malformed JSON" + (offset >= 0 ? " at byte " + offset : "") + ": " + e.getOriginalMessage());
        } catch (JacksonException e) {
            throw new HttpError(400, "malformed JSON: " + e.getOriginalMessage());
        }
        if (note == null) {
            throw new HttpError(400, "the body must be a JSON object");
        }
        return note;
    }

    private static int limit(String value) throws HttpError {
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        if (!value.isEmpty() && value.length() <= 3 && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= NoteStore.MAX_PAGE) {
                return limit;
            }
        }
        throw new HttpError(400, "limit must be a whole number from 1 to " + NoteStore.MAX_PAGE, "limit");
    }

    /** A note id in its canonical form (36 characters, lower or upper case hex), else empty. */
    static Optional<UUID> parseId(String id) {
        if (id.length() != 36) {
            return Optional.empty();
        }
        try {
            UUID uuid = UUID.fromString(id);
            return uuid.toString().equalsIgnoreCase(id) ? Optional.of(uuid) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static HttpError notFound(String notesPath) {
        return new HttpError(404, "no such resource; the notes are at " + notesPath);
    }
}
