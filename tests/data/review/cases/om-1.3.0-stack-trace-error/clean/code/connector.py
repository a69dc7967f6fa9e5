import traceback

from metadata.generated.schema.entity.services.ingestionPipelines.status import StackTraceError
from metadata.ingestion.api.models import Either


def failure(name, exc):
    return Either(left=StackTraceError(name=name, error=str(exc), stackTrace=traceback.format_exc()))
