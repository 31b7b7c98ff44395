package io.jwsgi.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwsgi.Application;
import jakarta.servlet.Filter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Every byte the client sent reaches the application whatever Spring's filter chain does (issue
 * 14, part 1), on the real container of the execution (Tomcat, and Jetty in {@code jetty-test}),
 * at the root mount (behind the DispatcherServlet) and at a prefix mount: Boot's default chain
 * (FormContentFilter, multipart resolution eager or lazy, or off), HiddenHttpMethodFilter, Actuator
 * with its observation filter, and a user filter that calls {@code getParameter}. Bodies of every
 * kind (form, multipart, octet-stream; empty, 1 byte, 64 KiB, at the limit, one past it, chunked,
 * non-UTF-8 bytes and malformed escapes, with {@code Expect: 100-continue}, cut halfway) under every
 * method. Spring MVC routes of the same application keep their form fields and bodies.
 */
class JwsgiFilterChainTests {

    static final int LIMIT = 100 * 1024;
    private static final String BOUNDARY = "jwsgiBoundary7MA4YWxkTrZu0gW";

    /** The configurations: a mount path and properties. */
    static Stream<Arguments> chains() {
        return Stream.of(
                Arguments.of("/", new String[] {"spring.mvc.hiddenmethod.filter.enabled=true"}),
                Arguments.of("/", new String[] {
                    "spring.servlet.multipart.resolve-lazily=true", "spring.servlet.multipart.max-file-size=1KB"
                }),
                Arguments.of("/app", new String[] {"spring.mvc.hiddenmethod.filter.enabled=true"}),
                Arguments.of("/app", new String[] {"spring.servlet.multipart.enabled=false"}));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("chains")
    void theApplicationSeesExactlyWhatTheClientSent(String mount, String[] properties) throws IOException {
        List<String> props = new ArrayList<>(Arrays.asList(properties));
        props.add("jwsgi.path=" + mount);
        props.add("jwsgi.max-request-body=" + LIMIT + "B");
        try (TestServer server = TestServer.start(Chain.class, props.toArray(String[]::new))) {
            String base = mount.equals("/") ? "" : mount;
            int checked = checkEveryBody(server.port, base, List.of());
            System.out.println("filter chain " + mount + " " + Arrays.toString(properties) + ": " + checked
                    + " requests byte for byte" + (TestApps.onJetty() ? " (Jetty)" : " (Tomcat)"));
            assertThat(Chain.USER_FILTER_SAW.get()).as("the user filter ran").isPositive();
            assertThat(server.context
                            .getBeansOfType(FilterRegistrationBean.class)
                            .values())
                    .as("Actuator's observation filter is in the chain")
                    .anySatisfy(registration -> assertThat(registration.getFilter())
                            .isInstanceOf(org.springframework.web.filter.ServerHttpObservationFilter.class));
            mvcRoutesKeepTheirBodies(server.port);
            aClientThatStopsHalfwayIsAnErrorNotATruncation(server.port, base);
        }
    }

    /**
     * Sends every method x type x payload x framing x expectation to {@code base/x} and checks that
     * the echo application saw exactly what the client sent (413 past the limit).
     *
     * @param extraHeaders whole header lines added to every request
     * @return the requests checked byte for byte
     */
    static int checkEveryBody(int port, String base, List<String> extraHeaders) throws IOException {
        SoftAssertions soft = new SoftAssertions();
        int checked = 0;
        for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
            for (String type : List.of("form", "multipart", "octets")) {
                for (byte[] payload : payloads()) {
                    for (boolean chunked : List.of(false, true)) {
                        for (boolean expect : List.of(false, true)) {
                            byte[] body = body(type, payload);
                            String target = base + "/x?_method=GET&q=1";
                            Exchange ex =
                                    send(port, method, target, contentType(type), body, chunked, expect, extraHeaders);
                            String what = method + " " + type + " " + payload.length + " bytes"
                                    + (chunked ? " chunked" : "") + (expect ? " expect" : "");
                            if (body.length > LIMIT) {
                                soft.assertThat(ex.status).as(what).isEqualTo(413);
                                continue;
                            }
                            soft.assertThat(ex.status).as(what).isEqualTo(200);
                            if (ex.status != 200) {
                                continue;
                            }
                            Map<String, String> env = TestApps.parseEcho(ex.body);
                            soft.assertThat(env.get("body"))
                                    .as(what + ": body bytes")
                                    .isEqualTo(new String(body, StandardCharsets.ISO_8859_1));
                            soft.assertThat(env.get("REQUEST_METHOD")).as(what).isEqualTo(method);
                            soft.assertThat(env.get("CONTENT_TYPE")).as(what).isEqualTo(contentType(type));
                            soft.assertThat(env.get("CONTENT_LENGTH"))
                                    .as(what)
                                    .isEqualTo(chunked ? "" : Integer.toString(body.length));
                            soft.assertThat(env.get("QUERY_STRING")).as(what).isEqualTo("_method=GET&q=1");
                            checked++;
                        }
                    }
                }
            }
        }
        soft.assertAll();
        return checked;
    }

    /** Spring MVC's own routes are not guarded: their form fields and bodies are as before. */
    private static void mvcRoutesKeepTheirBodies(int port) throws IOException {
        byte[] form = "a=b%20c".getBytes(StandardCharsets.ISO_8859_1);
        Exchange ex = send(port, "POST", "/mvc/form", contentType("form"), form, false, false);
        assertThat(ex.status).isEqualTo(200);
        assertThat(new String(ex.body, StandardCharsets.UTF_8)).isEqualTo("a=b c");
        ex = send(port, "POST", "/mvc/body", "application/octet-stream", new byte[] {1, 2, 3}, false, false);
        assertThat(ex.status).isEqualTo(200);
        assertThat(new String(ex.body, StandardCharsets.UTF_8)).isEqualTo("3 bytes");
    }

    /** The body ends before its Content-Length: the application's read fails, it never sees 200. */
    private static void aClientThatStopsHalfwayIsAnErrorNotATruncation(int port, String base) throws IOException {
        for (String type : List.of("form", "octets")) {
            String head = "POST " + base + "/x HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + contentType(type)
                    + "\r\nContent-Length: 1000\r\n\r\na=12345";
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(20_000);
                socket.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
                socket.shutdownOutput();
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                assertThat(answer).as(type + " cut halfway").doesNotStartWith("HTTP/1.1 200");
            } catch (IOException e) {
                // the container reset the connection: no silent truncation either
            }
        }
    }

    static List<byte[]> payloads() {
        byte[] big = new byte[64 * 1024];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31 + 7);
        }
        byte[] atLimit = new byte[LIMIT - 200]; // the multipart framing adds under 200 bytes
        Arrays.fill(atLimit, (byte) 'z');
        return List.of(
                new byte[0],
                new byte[] {'1'},
                "_method=PUT&a=%zz&b=\u00ff\u00fe%FF+x&_csrf=no".getBytes(StandardCharsets.ISO_8859_1),
                big,
                atLimit,
                new byte[LIMIT + 1]);
    }

    static String contentType(String type) {
        return switch (type) {
            case "form" -> "application/x-www-form-urlencoded";
            case "multipart" -> "multipart/form-data; boundary=" + BOUNDARY;
            default -> "application/octet-stream";
        };
    }

    /** The payload as the body of that type; at the limit, a multipart body is exactly LIMIT bytes. */
    static byte[] body(String type, byte[] payload) {
        if (!type.equals("multipart")) {
            return payload.length == LIMIT - 200 ? Arrays.copyOf(payload, LIMIT) : payload;
        }
        String head = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n";
        String tail = "\r\n--" + BOUNDARY + "--\r\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
        int size = payload.length == LIMIT - 200 ? LIMIT - head.length() - tail.length() : payload.length;
        out.writeBytes(Arrays.copyOf(payload, size));
        out.writeBytes(tail.getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    record Exchange(int status, byte[] body) {}

    /** One request on its own connection; an interim 100 Continue is skipped. */
    static Exchange send(
            int port, String method, String target, String type, byte[] body, boolean chunked, boolean expect)
            throws IOException {
        return send(port, method, target, type, body, chunked, expect, List.of());
    }

    static Exchange send(
            int port,
            String method,
            String target,
            String type,
            byte[] body,
            boolean chunked,
            boolean expect,
            List<String> extraHeaders)
            throws IOException {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        String head = method + " " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: "
                + type + "\r\n" + (expect ? "Expect: 100-continue\r\n" : "")
                + extraHeaders.stream().map(h -> h + "\r\n").collect(java.util.stream.Collectors.joining())
                + (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + body.length + "\r\n") + "\r\n";
        request.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
        if (chunked) {
            int half = body.length / 2;
            for (byte[] piece : List.of(Arrays.copyOf(body, half), Arrays.copyOfRange(body, half, body.length))) {
                if (piece.length > 0) {
                    request.writeBytes(
                            (Integer.toHexString(piece.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    request.writeBytes(piece);
                    request.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                }
            }
            request.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        } else {
            request.writeBytes(body);
        }
        byte[] answer;
        try {
            answer = TestApps.raw(port, request.toByteArray());
        } catch (IOException e) {
            return new Exchange(-1, new byte[0]); // reset after an early answer (413) while we sent
        }
        String text = new String(answer, StandardCharsets.ISO_8859_1);
        while (text.startsWith("HTTP/1.1 100")) {
            text = text.substring(text.indexOf("\r\n\r\n") + 4);
        }
        if (!text.startsWith("HTTP/1.1 ")) {
            return new Exchange(-1, answer);
        }
        int status = Integer.parseInt(text.substring(9, 12));
        String rest = text.substring(text.indexOf("\r\n\r\n") + 4);
        if (text.substring(0, text.indexOf("\r\n\r\n")).toLowerCase().contains("transfer-encoding: chunked")) {
            rest = TestApps.dechunk(rest);
        }
        return new Exchange(status, rest.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** The echo application, an MVC controller beside it, and a user filter that reads parameters. */
    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class Chain {
        static final java.util.concurrent.atomic.AtomicInteger USER_FILTER_SAW =
                new java.util.concurrent.atomic.AtomicInteger();

        @Bean
        Application echo() {
            return TestApps.echo();
        }

        @Bean
        FilterRegistrationBean<Filter> parameterReadingFilter() {
            FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
                request.getParameter("a");
                request.getParameterMap();
                USER_FILTER_SAW.incrementAndGet();
                chain.doFilter(request, response);
            });
            registration.setOrder(0);
            return registration;
        }

        @Bean
        MvcRoutes mvcRoutes() {
            return new MvcRoutes();
        }
    }

    @RestController
    static class MvcRoutes {
        @PostMapping("/mvc/form")
        String form(@RequestParam("a") String a) {
            return "a=" + a;
        }

        @PostMapping("/mvc/body")
        String body(@RequestBody byte[] body) {
            return body.length + " bytes";
        }
    }
}
