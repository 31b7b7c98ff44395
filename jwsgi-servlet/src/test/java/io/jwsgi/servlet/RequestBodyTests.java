package io.jwsgi.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class RequestBodyTests {

    private static final String LIMIT = "max-request-body";

    @Test
    void bodyAtTheLimitIsReadWhole() throws IOException {
        RequestBody body = new RequestBody(new ByteArrayInputStream(new byte[10]), 10, LIMIT, -1);
        assertThat(body.readAllBytes()).hasSize(10);
        assertThat(body.failure()).isNull();
    }

    @Test
    void oneByteOverTheLimitFailsAndIsRemembered() {
        RequestBody body =
                new RequestBody(new ByteArrayInputStream(new byte[11]), 10, "init-param max-request-body", -1);
        IOException e = assertThrows(IOException.class, body::readAllBytes);
        assertThat(e)
                .isInstanceOf(RequestBody.TooLargeException.class)
                .hasMessage("request body is larger than init-param max-request-body (10 bytes)");
        assertThat(body.failure()).isSameAs(e);
    }

    @Test
    void nothingIsTakenFromTheContainerPastOneByteOverTheLimit() {
        ByteArrayInputStream container = new ByteArrayInputStream(new byte[100]);
        RequestBody body = new RequestBody(container, 10, LIMIT, -1);
        byte[] buffer = new byte[64];
        assertThrows(RequestBody.TooLargeException.class, () -> {
            while (body.read(buffer, 0, buffer.length) >= 0) {
                // read until the limit fails the read
            }
        });
        assertThat(container.available())
                .as("bytes left in the container's stream")
                .isEqualTo(89);
    }

    @Test
    void negativeLimitMeansNone() throws IOException {
        assertThat(new RequestBody(new ByteArrayInputStream(new byte[5000]), -1, LIMIT, -1).readAllBytes())
                .hasSize(5000);
    }

    @Test
    void singleByteReadsAndSkipsCountTowardsTheLimit() throws IOException {
        RequestBody body = new RequestBody(new ByteArrayInputStream(new byte[] {1, 2, 3, 4}), 3, LIMIT, -1);
        assertThat(body.read()).isEqualTo(1);
        assertThat(body.skip(2)).isEqualTo(2);
        assertThatExceptionOfType(RequestBody.TooLargeException.class).isThrownBy(body::read);
    }

    @Test
    void failureOfTheUnderlyingStreamIsRemembered() {
        IOException broken = new IOException("bad chunk");
        RequestBody body = new RequestBody(
                new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw broken;
                    }
                },
                -1,
                LIMIT,
                -1);
        assertThatExceptionOfType(IOException.class).isThrownBy(() -> body.read(new byte[4], 0, 4));
        assertThat(body.failure()).isSameAs(broken);
    }

    @Test
    void aBodyThatEndsBeforeItsContentLengthFailsAfterTheBytesItHad() throws IOException {
        RequestBody body = new RequestBody(new ByteArrayInputStream(new byte[] {1, 2, 3}), -1, LIMIT, 10);
        byte[] buffer = new byte[16];
        assertThat(body.read(buffer, 0, buffer.length)).isEqualTo(3);
        IOException e = assertThrows(IOException.class, () -> body.read(buffer, 0, buffer.length));
        assertThat(e)
                .isInstanceOf(RequestBody.EndedEarlyException.class)
                .hasMessageStartingWith("the request body ended after 3 of the 10 bytes of its Content-Length");
        assertThat(body.failure()).isSameAs(e);
    }

    @Test
    void aBodyOfItsContentLengthOrOfNoneEndsQuietly() throws IOException {
        RequestBody exact = new RequestBody(new ByteArrayInputStream(new byte[10]), -1, LIMIT, 10);
        assertThat(exact.readAllBytes()).hasSize(10);
        assertThat(exact.read()).isEqualTo(-1);
        assertThat(exact.failure()).isNull();
        RequestBody chunked = new RequestBody(new ByteArrayInputStream(new byte[3]), -1, LIMIT, -1);
        assertThat(chunked.readAllBytes()).hasSize(3);
        assertThat(chunked.failure()).isNull();
        RequestBody empty = new RequestBody(new ByteArrayInputStream(new byte[0]), -1, LIMIT, 0);
        assertThat(empty.read()).isEqualTo(-1);
        assertThat(empty.failure()).isNull();
    }
}
