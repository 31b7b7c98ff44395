package io.jwsgi.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import example.webapp.Apps;
import example.webapp.Broken;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRegistration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link JwsgiServlet#init()} says when its init-params are wrong: each servlet below is
 * registered in a real Tomcat with a mistake, and Tomcat's own allocation of the servlet (what it
 * does for the first request) fails with the servlet's {@link ServletException}, whose message
 * names the servlet, the init-param and what is wrong.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JwsgiServletInitParamTests {

    private Tomcat tomcat;
    private Context context;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        this.tomcat = new Tomcat();
        this.tomcat.setBaseDir(dir.toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        this.tomcat.setConnector(connector);
        this.context = this.tomcat.addContext(
                "", Files.createDirectories(dir.resolve("docs")).toString());
        this.context.addServletContainerInitializer(
                (classes, servletContext) -> {
                    named(servletContext, "unnamed", Map.of());
                    named(servletContext, "missing", Map.of("application", "example.webapp.Missing"));
                    named(servletContext, "notAnApplication", Map.of("application", "java.lang.StringBuilder"));
                    named(
                            servletContext,
                            "failingConstructor",
                            Map.of("application", name(Broken.FailingConstructor.class)));
                    named(servletContext, "needsArgument", Map.of("application", name(Broken.NeedsArgument.class)));
                    named(servletContext, "suppliesString", Map.of("application", name(Broken.SuppliesString.class)));
                    named(servletContext, "factoryOfNull", Map.of("application", name(Apps.class) + "::nothing"));
                    named(servletContext, "notStatic", Map.of("application", name(Apps.class) + "::notStatic"));
                    named(servletContext, "noSuchMethod", Map.of("application", name(Apps.class) + "::nope"));
                    named(
                            servletContext,
                            "badFlag",
                            Map.of("application", name(Apps.class) + "::greeting", "validate", "yes"));
                    named(
                            servletContext,
                            "badLimit",
                            Map.of("application", name(Apps.class) + "::greeting", "max-request-body", "10MB"));
                    named(
                            servletContext,
                            "blankIsUnset",
                            Map.of("application", " example.webapp.Greeting ", "validate", " "));
                    ServletRegistration.Dynamic both =
                            servletContext.addServlet("both", new JwsgiServlet(Apps.greeting()));
                    both.setInitParameter("application", name(Apps.class) + "::greeting");
                    both.addMapping("/both/*");
                },
                null);
        this.tomcat.start();
    }

    private static void named(ServletContext context, String servlet, Map<String, String> params) {
        ServletRegistration.Dynamic registration = context.addServlet(servlet, JwsgiServlet.class);
        registration.setInitParameters(params);
        registration.addMapping("/" + servlet + "/*");
    }

    private static String name(Class<?> type) {
        return type.getName();
    }

    @AfterAll
    void stop() throws Exception {
        this.tomcat.stop();
        this.tomcat.destroy();
    }

    private Wrapper wrapper(String servlet) {
        return (Wrapper) this.context.findChild(servlet);
    }

    @Test
    void missingApplication() {
        assertThatThrownBy(() -> wrapper("unnamed").allocate())
                .isInstanceOf(ServletException.class)
                .hasMessageStartingWith("JWSGI servlet 'unnamed': the init-param application is missing");
    }

    @Test
    void classThatDoesNotExist() {
        assertThatThrownBy(() -> wrapper("missing").allocate())
                .isInstanceOf(ServletException.class)
                .hasMessage("JWSGI servlet 'missing': init-param application=example.webapp.Missing: there is no"
                        + " class example.webapp.Missing (is it in WEB-INF/classes or WEB-INF/lib?)")
                .hasCauseInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void classThatIsNotAnApplication() {
        assertThatThrownBy(() -> wrapper("notAnApplication").allocate())
                .isInstanceOf(ServletException.class)
                .hasMessage("JWSGI servlet 'notAnApplication': init-param application=java.lang.StringBuilder:"
                        + " java.lang.StringBuilder neither implements io.jwsgi.Application nor"
                        + " java.util.function.Supplier<Application> nor has a public static application() method");
    }

    @Test
    void constructorThatFails() {
        assertThatThrownBy(() -> wrapper("failingConstructor").allocate())
                .isInstanceOf(ServletException.class)
                .hasMessage("JWSGI servlet 'failingConstructor': init-param application="
                        + name(Broken.FailingConstructor.class)
                        + ": the constructor of " + name(Broken.FailingConstructor.class)
                        + " threw java.lang.IllegalStateException: no database")
                .cause()
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no database");
    }

    @Test
    void classWithoutANoArgConstructor() {
        assertThatThrownBy(() -> wrapper("needsArgument").allocate())
                .isInstanceOf(ServletException.class)
                .hasMessageEndingWith(name(Broken.NeedsArgument.class) + " has no public no-arg constructor");
    }

    @Test
    void supplierOfSomethingElse() {
        assertThatThrownBy(() -> wrapper("suppliesString").allocate())
                .isInstanceOf(ServletException.class)
                .hasMessageEndingWith(name(Broken.SuppliesString.class)
                        + ".get() returned a java.lang.String, not an io.jwsgi.Application");
    }

    @Test
    void factoryMethodMistakes() {
        assertThatThrownBy(() -> wrapper("factoryOfNull").allocate())
                .isInstanceOf(ServletException.class)
                .hasMessageEndingWith(": example.webapp.Apps::nothing() returned null, not an io.jwsgi.Application");
        assertThatThrownBy(() -> wrapper("notStatic").allocate())
                .isInstanceOf(ServletException.class)
                .hasMessage("JWSGI servlet 'notStatic': init-param application=example.webapp.Apps::notStatic:"
                        + " example.webapp.Apps::notStatic is not static");
        assertThatThrownBy(() -> wrapper("noSuchMethod").allocate())
                .isInstanceOf(ServletException.class)
                .hasMessageEndingWith("no public method nope() in example.webapp.Apps");
    }

    @Test
    void malformedSettings() {
        assertThatThrownBy(() -> wrapper("badFlag").allocate())
                .isInstanceOf(ServletException.class)
                .hasMessage("JWSGI servlet 'badFlag': init-param validate=yes: say true or false");
        assertThatThrownBy(() -> wrapper("badLimit").allocate())
                .isInstanceOf(ServletException.class)
                .hasMessage("JWSGI servlet 'badLimit': init-param max-request-body=10MB: not a whole number of bytes"
                        + " (negative for no limit)");
    }

    @Test
    void anApplicationGivenAndNamedIsRefused() {
        assertThatThrownBy(() -> wrapper("both").allocate())
                .isInstanceOf(ServletException.class)
                .hasMessageStartingWith("JWSGI servlet 'both': it was made with an application, and the init-param"
                        + " application names another");
    }

    @Test
    void valuesAreTrimmedAndBlankMeansUnset() throws Exception {
        JwsgiServlet servlet = (JwsgiServlet) wrapper("blankIsUnset").allocate();
        assertThat(servlet.getApplication()).isInstanceOf(example.webapp.Greeting.class);
    }
}
