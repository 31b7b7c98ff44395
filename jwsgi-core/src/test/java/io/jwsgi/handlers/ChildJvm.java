package io.jwsgi.handlers;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Starts a JVM on this module's main and test classes, for tests that need a real process. */
final class ChildJvm {

    /** Flags that start a short-lived JVM faster. */
    static final List<String> QUICK_START = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto");

    private ChildJvm() {}

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The directories holding jwsgi-core's classes and these tests' classes. */
    static String classpath() {
        return location(CgiHandler.class) + File.pathSeparator + location(CgiTestApp.class);
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a finished process wrote, one char per byte. */
    record Result(int exitCode, String stdout, String stderr) {}

    /**
     * Runs {@code mainClass args} with exactly {@code environment} (plus whatever {@code
     * shellPrefix} exports: a {@code sh} snippet, so raw bytes can be set with {@code printf}),
     * feeding {@code stdin}.
     */
    static Result run(
            Map<String, String> environment, String shellPrefix, byte[] stdin, String mainClass, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", shellPrefix + " exec \"$@\"", "sh", java()));
        command.addAll(QUICK_START);
        command.addAll(List.of("-cp", classpath(), mainClass));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process = builder.start();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        try (var in = process.getOutputStream()) {
            in.write(stdin);
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("child JVM did not finish within 60 s: " + command);
        }
        return new Result(process.exitValue(), new String(out.join(), ISO_8859_1), new String(err.join(), ISO_8859_1));
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
