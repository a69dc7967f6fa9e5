DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM omu_fake_upgrade_note WHERE version = '1.5.1') THEN
        INSERT INTO omu_fake_upgrade_note (version, "note;text")
        VALUES ('1.5.1', 'owners: a list now; written by the fake 1.5.1');
    END IF;
END $$;
