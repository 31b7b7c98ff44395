package io.jwsgi.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwsgi.Header;
import io.jwsgi.handlers.BaseHandler;
import io.jwsgi.headers.Headers;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * {@link ServletHandler#sendHeaders()} checks every header once more before handing any to the
 * container: a header that could split the response (changed after {@code start_response}
 * checked it) fails the request with nothing handed over.
 */
class ServletHandlerHeaderCheckTests {

    private final MockHttpServletResponse response = new MockHttpServletResponse();
    private final ServletHandler handler = new ServletHandler(
            new MockHttpServletRequest("GET", "/x"),
            this.response,
            JwsgiMount.unmapped("check", (environ, startResponse) -> List.of()),
            System.getLogger(ServletHandler.logName("check")),
            new ErrorStream(System.getLogger(ServletHandler.logName("check"))),
            "test");

    @Test
    void aHeaderThatWouldSplitTheResponseIsRefusedBeforeAnyIsHandedOver() throws Exception {
        List<Header> list = headersAfterTheCheck(Header.of("Content-Length", "0"));
        list.add(new Header("X-Evil", "a\r\nInjected: yes")); // behind Headers' back
        assertThatThrownBy(this.handler::sendHeaders)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("X-Evil");
        assertThat(this.response.getHeaderNames()).isEmpty();
        assertThat(field("headersSent").getBoolean(this.handler)).isFalse();
    }

    @Test
    void aCharAboveU00ffOrAnEmptyNameIsRefusedToo() throws Exception {
        List<Header> list = headersAfterTheCheck(Header.of("Content-Length", "0"));
        list.add(new Header("X-Wide", "\u20ac"));
        assertThatThrownBy(this.handler::sendHeaders).isInstanceOf(IllegalArgumentException.class);
        list.set(1, new Header("", "empty name"));
        assertThatThrownBy(this.handler::sendHeaders).isInstanceOf(IllegalArgumentException.class);
        assertThat(this.response.getHeaderNames()).isEmpty();
    }

    @Test
    void goodHeadersGoThroughInOrder() throws Exception {
        headersAfterTheCheck(Header.of("Content-Length", "0"), Header.of("X-Twice", "1"), Header.of("X-Twice", "2"));
        this.handler.sendHeaders();
        assertThat(this.response.getStatus()).isEqualTo(299);
        assertThat(this.response.getHeaders("X-Twice")).containsExactly("1", "2");
        assertThat(field("headersSent").getBoolean(this.handler)).isTrue();
    }

    /** Puts a status and checked headers into the handler, as start_response does; returns the live list. */
    private List<Header> headersAfterTheCheck(Header... headers) throws Exception {
        List<Header> list = new ArrayList<>(List.of(headers));
        field("status").set(this.handler, "299 Custom");
        field("headers").set(this.handler, new Headers(list));
        return list;
    }

    private static Field field(String name) throws NoSuchFieldException {
        Field field = BaseHandler.class.getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }
}
