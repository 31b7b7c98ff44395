/**
 * The Spring Boot starter of JWSGI: declare {@link io.jwsgi.Application} beans and {@link
 * io.jwsgi.spring.JwsgiAutoConfiguration} mounts each in a {@link io.jwsgi.servlet.JwsgiServlet},
 * configured by {@link io.jwsgi.spring.JwsgiProperties} ({@code jwsgi.*}), measured by {@link
 * io.jwsgi.spring.JwsgiMetricsAutoConfiguration} and listed by the Actuator endpoint {@link
 * io.jwsgi.spring.JwsgiEndpoint}.
 */
package io.jwsgi.spring;
