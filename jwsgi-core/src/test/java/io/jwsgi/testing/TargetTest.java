package io.jwsgi.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TargetTest {

    @Test
    void parsesPathTargetsAgainstLocalhost() {
        Target t = Target.parse("/a%20b/c?x=1&y#frag");
        assertThat(t).isEqualTo(new Target("http", "localhost", 80, false, "/a%20b/c", "x=1&y"));
        assertThat(t.hostHeader()).isEqualTo("localhost");
    }

    @Test
    void parsesAbsoluteUrlsIncludingIpv6Hosts() {
        assertThat(Target.parse("HTTPS://Host.Example:8443?q"))
                .isEqualTo(new Target("https", "host.example", 8443, true, "/", "q"));
        Target v6 = Target.parse("http://[::1]:8080/x");
        assertThat(v6.host()).isEqualTo("[::1]");
        assertThat(v6.port()).isEqualTo(8080);
        assertThat(Target.parse("http://[::1]/x").port()).isEqualTo(80);
    }

    @Test
    void resolvesRelativeLocations() {
        Target base = Target.parse("http://h:81/a/b/c?x=1");
        assertThat(base.resolve("d").path()).isEqualTo("/a/b/d");
        assertThat(base.resolve("/e?y").query()).isEqualTo("y");
        assertThat(base.resolve("?z").path()).isEqualTo("/a/b/c");
        assertThat(base.resolve("//other/p").hostHeader()).isEqualTo("other");
        assertThat(base.resolve("/e").hostHeader()).isEqualTo("h:81");
        assertThat(base.resolve("https://s/").port()).isEqualTo(443);
    }

    @Test
    void rejectsRelativeTargetsAndMissingHosts() {
        assertThatThrownBy(() -> Target.parse("a/b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Target.parse("http:///x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Target.parse(null)).isInstanceOf(NullPointerException.class);
    }
}
