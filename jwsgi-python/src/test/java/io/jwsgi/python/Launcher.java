package io.jwsgi.python;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bin/jwsgi-python} as a process (after {@code package}: the jars in target/), run with the
 * JDK of the test; its output collected line by line.
 */
final class Launcher implements AutoCloseable {

    private static final Pattern READY = Pattern.compile("jwsgi-python: serving .* on http://[^:]+:(\\d+)/");

    final Process process;
    final List<String> out = new CopyOnWriteArrayList<>();
    final List<String> err = new CopyOnWriteArrayList<>();
    private int port = -1;

    private Launcher(Process process) {
        this.process = process;
        drain(process.getInputStream(), this.out);
        drain(process.getErrorStream(), this.err);
    }

    static Path script() {
        return Path.of(System.getProperty("jwsgi.python.launcher", "bin/jwsgi-python"));
    }

    /** Runs the launcher with {@code args}; {@code env} adds to the environment. */
    static Launcher run(Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        // As from a terminal: a build started in the background (or by a CI agent) hands its
        // children SIGINT ignored, and a JVM keeps an ignored SIGINT ignored, as nohup expects.
        command.addAll(List.of("env", "--default-signal=INT,TERM"));
        command.add(script().toAbsolutePath().toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(env);
        return new Launcher(builder.start());
    }

    /**
     * Waits for the ready line (the pool built, the app imported, the server listening).
     *
     * @return the port it serves on
     */
    int awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
        while (System.nanoTime() < deadline) {
            for (String line : this.out) {
                Matcher m = READY.matcher(line);
                if (m.find()) {
                    this.port = Integer.parseInt(m.group(1));
                    return this.port;
                }
            }
            if (!this.process.isAlive()) {
                throw new AssertionError("the launcher exited with " + this.process.exitValue()
                        + " before it was ready:\n" + String.join("\n", this.out) + "\n" + String.join("\n", this.err));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the launcher was not ready in 15 minutes:\n" + String.join("\n", this.err));
    }

    int port() {
        return this.port;
    }

    /** Sends a signal by name (TERM, INT) to the JVM, as a terminal or a process manager does. */
    void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(this.process.pid())).start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill -" + name + " failed");
        }
    }

    /** Waits for the process to end; its exit status. */
    int await() throws InterruptedException {
        if (!this.process.waitFor(5, TimeUnit.MINUTES)) {
            this.process.destroyForcibly();
            throw new AssertionError("the launcher did not stop");
        }
        return this.process.exitValue();
    }

    String stdout() throws InterruptedException {
        Thread.sleep(200); // the drains may still be reading the last lines
        return String.join("\n", this.out);
    }

    String stderr() throws InterruptedException {
        Thread.sleep(200);
        return String.join("\n", this.err);
    }

    private static void drain(InputStream stream, List<String> lines) {
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process is gone
            }
        });
    }

    @Override
    public void close() {
        if (this.process.isAlive()) {
            this.process.destroy();
            try {
                if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
                    this.process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                this.process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
