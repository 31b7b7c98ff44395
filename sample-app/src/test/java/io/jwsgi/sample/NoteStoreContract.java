package io.jwsgi.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What {@link NoteStore} promises, on a real database: run on H2 by {@link NoteStoreH2Test} and on
 * PostgreSQL by {@link NoteStorePostgresTest}, each on the schema of the Flyway migrations.
 */
abstract class NoteStoreContract {

    static final Instant NOW = Instant.parse("2026-11-23T19:20:21.123456789Z");

    static HikariDataSource dataSource;

    JdbcClient jdbc;
    NoteStore store;

    @BeforeEach
    void emptyTable() {
        jdbc = JdbcClient.create(dataSource);
        jdbc.sql("DELETE FROM note").update();
        store = new NoteStore(jdbc, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterAll
    static void closePool() {
        if (dataSource != null) {
            dataSource.close();
            dataSource = null;
        }
    }

    int rows() {
        return jdbc.sql("SELECT COUNT(*) FROM note").query(Integer.class).single();
    }

    @Test
    void storesANoteWithARandomIdAndTheTimeToTheMicrosecond() {
        Note note = store.add("Ada", "Hello");
        assertThat(note.author()).isEqualTo("Ada");
        assertThat(note.text()).isEqualTo("Hello");
        assertThat(note.created()).isEqualTo(Instant.parse("2026-11-23T19:20:21.123456Z"));
        assertThat(note.id().version()).as("a random UUID").isEqualTo(4);
        assertThat(store.find(note.id())).contains(note);
        assertThat(store.find(UUID.randomUUID())).isEmpty();
        assertThat(store.add("Ada", "Hello").id()).isNotEqualTo(note.id());
    }

    @Test
    void stripsFieldsAndNormalizesLineBreaks() {
        Note note = store.add("  Ada \t", "\n line 1\r\nline 2\rline 3 \n");
        assertThat(note.author()).isEqualTo("Ada");
        assertThat(note.text()).isEqualTo("line 1\nline 2\nline 3");
        assertThat(store.find(note.id())).contains(note);
    }

    @Test
    void callsANamelessAuthorAnonymous() {
        assertThat(store.add("   ", "hi").author()).isEqualTo(NoteStore.ANONYMOUS);
    }

    @Test
    void refusesAnEmptyText() {
        assertThatThrownBy(() -> store.add("Ada", " \r\n "))
                .isInstanceOfSatisfying(
                        InvalidNoteException.class, e -> assertThat(e.field()).isEqualTo("text"))
                .hasMessage("text must not be empty");
    }

    @Test
    void countsLengthInCharactersAndStoresEveryOneOfThem() {
        String emoji = "😀".repeat(NoteStore.MAX_TEXT);
        Note note = store.add("Zoë 日本", emoji);
        assertThat(store.find(note.id()).orElseThrow().text()).isEqualTo(emoji);
        assertThat(store.find(note.id()).orElseThrow().author()).isEqualTo("Zoë 日本");
        assertThatThrownBy(() -> store.add("", emoji + "x"))
                .hasMessage("text must be at most 1000 characters, was 1001");
        assertThatThrownBy(() -> store.add("a".repeat(NoteStore.MAX_AUTHOR + 1), "x"))
                .isInstanceOfSatisfying(
                        InvalidNoteException.class, e -> assertThat(e.field()).isEqualTo("author"))
                .hasMessage("author must be at most 60 characters, was 61");
        assertThat(store.add("a".repeat(NoteStore.MAX_AUTHOR), "x").author()).hasSize(NoteStore.MAX_AUTHOR);
    }

    @Test
    void refusesControlCharactersButKeepsLineBreaksAndTabsInText() {
        assertThat(store.add("Ada", "a\tb\nc").text()).isEqualTo("a\tb\nc");
        assertThatThrownBy(() -> store.add("Ada", "bell\u0007")).hasMessage("text must not contain control characters");
        assertThatThrownBy(() -> store.add("Ada", "nul\u0000")).hasMessage("text must not contain control characters");
        assertThatThrownBy(() -> store.add("A\nda", "x")).hasMessage("author must not contain control characters");
        assertThatThrownBy(() -> store.add("Ada", "c1\u0085")).hasMessage("text must not contain control characters");
    }

    @Test
    void refusesHalfASurrogatePair() {
        assertThatThrownBy(() -> store.add("Ada", "x\ud83d")).hasMessage("text must not contain unpaired surrogates");
        assertThatThrownBy(() -> store.add("Ada", "\ude00x")).hasMessage("text must not contain unpaired surrogates");
        assertThatThrownBy(() -> store.add("\ud83d", "x")).hasMessage("author must not contain unpaired surrogates");
    }

    @Test
    void aRefusedNoteLeavesNoRow() {
        store.add("Ada", "kept");
        for (String[] bad : new String[][] {
            {"Ada", ""}, {"Ada", "x".repeat(NoteStore.MAX_TEXT + 1)}, {"x".repeat(61), "x"}, {"Ada", "\u0001"}
        }) {
            assertThatThrownBy(() -> store.add(bad[0], bad[1])).isInstanceOf(InvalidNoteException.class);
        }
        assertThat(rows()).isEqualTo(1);
    }

    @Test
    void pagesNewestFirstFromAnyNote() {
        List<Note> added = new ArrayList<>();
        for (String text : List.of("one", "two", "three", "four", "five")) {
            added.add(store.add("", text));
        }
        NoteStore.NotePage first = store.page(Optional.empty(), 2).orElseThrow();
        assertThat(first.notes()).extracting(Note::text).containsExactly("five", "four");
        assertThat(first.next()).contains(added.get(3).id());

        NoteStore.NotePage second = store.page(first.next(), 2).orElseThrow();
        assertThat(second.notes()).extracting(Note::text).containsExactly("three", "two");
        NoteStore.NotePage last = store.page(second.next(), 2).orElseThrow();
        assertThat(last.notes()).extracting(Note::text).containsExactly("one");
        assertThat(last.more()).isFalse();
        assertThat(last.next()).isEmpty();

        assertThat(store.page(Optional.of(added.get(0).id()), 2).orElseThrow().notes())
                .isEmpty();
        assertThat(store.page(Optional.empty(), 5).orElseThrow().more()).isFalse();
        assertThat(store.page(Optional.empty(), 100).orElseThrow().notes()).hasSize(5);
        assertThat(store.page(Optional.of(UUID.randomUUID()), 2))
                .as("an unknown note")
                .isEmpty();
        assertThatThrownBy(() -> store.page(Optional.empty(), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.page(Optional.empty(), NoteStore.MAX_PAGE + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givesEveryConcurrentWriterItsOwnRow() throws Exception {
        NoteStore shared = new NoteStore(jdbc, Clock.systemUTC());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<UUID>>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    List<UUID> ids = new ArrayList<>();
                    for (int i = 0; i < 100; i++) {
                        ids.add(shared.add("t" + thread, "note " + i).id());
                    }
                    return ids;
                }));
            }
            List<UUID> all = new ArrayList<>();
            for (Future<List<UUID>> f : futures) {
                all.addAll(f.get());
            }
            assertThat(all).hasSize(800).doesNotHaveDuplicates();
            assertThat(rows()).isEqualTo(800);
            // Walking every page lists each note exactly once.
            List<UUID> listed = new ArrayList<>();
            Optional<UUID> before = Optional.empty();
            do {
                NoteStore.NotePage page = shared.page(before, 100).orElseThrow();
                page.notes().forEach(n -> listed.add(n.id()));
                before = page.next();
            } while (before.isPresent());
            assertThat(listed).containsExactlyInAnyOrderElementsOf(all);
        } finally {
            pool.shutdownNow();
        }
    }
}
