package io.jwsgi.validate;

/**
 * What the validator knows about one response, shared by the start_response wrapper, the write
 * wrapper and the result wrapper. {@code closed} is read by the cleaner thread, so it is volatile.
 */
final class ResponseState {

    /** How often start_response was called. */
    int startCalls;

    /** Whether the server closed the response iterable. */
    volatile boolean closed;
}
