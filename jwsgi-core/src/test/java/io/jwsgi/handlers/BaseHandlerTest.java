package io.jwsgi.handlers;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwsgi.Application;
import io.jwsgi.Header;
import io.jwsgi.StartResponse;
import io.jwsgi.util.FileWrapper;
import io.jwsgi.util.Util;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The behaviours of test_wsgiref.py's HandlerTests that belong to BaseHandler, over in-memory
 * streams, plus the Java-specific guarantees: header injection never reaches the wire, the
 * result is closed exactly once on every path, tracebackLimit, HTTP/0.9, preambles, sendfile.
 */
class BaseHandlerTest {

    private static final String ERROR_BODY = "A server error occurred.  Please contact the administrator.";
    private static final String ERROR_RESPONSE = "Status: 500 Internal Server Error\r\n"
            + "Content-Type: text/plain\r\n"
            + "Content-Length: " + ERROR_BODY.length() + "\r\n"
            + "\r\n"
            + ERROR_BODY;

    private static byte[] bytes(String s) {
        return s.getBytes(ISO_8859_1);
    }

    private static final Application EMPTY_OK = (environ, start) -> {
        start.start("200 OK", List.of());
        return List.of();
    };

    /** An application that starts with the given status and headers and returns "body". */
    private static Application answering(String status, List<Header> headers) {
        return (environ, start) -> {
            start.start(status, headers);
            return List.of(bytes("body"));
        };
    }

    // ---- environ (testEnviron, testScheme) ----

    @Test
    void environIsOsEnvironOverriddenByCgiVarsThenWsgiKeys() throws IOException {
        MemoryHandler h = new MemoryHandler("X", "Y", "HOME", "/override/home");
        h.osEnviron = Map.of(
                "HOME", "/my/home",
                "PATH", "/my/path",
                "LANG", "fr_FR.UTF-8",
                "SCRIPT_NAME", "test_script_name",
                "SERVER_NAME", "test_server_name");
        h.setupEnviron();

        Map<String, Object> expected = new HashMap<>();
        Util.setupTestingDefaults(expected);
        h.osEnviron.forEach(expected::putIfAbsent);
        expected.put("X", "Y");
        expected.put("HOME", "/override/home");
        expected.put("SCRIPT_NAME", "");
        expected.put("SERVER_NAME", "127.0.0.1");
        expected.put("wsgi.input", h.stdin);
        expected.put("wsgi.errors", h.getStderr());
        expected.put("wsgi.version", List.of(1, 0));
        expected.put("wsgi.run_once", false);
        expected.put("wsgi.url_scheme", "http");
        expected.put("wsgi.multithread", true);
        expected.put("wsgi.multiprocess", true);
        expected.put("wsgi.file_wrapper", FileWrapper.FACTORY);
        assertThat(h.environ).isInstanceOf(HashMap.class).isEqualTo(expected);
    }

    @Test
    void configurationIsCopiedIntoTheWsgiKeys() throws IOException {
        MemoryHandler h = new MemoryHandler();
        h.wsgiMultithread = false;
        h.wsgiMultiprocess = false;
        h.wsgiRunOnce = true;
        FileWrapper.Factory factory = FileWrapper::new;
        h.wsgiFileWrapper = factory;
        h.setupEnviron();
        assertThat(h.environ)
                .containsEntry("wsgi.multithread", false)
                .containsEntry("wsgi.multiprocess", false)
                .containsEntry("wsgi.run_once", true)
                .containsEntry("wsgi.file_wrapper", factory);

        h.wsgiFileWrapper = null;
        h.setupEnviron();
        assertThat(h.environ).doesNotContainKey("wsgi.file_wrapper");
    }

    @Test
    void schemeFollowsHttps() throws IOException {
        MemoryHandler secure = new MemoryHandler("HTTPS", "on");
        secure.setupEnviron();
        assertThat(secure.environ).containsEntry("wsgi.url_scheme", "https");
        MemoryHandler plain = new MemoryHandler();
        plain.setupEnviron();
        assertThat(plain.environ).containsEntry("wsgi.url_scheme", "http");
    }

    @Test
    void originServerDefaultsServerSoftwareInTheEnvironButAGatewayDoesNot() throws IOException {
        MemoryHandler origin = new MemoryHandler();
        origin.originServer = true;
        origin.serverSoftware = "FooBar/1.0";
        origin.setupEnviron();
        assertThat(origin.environ).containsEntry("SERVER_SOFTWARE", "FooBar/1.0");

        MemoryHandler keeps = new MemoryHandler("SERVER_SOFTWARE", "Given/2");
        keeps.originServer = true;
        keeps.serverSoftware = "FooBar/1.0";
        keeps.setupEnviron();
        assertThat(keeps.environ).containsEntry("SERVER_SOFTWARE", "Given/2");

        MemoryHandler gateway = new MemoryHandler();
        gateway.serverSoftware = "FooBar/1.0";
        gateway.setupEnviron();
        assertThat(gateway.environ).doesNotContainKey("SERVER_SOFTWARE");
    }

    @Test
    void theHooksWsgirefLeavesAbstractAreAbstract() throws NoSuchMethodException {
        assertThat(Modifier.isAbstract(BaseHandler.class.getModifiers())).isTrue();
        for (String name : List.of("rawFlush", "getStdin", "getStderr", "addCgiVars")) {
            assertThat(Modifier.isAbstract(
                            BaseHandler.class.getDeclaredMethod(name).getModifiers()))
                    .as(name)
                    .isTrue();
        }
        assertThat(Modifier.isAbstract(BaseHandler.class
                        .getDeclaredMethod("rawWrite", byte[].class)
                        .getModifiers()))
                .isTrue();
    }

    // ---- Content-Length (testContentLength, testBytesData) ----

    @Test
    void contentLengthIsSetForAOneChunkCollection() {
        MemoryHandler h = new MemoryHandler();
        h.run((environ, start) -> {
            start.start("200 OK", List.of());
            return List.of(bytes((String) environ.get("wsgi.url_scheme")));
        });
        assertThat(h.output()).isEqualTo("Status: 200 OK\r\nContent-Length: 4\r\n\r\nhttp");
    }

    @Test
    void contentLengthIsNotGuessedForWriteCalls() {
        MemoryHandler h = new MemoryHandler();
        h.run((environ, start) -> {
            start.start("200 OK", List.of()).write(bytes((String) environ.get("wsgi.url_scheme")));
            return List.of();
        });
        assertThat(h.output()).isEqualTo("Status: 200 OK\r\n\r\nhttp");
    }

    @Test
    void contentLengthCountsBytesNotChars() {
        MemoryHandler h = new MemoryHandler();
        h.run((environ, start) -> {
            start.start("200 OK", List.of());
            return List.of("\u0442\u0435\u0441\u0442".getBytes(UTF_8));
        });
        assertThat(h.out.toByteArray())
                .isEqualTo(concat(
                        bytes("Status: 200 OK\r\nContent-Length: 8\r\n\r\n"),
                        "\u0442\u0435\u0441\u0442".getBytes(UTF_8)));
    }

    @Test
    void anApplicationsOwnContentLengthIsKeptForAnEmptyBodyAsForHead() {
        MemoryHandler h = new MemoryHandler();
        h.run((environ, start) -> {
            start.start("200 OK", List.of(Header.of("Content-Length", "12345")));
            return List.of();
        });
        assertThat(h.output()).isEqualTo("Status: 200 OK\r\nContent-Length: 12345\r\n\r\n");
    }

    @Test
    void contentLengthIsNotSetForSeveralChunksOrAPlainIterable() {
        MemoryHandler several = new MemoryHandler();
        several.run((environ, start) -> {
            start.start("200 OK", List.of());
            return List.of(bytes("a"), bytes("b"));
        });
        assertThat(several.output()).isEqualTo("Status: 200 OK\r\n\r\nab");

        MemoryHandler iterable = new MemoryHandler();
        iterable.run((environ, start) -> {
            start.start("200 OK", List.of());
            return TrackedBody.of("only");
        });
        assertThat(iterable.output()).isEqualTo("Status: 200 OK\r\n\r\nonly");
    }

    @Test
    void headersAreSentAsGivenWithContentLengthAppended() {
        MemoryHandler h = new MemoryHandler();
        h.run((environ, start) -> {
            start.start("200 OK", List.of(Header.of("Content-Type", "text/plain; charset=utf-8")));
            return List.of(bytes("data"));
        });
        assertThat(h.output())
                .isEqualTo("Status: 200 OK\r\n"
                        + "Content-Type: text/plain; charset=utf-8\r\n"
                        + "Content-Length: 4\r\n"
                        + "\r\n"
                        + "data");
    }

    @Test
    void anEmptyBodyGetsContentLengthZero() {
        MemoryHandler h = new MemoryHandler();
        h.run(EMPTY_OK);
        assertThat(h.output()).isEqualTo("Status: 200 OK\r\nContent-Length: 0\r\n\r\n");
        assertThat(h.log()).isEmpty();
    }

    // ---- errors (testBasicErrorOutput, testErrorAfterOutput) ----

    @Test
    void anErrorBeforeOutputSendsTheGenericErrorPageAndLogsTheTraceback() {
        MemoryHandler h = new MemoryHandler();
        h.run((environ, start) -> {
            throw new AssertionError("This should be caught by handler");
        });
        assertThat(h.output()).isEqualTo(ERROR_RESPONSE);
        assertThat(h.log())
                .contains("java.lang.AssertionError: This should be caught by handler")
                .contains("\tat ");
    }

    @Test
    void anErrorAfterOutputSendsNoErrorPage() {
        MemoryHandler h = new MemoryHandler();
        h.run((environ, start) -> {
            start.start("200 OK", List.of()).write(bytes("Some output has been sent"));
            throw new AssertionError("This should be caught by handler");
        });
        assertThat(h.output()).isEqualTo("Status: 200 OK\r\n\r\nSome output has been sent");
        assertThat(h.log()).contains("AssertionError: This should be caught by handler");
    }

    @Test
    void theErrorPageReplacesHeadersTheApplicationHadStarted() {
        MemoryHandler h = new MemoryHandler();
        h.run((environ, start) -> {
            start.start("200 OK", List.of(Header.of("X-Secret", "do not leak")));
            throw new IllegalStateException("failed after start");
        });
        assertThat(h.output()).isEqualTo(ERROR_RESPONSE);
    }

    @Test
    void errorStatusHeadersAndBodyCanBeChanged() {
        MemoryHandler h = new MemoryHandler();
        h.errorStatus = "503 Service Unavailable";
        h.errorHeaders = List.of(Header.of("Content-Type", "text/html"));
        h.errorBody = bytes("<p>later</p>");
        h.run((environ, start) -> {
            throw new IllegalStateException();
        });
        assertThat(h.output())
                .isEqualTo("Status: 503 Service Unavailable\r\nContent-Type: text/html\r\n"
                        + "Content-Length: 12\r\n\r\n<p>later</p>");
    }

    @Test
    void anApplicationThatNeverStartsTheResponseGetsTheErrorPage() {
        MemoryHandler empty = new MemoryHandler();
        empty.run((environ, start) -> List.of());
        assertThat(empty.output()).isEqualTo(ERROR_RESPONSE);
        assertThat(empty.log()).contains("without calling start_response()");

        MemoryHandler body = new MemoryHandler();
        body.run((environ, start) -> List.of(bytes("x")));
        assertThat(body.output()).isEqualTo(ERROR_RESPONSE);
        assertThat(body.log()).contains("write() before start_response()");
    }

    // ---- startResponse ----

    @Test
    void aSecondStartWithoutExcInfoIsAnAssertionError() {
        MemoryHandler h = new MemoryHandler();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        h.run((environ, start) -> {
            start.start("200 OK", List.of());
            try {
                start.start("404 Not Found", List.of());
            } catch (AssertionError e) {
                thrown.set(e);
            }
            return List.of();
        });
        assertThat(thrown.get()).isInstanceOf(AssertionError.class).hasMessage("Headers already set!");
        assertThat(h.output()).startsWith("Status: 200 OK\r\n");
    }

    @Test
    void aStartWithExcInfoBeforeOutputReplacesTheHeaders() {
        MemoryHandler h = new MemoryHandler();
        h.run((environ, start) -> {
            start.start("200 OK", List.of(Header.of("X-First", "1")));
            start.start("404 Not Found", List.of(Header.of("X-Second", "2")), new IllegalStateException("oops"));
            return List.of(bytes("gone"));
        });
        assertThat(h.output()).isEqualTo("Status: 404 Not Found\r\nX-Second: 2\r\nContent-Length: 4\r\n\r\ngone");
        assertThat(h.log()).isEmpty();
    }

    @Test
    void aStartWithExcInfoAfterOutputThrowsExcInfoAgain() {
        MemoryHandler h = new MemoryHandler();
        IllegalStateException problem = new IllegalStateException("late problem");
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        h.run((environ, start) -> {
            start.start("200 OK", List.of()).write(bytes("partial"));
            try {
                start.start("500 Oops", List.of(), problem);
            } catch (IllegalStateException e) {
                thrown.set(e);
            }
            return List.of();
        });
        assertThat(thrown.get()).isSameAs(problem);
        assertThat(h.output()).isEqualTo("Status: 200 OK\r\n\r\npartial");
    }

    @Test
    void anErrorGivenAsExcInfoAfterOutputIsThrownAsIs() {
        MemoryHandler h = new MemoryHandler();
        StackOverflowError problem = new StackOverflowError("deep");
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        h.run((environ, start) -> {
            start.start("200 OK", List.of()).write(bytes("partial"));
            try {
                start.start("500 Oops", List.of(), problem);
            } catch (StackOverflowError e) {
                thrown.set(e);
            }
            return List.of();
        });
        assertThat(thrown.get()).isSameAs(problem);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "200",
                "200OK",
                "20 OK",
                "2x0 OK",
                "\u0662\u0660\u0660 OK", // Arabic-Indic digits: Python's isdigit() says yes, HTTP says no
                "200 OK\r\nX-Injected: yes",
                "200 OK\nX-Injected: yes",
                "200 OK\0",
                "200 \u0100K"
            })
    void aMalformedStatusIsAnErrorAndNeverReachesTheWire(String status) {
        MemoryHandler h = new MemoryHandler();
        h.run(answering(status, List.of()));
        assertThat(h.output()).isEqualTo(ERROR_RESPONSE);
        assertThat(h.log()).contains("AssertionError").contains("Status");
    }

    @Test
    void aStatusWithAnyReasonOfLatin1CharsIsAccepted() {
        MemoryHandler h = new MemoryHandler();
        h.run(answering("599 Tr\u00e8s \u00e9trange", List.of()));
        assertThat(h.output()).startsWith("Status: 599 Tr\u00e8s \u00e9trange\r\n");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Connection",
                "keep-alive",
                "Proxy-Authenticate",
                "proxy-authorization",
                "TE",
                "Trailers",
                "Transfer-Encoding",
                "Upgrade"
            })
    void aHopByHopHeaderFromTheApplicationIsAnError(String name) {
        MemoryHandler h = new MemoryHandler();
        h.run(answering("200 OK", List.of(new Header(name, "x"))));
        assertThat(h.output()).isEqualTo(ERROR_RESPONSE);
        assertThat(h.log()).contains("Hop-by-hop header, '" + name + ": x', not allowed");
    }

    @Test
    void aNullHeaderOrListIsAnError() {
        MemoryHandler nullList = new MemoryHandler();
        nullList.run(answering("200 OK", null));
        assertThat(nullList.output()).isEqualTo(ERROR_RESPONSE);

        List<Header> withNull = new ArrayList<>();
        withNull.add(null);
        MemoryHandler nullHeader = new MemoryHandler();
        nullHeader.run(answering("200 OK", withNull));
        assertThat(nullHeader.output()).isEqualTo(ERROR_RESPONSE);
    }

    // ---- header injection ----

    @ParameterizedTest
    @ValueSource(strings = {"evil\r\nSet-Cookie: a=b", "evil\nSet-Cookie: a=b", "evil\rSet-Cookie: a=b", "ev\0il"})
    void aHeaderValueWithCrLfOrNulNeverReachesTheWire(String value) {
        MemoryHandler h = new MemoryHandler();
        h.run(answering("200 OK", List.of(new Header("X-Value", value))));
        assertThat(h.output())
                .isEqualTo(ERROR_RESPONSE)
                .doesNotContain("Set-Cookie")
                .doesNotContain("evil");
    }

    @ParameterizedTest
    @ValueSource(strings = {"X-Name\r\nSet-Cookie", "X-Name\nSet-Cookie", "X\0Name", "X-\u0100"})
    void aHeaderNameWithCrLfNulOrAWideCharNeverReachesTheWire(String name) {
        MemoryHandler h = new MemoryHandler();
        h.run(answering("200 OK", List.of(new Header(name, "v"))));
        assertThat(h.output())
                .isEqualTo(ERROR_RESPONSE)
                .doesNotContain("Set-Cookie")
                .doesNotContain("X-");
    }

    @Test
    void changingTheListAfterStartHasNoEffectOnTheResponse() {
        MemoryHandler h = new MemoryHandler();
        h.run((environ, start) -> {
            List<Header> headers = new ArrayList<>(List.of(Header.of("X-Ok", "1")));
            start.start("200 OK", headers);
            headers.add(new Header("X-Late", "a\r\nSet-Cookie: b"));
            return List.of(bytes("body"));
        });
        assertThat(h.output()).isEqualTo("Status: 200 OK\r\nX-Ok: 1\r\nContent-Length: 4\r\n\r\nbody");
    }

    @Test
    void aBadHeaderAddedToTheLiveListBeforeSendingIsCaughtBeforeTheWire() {
        MemoryHandler h = new MemoryHandler() {
            private boolean added;

            @Override
            protected void cleanupHeaders() {
                super.cleanupHeaders();
                if (!added) {
                    added = true;
                    headers.list().add(new Header("X-Sneaky", "a\r\nSet-Cookie: b"));
                }
            }
        };
        h.run(answering("200 OK", List.of()));
        assertThat(h.output()).isEqualTo(ERROR_RESPONSE);
        assertThat(h.log()).contains("IllegalArgumentException");
    }

    @Test
    void aStatusChangedBySubclassBeforeSendingIsCheckedBeforeTheWire() {
        MemoryHandler h = new MemoryHandler() {
            private boolean changed;

            @Override
            protected void cleanupHeaders() {
                super.cleanupHeaders();
                if (!changed) {
                    changed = true;
                    status = "200 OK\r\nSet-Cookie: a=b";
                }
            }
        };
        h.run(answering("200 OK", List.of()));
        assertThat(h.output()).isEqualTo(ERROR_RESPONSE);
    }

    @Test
    void aServerSoftwareWithCrLfNeverReachesTheWire() {
        MemoryHandler h = new MemoryHandler("SERVER_PROTOCOL", "HTTP/1.0");
        h.originServer = true;
        h.serverSoftware = "Foo\r\nSet-Cookie: a=b";
        h.run(EMPTY_OK);
        assertThat(h.output()).doesNotContain("Set-Cookie");
        assertThat(h.log()).contains("Server software must not contain CR, LF");
    }

    // ---- preambles (testHeaderFormats) and HTTP/0.9 ----

    @Test
    void preamblesFollowOriginServerHttpVersionAndServerSoftware() {
        String standard = "HTTP/%s 200 OK\r\n"
                + "Date: \\w{3}, [ 0123]\\d \\w{3} \\d{4} \\d\\d:\\d\\d:\\d\\d GMT\r\n"
                + "%s"
                + "Content-Length: 0\r\n\r\n";
        String gateway = "Status: 200 OK\r\nContent-Length: 0\r\n\r\n";
        for (String software : new String[] {"FooBar/1.0", null}) {
            String serverLine = software == null ? "" : "Server: " + software + "\r\n";
            for (String version : List.of("1.0", "1.1")) {
                for (String protocol : List.of("HTTP/0.9", "HTTP/1.0", "HTTP/1.1")) {
                    MemoryHandler cgi = new MemoryHandler("SERVER_PROTOCOL", protocol);
                    cgi.originServer = false;
                    cgi.httpVersion = version;
                    cgi.serverSoftware = software;
                    cgi.run(EMPTY_OK);
                    assertThat(cgi.output()).isEqualTo(gateway);

                    MemoryHandler origin = new MemoryHandler("SERVER_PROTOCOL", protocol);
                    origin.originServer = true;
                    origin.httpVersion = version;
                    origin.serverSoftware = software;
                    origin.run(EMPTY_OK);
                    if (protocol.equals("HTTP/0.9")) {
                        assertThat(origin.output()).isEmpty();
                    } else {
                        assertThat(origin.output())
                                .as("%s %s %s", software, version, protocol)
                                .matches(Pattern.compile(String.format(standard, version, Pattern.quote(serverLine))));
                    }
                }
            }
        }
    }

    @Test
    void anHttp09ClientGetsTheBodyWithoutStatusLineOrHeaders() {
        MemoryHandler h = new MemoryHandler("SERVER_PROTOCOL", "http/0.9");
        h.originServer = true;
        h.run(answering("200 OK", List.of(Header.of("Content-Type", "text/plain"))));
        assertThat(h.output()).isEqualTo("body");
    }

    @Test
    void anOriginServerKeepsTheApplicationsDateAndServer() {
        MemoryHandler h = new MemoryHandler("SERVER_PROTOCOL", "HTTP/1.1");
        h.originServer = true;
        h.serverSoftware = "FooBar/1.0";
        h.run(answering(
                "200 OK", List.of(Header.of("Date", "Mon, 05 Jun 2006 18:49:54 GMT"), Header.of("Server", "Mine/2"))));
        assertThat(h.output())
                .isEqualTo("HTTP/1.0 200 OK\r\n"
                        + "Date: Mon, 05 Jun 2006 18:49:54 GMT\r\n"
                        + "Server: Mine/2\r\n"
                        + "Content-Length: 4\r\n\r\nbody");
    }

    // ---- close exactly once ----

    @Test
    void theResultIsClosedOnceAfterSuccessAndTheStateIsReset() {
        MemoryHandler h = new MemoryHandler();
        TrackedBody body = TrackedBody.of("a", "b");
        h.run((environ, start) -> {
            start.start("200 OK", List.of());
            return body;
        });
        assertThat(body.closes).isEqualTo(1);
        assertThat(h.state()).containsOnlyNulls();
        assertThat(h.headersSent).isFalse();
        assertThat(h.bytesSent).isZero();
    }

    @Test
    void theResultIsClosedOnceWhenIterationFailsBeforeOutput() {
        MemoryHandler h = new MemoryHandler();
        TrackedBody body = TrackedBody.failingAfter(0, "never");
        h.run((environ, start) -> {
            start.start("200 OK", List.of());
            return body;
        });
        assertThat(body.closes).isEqualTo(1);
        assertThat(h.output()).isEqualTo(ERROR_RESPONSE);
        assertThat(h.log()).contains("boom in iteration");
    }

    @Test
    void theResultIsClosedOnceWhenIterationFailsAfterOutput() {
        MemoryHandler h = new MemoryHandler();
        TrackedBody body = TrackedBody.failingAfter(1, "blah", "never");
        h.run((environ, start) -> {
            start.start("200 OK", List.of()).write(bytes("Some output has been sent"));
            return body;
        });
        assertThat(body.closes).isEqualTo(1);
        assertThat(h.output()).isEqualTo("Status: 200 OK\r\n\r\nSome output has been sentblah");
        assertThat(h.log()).contains("boom in iteration");
    }

    @Test
    void theResultIsClosedOnceWhenTheClientGoesAway() {
        MemoryHandler h = new MemoryHandler(brokenPipe());
        TrackedBody body = TrackedBody.of("a");
        h.run((environ, start) -> {
            start.start("200 OK", List.of());
            return body;
        });
        assertThat(body.closes).isEqualTo(1);
        assertThat(h.log()).isEmpty();
    }

    @Test
    void theResultIsClosedOnceWhenEvenTheErrorPageFails() {
        MemoryHandler h = new MemoryHandler() {
            @Override
            protected Iterable<byte[]> errorOutput(Map<String, Object> environ, StartResponse startResponse) {
                throw new IllegalStateException("error page failed");
            }
        };
        TrackedBody body = TrackedBody.failingAfter(0);
        assertThatThrownBy(() -> h.run((environ, start) -> {
                    start.start("200 OK", List.of());
                    return body;
                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("error page failed")
                .satisfies(e -> assertThat(e.getSuppressed()[0]).hasMessage("boom in iteration"));
        assertThat(body.closes).isEqualTo(1);
        assertThat(h.state()).containsOnlyNulls();
    }

    @Test
    void aCheckedExceptionFromErrorHandlingIsThrownWrapped() {
        MemoryHandler h = new MemoryHandler() {
            @Override
            protected Iterable<byte[]> errorOutput(Map<String, Object> environ, StartResponse startResponse)
                    throws IOException {
                throw new IOException("disk full");
            }
        };
        assertThatThrownBy(() -> h.run((environ, start) -> {
                    throw new IllegalStateException("first");
                }))
                .isInstanceOf(UncheckedIOException.class)
                .hasRootCauseMessage("disk full");
    }

    @Test
    void aClientThatGoesAwayWhileTheErrorPageIsSentEndsTheRequestSilently() {
        MemoryHandler h = new MemoryHandler(brokenPipe());
        TrackedBody body = TrackedBody.failingAfter(0);
        h.run((environ, start) -> {
            start.start("200 OK", List.of());
            return body;
        });
        assertThat(body.closes).isEqualTo(1);
        assertThat(h.log()).contains("boom in iteration").doesNotContain("Broken pipe");
        assertThat(h.state()).containsOnlyNulls();
    }

    @Test
    void anInterruptedApplicationGetsTheErrorPageAndTheInterruptIsKept() {
        MemoryHandler h = new MemoryHandler();
        try {
            h.run((environ, start) -> {
                throw new InterruptedException("stop");
            });
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(h.output()).isEqualTo(ERROR_RESPONSE);
    }

    @Test
    void aRequestWithoutServerProtocolIsTreatedAsModern() {
        MemoryHandler h = new MemoryHandler();
        h.cgiVars.remove("SERVER_PROTOCOL");
        h.originServer = true;
        h.run(EMPTY_OK);
        assertThat(h.output()).startsWith("HTTP/1.0 200 OK\r\nDate: ");
    }

    @Test
    void aFailingCloseIsLoggedOnceTheResponseWasSent() {
        MemoryHandler h = new MemoryHandler();
        FailingClose body = new FailingClose();
        body.add(bytes("done"));
        h.run((environ, start) -> {
            start.start("200 OK", List.of());
            return body;
        });
        assertThat(body.closes).isEqualTo(1);
        assertThat(h.output()).isEqualTo("Status: 200 OK\r\nContent-Length: 4\r\n\r\ndone");
        assertThat(h.log()).contains("close failed");
    }

    @Test
    void theStateIsKeptWhenFinishResponseFails() {
        MemoryHandler h = new MemoryHandler(failingStream(new IllegalStateException("custom")));
        h.run(answering("200 OK", List.of()));
        assertThat(h.log()).contains("IllegalStateException: custom");
        assertThat(h.state()).doesNotContainNull();
    }

    @Test
    void aHandlerCanRunTheNextRequestAfterTheClientWentAway() {
        AtomicInteger writes = new AtomicInteger();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OutputStream failsFirst = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (writes.getAndIncrement() == 0) {
                    throw new IOException("Connection reset by peer");
                }
                out.write(b, off, len);
            }
        };
        MemoryHandler h = new MemoryHandler(failsFirst);
        h.run(answering("200 OK", List.of()));
        assertThat(h.state()).doesNotContainNull(); // kept after the disconnect, as in wsgiref
        h.run(EMPTY_OK);
        assertThat(out.toString(ISO_8859_1)).isEqualTo("Status: 200 OK\r\nContent-Length: 0\r\n\r\n");
    }

    @Test
    void aHandlerCanRunTheNextRequestAfterAnError() {
        MemoryHandler h = new MemoryHandler();
        h.run((environ, start) -> {
            throw new IllegalStateException("first");
        });
        h.out.reset();
        h.run(EMPTY_OK);
        assertThat(h.output()).isEqualTo("Status: 200 OK\r\nContent-Length: 0\r\n\r\n");
    }

    // ---- client disconnects ----

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Broken pipe",
                "Connection reset",
                "Connection reset by peer",
                "Software caused connection abort",
                "An established connection was aborted by the software in your host machine",
                "An existing connection was forcibly closed by the remote host"
            })
    void aClientThatGoesAwayEndsTheRequestSilently(String message) {
        MemoryHandler h = new MemoryHandler(failingStream(new IOException(message)));
        h.run(answering("200 OK", List.of()));
        assertThat(h.log()).isEmpty();
    }

    @Test
    void aDisconnectWrappedInAnotherExceptionIsRecognised() {
        MemoryHandler h = new MemoryHandler(failingStream(new UncheckedIOException(new IOException("Broken pipe"))));
        h.run(answering("200 OK", List.of()));
        assertThat(h.log()).isEmpty();
    }

    @Test
    void otherIoErrorsAreLogged() {
        MemoryHandler h = new MemoryHandler(failingStream(new IOException("No space left on device")));
        h.run(answering("200 OK", List.of()));
        assertThat(h.log()).contains("No space left on device");
    }

    // ---- tracebackLimit ----

    @Test
    void tracebackLimitBoundsTheFramesPerException() {
        Application failing = (environ, start) -> {
            throw new IllegalStateException("outer", new IOException("inner"));
        };
        MemoryHandler all = new MemoryHandler();
        all.run(failing);
        assertThat(frames(all.log())).isGreaterThan(2);

        MemoryHandler one = new MemoryHandler();
        one.tracebackLimit = 1;
        one.run(failing);
        assertThat(frames(one.log())).isEqualTo(2); // one for the exception, one for its cause
        assertThat(one.log())
                .contains("java.lang.IllegalStateException: outer")
                .contains("Caused by: java.io.IOException: inner")
                .contains(" more");

        MemoryHandler last = new MemoryHandler();
        last.tracebackLimit = -2;
        last.run(failing);
        assertThat(frames(last.log())).isEqualTo(4);

        MemoryHandler none = new MemoryHandler();
        none.tracebackLimit = 0;
        none.run(failing);
        assertThat(frames(none.log())).isZero();
        assertThat(none.log()).contains("IllegalStateException: outer");
    }

    private static long frames(String log) {
        return log.lines().filter(line -> line.startsWith("\tat ")).count();
    }

    // ---- sendfile ----

    @Test
    void anOverriddenSendfileSendsAFileResultInsteadOfIteration() {
        InputStream file = new ByteArrayInputStream(bytes("file contents"));
        AtomicInteger sendfileCalls = new AtomicInteger();
        MemoryHandler h = new MemoryHandler() {
            @Override
            protected boolean sendfile() throws IOException {
                sendfileCalls.incrementAndGet();
                FileWrapper wrapper = (FileWrapper) result;
                headers.set("Content-Length", "13");
                sendHeaders();
                rawWrite(bytes("[sent] "));
                rawWrite(wrapper.stream().readAllBytes());
                return true;
            }
        };
        h.run((environ, start) -> {
            start.start("200 OK", List.of());
            return ((FileWrapper.Factory) environ.get("wsgi.file_wrapper")).wrap(file, 4);
        });
        assertThat(sendfileCalls).hasValue(1);
        assertThat(h.output()).isEqualTo("Status: 200 OK\r\nContent-Length: 13\r\n\r\n[sent] file contents");
    }

    @Test
    void aFileResultIsIteratedWhenSendfileDeclines() {
        MemoryHandler h = new MemoryHandler();
        h.run((environ, start) -> {
            start.start("200 OK", List.of());
            return new FileWrapper(new ByteArrayInputStream(bytes("file contents")), 4);
        });
        assertThat(h.output()).isEqualTo("Status: 200 OK\r\n\r\nfile contents");
    }

    @Test
    void sendfileIsNotOfferedWhenTheFileWrapperIsDisabled() {
        AtomicInteger sendfileCalls = new AtomicInteger();
        MemoryHandler h = new MemoryHandler() {
            @Override
            protected boolean sendfile() {
                sendfileCalls.incrementAndGet();
                return true;
            }
        };
        h.wsgiFileWrapper = null;
        h.run((environ, start) -> {
            start.start("200 OK", List.of());
            return new FileWrapper(new ByteArrayInputStream(bytes("abc")));
        });
        assertThat(sendfileCalls).hasValue(0);
        assertThat(h.output()).endsWith("abc");
    }

    @Test
    void aFileResultIsClosedOnce() {
        AtomicInteger closes = new AtomicInteger();
        InputStream file = new ByteArrayInputStream(bytes("x")) {
            @Override
            public void close() {
                closes.incrementAndGet();
            }
        };
        MemoryHandler h = new MemoryHandler();
        h.run((environ, start) -> {
            start.start("200 OK", List.of());
            return new FileWrapper(file);
        });
        assertThat(closes).hasValue(1);
    }

    // ---- helpers ----

    /** A one-chunk collection (so Content-Length is known) whose close() fails. */
    private static final class FailingClose extends ArrayList<byte[]> implements AutoCloseable {
        private static final long serialVersionUID = 1L;
        int closes;

        @Override
        public void close() {
            closes++;
            throw new IllegalStateException("close failed");
        }
    }

    private static OutputStream brokenPipe() {
        return failingStream(new IOException("Broken pipe"));
    }

    /** A stream whose every write throws {@code failure}. */
    private static OutputStream failingStream(Exception failure) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw sneaky(failure);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw sneaky(failure);
            }
        };
    }

    private static IOException sneaky(Exception e) {
        if (e instanceof IOException io) {
            return io;
        }
        throw (RuntimeException) e;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
