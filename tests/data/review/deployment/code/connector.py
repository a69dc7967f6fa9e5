import traceback

from metadata.ingestion.api.models import Either, StackTraceError
from metadata.ingestion.api.source import Source, SourceStatus


class AcmeSource(Source):
    def _fail(self, name, exc):
        return Either(left=StackTraceError(name=name, error=str(exc), stack_trace=traceback.format_exc()))
