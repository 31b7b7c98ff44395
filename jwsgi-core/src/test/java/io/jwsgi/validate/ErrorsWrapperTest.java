package io.jwsgi.validate;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class ErrorsWrapperTest {

    private final ByteArrayOutputStream sink = new ByteArrayOutputStream();
    private final PrintStream server = new PrintStream(sink, false, UTF_8);
    private final ErrorsWrapper errors = new ErrorsWrapper(server);

    private String written() {
        server.flush();
        return sink.toString(UTF_8);
    }

    @Test
    void passesEveryKindOfOutputToTheServersStreamInItsCharset() throws IOException {
        errors.print(true);
        errors.print('c');
        errors.print(1);
        errors.print(2L);
        errors.print(1.5f);
        errors.print(2.5d);
        errors.print(new char[] {'x', 'y'});
        errors.print("caf\u00e9");
        errors.print((Object) "o");
        errors.println();
        errors.println(false);
        errors.println('d');
        errors.println(3);
        errors.println(4L);
        errors.println(0.5f);
        errors.println(0.25d);
        errors.println(new char[] {'z'});
        errors.println("s");
        errors.println((Object) "t");
        errors.printf("%s|", "f1")
                .printf(Locale.ROOT, "%.1f|", 1.0)
                .format("%d|", 7)
                .format(Locale.ROOT, "%s", "e");
        errors.append("ab").append("xcdx", 1, 3).append('!');
        errors.write('W');
        errors.write(new byte[] {'1', '2', '3'}, 1, 2);
        errors.write(new byte[] {'B'});
        errors.writeBytes(new byte[] {'Z'});
        errors.flush();
        String nl = System.lineSeparator();
        assertThat(written())
                .isEqualTo("truec121.52.5xycaf\u00e9o" + nl + "false" + nl + "d" + nl + "3" + nl + "4" + nl + "0.5" + nl
                        + "0.25" + nl + "z" + nl + "s" + nl + "t" + nl + "f1|1.0|7|eabcd!W23BZ");
        assertThat(errors.checkError()).isFalse();
    }

    @Test
    void closeByTheApplicationIsAnErrorAndLeavesTheServersStreamOpen() {
        assertThatThrownBy(errors::close)
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("wsgi.errors.close() must not be called by the application");
        server.print("still open");
        assertThat(server.checkError()).isFalse();
        assertThat(written()).isEqualTo("still open");
    }
}
