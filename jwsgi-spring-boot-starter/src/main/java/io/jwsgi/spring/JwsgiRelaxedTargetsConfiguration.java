package io.jwsgi.spring;

import org.eclipse.jetty.ee11.servlet.ServletHandler;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.jetty.ConfigurableJettyWebServerFactory;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * {@code jwsgi.relaxed-request-targets}: the container's own knobs set so that it accepts the
 * request targets it refuses by default and the standalone server accepts (see
 * docs/bridge-differences.md for what each container refuses and what stays refused).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("jwsgi.relaxed-request-targets")
@Import({JwsgiRelaxedTargetsConfiguration.Tomcat.class, JwsgiRelaxedTargetsConfiguration.Jetty.class})
class JwsgiRelaxedTargetsConfiguration {

    /** The characters RFC 3986 does not allow unencoded, which Tomcat can be told to accept. */
    static final String TOMCAT_RELAXED_CHARS = "\"<>[\\]^`{|}";

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.apache.catalina.startup.Tomcat")
    static class Tomcat {
        /**
         * relaxedPathChars and relaxedQueryChars: every character Tomcat can relax; %2F and %5C
         * passed through undecoded (the bridge decodes the raw path itself); allowBackslash, so
         * that an unencoded {@code \} is accepted (Tomcat maps it as {@code /}).
         */
        @Bean
        WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> jwsgiRelaxedTomcatTargets() {
            return factory -> factory.addConnectorCustomizers(connector -> {
                connector.setProperty("relaxedPathChars", TOMCAT_RELAXED_CHARS);
                connector.setProperty("relaxedQueryChars", TOMCAT_RELAXED_CHARS);
                connector.setEncodedSolidusHandling("passthrough");
                connector.setEncodedReverseSolidusHandling("passthrough");
                connector.setAllowBackslash(true); // else an unencoded \ in the path stays refused
            });
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.eclipse.jetty.server.Server")
    static class Jetty {
        /**
         * UriCompliance.UNSAFE on every connector, and the servlet handler told to decode the
         * paths that the Servlet API calls ambiguous instead of answering 400.
         */
        @Bean
        WebServerFactoryCustomizer<ConfigurableJettyWebServerFactory> jwsgiRelaxedJettyTargets() {
            return factory -> factory.addServerCustomizers(Jetty::relax);
        }

        private static void relax(Server server) {
            for (org.eclipse.jetty.server.Connector connector : server.getConnectors()) {
                HttpConnectionFactory http = connector.getConnectionFactory(HttpConnectionFactory.class);
                if (http != null) {
                    http.getHttpConfiguration().setUriCompliance(UriCompliance.UNSAFE);
                }
            }
            for (ServletHandler handler : server.getDescendants(ServletHandler.class)) {
                handler.setDecodeAmbiguousURIs(true);
            }
        }
    }
}
