/**
 * The WSGI conformance checker, the Java port of Python's {@code wsgiref.validate}.
 *
 * <p>{@link io.jwsgi.validate.Validator#validator} wraps an application so that every exchange
 * between a server and the application is checked against JWSGI (PEP 3333 in Java types).
 * Everything else in this package is a package-private wrapper.
 */
package io.jwsgi.validate;
