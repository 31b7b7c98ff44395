package io.jwsgi.simpleserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ServerLimitsTest {

    @Test
    void defaultsAreTheNamedConstants() {
        ServerLimits d = ServerLimits.defaults();
        assertThat(d.maxRequestLineBytes())
                .isEqualTo(ServerLimits.DEFAULT_MAX_REQUEST_LINE_BYTES)
                .isEqualTo(8192);
        assertThat(d.maxHeaderBytes()).isEqualTo(65536);
        assertThat(d.maxHeaderFields()).isEqualTo(100);
        assertThat(d.maxBodyBytes()).isEqualTo(64L * 1024 * 1024);
        assertThat(d.maxChunkLineBytes()).isEqualTo(ServerLimits.DEFAULT_MAX_CHUNK_LINE_BYTES);
        assertThat(d.maxDrainBytes()).isEqualTo(ServerLimits.DEFAULT_MAX_DRAIN_BYTES);
        assertThat(d.maxConnections()).isEqualTo(ServerLimits.DEFAULT_MAX_CONNECTIONS);
        assertThat(d.headerTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(d.bodyTimeout()).isEqualTo(ServerLimits.DEFAULT_BODY_TIMEOUT);
        assertThat(d.idleTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(d.shutdownTimeout()).isEqualTo(ServerLimits.DEFAULT_SHUTDOWN_TIMEOUT);
    }

    @Test
    void builderChangesOnlyWhatItIsTold() {
        ServerLimits l = ServerLimits.builder()
                .maxBodyBytes(ServerLimits.UNLIMITED)
                .idleTimeout(Duration.ofMillis(250))
                .build();
        assertThat(l.maxBodyBytes()).isEqualTo(ServerLimits.UNLIMITED);
        assertThat(l.idleTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(l.maxHeaderBytes()).isEqualTo(ServerLimits.DEFAULT_MAX_HEADER_BYTES);
        assertThat(l.toBuilder().build()).isEqualTo(l).hasSameHashCodeAs(l);
        assertThat(l).isNotEqualTo(ServerLimits.defaults());
        assertThat(l.toString()).contains("maxBodyBytes=-1");
    }

    @Test
    void invalidValuesAreRefusedNamingTheKnob() {
        assertThatThrownBy(() -> ServerLimits.builder().maxRequestLineBytes(3))
                .hasMessageContaining("maxRequestLineBytes");
        assertThatThrownBy(() -> ServerLimits.builder().maxBodyBytes(-2)).hasMessageContaining("maxBodyBytes");
        assertThatThrownBy(() -> ServerLimits.builder().maxConnections(0)).hasMessageContaining("maxConnections");
        assertThatThrownBy(() -> ServerLimits.builder().headerTimeout(Duration.ZERO))
                .hasMessageContaining("headerTimeout");
        assertThatThrownBy(() -> ServerLimits.builder().shutdownTimeout(Duration.ofSeconds(-1)))
                .hasMessageContaining("shutdownTimeout");
        assertThatThrownBy(() -> ServerLimits.builder().maxDrainBytes(-1)).hasMessageContaining("maxDrainBytes");
    }

    @Test
    void theRecordConstructorChecksAsTheBuilderDoes() {
        ServerLimits d = ServerLimits.defaults();
        assertThat(new ServerLimits(
                        d.maxRequestLineBytes(),
                        d.maxHeaderBytes(),
                        d.maxHeaderFields(),
                        d.maxBodyBytes(),
                        d.maxChunkLineBytes(),
                        d.maxDrainBytes(),
                        d.maxConnections(),
                        d.headerTimeout(),
                        d.bodyTimeout(),
                        d.idleTimeout(),
                        d.shutdownTimeout()))
                .isEqualTo(d);
        assertThatThrownBy(() -> new ServerLimits(
                        d.maxRequestLineBytes(),
                        d.maxHeaderBytes(),
                        d.maxHeaderFields(),
                        -2,
                        d.maxChunkLineBytes(),
                        d.maxDrainBytes(),
                        d.maxConnections(),
                        d.headerTimeout(),
                        d.bodyTimeout(),
                        d.idleTimeout(),
                        d.shutdownTimeout()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxBodyBytes");
    }
}
