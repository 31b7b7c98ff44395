package io.jwsgi.util;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs calls against CPython's {@code wsgiref} in one {@code python3} process, for differential
 * tests: every request is a list of strings whose first element names a Python function (an
 * {@code @op} in the given source), and every answer is the list of strings (or {@code None} as
 * {@code null}) that function returned, or {@code ["!error"]} if it raised.
 *
 * <p>The exchange is one line per call, each field a UTF-8 hex string prefixed with {@code s}, or
 * {@code -} for None, so any string (control chars, chars above 255) crosses unchanged. All input
 * is written to a file first and fed to the process, so the pipes cannot deadlock.
 */
public final class WsgirefOracle {

    /** The marker both sides use for a call that raised. */
    public static final String ERROR = "!error";

    private static final HexFormat HEX = HexFormat.of();

    private static final String DRIVER = """
            import sys
            from wsgiref import util, headers
            OPS = {}
            def op(f):
                OPS[f.__name__] = f
                return f
            def dec(f):
                return None if f == '-' else bytes.fromhex(f[1:]).decode('utf-8')
            def enc(s):
                return '-' if s is None else 's' + s.encode('utf-8').hex()
            %s
            for line in sys.stdin:
                fields = [dec(f) for f in line.rstrip('\\n').split('\\t')]
                try:
                    out = OPS[fields[0]](*fields[1:])
                except Exception:
                    out = ['!error']
                sys.stdout.write('\\t'.join(enc(s) for s in out) + '\\n')
            """;

    private WsgirefOracle() {}

    /** Thrown when {@code python3} cannot be started; its message says the test is skipped. */
    public static final class Unavailable extends Exception {
        private static final long serialVersionUID = 1L;

        Unavailable(IOException cause) {
            super(
                    "python3 is not on the PATH, so the differential test against CPython's wsgiref is skipped ("
                            + cause.getMessage() + ")",
                    cause);
        }
    }

    /**
     * Runs every request through one {@code python3} process.
     *
     * @param ops Python source defining functions decorated with {@code @op}; {@code util} and
     *     {@code headers} from {@code wsgiref} are imported
     * @param requests the calls, each {@code [opName, arg...]}
     * @param workDir a directory for the exchange files
     * @return the answers, one per request, in order
     * @throws Unavailable if {@code python3} cannot be started (the caller skips its tests)
     */
    public static List<List<String>> run(String ops, List<List<String>> requests, Path workDir)
            throws IOException, InterruptedException, Unavailable {
        Path in = workDir.resolve("requests.txt");
        Path out = workDir.resolve("answers.txt");
        Path err = workDir.resolve("stderr.txt");
        List<String> lines = new ArrayList<>();
        for (List<String> request : requests) {
            lines.add(encode(request));
        }
        Files.write(in, lines, US_ASCII);
        Process process;
        try {
            process = new ProcessBuilder("python3", "-c", DRIVER.formatted(ops))
                    .redirectInput(in.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
        } catch (IOException e) {
            throw new Unavailable(e);
        }
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("python3 did not finish within 120 s");
        }
        String stderr = Files.readString(err, UTF_8);
        if (process.exitValue() != 0) {
            throw new IllegalStateException("python3 failed (exit " + process.exitValue() + "):\n" + stderr);
        }
        List<List<String>> answers = new ArrayList<>();
        for (String line : Files.readAllLines(out, US_ASCII)) {
            answers.add(decode(line));
        }
        if (answers.size() != requests.size()) {
            throw new IllegalStateException(
                    "python3 answered " + answers.size() + " of " + requests.size() + " calls:\n" + stderr);
        }
        return answers;
    }

    private static String encode(List<String> fields) {
        List<String> encoded = new ArrayList<>();
        for (String field : fields) {
            encoded.add(field == null ? "-" : "s" + HEX.formatHex(field.getBytes(UTF_8)));
        }
        return String.join("\t", encoded);
    }

    private static List<String> decode(String line) {
        List<String> fields = new ArrayList<>();
        if (line.isEmpty()) {
            return fields;
        }
        for (String field : line.split("\t", -1)) {
            fields.add(field.equals("-") ? null : new String(HEX.parseHex(field.substring(1)), UTF_8));
        }
        return fields;
    }
}
