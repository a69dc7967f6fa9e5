import yaml

# from metadata.ingestion.api.workflow import Workflow  (the old import, kept as a note)
from metadata.workflow.metadata import MetadataWorkflow
from metadata.workflow.profiler import ProfilerWorkflow
