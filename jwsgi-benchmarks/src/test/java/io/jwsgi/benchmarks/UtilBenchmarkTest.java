package io.jwsgi.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.infra.Blackhole;

/** Runs the benchmark methods once, untimed, to check they do the work they claim to measure. */
class UtilBenchmarkTest {

    private final UtilBenchmark benchmark = new UtilBenchmark();

    @Test
    void requestUriQuotesThePathAndKeepsTheQuery() {
        assertThat(benchmark.requestUri())
                .isEqualTo("http://example.org:8080/app/users/42/caf%C3%A9%20profile?tab=posts&page=2");
    }

    @Test
    void shiftPathInfoShiftsTheSameSegmentEveryCall() {
        Blackhole blackhole = new Blackhole(
                "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        try {
            assertThat(benchmark.shiftPathInfo(blackhole)).isEqualTo("users");
            assertThat(benchmark.shiftPathInfo(blackhole)).isEqualTo("users");
        } finally {
            blackhole.evaporate("Yes, I am Stephen Hawking, and know a thing or two about black holes.");
        }
    }
}
