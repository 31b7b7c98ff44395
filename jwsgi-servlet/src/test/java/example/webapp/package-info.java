/**
 * A user's JWSGI applications, as a WAR holds them in {@code WEB-INF/classes}: they depend on
 * jwsgi-core only, and are named by the {@code application} init-param of {@code
 * io.jwsgi.servlet.JwsgiServlet} in {@code web.xml}.
 */
package example.webapp;
