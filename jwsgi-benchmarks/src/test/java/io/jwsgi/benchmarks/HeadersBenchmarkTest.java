package io.jwsgi.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Runs the benchmark methods once, untimed, to check they do the work they claim to measure. */
class HeadersBenchmarkTest {

    private final HeadersBenchmark benchmark = new HeadersBenchmark();

    @Test
    void buildsEightFieldsWithParameters() {
        assertThat(benchmark.build().size()).isEqualTo(8);
        assertThat(benchmark.build().get("Content-Disposition"))
                .isEqualTo("attachment; filename=\"report.csv\"; inline-preview");
    }

    @Test
    void lookupsFindThePresentHeaderAndMissTheAbsentOne() {
        assertThat(benchmark.lookupPresent()).isEqualTo("1234");
        assertThat(benchmark.lookupAbsent()).isNull();
    }

    @Test
    void toBytesSerialisesEveryLineAndTheBlankLine() {
        String wire = new String(benchmark.toBytes(), StandardCharsets.ISO_8859_1);
        assertThat(wire)
                .startsWith("Content-Type: text/html; charset=utf-8\r\n")
                .endsWith("\r\n\r\n");
        assertThat(wire.split("\r\n")).hasSize(8);
    }
}
