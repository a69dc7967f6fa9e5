INSERT IGNORE INTO omu_fake_upgrade_note (version, `note;text`)
VALUES ('1.5.1', 'owners: a list now; written by the fake 1.5.1') -- the delimiter on the next line
;
