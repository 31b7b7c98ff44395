package io.jwsgi.servlet;

import java.nio.file.Path;

/** {@link JwsgiServletContainerTests} on embedded Jetty (ee11). */
class JettyJwsgiServletTests extends JwsgiServletContainerTests {

    @Override
    EmbeddedContainer container(Path dir) {
        return EmbeddedContainer.jetty(dir);
    }
}
