package io.jwsgi.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.jwsgi.Application;
import io.jwsgi.Environ;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GuestbookPageTest {

    private static final String FORM = "application/x-www-form-urlencoded";

    private final NoteStore store =
            new NoteStore(100, Clock.fixed(Instant.parse("2026-11-23T19:20:21Z"), ZoneOffset.UTC));
    private final Application page = new GuestbookPage(store, "/api/notes", "/actuator");

    @Test
    void showsAnEmptyGuestbookWithTheFormAndTheActuatorLinks() throws Exception {
        Call.Reply reply = Call.get(page, "/");
        assertThat(reply.status()).isEqualTo("200 OK");
        assertThat(reply.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
        assertThat(reply.header("Content-Length")).isEqualTo(Integer.toString(reply.body().length));
        assertThat(reply.header("Content-Security-Policy")).startsWith("default-src 'self'");
        assertThat(reply.text())
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
        Call.Reply reply = Call.post(page, "/", FORM, "author=Ada&text=Hello+there");
        assertThat(reply.status()).isEqualTo("303 See Other");
        assertThat(reply.header("Location")).isEqualTo("/#note-1");
        assertThat(reply.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(store.list())
                .extracting(Note::author, Note::text)
                .containsExactly(tuple("Ada", "Hello there"));

        String html = Call.get(page, "/").text();
        assertThat(html)
                .contains("<li class=\"note\" id=\"note-1\">")
                .contains("<p class=\"text\">Hello there</p>")
                .contains("Ada &middot; <time datetime=\"2026-11-23T19:20:21Z\">2026-11-23 19:20:21 UTC</time>")
                .doesNotContain("No notes yet");
    }

    @Test
    void escapesEveryPieceOfUserText() throws Exception {
        store.add("<b onmouseover=\"x\">Eve</b>", "<script>alert('pwned')</script> & more");
        String html = Call.get(page, "/").text();
        assertThat(html)
                .contains("&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt; &amp; more")
                .contains("&lt;b onmouseover=&quot;x&quot;&gt;Eve&lt;/b&gt;")
                .doesNotContain("<script>alert")
                .doesNotContain("<b onmouseover");
    }

    @Test
    void reShowsTheFormWithTheMessageAndWhatWasTypedFor422() throws Exception {
        String longName = "x".repeat(NoteStore.MAX_AUTHOR + 1);
        Call.Reply reply = Call.post(page, "/", FORM, "author=" + longName + "&text=%22%3E%3Cscript%3E");
        assertThat(reply.code()).isEqualTo(422);
        assertThat(reply.text())
                .contains("Not saved: author must be at most 60 characters, was 61.")
                .contains("value=\"" + longName + "\"")
                .contains("required>&quot;&gt;&lt;script&gt;</textarea>")
                .doesNotContain("\"><script>");
        assertThat(store.list()).isEmpty();
    }

    @Test
    void refusesAnEmptyNote() throws Exception {
        Call.Reply reply = Call.post(page, "/", FORM, "author=Ada&text=+++");
        assertThat(reply.code()).isEqualTo(422);
        assertThat(reply.text()).contains("Not saved: text must not be empty.");
    }

    @Test
    void refusesOtherBodyTypesWith415AndMalformedFormsWith400() throws Exception {
        assertThat(Call.post(page, "/", "application/json", "{\"text\":\"x\"}").code())
                .isEqualTo(415);
        assertThat(Call.post(page, "/", FORM, "text=100%").code()).isEqualTo(400);
        assertThat(store.list()).isEmpty();
    }

    @Test
    void refusesABodyOverTheLimitWith413() throws Exception {
        String body = "text=" + "a".repeat(GuestbookPage.MAX_FORM_BYTES);
        Call.Reply reply = Call.post(page, "/", FORM, body);
        assertThat(reply.code()).isEqualTo(413);
        assertThat(reply.text()).contains("larger than 16384 bytes");
    }

    @Test
    void answersOtherMethodsWith405AndAllow() throws Exception {
        Call.Reply reply = Call.request(page, Call.environ("DELETE", "/", null, new byte[0]));
        assertThat(reply.status()).isEqualTo("405 Method Not Allowed");
        assertThat(reply.header("Allow")).isEqualTo("GET, HEAD, POST");
        assertThat(reply.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
    }

    @Test
    void answersOtherPathsWith404() throws Exception {
        Call.Reply reply = Call.get(page, "/nothing-here");
        assertThat(reply.status()).isEqualTo("404 Not Found");
        assertThat(reply.text()).contains("There is no page here.").contains("href=\"/\"");
    }

    @Test
    void buildsEveryLinkFromScriptName() throws Exception {
        Map<String, Object> environ = Call.environ("GET", "/", null, new byte[0]);
        environ.put(Environ.SCRIPT_NAME, "/guest book");
        assertThat(Call.request(page, environ).text())
                .contains("action=\"/guest%20book/\"")
                .contains("href=\"/guest%20book/static/style.css\"");

        Map<String, Object> post = Call.environ("POST", "", FORM, "text=hi".getBytes(StandardCharsets.UTF_8));
        post.put(Environ.SCRIPT_NAME, "/guest book");
        assertThat(Call.request(page, post).header("Location")).isEqualTo("/guest%20book/#note-1");
    }

    @Test
    void showsHowTheRequestReachedTheApplication() throws Exception {
        Map<String, Object> environ = Call.environ("GET", "/", null, new byte[0]);
        environ.put(Environ.SERVER_SOFTWARE, "Test<Server>/1");
        assertThat(Call.request(page, environ).text())
                .contains("as GET HTTP/1.1 with")
                .contains("PATH_INFO <code>\"/\"</code>, on Test&lt;Server&gt;/1.");
    }
}
