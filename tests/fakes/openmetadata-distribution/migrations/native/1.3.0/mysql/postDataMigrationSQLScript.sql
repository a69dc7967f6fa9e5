INSERT INTO omu_fake_upgrade_note (version, `note;text`) VALUES ('1.3.0', 'alerts dropped; recreate them');
