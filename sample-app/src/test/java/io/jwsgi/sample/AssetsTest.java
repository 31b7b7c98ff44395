package io.jwsgi.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwsgi.Environ;
import io.jwsgi.testing.TestClient;
import io.jwsgi.testing.TestResponse;
import io.jwsgi.util.FileWrapper;
import io.jwsgi.util.Util;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AssetsTest {

    private final Assets assets = new Assets();
    private final TestClient client = new TestClient(assets);

    private static byte[] resource(String name) throws Exception {
        try (InputStream in = Assets.class.getResourceAsStream("assets/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    /** A GET environ for a direct call, so the test sees the very iterable the app returns. */
    private static Map<String, Object> get(String path) {
        Map<String, Object> environ = new HashMap<>();
        environ.put(Environ.PATH_INFO, path);
        Util.setupTestingDefaults(environ);
        return environ;
    }

    @Test
    void servesEachFileWithItsTypeAndLength() throws Exception {
        for (Map.Entry<String, String> file : Assets.TYPES.entrySet()) {
            TestResponse response = client.get("/" + file.getKey());
            byte[] expected = resource(file.getKey());
            assertThat(response.statusLine()).isEqualTo("200 OK");
            assertThat(response.headers().get("Content-Type")).isEqualTo(file.getValue());
            assertThat(response.headers().get("Content-Length")).isEqualTo(Integer.toString(expected.length));
            assertThat(response.headers().get("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(response.body()).isEqualTo(expected);
        }
    }

    @Test
    void streamsThroughAFileWrapperOverTheFile() throws Exception {
        Iterable<byte[]> body = assets.call(get("/style.css"), (status, headers, excInfo) -> data -> {});
        assertThat(body).isInstanceOfSatisfying(FileWrapper.class, wrapper -> {
            assertThat(wrapper.blockSize()).isEqualTo(8192);
            assertThat(wrapper.fileChannel())
                    .as("a channel for zero-copy sendfile")
                    .isNotNull();
            wrapper.close();
        });
    }

    @Test
    void usesTheServersFileWrapperWhenOffered() throws Exception {
        List<Integer> blockSizes = new ArrayList<>();
        Map<String, Object> environ = get("/logo.svg");
        environ.put(Environ.WSGI_FILE_WRAPPER, (FileWrapper.Factory) (in, blockSize) -> {
            blockSizes.add(blockSize);
            return new FileWrapper(in, 16);
        });
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        try (FileWrapper body = (FileWrapper) assets.call(environ, (status, headers, excInfo) -> data -> {})) {
            body.forEach(received::writeBytes);
        }
        assertThat(blockSizes).containsExactly(8192);
        assertThat(received.toByteArray()).isEqualTo(resource("logo.svg"));
    }

    @Test
    void answers404ForAnythingNotListed() throws Exception {
        for (String path : List.of("/", "/nope.css", "/../Assets.class", "/%2e%2e/Assets.class", "/STYLE.CSS")) {
            assertThat(client.get(path).status()).as(path).isEqualTo(404);
        }
    }

    @Test
    void answersOtherMethodsWith405AndAllow() throws Exception {
        TestResponse response = client.request("POST", "/app.js", List.of(), new byte[0]);
        assertThat(response.status()).isEqualTo(405);
        assertThat(response.headers().get("Allow")).isEqualTo("GET, HEAD");
    }
}
