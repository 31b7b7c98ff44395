package io.jwsgi.sample;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    void escapesTheFiveSpecialCharacters() {
        assertThat(Html.escape("&<>\"'")).isEqualTo("&amp;&lt;&gt;&quot;&#39;");
    }

    @Test
    void neutralizesAScriptTag() {
        assertThat(Html.escape("<script>alert('x')</script>"))
                .isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
                .doesNotContain("<", ">");
    }

    @Test
    void keepsEverythingElseIncludingNonAscii() {
        String text = "Grüße, 名前 😀 a=b; c/d";
        assertThat(Html.escape(text)).isSameAs(text);
    }

    @Test
    void escapesInTheMiddleOfText() {
        assertThat(Html.escape("Tom & \"Jerry\" <3")).isEqualTo("Tom &amp; &quot;Jerry&quot; &lt;3");
    }

    @Test
    void escapesAnAmpersandThatLooksLikeAnEntity() {
        assertThat(Html.escape("&amp;")).isEqualTo("&amp;amp;");
    }
}
