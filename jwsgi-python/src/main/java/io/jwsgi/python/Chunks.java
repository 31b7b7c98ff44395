package io.jwsgi.python;

import org.graalvm.polyglot.Value;

/** Python {@code bytes} to Java. */
final class Chunks {

    private Chunks() {}

    /** The bytes of a Python {@code bytes} object, copied in bulk. */
    static byte[] bytes(Value chunk) {
        byte[] out = new byte[(int) chunk.getBufferSize()];
        chunk.readBuffer(0, out, 0, out.length);
        return out;
    }
}
