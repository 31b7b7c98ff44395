package io.jwsgi.servlet;

import java.nio.file.Path;

/** {@link JwsgiServletContainerTests} on embedded Tomcat. */
class TomcatJwsgiServletTests extends JwsgiServletContainerTests {

    @Override
    EmbeddedContainer container(Path dir) {
        return EmbeddedContainer.tomcat(dir);
    }
}
