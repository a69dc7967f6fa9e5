-- FAKE native migration 1.2.0 (MySQL) of omupgrade's test distribution; not OpenMetadata's SQL.
-- Written to trip a naive splitter: semicolons inside strings, comments and quoted names.

-- 1.2.0 moved query_entity from nameHash to fqnHash
ALTER TABLE query_entity ADD COLUMN fqnHash VARCHAR(768) DEFAULT NULL;

/* A block comment; it holds a semicolon
   and spans two lines */
CREATE TABLE IF NOT EXISTS omu_fake_upgrade_note (
    version VARCHAR(32) NOT NULL,
    `note;text` VARCHAR(512), -- a trailing comment; with a semicolon
    PRIMARY KEY (version)
);

INSERT INTO omu_fake_upgrade_note (version, `note;text`)
VALUES ('1.2.0', 'it''s got a ; and -- no comment /* here */ and a \\ backslash and \' quote');

# MySQL also takes hash comments; this one mentions ; too
UPDATE openmetadata_settings SET json = JSON_SET(json, '$.omuFake', "a;b") WHERE configType = 'emailConfiguration';
