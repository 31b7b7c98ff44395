package io.jwsgi.servlet;

import jakarta.servlet.ServletContainerInitializer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.scan.StandardJarScanner;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;

/**
 * A real embedded Tomcat or Jetty on 127.0.0.1, an ephemeral port, without Spring: contexts whose
 * servlets an initializer registers through the {@code ServletContext} (as a user's {@code
 * ServletContainerInitializer} would), and web applications deployed from a WAR file.
 */
abstract class EmbeddedContainer implements AutoCloseable {

    final Path dir;
    private int contexts;

    private EmbeddedContainer(Path dir) {
        this.dir = dir;
    }

    static EmbeddedContainer tomcat(Path dir) {
        return new TomcatContainer(dir);
    }

    static EmbeddedContainer jetty(Path dir) {
        return new JettyContainer(dir);
    }

    /** Adds a context ({@code ""} for the root) whose servlets {@code setup} registers at start. */
    abstract EmbeddedContainer context(String path, ServletContainerInitializer setup) throws Exception;

    /** Adds a web application deployed from a WAR file ({@code ""} for the root). */
    abstract EmbeddedContainer webapp(String path, Path war) throws Exception;

    /** Starts the container; returns its port. */
    abstract int start() throws Exception;

    /** Stops the container. */
    @Override
    public final void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    abstract void stop() throws Exception;

    /** A fresh directory for a context's files. */
    Path newDir(String prefix) throws Exception {
        return Files.createDirectories(this.dir.resolve(prefix + (++this.contexts)));
    }

    private static final class TomcatContainer extends EmbeddedContainer {
        private final Tomcat tomcat = new Tomcat();
        private final Connector connector = new Connector();

        TomcatContainer(Path dir) {
            super(dir);
            this.tomcat.setBaseDir(dir.resolve("tomcat").toString());
            this.connector.setPort(0);
            this.connector.setProperty("address", "127.0.0.1");
            this.tomcat.setConnector(this.connector);
            // Embedded Tomcat would give a web application the defaults of a standalone one's
            // conf/web.xml, whose JSP servlet needs Jasper: the WAR here declares all it uses.
            this.tomcat.setAddDefaultWebXmlToWebapp(false);
        }

        @Override
        EmbeddedContainer context(String path, ServletContainerInitializer setup) throws Exception {
            Context context = this.tomcat.addContext(path, newDir("docs").toString());
            context.addServletContainerInitializer(setup, null);
            return this;
        }

        @Override
        EmbeddedContainer webapp(String path, Path war) throws Exception {
            Files.createDirectories(this.dir.resolve("tomcat").resolve("webapps"));
            Context context = this.tomcat.addWebapp(path, war.toString());
            // The test JVM's class path is the container's here (not so in a standalone Tomcat):
            // keep its jars from being scanned, and Spring's initializer (a dependency of other
            // tests of this module) from being run, so that the WAR runs on what it holds.
            StandardJarScanner scanner = new StandardJarScanner();
            scanner.setScanClassPath(false);
            context.setJarScanner(scanner);
            context.setContainerSciFilter("org\\.springframework\\.");
            return this;
        }

        @Override
        int start() throws Exception {
            this.tomcat.start();
            return this.connector.getLocalPort();
        }

        @Override
        void stop() throws Exception {
            this.tomcat.stop();
            this.tomcat.destroy();
        }
    }

    private static final class JettyContainer extends EmbeddedContainer {
        private final Server server = new Server();
        private final ServerConnector connector = new ServerConnector(this.server);
        private final ContextHandlerCollection handlers = new ContextHandlerCollection();

        JettyContainer(Path dir) {
            super(dir);
            this.connector.setHost("127.0.0.1");
            this.connector.setPort(0);
            this.server.addConnector(this.connector);
            this.server.setHandler(this.handlers);
        }

        @Override
        EmbeddedContainer context(String path, ServletContainerInitializer setup) throws Exception {
            ServletContextHandler context = new ServletContextHandler(path.isEmpty() ? "/" : path);
            context.setBaseResourceAsPath(newDir("docs"));
            context.addServletContainerInitializer(setup);
            this.handlers.addHandler(context);
            return this;
        }

        @Override
        EmbeddedContainer webapp(String path, Path war) throws Exception {
            WebAppContext context = new WebAppContext();
            context.setContextPath(path.isEmpty() ? "/" : path);
            context.setWar(war.toString());
            context.setTempDirectory(newDir("jetty-work").toFile());
            this.handlers.addHandler(context);
            return this;
        }

        @Override
        int start() throws Exception {
            this.server.start();
            return this.connector.getLocalPort();
        }

        @Override
        void stop() throws Exception {
            this.server.stop();
        }
    }
}
