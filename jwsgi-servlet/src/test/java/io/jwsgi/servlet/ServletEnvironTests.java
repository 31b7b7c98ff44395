package io.jwsgi.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.MappingMatch;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.web.MockHttpServletMapping;
import org.springframework.mock.web.MockHttpServletRequest;

class ServletEnvironTests {

    @Test
    void headersBecomeTheSameVariablesAsBeforeTheEnvironWasBuiltInPlace() {
        MockHttpServletRequest plain = request("/app/caf%C3%A9/x", "");
        addTrickyHeaders(plain);
        assertSameAsReference(plain);

        MockHttpServletRequest authenticated = request("/ctx/app/a%2Fb", "/ctx");
        addTrickyHeaders(authenticated);
        authenticated.setRemoteUser("alice");
        authenticated.setAuthType("BASIC");
        authenticated.setSecure(true);
        authenticated.setContentType("application/json");
        authenticated.addHeader("Content-Length", "12");
        authenticated.setQueryString("q=%C3%A9&x");
        assertSameAsReference(authenticated);
    }

    private static MockHttpServletRequest request(String uri, String context) {
        MockHttpServletRequest r = new MockHttpServletRequest("GET", uri);
        r.setContextPath(context);
        r.setServletPath("/app");
        r.setHttpServletMapping(new MockHttpServletMapping("x", "/app/*", "jwsgi", MappingMatch.PATH));
        r.setProtocol("HTTP/1.1");
        r.setRemoteAddr("192.0.2.10");
        r.setRemoteHost("client.example");
        r.setRemotePort(50123);
        r.setLocalAddr("127.0.0.1");
        r.setLocalPort(8080);
        return r;
    }

    private static void addTrickyHeaders(MockHttpServletRequest r) {
        r.addHeader("Host", "www.example.org");
        r.addHeader("Http-Host", "aliased"); // HTTP_HTTP_HOST, not HTTP_HOST
        r.addHeader("Script-Name", "/evil"); // its CGI name is taken
        r.addHeader("Remote-User", "mallory"); // taken only when the container set REMOTE_USER
        r.addHeader("Https", "on"); // taken only for a secure request
        r.addHeader("X_Forwarded_For", "6.6.6.6"); // dropped: '_'
        r.addHeader("x-lower-case", "v");
        r.addHeader("X-Multi", " a ");
        r.addHeader("X-Multi", "");
        r.addHeader("X-Multi", "b");
        r.addHeader("X-Blank-First", "");
        r.addHeader("X-Blank-First", "second");
        r.addHeader("X-Empty", "");
        r.addHeader("X-Nbsp", "\u00a0\u0085 kept\u00a0inside \u00a0"); // Python strips NEL and NBSP
        r.addHeader("X-Caf\u00e9", "latin-1 name");
        r.addHeader("\u00dfeta", "upper case is longer");
        r.addHeader("\u00ff-Y", "upper case is above U+00FF");
        r.addHeader("\u00e9_e", "dropped: '_' after a non-ASCII char");
        r.addHeader("Accept", "text/html");
    }

    private static void assertSameAsReference(HttpServletRequest request) {
        Map<String, String> expected = referenceCgiVariables(request);
        assertThat(ServletEnviron.cgiVariables(request)).isEqualTo(expected);
        Map<String, Object> environ = new HashMap<>();
        ServletEnviron.putCgiVariables(request, environ);
        assertThat(environ).isEqualTo(expected);
    }

    /**
     * The CGI variables as the starter built them before it put them straight into the environ,
     * with wsgiref's rule for field values (strip as Python does, an empty repeat keeps its comma).
     */
    private static Map<String, String> referenceCgiVariables(HttpServletRequest request) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SERVER_NAME", ServletEnviron.cgiVariables(request).get("SERVER_NAME")); // resolved once
        env.put("GATEWAY_INTERFACE", "CGI/1.1");
        env.put("SERVER_PORT", Integer.toString(request.getLocalPort()));
        String host = request.getRemoteHost();
        env.put("REMOTE_HOST", host == null || host.equals(request.getRemoteAddr()) ? "" : host);
        env.put("CONTENT_LENGTH", "");
        String[] scriptAndPath = ServletEnviron.scriptNameAndPathInfo(request);
        env.put("SCRIPT_NAME", scriptAndPath[0]);
        env.put("SERVER_PROTOCOL", request.getProtocol());
        env.put("REQUEST_METHOD", request.getMethod());
        env.put("PATH_INFO", scriptAndPath[1]);
        String query = request.getQueryString();
        env.put("QUERY_STRING", query == null ? "" : query);
        env.put("REMOTE_ADDR", request.getRemoteAddr());
        env.put("REMOTE_PORT", Integer.toString(request.getRemotePort()));
        String contentType = request.getHeader("Content-Type");
        env.put("CONTENT_TYPE", contentType == null ? "text/plain" : contentType);
        String contentLength = request.getHeader("Content-Length");
        if (contentLength != null && !contentLength.isEmpty()) {
            env.put("CONTENT_LENGTH", contentLength);
        }
        if (request.getRemoteUser() != null) {
            env.put("REMOTE_USER", request.getRemoteUser());
        }
        if (request.getAuthType() != null) {
            env.put("AUTH_TYPE", request.getAuthType());
        }
        if (request.isSecure()) {
            env.put("HTTPS", "on");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            if (name.indexOf('_') >= 0) {
                continue;
            }
            String key = name.replace('-', '_').toUpperCase(Locale.ROOT);
            if (env.containsKey(key) || headers.containsKey("HTTP_" + key)) {
                continue;
            }
            // wsgiref's get_environ: v.strip() (Python whitespace), then += ',' + v for a repeat
            List<String> stripped = new ArrayList<>();
            for (Enumeration<String> values = request.getHeaders(name); values.hasMoreElements(); ) {
                stripped.add(values.nextElement()
                        .replaceAll("^[\\s\u0085\u00a0\u001c-\u001f]+|[\\s\u0085\u00a0\u001c-\u001f]+$", ""));
            }
            headers.put("HTTP_" + key, String.join(",", stripped));
        }
        env.putAll(headers);
        return env;
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "/plain|/plain",
                "/caf%C3%A9|/caf\u00c3\u00a9",
                "/a%2fb%2Fc|/a/b/c",
                "/100%|/100%",
                "/bad%zzescape|/bad%zzescape",
                "/half%4|/half%4",
                "/%00nul|/\u0000nul",
                "/raw\u00e0|/raw\u00c3\u00a0",
                "/utf8\u00e9\u20ac|/utf8\u00c3\u00a9\u00e2\u0082\u00ac",
                "/plus+%2B|/plus++"
            })
    void decodePathGivesBytesInAString(String raw, String decoded) {
        assertThat(ServletEnviron.decodePath(raw)).isEqualTo(decoded);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"abc|abc", "caf\u00e9|caf\u00c3\u00a9", "\ud83d\ude00|\u00f0\u009f\u0098\u0080"})
    void bytesInStringIsTheUtf8BytesOneCharEach(String decoded, String bytes) {
        assertThat(ServletEnviron.bytesInString(decoded)).isEqualTo(bytes);
    }
}
