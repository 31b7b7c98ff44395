package io.jwsgi.python;

import io.jwsgi.simpleserver.SimpleServer;
import io.jwsgi.simpleserver.WsgiServer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The launcher behind {@code bin/jwsgi-python}: serves a Python WSGI application through jwsgi's
 * standalone HTTP/1.1 server, as {@code gunicorn module:callable} does.
 *
 * <pre>
 * jwsgi-python [--bind ADDR] [--port N] [--path DIR]... [--workers N] module:callable
 * </pre>
 *
 * <p>Prints {@code jwsgi-python: serving ... on http://ADDR:PORT/} once every Context has the
 * application imported and the server listens; SIGTERM or Ctrl+C stop it after the requests in
 * progress.
 */
public final class Main {

    static final String USAGE = "usage: jwsgi-python [--bind ADDR] [--port N] [--path DIR]... [--workers N]"
            + " module:callable\n"
            + "\n"
            + "Serve a Python WSGI application (PEP 3333; Flask's app object, module:factory() too)\n"
            + "on GraalPy through jwsgi's HTTP/1.1 server.\n"
            + "\n"
            + "options:\n"
            + "  -b, --bind ADDR   listen on ADDR (default 127.0.0.1)\n"
            + "  -p, --port N      the port (default 8000; 0 picks a free one)\n"
            + "  --path DIR        put DIR on sys.path (repeatable; the current directory is always first)\n"
            + "  -w, --workers N   Python contexts serving in parallel (default: the number of processors)\n"
            + "  -h, --help        show this help and exit\n";

    private Main() {}

    /**
     * Runs the launcher.
     *
     * @param args the command line
     * @throws Exception if serving fails
     */
    public static void main(String[] args) throws Exception {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws IOException, InterruptedException {
        String bind = "127.0.0.1";
        int port = 8000;
        int workers = Runtime.getRuntime().availableProcessors();
        List<Path> path = new ArrayList<>(List.of(Path.of("")));
        String app = null;
        try {
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "-h", "--help" -> {
                        out.print(USAGE);
                        return 0;
                    }
                    case "-b", "--bind" -> bind = value(args, ++i, arg);
                    case "-p", "--port" -> port = Integer.parseInt(value(args, ++i, arg));
                    case "--path" -> path.add(Path.of(value(args, ++i, arg)));
                    case "-w", "--workers" -> workers = Integer.parseInt(value(args, ++i, arg));
                    default -> {
                        if (arg.startsWith("-") || app != null) {
                            throw new IllegalArgumentException("unexpected argument " + arg);
                        }
                        app = arg;
                    }
                }
            }
            if (app == null) {
                throw new IllegalArgumentException("no application given (module:callable)");
            }
        } catch (IllegalArgumentException e) {
            err.println("jwsgi-python: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        long start = System.nanoTime();
        PythonApplication application;
        try {
            application = PythonApplication.builder(app)
                    .pythonPath(path)
                    .contexts(workers)
                    .build();
        } catch (PythonException e) {
            err.println("jwsgi-python: cannot load " + app + ":");
            err.print(e.traceback());
            return 1;
        }
        WsgiServer server = SimpleServer.makeServer(bind, port, application);
        out.printf(
                "jwsgi-python: serving %s on http://%s:%d/ with %d Python contexts (%s; ready in %d ms)%n",
                app,
                bind,
                server.getServerPort(),
                application.contexts(),
                runtime(),
                (System.nanoTime() - start) / 1_000_000);
        out.println("jwsgi-python: start-up " + startup(application.startup()));
        out.flush();
        Thread main = Thread.currentThread();
        AtomicBoolean stopping = new AtomicBoolean();
        CountDownLatch drained = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            stopping.set(true);
                            err.println("jwsgi-python: shutting down (requests in progress finish first)");
                            err.flush();
                            server.shutdown(); // stops accepting, waits for the requests in flight
                            drained.countDown();
                            try {
                                main.join(15_000); // until main has closed the Contexts and said so
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        "jwsgi-python-shutdown"));
        try {
            server.serveForever(); // returns as soon as the shutdown begins
        } finally {
            if (stopping.get()) {
                // the Contexts must outlive the requests still in flight
                drained.await(server.getLimits().shutdownTimeout().toSeconds() + 10, TimeUnit.SECONDS);
            }
            int idle = application.idleContexts();
            application.close();
            err.printf(
                    "jwsgi-python: stopped: %d calls, %d results closed, %d lists (nothing to close),"
                            + " %d rejected (503), %d contexts replaced, %d of %d contexts idle%n",
                    application.calls(),
                    application.closes(),
                    application.listResults(),
                    application.rejected(),
                    application.replacedContexts(),
                    idle,
                    application.contexts());
            err.flush();
        }
        return 0;
    }

    /** The start-up figures of the pool, for the ready line: what the first Context cost, then the others. */
    static String startup(List<PythonApplication.ContextStartup> contexts) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < contexts.size(); i++) {
            PythonApplication.ContextStartup c = contexts.get(i);
            out.append(i == 0 ? "" : ", ")
                    .append("context ")
                    .append(i + 1)
                    .append(": Python ")
                    .append(c.init().toMillis())
                    .append(" ms + import ")
                    .append(c.load().toMillis())
                    .append(" ms");
        }
        return out.toString();
    }

    /** Which Truffle runtime runs Python: the optimizing one, or the interpreter-only fallback. */
    static String runtime() {
        String name = PythonEngine.engine().getImplementationName();
        return name.toLowerCase(java.util.Locale.ROOT).contains("interpreted")
                ? "interpreter only: the JIT compiler is not available on this JVM"
                : "optimizing runtime: " + name;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
