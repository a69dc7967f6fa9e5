-- FAKE native migration 2.0.0 (MySQL) of omupgrade's test distribution.
-- A blank line separates this comment from the statement: Flyway drops it.

ALTER TABLE omu_fake_upgrade_note ADD COLUMN migratedBy VARCHAR(64) DEFAULT NULL;
UPDATE omu_fake_upgrade_note SET migratedBy = 'fake 2.0.0' WHERE migratedBy IS NULL ;
