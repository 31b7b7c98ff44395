package io.jwsgi.testfixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

class SharedTest {

    private final String before = System.getProperty("jwsgi.shared.dir");

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty("jwsgi.shared.dir");
        } else {
            System.setProperty("jwsgi.shared.dir", before);
        }
    }

    @Test
    void aMissingFileSkipsTheTestSayingWhatIsMissingAndWhy(@TempDir Path dir) {
        System.setProperty("jwsgi.shared.dir", dir.toString());
        assertThat(Shared.dir()).isEqualTo(dir);
        assertThatThrownBy(() -> Shared.require("conformance/echo_app.py", "the own echo app covers the same"))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("no " + dir.resolve("conformance/echo_app.py"))
                .hasMessageContaining("../shared is absent; set -Djwsgi.shared.dir")
                .hasMessageEndingWith("skipped; the own echo app covers the same");
    }

    @Test
    void aPresentFileIsGiven(@TempDir Path dir) throws Exception {
        Path file = Files.createDirectories(dir.resolve("conformance")).resolve("echo_app.py");
        Files.writeString(file, "app = None\n");
        System.setProperty("jwsgi.shared.dir", dir.toString());
        assertThat(Shared.require("conformance/echo_app.py", "")).isEqualTo(file);
    }

    @Test
    void withoutThePropertyItIsSharedBesideTheRepositoryRoot() {
        System.clearProperty("jwsgi.shared.dir");
        Path root = Path.of("").toAbsolutePath();
        while (!Files.isRegularFile(root.resolve("mvnw"))) {
            root = root.getParent();
        }
        assertThat(Shared.dir()).isEqualTo(root.getParent().resolve("shared"));
    }
}
