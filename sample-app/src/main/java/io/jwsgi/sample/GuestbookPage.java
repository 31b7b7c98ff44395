package io.jwsgi.sample;

import io.jwsgi.Application;
import io.jwsgi.Environ;
import io.jwsgi.Header;
import io.jwsgi.StartResponse;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DataAccessException;

/**
 * The guestbook's HTML page: {@code GET} shows the newest {@value #PAGE_SIZE} entries and a form
 * ({@code ?before={id}} the ones before that entry, linked as "Older notes"), {@code POST} adds an
 * entry and redirects back with 303 See Other (redirect-after-post, so reloading the page never
 * posts twice).
 *
 * <p>It answers only at its own root ({@code PATH_INFO} empty or {@code /}) and builds every link
 * from {@code SCRIPT_NAME}, so it works wherever it is mounted. Every piece of user text goes
 * through {@link Html#escape}. A bad entry re-shows the form with the message and what was typed
 * (400 Bad Request), and stores nothing; a database that fails is a 503 page.
 *
 * <pre>{@code
 * Application page = new GuestbookPage(new NoteStore(jdbcClient, Clock.systemUTC()), "/api/notes", "/actuator");
 * }</pre>
 */
final class GuestbookPage implements Application {

    /** The largest form body accepted, in bytes (a full form with the longest text fits). */
    static final int MAX_FORM_BYTES = 16 * 1024;

    /** How many notes one page shows. */
    static final int PAGE_SIZE = 20;

    private static final String ALLOW = "GET, HEAD, POST";
    private static final String HTML = "text/html; charset=utf-8";
    private static final List<Header> PAGE_HEADERS = List.of(
            Header.of("Cache-Control", "no-store"),
            Header.of("Content-Security-Policy", "default-src 'self'; base-uri 'none'; form-action 'self'"));
    private static final DateTimeFormatter SHOWN_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final NoteStore store;
    private final String apiNotes;
    private final String actuatorBase;

    /**
     * @param store where entries live
     * @param apiNotes the URL path of the JSON API's notes, for the page's link (for example
     *     {@code /api/notes})
     * @param actuatorBase the URL path of Spring Boot Actuator's endpoints on this server, for
     *     the page's links (for example {@code /actuator})
     */
    GuestbookPage(NoteStore store, String apiNotes, String actuatorBase) {
        this.store = Objects.requireNonNull(store, "store");
        this.apiNotes = Objects.requireNonNull(apiNotes, "apiNotes");
        this.actuatorBase = Objects.requireNonNull(actuatorBase, "actuatorBase");
    }

    @Override
    public Iterable<byte[]> call(Map<String, Object> environ, StartResponse startResponse) throws Exception {
        String path = Requests.pathInfo(environ);
        String method = Requests.method(environ);
        try {
            try {
                if (!path.isEmpty() && !path.equals("/")) {
                    throw new HttpError(404, "There is no page here.");
                }
                return switch (method) {
                    case "GET", "HEAD" -> get(environ, startResponse);
                    case "POST" -> post(environ, startResponse);
                    default -> throw HttpError.methodNotAllowed(method, ALLOW);
                };
            } catch (DataAccessException e) {
                // Answered here, so logged here: the starter sees a 503, not the exception.
                System.getLogger(GuestbookPage.class.getName())
                        .log(System.Logger.Level.WARNING, "the database failed; answered 503", e);
                throw new HttpError(
                        503,
                        "The guestbook's database is not available. Try again in a moment.",
                        Header.of("Retry-After", "5"));
            }
        } catch (HttpError e) {
            // A refused form (400, 413, 415) comes back with the form; anything else is a page of its own.
            boolean refusedForm = Requests.method(environ).equals("POST")
                    && (e.status() == 400 || e.status() == 413 || e.status() == 415);
            String body = refusedForm ? page(environ, e.getMessage(), "", "", Optional.empty()) : errorPage(environ, e);
            List<Header> headers = new ArrayList<>(e.headers());
            headers.addAll(PAGE_HEADERS);
            return Responses.send(startResponse, e.status(), HTML, body, headers);
        }
    }

    private Iterable<byte[]> get(Map<String, Object> environ, StartResponse startResponse) throws Exception {
        String before = Requests.query(environ).get("before");
        Optional<UUID> cursor = Optional.empty();
        if (before != null) {
            cursor = Optional.of(NotesApi.parseId(before)
                    .orElseThrow(() -> new HttpError(400, "There is no such note to page from.")));
        }
        return Responses.send(startResponse, 200, HTML, page(environ, "", "", "", cursor), PAGE_HEADERS);
    }

    private Iterable<byte[]> post(Map<String, Object> environ, StartResponse startResponse) throws Exception {
        if (!Requests.mediaType(environ).equals("application/x-www-form-urlencoded")) {
            throw new HttpError(415, "Send the form as application/x-www-form-urlencoded.");
        }
        Map<String, String> form;
        try {
            form = Forms.parse(Requests.readBody(environ, MAX_FORM_BYTES));
        } catch (IllegalArgumentException e) {
            throw new HttpError(400, "The form data is malformed.");
        }
        String author = form.getOrDefault("author", "");
        String text = form.getOrDefault("text", "");
        Note note;
        try {
            note = store.add(author, text);
        } catch (InvalidNoteException e) {
            String body = page(environ, "Not saved: " + e.getMessage() + ".", author, text, Optional.empty());
            return Responses.send(startResponse, 400, HTML, body, PAGE_HEADERS);
        }
        String location = root(environ) + "#note-" + note.id();
        return Responses.send(
                startResponse,
                303,
                "text/plain; charset=utf-8",
                "Saved. See " + location + "\n",
                List.of(Header.of("Location", location)));
    }

    /** The page's own URL path: SCRIPT_NAME quoted, plus {@code /}. */
    private static String root(Map<String, Object> environ) {
        return Responses.quotePath(String.valueOf(environ.getOrDefault(Environ.SCRIPT_NAME, ""))) + "/";
    }

    /**
     * The page: the form (with an error message and what was typed, if any) and one page of notes.
     *
     * @throws HttpError 400 when {@code before} names no note
     */
    private String page(Map<String, Object> environ, String error, String author, String text, Optional<UUID> before)
            throws HttpError {
        String root = Html.escape(root(environ));
        String actuator = Html.escape(actuatorBase);
        StringBuilder entries = new StringBuilder();
        NoteStore.NotePage notePage = store.page(before, PAGE_SIZE)
                .orElseThrow(() -> new HttpError(400, "There is no such note to page from."));
        List<Note> notes = notePage.notes();
        for (Note note : notes) {
            entries.append("      <li class=\"note\" id=\"note-")
                    .append(note.id())
                    .append("\">\n        <p class=\"text\">")
                    .append(Html.escape(note.text()))
                    .append("</p>\n        <p class=\"meta\">")
                    .append(Html.escape(note.author()))
                    .append(" &middot; <time datetime=\"")
                    .append(note.created())
                    .append("\">")
                    .append(SHOWN_TIME.format(note.created()))
                    .append("</time></p>\n      </li>\n");
        }
        String list;
        if (notes.isEmpty()) {
            list = before.isEmpty()
                    ? "    <p class=\"empty\">No notes yet. Be the first.</p>\n"
                    : "    <p class=\"empty\">No older notes.</p>\n";
        } else {
            list = "    <ol class=\"notes\">\n" + entries + "    </ol>\n";
        }
        StringBuilder paging = new StringBuilder();
        if (before.isPresent()) {
            paging.append("<a href=\"").append(root).append("\" rel=\"first\">Newest notes</a>");
        }
        notePage.next()
                .ifPresent(next -> paging.append(paging.length() > 0 ? " &middot; " : "")
                        .append("<a href=\"")
                        .append(root)
                        .append("?before=")
                        .append(next)
                        .append("\" rel=\"next\">Older notes</a>"));
        if (paging.length() > 0) {
            list += "    <p class=\"paging\">" + paging + "</p>\n";
        }
        String errorLine =
                error.isEmpty() ? "" : "      <p class=\"error\" role=\"alert\">" + Html.escape(error) + "</p>\n";
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <meta name="viewport" content="width=device-width, initial-scale=1">
                  <title>JWSGI guestbook</title>
                  <link rel="icon" href="%1$sstatic/logo.svg" type="image/svg+xml">
                  <link rel="stylesheet" href="%1$sstatic/style.css">
                  <script src="%1$sstatic/app.js" defer></script>
                </head>
                <body>
                  <header>
                    <img src="%1$sstatic/logo.svg" alt="" width="48" height="48">
                    <h1>JWSGI guestbook</h1>
                  </header>
                  <main>
                    <p class="intro">This page, its form, the JSON API at <a href="%15$s">%15$s</a>
                    and the files under <code>%1$sstatic/</code> are JWSGI applications: plain Java functions from an
                    environ to bytes, mounted in Spring Boot by <code>jwsgi-spring-boot-starter</code>.</p>
                    <form method="post" action="%1$s" class="new-note">
                %2$s      <label>Your name <input id="author" name="author" maxlength="%3$d" value="%4$s" placeholder="anonymous"></label>
                      <label>Your note <textarea id="text" name="text" maxlength="%5$d" rows="4" required>%6$s</textarea></label>
                      <p class="counter"><output id="count" for="text">%7$d</output> / %5$d characters</p>
                      <button type="submit">Sign the guestbook</button>
                    </form>
                    <h2>Notes</h2>
                %8$s  </main>
                  <footer>
                    <p>Look inside: <a href="%9$s/health">health</a>
                    &middot; <a href="%9$s/metrics/jwsgi.requests">jwsgi.requests metric</a>
                    &middot; <a href="%9$s/jwsgi">mounted JWSGI applications</a></p>
                    <p class="environ">This request reached the application as %10$s %11$s with
                    SCRIPT_NAME <code>"%12$s"</code> and PATH_INFO <code>"%13$s"</code>, on %14$s.</p>
                  </footer>
                </body>
                </html>
                """.formatted(
                        root,
                        errorLine,
                        NoteStore.MAX_AUTHOR,
                        Html.escape(author),
                        NoteStore.MAX_TEXT,
                        Html.escape(text),
                        text.codePointCount(0, text.length()),
                        list,
                        actuator,
                        Html.escape(Requests.method(environ)),
                        Html.escape(String.valueOf(environ.getOrDefault(Environ.SERVER_PROTOCOL, ""))),
                        Html.escape(String.valueOf(environ.getOrDefault(Environ.SCRIPT_NAME, ""))),
                        Html.escape(Requests.pathInfo(environ)),
                        Html.escape(String.valueOf(environ.getOrDefault(Environ.SERVER_SOFTWARE, "an unnamed server"))),
                        Html.escape(apiNotes));
    }

    private static String errorPage(Map<String, Object> environ, HttpError e) {
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head><meta charset="utf-8"><title>%1$s</title>
                <link rel="stylesheet" href="%2$sstatic/style.css"></head>
                <body><main><h1>%1$s</h1><p>%3$s</p><p><a href="%2$s">Back to the guestbook</a></p></main></body>
                </html>
                """.formatted(
                Html.escape(Responses.status(e.status())), Html.escape(root(environ)), Html.escape(e.getMessage()));
    }
}
