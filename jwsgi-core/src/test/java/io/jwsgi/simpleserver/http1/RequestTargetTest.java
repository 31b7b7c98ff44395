package io.jwsgi.simpleserver.http1;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestTargetTest {

    @Test
    void splitsRawPathAndRawQuery() {
        RequestTarget t = RequestTarget.parse("/a%20b/c?x=%20y&z");
        assertThat(t.rawPath()).isEqualTo("/a%20b/c"); // EnvironBuilder.path decodes it
        assertThat(t.query()).isEqualTo("x=%20y&z");
        assertThat(RequestTarget.parse("/p").query()).isEmpty();
        assertThat(RequestTarget.parse("/p?").query()).isEmpty();
        assertThat(RequestTarget.parse("/p?a?b").query()).isEqualTo("a?b");
    }

    @Test
    void dropsTheFragment() {
        RequestTarget t = RequestTarget.parse("/p?q=1#frag?x");
        assertThat(t.rawPath()).isEqualTo("/p");
        assertThat(t.query()).isEqualTo("q=1");
        assertThat(RequestTarget.parse("/p#f").rawPath()).isEqualTo("/p");
    }

    @Test
    void reducesAbsoluteFormToItsPath() {
        assertThat(RequestTarget.parse("http://example.com/a/b?c=d")).isEqualTo(new RequestTarget("/a/b", "c=d"));
        assertThat(RequestTarget.parse("https://u:p@[::1]:8443/x")).isEqualTo(new RequestTarget("/x", ""));
        assertThat(RequestTarget.parse("http://example.com")).isEqualTo(new RequestTarget("/", ""));
        assertThat(RequestTarget.parse("http://example.com?q")).isEqualTo(new RequestTarget("/", "q"));
    }

    @Test
    void keepsALeadingDoubleSlashAndTheAsterisk() {
        assertThat(RequestTarget.parse("//a//b").rawPath()).isEqualTo("//a//b");
        assertThat(RequestTarget.parse("*").rawPath()).isEqualTo("*");
        assertThat(RequestTarget.schemeEnd("//host/x")).isEqualTo(-1);
        assertThat(RequestTarget.schemeEnd("h2c+x://h")).isEqualTo(5);
    }

    @Test
    void checksAuthorities() {
        assertThat(RequestTarget.isAuthority("example.com:443", true)).isTrue();
        assertThat(RequestTarget.isAuthority("[::1]:8443", true)).isTrue();
        assertThat(RequestTarget.isAuthority("example.com", true)).isFalse();
        assertThat(RequestTarget.isAuthority("example.com:", true)).isFalse();
        assertThat(RequestTarget.isAuthority("user:pw@example.com:80", false)).isTrue();
        assertThat(RequestTarget.isAuthority("example.com", false)).isTrue();
        assertThat(RequestTarget.isAuthority("]ufd", false)).isFalse();
        assertThat(RequestTarget.isAuthority("", false)).isFalse();
        assertThat(RequestTarget.isAuthority("[]", false)).isFalse();
        assertThat(RequestTarget.isAuthority("[::1", false)).isFalse();
        assertThat(RequestTarget.isAuthority("h:8x", false)).isFalse();
        assertThat(RequestTarget.isAuthority("a b", false)).isFalse();
    }
}
