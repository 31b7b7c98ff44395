package io.jwsgi.sample;

import java.time.Instant;
import java.util.Objects;

/**
 * One guestbook entry, as stored by {@link NoteStore}.
 *
 * @param id the store's number for the entry, from 1 up
 * @param author who wrote it (never empty: {@code "anonymous"} when no name was given)
 * @param text what they wrote (never empty; line breaks are {@code \n})
 * @param created when the store accepted it
 */
record Note(long id, String author, String text, Instant created) {

    Note {
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(created, "created");
    }
}
