package io.jwsgi.validate;

import static io.jwsgi.validate.Violations.fail;

import io.jwsgi.Header;
import io.jwsgi.StartResponse;
import io.jwsgi.Write;
import java.util.List;

/**
 * Wraps the server's start_response: checks the status, the headers, the excInfo rules (a second
 * call needs a non-null excInfo) and wraps the returned write callable.
 */
final class StartResponseWrapper implements StartResponse {

    private final StartResponse startResponse;
    private final ResponseState state;

    StartResponseWrapper(StartResponse startResponse, ResponseState state) {
        this.startResponse = startResponse;
        this.state = state;
    }

    @Override
    public Write start(String status, List<Header> headers, Throwable excInfo) throws Exception {
        if (state.closed) {
            throw fail("start_response called after the server closed the response");
        }
        if (state.startCalls > 0 && excInfo == null) {
            throw fail("start_response called a second time without excInfo; only an error handler may call it"
                    + " again, passing the exception");
        }
        int code = ResponseChecks.checkStatus(status);
        ResponseChecks.checkHeaders(headers);
        ResponseChecks.checkContentType(code, headers);
        state.startCalls++;
        Write write = startResponse.start(status, headers, excInfo);
        if (write == null) {
            throw fail("The server's start_response returned null instead of a write callable");
        }
        return data -> {
            if (data == null) {
                throw fail("write() must be called with a byte[], got null");
            }
            if (state.closed) {
                throw fail("write() called after the server closed the response");
            }
            write.write(data);
        };
    }
}
