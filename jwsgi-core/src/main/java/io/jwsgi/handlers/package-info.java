/**
 * Python's {@code wsgiref.handlers} for JWSGI: the {@link io.jwsgi.handlers.BaseHandler} template
 * that runs an application for one request, its stream-based {@link
 * io.jwsgi.handlers.SimpleHandler}, the gateway handlers {@link io.jwsgi.handlers.BaseCgiHandler},
 * {@link io.jwsgi.handlers.CgiHandler} and {@link io.jwsgi.handlers.IisCgiHandler}, and {@link
 * io.jwsgi.handlers.Handlers#readEnviron()} and {@link io.jwsgi.handlers.Handlers#formatDateTime}.
 *
 * <p>Servers build on {@code BaseHandler} by supplying its I/O hooks; a CGI script needs only
 * {@code new CgiHandler().run(application)} (see {@code docs/cgi.md}).
 */
package io.jwsgi.handlers;
