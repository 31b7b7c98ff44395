package example.webapp;

import io.jwsgi.Application;
import io.jwsgi.Header;
import io.jwsgi.StartResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Greets, saying how it was made and where jwsgi's classes came from: in a WAR, from the jars in
 * its {@code WEB-INF/lib}.
 */
public class Greeting implements Application {

    private final String madeBy;

    /** The constructor {@code JwsgiServlet} calls when the init-param names this class. */
    public Greeting() {
        this("constructor");
    }

    Greeting(String madeBy) {
        this.madeBy = madeBy;
    }

    @Override
    public Iterable<byte[]> call(Map<String, Object> environ, StartResponse startResponse) throws Exception {
        ClassLoader loader = getClass().getClassLoader();
        String text = "made by " + this.madeBy + "\n"
                + "core from " + where(loader.loadClass("io.jwsgi.Application")) + "\n"
                + "servlet from " + where(loader.loadClass("io.jwsgi.servlet.JwsgiServlet")) + "\n";
        startResponse.start("200 OK", List.of(Header.of("Content-Type", "text/plain; charset=utf-8")));
        return List.of(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String where(Class<?> type) {
        return String.valueOf(type.getProtectionDomain().getCodeSource().getLocation());
    }
}
