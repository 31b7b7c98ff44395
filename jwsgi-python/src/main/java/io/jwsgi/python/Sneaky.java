package io.jwsgi.python;

/** Throws a checked exception through an interface that does not declare it (Iterator). */
final class Sneaky {

    private Sneaky() {}

    static RuntimeException rethrow(Throwable e) {
        throw Sneaky.<RuntimeException>sneaky(e);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T sneaky(Throwable e) throws T {
        throw (T) e;
    }
}
