package io.jwsgi.middleware;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HttpDatesTest {

    @Test
    void formatsImfFixdateWithATwoDigitDay() {
        assertThat(HttpDates.format(784111777L)).isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
        assertThat(HttpDates.format(0)).isEqualTo("Thu, 01 Jan 1970 00:00:00 GMT");
    }

    @Test
    void parsesWhatItFormatsAndRejectsOtherForms() {
        assertThat(HttpDates.parse("Sun, 06 Nov 1994 08:49:37 GMT")).isEqualTo(784111777L);
        assertThat(HttpDates.parse(" Sun, 6 Nov 1994 08:49:37 GMT ")).isEqualTo(784111777L);
        assertThat(HttpDates.parse("Sunday, 06-Nov-94 08:49:37 GMT")).isEqualTo(-1);
        assertThat(HttpDates.parse("")).isEqualTo(-1);
    }
}
