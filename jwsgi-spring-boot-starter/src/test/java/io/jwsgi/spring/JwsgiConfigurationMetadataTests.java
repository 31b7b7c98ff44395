package io.jwsgi.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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
 * The configuration metadata the build generates ({@code META-INF/spring-configuration-metadata.json}
 * of this module, merged with {@code additional-spring-configuration-metadata.json}) documents
 * every {@code jwsgi.*} key, including the per-application {@code jwsgi.apps.<bean-name>.path}
 * inside the map, whose keys are hinted as {@code Application} bean names.
 */
class JwsgiConfigurationMetadataTests {

    @Test
    void everyJwsgiPropertyHasADescription() throws IOException {
        List<Map<String, Object>> properties = list(metadata(), "properties");
        List<Map<String, Object>> jwsgi = properties.stream()
                .filter(p -> ((String) p.get("name")).startsWith("jwsgi."))
                .toList();
        assertThat(jwsgi)
                .extracting(p -> p.get("name"))
                .contains(
                        "jwsgi.enabled",
                        "jwsgi.path",
                        "jwsgi.apps",
                        "jwsgi.validate",
                        "jwsgi.max-request-body",
                        "jwsgi.error-diagnostics",
                        "jwsgi.relaxed-request-targets");
        assertThat(jwsgi)
                .allSatisfy(p -> assertThat((String) p.get("description"))
                        .as("description of %s", p.get("name"))
                        .isNotBlank());
    }

    @Test
    void theAppsMapDocumentsThePerApplicationPath() throws IOException {
        Map<String, Object> apps = list(metadata(), "properties").stream()
                .filter(p -> "jwsgi.apps".equals(p.get("name")))
                .findFirst()
                .orElseThrow();
        assertThat((String) apps.get("type"))
                .isEqualTo("java.util.Map<java.lang.String,io.jwsgi.spring.JwsgiProperties$App>");
        assertThat((String) apps.get("description"))
                .contains("jwsgi.apps.<bean-name>.path")
                .contains("jwsgi.path");
    }

    @Test
    void theAppsMapKeysAreHintedAsApplicationBeanNames() throws IOException {
        Map<String, Object> hint = list(metadata(), "hints").stream()
                .filter(h -> "jwsgi.apps.keys".equals(h.get("name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no hint jwsgi.apps.keys"));
        assertThat(list(hint, "providers")).singleElement().satisfies(provider -> {
            assertThat(provider).containsEntry("name", "spring-bean-reference");
            assertThat(provider.get("parameters")).isEqualTo(Map.of("target", "io.jwsgi.Application"));
        });
    }

    /** This module's generated metadata: the copy on the class path that declares the group {@code jwsgi}. */
    private static Map<String, Object> metadata() throws IOException {
        List<URL> urls = Collections.list(JwsgiConfigurationMetadataTests.class
                .getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"));
        List<Map<String, Object>> ours = new ArrayList<>();
        for (URL url : urls) {
            try (InputStream in = url.openStream()) {
                Map<String, Object> parsed = JsonParserFactory.getJsonParser()
                        .parseMap(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                if (list(parsed, "groups").stream().anyMatch(g -> "jwsgi".equals(g.get("name")))) {
                    ours.add(parsed);
                }
            }
        }
        assertThat(ours).as("metadata declaring the group jwsgi among %s", urls).hasSize(1);
        return ours.get(0);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> map, String key) {
        Object value = map.get(key);
        return value == null ? List.of() : (List<Map<String, Object>>) value;
    }
}
