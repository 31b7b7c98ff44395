package io.jwsgi.python;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * N {@link Worker}s over the shared engine. A request takes an idle one or waits for one, at most
 * {@code maxWaiting} requests at a time and each at most {@code timeout}; a worker that broke is
 * closed and a new one is made in the background.
 */
final class ContextPool implements AutoCloseable {

    private final PythonConfig config;
    private final int size;
    private final int maxWaiting;
    private final long timeoutNanos;
    private final LinkedBlockingDeque<Worker> idle = new LinkedBlockingDeque<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final List<Worker> all = new ArrayList<>();
    private final List<PythonApplication.ContextStartup> startup = new ArrayList<>();
    final LongAdder replaced = new LongAdder();
    private volatile boolean closed;

    /** Builds every worker now, so that the application is imported before the host is ready. */
    ContextPool(PythonConfig config, int size, int maxWaiting, Duration timeout) throws PythonException {
        this.config = config;
        this.size = size;
        this.maxWaiting = maxWaiting;
        this.timeoutNanos = timeout.toNanos();
        try {
            for (int i = 0; i < size; i++) {
                Worker worker = new Worker(config);
                this.startup.add(new PythonApplication.ContextStartup(
                        Duration.ofNanos(worker.initNanos), Duration.ofNanos(worker.loadNanos)));
                synchronized (this.all) {
                    this.all.add(worker);
                }
                this.idle.addLast(worker);
            }
        } catch (PythonException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * An idle worker, waiting for one if need be.
     *
     * @return the worker, or {@code null} when the wait queue is full or the wait timed out
     */
    Worker acquire() throws InterruptedException {
        if (this.closed) {
            return null;
        }
        Worker worker = this.idle.pollFirst();
        if (worker != null) {
            return worker;
        }
        if (this.waiting.incrementAndGet() > this.maxWaiting) {
            this.waiting.decrementAndGet();
            return null;
        }
        try {
            return this.idle.pollFirst(this.timeoutNanos, TimeUnit.NANOSECONDS);
        } finally {
            this.waiting.decrementAndGet();
        }
    }

    /** Gives a worker back, or replaces it if it broke. */
    void release(Worker worker) {
        if (this.closed) {
            worker.close();
        } else if (!worker.broken) {
            this.idle.addFirst(worker); // the most recently used: its code is the warmest
        } else {
            synchronized (this.all) {
                this.all.remove(worker);
            }
            worker.close();
            Thread.ofPlatform().name("jwsgi-python-replace").daemon().start(this::replace);
        }
    }

    private void replace() {
        try {
            Worker worker = new Worker(this.config);
            synchronized (this.all) {
                this.all.add(worker);
            }
            this.replaced.increment();
            release(worker);
        } catch (PythonException | RuntimeException e) {
            System.err.println("jwsgi-python: cannot replace a broken Python context of " + this.config.name() + ": "
                    + e.getMessage());
        }
    }

    List<PythonApplication.ContextStartup> startup() {
        return List.copyOf(this.startup);
    }

    int size() {
        return this.size;
    }

    int idle() {
        return this.idle.size();
    }

    int waiting() {
        return this.waiting.get();
    }

    @Override
    public void close() {
        this.closed = true;
        List<Worker> workers;
        synchronized (this.all) {
            workers = new ArrayList<>(this.all);
            this.all.clear();
        }
        this.idle.clear();
        for (Worker worker : workers) {
            worker.close();
        }
    }
}
