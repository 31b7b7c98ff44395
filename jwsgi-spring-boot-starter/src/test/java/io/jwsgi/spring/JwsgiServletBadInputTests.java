package io.jwsgi.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jwsgi.Application;
import io.jwsgi.Header;
import io.jwsgi.testfixtures.BadRequests;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The standalone server's bad-input suite ({@link BadRequests}) through the bridge on a real
 * Tomcat: Tomcat parses HTTP here. What Tomcat accepts reaches the application with a consistent
 * environ; what jwsgi itself refuses (the body limit, a body that fails while the application
 * reads it) gets the standalone server's status; and what Tomcat does differently from the
 * standalone server is pinned below, so a change in the container shows.
 */
class JwsgiServletBadInputTests {

    /**
     * Requests the standalone server refuses and Tomcat 11 hands to the application, which then
     * sees a consistent environ (docs/reliability.md discusses each group).
     */
    private static final Set<String> ACCEPTED_BY_TOMCAT = Set.of(
            // Content-Length with Transfer-Encoding: Tomcat uses chunked and closes afterwards (RFC 9112 6.3 allows it)
            "cl_and_te",
            "te_and_cl",
            // chunked on HTTP/1.0: processed, then the connection is closed (RFC 9112 6.1 allows it)
            "te_http10",
            // an empty list element before chunked; obs-fold in Transfer-Encoding (unfolded)
            "te_empty_coding",
            "te_obs_fold",
            // Tomcat's chunk-size line limit is larger than 4096 bytes
            "chunk_line_too_long",
            // framing fields and obs-fold in trailers are not refused
            "trailer_content_length",
            "trailer_transfer_encoding",
            "trailer_host",
            "trailer_obs_fold",
            // bare LF line endings are accepted
            "bare_lf_request_line",
            "bare_lf_header",
            "bare_lf_everywhere",
            // any token is a method (no case or length rule); runs of SP/HTAB between request-line parts
            "method_lowercase",
            "method_too_short",
            "method_21_chars",
            "method_5000_chars",
            "request_line_double_space",
            "request_line_tab",
            // no version: answered as HTTP/0.9 (no status line)
            "request_line_no_version");

    /** Framing variants the standalone server accepts and Tomcat refuses. */
    private static final Set<String> REFUSED_BY_TOMCAT_ONLY = Set.of(
            "te_identity_with_cl", // 501: identity is not a coding Tomcat knows
            "chunk_extensions_ok"); // 400 while the app reads: a quoted-pair in a chunk extension

    /** Requests Tomcat answers without an HTTP/1.x status line (-1: closed; -2: silent for 5 s). */
    private static final Map<String, Integer> NO_STATUS_LINE = Map.of(
            "request_line_no_version", -1,
            "version_lowercase", -1,
            "version_trailing_junk", -1);

    private static final Map<String, Map<String, String>> SEEN = new ConcurrentHashMap<>();

    @Test
    void tomcatAndTheBridgeHandleEveryBadRequestAsPinned() throws IOException {
        assumeTrue(!TestApps.onJetty(), "pinned for Tomcat");
        List<String[]> table = new ArrayList<>();
        Set<String> accepted = new TreeSet<>();
        Set<String> refusedOnly = new TreeSet<>();
        Set<String> smuggled = new TreeSet<>();
        SoftAssertions soft = new SoftAssertions();
        try (TestServer server =
                TestServer.start(Recorder.class, "jwsgi.max-request-body=" + BadRequests.MAX_BODY_BYTES + "B")) {
            for (BadRequests.Case c : BadRequests.load()) {
                String name = c.name();
                int standalone = c.status();
                String expectedBody = c.body();
                SEEN.clear();
                String request = c.request();
                List<Integer> statuses = exchange(server.port, request + BadRequests.SMUGGLED);
                Map<String, String> first = SEEN.get("/a");
                boolean smuggledServed = SEEN.containsKey("/smuggled");
                int status = statuses.isEmpty() ? -1 : statuses.get(0);
                table.add(new String[] {
                    name,
                    Integer.toString(standalone),
                    Integer.toString(status),
                    first == null
                            ? "-"
                            : first.containsKey("error") ? "app, read failed: " + first.get("error") : "app",
                    smuggledServed ? "served" : "-"
                });
                if (standalone == 200) {
                    if (first == null || first.containsKey("error")) {
                        refusedOnly.add(name);
                        soft.assertThat(status)
                                .as("%s: refused by Tomcat", name)
                                .isBetween(400, 599);
                    } else {
                        soft.assertThat(status).as(name).isEqualTo(200);
                        soft.assertThat(first.get("body")).as(name).isEqualTo(expectedBody);
                    }
                    continue;
                }
                if (smuggledServed && (first == null || first.containsKey("error"))) {
                    smuggled.add(name);
                }
                if (status < 0) {
                    soft.assertThat(NO_STATUS_LINE.get(name))
                            .as("%s: no status line", name)
                            .isEqualTo(status);
                    if (first != null) {
                        accepted.add(name);
                    }
                    continue;
                }
                if (first == null) {
                    soft.assertThat(status)
                            .as("%s: refused by Tomcat or jwsgi", name)
                            .isBetween(400, 599);
                    if (standalone == 413) {
                        soft.assertThat(status)
                                .as("%s: the bridge's body limit", name)
                                .isEqualTo(413);
                    }
                } else if (first.containsKey("error")) {
                    soft.assertThat(status)
                            .as("%s: body failure while the application read (%s)", name, first.get("error"))
                            .isEqualTo(standalone == 413 ? 413 : 400);
                } else {
                    accepted.add(name);
                    assertConsistentEnviron(soft, name, first, request.split("[ \t]", 2)[0]);
                }
            }
        }
        StringBuilder report = new StringBuilder("case | standalone | Tomcat+bridge | app ran | pipelined request\n");
        for (String[] row : table) {
            report.append(String.join(" | ", row)).append('\n');
        }
        System.out.println("bad input through the bridge on Tomcat:\n" + report);
        soft.assertAll();
        assertThat(accepted).as("refused standalone, accepted by Tomcat").isEqualTo(new TreeSet<>(ACCEPTED_BY_TOMCAT));
        assertThat(refusedOnly)
                .as("accepted standalone, refused by Tomcat")
                .isEqualTo(new TreeSet<>(REFUSED_BY_TOMCAT_ONLY));
        assertThat(smuggled).as("pipelined request served after a refused one").isEmpty();
    }

    /** What the application saw of a request Tomcat accepted must be self-consistent. */
    private static void assertConsistentEnviron(
            SoftAssertions soft, String name, Map<String, String> env, String method) {
        soft.assertThat(env.get("PATH_INFO")).as(name).isEqualTo("/a");
        soft.assertThat(env.get("REQUEST_METHOD")).as(name).isEqualTo(method);
        String length = env.get("CONTENT_LENGTH");
        if (length != null && !length.isEmpty()) {
            soft.assertThat(Integer.parseInt(length))
                    .as("%s: CONTENT_LENGTH against the body read", name)
                    .isEqualTo(env.get("body").length());
        }
    }

    /** Sends the bytes and returns the status of each response until the connection ends or is silent for 5 s. */
    private static List<Integer> exchange(int port, String raw) throws IOException {
        List<Integer> statuses = new ArrayList<>();
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5_000);
            try {
                s.getOutputStream().write(raw.getBytes(StandardCharsets.ISO_8859_1));
            } catch (IOException e) {
                // refused early; read the answer
            }
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[8192];
            boolean silent = false;
            try {
                for (int n; (n = in.read(buf)) > 0; ) {
                    got.write(buf, 0, n);
                }
            } catch (SocketTimeoutException e) {
                silent = true;
            } catch (java.net.SocketException e) {
                // reset: what arrived is all there is
            }
            Matcher m = Pattern.compile("HTTP/1\\.[01] (\\d{3})").matcher(got.toString(StandardCharsets.ISO_8859_1));
            while (m.find()) {
                statuses.add(Integer.parseInt(m.group(1)));
            }
            if (statuses.isEmpty()) {
                statuses.add(silent ? -2 : -1);
            }
        }
        return statuses;
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class Recorder {
        @Bean
        Application recorder() {
            return (environ, startResponse) -> {
                Map<String, String> seen = new TreeMap<>();
                for (String key : List.of("PATH_INFO", "REQUEST_METHOD", "CONTENT_LENGTH")) {
                    seen.put(key, String.valueOf(environ.getOrDefault(key, "")));
                }
                SEEN.put(seen.get("PATH_INFO"), seen);
                byte[] body;
                try {
                    body = ((InputStream) environ.get("wsgi.input")).readAllBytes();
                } catch (IOException e) {
                    seen.put("error", e.getClass().getSimpleName() + ": " + e.getMessage());
                    throw e;
                }
                seen.put("body", new String(body, StandardCharsets.ISO_8859_1));
                startResponse.start("200 OK", List.of(Header.of("Content-Type", "application/octet-stream")));
                return List.of(body);
            };
        }
    }
}
