package io.jwsgi.servlet;

import jakarta.servlet.http.HttpServletRequest;

/** Watches the requests a {@link JwsgiServlet} serves: the seam where metrics plug in. */
public interface JwsgiRequestObserver {

    /** Observes nothing. */
    JwsgiRequestObserver NONE = (mount, request) -> (status, failure) -> {};

    /**
     * Called when a request reaches the application.
     *
     * @param mount the application's mount
     * @param request the request
     * @return what to call when the response is done
     */
    Completion start(JwsgiMount mount, HttpServletRequest request);

    /** The end of one observed request. */
    interface Completion {

        /**
         * Called once when the response is done, whatever happened.
         *
         * @param status the response's status code
         * @param failure the exception that ended the request in an error, or {@code null}
         */
        void end(int status, Throwable failure);
    }
}
