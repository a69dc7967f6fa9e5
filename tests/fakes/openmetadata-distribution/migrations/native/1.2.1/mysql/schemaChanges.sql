-- FAKE native migration 1.2.1 (MySQL) of omupgrade's test distribution.
UPDATE omu_fake_upgrade_note SET `note;text` = CONCAT(`note;text`, ' (seen by 1.2.1)') WHERE version = '1.2.0';
