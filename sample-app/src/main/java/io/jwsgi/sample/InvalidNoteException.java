package io.jwsgi.sample;

/**
 * Thrown by {@link NoteStore#add} when a new entry breaks a rule, before anything is stored; the
 * message says which rule, {@link #field()} which field.
 */
final class InvalidNoteException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String field;

    InvalidNoteException(String field, String message) {
        super(field + " " + message);
        this.field = field;
    }

    /** The field that broke the rule: {@code "author"} or {@code "text"}. */
    String field() {
        return field;
    }
}
