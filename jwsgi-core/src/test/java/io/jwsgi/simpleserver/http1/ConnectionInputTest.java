package io.jwsgi.simpleserver.http1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConnectionInputTest {

    @Test
    void readsLinesDeliveredOneByteAtATime() throws Exception {
        ConnectionInput in = new ConnectionInput(Wire.trickle("first\r\nsecond\r\n\r\nrest"));
        assertThat(in.readLine(100, 400, "x")).isEqualTo("first");
        assertThat(in.readLine(100, 400, "x")).isEqualTo("second");
        assertThat(in.readLine(100, 400, "x")).isEmpty();
        assertThat(new String(in.readAllBytes(), "ISO-8859-1")).isEqualTo("rest");
    }

    @Test
    void keepsHighBytesAsOneCharEach() throws Exception {
        ConnectionInput in = new ConnectionInput(Wire.stream("caf\u00c3\u00a9\r\n"));
        assertThat(in.readLine(100, 400, "x")).isEqualTo("caf\u00c3\u00a9");
    }

    @Test
    void lineAtTheLimitPassesAndOnePastFails() throws Exception {
        String ten = "0123456789";
        assertThat(new ConnectionInput(Wire.stream(ten + "\r\n")).readLine(10, 414, "knob"))
                .isEqualTo(ten);
        assertThatThrownBy(() -> new ConnectionInput(Wire.stream(ten + "X\r\n")).readLine(10, 414, "knob"))
                .isInstanceOfSatisfying(
                        RequestException.class, e -> assertThat(e.status()).isEqualTo(414))
                .hasMessage("knob");
        assertThatThrownBy(() -> new ConnectionInput(Wire.trickle(ten + "XYZ")).readLine(10, 414, "knob"))
                .isInstanceOf(RequestException.class);
    }

    @Test
    void growsItsBufferForLongLines() throws Exception {
        String line = "x".repeat(20_000);
        assertThat(new ConnectionInput(Wire.stream(line + "\r\n")).readLine(30_000, 431, "k"))
                .isEqualTo(line);
    }

    @Test
    void refusesBareLfAndEndOfStreamMidLine() throws Exception {
        assertThatThrownBy(() -> new ConnectionInput(Wire.stream("GET /\n")).readLine(100, 400, "k"))
                .hasMessageContaining("bare LF");
        assertThatThrownBy(() -> new ConnectionInput(Wire.stream("\n")).readLine(100, 400, "k"))
                .hasMessageContaining("bare LF");
        assertThatThrownBy(() -> new ConnectionInput(Wire.stream("GET /")).readLine(100, 400, "k"))
                .hasMessageContaining("closed");
        assertThat(new ConnectionInput(Wire.stream("")).readLine(100, 400, "k")).isNull();
    }

    @Test
    void bulkReadsServeBufferedBytesFirst() throws Exception {
        ConnectionInput in = new ConnectionInput(Wire.stream("a\r\nbody"));
        in.readLine(10, 400, "k");
        assertThat(in.buffered()).isEqualTo(4);
        byte[] b = new byte[10];
        assertThat(in.read(b, 0, 10)).isEqualTo(4);
        assertThat(in.read(b, 0, 10)).isEqualTo(-1);
    }
}
