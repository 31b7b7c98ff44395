package io.jwsgi.simpleserver;

import io.jwsgi.Application;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;

/**
 * The command line of {@code jwsgi-core}: the jar's {@code Main-Class}.
 *
 * <pre>
 * java -jar jwsgi-core.jar [--bind ADDR] [PORT]               # python -m wsgiref.simple_server
 * java -jar jwsgi-core.jar serve [--bind ADDR] [DIR] [PORT]   # CPython's Tools/scripts/serve.py
 * java -jar jwsgi-core.jar --help
 * </pre>
 *
 * <p>Without a command it serves {@link SimpleServer#demoApp()}, as {@code python -m
 * wsgiref.simple_server} does (but until it is stopped, where wsgiref answers one request and
 * exits). {@code serve} serves the files of {@code DIR} (the current directory by default) through
 * {@link io.jwsgi.middleware.StaticFiles}: content types, {@code index.html}, HEAD, conditional
 * requests and ranges; no directory listings, nothing outside {@code DIR}, no hidden files. Both
 * listen on {@code 127.0.0.1} unless {@code --bind ADDR} (or {@code -b ADDR}, {@code
 * --bind=ADDR}) says otherwise, on port 8000 unless a port is given; port 0 takes an ephemeral
 * port. Once listening, one line goes to standard output, such as {@code Serving HTTP on 127.0.0.1
 * port 8000 ...}, with the real port; the access log goes to standard error. Ctrl+C (or SIGTERM)
 * shuts the server down gracefully ({@link WsgiServer#shutdown()}).
 *
 * <p>Exit status: 0 after {@code --help} or a graceful shutdown; 2 for bad arguments (unknown
 * option or command, a port that is not a number from 0 to 65535, a {@code DIR} that is not a
 * directory, too many arguments), with a one-line error and a hint to try {@code --help} on
 * standard error; 1 when the server cannot listen (address in use, unknown host) or accepting
 * fails.
 */
public final class Main {

    /** How the usage names the program. */
    static final String PROGRAM = "java -jar jwsgi-core.jar";

    /** The prefix of error lines. */
    static final String NAME = "jwsgi-core";

    static final String USAGE = "usage: " + PROGRAM + " [--bind ADDR] [PORT]\n"
            + "       " + PROGRAM + " serve [--bind ADDR] [DIR] [PORT]\n"
            + "\n"
            + "Without a command, serve the demo application (SimpleServer.demoApp(), like\n"
            + "python -m wsgiref.simple_server): \"Hello world!\" and the request's environ.\n"
            + "It shows the server's environment variables to every client: keep it local.\n"
            + "\n"
            + "serve: serve the files under DIR (default: the current directory), like\n"
            + "CPython's Tools/scripts/serve.py, through io.jwsgi.middleware.StaticFiles:\n"
            + "content types, DIR/index.html for DIR/, HEAD, Last-Modified and ETag with 304,\n"
            + "byte ranges. No directory listings; 404 for missing and hidden files and for\n"
            + "anything outside DIR (.., encoded .., symbolic links leading out).\n"
            + "\n"
            + "options:\n"
            + "  -b, --bind ADDR  listen on ADDR (default 127.0.0.1; 0.0.0.0 for every IPv4\n"
            + "                   address, :: for every address)\n"
            + "  -h, --help       show this help and exit\n"
            + "  PORT             the port (default 8000; 0 picks a free one)\n"
            + "\n"
            + "Prints \"Serving HTTP on ADDR port PORT ...\" once listening, logs each request\n"
            + "on standard error, and serves until stopped (Ctrl+C). Exit status: 0 after\n"
            + "--help or a shutdown, 2 for bad arguments, 1 if the server cannot listen.\n";

    private Main() {}

    /**
     * Runs the command line; see the class comment. Returns only after {@code --help}, an error,
     * or the shutdown of the server.
     *
     * @param args {@code [--bind ADDR] [PORT]}, {@code serve [--bind ADDR] [DIR] [PORT]} or {@code
     *     --help}
     */
    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * Parses {@code args}, then prints the usage or an error, or serves until the server is shut
     * down (by the shutdown hook this registers).
     *
     * @return the exit status: 0, 1 (cannot listen, accepting failed) or 2 (bad arguments)
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine commandLine;
        try {
            commandLine = CommandLine.parse(args);
        } catch (CommandLine.UsageException e) {
            err.println(NAME + ": " + e.getMessage());
            err.println("Try '" + PROGRAM + " --help' for more information.");
            err.flush();
            return 2;
        }
        if (commandLine.command() == CommandLine.Command.HELP) {
            out.print(USAGE);
            out.flush();
            return 0;
        }
        WsgiServer server;
        try {
            server = bind(commandLine, out, err);
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            err.println(NAME + ": cannot listen on " + commandLine.host() + " port " + commandLine.port() + ": "
                    + describe(e));
            err.flush();
            return 1;
        }
        Thread hook = new Thread(
                () -> {
                    err.println("Shutting down.");
                    err.flush();
                    server.shutdown();
                },
                "jwsgi-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            server.serveForever();
            return 0;
        } catch (IOException | RuntimeException e) {
            if (server.isShuttingDown()) {
                return 0;
            }
            err.println(NAME + ": serving failed: " + describe(e));
            err.flush();
            server.close();
            return 1;
        }
    }

    /**
     * Creates and binds the server for {@code commandLine} (not serving yet) and prints where it
     * listens on {@code out}, with the real port.
     *
     * @throws IOException if binding fails
     * @throws UnresolvedAddressException if the host is unknown
     */
    static WsgiServer bind(CommandLine commandLine, PrintStream out, PrintStream err) throws IOException {
        Application app = commandLine.application();
        WsgiServer server = SimpleServer.makeServer(commandLine.host(), commandLine.port(), app);
        out.println(servingLine(commandLine, server.getServerPort()));
        out.flush();
        if (commandLine.command() == CommandLine.Command.DEMO && !isLoopback(commandLine.host())) {
            err.println(NAME + ": warning: the demo application shows the server's environment variables"
                    + " to every client that can reach " + commandLine.host());
            err.flush();
        }
        return server;
    }

    /**
     * Binds the server as {@link #bind} does and serves it on a thread of its own; the caller
     * stops it with {@link WsgiServer#shutdown()} or {@link WsgiServer#close()}.
     *
     * @return the serving server
     * @throws IOException if binding fails
     */
    static WsgiServer start(CommandLine commandLine, PrintStream out, PrintStream err) throws IOException {
        WsgiServer server = bind(commandLine, out, err);
        Thread thread = new Thread(
                () -> {
                    try {
                        server.serveForever();
                    } catch (IOException | RuntimeException e) {
                        if (!server.isShuttingDown()) { // shut down before it began: nothing to say
                            err.println(NAME + ": serving failed: " + describe(e));
                        }
                    }
                },
                "jwsgi-serve-" + server.getServerPort());
        thread.start();
        return server;
    }

    /** {@code Serving HTTP on 127.0.0.1 port 8000 ...}, as wsgiref prints it; serve names the directory. */
    static String servingLine(CommandLine commandLine, int port) {
        String on = "HTTP on " + commandLine.host() + " port " + port;
        if (commandLine.command() == CommandLine.Command.SERVE) {
            String host = commandLine.host().indexOf(':') >= 0 ? "[" + commandLine.host() + "]" : commandLine.host();
            return "Serving " + commandLine.directory() + " over " + on + " (http://" + host + ":" + port + "/) ...";
        }
        return "Serving " + on + " ...";
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException | SecurityException e) {
            return false;
        }
    }

    private static String describe(Exception e) {
        if (e instanceof UnresolvedAddressException) {
            return "unknown host";
        }
        if (e instanceof UncheckedIOException unchecked) {
            return describe(unchecked.getCause());
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }
}
