from metadata.ingestion.api.source import InvalidSourceException
from metadata.ingestion.api.steps import Source
from metadata.ingestion.api.models import Either
