package io.jwsgi.servlet;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import example.webapp.Apps;
import example.webapp.Echo;
import example.webapp.Greeting;
import io.jwsgi.Application;
import io.jwsgi.Header;
import jakarta.servlet.Filter;
import jakarta.servlet.ServletRegistration;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link JwsgiServlet} deployed as a user without Spring would deploy it, in a real container on
 * a real socket: registered through {@code ServletContext.addServlet} (given an application, or
 * naming one in an init-param) under a context path, and declared in the {@code web.xml} of a WAR
 * that holds jwsgi in its {@code WEB-INF/lib}. The subclasses run it on Tomcat and on Jetty.
 *
 * <p>{@code SCRIPT_NAME} and {@code PATH_INFO} are what wsgiref would compute for the part of the
 * path the container gave the servlet: {@code SCRIPT_NAME} the context path and the servlet
 * mapping's matched prefix, {@code PATH_INFO} the rest, percent-decoded to one char per byte.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JwsgiServletContainerTests {

    /** The deployment descriptor of the WAR: one servlet per way of naming an application. */
    static final String WEB_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee"
                     xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                     xsi:schemaLocation="https://jakarta.ee/xml/ns/jakartaee https://jakarta.ee/xml/ns/jakartaee/web-app_6_0.xsd"
                     version="6.0">
              %s
            </web-app>
            """.formatted(
                    servlet("greeting", "example.webapp.Greeting", "<load-on-startup>1</load-on-startup>")
                            + servlet("supplied", "example.webapp.GreetingSupplier", "")
                            + servlet("factory", "example.webapp.Apps::greeting", "")
                            + servlet("echo", "example.webapp.Echo", param("max-request-body", "16"))
                            + servlet("limited", "example.webapp.Apps::bodyReader", param("max-request-body", "16"))
                            + servlet("validated", "example.webapp.Apps::sloppy", param("validate", "true"))
                            + servlet("diagnosed", "example.webapp.Apps::failing", param("error-diagnostics", "true"))
                            + servlet("undiagnosed", "example.webapp.Apps::failing", "")
                            + servlet("broken", "example.webapp.Broken$FailingConstructor", ""));

    private static String servlet(String name, String application, String more) {
        return """
                <servlet>
                  <servlet-name>%1$s</servlet-name>
                  <servlet-class>io.jwsgi.servlet.JwsgiServlet</servlet-class>
                  %3$s
                  %4$s
                </servlet>
                <servlet-mapping><servlet-name>%1$s</servlet-name><url-pattern>/%1$s/*</url-pattern></servlet-mapping>
                """.formatted(name, application, param("application", application), more);
    }

    private static String param(String name, String value) {
        return "<init-param><param-name>" + name + "</param-name><param-value>" + value + "</param-value></init-param>";
    }

    private Path dir;

    private EmbeddedContainer container;
    private int port;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final CountDownLatch firstChunkRead = new CountDownLatch(1);

    /** A container of the kind under test, not started, keeping its files in {@code dir}. */
    abstract EmbeddedContainer container(Path dir);

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        this.dir = dir;
        Path war = War.build(this.dir.resolve("app.war"), WEB_XML, Greeting.class);
        this.container = container(this.dir.resolve("server"))
                .context("/ctx", (classes, context) -> {
                    context.addServlet("prefix", new JwsgiServlet(new Echo())).addMapping("/app/*");
                    context.addServlet("exact", new JwsgiServlet(new Echo())).addMapping("/exact");
                    context.addServlet("default", new JwsgiServlet(new Echo())).addMapping("/");
                    context.addServlet("stream", new JwsgiServlet(streaming())).addMapping("/stream");
                    ServletRegistration.Dynamic named = context.addServlet("named", JwsgiServlet.class);
                    named.setInitParameter("application", Echo.class.getName());
                    named.setInitParameter("max-request-body", "16");
                    named.addMapping("/named/*");
                    ServletRegistration.Dynamic strict = context.addServlet("strict", new JwsgiServlet(Apps.sloppy()));
                    strict.setInitParameter("validate", "true");
                    strict.addMapping("/strict/*");
                    context.addServlet("lax", new JwsgiServlet(Apps.sloppy())).addMapping("/lax/*");
                    // a filter that reads a form's parameters before the application: the
                    // container consumes the body, and the servlet must not pass that off as empty
                    context.addFilter("parameters", (Filter) (request, response, chain) -> {
                                request.getParameter("a");
                                chain.doFilter(request, response);
                            })
                            .addMappingForUrlPatterns(null, false, "/consumed/*");
                    context.addServlet("consumed", new JwsgiServlet(new Echo())).addMapping("/consumed/*");
                    ServletRegistration.Dynamic missing = context.addServlet("missing", JwsgiServlet.class);
                    missing.setInitParameter("application", "example.webapp.Missing");
                    missing.addMapping("/missing/*");
                })
                .context(
                        "",
                        (classes, context) -> context.addServlet("root", new JwsgiServlet(new Echo()))
                                .addMapping("/*"))
                .webapp("/war", war);
        this.port = this.container.start();
    }

    @AfterAll
    void stop() throws Exception {
        if (this.container != null) {
            this.container.close();
        }
    }

    // --- SCRIPT_NAME and PATH_INFO under a context path and each kind of servlet mapping ---

    @Test
    void pathMappingUnderAContextPathSplitsTheDecodedPathAfterTheMatchedPrefix() throws Exception {
        Map<String, String> env = environ(get("/ctx/app/caf%C3%A9/x%20y;v=1?q=%C3%A9&a=1"));
        assertThat(env)
                .containsEntry("SCRIPT_NAME", "/ctx/app")
                .containsEntry("PATH_INFO", "/caf\u00c3\u00a9/x y;v=1")
                .containsEntry("QUERY_STRING", "q=%C3%A9&a=1")
                .containsEntry("REQUEST_METHOD", "GET")
                .containsEntry("SERVER_PROTOCOL", "HTTP/1.1")
                .containsEntry("wsgi.url_scheme", "http");
    }

    @Test
    void pathMappingGivesAnEmptyOrSlashPathInfoAtItsPrefix() throws Exception {
        assertThat(environ(get("/ctx/app")))
                .containsEntry("SCRIPT_NAME", "/ctx/app")
                .containsEntry("PATH_INFO", "");
        assertThat(environ(get("/ctx/app/")))
                .containsEntry("SCRIPT_NAME", "/ctx/app")
                .containsEntry("PATH_INFO", "/");
    }

    @Test
    void exactMappingIsAllScriptName() throws Exception {
        assertThat(environ(get("/ctx/exact")))
                .containsEntry("SCRIPT_NAME", "/ctx/exact")
                .containsEntry("PATH_INFO", "");
    }

    @Test
    void defaultMappingIsTheContextPathAndTheRest() throws Exception {
        assertThat(environ(get("/ctx/application/%7Euser")))
                .containsEntry("SCRIPT_NAME", "/ctx")
                .containsEntry("PATH_INFO", "/application/~user");
        assertThat(environ(get("/ctx/"))).containsEntry("SCRIPT_NAME", "/ctx").containsEntry("PATH_INFO", "/");
    }

    @Test
    void slashStarAtTheRootContextIsAllPathInfo() throws Exception {
        assertThat(environ(get("/x/y%20z%E2%82%AC")))
                .containsEntry("SCRIPT_NAME", "")
                .containsEntry("PATH_INFO", "/x/y z\u00e2\u0082\u00ac");
        assertThat(environ(get("/"))).containsEntry("SCRIPT_NAME", "").containsEntry("PATH_INFO", "/");
    }

    // --- bodies ---

    @Test
    void postBodyReachesTheApplicationByteForByte() throws Exception {
        byte[] body = new byte[70_000];
        new Random(14).nextBytes(body);
        HttpResponse<byte[]> response =
                send("POST", "/ctx/app/upload", BodyPublishers.ofByteArray(body), "application/octet-stream");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(environ(response))
                .containsEntry("REQUEST_METHOD", "POST")
                .containsEntry("CONTENT_TYPE", "application/octet-stream")
                .containsEntry("CONTENT_LENGTH", "70000");
        assertThat(requestBody(response)).isEqualTo(body);
    }

    @Test
    void chunkedPostBodyReachesTheApplicationWithNoContentLength() throws Exception {
        byte[] body = new byte[20_000];
        new Random(4).nextBytes(body);
        HttpResponse<byte[]> response = send(
                "PUT",
                "/ctx/app/upload",
                BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)),
                "application/octet-stream");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(environ(response)).containsEntry("REQUEST_METHOD", "PUT").containsEntry("CONTENT_LENGTH", "");
        assertThat(requestBody(response)).isEqualTo(body);
    }

    /**
     * A filter before the servlet read the form's parameters, so the container consumed the body:
     * the application's read fails (400, and a warning naming the cause) instead of showing an
     * empty body under a Content-Length of 7. The same form without the filter arrives whole.
     */
    @Test
    void aBodyConsumedBeforeTheApplicationIsAnErrorNotAnEmptyBody() throws Exception {
        byte[] form = "a=1&b=2".getBytes(US_ASCII);
        String type = "application/x-www-form-urlencoded";
        HttpResponse<byte[]> consumed = send("POST", "/ctx/consumed/x", BodyPublishers.ofByteArray(form), type);
        assertThat(consumed.statusCode()).isEqualTo(400);
        assertThat(text(consumed)).isEqualTo("400 Bad Request\n");
        HttpResponse<byte[]> whole = send("POST", "/ctx/app/x", BodyPublishers.ofByteArray(form), type);
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(requestBody(whole)).isEqualTo(form);
    }

    @Test
    void initParamsSetAServletRegisteredByClass() throws Exception {
        byte[] sixteen = "0123456789abcdef".getBytes(US_ASCII);
        HttpResponse<byte[]> ok = send("POST", "/ctx/named/x", BodyPublishers.ofByteArray(sixteen), "text/plain");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(environ(ok)).containsEntry("SCRIPT_NAME", "/ctx/named");
        assertThat(requestBody(ok)).isEqualTo(sixteen);
        byte[] seventeen = "0123456789abcdefg".getBytes(US_ASCII);
        HttpResponse<byte[]> plain = send("POST", "/ctx/named/x", BodyPublishers.ofByteArray(seventeen), "text/plain");
        assertThat(plain.statusCode()).isEqualTo(413);
        assertThat(plain.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(text(plain)).isEqualTo("413 Content Too Large: the request body is over 16 bytes\n");
    }

    /** A client that reads JSON gets the refusal as an RFC 9457 problem body. */
    @Test
    void aRefusalIsAProblemBodyForAClientThatAcceptsJson() throws Exception {
        HttpResponse<byte[]> problem = this.client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/ctx/named/x"))
                        .timeout(Duration.ofSeconds(20))
                        .header("Content-Type", "application/json")
                        .header("Accept", "application/json")
                        .POST(BodyPublishers.ofByteArray(new byte[17]))
                        .build(),
                BodyHandlers.ofByteArray());
        assertThat(problem.statusCode()).isEqualTo(413);
        assertThat(problem.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(text(problem))
                .isEqualTo("{\"title\":\"Content Too Large\",\"status\":413,"
                        + "\"detail\":\"the request body is over 16 bytes\"}");
    }

    @Test
    void initParamsSetAServletGivenItsApplication() throws Exception {
        HttpResponse<byte[]> lax = get("/ctx/lax/");
        assertThat(lax.statusCode()).isEqualTo(200);
        assertThat(lax.headers().firstValue("X-Sloppy")).hasValue("yes");
        assertThat(get("/ctx/strict/").statusCode()).isEqualTo(500);
    }

    @Test
    void aClassThatCannotBeLoadedFailsItsServletAlone() throws Exception {
        assertThat(get("/ctx/missing/").statusCode()).isEqualTo(500);
        assertThat(get("/ctx/app/").statusCode()).isEqualTo(200);
    }

    // --- a streamed response ---

    @Test
    void responseIsStreamedChunkByChunk() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", this.port)) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream()
                    .write("GET /ctx/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                            .getBytes(US_ASCII));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream seen = new ByteArrayOutputStream();
            byte[] buffer = new byte[1024];
            while (!seen.toString(ISO_8859_1).contains("first chunk")) {
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                seen.write(buffer, 0, n);
            }
            // The application does not make its second chunk until the client has read the first.
            assertThat(seen.toString(ISO_8859_1)).contains("first chunk").doesNotContain("second chunk");
            this.firstChunkRead.countDown();
            in.transferTo(seen);
            String all = seen.toString(ISO_8859_1);
            assertThat(all).startsWith("HTTP/1.1 200");
            // No length was given: chunked (Tomcat), or delimited by the close (Jetty, as the
            // request asked to close the connection).
            assertThat(all.toLowerCase(Locale.ROOT)).doesNotContain("content-length:");
            assertThat(all).contains("second chunk").doesNotContain("late");
        }
    }

    private Application streaming() {
        return (environ, startResponse) -> {
            startResponse.start("200 OK", List.of(Header.of("Content-Type", "text/plain")));
            return () -> new Iterator<>() {
                private int made;

                @Override
                public boolean hasNext() {
                    return this.made < 2;
                }

                @Override
                public byte[] next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    this.made++;
                    if (this.made == 1) {
                        return "first chunk\n".getBytes(US_ASCII);
                    }
                    boolean read;
                    try {
                        read = JwsgiServletContainerTests.this.firstChunkRead.await(20, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        read = false;
                    }
                    return (read ? "second chunk\n" : "late: the client did not get the first chunk\n")
                            .getBytes(US_ASCII);
                }
            };
        };
    }

    // --- the WAR ---

    @Test
    void warRunsApplicationsNamedByClassSupplierAndFactoryOnItsOwnJwsgiJars() throws Exception {
        String byClass = text(get("/war/greeting/"));
        assertThat(byClass).contains("made by constructor");
        assertThat(byClass).containsPattern("core from \\S*/WEB-INF/lib/jwsgi-core\\.jar");
        assertThat(byClass).containsPattern("servlet from \\S*/WEB-INF/lib/jwsgi-servlet\\.jar");
        assertThat(text(get("/war/supplied/"))).contains("made by supplier");
        assertThat(text(get("/war/factory/"))).contains("made by factory");
    }

    @Test
    void warMountsUnderItsContextPathWithItsInitParams() throws Exception {
        byte[] sixteen = "0123456789abcdef".getBytes(US_ASCII);
        HttpResponse<byte[]> ok =
                send("POST", "/war/echo/a%20b/", BodyPublishers.ofByteArray(sixteen), "text/plain; charset=utf-8");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(environ(ok))
                .containsEntry("SCRIPT_NAME", "/war/echo")
                .containsEntry("PATH_INFO", "/a b/")
                .containsEntry("CONTENT_TYPE", "text/plain; charset=utf-8")
                .containsEntry("CONTENT_LENGTH", "16");
        assertThat(requestBody(ok)).isEqualTo(sixteen);
        byte[] seventeen = "0123456789abcdefg".getBytes(US_ASCII);
        assertThat(send("POST", "/war/echo/", BodyPublishers.ofByteArray(seventeen), "text/plain")
                        .statusCode())
                .isEqualTo(413);
        assertThat(get("/war/validated/").statusCode()).isEqualTo(500);
    }

    @Test
    void errorDiagnosticsInitParamShowsTheFailure() throws Exception {
        HttpResponse<byte[]> diagnosed = get("/war/diagnosed/");
        assertThat(diagnosed.statusCode()).isEqualTo(500);
        assertThat(text(diagnosed))
                .contains("the failing application failed")
                // named as the web.xml that turned it on names it, not as the starter's property
                .contains("(shown because init-param error-diagnostics=true)")
                .doesNotContain("jwsgi.error-diagnostics");
        HttpResponse<byte[]> undiagnosed = get("/war/undiagnosed/");
        assertThat(undiagnosed.statusCode()).isEqualTo(500);
        assertThat(text(undiagnosed)).doesNotContain("the failing application failed");
    }

    @Test
    void chunkedBodyOverTheLimitFailsTheReadNamingTheInitParam() throws Exception {
        byte[] sixtyFour = new byte[64];
        HttpResponse<byte[]> response = send(
                "POST",
                "/war/limited/",
                BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(sixtyFour)),
                "application/octet-stream");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(text(response)).isEqualTo("request body is larger than init-param max-request-body (16 bytes)");
        HttpResponse<byte[]> within = send(
                "POST",
                "/war/limited/",
                BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[16])),
                "application/octet-stream");
        assertThat(text(within)).isEqualTo("read 16 bytes");
    }

    @Test
    void warServletWhoseApplicationCannotBeMadeFailsAlone() throws Exception {
        assertThat(get("/war/broken/").statusCode()).isEqualTo(500);
        assertThat(get("/war/greeting/").statusCode()).isEqualTo(200);
    }

    // --- destroy ---

    @Test
    void destroyClosesTheApplicationTheServletMadeAndNotOneItWasGiven() throws Exception {
        Closing given = new Closing();
        Closing.MADE.clear();
        try (EmbeddedContainer other = container(this.dir.resolve("other"))) {
            other.context("", (classes, context) -> {
                ServletRegistration.Dynamic made = context.addServlet("made", JwsgiServlet.class);
                made.setInitParameter("application", Closing.class.getName());
                made.setLoadOnStartup(1);
                made.addMapping("/made/*");
                context.addServlet("given", new JwsgiServlet(given)).addMapping("/given/*");
            });
            int otherPort = other.start();
            assertThat(get(otherPort, "/made/").statusCode()).isEqualTo(200);
            assertThat(get(otherPort, "/given/").statusCode()).isEqualTo(200);
            assertThat(Closing.MADE).hasSize(1);
            assertThat(Closing.MADE.peek().closed).isZero();
        }
        assertThat(Closing.MADE).hasSize(1);
        assertThat(Closing.MADE.peek().closed).isEqualTo(1);
        assertThat(given.closed).isZero();
    }

    /** An application that counts its closes; the instances its public constructor made are in {@link #MADE}. */
    public static final class Closing implements Application, AutoCloseable {
        static final ConcurrentLinkedQueue<Closing> MADE = new ConcurrentLinkedQueue<>();
        volatile int closed;

        public Closing() {
            MADE.add(this);
        }

        @Override
        public Iterable<byte[]> call(Map<String, Object> environ, io.jwsgi.StartResponse startResponse)
                throws Exception {
            startResponse.start("200 OK", List.of(Header.of("Content-Type", "text/plain")));
            return List.of("open\n".getBytes(US_ASCII));
        }

        @Override
        public void close() {
            this.closed++;
        }
    }

    // --- HTTP ---

    private HttpResponse<byte[]> get(String path) throws Exception {
        return get(this.port, path);
    }

    private HttpResponse<byte[]> get(int port, String path) throws Exception {
        return this.client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(20))
                        .build(),
                BodyHandlers.ofByteArray());
    }

    private HttpResponse<byte[]> send(String method, String path, BodyPublisher body, String contentType)
            throws Exception {
        return this.client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
                        .timeout(Duration.ofSeconds(20))
                        .header("Content-Type", contentType)
                        .method(method, body)
                        .build(),
                BodyHandlers.ofByteArray());
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), UTF_8);
    }

    /** The {@link Echo}'s environ lines. */
    private static Map<String, String> environ(HttpResponse<byte[]> response) {
        assertThat(response.statusCode()).as("status of %s", response.uri()).isEqualTo(200);
        String all = new String(response.body(), ISO_8859_1);
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : all.substring(0, all.indexOf("\n\n")).split("\n", -1)) {
            int eq = line.indexOf('=');
            env.put(line.substring(0, eq), line.substring(eq + 1));
        }
        assertThat(env.keySet()).containsExactlyElementsOf(Echo.KEYS);
        return env;
    }

    /** The {@link Echo}'s copy of the request body. */
    private static byte[] requestBody(HttpResponse<byte[]> response) {
        String all = new String(response.body(), ISO_8859_1);
        return all.substring(all.indexOf("\n\n") + 2).getBytes(ISO_8859_1);
    }
}
