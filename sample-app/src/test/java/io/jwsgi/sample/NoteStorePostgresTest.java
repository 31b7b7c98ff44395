package io.jwsgi.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link NoteStoreContract} on a real PostgreSQL ({@link TestPostgres}; skipped, saying why,
 * where none can start), and the proof that a page is a range scan of the primary key's index.
 */
class NoteStorePostgresTest extends NoteStoreContract {

    @BeforeAll
    static void database() {
        dataSource = TestDatabases.postgres();
    }

    @Test
    void pagesByARangeScanOfThePrimaryKeyIndexNotASort() {
        jdbc.sql("INSERT INTO note (id, author, text, created)"
                        + " SELECT gen_random_uuid(), 'load', 'note ' || i, now() FROM generate_series(1, 20000) AS i")
                .update();
        jdbc.sql("ANALYZE note").update();
        long middle = jdbc.sql("SELECT seq FROM note ORDER BY seq OFFSET 10000 LIMIT 1")
                .query(Long.class)
                .single();
        for (String plan : List.of(explain(NoteStore.NEWEST, middle), explain(NoteStore.OLDER, middle))) {
            assertThat(plan)
                    .contains("Index Scan Backward using note_pkey on note")
                    .doesNotContain("Sort")
                    .doesNotContain("Seq Scan");
        }
    }

    private String explain(String sql, long seq) {
        var statement = jdbc.sql("EXPLAIN " + sql).param("n", 21);
        if (sql.contains(":seq")) {
            statement = statement.param("seq", seq);
        }
        return String.join("\n", statement.query(String.class).list());
    }
}
