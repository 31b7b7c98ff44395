-- The guestbook's notes: one schema for H2 2.x and PostgreSQL (standard SQL only), applied by Flyway
-- at startup (Spring Boot's Flyway auto-configuration, spring.flyway.*).
CREATE TABLE note (
    -- Insertion order, never shown to clients. The list pages newest first by a range scan of this
    -- key's index: WHERE seq < ? ORDER BY seq DESC FETCH FIRST n ROWS ONLY.
    seq     BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- The public id, the one in URLs: a random UUID (version 4, 122 random bits), not guessable.
    id      UUID NOT NULL UNIQUE,
    -- The application checks the lengths in characters (code points): author 60, text 1000. The
    -- column limits are a backstop with room for any encoding's count of those.
    author  VARCHAR(240) NOT NULL,
    text    VARCHAR(4000) NOT NULL,
    created TIMESTAMP WITH TIME ZONE NOT NULL
);
