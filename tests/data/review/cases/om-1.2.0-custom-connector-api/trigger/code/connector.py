from metadata.ingestion.api.source import (
    InvalidSourceException,
    Source,
    SourceStatus,
)


class MyConnector(Source):
    pass
