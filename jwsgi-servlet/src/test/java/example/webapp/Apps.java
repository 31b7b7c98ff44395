package example.webapp;

import io.jwsgi.Application;
import io.jwsgi.Header;
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

    /** Not a factory: returns no application. */
    public static Application nothing() {
        return null;
    }

    /** Not a factory: not static. */
    public Application notStatic() {
        return greeting();
    }
}
