package io.jwsgi.python.spring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code python} block of one application, {@code jwsgi.apps.<name>.python}: which Python
 * callable to run and how many GraalPy Contexts run it.
 *
 * <pre>{@code
 * jwsgi:
 *   apps:
 *     shop:
 *       path: /shop
 *       python:
 *         app: shop.wsgi:app                     # module:callable or module:factory()
 *         path: [src/python, /usr/lib/python3/dist-packages]
 *         contexts: 4                            # default: the number of processors
 *         max-waiting: 256
 *         acquire-timeout: 30s
 * }</pre>
 */
public class PythonAppProperties {

    /** The WSGI callable, as gunicorn takes it: module:callable, module:factory(), or a bare module. */
    private String app;

    /** Directories put in front of sys.path, in order (relative ones against the working directory). */
    private List<String> path = new ArrayList<>();

    /** How many GraalPy Contexts serve requests in parallel; the number of processors when not set. */
    private Integer contexts;

    /** How many requests may wait for a free Context at once; more get 503 Service Unavailable. */
    private int maxWaiting = 256;

    /** How long a request waits for a free Context before it gets 503 Service Unavailable. */
    private Duration acquireTimeout = Duration.ofSeconds(30);

    /**
     * The WSGI callable.
     *
     * @return {@code module:callable}, or {@code null} if not configured
     */
    public String getApp() {
        return this.app;
    }

    /**
     * Sets the WSGI callable.
     *
     * @param app {@code module:callable}, {@code module:factory()} or a bare module (its {@code
     *     application})
     */
    public void setApp(String app) {
        this.app = app;
    }

    /**
     * The directories put in front of {@code sys.path}.
     *
     * @return the mutable list
     */
    public List<String> getPath() {
        return this.path;
    }

    /**
     * Sets the directories put in front of {@code sys.path}.
     *
     * @param path the directories, in order
     */
    public void setPath(List<String> path) {
        this.path = new ArrayList<>(path);
    }

    /**
     * How many Contexts serve in parallel.
     *
     * @return the number, or {@code null} for the number of processors
     */
    public Integer getContexts() {
        return this.contexts;
    }

    /**
     * Sets how many Contexts serve in parallel.
     *
     * @param contexts at least 1
     */
    public void setContexts(Integer contexts) {
        this.contexts = contexts;
    }

    /**
     * How many requests may wait for a Context.
     *
     * @return the bound
     */
    public int getMaxWaiting() {
        return this.maxWaiting;
    }

    /**
     * Sets how many requests may wait for a Context.
     *
     * @param maxWaiting 0 or more
     */
    public void setMaxWaiting(int maxWaiting) {
        this.maxWaiting = maxWaiting;
    }

    /**
     * How long a request waits for a Context.
     *
     * @return the timeout
     */
    public Duration getAcquireTimeout() {
        return this.acquireTimeout;
    }

    /**
     * Sets how long a request waits for a Context.
     *
     * @param acquireTimeout not negative
     */
    public void setAcquireTimeout(Duration acquireTimeout) {
        this.acquireTimeout = acquireTimeout;
    }

    /** One entry of {@code jwsgi.apps}, of which this module reads only the {@code python} block. */
    public static class Entry {

        /** The Python application of this entry, or none for a Java Application bean. */
        private PythonAppProperties python;

        /**
         * The {@code python} block.
         *
         * @return the block, or {@code null} when the entry configures a Java bean
         */
        public PythonAppProperties getPython() {
            return this.python;
        }

        /**
         * Sets the {@code python} block.
         *
         * @param python the block
         */
        public void setPython(PythonAppProperties python) {
            this.python = python;
        }
    }
}
