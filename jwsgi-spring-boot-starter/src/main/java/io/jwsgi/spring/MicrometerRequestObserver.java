package io.jwsgi.spring;

import io.jwsgi.servlet.JwsgiMount;
import io.jwsgi.servlet.JwsgiRequestObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.http.Outcome;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;

/**
 * Records every JWSGI request in Micrometer.
 *
 * <ul>
 *   <li>{@code jwsgi.requests} (timer): tags {@code app} (bean name), {@code method} (a standard
 *       HTTP method or {@code UNKNOWN}), {@code status}, {@code outcome} ({@code SUCCESS}, {@code
 *       CLIENT_ERROR}, ...) and {@code exception} (simple class name or {@code none}).
 *   <li>{@code jwsgi.requests.active} (long-task timer): requests in progress, tag {@code app}.
 *   <li>{@code jwsgi.validator.violations} (counter): requests of validated applications that
 *       ended in an {@link AssertionError}, tag {@code app}.
 * </ul>
 */
final class MicrometerRequestObserver implements JwsgiRequestObserver {

    private static final Set<String> METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT");

    private final MeterRegistry registry;

    MicrometerRequestObserver(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Completion start(JwsgiMount mount, HttpServletRequest request) {
        String app = mount.name();
        String method = METHODS.contains(request.getMethod()) ? request.getMethod() : "UNKNOWN";
        LongTaskTimer.Sample active = LongTaskTimer.builder("jwsgi.requests.active")
                .description("JWSGI requests in progress")
                .tag("app", app)
                .register(this.registry)
                .start();
        Timer.Sample sample = Timer.start(this.registry);
        return (status, failure) -> {
            active.stop();
            sample.stop(Timer.builder("jwsgi.requests")
                    .description("JWSGI requests, from the application call to the end of the response")
                    .tag("app", app)
                    .tag("method", method)
                    .tag("status", Integer.toString(status))
                    .tag("outcome", Outcome.forStatus(status).name())
                    .tag("exception", exceptionTag(failure))
                    .register(this.registry));
            if (mount.validated() && failure instanceof AssertionError) {
                Counter.builder("jwsgi.validator.violations")
                        .description("Requests that the validator stopped with an AssertionError")
                        .tag("app", app)
                        .register(this.registry)
                        .increment();
            }
        };
    }

    private static String exceptionTag(Throwable failure) {
        if (failure == null) {
            return "none";
        }
        String simple = failure.getClass().getSimpleName();
        return simple.isEmpty() ? failure.getClass().getName() : simple;
    }
}
