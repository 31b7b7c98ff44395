package io.jwsgi.validate;

import io.jwsgi.Application;
import io.jwsgi.Header;
import io.jwsgi.StartResponse;
import io.jwsgi.Write;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The server side of a request as PEP 3333 prescribes it, in memory: a start_response that
 * records what it is given (and re-throws excInfo once "headers were sent"), a write that
 * buffers, then iteration of the result and close() in a finally. Enough to drive the validator
 * from both sides without depending on the handlers package.
 */
final class MiniServer implements StartResponse {

    final List<String> statuses = new ArrayList<>();
    final List<List<Header>> headerLists = new ArrayList<>();
    final ByteArrayOutputStream body = new ByteArrayOutputStream();
    boolean headersSent;

    @Override
    public Write start(String status, List<Header> headers, Throwable excInfo) throws Exception {
        if (excInfo != null && headersSent) {
            throw new RuntimeException("re-raised", excInfo);
        }
        statuses.add(status);
        headerLists.add(headers);
        return data -> {
            headersSent = true;
            body.write(data);
        };
    }

    /** Runs {@code app} for {@code environ} the way a server does. */
    MiniServer run(Application app, Map<String, Object> environ) throws Exception {
        Iterable<byte[]> result = app.call(environ, this);
        try {
            for (byte[] chunk : result) {
                headersSent = true;
                body.write(chunk);
            }
        } finally {
            if (result instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
        return this;
    }
}
