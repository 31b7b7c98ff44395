package example.webapp;

import io.jwsgi.Application;
import java.util.function.Supplier;

/** Supplies a {@link Greeting}: for the init-param that names a {@code Supplier<Application>}. */
public class GreetingSupplier implements Supplier<Application> {

    @Override
    public Application get() {
        return new Greeting("supplier");
    }
}
