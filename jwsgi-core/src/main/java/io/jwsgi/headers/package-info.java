/**
 * Python's {@code wsgiref.headers} for JWSGI: {@link io.jwsgi.headers.Headers}, a
 * case-insensitive, order-keeping view over a list of response headers that refuses header
 * injection.
 */
package io.jwsgi.headers;
