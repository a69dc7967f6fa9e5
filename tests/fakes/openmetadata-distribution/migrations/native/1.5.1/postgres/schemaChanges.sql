-- FAKE native migration 1.5.1 (PostgreSQL) of omupgrade's test distribution, shaped like
-- OpenMetadata's files. Flyway keeps a comment that sits right above a statement as
-- part of it, so OpenMetadata logs (and hashes) the statement with it.
-- 1.5.1 turned owner into owners
UPDATE table_entity
SET json = jsonb_set(json, '{owners}', '[]'::jsonb)
WHERE json -> 'owners' IS NULL;

-- an index: a re-run of a changed statement would fail with "relation already exists"
CREATE INDEX omu_fake_note_version_index ON omu_fake_upgrade_note (version);
