package io.jwsgi.simpleserver;

import io.jwsgi.Application;
import io.jwsgi.middleware.StaticFiles;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The arguments of {@link Main}, parsed: what to serve, where. Parsing touches no socket (it only
 * checks that a directory to serve is one), so the defaults can be tested without binding.
 *
 * @param command what to do
 * @param host the address to listen on
 * @param port the port; 0 for an ephemeral one
 * @param directory the directory to serve (absolute), or null for the demo application
 */
record CommandLine(Command command, String host, int port, Path directory) {

    /** The address served when {@code --bind} is not given: loopback only. */
    static final String DEFAULT_HOST = "127.0.0.1";

    /** The port served when none is given, as {@code python -m wsgiref.simple_server}. */
    static final int DEFAULT_PORT = 8000;

    /** What the command line asks for. */
    enum Command {
        /** Print the usage and stop. */
        HELP,
        /** Serve {@link SimpleServer#demoApp()}. */
        DEMO,
        /** Serve a directory through {@link StaticFiles}. */
        SERVE
    }

    /** A mistake in the arguments: its message is one line, for standard error. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    private static final CommandLine HELP_REQUEST = new CommandLine(Command.HELP, DEFAULT_HOST, DEFAULT_PORT, null);

    /**
     * Parses {@code [--bind ADDR] [PORT]} (the demo application) or {@code serve [--bind ADDR]
     * [DIR] [PORT]}. Options may come anywhere; {@code --} ends them. {@code -h} or {@code --help}
     * anywhere before {@code --} asks for the usage, whatever else is there.
     *
     * @param args the arguments of {@code main}
     * @return what to do
     * @throws UsageException for an unknown option or command, a missing option value, a bad
     *     port, a directory that is not one, or too many arguments
     */
    static CommandLine parse(String... args) throws UsageException {
        for (String arg : args) {
            if (arg.equals("--")) {
                break;
            }
            if (arg.equals("-h") || arg.equals("--help")) {
                return HELP_REQUEST;
            }
        }
        String host = DEFAULT_HOST;
        List<String> positional = new ArrayList<>();
        boolean options = true;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!options || arg.equals("-") || !arg.startsWith("-")) {
                positional.add(arg);
            } else if (arg.equals("--")) {
                options = false;
            } else if (arg.equals("--bind") || arg.equals("-b")) {
                if (i + 1 >= args.length) {
                    throw new UsageException("option " + arg + " needs an address");
                }
                host = address(arg, args[++i]);
            } else if (arg.startsWith("--bind=")) {
                host = address("--bind", arg.substring("--bind=".length()));
            } else if (isDigits(arg.substring(1))) {
                throw badPort(arg); // a negative port
            } else {
                throw new UsageException("unknown option " + quote(arg));
            }
        }
        if (positional.isEmpty()) {
            return new CommandLine(Command.DEMO, host, DEFAULT_PORT, null);
        }
        String first = positional.get(0);
        if (first.equals("serve")) {
            if (positional.size() > 3) {
                throw new UsageException("too many arguments for serve: " + quote(positional.get(3))
                        + " (serve takes a directory and a port)");
            }
            Path directory = positional.size() > 1
                    ? directory(positional.get(1))
                    : Path.of("").toAbsolutePath();
            int port = positional.size() > 2 ? port(positional.get(2)) : DEFAULT_PORT;
            return new CommandLine(Command.SERVE, host, port, directory);
        }
        if (first.isEmpty() || !Character.isDigit(first.charAt(0))) {
            throw new UsageException("unknown command " + quote(first) + " (the only command is serve)");
        }
        if (positional.size() > 1) {
            throw new UsageException("too many arguments: " + quote(positional.get(1))
                    + " (without a command, only a port may be given)");
        }
        return new CommandLine(Command.DEMO, host, port(first), null);
    }

    /**
     * The application to serve: a new {@link SimpleServer#demoApp()} or {@link StaticFiles} over
     * the directory.
     *
     * @return the application
     * @throws IllegalStateException for {@link Command#HELP}
     */
    Application application() {
        return switch (command) {
            case DEMO -> SimpleServer.demoApp();
            case SERVE -> new StaticFiles(directory);
            case HELP -> throw new IllegalStateException("nothing is served for --help");
        };
    }

    private static String address(String option, String value) throws UsageException {
        if (value.isBlank()) {
            throw new UsageException("option " + option + " needs an address, e.g. 0.0.0.0 for every IPv4 address");
        }
        return value;
    }

    private static int port(String value) throws UsageException {
        if (!isDigits(value) || value.length() > 5 || Integer.parseInt(value) > 65535) {
            throw badPort(value);
        }
        return Integer.parseInt(value);
    }

    private static UsageException badPort(String value) {
        return new UsageException("port must be a number from 0 to 65535, not " + quote(value));
    }

    private static Path directory(String value) throws UsageException {
        Path path;
        try {
            path = Path.of(value);
        } catch (InvalidPathException e) {
            throw new UsageException("not a directory: " + quote(value));
        }
        if (Files.isDirectory(path)) {
            return path.toAbsolutePath().normalize();
        }
        String hint = isDigits(value) ? " (the directory comes before the port: serve . " + value + ")" : "";
        if (Files.exists(path)) {
            throw new UsageException("not a directory: " + quote(value) + hint);
        }
        throw new UsageException("no such directory: " + quote(value) + hint);
    }

    private static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** {@code 's'} with control characters as {@code \xNN}, so that an error stays one line. */
    private static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('\'');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                b.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('\'').toString();
    }
}
