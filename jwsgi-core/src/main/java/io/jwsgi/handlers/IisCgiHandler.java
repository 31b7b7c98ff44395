package io.jwsgi.handlers;

import java.util.Map;

/**
 * A {@link CgiHandler} for Microsoft IIS without its {@code allowPathInfo} option: Python's {@code
 * wsgiref.handlers.IISCGIHandler}. Such an IIS repeats {@code SCRIPT_NAME} at the start of {@code
 * PATH_INFO}; this handler strips the repetition so that routing by {@code PATH_INFO} works.
 *
 * <pre>{@code
 * // SCRIPT_NAME=/app, PATH_INFO=/app/users/7  →  the application sees PATH_INFO=/users/7
 * new IisCgiHandler().run(application);
 * }</pre>
 */
public class IisCgiHandler extends CgiHandler {

    /** Creates a handler over the standard streams and the fixed-up process environment. */
    public IisCgiHandler() {
        super(stripScriptName(Handlers.readEnviron()));
    }

    /**
     * Runs the application named by {@code args[0]} for the CGI request of this process, as
     * {@link CgiHandler#main} does.
     *
     * @param args the application's class name
     */
    public static void main(String[] args) {
        run(new IisCgiHandler(), args);
    }

    static Map<String, String> stripScriptName(Map<String, String> environ) {
        String path = environ.getOrDefault("PATH_INFO", "");
        String script = environ.getOrDefault("SCRIPT_NAME", "");
        if ((path + "/").startsWith(script + "/")) {
            environ.put("PATH_INFO", path.substring(script.length()));
        }
        return environ;
    }
}
