package io.jwsgi.simpleserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwsgi.simpleserver.CommandLine.Command;
import io.jwsgi.simpleserver.CommandLine.UsageException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The command line of {@link Main}: parsing, usage, errors and exit statuses, without serving. */
@Timeout(60)
class MainTest {

    @TempDir
    static Path tmp;

    private static final String TRY = "Try 'java -jar jwsgi-core.jar --help' for more information.";

    /** What {@link Main#run} printed and returned. */
    record Outcome(int status, String out, String err) {}

    static Outcome run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void withoutArgumentsTheDemoAppIsServedOnLoopbackPort8000() throws Exception {
        CommandLine parsed = CommandLine.parse();

        assertThat(parsed).isEqualTo(new CommandLine(Command.DEMO, "127.0.0.1", 8000, null));
        io.jwsgi.testing.TestResponse r = new io.jwsgi.testing.TestClient(parsed.application()).get("/xyz?abc");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).startsWith("Hello world!\n\n").contains("PATH_INFO = '/xyz'");
        assertThat(Main.servingLine(parsed, 8000)).isEqualTo("Serving HTTP on 127.0.0.1 port 8000 ...");
    }

    @Test
    void theDemoTakesAPortAndABindAddress() throws Exception {
        assertThat(CommandLine.parse("9000")).isEqualTo(new CommandLine(Command.DEMO, "127.0.0.1", 9000, null));
        assertThat(CommandLine.parse("--bind", "0.0.0.0", "0"))
                .isEqualTo(new CommandLine(Command.DEMO, "0.0.0.0", 0, null));
        assertThat(CommandLine.parse("0", "--bind=::1")).isEqualTo(new CommandLine(Command.DEMO, "::1", 0, null));
        assertThat(CommandLine.parse("-b", "localhost", "--bind", "127.0.0.2"))
                .isEqualTo(new CommandLine(Command.DEMO, "127.0.0.2", 8000, null)); // the last one wins
        assertThat(CommandLine.parse("00080").port()).isEqualTo(80);
        assertThat(CommandLine.parse("65535").port()).isEqualTo(65535);
    }

    @Test
    void serveDefaultsToTheCurrentDirectoryAndPort8000() throws Exception {
        CommandLine parsed = CommandLine.parse("serve");

        assertThat(parsed)
                .isEqualTo(new CommandLine(
                        Command.SERVE, "127.0.0.1", 8000, Path.of("").toAbsolutePath()));
        assertThat(parsed.application()).isInstanceOf(io.jwsgi.middleware.StaticFiles.class);
    }

    @Test
    void serveTakesADirectoryAPortAndOptionsAnywhere() throws Exception {
        Path site = Files.createDirectories(tmp.resolve("site"));
        CommandLine expected = new CommandLine(Command.SERVE, "127.0.0.1", 0, site.toAbsolutePath());

        assertThat(CommandLine.parse("serve", site.toString(), "0", "--bind", "127.0.0.1"))
                .isEqualTo(expected);
        assertThat(CommandLine.parse("--bind=127.0.0.1", "serve", site.toString(), "0"))
                .isEqualTo(expected);
        assertThat(CommandLine.parse("serve", site + "/./", "0").directory()).isEqualTo(site.toAbsolutePath());
        assertThat(Main.servingLine(expected, 4321))
                .isEqualTo("Serving " + site.toAbsolutePath()
                        + " over HTTP on 127.0.0.1 port 4321 (http://127.0.0.1:4321/) ...");
        assertThat(Main.servingLine(new CommandLine(Command.SERVE, "::1", 0, site), 4321))
                .contains("HTTP on ::1 port 4321 (http://[::1]:4321/)");
    }

    @Test
    void doubleDashEndsTheOptions() throws Exception {
        Path dashed = Files.createDirectories(tmp.resolve("-dashed"));

        assertThat(CommandLine.parse("serve", "--", dashed.toString()).directory())
                .isEqualTo(dashed.toAbsolutePath());
        assertThatThrownBy(() -> CommandLine.parse("--", "--help"))
                .isInstanceOf(UsageException.class)
                .hasMessage("unknown command '--help' (the only command is serve)");
    }

    @ParameterizedTest
    @MethodSource("helpRequests")
    void helpPrintsTheUsageOnStandardOutputAndExitsZero(List<String> args) {
        Outcome outcome = run(args.toArray(String[]::new));

        assertThat(outcome.status()).isZero();
        assertThat(outcome.out()).isEqualTo(Main.USAGE);
        assertThat(outcome.out())
                .startsWith("usage: java -jar jwsgi-core.jar [--bind ADDR] [PORT]\n"
                        + "       java -jar jwsgi-core.jar serve [--bind ADDR] [DIR] [PORT]\n")
                .contains("--bind ADDR", "--help", "serve");
        assertThat(outcome.err()).isEmpty();
    }

    static Stream<List<String>> helpRequests() {
        return Stream.of(
                List.of("--help"),
                List.of("-h"),
                List.of("serve", "--help"),
                List.of("serve", "/no/such/dir", "99999", "--bogus", "-h"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("mistakes")
    void mistakesPrintOneLineAndAHintOnStandardErrorAndExitTwo(List<String> args, String message) {
        Outcome outcome = run(args.toArray(String[]::new));

        assertThat(outcome.status()).isEqualTo(2);
        assertThat(outcome.out()).isEmpty();
        assertThat(outcome.err()).isEqualTo("jwsgi-core: " + message + "\n" + TRY + "\n");
    }

    static Stream<Arguments> mistakes() throws Exception {
        Path file = Files.writeString(tmp.resolve("plain.txt"), "not a directory");
        String dir = tmp.toString();
        String port = "port must be a number from 0 to 65535, not ";
        return Stream.of(
                Arguments.of(List.of("--port", "80"), "unknown option '--port'"),
                Arguments.of(List.of("serve", "-x"), "unknown option '-x'"),
                Arguments.of(List.of("--bind"), "option --bind needs an address"),
                Arguments.of(List.of("serve", dir, "0", "-b"), "option -b needs an address"),
                Arguments.of(List.of("--bind="), "option --bind needs an address, e.g. 0.0.0.0 for every IPv4 address"),
                Arguments.of(
                        List.of("--bind", " "), "option --bind needs an address, e.g. 0.0.0.0 for every IPv4 address"),
                Arguments.of(List.of("hello"), "unknown command 'hello' (the only command is serve)"),
                Arguments.of(List.of(""), "unknown command '' (the only command is serve)"),
                Arguments.of(List.of("80a"), port + "'80a'"),
                Arguments.of(List.of("65536"), port + "'65536'"),
                Arguments.of(List.of("999999999999"), port + "'999999999999'"),
                Arguments.of(List.of("-1"), port + "'-1'"),
                Arguments.of(List.of("serve", dir, "abc"), port + "'abc'"),
                Arguments.of(List.of("serve", dir, "+80"), port + "'+80'"),
                Arguments.of(List.of("serve", dir, " 80"), port + "' 80'"),
                Arguments.of(List.of("serve", dir, "-5"), port + "'-5'"),
                Arguments.of(List.of("serve", dir, "70000"), port + "'70000'"),
                Arguments.of(List.of("serve", dir + "/missing"), "no such directory: '" + dir + "/missing'"),
                Arguments.of(List.of("serve", file.toString()), "not a directory: '" + file + "'"),
                Arguments.of(List.of("serve", "\0"), "not a directory: '\\x00'"),
                Arguments.of(List.of("serve", "a\nb"), "no such directory: 'a\\x0ab'"),
                Arguments.of(
                        List.of("serve", "8081"),
                        "no such directory: '8081' (the directory comes before the port: serve . 8081)"),
                Arguments.of(
                        List.of("serve", dir, "80", "extra"),
                        "too many arguments for serve: 'extra' (serve takes a directory and a port)"),
                Arguments.of(
                        List.of("8000", "8001"),
                        "too many arguments: '8001' (without a command, only a port may be given)"));
    }

    @Test
    void aPortInUseExitsOneWithTheReason() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Outcome outcome = run("serve", tmp.toString(), Integer.toString(taken.getLocalPort()));

            assertThat(outcome.status()).isEqualTo(1);
            assertThat(outcome.out()).isEmpty();
            assertThat(outcome.err())
                    .startsWith("jwsgi-core: cannot listen on 127.0.0.1 port " + taken.getLocalPort() + ": ")
                    .hasLineCount(1);
        }
    }

    @Test
    void anUnknownHostExitsOne() {
        Outcome outcome = run("--bind", "no-such-host.invalid", "0");

        assertThat(outcome.status()).isEqualTo(1);
        assertThat(outcome.err()).isEqualTo("jwsgi-core: cannot listen on no-such-host.invalid port 0: unknown host\n");
    }

    @Test
    void helpIsNotAnApplication() {
        assertThatThrownBy(() -> CommandLine.parse("-h").application()).isInstanceOf(IllegalStateException.class);
    }
}
