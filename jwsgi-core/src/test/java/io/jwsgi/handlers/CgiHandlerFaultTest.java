package io.jwsgi.handlers;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link CgiHandler} in a child JVM whose standard output fails: closed before the JVM started
 * (EBADF), a full device (ENOSPC), and a pipe whose reader went away (EPIPE). In each case the
 * process ends on its own, the application's {@code close()} runs exactly once, and the handler
 * stops iterating the body soon after the first failed write instead of producing all of it.
 */
class CgiHandlerFaultTest {

    private static final Map<String, String> CGI = Map.of(
            "REQUEST_METHOD", "GET",
            "SERVER_NAME", "localhost",
            "SERVER_PORT", "80",
            "SERVER_PROTOCOL", "HTTP/1.1",
            "SCRIPT_NAME", "/app.cgi",
            "PATH_INFO", "/stream");

    private static final Pattern CLOSE = Pattern.compile("close #(\\d+) after (\\d+) chunks");

    @BeforeAll
    static void needsAShell() {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "no /bin/sh: skipping the child-process fault tests");
    }

    @Test
    void closedStdoutEndsTheProcessAndClosesTheResultOnce() throws Exception {
        String stderr = runChild("exec 1>&-;", false);
        assertClosedOnceAndStoppedEarly(stderr);
    }

    @Test
    void fullDeviceOnStdoutEndsTheProcessAndClosesTheResultOnce() throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/full")), "no /dev/full");
        String stderr = runChild("exec 1>/dev/full;", false);
        assertClosedOnceAndStoppedEarly(stderr);
    }

    @Test
    void brokenPipeOnStdoutEndsTheProcessAndClosesTheResultOnce() throws Exception {
        String stderr = runChild("", true);
        assertClosedOnceAndStoppedEarly(stderr);
    }

    private static void assertClosedOnceAndStoppedEarly(String stderr) {
        Matcher m = CLOSE.matcher(stderr);
        List<Integer> produced = new ArrayList<>();
        while (m.find()) {
            assertThat(Integer.parseInt(m.group(1))).as("close() call number").isEqualTo(1);
            produced.add(Integer.parseInt(m.group(2)));
        }
        assertThat(produced).as("close() calls, stderr:%n%s", stderr).hasSize(1);
        System.out.println(
                "cgi fault: close() once, after " + produced.get(0) + " of " + CgiFaultApp.CHUNKS + " chunks");
        assertThat(produced.get(0))
                .as("chunks produced for a stdout that fails")
                .isLessThan(CgiFaultApp.CHUNKS);
    }

    /**
     * Runs {@code CgiHandler.main(CgiFaultApp)} in a child JVM after the shell snippet {@code
     * redirect}; with {@code closeReader}, the parent closes its end of the stdout pipe first.
     * Returns what the child wrote to stderr.
     */
    private static String runChild(String redirect, boolean closeReader) throws IOException, InterruptedException {
        List<String> command =
                new ArrayList<>(List.of("/bin/sh", "-c", redirect + " exec \"$@\"", "sh", ChildJvm.java()));
        command.addAll(ChildJvm.QUICK_START);
        command.addAll(List.of("-cp", ChildJvm.classpath(), CgiHandler.class.getName(), CgiFaultApp.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(CGI);
        Process process = builder.start();
        process.getOutputStream().close();
        if (closeReader) {
            process.getInputStream().close();
        }
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getErrorStream().readAllBytes(), ISO_8859_1);
            } catch (IOException e) {
                return e.toString();
            }
        });
        if (!closeReader) {
            process.getInputStream().close();
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the CGI child did not end within 60 s");
        }
        return err.join();
    }
}
