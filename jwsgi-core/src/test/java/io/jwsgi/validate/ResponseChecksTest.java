package io.jwsgi.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwsgi.Header;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ResponseChecksTest {

    private static final Header TEXT = new Header("Content-Type", "text/plain");

    @ParameterizedTest
    @ValueSource(
            strings = {
                "200 OK",
                "404 Not Found",
                "100 Continue",
                "599 Whatever",
                "200 O",
                "200 caf\u00e9",
                "200 a\u00ffb"
            })
    void acceptsAWellFormedStatus(String status) {
        assertThat(ResponseChecks.checkStatus(status)).isEqualTo(Integer.parseInt(status.substring(0, 3)));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "'200'        | a three-digit code, a space and a reason",
                "'200 '       | a three-digit code, a space and a reason",
                "'20X OK'     | must begin with a three-digit code",
                "'2000 OK'    | must have a single space after the code",
                "'200-OK'     | must have a single space after the code",
                "'099 Low'    | must be at least 100",
                "'200 \t '    | a non-blank reason",
                "'200 O\u20acK' | chars 0-255 only",
                "'200 O\rK'   | must not hold control chars",
                "'200 O\u007fK' | must not hold control chars",
            })
    void rejectsAMalformedStatus(String status, String message) {
        assertThatThrownBy(() -> ResponseChecks.checkStatus(status))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(message);
    }

    @Test
    void rejectsANullStatus() {
        assertThatThrownBy(() -> ResponseChecks.checkStatus(null))
                .isInstanceOf(AssertionError.class)
                .hasMessage("The status must be a String, got null");
    }

    @Test
    void acceptsWellFormedHeaders() {
        assertThatCode(() -> ResponseChecks.checkHeaders(
                        List.of(TEXT, new Header("X-Caf_e1", "caf\u00e9 \"q\" ; a=b"), new Header("Set-Cookie", ""))))
                .doesNotThrowAnyException();
    }

    @Test
    void rejectsNullHeadersAndForeignElements() {
        assertThatThrownBy(() -> ResponseChecks.checkHeaders(null))
                .isInstanceOf(AssertionError.class)
                .hasMessage("The headers must be a List of Header, got null");
        List<Header> withNull = new ArrayList<>();
        withNull.add(null);
        assertThatThrownBy(() -> ResponseChecks.checkHeaders(withNull))
                .isInstanceOf(AssertionError.class)
                .hasMessage("Each header must be an io.jwsgi.Header, got null");
        assertThatThrownBy(() -> ResponseChecks.checkHeaders(smuggled(List.of("Content-Type: text/plain"))))
                .isInstanceOf(AssertionError.class)
                .hasMessage("Each header must be an io.jwsgi.Header, got java.lang.String");
    }

    @SuppressWarnings("unchecked")
    private static List<Header> smuggled(List<?> raw) {
        return (List<Header>) raw; // what a raw-typed caller could pass
    }

    @ParameterizedTest
    @ValueSource(strings = {"Status", "status", "STATUS"})
    void rejectsAStatusHeader(String name) {
        assertThatThrownBy(() -> ResponseChecks.checkHeaders(List.of(new Header(name, "200 OK"))))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("The Status header cannot be used");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1X", "-X", "X Y", "X:Y", "X\nY", "X.Y", "X\u00e9", "Caf\u0000"})
    void rejectsHeaderNamesWsgirefRejects(String name) {
        assertThatThrownBy(() -> ResponseChecks.checkHeaders(List.of(new Header(name, "v"))))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Bad header name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"X-", "X_"})
    void rejectsHeaderNamesEndingInDashOrUnderscore(String name) {
        assertThatThrownBy(() -> ResponseChecks.checkHeaders(List.of(new Header(name, "v"))))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("may not end in '-' or '_'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Connection", "keep-alive", "TRANSFER-ENCODING", "Upgrade", "TE", "Trailers"})
    void rejectsHopByHopHeaders(String name) {
        assertThatThrownBy(() -> ResponseChecks.checkHeaders(List.of(new Header(name, "x"))))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Hop-by-hop header \"" + name + "\" is not allowed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\rb", "a\nb", "a\u0000b", "a\tb", "a\u001fb", "a\u007fb"})
    void rejectsControlCharsInHeaderValues(String value) {
        assertThatThrownBy(() -> ResponseChecks.checkHeaders(List.of(new Header("X-Test", value))))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Bad header value")
                .hasMessageContaining("in header X-Test");
    }

    @Test
    void rejectsHeaderValuesBeyondLatin1() {
        assertThatThrownBy(() -> ResponseChecks.checkHeaders(List.of(new Header("X-Test", "\u20ac"))))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("chars 0-255 only");
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 201, 206, 301, 404, 500})
    void requiresContentTypeForAResponseWithABody(int code) {
        assertThatCode(() -> ResponseChecks.checkContentType(code, List.of(new Header("content-TYPE", "a/b"))))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> ResponseChecks.checkContentType(code, List.of()))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("No Content-Type header found");
    }

    @ParameterizedTest
    @ValueSource(ints = {204, 304})
    void forbidsContentTypeWithoutABody(int code) {
        assertThatCode(() -> ResponseChecks.checkContentType(code, List.of())).doesNotThrowAnyException();
        assertThatThrownBy(() -> ResponseChecks.checkContentType(code, List.of(TEXT)))
                .isInstanceOf(AssertionError.class)
                .hasMessage("Content-Type header found in a " + code + " response, which must not return content");
    }

    @Test
    void leavesContentTypeOptionalForInformationalResponses() {
        assertThatCode(() -> ResponseChecks.checkContentType(103, List.of())).doesNotThrowAnyException();
        assertThatCode(() -> ResponseChecks.checkContentType(103, List.of(TEXT)))
                .doesNotThrowAnyException();
    }
}
