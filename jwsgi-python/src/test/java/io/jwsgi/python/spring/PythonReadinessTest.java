package io.jwsgi.python.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * While the Python application imports, Spring Boot's web server answers, liveness is UP,
 * readiness is DOWN and the mount answers 503; once imported, readiness turns UP and the mount
 * serves. An import that fails fails the start with the Python traceback. Real Spring Boot
 * applications on embedded Tomcat, real GraalPy imports.
 */
@ExtendWith(OutputCaptureExtension.class)
class PythonReadinessTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @Test
    void readinessIsDownUntilTheApplicationIsImported(@TempDir Path dir) throws Exception {
        Path gate = dir.resolve("gate");
        Files.writeString(dir.resolve("gated_app.py"), """
                import os, time

                deadline = time.monotonic() + 120
                while not os.path.exists(%s):  # the test opens the gate
                    if time.monotonic() > deadline:
                        raise RuntimeError("the gate never opened")
                    time.sleep(0.02)


                def app(environ, start_response):
                    start_response("200 OK", [("Content-Type", "text/plain")])
                    return [b"imported\\n"]
                """.formatted(pythonString(gate.toString())));
        CompletableFuture<Integer> port = new CompletableFuture<>();
        List<ReadinessState> readiness = new CopyOnWriteArrayList<>();
        SpringApplicationBuilder builder = new SpringApplicationBuilder(Empty.class)
                .properties(
                        "server.port=0",
                        "server.address=127.0.0.1",
                        "jwsgi.apps.gated.path=/gated",
                        "jwsgi.apps.gated.python.app=gated_app:app",
                        "jwsgi.apps.gated.python.path=" + dir,
                        "jwsgi.apps.gated.python.contexts=2",
                        "management.endpoint.health.probes.enabled=true",
                        "management.endpoints.web.exposure.include=health")
                .listeners(event -> {
                    if (event instanceof WebServerInitializedEvent initialized) {
                        port.complete(initialized.getWebServer().getPort());
                    } else if (event instanceof AvailabilityChangeEvent<?> change
                            && change.getState() instanceof ReadinessState state) {
                        readiness.add(state);
                    }
                });
        CompletableFuture<ConfigurableApplicationContext> started = CompletableFuture.supplyAsync(() -> builder.run());
        try {
            int p = port.get(120, TimeUnit.SECONDS);
            // the server listens while Python imports (the gate is shut)
            HttpResponse<String> ready = get(p, "/actuator/health/readiness");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains("OUT_OF_SERVICE");
            HttpResponse<String> live = get(p, "/actuator/health/liveness");
            assertThat(live.statusCode()).isEqualTo(200);
            assertThat(live.body()).contains("UP");
            HttpResponse<String> app = get(p, "/gated/");
            assertThat(app.statusCode()).isEqualTo(503);
            assertThat(app.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(app.body()).contains("starting");
            assertThat(readiness).doesNotContain(ReadinessState.ACCEPTING_TRAFFIC);
            assertThat(started).isNotDone();

            Files.writeString(gate, "open");
            try (ConfigurableApplicationContext context = started.get(180, TimeUnit.SECONDS)) {
                assertThat(readiness).endsWith(ReadinessState.ACCEPTING_TRAFFIC);
                HttpResponse<String> nowReady = get(p, "/actuator/health/readiness");
                assertThat(nowReady.statusCode()).isEqualTo(200);
                assertThat(nowReady.body()).contains("UP");
                HttpResponse<String> served = get(p, "/gated/");
                assertThat(served.statusCode()).isEqualTo(200);
                assertThat(served.body()).isEqualTo("imported\n");
                PythonApplicationBean bean = context.getBean("gated", PythonApplicationBean.class);
                assertThat(bean.isReady()).isTrue();
                assertThat(bean.contexts()).isEqualTo(2);
                assertThat(bean.importMillis()).isPositive();
            }
        } finally {
            if (!Files.exists(gate)) {
                Files.writeString(gate, "open"); // let the import end whatever failed above
            }
            started.handle((context, failure) -> {
                if (context != null) {
                    context.close();
                }
                return null;
            });
        }
    }

    @Test
    void anImportThatFailsFailsTheStartWithThePythonTraceback(@TempDir Path dir, CapturedOutput output)
            throws Exception {
        Files.writeString(
                dir.resolve("broken_app.py"), "import json\n\ndef app(environ, start_response):\n    return [\n");
        SpringApplicationBuilder builder = new SpringApplicationBuilder(Empty.class)
                .properties(
                        "server.port=0",
                        "server.address=127.0.0.1",
                        "jwsgi.apps.broken.python.app=broken_app:app",
                        "jwsgi.apps.broken.python.path=" + dir,
                        "jwsgi.apps.broken.python.contexts=1");
        assertThatThrownBy(builder::run)
                .hasRootCauseInstanceOf(io.jwsgi.python.PythonException.class)
                .hasStackTraceContaining("jwsgi.apps.broken.python.app=broken_app:app");
        assertThat(output.toString())
                .contains("APPLICATION FAILED TO START")
                .contains("The Python application 'broken' (jwsgi.apps.broken.python.app=broken_app:app) failed")
                .contains("Traceback (most recent call last):")
                .contains("broken_app.py")
                .contains("SyntaxError")
                .contains("jwsgi.apps.broken.python.path [" + dir + "]");
    }

    @Test
    void aMissingModuleIsNamedInTheFailure(CapturedOutput output) {
        SpringApplicationBuilder builder = new SpringApplicationBuilder(Empty.class)
                .properties(
                        "server.port=0",
                        "server.address=127.0.0.1",
                        "jwsgi.apps.lost.python.app=no_such_module:app",
                        "jwsgi.apps.lost.python.contexts=1");
        assertThatThrownBy(builder::run).hasRootCauseInstanceOf(io.jwsgi.python.PythonException.class);
        assertThat(output.toString())
                .contains("APPLICATION FAILED TO START")
                .contains("ModuleNotFoundError: No module named 'no_such_module'");
    }

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    JwsgiPythonAutoConfiguration.class, io.jwsgi.spring.JwsgiAutoConfiguration.class));

    @Test
    void aPythonBlockWithoutAnAppIsRefusedByName() {
        this.runner
                .withPropertyValues("jwsgi.apps.shop.python.contexts=2")
                .run(context -> assertThat(context)
                        .getFailure()
                        .hasStackTraceContaining("jwsgi.apps.shop.python.app is not set"));
    }

    @Test
    void aPythonApplicationMayNotTakeTheNameOfAnotherBean() {
        this.runner
                .withBean("shop", String.class, () -> "a bean of the user's")
                .withPropertyValues("jwsgi.apps.shop.python.app=shop:app")
                .run(context ->
                        assertThat(context).getFailure().hasStackTraceContaining("a bean named 'shop' already exists"));
    }

    @Test
    void entriesWithoutAPythonBlockAreLeftToTheStarter() {
        this.runner
                .withBean("shop", io.jwsgi.Application.class, () -> (environ, startResponse) -> List.of())
                .withPropertyValues("jwsgi.apps.shop.path=/shop")
                .run(context -> assertThat(context)
                        .hasNotFailed()
                        .doesNotHaveBean(PythonApplicationBean.class)
                        .hasBean("jwsgiServletRegistrations"));
    }

    @Test
    void nothingIsRegisteredWhenTheStarterIsSwitchedOff() {
        this.runner
                .withPropertyValues("jwsgi.enabled=false", "jwsgi.apps.shop.python.app=shop:app")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(PythonApplicationBean.class));
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return CLIENT.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String pythonString(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** A Spring Boot application with no beans of its own. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Empty {

        @Bean
        String marker() {
            return "no Java application here";
        }
    }
}
