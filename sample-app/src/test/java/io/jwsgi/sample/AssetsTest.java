package io.jwsgi.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwsgi.Environ;
import io.jwsgi.util.FileWrapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AssetsTest {

    private final Assets assets = new Assets();

    private static byte[] resource(String name) throws Exception {
        try (InputStream in = Assets.class.getResourceAsStream("assets/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void servesEachFileWithItsTypeAndLength() throws Exception {
        for (Map.Entry<String, String> file : Assets.TYPES.entrySet()) {
            Call.Reply reply = Call.get(assets, "/" + file.getKey());
            byte[] expected = resource(file.getKey());
            assertThat(reply.status()).isEqualTo("200 OK");
            assertThat(reply.header("Content-Type")).isEqualTo(file.getValue());
            assertThat(reply.header("Content-Length")).isEqualTo(Integer.toString(expected.length));
            assertThat(reply.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(reply.body()).isEqualTo(expected);
        }
    }

    @Test
    void streamsThroughAFileWrapperOverTheFile() throws Exception {
        Call.Reply reply = Call.requestWithoutValidator(assets, Call.environ("GET", "/style.css", null, new byte[0]));
        assertThat(reply.iterable()).isInstanceOfSatisfying(FileWrapper.class, wrapper -> {
            assertThat(wrapper.blockSize()).isEqualTo(8192);
            assertThat(wrapper.fileChannel())
                    .as("a channel for zero-copy sendfile")
                    .isNotNull();
        });
    }

    @Test
    void usesTheServersFileWrapperWhenOffered() throws Exception {
        List<Integer> blockSizes = new ArrayList<>();
        Map<String, Object> environ = Call.environ("GET", "/logo.svg", null, new byte[0]);
        environ.put(Environ.WSGI_FILE_WRAPPER, (FileWrapper.Factory) (in, blockSize) -> {
            blockSizes.add(blockSize);
            return new FileWrapper(in, 16);
        });
        Call.Reply reply = Call.request(assets, environ);
        assertThat(blockSizes).containsExactly(8192);
        assertThat(reply.body()).isEqualTo(resource("logo.svg"));
    }

    @Test
    void answers404ForAnythingNotListed() throws Exception {
        for (String path : List.of("/", "/nope.css", "/../Assets.class", "/%2e%2e/Assets.class", "/STYLE.CSS")) {
            assertThat(Call.get(assets, path).code()).as(path).isEqualTo(404);
        }
    }

    @Test
    void answersOtherMethodsWith405AndAllow() throws Exception {
        Call.Reply reply = Call.request(assets, Call.environ("POST", "/app.js", "text/plain", new byte[0]));
        assertThat(reply.code()).isEqualTo(405);
        assertThat(reply.header("Allow")).isEqualTo("GET, HEAD");
    }
}
