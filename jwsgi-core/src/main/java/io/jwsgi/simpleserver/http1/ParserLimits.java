package io.jwsgi.simpleserver.http1;

/**
 * The limits the parser holds a client to: the wire part of {@link
 * io.jwsgi.simpleserver.ServerLimits}, given to {@link RequestParser}'s constructor. Every error
 * message names the {@code ServerLimits} knob to raise, the one users configure.
 *
 * @param maxRequestLineBytes the longest request line, without CRLF (414 beyond)
 * @param maxHeaderBytes the byte budget of one header or trailer section, CRLFs included (431)
 * @param maxHeaderFields the most fields in one header or trailer section (431)
 * @param maxBodyBytes the largest body, or {@link #UNLIMITED} (413)
 * @param maxChunkLineBytes the longest chunk-size line with its extensions (400)
 */
public record ParserLimits(
        int maxRequestLineBytes, int maxHeaderBytes, int maxHeaderFields, long maxBodyBytes, int maxChunkLineBytes) {

    /** Value of {@link #maxBodyBytes()} that means "no limit" (as {@code ServerLimits.UNLIMITED}). */
    public static final long UNLIMITED = -1;
}
