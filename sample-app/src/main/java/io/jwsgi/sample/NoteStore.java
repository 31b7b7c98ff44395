package io.jwsgi.sample;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The guestbook's storage: in memory, thread-safe, bounded.
 *
 * <p>Every request thread of the server shares one store, so each method holds the store's lock.
 * When the store is full, adding an entry drops the oldest, so a long-running demo never runs out
 * of memory. The rules for a new entry live here, so the HTML form and the JSON API refuse the
 * same input with the same words.
 */
final class NoteStore {

    /** The longest author name accepted, in characters (code points). */
    static final int MAX_AUTHOR = 60;

    /** The longest text accepted, in characters (code points). */
    static final int MAX_TEXT = 1000;

    /** The name stored when the author field is left empty. */
    static final String ANONYMOUS = "anonymous";

    private final int capacity;
    private final Clock clock;
    private final ArrayDeque<Note> newestFirst = new ArrayDeque<>();
    private long lastId;

    /** A store of at most 500 entries, timestamped with the system clock in UTC. */
    NoteStore() {
        this(500, Clock.systemUTC());
    }

    NoteStore(int capacity, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Checks, normalizes and stores a new entry: both fields are stripped of surrounding
     * whitespace, CR LF and lone CR in the text become LF, an empty author becomes {@value
     * #ANONYMOUS}.
     *
     * @return the stored entry with its id and time
     * @throws InvalidNoteException if the text is empty, a field is too long, or a field holds
     *     control characters (the text may hold line breaks and tabs)
     */
    Note add(String author, String text) {
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(text, "text");
        String cleanAuthor = author.strip();
        String cleanText = text.replace("\r\n", "\n").replace('\r', '\n').strip();
        if (cleanText.isEmpty()) {
            throw new InvalidNoteException("text must not be empty");
        }
        checkLength("author", cleanAuthor, MAX_AUTHOR);
        checkLength("text", cleanText, MAX_TEXT);
        checkNoControls("author", cleanAuthor, "");
        checkNoControls("text", cleanText, "\n\t");
        if (cleanAuthor.isEmpty()) {
            cleanAuthor = ANONYMOUS;
        }
        synchronized (this) {
            Note note = new Note(++lastId, cleanAuthor, cleanText, clock.instant());
            if (newestFirst.size() == capacity) {
                newestFirst.removeLast();
            }
            newestFirst.addFirst(note);
            return note;
        }
    }

    /** All stored entries, newest first: a snapshot that later additions do not change. */
    synchronized List<Note> list() {
        return List.copyOf(newestFirst);
    }

    /** The entry with that id, if it is still stored. */
    synchronized Optional<Note> find(long id) {
        return newestFirst.stream().filter(n -> n.id() == id).findFirst();
    }

    private static void checkLength(String field, String value, int max) {
        int length = value.codePointCount(0, value.length());
        if (length > max) {
            throw new InvalidNoteException(field + " must be at most " + max + " characters, was " + length);
        }
    }

    private static void checkNoControls(String field, String value, String allowed) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) && allowed.indexOf(c) < 0) {
                throw new InvalidNoteException(field + " must not contain control characters");
            }
        }
    }
}
