package io.jwsgi;

import java.io.IOException;

/**
 * The legacy {@code write(data)} callable of PEP 3333, returned by {@link StartResponse#start}.
 *
 * <p>New applications should return their body from {@link Application#call} instead; {@code
 * write} exists for frameworks that push output imperatively. Every call sends its data before
 * returning (sending the headers first if need be).
 */
@FunctionalInterface
public interface Write {

    /**
     * Sends one chunk of the response body.
     *
     * @param data the bytes to send; never {@code null}
     * @throws IOException when the client went away or the data cannot be sent
     */
    void write(byte[] data) throws IOException;
}
