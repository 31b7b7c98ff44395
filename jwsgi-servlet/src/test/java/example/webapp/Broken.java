package example.webapp;

import io.jwsgi.Application;
import io.jwsgi.StartResponse;
import java.util.Map;
import java.util.function.Supplier;

/** Applications that cannot be made, for the init-param's error messages. */
public final class Broken {

    private Broken() {}

    /** Its constructor fails. */
    public static final class FailingConstructor implements Application {
        public FailingConstructor() {
            throw new IllegalStateException("no database");
        }

        @Override
        public Iterable<byte[]> call(Map<String, Object> environ, StartResponse startResponse) {
            throw new AssertionError("never made");
        }
    }

    /** Has no no-arg constructor. */
    public static final class NeedsArgument implements Application {
        public NeedsArgument(String argument) {
            throw new AssertionError("never called: " + argument);
        }

        @Override
        public Iterable<byte[]> call(Map<String, Object> environ, StartResponse startResponse) {
            throw new AssertionError("never made");
        }
    }

    /** A supplier of something else. */
    public static final class SuppliesString implements Supplier<String> {
        @Override
        public String get() {
            return "not an application";
        }
    }
}
