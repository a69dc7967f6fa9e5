from metadata.great_expectations.action import OpenMetadataValidationAction


def action(config_path: str) -> OpenMetadataValidationAction:
    return OpenMetadataValidationAction(config_file_path=config_path, database_service_name="warehouse")
