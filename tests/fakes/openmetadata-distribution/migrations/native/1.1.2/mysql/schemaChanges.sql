-- FAKE native migration 1.1.2 (mysql) of omupgrade's test distribution; not OpenMetadata's SQL.
-- The fixture database already records this version, so the migration never runs it.
UPDATE openmetadata_settings SET configType = configType WHERE '1.1.2' = 'never';
