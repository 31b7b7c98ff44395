package io.jwsgi.sample;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One guestbook entry, as stored by {@link NoteStore}; the API writes it as JSON with Jackson,
 * field for field: {@code {"id":"1b4e28ba-2fa1-41d2-883f-0016d3cca427","author":"Ada","text":"Hello",
 * "created":"2026-11-23T19:20:21.123456Z"}}.
 *
 * @param id the note's public id: random, so that no one can walk the notes by counting
 * @param author who wrote it (never empty: {@code "anonymous"} when no name was given)
 * @param text what they wrote (never empty; line breaks are {@code \n})
 * @param created when the store accepted it, to the microsecond
 */
record Note(UUID id, String author, String text, Instant created) {

    Note {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(created, "created");
    }
}
