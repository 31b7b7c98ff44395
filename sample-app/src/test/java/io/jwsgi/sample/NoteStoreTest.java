package io.jwsgi.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class NoteStoreTest {

    private static final Instant NOW = Instant.parse("2026-11-23T19:20:21Z");

    private final NoteStore store = new NoteStore(3, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void storesANoteWithIdAndTime() {
        Note note = store.add("Ada", "Hello");
        assertThat(note).isEqualTo(new Note(1, "Ada", "Hello", NOW));
        assertThat(store.find(1)).contains(note);
        assertThat(store.find(2)).isEmpty();
    }

    @Test
    void stripsFieldsAndNormalizesLineBreaks() {
        Note note = store.add("  Ada \t", "\n line 1\r\nline 2\rline 3 \n");
        assertThat(note.author()).isEqualTo("Ada");
        assertThat(note.text()).isEqualTo("line 1\nline 2\nline 3");
    }

    @Test
    void callsANamelessAuthorAnonymous() {
        assertThat(store.add("   ", "hi").author()).isEqualTo(NoteStore.ANONYMOUS);
    }

    @Test
    void refusesAnEmptyText() {
        assertThatThrownBy(() -> store.add("Ada", " \r\n "))
                .isInstanceOf(InvalidNoteException.class)
                .hasMessage("text must not be empty");
    }

    @Test
    void countsLengthInCharactersNotUtf16Units() {
        String emoji = "😀".repeat(NoteStore.MAX_TEXT);
        assertThat(store.add("", emoji).text()).isEqualTo(emoji);
        assertThatThrownBy(() -> store.add("", emoji + "x"))
                .hasMessage("text must be at most 1000 characters, was 1001");
        assertThatThrownBy(() -> store.add("a".repeat(NoteStore.MAX_AUTHOR + 1), "x"))
                .hasMessage("author must be at most 60 characters, was 61");
    }

    @Test
    void refusesControlCharactersButKeepsLineBreaksAndTabsInText() {
        assertThat(store.add("Ada", "a\tb\nc").text()).isEqualTo("a\tb\nc");
        assertThatThrownBy(() -> store.add("Ada", "bell\u0007")).hasMessage("text must not contain control characters");
        assertThatThrownBy(() -> store.add("A\nda", "x")).hasMessage("author must not contain control characters");
    }

    @Test
    void listsNewestFirstAndDropsTheOldestWhenFull() {
        for (String text : List.of("one", "two", "three", "four")) {
            store.add("", text);
        }
        assertThat(store.list()).extracting(Note::text).containsExactly("four", "three", "two");
        assertThat(store.find(1)).isEmpty();
    }

    @Test
    void listIsASnapshot() {
        store.add("", "one");
        List<Note> before = store.list();
        store.add("", "two");
        assertThat(before).extracting(Note::text).containsExactly("one");
    }

    @Test
    void givesUniqueIdsUnderConcurrentAdds() throws Exception {
        NoteStore shared = new NoteStore(10_000, Clock.systemUTC());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<Long>>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> {
                    List<Long> ids = new ArrayList<>();
                    for (int i = 0; i < 200; i++) {
                        ids.add(shared.add("t", "note " + i).id());
                    }
                    return ids;
                }));
            }
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> f : futures) {
                all.addAll(f.get());
            }
            assertThat(all).hasSize(1600).doesNotHaveDuplicates();
            assertThat(shared.list()).hasSize(1600);
            assertThat(shared.list().get(0).id()).isEqualTo(1600);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void refusesANonPositiveCapacity() {
        assertThatThrownBy(() -> new NoteStore(0, Clock.systemUTC())).isInstanceOf(IllegalArgumentException.class);
    }
}
