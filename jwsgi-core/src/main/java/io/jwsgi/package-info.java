/**
 * The JWSGI contract: {@link io.jwsgi.Application}, {@link io.jwsgi.StartResponse}, {@link
 * io.jwsgi.Write}, {@link io.jwsgi.Header} and the environ keys in {@link io.jwsgi.Environ}.
 *
 * <p>This is PEP 3333 (WSGI 1.0.1) in Java types. An application is one function from an environ
 * and a {@code StartResponse} to an iterable of byte chunks; servers and gateways in the other
 * packages of this library run it.
 */
package io.jwsgi;
