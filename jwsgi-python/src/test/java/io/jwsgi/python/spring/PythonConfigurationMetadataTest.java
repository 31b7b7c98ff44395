package io.jwsgi.python.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.json.JsonParserFactory;

/**
 * The configuration metadata of jwsgi-python ({@code META-INF/spring-configuration-metadata.json}
 * in this module's jar, which the build merges from {@code additional-spring-configuration-metadata.json})
 * documents every key of the {@code python} block under {@code jwsgi.apps}.
 */
class PythonConfigurationMetadataTest {

    @Test
    void everyKeyOfThePythonBlockIsDocumented() throws Exception {
        List<Map<String, Object>> properties = list(metadata(), "properties");
        assertThat(properties)
                .extracting(p -> p.get("name"))
                .contains(
                        "jwsgi.apps.*.python.app",
                        "jwsgi.apps.*.python.path",
                        "jwsgi.apps.*.python.contexts",
                        "jwsgi.apps.*.python.max-waiting",
                        "jwsgi.apps.*.python.acquire-timeout");
        assertThat(properties)
                .filteredOn(p -> ((String) p.get("name")).startsWith("jwsgi.apps.*.python."))
                .hasSize(5)
                .allSatisfy(p -> {
                    assertThat((String) p.get("description")).isNotBlank();
                    assertThat(p.get("sourceType")).isEqualTo(PythonAppProperties.class.getName());
                });
    }

    @Test
    void theDocumentedKeysAreTheBoundOnes() throws Exception {
        // every documented key is a property of PythonAppProperties (kebab-case), and the other way round
        List<String> documented = list(metadata(), "properties").stream()
                .filter(p -> ((String) p.get("name")).startsWith("jwsgi.apps.*.python."))
                .map(p -> ((String) p.get("name")).substring("jwsgi.apps.*.python.".length()))
                .toList();
        List<String> bound = new ArrayList<>();
        for (var method : PythonAppProperties.class.getDeclaredMethods()) {
            if (method.getName().startsWith("set")) {
                String camel = method.getName().substring(3);
                bound.add(camel.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT));
            }
        }
        assertThat(documented).containsExactlyInAnyOrderElementsOf(bound);
    }

    private static Map<String, Object> metadata() throws Exception {
        for (URL url : Collections.list(PythonConfigurationMetadataTest.class
                .getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = url.openStream()) {
                String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                if (json.contains("io.jwsgi.python.spring")) {
                    return JsonParserFactory.getJsonParser().parseMap(json);
                }
            }
        }
        throw new AssertionError("no META-INF/spring-configuration-metadata.json of jwsgi-python on the classpath");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> metadata, String key) {
        return (List<Map<String, Object>>) metadata.getOrDefault(key, List.of());
    }
}
