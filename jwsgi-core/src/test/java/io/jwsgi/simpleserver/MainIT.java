package io.jwsgi.simpleserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar, run as users run it: {@code java -jar target/jwsgi-core-<version>.jar}, with
 * the java of this JVM. Run by Failsafe in the {@code verify} phase, after {@code package}. The
 * argument-free form (port 8000) is tested in-process by {@link MainTest}: a fixed port is not
 * safe on a shared machine.
 */
@Timeout(120)
class MainIT {

    private static final Pattern PORT = Pattern.compile(" port (\\d+) ");

    @TempDir
    Path tmp;

    @Test
    void theJarsManifestNamesMain() throws Exception {
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(jar().toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
                    .isEqualTo(Main.class.getName());
        }
    }

    @Test
    void helpPrintsTheUsageAndExitsZero() throws Exception {
        Path stdout = tmp.resolve("help.out");
        Path stderr = tmp.resolve("help.err");
        Process process = launch(List.of("--help"), stdout, stderr);
        try {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited").isTrue();
            assertThat(process.exitValue()).isZero();
            assertThat(Files.readString(stdout)).isEqualTo(Main.USAGE);
            assertThat(Files.readString(stderr)).isEmpty();
        } finally {
            destroy(process);
        }
    }

    @Test
    void aMistakeExitsTwoWithAHint() throws Exception {
        Path stdout = tmp.resolve("bad.out");
        Path stderr = tmp.resolve("bad.err");
        Process process = launch(List.of("serve", tmp.toString(), "http"), stdout, stderr);
        try {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited").isTrue();
            assertThat(process.exitValue()).isEqualTo(2);
            assertThat(Files.readString(stdout)).isEmpty();
            assertThat(Files.readString(stderr))
                    .isEqualTo("jwsgi-core: port must be a number from 0 to 65535, not 'http'\n"
                            + "Try 'java -jar jwsgi-core.jar --help' for more information.\n");
        } finally {
            destroy(process);
        }
    }

    @Test
    void serveServesADirectoryOnTheEphemeralPortItPrints() throws Exception {
        Path site = Files.createDirectories(tmp.resolve("site"));
        Files.writeString(site.resolve("hello.txt"), "Hello from the jar!\n");
        Path stderr = tmp.resolve("serve.err");
        Process process = launch(List.of("serve", site.toString(), "0", "--bind", "127.0.0.1"), null, stderr);
        try {
            BufferedReader lines =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> readLine(lines)).get(60, TimeUnit.SECONDS);
            assertThat(line).as("the first line of standard output").isNotNull();
            assertThat(line).startsWith("Serving " + site.toAbsolutePath() + " over HTTP on 127.0.0.1 port ");
            Matcher m = PORT.matcher(line);
            assertThat(m.find()).isTrue();
            int port = Integer.parseInt(m.group(1));
            assertThat(port).isPositive();

            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hello.txt"))
                            .timeout(Duration.ofSeconds(20))
                            .build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
            assertThat(response.body()).isEqualTo("Hello from the jar!\n");

            // The access-log line is written after the response went out: wait for it (bounded)
            // before stopping, so that the shutdown message is known to come last.
            String logLine = "\"GET /hello.txt HTTP/1.1\" 200 20";
            for (int i = 0; i < 200 && !Files.readString(stderr).contains(logLine); i++) {
                Thread.sleep(50);
            }
            assertThat(Files.readString(stderr)).contains(logLine);
            process.destroy(); // SIGTERM: the shutdown hook stops the server gracefully
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stopped").isTrue();
            assertThat(Files.readString(stderr)).endsWith("Shutting down.\n");
        } finally {
            destroy(process);
        }
    }

    /** Starts the jar; a null {@code stdout} leaves standard output to be read through the pipe. */
    private static Process launch(List<String> args, Path stdout, Path stderr) throws IOException {
        List<String> command = new ArrayList<>(List.of(java(), "-jar", jar().toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
        if (stdout != null) {
            builder.redirectOutput(stdout.toFile());
        }
        return builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
    }

    private static void destroy(Process process) throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
            }
        }
    }

    private static String readLine(BufferedReader reader) {
        try {
            return reader.readLine();
        } catch (IOException e) {
            return null;
        }
    }

    /** The java of this JVM. */
    private static String java() {
        return ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** The packaged jar: {@code jwsgi.jar} from the POM, else the one {@code target/jwsgi-core-*.jar}. */
    static Path jar() throws IOException {
        String configured = System.getProperty("jwsgi.jar");
        if (configured != null && Files.isRegularFile(Path.of(configured))) {
            return Path.of(configured);
        }
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> found = Files.newDirectoryStream(Path.of("target"), "jwsgi-core-*.jar")) {
            for (Path p : found) {
                String name = p.getFileName().toString();
                if (!name.endsWith("-sources.jar") && !name.endsWith("-javadoc.jar") && !name.endsWith("-tests.jar")) {
                    jars.add(p);
                }
            }
        }
        assertThat(jars).as("the packaged jar in target/ (run mvn verify)").hasSize(1);
        return jars.get(0).toAbsolutePath();
    }
}
