-- FAKE (omupgrade tests): fill the new column after the data migration.
UPDATE query_entity SET fqnHash = nameHash WHERE fqnHash IS NULL;
