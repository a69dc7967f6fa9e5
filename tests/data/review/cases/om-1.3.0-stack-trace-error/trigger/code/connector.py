import traceback

from metadata.ingestion.api.models import Either, StackTraceError


def failure(name, exc):
    return Either(left=StackTraceError(name=name, error=str(exc), stack_trace=traceback.format_exc()))
