from metadata.great_expectations.action1xx import OpenMetadataValidationAction1xx


def action(config_path):
    return OpenMetadataValidationAction1xx(config_file_path=config_path)
