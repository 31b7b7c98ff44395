package io.jwsgi.sample;

/** Thrown by {@link NoteStore#add} when a new entry breaks a rule; the message says which. */
final class InvalidNoteException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    InvalidNoteException(String message) {
        super(message);
    }
}
