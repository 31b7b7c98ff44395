package io.jwsgi.testfixtures;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BadRequestsTest {

    @Test
    void decodesTheEscapesAndRepeats() {
        assertThat(BadRequests.decode("a\\r\\n\\t\\0\\\\\\x0b\\qb")).isEqualTo("a\r\n\t\0\\\u000b\\qb");
        assertThat(BadRequests.decode("{ab*3}")).isEqualTo("ababab");
        assertThat(BadRequests.decode("{x{y*2}*2}")).isEqualTo("xyyxyy");
    }

    @Test
    void parsesNameStatusRequestAndBody() {
        List<BadRequests.Case> cases =
                BadRequests.parse("# comment\n\nok\t200\tPOST /a\\r\\n\tabc\nbad\t400\tGET\\0\n");
        assertThat(cases).extracting(BadRequests.Case::name).containsExactly("ok", "bad");
        assertThat(cases.get(0)).isEqualTo(new BadRequests.Case("ok", 200, "POST /a\r\n", "abc"));
        assertThat(cases.get(1)).isEqualTo(new BadRequests.Case("bad", 400, "GET\0", null));
    }

    @Test
    void everyCaseOfTheFileHasAUniqueNameAStatusAndABodyIfAccepted() {
        List<BadRequests.Case> cases = BadRequests.load();
        assertThat(cases).hasSizeGreaterThan(90);
        Set<String> names = new HashSet<>();
        for (BadRequests.Case c : cases) {
            assertThat(names.add(c.name())).as("unique name %s", c.name()).isTrue();
            assertThat(c.status()).as(c.name()).isIn(200, 400, 408, 413, 414, 431, 501, 505);
            assertThat(c.body() != null).as(c.name()).isEqualTo(c.status() == 200);
            assertThat(c.request()).as(c.name()).isNotEmpty();
        }
    }
}
