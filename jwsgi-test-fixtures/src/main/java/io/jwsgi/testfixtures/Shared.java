package io.jwsgi.testfixtures;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The team's shared directory ({@code ../shared}: the conformance corpus and harness, {@code
 * echo_app.py}), which a user's fresh clone does not have: the tests that need it skip, with a
 * message, where it is absent.
 */
public final class Shared {

    private Shared() {}

    /**
     * The directory: the system property {@code jwsgi.shared.dir} if set, else {@code shared} beside
     * the repository root (the first directory upwards from the working directory that holds
     * {@code mvnw}).
     *
     * @return the directory, which may not exist
     */
    public static Path dir() {
        String configured = System.getProperty("jwsgi.shared.dir");
        if (configured != null && !configured.isBlank()) {
            return Paths.get(configured);
        }
        Path dir = Paths.get("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        Path root = dir == null ? Paths.get("").toAbsolutePath() : dir;
        return (root.getParent() == null ? root : root.getParent()).resolve("shared");
    }

    /**
     * A file of the shared directory; the calling test skips, saying which file is missing and why,
     * where there is none.
     *
     * @param relative the file's path in the directory, as {@code conformance/echo_app.py}
     * @param instead what covers the same where it is absent (appended to the skip message), or
     *     {@code ""}
     * @return the file
     */
    public static Path require(String relative, String instead) {
        Path file = dir().resolve(relative);
        assumeTrue(
                Files.isRegularFile(file),
                "no " + file + " (../shared is absent; set -Djwsgi.shared.dir to the shared/ directory): skipped"
                        + (instead.isEmpty() ? "" : "; " + instead));
        return file;
    }
}
