package io.jwsgi.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwsgi.Header;
import io.jwsgi.Write;
import java.util.List;
import org.junit.jupiter.api.Test;

class StartResponseWrapperTest {

    private static final List<Header> TEXT = List.of(new Header("Content-Type", "text/plain"));

    private final MiniServer server = new MiniServer();
    private final ResponseState state = new ResponseState();
    private final StartResponseWrapper startResponse = new StartResponseWrapper(server, state);

    @Test
    void passesAValidCallToTheServerAndWrapsItsWrite() throws Exception {
        Write write = startResponse.start("200 OK", TEXT);
        write.write(new byte[] {'h', 'i'});
        assertThat(server.statuses).containsExactly("200 OK");
        assertThat(server.headerLists).containsExactly(TEXT);
        assertThat(server.body.toByteArray()).containsExactly('h', 'i');
        assertThat(state.startCalls).isEqualTo(1);
    }

    @Test
    void checksTheStatusAndHeadersBeforeTheServerSeesThem() {
        assertThatThrownBy(() -> startResponse.start("200", TEXT))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("three-digit code");
        assertThatThrownBy(() -> startResponse.start("200 OK", List.of(new Header("Status", "200 OK"))))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Status header");
        assertThatThrownBy(() -> startResponse.start("200 OK", List.of()))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("No Content-Type header found");
        assertThatThrownBy(() -> startResponse.start("204 No Content", TEXT))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("in a 204 response");
        assertThat(server.statuses).isEmpty();
        assertThat(state.startCalls).isZero();
    }

    @Test
    void aSecondCallWithoutExcInfoIsAnError() throws Exception {
        startResponse.start("200 OK", TEXT);
        assertThatThrownBy(() -> startResponse.start("500 Oops", TEXT))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("start_response called a second time without excInfo");
        assertThat(server.statuses).containsExactly("200 OK");
    }

    @Test
    void aSecondCallWithExcInfoReachesTheServerWhichMayRethrow() throws Exception {
        startResponse.start("200 OK", TEXT);
        Exception failure = new IllegalStateException("boom");
        startResponse.start("500 Internal Server Error", TEXT, failure);
        assertThat(server.statuses).containsExactly("200 OK", "500 Internal Server Error");

        server.headersSent = true;
        assertThatThrownBy(() -> startResponse.start("500 Internal Server Error", TEXT, failure))
                .hasCause(failure);
    }

    @Test
    void aFirstCallMayCarryExcInfo() throws Exception {
        startResponse.start("500 Internal Server Error", TEXT, new IllegalStateException("early"));
        assertThat(server.statuses).containsExactly("500 Internal Server Error");
    }

    @Test
    void writeNeedsNonNullBytes() throws Exception {
        Write write = startResponse.start("200 OK", TEXT);
        assertThatThrownBy(() -> write.write(null))
                .isInstanceOf(AssertionError.class)
                .hasMessage("write() must be called with a byte[], got null");
    }

    @Test
    void writeAndStartResponseAfterCloseAreErrors() throws Exception {
        Write write = startResponse.start("200 OK", TEXT);
        state.closed = true;
        assertThatThrownBy(() -> write.write(new byte[1]))
                .isInstanceOf(AssertionError.class)
                .hasMessage("write() called after the server closed the response");
        assertThatThrownBy(() -> startResponse.start("500 Oops", TEXT, new RuntimeException()))
                .isInstanceOf(AssertionError.class)
                .hasMessage("start_response called after the server closed the response");
    }

    @Test
    void aServerReturningNoWriteCallableIsAnError() {
        StartResponseWrapper broken = new StartResponseWrapper((s, h, e) -> null, state);
        assertThatThrownBy(() -> broken.start("200 OK", TEXT))
                .isInstanceOf(AssertionError.class)
                .hasMessage("The server's start_response returned null instead of a write callable");
    }
}
