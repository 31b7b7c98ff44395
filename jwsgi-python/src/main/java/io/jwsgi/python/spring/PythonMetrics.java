package io.jwsgi.python.spring;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Micrometer meters of the Python applications' Context pools, tag {@code app} (the bean name):
 *
 * <ul>
 *   <li>{@code jwsgi.python.contexts} (gauge): Contexts by {@code state}, {@code busy} or {@code
 *       idle} (both 0 until the import is done);
 *   <li>{@code jwsgi.python.waiting} (gauge): requests waiting for a free Context now;
 *   <li>{@code jwsgi.python.rejected} (counter): requests answered 503 because no Context was free
 *       in time or too many were waiting;
 *   <li>{@code jwsgi.python.contexts.replaced} (counter): broken Contexts replaced.
 * </ul>
 *
 * <p>The requests themselves are in the starter's {@code jwsgi.requests} timer, as for any
 * application.
 */
final class PythonMetrics implements MeterBinder {

    private final ObjectProvider<PythonApplicationBean> applications;

    PythonMetrics(ObjectProvider<PythonApplicationBean> applications) {
        this.applications = applications;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        this.applications.orderedStream().forEach(app -> {
            Gauge.builder("jwsgi.python.contexts", app, PythonApplicationBean::busyContexts)
                    .description("Python contexts of the application's pool, busy or idle")
                    .tag("app", app.name())
                    .tag("state", "busy")
                    .register(registry);
            Gauge.builder("jwsgi.python.contexts", app, PythonApplicationBean::idleContexts)
                    .description("Python contexts of the application's pool, busy or idle")
                    .tag("app", app.name())
                    .tag("state", "idle")
                    .register(registry);
            Gauge.builder("jwsgi.python.waiting", app, PythonApplicationBean::waitingRequests)
                    .description("Requests waiting for a free Python context")
                    .tag("app", app.name())
                    .register(registry);
            FunctionCounter.builder("jwsgi.python.rejected", app, PythonApplicationBean::rejected)
                    .description("Requests answered 503 because no Python context was free in time")
                    .tag("app", app.name())
                    .register(registry);
            FunctionCounter.builder("jwsgi.python.contexts.replaced", app, PythonApplicationBean::replacedContexts)
                    .description("Broken Python contexts that were replaced")
                    .tag("app", app.name())
                    .register(registry);
        });
    }
}
