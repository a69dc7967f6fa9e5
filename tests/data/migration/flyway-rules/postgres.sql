-- Shapes of OpenMetadata's PostgreSQL migration files, written for omupgrade's tests to pin
-- the statement texts Flyway 9.22's PostgreSQLParser gives (not OpenMetadata's SQL).

-- Comments above a statement are part of it
-- (two lines of them)
ALTER TABLE entity_extension_time_series ALTER COLUMN extension TYPE VARCHAR(256);

UPDATE ingestion_pipeline_entity
SET json = json::jsonb #- '{sourceConfig,config,markDeletedTablesFromFilterOnly}'
WHERE json #>> '{pipelineType}' = 'metadata';

CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX IF NOT EXISTS omu_fake_name_trgm ON table_entity USING gin (name gin_trgm_ops);

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'x') THEN
    EXECUTE 'ALTER TABLE x DROP COLUMN y; -- not the end';
  END IF;
END $$;

CREATE OR REPLACE FUNCTION omu_fake_fqn(x text) RETURNS text AS $fqn$
  SELECT replace(x, ';', '.');
$fqn$ LANGUAGE sql;

UPDATE user_entity SET json = jsonb_set(json, '{isBot}', 'true') WHERE name = E'bot\'s; name';
/* a block comment /* that Flyway does not nest */
SELECT 'x' AS "col;name";

UPDATE query_entity SET json = jsonb_set(json, '{checksum}', to_jsonb(md5(json ->> 'query'))) WHERE json ? 'query'
