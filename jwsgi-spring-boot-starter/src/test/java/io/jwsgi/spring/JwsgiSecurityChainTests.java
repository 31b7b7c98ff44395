package io.jwsgi.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jwsgi.Application;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.util.ClassUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Spring Security on the class path with a typical {@link SecurityFilterChain} (issue 14, part 1):
 * HTTP Basic, CSRF on for the MVC routes and off for the JWSGI mount, a part of the mount that
 * needs a login. On the real container of the execution ({@code security-test} on Tomcat, {@code
 * security-jetty-test} on Jetty: the other executions leave Spring Security off the class path), at
 * the root mount and at a prefix mount: every body of every kind reaches the application byte for
 * byte through Security's filters (which read parameters for CSRF and wrap the request), the
 * logged-in user arrives as {@code REMOTE_USER}, and the MVC routes keep their CSRF protection and
 * their form fields.
 */
class JwsgiSecurityChainTests {

    @ParameterizedTest(name = "mount {0}")
    @ValueSource(strings = {"/", "/app"})
    void everyBodyReachesTheApplicationThroughSpringSecurity(String mount) throws IOException {
        assumeTrue(
                ClassUtils.isPresent("org.springframework.security.web.SecurityFilterChain", null),
                "Spring Security is on the class path only in the security-test and security-jetty-test executions");
        try (TestServer server = TestServer.start(
                Secured.class,
                "jwsgi.path=" + mount,
                "jwsgi.max-request-body=" + JwsgiFilterChainTests.LIMIT + "B",
                "spring.mvc.hiddenmethod.filter.enabled=true")) {
            String base = mount.equals("/") ? "" : mount;
            int checked = JwsgiFilterChainTests.checkEveryBody(server.port, base, List.of());
            String basic = "Authorization: Basic "
                    + Base64.getEncoder().encodeToString("ann:secret".getBytes(StandardCharsets.ISO_8859_1));
            // a part of the mount that needs a login: the user reaches the environ
            JwsgiFilterChainTests.Exchange anonymous = JwsgiFilterChainTests.send(
                    server.port, "POST", base + "/private/x", "application/octet-stream", new byte[] {1}, false, false);
            assertThat(anonymous.status()).isEqualTo(401);
            for (String method : List.of("POST", "PUT", "PATCH")) {
                for (boolean chunked : List.of(false, true)) {
                    JwsgiFilterChainTests.Exchange loggedIn = JwsgiFilterChainTests.send(
                            server.port,
                            method,
                            base + "/private/x",
                            "application/x-www-form-urlencoded",
                            "a=1&_csrf=x".getBytes(StandardCharsets.ISO_8859_1),
                            chunked,
                            false,
                            List.of(basic));
                    assertThat(loggedIn.status()).isEqualTo(200);
                    Map<String, String> env = TestApps.parseEcho(loggedIn.body());
                    assertThat(env)
                            .containsEntry("REMOTE_USER", "ann")
                            .containsEntry("REQUEST_METHOD", method)
                            .containsEntry("body", "a=1&_csrf=x");
                    checked++;
                }
            }
            mvcRoutesKeepCsrfAndTheirForms(server.port, basic);
            System.out.println("security chain " + mount + ": " + checked + " requests byte for byte"
                    + (TestApps.onJetty() ? " (Jetty)" : " (Tomcat)"));
        }
    }

    /** A POST to an MVC route without the CSRF token is refused; with it, the form field arrives. */
    private static void mvcRoutesKeepCsrfAndTheirForms(int port, String basic) throws IOException {
        byte[] form = "a=b%20c".getBytes(StandardCharsets.ISO_8859_1);
        String type = "application/x-www-form-urlencoded";
        assertThat(JwsgiFilterChainTests.send(port, "POST", "/mvc/form", type, form, false, false, List.of(basic))
                        .status())
                .as("CSRF is on for MVC routes")
                .isEqualTo(403);
        String raw = new String(
                TestApps.raw(
                        port,
                        ("GET /mvc/token HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n" + basic + "\r\n\r\n")
                                .getBytes(StandardCharsets.ISO_8859_1)),
                StandardCharsets.ISO_8859_1);
        assertThat(raw).startsWith("HTTP/1.1 200");
        String cookie = raw.lines()
                .filter(l -> l.regionMatches(true, 0, "Set-Cookie:", 0, 11))
                .map(l -> l.substring(11).trim().split(";")[0])
                .findFirst()
                .orElseThrow();
        String[] token = raw.substring(raw.indexOf("\r\n\r\n") + 4).trim().split("=", 2);
        JwsgiFilterChainTests.Exchange ok = JwsgiFilterChainTests.send(
                port,
                "POST",
                "/mvc/form",
                type,
                form,
                false,
                false,
                List.of(basic, "Cookie: " + cookie, token[0] + ": " + token[1]));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(new String(ok.body(), StandardCharsets.UTF_8)).isEqualTo("a=b c");
    }

    /** The echo application, an MVC controller beside it, and a typical security configuration. */
    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class Secured {
        @Bean
        Application echo() {
            return TestApps.echo();
        }

        @Bean
        MvcRoutes mvcRoutes() {
            return new MvcRoutes();
        }

        @Bean
        InMemoryUserDetailsManager users() {
            return new InMemoryUserDetailsManager(User.withUsername("ann")
                    .password("{noop}secret")
                    .roles("USER")
                    .build());
        }

        @Bean
        SecurityFilterChain chain(HttpSecurity http, Environment environment) throws Exception {
            String mount = environment.getProperty("jwsgi.path", "/");
            String base = mount.equals("/") ? "" : mount;
            http.authorizeHttpRequests(requests -> requests.requestMatchers(
                                    request -> request.getRequestURI().startsWith("/mvc/"))
                            .authenticated()
                            .requestMatchers(request -> request.getRequestURI().startsWith(base + "/private/"))
                            .authenticated()
                            .anyRequest()
                            .permitAll())
                    .httpBasic(Customizer.withDefaults())
                    // CSRF on for Spring MVC's routes, off for the JWSGI application
                    .csrf(csrf -> csrf.ignoringRequestMatchers((HttpServletRequest request) ->
                            !request.getRequestURI().startsWith("/mvc/")));
            return http.build();
        }
    }

    @RestController
    static class MvcRoutes {
        @PostMapping("/mvc/form")
        String form(@RequestParam("a") String a) {
            return "a=" + a;
        }

        @GetMapping("/mvc/token")
        String token(CsrfToken token) {
            return token.getHeaderName() + "=" + token.getToken();
        }
    }
}
