/**
 * Python's {@code wsgiref.util} for JWSGI: {@link io.jwsgi.util.Util} (URL reconstruction, path
 * shifting, testing defaults, the hop-by-hop test) and {@link io.jwsgi.util.FileWrapper} (a
 * stream as a response body, the type of {@code wsgi.file_wrapper}); and {@link
 * io.jwsgi.util.EnvironBuilder}, the rules of {@code wsgiref.simple_server} for turning a request
 * into CGI variables, which every jwsgi server uses.
 */
package io.jwsgi.util;
