/**
 * The JWSGI servlet bridge: {@link io.jwsgi.servlet.JwsgiServlet} runs an {@link
 * io.jwsgi.Application} in any Servlet 6 container, one {@link io.jwsgi.servlet.JwsgiMount} per
 * servlet, watched by a {@link io.jwsgi.servlet.JwsgiRequestObserver}.
 */
package io.jwsgi.servlet;
