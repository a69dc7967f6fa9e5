from metadata.great_expectations.action1xx import OpenMetadataValidationAction1xx


def action(config_path: str) -> OpenMetadataValidationAction1xx:
    return OpenMetadataValidationAction1xx(config_file_path=config_path, database_service_name="warehouse")
