package io.jwsgi.python.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jwsgi.python.spring.HttpExchange.Request;
import io.jwsgi.python.spring.HttpExchange.Response;
import io.jwsgi.testfixtures.PythonProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * A real Flask application (Debian's python3-flask) and a plain WSGI application mounted in Spring
 * Boot on embedded Tomcat by {@code application-pyflask.yml} alone (no Java code names them),
 * behind Spring Boot's default filter chain and jwsgi's validator, compared request by request
 * with the same applications under CPython's {@code wsgiref.simple_server}: same status, headers
 * (less Date, Server and the connection's framing) and body bytes.
 */
@SpringBootTest(classes = FlaskOnSpringBootTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("pyflask")
class FlaskOnSpringBootTest {

    private static CpythonServer cpython;

    @LocalServerPort
    private int port;

    @Autowired
    private List<PythonApplicationBean> pythonApps;

    @BeforeAll
    static void startCpython() throws Exception {
        assumeTrue(
                CpythonServer.flaskInstalled(),
                "Debian's python3-flask is not installed in /usr/lib/python3/dist-packages: skipping the Flask"
                        + " tests (apt-get install python3-flask)");
        assumeTrue(PythonProcess.available(), "no python3 on the PATH: skipping the comparison with CPython");
        cpython = CpythonServer.start("/=flask_routes:app", "/wsgi=wsgi_hello:app");
    }

    @AfterAll
    static void stopCpython() throws Exception {
        if (cpython != null) {
            cpython.close();
        }
    }

    /** One scenario, in order: the cookie jar carries the session from login to logout. */
    static List<Request> flaskRequests() {
        String form = "application/x-www-form-urlencoded";
        return List.of(
                Request.get("/"),
                Request.get("/?q=caf%C3%A9%20%3Cb%3E&q=2"),
                Request.of("HEAD", "/"),
                Request.get("/form"),
                Request.post("/form", form, "name=J%C3%BCrgen+%26+co&tag=a&tag=b"),
                Request.post(
                        "/form",
                        "multipart/form-data; boundary=XyZ",
                        "--XyZ\r\n"
                                + "Content-Disposition: form-data; name=\"name\"\r\n\r\nAda\r\n"
                                + "--XyZ\r\nContent-Disposition: form-data; name=\"tag\"\r\n\r\nb\r\n--XyZ--\r\n"),
                Request.post(
                        "/api/echo",
                        "application/json",
                        "{\"a\": [1, 2, {\"b\": null}], \"s\": \"h\u00e9llo \u2603\", \"n\": 1.5}"),
                Request.post("/api/echo", "application/json", "{not json"),
                Request.get("/api/items/42"),
                Request.get("/api/items/forty-two"),
                Request.get("/me"),
                Request.post("/login", form, "user=ada"),
                Request.get("/me"),
                Request.get("/me"),
                Request.post("/logout", form, ""),
                Request.get("/me"),
                Request.get("/old"),
                Request.get("/stream?who=tomcat"),
                Request.get("/download"),
                Request.get("/no/such/page"),
                Request.get("/only-post"),
                Request.of("DELETE", "/api/items/1"),
                Request.get("/refuse"),
                Request.get("/crash"),
                Request.get("/json"),
                Request.get("/template"));
    }

    static List<Request> plainWsgiRequests() {
        return List.of(
                Request.get("/wsgi"),
                Request.get("/wsgi/"),
                Request.get("/wsgi/a/b%20c?x=1&y=%C3%A9"),
                Request.post("/wsgi/echo", "text/plain; charset=utf-8", "h\u00e9llo body")
                        .header("X-Custom", "v 1"),
                Request.of("PUT", "/wsgi/put"),
                Request.get("/wsgi/stream"),
                Request.get("/wsgi/missing"));
    }

    @Test
    void flaskAnswersAsUnderCpythonsWsgiref() throws Exception {
        List<String> differences = compare(flaskRequests());
        assertThat(differences).isEmpty();
    }

    @Test
    void aPlainWsgiApplicationAnswersAsUnderCpythonsWsgiref() throws Exception {
        List<String> differences = compare(plainWsgiRequests());
        assertThat(differences).isEmpty();
    }

    /** Sends each request to both servers, in order, and lists every difference. */
    private List<String> compare(List<Request> requests) throws Exception {
        HttpExchange jwsgi = new HttpExchange(this.port);
        HttpExchange wsgiref = new HttpExchange(cpython.port);
        List<String> differences = new ArrayList<>();
        int compared = 0;
        for (Request request : requests) {
            Response expected = wsgiref.send(request);
            Response actual = jwsgi.send(request);
            compared++;
            if (expected.status() != actual.status()) {
                differences.add(request + ": status " + actual.status() + ", wsgiref " + expected.status());
            }
            if (!expected.headers().equals(actual.headers())) {
                differences.add(
                        request + ": headers\n  jwsgi   " + actual.headers() + "\n  wsgiref " + expected.headers());
            }
            if (!expected.body().equals(actual.body())) {
                differences.add(request + ": body\n  jwsgi   " + actual.body() + "\n  wsgiref " + expected.body());
            }
        }
        assertThat(compared).isEqualTo(requests.size());
        return differences;
    }

    @Test
    void thePythonStatusesCoverWhatTheRoutesAreFor() throws Exception {
        HttpExchange jwsgi = new HttpExchange(this.port);
        List<Integer> statuses = new ArrayList<>();
        for (Request request : flaskRequests()) {
            statuses.add(jwsgi.send(request).status());
        }
        // the comparison above would pass on two servers that both fail: pin what the app answers
        assertThat(statuses)
                .containsExactly(
                        200, 200, 200, 200, 200, 200, 200, 400, 200, 404, 401, 302, 200, 200, 200, 401, 301, 200, 200,
                        404, 405, 405, 422, 500, 200, 200);
    }

    @Test
    void theActuatorEndpointListsThePythonApplicationsLikeJavaOnes() throws Exception {
        HttpResponse<String> response = get("/actuator/jwsgi");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("{\"name\":\"flask\",\"path\":\"/\",\"servlet\":\"jwsgi-flask\","
                        + "\"application\":\"io.jwsgi.python.spring.PythonApplicationBean\",\"validated\":true")
                .contains("{\"name\":\"hello\",\"path\":\"/wsgi\",\"servlet\":\"jwsgi-hello\"");
    }

    @Test
    void requestsAreTimedAndThePoolIsMeasured() throws Exception {
        assertThat(new HttpExchange(this.port).send(Request.get("/json")).status())
                .isEqualTo(200);
        HttpResponse<String> timer = get("/actuator/metrics/jwsgi.requests?tag=app:flask&tag=status:200");
        assertThat(timer.statusCode()).isEqualTo(200);
        assertThat(timer.body()).contains("\"statistic\":\"COUNT\"");
        // the response is read; the server releases the Context when it closes the result, just after
        HttpResponse<String> idle = get("/actuator/metrics/jwsgi.python.contexts?tag=app:flask&tag=state:idle");
        for (int i = 0; i < 100 && !idle.body().contains("\"value\":2.0"); i++) {
            Thread.sleep(100);
            idle = get("/actuator/metrics/jwsgi.python.contexts?tag=app:flask&tag=state:idle");
        }
        assertThat(idle.statusCode()).isEqualTo(200);
        assertThat(idle.body()).contains("\"value\":2.0");
        HttpResponse<String> rejected = get("/actuator/metrics/jwsgi.python.rejected?tag=app:hello");
        assertThat(rejected.statusCode()).isEqualTo(200);
        assertThat(rejected.body()).contains("\"value\":0.0");
        // validate: true, and neither application broke the contract
        assertThat(get("/actuator/metrics/jwsgi.validator.violations").statusCode())
                .isEqualTo(404);
    }

    @Test
    void theApplicationsAreReadyWithTheConfiguredPools() throws Exception {
        assertThat(get("/actuator/health/readiness").body()).contains("\"status\":\"UP\"");
        assertThat(this.pythonApps)
                .extracting(PythonApplicationBean::name, PythonApplicationBean::app, PythonApplicationBean::contexts)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("flask", "flask_routes:app", 2),
                        org.assertj.core.groups.Tuple.tuple("hello", "wsgi_hello:app", 1));
        assertThat(this.pythonApps).allMatch(PythonApplicationBean::isReady);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** A Spring Boot application with no beans of its own: the YAML mounts the Python apps. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {}
}
