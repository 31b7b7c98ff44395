package io.jwsgi.simpleserver.http1;

import io.jwsgi.Header;
import java.util.List;
import java.util.Locale;

/**
 * The framing decision for one request: how its body is delimited, and whether the connection
 * stays open. Ambiguous framing is refused (RFC 9112 §6): Content-Length with Transfer-Encoding,
 * Transfer-Encoding on HTTP/1.0, a repeated or non-decimal Content-Length, {@code chunked} not
 * last or repeated; so are a repeated Host or Content-Type.
 *
 * @param contentLength the body length from Content-Length, or -1 if there is none
 * @param chunked true for a chunked body ({@code contentLength} is then -1)
 * @param expectContinue true for {@code Expect: 100-continue} on HTTP/1.1
 * @param keepAlive true if the client wants the connection kept open after the response
 */
public record Framing(long contentLength, boolean chunked, boolean expectContinue, boolean keepAlive) {

    /** Transfer codings that may precede {@code chunked}; the app gets the coded bytes. */
    private static final List<String> KNOWN_CODINGS =
            List.of("identity", "gzip", "x-gzip", "deflate", "compress", "x-compress");

    /** The most digits a Content-Length may have (well below {@link Long#MAX_VALUE}). */
    private static final int MAX_LENGTH_DIGITS = 18;

    /** True if the request has a body to read (or drain). */
    public boolean hasBody() {
        return chunked || contentLength > 0;
    }

    /**
     * Decides the framing of a request.
     *
     * @throws RequestException 400 for ambiguous or malformed framing, 413 for a Content-Length
     *     over {@link ParserLimits#maxBodyBytes()}, 501 for an unknown transfer coding
     */
    static Framing decide(RequestLine line, List<Header> headers, ParserLimits limits) throws RequestException {
        int hosts = 0;
        int contentTypes = 0;
        String contentLength = null;
        StringBuilder transferEncoding = null;
        boolean close = false;
        boolean keepAliveToken = false;
        boolean expectContinue = false;
        for (Header h : headers) {
            String name = h.name();
            if (name.equalsIgnoreCase("host")) {
                hosts++;
            } else if (name.equalsIgnoreCase("content-type")) {
                contentTypes++;
            } else if (name.equalsIgnoreCase("content-length")) {
                if (contentLength != null) {
                    throw RequestException.badRequest("repeated Content-Length");
                }
                contentLength = h.value();
            } else if (name.equalsIgnoreCase("transfer-encoding")) {
                if (transferEncoding == null) {
                    transferEncoding = new StringBuilder(h.value());
                } else {
                    transferEncoding.append(',').append(h.value());
                }
            } else if (name.equalsIgnoreCase("connection")) {
                for (String token : h.value().split(",", -1)) {
                    String t = token.trim().toLowerCase(Locale.ROOT);
                    close |= t.equals("close");
                    keepAliveToken |= t.equals("keep-alive");
                }
            } else if (name.equalsIgnoreCase("expect")) {
                expectContinue |= h.value().equalsIgnoreCase("100-continue");
            }
        }
        if (hosts > 1) {
            throw RequestException.badRequest("repeated Host");
        }
        if (contentTypes > 1) {
            throw RequestException.badRequest("repeated Content-Type");
        }
        boolean http11 = line.isHttp11();
        boolean keepAlive = !close && (http11 || keepAliveToken);
        expectContinue &= http11;
        if (transferEncoding != null && !onlyIdentity(transferEncoding)) {
            if (!http11) {
                throw RequestException.badRequest("Transfer-Encoding on an HTTP/1.0 request");
            }
            if (contentLength != null) {
                throw RequestException.badRequest("both Content-Length and Transfer-Encoding");
            }
            checkTransferCodings(transferEncoding.toString());
            return new Framing(-1, true, expectContinue, keepAlive);
        }
        long length = -1;
        if (contentLength != null) {
            length = parseContentLength(contentLength);
            long max = limits.maxBodyBytes();
            if (max != ParserLimits.UNLIMITED && length > max) {
                throw new RequestException(
                        413, "Content-Length " + length + " over " + max + " bytes (raise ServerLimits.maxBodyBytes)");
            }
        }
        return new Framing(length, false, expectContinue, keepAlive);
    }

    /** True for a Transfer-Encoding of only {@code identity} codings: no coding at all. */
    private static boolean onlyIdentity(CharSequence value) {
        for (String coding : value.toString().split(",", -1)) {
            if (!coding.trim().equalsIgnoreCase("identity")) {
                return false;
            }
        }
        return true;
    }

    private static void checkTransferCodings(String value) throws RequestException {
        String[] codings = value.split(",", -1);
        for (int i = 0; i < codings.length; i++) {
            String coding = codings[i].trim().toLowerCase(Locale.ROOT);
            boolean last = i == codings.length - 1;
            if (coding.equals("chunked")) {
                if (!last) {
                    throw RequestException.badRequest("chunked must be the last transfer coding, and only once");
                }
            } else if (coding.isEmpty()) {
                throw RequestException.badRequest("empty transfer coding");
            } else if (!KNOWN_CODINGS.contains(coding)) {
                throw new RequestException(501, "unknown transfer coding " + coding);
            } else if (last) {
                throw RequestException.badRequest("a request's last transfer coding must be chunked");
            }
        }
    }

    private static long parseContentLength(String value) throws RequestException {
        long n = parseDecimal(value);
        if (n < 0) {
            throw RequestException.badRequest("malformed Content-Length");
        }
        return n;
    }

    /** Parses 1 to 18 ASCII digits; returns -1 for anything else. */
    public static long parseDecimal(String value) {
        if (value.isEmpty() || value.length() > MAX_LENGTH_DIGITS) {
            return -1;
        }
        long n = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
