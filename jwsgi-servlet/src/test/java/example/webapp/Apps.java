package example.webapp;

import io.jwsgi.Application;
import io.jwsgi.Header;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Static factory methods, for init-params such as {@code example.webapp.Apps::greeting}. */
public final class Apps {

    private Apps() {}

    /** A greeting made by a factory method. */
    public static Application greeting() {
        return new Greeting("factory");
    }

    /** An application that breaks wsgiref's validator: a 200 without a Content-Type. */
    public static Application sloppy() {
        return (environ, startResponse) -> {
            startResponse.start("200 OK", List.of(Header.of("X-Sloppy", "yes")));
            return List.of("sloppy\n".getBytes(StandardCharsets.UTF_8));
        };
    }

    /** An application that fails before its response starts. */
    public static Application failing() {
        return (environ, startResponse) -> {
            throw new IllegalStateException("the failing application failed");
        };
    }

    /**
     * Reads the whole request body and answers {@code read N bytes}, or, when the read fails (a
     * body over the servlet's limit), {@code 200} with the exception's message.
     */
    public static Application bodyReader() {
        return (environ, startResponse) -> {
            String answer;
            try {
                answer = "read " + ((InputStream) environ.get("wsgi.input")).readAllBytes().length + " bytes";
            } catch (IOException e) {
                answer = e.getMessage();
            }
            startResponse.start("200 OK", List.of(Header.of("Content-Type", "text/plain")));
            return List.of(answer.getBytes(StandardCharsets.UTF_8));
        };
    }

    /** Not a factory: returns no application. */
    public static Application nothing() {
        return null;
    }

    /** Not a factory: not static. */
    public Application notStatic() {
        return greeting();
    }
}
