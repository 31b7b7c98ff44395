package io.jwsgi.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwsgi.Application;
import jakarta.servlet.Filter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * A user filter ordered {@code HIGHEST_PRECEDENCE}, like the body guard, that reads a form's
 * parameters. Ties are in no defined order: if the guard runs first, the application gets the
 * form byte for byte; if the user's filter runs first, the container consumes the body before the
 * guard sees it. Then {@code wsgi.input} must not pass the body off as empty: the application's
 * read fails, the answer is 400 and a warning says why. Either way the application never answers
 * 200 with a body other than the one the client sent. At startup a warning names the filter and
 * the fix ({@link JwsgiFilterOrderCheck}); with the fix, one order later, the form arrives whole.
 */
@ExtendWith(OutputCaptureExtension.class)
class JwsgiFirstFilterTests {

    @ParameterizedTest(name = "mount {0}")
    @ValueSource(strings = {"/", "/app"})
    void aFormReadByAFilterBeforeTheGuardIsNeverAnEmptyBody(String mount, CapturedOutput output) throws IOException {
        First.SAW.set(0);
        try (TestServer server = TestServer.start(First.class, "jwsgi.path=" + mount)) {
            String base = mount.equals("/") ? "" : mount;
            String form = "a=1&b=2&c=3";
            String answer = new String(
                    TestApps.raw(
                            server.port,
                            ("POST " + base + "/x HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                                            + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: "
                                            + form.length() + "\r\n\r\n" + form)
                                    .getBytes(StandardCharsets.ISO_8859_1)),
                    StandardCharsets.ISO_8859_1);
            assertThat(First.SAW.get()).as("the user's filter ran").isEqualTo(1);
            assertThat(output)
                    .as("the startup warning names the filter and the fix")
                    .contains("Filter firstParameterReadingFilter runs before jwsgiBodyGuardFilter")
                    .contains("setOrder(Ordered.HIGHEST_PRECEDENCE + 1)");
            if (answer.startsWith("HTTP/1.1 200 ")) {
                assertThat(TestApps.parseEcho(answer.substring(answer.indexOf("\r\n\r\n") + 4)
                                        .getBytes(StandardCharsets.ISO_8859_1))
                                .get("body"))
                        .isEqualTo(form);
                System.out.println("first filter, mount " + mount + ": the guard ran first; the form arrived whole");
            } else {
                assertThat(answer).startsWith("HTTP/1.1 400 ");
                assertThat(output).contains("the request body ended after 0 of the 11 bytes of its Content-Length");
                System.out.println("first filter, mount " + mount + ": the user's filter ran first; 400 and a warning");
            }
        }
    }

    /** The fix the warning names: the same filter one order later sees the guard's view, and the form arrives whole. */
    @Test
    void theSameFilterOneOrderLaterLeavesTheBodyWhole(CapturedOutput output) throws IOException {
        First.SAW.set(0);
        try (TestServer server = TestServer.start(Later.class, "jwsgi.path=/app")) {
            String form = "a=1&b=2&c=3";
            Map<String, String> echo = TestApps.rawEcho(
                    server.port,
                    "POST /app/x HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                            + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: "
                            + form.length() + "\r\n\r\n" + form);
            assertThat(First.SAW.get()).as("the user's filter ran").isEqualTo(1);
            assertThat(echo).containsEntry("body", form).containsEntry("CONTENT_LENGTH", "11");
            assertThat(output).doesNotContain("before jwsgiBodyGuardFilter");
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class Later {
        @Bean
        Application echo() {
            return TestApps.echo();
        }

        @Bean
        FilterRegistrationBean<Filter> laterParameterReadingFilter() {
            FilterRegistrationBean<Filter> registration = First.parameterReading();
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
            return registration;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class First {
        static final AtomicInteger SAW = new AtomicInteger();

        @Bean
        Application echo() {
            return TestApps.echo();
        }

        @Bean
        FilterRegistrationBean<Filter> firstParameterReadingFilter() {
            FilterRegistrationBean<Filter> registration = parameterReading();
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            return registration;
        }

        /** A filter that reads the parameter {@code a} of every POST. */
        static FilterRegistrationBean<Filter> parameterReading() {
            return new FilterRegistrationBean<>((request, response, chain) -> {
                if ("POST".equals(((jakarta.servlet.http.HttpServletRequest) request).getMethod())) {
                    SAW.incrementAndGet();
                    request.getParameter("a");
                }
                chain.doFilter(request, response);
            });
        }
    }
}
