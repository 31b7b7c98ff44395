package io.jwsgi.bench;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The peer of the comparison: hello world written straight against the Servlet API. */
final class HelloServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType(Hello.CONTENT_TYPE);
        response.setContentLength(Hello.BODY.length);
        response.getOutputStream().write(Hello.BODY);
    }
}
