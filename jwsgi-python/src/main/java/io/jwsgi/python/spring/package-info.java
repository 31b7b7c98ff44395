/**
 * The Spring Boot host of jwsgi-python: with this module and the jwsgi starter on the classpath,
 * {@code jwsgi.apps.<name>.python.app: module:callable} in {@code application.yml} alone makes a
 * {@link io.jwsgi.python.spring.PythonApplicationBean} named {@code <name>}, which the starter
 * mounts at {@code jwsgi.apps.<name>.path} like any {@link io.jwsgi.Application} bean: the same
 * {@code jwsgi.requests} metrics, validator option and Actuator endpoint. Configured by {@link
 * io.jwsgi.python.spring.PythonAppProperties}; registered by {@link
 * io.jwsgi.python.spring.JwsgiPythonAutoConfiguration}.
 */
package io.jwsgi.python.spring;
