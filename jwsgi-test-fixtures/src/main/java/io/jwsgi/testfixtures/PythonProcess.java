package io.jwsgi.testfixtures;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@code python3} process of the PATH (CPython, the reference of the differential tests), whose
 * standard output the test reads line by line (a server prints its port first); {@link #close()}
 * ends it.
 */
public final class PythonProcess implements AutoCloseable {

    private final Process process;
    private final BufferedReader out;

    private PythonProcess(Process process) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8));
    }

    /**
     * Whether {@code python3} is on the PATH: {@code python3 --version} exits with 0 within 30 s.
     *
     * @return true if it is
     */
    public static boolean available() {
        try {
            Process p = new ProcessBuilder("python3", "--version")
                    .redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Starts {@code python3} with the arguments.
     *
     * @param args the arguments after {@code python3}
     * @param stderr where its standard error goes
     * @return the process, or {@code null} when {@code python3} cannot be started (not on the PATH)
     */
    public static PythonProcess start(List<String> args, ProcessBuilder.Redirect stderr) {
        List<String> command = new ArrayList<>(List.of("python3"));
        command.addAll(args);
        try {
            return new PythonProcess(
                    new ProcessBuilder(command).redirectError(stderr).start());
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The next line of its standard output.
     *
     * @param timeout how long to wait for it
     * @return the line, or {@code null} at the end of the output
     * @throws IOException if no line came within the timeout, or reading failed
     */
    public String readLine(Duration timeout) throws IOException {
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return this.out.readLine();
            } catch (IOException e) {
                return null;
            }
        });
        try {
            return line.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            throw new IOException("python3 printed no line within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for python3", e);
        }
    }

    /**
     * Reads the port a server prints first, as {@code prefix} and the number on a line of its own
     * (within 60 s); ends the process if it prints anything else or nothing.
     *
     * @param prefix what comes before the number, as {@code "PORT "}, or {@code ""}
     * @return the port
     * @throws IOException if the first line is not the port
     */
    public int readPort(String prefix) throws IOException {
        String line;
        try {
            line = readLine(Duration.ofSeconds(60));
        } catch (IOException e) {
            close();
            throw e;
        }
        if (line == null
                || !line.startsWith(prefix)
                || !line.substring(prefix.length()).matches("\\d+")) {
            close();
            throw new IOException("python3 did not start a server: it printed " + line);
        }
        return Integer.parseInt(line.substring(prefix.length()));
    }

    /** Ends the process: a SIGTERM, then after 10 s a SIGKILL. */
    @Override
    public void close() {
        this.process.destroy();
        try {
            if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
                this.process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            this.process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
