package io.jwsgi.sample;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The guestbook's storage: the table {@code note} (created by the Flyway migration {@code
 * db/migration/V1__create_note.sql}), read and written with Spring's {@link JdbcClient}. The same
 * SQL runs on H2 and on PostgreSQL.
 *
 * <p>The rules for a new entry live here, so the HTML form and the JSON API refuse the same input
 * with the same words, and every rule is checked before the single {@code INSERT}: a refused
 * entry leaves no row, and an accepted one is stored whole or not at all. Any number of servers
 * may share one database: ids are random UUIDs, and the order of the list is the database's own
 * identity column, so concurrent writers never collide.
 *
 * <pre>{@code
 * NoteStore store = new NoteStore(JdbcClient.create(dataSource), Clock.systemUTC());
 * Note note = store.add("Ada", "Hello");
 * NotePage newest = store.page(Optional.empty(), 20).orElseThrow();
 * }</pre>
 */
final class NoteStore {

    /** The longest author name accepted, in characters (code points). */
    static final int MAX_AUTHOR = 60;

    /** The longest text accepted, in characters (code points). */
    static final int MAX_TEXT = 1000;

    /** The name stored when the author field is left empty. */
    static final String ANONYMOUS = "anonymous";

    /** The most notes one page may hold. */
    static final int MAX_PAGE = 100;

    private static final String COLUMNS = "id, author, text, created";

    /** The newest {@code :n} notes: a backward scan of the primary key's index, stopped after n. */
    static final String NEWEST = "SELECT " + COLUMNS + " FROM note ORDER BY seq DESC FETCH FIRST :n ROWS ONLY";

    /** The {@code :n} notes stored before the one numbered {@code :seq}: a range scan of the same index. */
    static final String OLDER =
            "SELECT " + COLUMNS + " FROM note WHERE seq < :seq ORDER BY seq DESC FETCH FIRST :n ROWS ONLY";

    private final JdbcClient jdbc;
    private final Clock clock;

    /**
     * @param jdbc the database, migrated
     * @param clock the time stamped on new notes
     */
    NoteStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Checks, normalizes and stores a new entry: both fields are stripped of surrounding
     * whitespace, CR LF and lone CR in the text become LF, an empty author becomes {@value
     * #ANONYMOUS}.
     *
     * @return the stored entry with its new random id and its time
     * @throws InvalidNoteException if the text is empty, a field is too long, or a field holds
     *     control characters (the text may hold line breaks and tabs) or half a surrogate pair
     * @throws org.springframework.dao.DataAccessException if the database fails
     */
    Note add(String author, String text) {
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(text, "text");
        String cleanAuthor = author.strip();
        String cleanText = text.replace("\r\n", "\n").replace('\r', '\n').strip();
        if (cleanText.isEmpty()) {
            throw new InvalidNoteException("text", "must not be empty");
        }
        checkCharacters("author", cleanAuthor, "");
        checkCharacters("text", cleanText, "\n\t");
        checkLength("author", cleanAuthor, MAX_AUTHOR);
        checkLength("text", cleanText, MAX_TEXT);
        if (cleanAuthor.isEmpty()) {
            cleanAuthor = ANONYMOUS;
        }
        // PostgreSQL keeps microseconds: the note returned is the note stored, to the digit.
        Note note = new Note(
                UUID.randomUUID(), cleanAuthor, cleanText, clock.instant().truncatedTo(ChronoUnit.MICROS));
        jdbc.sql("INSERT INTO note (" + COLUMNS + ") VALUES (:id, :author, :text, :created)")
                .param("id", note.id())
                .param("author", note.author())
                .param("text", note.text())
                .param("created", OffsetDateTime.ofInstant(note.created(), ZoneOffset.UTC))
                .update();
        return note;
    }

    /** The entry with that id, if there is one. */
    Optional<Note> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM note WHERE id = :id")
                .param("id", id)
                .query(NoteStore::note)
                .optional();
    }

    /**
     * One page of the list, newest first: the newest {@code limit} entries, or with {@code
     * before} the {@code limit} entries stored just before that one. Both are a range scan of
     * the primary key's index, however long the list.
     *
     * @param before the last entry of the previous page, if any
     * @param limit how many entries, 1 to {@value #MAX_PAGE}
     * @return the page, or empty if {@code before} names no entry
     */
    Optional<NotePage> page(Optional<UUID> before, int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_PAGE + ", was " + limit);
        }
        List<Note> notes;
        if (before.isEmpty()) {
            notes = jdbc.sql(NEWEST)
                    .param("n", limit + 1)
                    .query(NoteStore::note)
                    .list();
        } else {
            Optional<Long> seq = jdbc.sql("SELECT seq FROM note WHERE id = :id")
                    .param("id", before.get())
                    .query(Long.class)
                    .optional();
            if (seq.isEmpty()) {
                return Optional.empty();
            }
            notes = jdbc.sql(OLDER)
                    .param("seq", seq.get())
                    .param("n", limit + 1)
                    .query(NoteStore::note)
                    .list();
        }
        boolean more = notes.size() > limit;
        return Optional.of(new NotePage(more ? notes.subList(0, limit) : notes, more));
    }

    private static Note note(ResultSet row, int rowNumber) throws SQLException {
        Instant created = row.getObject("created", OffsetDateTime.class).toInstant();
        return new Note(row.getObject("id", UUID.class), row.getString("author"), row.getString("text"), created);
    }

    private static void checkLength(String field, String value, int max) {
        int length = value.codePointCount(0, value.length());
        if (length > max) {
            throw new InvalidNoteException(field, "must be at most " + max + " characters, was " + length);
        }
    }

    /**
     * Refuses control characters other than {@code allowed}, and a lone half of a surrogate pair
     * (JSON can carry one as {@code "\ud800"}; no database can store it as UTF-8).
     */
    private static void checkCharacters(String field, String value, String allowed) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) && allowed.indexOf(c) < 0) {
                throw new InvalidNoteException(field, "must not contain control characters");
            }
            if (Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new InvalidNoteException(field, "must not contain unpaired surrogates");
            }
        }
    }

    /**
     * One page of notes, newest first.
     *
     * @param notes the notes on this page
     * @param more whether older notes follow: then the next page is the one before the last
     *     note of this one
     */
    record NotePage(List<Note> notes, boolean more) {

        NotePage {
            notes = List.copyOf(notes);
        }

        /** The id to ask for the next page with ({@code before=}), if there is a next page. */
        Optional<UUID> next() {
            return more ? Optional.of(notes.get(notes.size() - 1).id()) : Optional.empty();
        }
    }
}
