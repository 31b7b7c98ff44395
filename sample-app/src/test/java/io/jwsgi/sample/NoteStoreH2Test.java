package io.jwsgi.sample;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link NoteStoreContract} on H2 (in memory; the sample's default database keeps it in files). */
class NoteStoreH2Test extends NoteStoreContract {

    @BeforeAll
    static void database() {
        dataSource = TestDatabases.h2();
    }

    @Test
    void pagesThroughThePrimaryKeyIndex() {
        String older = jdbc.sql("EXPLAIN " + NoteStore.OLDER)
                .param("seq", 1000L)
                .param("n", 21)
                .query(String.class)
                .single();
        String newest = jdbc.sql("EXPLAIN " + NoteStore.NEWEST)
                .param("n", 21)
                .query(String.class)
                .single();
        assertThat(older).contains("PRIMARY_KEY").contains("index sorted").doesNotContain("tableScan");
        assertThat(newest).contains("PRIMARY_KEY").contains("index sorted").doesNotContain("tableScan");
    }
}
