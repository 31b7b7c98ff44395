package io.jwsgi.middleware;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** HTTP dates (RFC 9110 IMF-fixdate) for Last-Modified and If-Modified-Since. */
final class HttpDates {

    private static final DateTimeFormatter IMF_FIXDATE = DateTimeFormatter.ofPattern(
                    "EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private HttpDates() {}

    /** Formats whole seconds since the epoch, for example {@code Sun, 06 Nov 1994 08:49:37 GMT}. */
    static String format(long epochSeconds) {
        return IMF_FIXDATE.format(Instant.ofEpochSecond(epochSeconds));
    }

    /**
     * Parses an IMF-fixdate (also the RFC 1123 form with a one-digit day).
     *
     * @return seconds since the epoch, or -1 when {@code value} is not such a date
     */
    static long parse(String value) {
        try {
            return Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(value.trim()))
                    .getEpochSecond();
        } catch (DateTimeParseException e) {
            return -1;
        }
    }
}
