package io.jwsgi.testfixtures;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RequestGeneratorTest {

    static Stream<Arguments> generators() {
        return Stream.of(
                Arguments.of("forWsgiref", RequestGenerator.forWsgiref()),
                Arguments.of("forWsgirefWithByteBodies", RequestGenerator.forWsgirefWithByteBodies()),
                Arguments.of("forContainers", RequestGenerator.forContainers()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("generators")
    void theSameSeedGivesTheSameRequests(String name, RequestGenerator generator) {
        assertThat(requests(generator, 42)).isEqualTo(requests(generator, 42));
        assertThat(requests(generator, 42)).isNotEqualTo(requests(generator, 43));
    }

    /** Each request is one complete HTTP/1.x message that asks to close, framed as it says. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("generators")
    void everyRequestIsOneFramedMessageThatClosesItsConnection(String name, RequestGenerator generator) {
        int withBody = 0;
        for (String request : requests(generator, 20261201)) {
            assertThat(request).matches("(?s)[A-Z]+ /\\S* HTTP/1\\.[01]\r\n.*");
            assertThat(request.chars()).allMatch(c -> c < 256);
            int end = request.indexOf("\r\n\r\n");
            String head = request.substring(0, end + 2);
            String body = request.substring(end + 4);
            assertThat(head).contains("\r\nConnection: close\r\n");
            String lower = head.toLowerCase(Locale.ROOT);
            if (lower.contains("\r\ntransfer-encoding: chunked\r\n")) {
                assertThat(body).endsWith("0\r\n\r\n");
                withBody++;
            } else if (lower.contains("\r\ncontent-length: ")) {
                int at = lower.indexOf("\r\ncontent-length: ") + 18;
                int length = Integer.parseInt(head.substring(at, head.indexOf("\r\n", at)));
                assertThat(body.length()).as(request).isEqualTo(length);
                withBody++;
            } else {
                assertThat(body).as(request).isEmpty();
            }
        }
        assertThat(withBody).as("requests with a body").isGreaterThan(20);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("generators")
    void onlyTheContainerRequestsHoldUnsafeOrEightBitCharsInTheirTarget(String name, RequestGenerator generator) {
        boolean any = false;
        for (String request : requests(generator, 7)) {
            String target = request.substring(request.indexOf(' ') + 1, request.indexOf(" HTTP/1."));
            any |= target.chars().anyMatch(c -> c >= 0x80 || RequestGenerator.UNSAFE_CHARS.indexOf(c) >= 0);
        }
        assertThat(any).isEqualTo(name.equals("forContainers"));
    }

    private static List<String> requests(RequestGenerator generator, long seed) {
        Random random = new Random(seed);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            out.add(generator.generate(random));
        }
        assertThat(String.join("", out).getBytes(ISO_8859_1)).isNotEmpty();
        return out;
    }
}
