package io.jwsgi.python;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwsgi.Application;
import io.jwsgi.util.FileWrapper;
import io.jwsgi.validate.Validator;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A Python application (src/test/resources/pyapps/features_app.py) on GraalPy, served on a real
 * socket by jwsgi's standalone server: the environ, {@code wsgi.input} read every way, streaming,
 * {@code write()}, {@code wsgi.file_wrapper}, {@code exc_info}, errors before and after the
 * headers, wsgiref's validator messages, {@code close()} once on every path, and failures at
 * build time. Then the same requests with wsgiref's validator inside GraalPy and jwsgi's Java
 * validator outside, both silent.
 */
@Timeout(300)
class PythonApplicationTest {

    static final Path APPS = Path.of("src/test/resources/pyapps");
    private static final String NAME = "features_app:app";

    private static PythonApplication app;
    private static Served served;
    /** Whether the last result the host got was jwsgi's FileWrapper (the sendfile path). */
    private static final AtomicInteger fileResults = new AtomicInteger();

    @BeforeAll
    static void serve() throws Exception {
        app = PythonApplication.builder(NAME).pythonPath(APPS).contexts(1).build();
        Application recording = (environ, startResponse) -> {
            Iterable<byte[]> result = app.call(environ, startResponse);
            if (result instanceof FileWrapper) {
                fileResults.incrementAndGet();
            }
            return result;
        };
        served = new Served(recording);
    }

    @AfterAll
    static void stop() throws Exception {
        served.close();
        app.close();
    }

    private static WireClient.Response get(String target) throws Exception {
        return WireClient.exchange(served.port(), WireClient.request("GET", target, null));
    }

    private static WireClient.Response post(String target, String body) throws Exception {
        return WireClient.exchange(served.port(), WireClient.request("POST", target, body));
    }

    @Test
    void theApplicationSeesWsgirefsEnviron() throws Exception {
        WireClient.Response response = get("/environ/caf%C3%A9?a=1&b=%20");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text())
                .contains(
                        "\"version\": [\"tuple\", [1, 0]]",
                        "\"environ_type\": \"dict\"",
                        "\"input_type\": \"BufferedReader\"",
                        "\"errors_has\": [\"write\", \"writelines\", \"flush\"]",
                        "\"file_wrapper\": true",
                        "\"multithread\": false", // a Context runs one request at a time
                        "\"multiprocess\": false", // and this pool has one Context
                        "\"run_once\": false",
                        "\"url_scheme\": \"http\"",
                        "\"native\": true",
                        "\"PATH_INFO\": \"/environ/caf\\u00c3\\u00a9\"", // UTF-8 bytes as Latin-1 chars
                        "\"QUERY_STRING\": \"a=1&b=%20\"",
                        "\"REQUEST_METHOD\": \"GET\"",
                        "\"SCRIPT_NAME\": \"\"",
                        "\"SERVER_PROTOCOL\": \"HTTP/1.1\"",
                        "\"HTTP_HOST\": \"127.0.0.1\"",
                        "\"GATEWAY_INTERFACE\": \"CGI/1.1\"");
    }

    @Test
    void moreThanOneContextIsMultiprocess() throws Exception {
        try (PythonApplication two = PythonApplication.builder(NAME)
                        .pythonPath(APPS)
                        .contexts(2)
                        .build();
                Served server = new Served(two)) {
            String text = WireClient.exchange(server.port(), WireClient.request("GET", "/environ", null))
                    .text();
            assertThat(text).contains("\"multithread\": false", "\"multiprocess\": true");
            assertThat(two.startup()).hasSize(2);
        }
    }

    private static final String LINES = "line1\nline2\nlast";

    @Test
    void wsgiInputReadsEveryWay() throws Exception {
        assertThat(post("/input/read", LINES).text()).isEqualTo(LINES);
        assertThat(post("/input/readall", LINES).text()).isEqualTo(LINES);
        assertThat(post("/input/readn?4", LINES).text())
                .isEqualTo("[\"line\", \"1\\nli\", \"ne2\\n\", \"last\", \"\"]");
        assertThat(post("/input/readline", LINES).text()).isEqualTo("[\"line1\\n\", \"line2\\n\", \"last\"]");
        assertThat(post("/input/readline?3", LINES).text())
                .isEqualTo("[\"lin\", \"e1\\n\", \"lin\", \"e2\\n\", \"las\", \"t\"]");
        assertThat(post("/input/readlines", LINES).text()).isEqualTo("[[\"line1\\n\", \"line2\\n\", \"last\"], \"\"]");
        assertThat(post("/input/readlines?7", LINES).text()).isEqualTo("[[\"line1\\n\", \"line2\\n\"], \"last\"]");
        assertThat(post("/input/iter", LINES).text()).isEqualTo("[\"line1\\n\", \"line2\\n\", \"last\"]");
        assertThat(post("/input/mixed", LINES).text()).isEqualTo("[\"line1\\n\", \"lin\", \"e2\\nlast\"]");
        assertThat(post("/input/read", "").text()).isEmpty();
    }

    @Test
    void wsgiInputCarriesEveryByteOfALargeBody() throws Exception {
        byte[] bytes = new byte[1 << 20];
        new Random(7).nextBytes(bytes);
        String body = new String(bytes, ISO_8859_1);
        assertThat(post("/input/read", body).body()).isEqualTo(bytes);
        assertThat(post("/input/readall", body).body()).isEqualTo(bytes);
    }

    @Test
    void chunksGoOutAsTheGeneratorYieldsThem() throws Exception {
        // The app yields its first chunk, then reads the body; the client sends the body only
        // after it has read that chunk. A host that buffered the generator, or read the whole
        // body before calling the app, would never answer (and the read would time out).
        try (Socket socket = WireClient.connect(served.port())) {
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            out.write("POST /stream HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nConnection: close\r\n\r\n"
                    .getBytes(ISO_8859_1));
            out.flush();
            assertThat(WireClient.line(in)).isEqualTo("HTTP/1.1 200 OK");
            List<String> headers = new ArrayList<>();
            for (String line = WireClient.line(in); !line.isEmpty(); line = WireClient.line(in)) {
                headers.add(line.toLowerCase(java.util.Locale.ROOT));
            }
            assertThat(headers).contains("transfer-encoding: chunked");
            assertThat(WireClient.line(in)).isEqualTo("6");
            assertThat(WireClient.line(in)).isEqualTo("first;");
            out.write("again".getBytes(ISO_8859_1));
            out.flush();
            assertThat(WireClient.line(in)).isEqualTo("a");
            assertThat(WireClient.line(in)).isEqualTo("then:again");
            assertThat(WireClient.line(in)).isEqualTo("0");
        }
    }

    @Test
    void theWriteCallableSendsBeforeTheReturnedChunks() throws Exception {
        assertThat(get("/write").text()).isEqualTo("written;again;returned");
    }

    @Test
    void fileWrapperKeepsTheSendfilePath() throws Exception {
        byte[] file = Files.readAllBytes(APPS.resolve("features_app.py"));
        int before = fileResults.get();
        WireClient.Response response = get("/file?features_app.py");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(file);
        assertThat(fileResults.get()).as("the host got jwsgi's FileWrapper").isEqualTo(before + 1);
        // a file the application already read from: the rest of it, still by sendfile
        response = get("/file-skip?features_app.py");
        assertThat(response.body()).isEqualTo(java.util.Arrays.copyOfRange(file, 10, file.length));
        assertThat(fileResults.get()).isEqualTo(before + 2);
        awaitIdle(app);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ok", "raise-first", "raise-later", "bad-chunk", "head", "slow"})
    void closeIsCalledExactlyOnceOnEveryPath(String path) throws Exception {
        long closes = app.closes();
        if (path.equals("head")) {
            assertThat(WireClient.exchange(served.port(), WireClient.request("HEAD", "/closing/head", null))
                            .status())
                    .isEqualTo(200);
        } else if (path.equals("slow")) {
            // the client reads the first bytes of an 800 MB response, then goes away
            try (Socket socket = WireClient.connect(served.port())) {
                socket.getOutputStream()
                        .write(WireClient.request("GET", "/closing/slow", null).getBytes(ISO_8859_1));
                assertThat(socket.getInputStream().readNBytes(20000)).hasSize(20000);
                socket.setSoLinger(true, 0); // reset, not a polite close
            }
        } else {
            WireClient.Response response = get("/closing/" + path);
            assertThat(response.status()).isEqualTo(path.equals("raise-first") ? 500 : 200);
            assertThat(response.complete()).isEqualTo(path.equals("ok") || path.equals("raise-first"));
        }
        // One Context: /closes runs only once the previous response gave it back, at its close().
        assertThat(get("/closes").text()).contains("\"" + path + "\": 1");
        assertThat(app.closes()).isEqualTo(closes + 1);
        awaitIdle(app);
    }

    @Test
    void aMissingModuleFailsAtBuildWithThePythonTraceback() {
        assertThatThrownBy(() -> PythonApplication.builder("no_such_module:app")
                        .pythonPath(APPS)
                        .contexts(1)
                        .build())
                .isInstanceOf(PythonException.class)
                .hasMessageContaining("No module named 'no_such_module'")
                .satisfies(e -> assertThat(((PythonException) e).traceback())
                        .startsWith("Traceback (most recent call last):")
                        .contains("ModuleNotFoundError: No module named 'no_such_module'"));
    }

    @Test
    void aMissingCallableFailsAtBuildWithThePythonTraceback() {
        assertThatThrownBy(() -> PythonApplication.builder("features_app:nothing")
                        .pythonPath(APPS)
                        .contexts(1)
                        .build())
                .isInstanceOf(PythonException.class)
                .satisfies(e -> assertThat(((PythonException) e).traceback())
                        .contains("Traceback", "AttributeError", "'nothing'"));
        assertThatThrownBy(() -> PythonApplication.builder("not_callable_app:app")
                        .pythonPath(APPS)
                        .contexts(1)
                        .build())
                .isInstanceOf(PythonException.class)
                .satisfies(e -> assertThat(((PythonException) e).traceback()).contains("TypeError", "is not callable"));
    }

    @Test
    void aSyntaxErrorFailsAtBuildWithThePythonTraceback() {
        assertThatThrownBy(() -> PythonApplication.builder("syntax_error_app:app")
                        .pythonPath(APPS)
                        .contexts(1)
                        .build())
                .isInstanceOf(PythonException.class)
                .satisfies(e -> assertThat(((PythonException) e).traceback())
                        .contains("syntax_error_app.py", "line 1", "SyntaxError"));
    }

    @Test
    void aFactoryIsCalledOnce() throws Exception {
        try (PythonApplication made = PythonApplication.builder("features_app:make_app()")
                        .pythonPath(APPS)
                        .contexts(1)
                        .build();
                Served server = new Served(made)) {
            assertThat(WireClient.exchange(server.port(), WireClient.request("POST", "/input/read", "made"))
                            .text())
                    .isEqualTo("made");
        }
    }

    /**
     * The suite's well-formed requests with wsgiref's validator around the app inside GraalPy
     * (its warnings made errors) and jwsgi's Validator around it outside: nothing in {@code
     * wsgi.errors}, no warning logged, every response whole.
     */
    @Test
    void bothValidatorsAreSilent() throws Exception {
        List<LogRecord> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                warnings.add(record);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger logger = Logger.getLogger("io.jwsgi.validate");
        logger.addHandler(handler);
        try (PythonApplication validated = PythonApplication.builder("features_app:validated")
                        .pythonPath(APPS)
                        .contexts(1)
                        .build();
                Served server = new Served(Validator.validator(validated))) {
            int port = server.port();
            List<String> requests = List.of(
                    WireClient.request("GET", "/environ?x=1", null),
                    WireClient.request("GET", "/environ/caf%C3%A9", null, "X-Custom: vé"),
                    WireClient.request("POST", "/input/read", LINES),
                    WireClient.request("POST", "/input/readn?4", LINES),
                    WireClient.request("POST", "/input/readline", LINES),
                    WireClient.request("POST", "/input/readline?3", LINES),
                    WireClient.request("POST", "/input/readlines", LINES),
                    WireClient.request("POST", "/input/readlines?7", LINES),
                    WireClient.request("POST", "/input/iter", LINES),
                    WireClient.request("POST", "/input/mixed", LINES),
                    WireClient.request("POST", "/stream", "again"),
                    WireClient.request("GET", "/write", null),
                    WireClient.request("GET", "/file?features_app.py", null),
                    WireClient.request("GET", "/exc-info-before", null),
                    WireClient.request("GET", "/closing/ok", null),
                    WireClient.request("HEAD", "/closing/head", null),
                    WireClient.request("GET", "/errors", null));
            for (String request : requests) {
                WireClient.Response response = WireClient.exchange(port, request);
                assertThat(response.status()).as(request).isEqualTo(request.contains("exc-info") ? 500 : 200);
                assertThat(response.complete()).as(request).isTrue();
            }
            assertThat(server.errors().replace("to wsgi.errors\ntwo lines\n", ""))
                    .as("wsgi.errors")
                    .isEmpty();
            assertThat(warnings).as("jwsgi's validator warnings").isEmpty();
        } finally {
            logger.removeHandler(handler);
        }
    }

    /**
     * Waits until every Context of {@code app} is back in the pool: the host closes a result
     * (which gives its Context back) just after the client got the last byte.
     */
    static void awaitIdle(PythonApplication app) throws InterruptedException {
        for (int i = 0; i < 1000 && app.idleContexts() < app.contexts(); i++) {
            Thread.sleep(10);
        }
        assertThat(app.idleContexts()).as("idle Contexts").isEqualTo(app.contexts());
    }

    @Test
    void wsgiErrorsGoesToTheHostsErrorStream() throws Exception {
        served.clearErrors();
        assertThat(get("/errors").text()).isEqualTo("logged");
        assertThat(served.errors()).contains("to wsgi.errors\ntwo lines\n");
    }

    @Test
    void excInfoBeforeTheHeadersReplacesTheResponse() throws Exception {
        WireClient.Response response = get("/exc-info-before");
        assertThat(response.status()).isEqualTo(500);
        assertThat(response.text()).isEqualTo("error page");
    }

    @Test
    void excInfoAfterTheHeadersIsRaisedAgainAndAbortsTheResponse() throws Exception {
        served.clearErrors();
        WireClient.Response response = get("/exc-info-after");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text()).isEqualTo("partial;");
        assertThat(response.complete()).as("the chunked body is cut short").isFalse();
        assertThat(served.errors()).contains("ValueError: too late");
    }

    @Test
    void aPythonExceptionIsA500WithTheTracebackInWsgiErrorsOnly() throws Exception {
        served.clearErrors();
        WireClient.Response response = get("/fail");
        assertThat(response.status()).isEqualTo(500);
        assertThat(response.text()).doesNotContain("secret", "Traceback", "features_app");
        assertThat(served.errors())
                .contains(
                        "Traceback (most recent call last):",
                        "features_app.py\", line",
                        "in app",
                        "KeyError: 'secret-in-traceback'")
                .doesNotContain("at com.oracle.graal", "at org.graalvm");
    }

    @Test
    void anExceptionAfterTheHeadersAbortsTheResponse() throws Exception {
        served.clearErrors();
        WireClient.Response response = get("/fail-after");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text()).isEqualTo("partial;");
        assertThat(response.complete()).isFalse();
        assertThat(served.errors()).contains("KeyError: 'after the headers'");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "chunk",
                "status",
                "status-code",
                "headers-type",
                "header-tuple",
                "header-value",
                "header-newline",
                "str-result"
            })
    void mistakesGetWsgirefsValidatorMessageNamingTheApp(String kind) throws Exception {
        String expected = validatorMessage(kind);
        assertThat(expected)
                .as("wsgiref's validator finds the mistake of /bad/%s", kind)
                .isNotBlank();
        served.clearErrors();
        WireClient.Response response = get("/bad/" + kind);
        assertThat(response.status()).isEqualTo(500);
        assertThat(response.text()).doesNotContain(expected);
        assertThat(served.errors()).contains("AssertionError: " + NAME + ": " + expected);
    }

    @Test
    void writeOfAStrAndASecondStartResponseAreRefused() throws Exception {
        served.clearErrors();
        assertThat(get("/bad/write").status()).isEqualTo(500);
        assertThat(served.errors()).contains(NAME + ": write() argument must be a bytes instance (got 'a str')");
        served.clearErrors();
        assertThat(get("/bad/twice").status()).isEqualTo(500);
        assertThat(served.errors()).contains(NAME + ": start_response called a second time without exc_info");
    }

    /** What wsgiref's validator (GraalPy's own copy of it, CPython's code) says of /bad/kind. */
    private static String validatorMessage(String kind) {
        try (Context context = Context.newBuilder("python")
                .engine(PythonEngine.engine())
                .allowHostAccess(PythonEngine.HOST_ACCESS)
                .allowIO(org.graalvm.polyglot.io.IOAccess.ALL)
                .build()) {
            context.eval("python", "import sys; sys.path.insert(0, '" + APPS.toAbsolutePath() + "')");
            Value message = context.eval("python", "import features_app; features_app.expected_message")
                    .execute(kind);
            return message.isNull() ? null : message.asString();
        }
    }
}
