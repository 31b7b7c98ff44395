package io.jwsgi.validate;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwsgi.Application;
import io.jwsgi.Header;
import io.jwsgi.handlers.SimpleHandler;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ValidatorTest {

    private static final List<Header> TEXT = List.of(new Header("Content-Type", "text/plain"));

    private static final Application HELLO = (environ, startResponse) -> {
        startResponse.start("200 OK", TEXT);
        return List.of("Hello, world!".getBytes(US_ASCII));
    };

    @Test
    void aConformingExchangePassesUnchangedAndWithoutWarnings() throws Exception {
        try (Warnings warnings = Warnings.capture()) {
            MiniServer server = new MiniServer().run(Validator.validator(HELLO), Environs.valid());
            assertThat(server.statuses).containsExactly("200 OK");
            assertThat(server.headerLists).containsExactly(TEXT);
            assertThat(server.body.toString(US_ASCII)).isEqualTo("Hello, world!");
            assertThat(warnings.messages()).isEmpty();
        }
    }

    @Test
    void theEnvironIsCheckedBeforeTheApplicationRuns() {
        AtomicBoolean called = new AtomicBoolean();
        Application app = Validator.validator((environ, startResponse) -> {
            called.set(true);
            return HELLO.call(environ, startResponse);
        });
        HashMap<String, Object> env = Environs.validWith("HTTP_CONTENT_LENGTH", "3");
        assertThatThrownBy(() -> new MiniServer().run(app, env))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("HTTP_CONTENT_LENGTH");
        assertThat(called).isFalse();
    }

    @Test
    void theApplicationReadsTheBodyThroughACheckingWrapper() throws Exception {
        byte[] posted = "name=value".getBytes(US_ASCII);
        Application echo = Validator.validator((environ, startResponse) -> {
            assertThat(environ.get("wsgi.input")).isInstanceOf(InputWrapper.class);
            assertThat(environ.get("wsgi.errors")).isInstanceOf(ErrorsWrapper.class);
            byte[] body = ((InputStream) environ.get("wsgi.input")).readAllBytes();
            ((PrintStream) environ.get("wsgi.errors")).println("read " + body.length);
            startResponse.start("200 OK", TEXT);
            return List.of(body);
        });
        assertThat(new MiniServer().run(echo, Environs.withBody(posted)).body.toByteArray())
                .isEqualTo(posted);
    }

    @Test
    void anApplicationClosingWsgiInputFails() {
        Application closer = Validator.validator((environ, startResponse) -> {
            ((InputStream) environ.get("wsgi.input")).close();
            return HELLO.call(environ, startResponse);
        });
        assertThatThrownBy(() -> new MiniServer().run(closer, Environs.valid()))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("wsgi.input.close() must not be called");
    }

    @Test
    void anApplicationClosingWsgiErrorsFails() {
        Application closer = Validator.validator((environ, startResponse) -> {
            ((PrintStream) environ.get("wsgi.errors")).close();
            return HELLO.call(environ, startResponse);
        });
        assertThatThrownBy(() -> new MiniServer().run(closer, Environs.valid()))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("wsgi.errors.close() must not be called");
    }

    @Test
    void aNullResultFails() {
        Application nothing = Validator.validator((environ, startResponse) -> {
            startResponse.start("200 OK", TEXT);
            return null;
        });
        assertThatThrownBy(() -> new MiniServer().run(nothing, Environs.valid()))
                .isInstanceOf(AssertionError.class)
                .hasMessage("The application must return an Iterable, if only an empty list; it returned null");
    }

    @Test
    void returningWithoutStartResponseFailsWhenTheServerIterates() {
        Application silent = Validator.validator((environ, startResponse) -> List.of());
        assertThatThrownBy(() -> new MiniServer().run(silent, Environs.valid()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("start_response has not been called yet");
    }

    @Test
    void badHeadersFailInsideTheApplicationsStartResponseCall() {
        Application bad = Validator.validator((environ, startResponse) -> {
            startResponse.start("200 OK", List.of(new Header("Content-Type", "text/plain\r\nX-Evil: 1")));
            return List.of();
        });
        assertThatThrownBy(() -> new MiniServer().run(bad, Environs.valid()))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Bad header value");
    }

    @Test
    void theResultIsAlwaysCloseableAndClosesTheApplicationsResult() throws Exception {
        AtomicBoolean closed = new AtomicBoolean();
        class Body implements Iterable<byte[]>, AutoCloseable {
            @Override
            public java.util.Iterator<byte[]> iterator() {
                return List.of(new byte[] {'x'}).iterator();
            }

            @Override
            public void close() {
                closed.set(true);
            }
        }
        Application app = Validator.validator((environ, startResponse) -> {
            startResponse.start("200 OK", TEXT);
            return new Body();
        });
        assertThat(Validator.validator(HELLO).call(Environs.valid(), new MiniServer()))
                .isInstanceOf(AutoCloseable.class);
        new MiniServer().run(app, Environs.valid());
        assertThat(closed).isTrue();
    }

    @Test
    void validatorsNest() throws Exception {
        Application twice = Validator.validator(Validator.validator(HELLO));
        assertThat(new MiniServer().run(twice, Environs.valid()).body.toString(US_ASCII))
                .isEqualTo("Hello, world!");
    }

    @Test
    void rejectsANullApplicationOrStartResponse() {
        assertThatThrownBy(() -> Validator.validator(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("application");
        assertThatThrownBy(() -> Validator.validator(HELLO).call(Environs.valid(), null))
                .isInstanceOf(AssertionError.class)
                .hasMessage("start_response is null");
    }

    /** The request part of an environ for the real handler, which adds the wsgi.* keys itself. */
    private static HashMap<String, Object> handlerRequest() {
        HashMap<String, Object> request = new HashMap<>();
        request.put("REQUEST_METHOD", "GET");
        request.put("SERVER_NAME", "127.0.0.1");
        request.put("SERVER_PORT", "80");
        request.put("SERVER_PROTOCOL", "HTTP/1.0");
        request.put("SCRIPT_NAME", "");
        request.put("PATH_INFO", "/");
        request.put("QUERY_STRING", "");
        return request;
    }

    @Test
    void aValidatedAppRunsUnderARealHandlerWithoutAnAutomaticContentLength() {
        // test_wsgiref's test_validated_hello: the validator hides the one-element list.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (Warnings warnings = Warnings.capture()) {
            new SimpleHandler(
                            InputStream.nullInputStream(),
                            out,
                            new PrintStream(err, true, StandardCharsets.UTF_8),
                            handlerRequest())
                    .run(Validator.validator(HELLO));
            assertThat(warnings.messages()).isEmpty();
        }
        assertThat(out.toString(StandardCharsets.ISO_8859_1))
                .startsWith("HTTP/1.0 200 OK\r\n")
                .contains("Content-Type: text/plain\r\n")
                .doesNotContain("Content-Length")
                .endsWith("\r\n\r\nHello, world!");
        assertThat(err.size()).isZero();
    }

    @Test
    void aViolationUnderARealHandlerBecomesItsErrorPage() {
        // test_wsgiref's test_simple_validation_error, with a Java-sized mistake.
        Application bad = Validator.validator((environ, startResponse) -> {
            startResponse.start(
                    "200 OK", List.of(new Header("Content-Type", "text/plain"), new Header("Status", "200")));
            return List.of("Hello, world!".getBytes(US_ASCII));
        });
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        new SimpleHandler(
                        InputStream.nullInputStream(),
                        out,
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        handlerRequest())
                .run(bad);
        assertThat(out.toString(StandardCharsets.ISO_8859_1))
                .startsWith("HTTP/1.0 500 ")
                .endsWith("A server error occurred.  Please contact the administrator.");
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("java.lang.AssertionError: The Status header cannot be used");
    }
}
