/**
 * The WSGI conformance checker, the Java port of Python's {@code wsgiref.validate}.
 *
 * <p>{@link io.jwsgi.validate.Validator#validator} wraps an application so that every exchange
 * between a server and the application is checked against JWSGI (PEP 3333 in Java types).
 * Everything else in this package is package-private: the wrappers of the environ's streams, of
 * {@code start_response} and of the result, the checks they run, and how they report a violation
 * ({@code Violations}).
 */
package io.jwsgi.validate;
