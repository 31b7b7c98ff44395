package io.jwsgi.middleware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwsgi.Application;
import io.jwsgi.Header;
import io.jwsgi.testing.TestClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ProxyFixTest {

    private final AtomicReference<Map<String, Object>> seen = new AtomicReference<>();

    private final Application recorder = (environ, startResponse) -> {
        seen.set(new HashMap<>(environ));
        startResponse.start("200 OK", List.of(new Header("Content-Type", "text/plain")));
        return List.of();
    };

    private Map<String, Object> run(Application app, Header... headers) throws Exception {
        new TestClient(app).request("GET", "/", List.of(headers), new byte[0]);
        return seen.get();
    }

    @Test
    void byDefaultTrustsOneProxyForForAndProto() throws Exception {
        Map<String, Object> env = run(
                new ProxyFix(recorder),
                new Header("X-Forwarded-For", "203.0.113.9, 198.51.100.2"),
                new Header("X-Forwarded-Proto", "https"),
                new Header("X-Forwarded-Host", "evil.example"));
        assertThat(env)
                .containsEntry("REMOTE_ADDR", "198.51.100.2")
                .containsEntry("wsgi.url_scheme", "https")
                .containsEntry("HTTP_HOST", "localhost");
    }

    @Test
    void takesTheNthValueFromTheRight() throws Exception {
        Header chain = new Header("X-Forwarded-For", "1.1.1.1, 2.2.2.2,3.3.3.3");
        assertThat(run(new ProxyFix(recorder, 2, 0, 0, 0, 0), chain)).containsEntry("REMOTE_ADDR", "2.2.2.2");
        assertThat(run(new ProxyFix(recorder, 3, 0, 0, 0, 0), chain)).containsEntry("REMOTE_ADDR", "1.1.1.1");
        assertThat(run(new ProxyFix(recorder, 4, 0, 0, 0, 0), chain)).containsEntry("REMOTE_ADDR", "127.0.0.1");
        assertThat(run(new ProxyFix(recorder, 0, 0, 0, 0, 0), chain)).containsEntry("REMOTE_ADDR", "127.0.0.1");
    }

    @Test
    void setsHostServerNameAndPortFromXForwardedHost() throws Exception {
        ProxyFix fix = new ProxyFix(recorder, 0, 0, 1, 0, 0);
        assertThat(run(fix, new Header("X-Forwarded-Host", "a.example:8443")))
                .containsEntry("HTTP_HOST", "a.example:8443")
                .containsEntry("SERVER_NAME", "a.example")
                .containsEntry("SERVER_PORT", "8443");
        assertThat(run(fix, new Header("X-Forwarded-Host", "b.example")))
                .containsEntry("HTTP_HOST", "b.example")
                .containsEntry("SERVER_NAME", "b.example")
                .containsEntry("SERVER_PORT", "80");
        assertThat(run(fix, new Header("X-Forwarded-Host", "[2001:db8::1]")))
                .containsEntry("SERVER_NAME", "[2001:db8::1]")
                .containsEntry("SERVER_PORT", "80");
        assertThat(run(fix, new Header("X-Forwarded-Host", "[2001:db8::1]:81")))
                .containsEntry("SERVER_NAME", "[2001:db8::1]")
                .containsEntry("SERVER_PORT", "81");
    }

    @Test
    void setsThePortAndRewritesTheHostsPort() throws Exception {
        assertThat(run(
                        new ProxyFix(recorder, 0, 0, 1, 1, 0),
                        new Header("X-Forwarded-Host", "a.example:8443"),
                        new Header("X-Forwarded-Port", "9000")))
                .containsEntry("HTTP_HOST", "a.example:9000")
                .containsEntry("SERVER_PORT", "9000");
        assertThat(run(new ProxyFix(recorder, 0, 0, 0, 1, 0), new Header("X-Forwarded-Port", "8080")))
                .containsEntry("HTTP_HOST", "localhost:8080")
                .containsEntry("SERVER_PORT", "8080");
    }

    @Test
    void setsScriptNameFromThePrefixWithoutTrailingSlashes() throws Exception {
        ProxyFix fix = new ProxyFix(recorder, 0, 0, 0, 0, 1);
        assertThat(run(fix, new Header("X-Forwarded-Prefix", "/app/"))).containsEntry("SCRIPT_NAME", "/app");
        assertThat(run(fix, new Header("X-Forwarded-Prefix", "/"))).containsEntry("SCRIPT_NAME", "");
    }

    @Test
    void keepsTheOriginalValues() throws Exception {
        Map<String, Object> env = run(
                new ProxyFix(recorder, 1, 1, 1, 1, 1),
                new Header("X-Forwarded-For", "203.0.113.9"),
                new Header("X-Forwarded-Proto", "https"),
                new Header("X-Forwarded-Host", "a.example"),
                new Header("X-Forwarded-Port", "443"),
                new Header("X-Forwarded-Prefix", "/p"));
        @SuppressWarnings("unchecked")
        Map<String, Object> original = (Map<String, Object>) env.get(ProxyFix.ORIGINAL);
        assertThat(original)
                .containsEntry("REMOTE_ADDR", "127.0.0.1")
                .containsEntry("wsgi.url_scheme", "http")
                .containsEntry("HTTP_HOST", "localhost")
                .containsEntry("SERVER_NAME", "localhost")
                .containsEntry("SERVER_PORT", "80")
                .containsEntry("SCRIPT_NAME", "")
                .hasSize(6);
        assertThatThrownBy(() -> original.put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(env)
                .containsEntry("REMOTE_ADDR", "203.0.113.9")
                .containsEntry("wsgi.url_scheme", "https")
                .containsEntry("HTTP_HOST", "a.example:443")
                .containsEntry("SERVER_PORT", "443")
                .containsEntry("SCRIPT_NAME", "/p");
    }

    @Test
    void ignoresEmptyValues() {
        assertThat(ProxyFix.trusted(1, "a, ")).isNull();
        assertThat(ProxyFix.trusted(1, "")).isNull();
        assertThat(ProxyFix.trusted(1, null)).isNull();
        assertThat(ProxyFix.trusted(2, " a , b")).isEqualTo("a");
    }

    @Test
    void rejectsNegativeCounts() {
        assertThatThrownBy(() -> new ProxyFix(recorder, 0, -1, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
