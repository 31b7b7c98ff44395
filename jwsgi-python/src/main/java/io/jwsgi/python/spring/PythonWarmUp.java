package io.jwsgi.python.spring;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;

/**
 * Waits, before Spring Boot reports the application ready, until every Python application is
 * imported in all its Contexts. Runners run after the web server started (liveness {@code
 * CORRECT}) and before readiness turns {@code ACCEPTING_TRAFFIC}: so while Python imports, the
 * server answers, {@code /actuator/health/readiness} is {@code OUT_OF_SERVICE} and the Python
 * mounts answer 503; an import that fails fails {@code SpringApplication.run} with the traceback.
 */
final class PythonWarmUp implements ApplicationRunner, Ordered {

    private final ObjectProvider<PythonApplicationBean> applications;

    PythonWarmUp(ObjectProvider<PythonApplicationBean> applications) {
        this.applications = applications;
    }

    @Override
    public void run(ApplicationArguments args) throws InterruptedException {
        for (PythonApplicationBean application :
                this.applications.orderedStream().toList()) {
            application.awaitReady();
        }
    }

    /** First of the runners: the user's own runners see the Python applications ready. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
