"""Acme warehouse connector."""
from metadata.ingestion.source.database.common_db_source import CommonDbSourceService


class AcmeSource(CommonDbSourceService):
    """Reads schemas and tables from the Acme warehouse."""
