package io.jwsgi.sample;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.zaxxer.hikari.HikariDataSource;
import io.jwsgi.Header;
import io.jwsgi.middleware.Dispatcher;
import io.jwsgi.testing.TestClient;
import io.jwsgi.testing.TestResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The HTML page through {@link TestClient}, on a real H2 database migrated by Flyway. */
class GuestbookPageTest {

    private static final String FORM = "application/x-www-form-urlencoded";

    private final HikariDataSource dataSource = TestDatabases.h2();
    private final NoteStore store = new NoteStore(
            JdbcClient.create(dataSource), Clock.fixed(Instant.parse("2026-11-23T19:20:21Z"), ZoneOffset.UTC));
    private final GuestbookPage page = new GuestbookPage(store, "/api/notes", "/actuator");
    private final TestClient client = new TestClient(page);

    @AfterEach
    void closePool() {
        dataSource.close();
    }

    private List<Note> notes() {
        return store.page(Optional.empty(), NoteStore.MAX_PAGE).orElseThrow().notes();
    }

    private TestResponse post(String form) throws Exception {
        return client.post("/", FORM, form.getBytes(UTF_8));
    }

    @Test
    void showsAnEmptyGuestbookWithTheFormAndTheLinks() throws Exception {
        TestResponse response = client.get("/");
        assertThat(response.statusLine()).isEqualTo("200 OK");
        assertThat(response.headers().get("Content-Type")).isEqualTo("text/html; charset=utf-8");
        assertThat(response.headers().get("Content-Length")).isEqualTo(Integer.toString(response.body().length));
        assertThat(response.headers().get("Content-Security-Policy")).startsWith("default-src 'self'");
        assertThat(response.text())
                .contains("<form method=\"post\" action=\"/\"")
                .contains("No notes yet. Be the first.")
                .contains("<a href=\"/api/notes\">/api/notes</a>")
                .contains("href=\"/actuator/health\"")
                .contains("href=\"/actuator/metrics/jwsgi.requests\"")
                .contains("href=\"/actuator/jwsgi\"")
                .contains("href=\"/static/style.css\"")
                .contains("src=\"/static/app.js\"");
    }

    @Test
    void postAddsTheNoteAndRedirectsWith303() throws Exception {
        TestResponse response = post("author=Ada&text=Hello+there");
        assertThat(response.statusLine()).isEqualTo("303 See Other");
        assertThat(notes()).extracting(Note::author, Note::text).containsExactly(tuple("Ada", "Hello there"));
        UUID id = notes().get(0).id();
        assertThat(response.headers().get("Location")).isEqualTo("/#note-" + id);
        assertThat(response.headers().get("Content-Type")).isEqualTo("text/plain; charset=utf-8");

        String html = client.get("/").text();
        assertThat(html)
                .contains("<li class=\"note\" id=\"note-" + id + "\">")
                .contains("<p class=\"text\">Hello there</p>")
                .contains("Ada &middot; <time datetime=\"2026-11-23T19:20:21Z\">2026-11-23 19:20:21 UTC</time>")
                .doesNotContain("No notes yet");
    }

    @Test
    void redirectAfterPostLandsOnThePageWithTheEntry() throws Exception {
        TestResponse response = new TestClient(page).followRedirects(true).post("/", FORM, "text=hi".getBytes(UTF_8));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text()).contains("id=\"note-" + notes().get(0).id() + "\"");
    }

    @Test
    void escapesEveryPieceOfUserText() throws Exception {
        store.add("<b onmouseover=\"x\">Eve</b>", "<script>alert('pwned')</script> & more");
        String html = client.get("/").text();
        assertThat(html)
                .contains("&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt; &amp; more")
                .contains("&lt;b onmouseover=&quot;x&quot;&gt;Eve&lt;/b&gt;")
                .doesNotContain("<script>alert")
                .doesNotContain("<b onmouseover");
    }

    @Test
    void reShowsTheFormWithTheMessageAndWhatWasTypedFor400() throws Exception {
        String longName = "x".repeat(NoteStore.MAX_AUTHOR + 1);
        TestResponse response = post("author=" + longName + "&text=%22%3E%3Cscript%3E");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.text())
                .contains("Not saved: author must be at most 60 characters, was 61.")
                .contains("value=\"" + longName + "\"")
                .contains("required>&quot;&gt;&lt;script&gt;</textarea>")
                .doesNotContain("\"><script>");
        assertThat(notes()).isEmpty();
    }

    @Test
    void refusesAnEmptyNote() throws Exception {
        TestResponse response = post("author=Ada&text=+++");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.text()).contains("Not saved: text must not be empty.");
        assertThat(post("author=%07&text=x").text()).contains("Not saved: author must not contain control characters.");
        assertThat(notes()).isEmpty();
    }

    @Test
    void refusesOtherBodyTypesWith415AndMalformedFormsWith400() throws Exception {
        assertThat(client.post("/", "application/json", "{\"text\":\"x\"}".getBytes(UTF_8))
                        .status())
                .isEqualTo(415);
        TestResponse malformed = post("text=100%");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.text()).contains("The form data is malformed.").contains("<form method=\"post\"");
        assertThat(notes()).isEmpty();
    }

    @Test
    void refusesABodyOverTheLimitWith413() throws Exception {
        TestResponse response = post("text=" + "a".repeat(GuestbookPage.MAX_FORM_BYTES));
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.text()).contains("larger than 16384 bytes");
        assertThat(notes()).isEmpty();
    }

    @Test
    void showsTwentyNotesAPageWithALinkToTheOlderOnes() throws Exception {
        for (int i = 1; i <= GuestbookPage.PAGE_SIZE + 5; i++) {
            store.add("", "note " + i);
        }
        String first = client.get("/").text();
        assertThat(first.split("<li class=\"note\"", -1)).hasSize(GuestbookPage.PAGE_SIZE + 1);
        assertThat(first).contains("<p class=\"text\">note 25</p>").doesNotContain("<p class=\"text\">note 5</p>");
        UUID last = notes().get(GuestbookPage.PAGE_SIZE - 1).id();
        assertThat(first).contains("<a href=\"/?before=" + last + "\" rel=\"next\">Older notes</a>");
        assertThat(first).doesNotContain("Newest notes");

        String older = client.get("/?before=" + last).text();
        assertThat(older.split("<li class=\"note\"", -1)).hasSize(6);
        assertThat(older)
                .contains("<p class=\"text\">note 5</p>")
                .contains("<p class=\"text\">note 1</p>")
                .contains("<a href=\"/\" rel=\"first\">Newest notes</a>")
                .doesNotContain("Older notes");
    }

    @Test
    void refusesAnUnknownPageWith400() throws Exception {
        for (String before : List.of("nope", UUID.randomUUID().toString(), "%zz")) {
            TestResponse response = client.get("/?before=" + before);
            assertThat(response.status()).as(before).isEqualTo(400);
            assertThat(response.headers().get("Content-Type")).isEqualTo("text/html; charset=utf-8");
        }
        assertThat(client.get("/?before=nope").text()).contains("There is no such note to page from.");
    }

    @Test
    void answers503WhenTheDatabaseIsGone() throws Exception {
        dataSource.close();
        TestResponse page = client.get("/");
        assertThat(page.status()).isEqualTo(503);
        assertThat(page.headers().get("Retry-After")).isEqualTo("5");
        assertThat(page.text()).contains("The guestbook&#39;s database is not available.");
        assertThat(post("text=hi").status()).isEqualTo(503);
    }

    @Test
    void answersOtherMethodsWith405AndAllow() throws Exception {
        TestResponse response = client.request("DELETE", "/", List.of(), new byte[0]);
        assertThat(response.statusLine()).isEqualTo("405 Method Not Allowed");
        assertThat(response.headers().get("Allow")).isEqualTo("GET, HEAD, POST");
        assertThat(response.headers().get("Content-Type")).isEqualTo("text/html; charset=utf-8");
        assertThat(response.headers().get("Content-Security-Policy")).startsWith("default-src 'self'");
    }

    @Test
    void answersOtherPathsWith404() throws Exception {
        TestResponse response = client.get("/nothing-here");
        assertThat(response.statusLine()).isEqualTo("404 Not Found");
        assertThat(response.text()).contains("There is no page here.").contains("href=\"/\"");
    }

    @Test
    void buildsEveryLinkFromScriptName() throws Exception {
        TestClient mounted =
                new TestClient(Dispatcher.builder().mount("/guest book", page).build());
        assertThat(mounted.get("/guest%20book/").text())
                .contains("action=\"/guest%20book/\"")
                .contains("href=\"/guest%20book/static/style.css\"");
        TestResponse posted = mounted.request(
                "POST", "/guest%20book", List.of(Header.of("Content-Type", FORM)), "text=hi".getBytes(UTF_8));
        assertThat(posted.headers().get("Location"))
                .isEqualTo("/guest%20book/#note-" + notes().get(0).id());
    }

    @Test
    void showsHowTheRequestReachedTheApplication() throws Exception {
        assertThat(client.get("/").text())
                .contains("as GET HTTP/1.1 with")
                .contains("SCRIPT_NAME <code>\"\"</code> and PATH_INFO <code>\"/\"</code>");
    }
}
