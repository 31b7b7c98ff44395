package io.jwsgi.sample;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.jwsgi.Header;
import io.jwsgi.middleware.Dispatcher;
import io.jwsgi.testing.TestClient;
import io.jwsgi.testing.TestResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class GuestbookPageTest {

    private static final String FORM = "application/x-www-form-urlencoded";

    private final NoteStore store =
            new NoteStore(100, Clock.fixed(Instant.parse("2026-11-23T19:20:21Z"), ZoneOffset.UTC));
    private final GuestbookPage page = new GuestbookPage(store, "/api/notes", "/actuator");
    private final TestClient client = new TestClient(page);

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
        assertThat(response.headers().get("Location")).isEqualTo("/#note-1");
        assertThat(response.headers().get("Content-Type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(store.list()).extracting(Note::author, Note::text).containsExactly(tuple("Ada", "Hello there"));

        String html = client.get("/").text();
        assertThat(html)
                .contains("<li class=\"note\" id=\"note-1\">")
                .contains("<p class=\"text\">Hello there</p>")
                .contains("Ada &middot; <time datetime=\"2026-11-23T19:20:21Z\">2026-11-23 19:20:21 UTC</time>")
                .doesNotContain("No notes yet");
    }

    @Test
    void redirectAfterPostLandsOnThePageWithTheEntry() throws Exception {
        TestResponse response = new TestClient(page).followRedirects(true).post("/", FORM, "text=hi".getBytes(UTF_8));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text()).contains("id=\"note-1\"");
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
    void reShowsTheFormWithTheMessageAndWhatWasTypedFor422() throws Exception {
        String longName = "x".repeat(NoteStore.MAX_AUTHOR + 1);
        TestResponse response = post("author=" + longName + "&text=%22%3E%3Cscript%3E");
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.text())
                .contains("Not saved: author must be at most 60 characters, was 61.")
                .contains("value=\"" + longName + "\"")
                .contains("required>&quot;&gt;&lt;script&gt;</textarea>")
                .doesNotContain("\"><script>");
        assertThat(store.list()).isEmpty();
    }

    @Test
    void refusesAnEmptyNote() throws Exception {
        TestResponse response = post("author=Ada&text=+++");
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.text()).contains("Not saved: text must not be empty.");
    }

    @Test
    void refusesOtherBodyTypesWith415AndMalformedFormsWith400() throws Exception {
        assertThat(client.post("/", "application/json", "{\"text\":\"x\"}".getBytes(UTF_8))
                        .status())
                .isEqualTo(415);
        assertThat(post("text=100%").status()).isEqualTo(400);
        assertThat(store.list()).isEmpty();
    }

    @Test
    void refusesABodyOverTheLimitWith413() throws Exception {
        TestResponse response = post("text=" + "a".repeat(GuestbookPage.MAX_FORM_BYTES));
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.text()).contains("larger than 16384 bytes");
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
        assertThat(posted.headers().get("Location")).isEqualTo("/guest%20book/#note-1");
    }

    @Test
    void showsHowTheRequestReachedTheApplication() throws Exception {
        assertThat(client.get("/").text())
                .contains("as GET HTTP/1.1 with")
                .contains("SCRIPT_NAME <code>\"\"</code> and PATH_INFO <code>\"/\"</code>");
    }
}
