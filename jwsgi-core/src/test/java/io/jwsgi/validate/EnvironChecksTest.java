package io.jwsgi.validate;

import static io.jwsgi.validate.Environs.valid;
import static io.jwsgi.validate.Environs.validWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwsgi.util.FileWrapper;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvironChecksTest {

    private static void assertRejected(Map<String, Object> env, String message) {
        assertThatThrownBy(() -> EnvironChecks.check(env))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(message);
    }

    private static List<String> warningsFor(Map<String, Object> env) {
        try (Warnings warnings = Warnings.capture()) {
            EnvironChecks.check(env);
            return warnings.messages();
        }
    }

    @Test
    void acceptsACompleteEnvironWithoutWarnings() {
        assertThat(warningsFor(valid())).isEmpty();
    }

    @Test
    void rejectsNull() {
        assertRejected(null, "The environ is null");
    }

    @Test
    void rejectsAMapThatIsNotExactlyAHashMap() {
        assertRejected(
                Environs.copyInto(new TreeMap<>(), valid()), "exactly a java.util.HashMap, not java.util.TreeMap");
        assertRejected(
                Environs.copyInto(new LinkedHashMap<>(), valid()),
                "exactly a java.util.HashMap, not java.util.LinkedHashMap");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "REQUEST_METHOD",
                "SERVER_NAME",
                "SERVER_PORT",
                "wsgi.version",
                "wsgi.input",
                "wsgi.errors",
                "wsgi.multithread",
                "wsgi.multiprocess",
                "wsgi.run_once",
                "wsgi.url_scheme"
            })
    void rejectsAMissingRequiredKey(String key) {
        assertRejected(validWith(key, null), "missing the required key \"" + key + "\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP_CONTENT_TYPE", "HTTP_CONTENT_LENGTH"})
    void rejectsContentHeadersUnderTheirHttpNames(String key) {
        assertRejected(validWith(key, "5"), "must not have the key " + key + " (use " + key.substring(5) + " instead)");
    }

    @Test
    void warnsWhenQueryStringIsMissing() {
        assertThat(warningsFor(validWith("QUERY_STRING", null)))
                .singleElement()
                .asString()
                .contains("QUERY_STRING");
    }

    @Test
    void rejectsACgiVariableThatIsNotAString() {
        assertRejected(
                validWith("SERVER_PORT", 80), "The CGI variable SERVER_PORT must be a String, got java.lang.Integer");
        HashMap<String, Object> env = valid();
        env.put("REMOTE_USER", null);
        assertRejected(env, "The CGI variable REMOTE_USER must be a String, got null");
    }

    @Test
    void leavesExtensionKeysAlone() {
        HashMap<String, Object> env = valid();
        env.put("jwsgi.anything", 42);
        env.put("x.y", null);
        assertThatCode(() -> EnvironChecks.check(env)).doesNotThrowAnyException();
    }

    @Test
    void rejectsRequestVariablesThatAreNotBytesInAString() {
        assertRejected(validWith("PATH_INFO", "/caf\u00e9\u20ac"), "PATH_INFO must be bytes in a string");
        assertRejected(validWith("HTTP_X_NAME", "\u0100"), "HTTP_X_NAME must be bytes in a string");
        assertThatCode(() -> EnvironChecks.check(validWith("PATH_INFO", "/caf\u00c3\u00a9")))
                .doesNotThrowAnyException();
    }

    @Test
    void rejectsAWsgiVersionThatIsNotAListOfTwoIntegers() {
        assertRejected(validWith("wsgi.version", "1.0"), "wsgi.version must be a List of two Integers");
        assertRejected(validWith("wsgi.version", List.of(1)), "wsgi.version must be a List of two Integers");
        assertRejected(validWith("wsgi.version", List.of("1", "0")), "wsgi.version must be a List of two Integers");
    }

    @Test
    void warnsAboutAnotherWsgiVersion() {
        assertThat(warningsFor(validWith("wsgi.version", List.of(1, 1))))
                .singleElement()
                .asString()
                .contains("[1, 1]");
    }

    @Test
    void warnsAboutAnUnknownUrlSchemeAndRejectsANonString() {
        assertThat(warningsFor(validWith("wsgi.url_scheme", "ftp")))
                .singleElement()
                .asString()
                .contains("\"ftp\"");
        assertRejected(validWith("wsgi.url_scheme", List.of("http")), "wsgi.url_scheme must be a java.lang.String");
    }

    @Test
    void rejectsWsgiValuesOfTheWrongJavaType() {
        assertRejected(
                validWith("wsgi.input", "body"), "wsgi.input must be a java.io.InputStream, got java.lang.String");
        assertRejected(
                validWith("wsgi.errors", new ByteArrayOutputStream()),
                "wsgi.errors must be a java.io.PrintStream, got java.io.ByteArrayOutputStream");
        assertRejected(validWith("wsgi.multithread", "true"), "wsgi.multithread must be a java.lang.Boolean");
        assertRejected(validWith("wsgi.multiprocess", 0), "wsgi.multiprocess must be a java.lang.Boolean");
        assertRejected(validWith("wsgi.run_once", null), "missing the required key \"wsgi.run_once\"");
        assertRejected(validWith("wsgi.input_terminated", "yes"), "wsgi.input_terminated must be a java.lang.Boolean");
        assertThatCode(() -> EnvironChecks.check(validWith("wsgi.input_terminated", Boolean.TRUE)))
                .doesNotThrowAnyException();
        assertThatCode(() -> EnvironChecks.check(validWith("wsgi.input", InputStream.nullInputStream())))
                .doesNotThrowAnyException();
        assertRejected(
                validWith("wsgi.file_wrapper", "sendfile"),
                "wsgi.file_wrapper must be a io.jwsgi.util.FileWrapper$Factory, got java.lang.String");
        assertThatCode(() -> EnvironChecks.check(validWith("wsgi.file_wrapper", FileWrapper.FACTORY)))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "GE T", "GET\r\n", "G(ET", "\u00c9T"})
    void rejectsARequestMethodThatIsNotAToken(String method) {
        assertRejected(validWith("REQUEST_METHOD", method), "REQUEST_METHOD must be an HTTP token");
    }

    @Test
    void warnsAboutAnUnknownRequestMethod() {
        assertThat(warningsFor(validWith("REQUEST_METHOD", "PROPFIND")))
                .containsExactly("Unknown REQUEST_METHOD: \"PROPFIND\"");
        for (String known : EnvironChecks.KNOWN_METHODS) {
            assertThat(warningsFor(validWith("REQUEST_METHOD", known))).isEmpty();
        }
    }

    @Test
    void rejectsScriptNameOrPathInfoNotStartingWithASlash() {
        assertRejected(validWith("SCRIPT_NAME", "app"), "SCRIPT_NAME doesn't start with /: \"app\"");
        assertRejected(validWith("PATH_INFO", "hello"), "PATH_INFO doesn't start with /: \"hello\"");
    }

    @Test
    void rejectsScriptNameSlash() {
        HashMap<String, Object> env = validWith("SCRIPT_NAME", "/");
        assertRejected(env, "SCRIPT_NAME cannot be \"/\"");
    }

    @Test
    void requiresScriptNameOrPathInfoToBeNonEmpty() {
        assertRejected(validWith("PATH_INFO", ""), "One of SCRIPT_NAME or PATH_INFO must be non-empty");
        HashMap<String, Object> env = validWith("PATH_INFO", null);
        env.remove("SCRIPT_NAME");
        assertRejected(env, "One of SCRIPT_NAME or PATH_INFO must be non-empty");
        HashMap<String, Object> mounted = validWith("SCRIPT_NAME", "/app");
        mounted.put("PATH_INFO", "");
        assertThatCode(() -> EnvironChecks.check(mounted)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "1.5", " 3", "0x10", "ten"})
    void rejectsAContentLengthThatIsNotDigits(String length) {
        assertRejected(validWith("CONTENT_LENGTH", length), "CONTENT_LENGTH must be a non-negative decimal integer");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0", "12345678901234567890"})
    void acceptsAnEmptyOrDecimalContentLength(String length) {
        assertThatCode(() -> EnvironChecks.check(validWith("CONTENT_LENGTH", length)))
                .doesNotThrowAnyException();
    }
}
