package io.jwsgi.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.MappingMatch;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.web.MockHttpServletMapping;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * The bridge's CGI variables against wsgiref's rules: {@code WSGIServer.setup_environ} (the base
 * environ), {@code WSGIRequestHandler.get_environ} (request line, {@code unquote(path,
 * 'iso-8859-1')}, the raw query, {@code CONTENT_TYPE}'s {@code text/plain} default, {@code
 * if k in env: continue}, {@code v.strip()}, {@code += ','}) and PEP 3333's bytes in a string,
 * with the mount ({@code SCRIPT_NAME}) and the container's own facts (authentication, TLS) that
 * only a servlet has. Expected values are written out as wsgiref gives them.
 */
class ServletEnvironTests {

    private static final String SOFTWARE = "Container/1.0";

    @Test
    void aBrowserRequestGivesWsgirefsVariablesAndNothingElse() throws Exception {
        MockHttpServletRequest r = request("GET", "/app/caf%C3%A9/x", "");
        r.setQueryString("q=%C3%A9&x=a+b");
        r.addHeader("Host", "www.example.org");
        r.addHeader("User-Agent", "curl/8.5");
        r.addHeader("Accept", "*/*");

        Map<String, Object> expected = new HashMap<>();
        // WSGIServer.setup_environ: the base environ
        expected.put("SERVER_NAME", InetAddress.getByName("127.0.0.1").getCanonicalHostName()); // getfqdn()
        expected.put("GATEWAY_INTERFACE", "CGI/1.1");
        expected.put("SERVER_PORT", "8080");
        expected.put("REMOTE_HOST", ""); // the container's host name is the address itself
        expected.put("CONTENT_LENGTH", ""); // no Content-Length
        // get_environ
        expected.put("SERVER_PROTOCOL", "HTTP/1.1");
        expected.put("SERVER_SOFTWARE", SOFTWARE);
        expected.put("REQUEST_METHOD", "GET");
        expected.put("SCRIPT_NAME", "/app");
        expected.put("PATH_INFO", "/caf\u00c3\u00a9/x"); // unquote(path, 'iso-8859-1')
        expected.put("QUERY_STRING", "q=%C3%A9&x=a+b"); // as sent
        expected.put("REMOTE_ADDR", "192.0.2.10");
        expected.put("REMOTE_PORT", "50123"); // beyond wsgiref
        expected.put("CONTENT_TYPE", "text/plain"); // email.message's default
        expected.put("HTTP_HOST", "www.example.org");
        expected.put("HTTP_USER_AGENT", "curl/8.5");
        expected.put("HTTP_ACCEPT", "*/*");
        assertThat(cgiVariables(r)).isEqualTo(expected);
    }

    /**
     * QUERY_STRING is the query as sent: a raw byte above 0x7F that the container read as UTF-8
     * (Jetty; Tomcat refuses them) is given back as its bytes, as the standalone server has it.
     */
    @Test
    void aRawQueryByteAboveAsciiIsGivenBackAsItsBytes() {
        MockHttpServletRequest r = request("GET", "/app/x", "");
        r.setQueryString("q=caf\u00e9&r=%E9");
        assertThat(cgiVariables(r)).containsEntry("QUERY_STRING", "q=caf\u00c3\u00a9&r=%E9");
    }

    @Test
    void contentTypeAndLengthBecomeCgiVariablesNotHttpKeys() {
        MockHttpServletRequest r = request("POST", "/app/form", "");
        r.addHeader("Content-Type", "application/x-www-form-urlencoded");
        r.addHeader("Content-Length", "7");
        assertThat(cgiVariables(r))
                .containsEntry("CONTENT_TYPE", "application/x-www-form-urlencoded")
                .containsEntry("CONTENT_LENGTH", "7")
                .doesNotContainKeys("HTTP_CONTENT_TYPE", "HTTP_CONTENT_LENGTH");
    }

    /** wsgiref's {@code if k in env: continue}: a field named like a variable already set is skipped. */
    @Test
    void fieldsNamedLikeVariablesAlreadySetAreSkipped() {
        assertThat(withFields(
                        "Host", "h",
                        "Script-Name", "/evil",
                        "Path-Info", "/spoof",
                        "Server-Software", "spoofed/1", // wsgiref's get_environ sets it before its loop
                        "Remote-Addr", "6.6.6.6",
                        "Http-Host", "aliased", // k = HTTP_HOST, set by Host before it
                        "Http-Accept", "kept", // k = HTTP_ACCEPT, not set: HTTP_HTTP_ACCEPT
                        "Remote-User", "mallory", // no REMOTE_USER: the container authenticated no one
                        "Https", "on")) // no HTTPS: the request is not secure
                .containsEntry("SCRIPT_NAME", "/app")
                .containsEntry("PATH_INFO", "/x")
                .containsEntry("SERVER_SOFTWARE", SOFTWARE)
                .containsEntry("REMOTE_ADDR", "192.0.2.10")
                .containsEntry("HTTP_HOST", "h")
                .containsEntry("HTTP_HTTP_ACCEPT", "kept")
                .containsEntry("HTTP_REMOTE_USER", "mallory")
                .containsEntry("HTTP_HTTPS", "on")
                .doesNotContainKeys(
                        "HTTP_SCRIPT_NAME",
                        "HTTP_PATH_INFO",
                        "HTTP_SERVER_SOFTWARE",
                        "HTTP_REMOTE_ADDR",
                        "HTTP_HTTP_HOST",
                        "REMOTE_USER",
                        "HTTPS");
    }

    @Test
    void theContainersAuthenticationAndTlsAreVariablesThatFieldsCannotSpoof() {
        MockHttpServletRequest r = request("GET", "/app/x", "");
        r.setRemoteUser("alice");
        r.setAuthType("BASIC");
        r.setSecure(true);
        r.setRemoteHost("client.example");
        r.addHeader("Remote-User", "mallory");
        r.addHeader("Auth-Type", "none");
        r.addHeader("Https", "off");
        assertThat(cgiVariables(r))
                .containsEntry("REMOTE_USER", "alice")
                .containsEntry("AUTH_TYPE", "BASIC")
                .containsEntry("HTTPS", "on")
                .containsEntry("REMOTE_HOST", "client.example") // resolved: differs from the address
                .doesNotContainKeys("HTTP_REMOTE_USER", "HTTP_AUTH_TYPE", "HTTP_HTTPS");
    }

    /** JWSGI's strict rule (SPEC section 3): '_' would pass for '-', so such names are dropped. */
    @Test
    void namesHoldingAnUnderscoreAreDropped() {
        assertThat(withFields(
                        "X_Forwarded_For", "6.6.6.6",
                        "Content_Type", "text/evil",
                        "\u00e9_e", "non-ASCII too"))
                .containsEntry("CONTENT_TYPE", "text/plain")
                .doesNotContainKeys("HTTP_X_FORWARDED_FOR", "HTTP_CONTENT_TYPE", "HTTP_\u00c9_E");
    }

    /** wsgiref: {@code v.strip()}, then {@code env['HTTP_'+k] += ',' + v} for a repeat. */
    @Test
    void valuesAreStrippedAsPythonStripsAndRepeatsJoinedWithComma() {
        assertThat(withFields(
                        "X-Multi", " a ",
                        "X-Multi", "",
                        "X-Multi", "b",
                        "X-Empty", "",
                        "X-Nbsp", "\u00a0\u0085 kept\u00a0inside \u001c"))
                .containsEntry("HTTP_X_MULTI", "a,,b")
                .containsEntry("HTTP_X_EMPTY", "")
                .containsEntry("HTTP_X_NBSP", "kept\u00a0inside");
    }

    /** {@code k.replace('-', '_').upper()}, as Python upper-cases Latin-1 letters. */
    @Test
    void namesAreUpperCasedAsPythonDoes() {
        assertThat(withFields(
                        "x-lower-case", "1",
                        "X-Caf\u00e9", "2",
                        "\u00dfeta", "3", // 'ß'.upper() == 'SS'
                        "\u00ff-Y", "4")) // 'ÿ'.upper() == 'Ÿ' (U+0178)
                .containsEntry("HTTP_X_LOWER_CASE", "1")
                .containsEntry("HTTP_X_CAF\u00c9", "2")
                .containsEntry("HTTP_SSETA", "3")
                .containsEntry("HTTP_\u0178_Y", "4");
    }

    /** SCRIPT_NAME: context path and mount prefix; PATH_INFO: the raw rest, decoded as wsgiref. */
    @ParameterizedTest(name = "{0} under {1} mapped {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                // uri                 | context | pattern | match   | SCRIPT_NAME | PATH_INFO
                "/app/a%2Fb%2fc        |         | /app/*  | PATH    | /app        | /a/b/c",
                "/app                  |         | /app/*  | PATH    | /app        | ''",
                "/ctx/app/caf%C3%A9    | /ctx    | /app/*  | PATH    | /ctx/app    | /caf\u00c3\u00a9",
                "/c%74x/app/x          | /c%74x  | /app/*  | PATH    | /ctx/app    | /x",
                "/%61pp/x%20y          |         | /app/*  | PATH    | /app        | /x y",
                "/app//x//             |         | /app/*  | PATH    | /app        | //x//",
                "/anything/100%/%zz    |         | /       | DEFAULT | ''          | /anything/100%/%zz",
                "/report.csv           |         | *.csv   | EXTENSION | /report.csv | ''",
                "/exact                |         | /exact  | EXACT   | /exact      | ''",
                // a raw byte above 0x7F reaches the servlet read as UTF-8 (Jetty): its bytes again
                "/raw\u00e0/%41        |         | /       | DEFAULT | ''          | /raw\u00c3\u00a0/A",
                "/caf\u00e9%C3%A9      |         | /       | DEFAULT | ''          | /caf\u00c3\u00a9\u00c3\u00a9",
                "/utf8\u20ac           |         | /       | DEFAULT | ''          | /utf8\u00e2\u0082\u00ac",
            })
    void mountSplitsTheDecodedPath(
            String uri, String context, String pattern, MappingMatch match, String scriptName, String pathInfo) {
        MockHttpServletRequest r = new MockHttpServletRequest("GET", uri);
        r.setContextPath(context == null ? "" : context);
        r.setHttpServletMapping(new MockHttpServletMapping("m", pattern, "jwsgi", match));
        r.setServletPath(match == MappingMatch.EXACT || match == MappingMatch.EXTENSION ? uri : "");
        String[] split = ServletEnviron.scriptNameAndPathInfo(r);
        assertThat(split).containsExactly(scriptName, pathInfo);
    }

    /**
     * A raw path that does not start with the decoded mount prefix was matched by the container in
     * a normalized form: its decoded path info stands, as bytes in a string.
     */
    @Test
    void aPathTheContainerNormalizedFallsBackToItsPathInfo() {
        MockHttpServletRequest r = new MockHttpServletRequest("GET", "/x/../app/caf\u00e9");
        r.setHttpServletMapping(new MockHttpServletMapping("m", "/app/*", "jwsgi", MappingMatch.PATH));
        r.setServletPath("/app");
        r.setPathInfo("/caf\u00e9");
        assertThat(ServletEnviron.scriptNameAndPathInfo(r)).containsExactly("/app", "/caf\u00c3\u00a9");
    }

    /** The map form (benchmarks, tests) takes SERVER_SOFTWARE from the container, as the handler does. */
    @Test
    void cgiVariablesTakeTheServerSoftwareFromTheContainer() {
        MockHttpServletRequest r = request("PUT", "/app/x", "");
        r.addHeader("Content-Type", "text/csv");
        r.addHeader("X-A", "1");
        Map<String, Object> expected = cgiVariables(r);
        expected.put("SERVER_SOFTWARE", r.getServletContext().getServerInfo());
        assertThat(ServletEnviron.cgiVariables(r)).isEqualTo(expected);
    }

    private static MockHttpServletRequest request(String method, String uri, String context) {
        MockHttpServletRequest r = new MockHttpServletRequest(method, uri);
        r.setContextPath(context);
        r.setServletPath("/app");
        r.setHttpServletMapping(new MockHttpServletMapping("x", "/app/*", "jwsgi", MappingMatch.PATH));
        r.setProtocol("HTTP/1.1");
        r.setRemoteAddr("192.0.2.10");
        r.setRemoteHost("192.0.2.10");
        r.setRemotePort(50123);
        r.setLocalAddr("127.0.0.1");
        r.setLocalPort(8080);
        return r;
    }

    /** The variables of {@code GET /app/x} with the fields given as name, value, .... */
    private static Map<String, Object> withFields(String... fields) {
        MockHttpServletRequest r = request("GET", "/app/x", "");
        for (int i = 0; i < fields.length; i += 2) {
            r.addHeader(fields[i], fields[i + 1]);
        }
        return cgiVariables(r);
    }

    private static Map<String, Object> cgiVariables(MockHttpServletRequest r) {
        Map<String, Object> env = new HashMap<>();
        ServletEnviron.putCgiVariables(r, SOFTWARE, env);
        return env;
    }
}
