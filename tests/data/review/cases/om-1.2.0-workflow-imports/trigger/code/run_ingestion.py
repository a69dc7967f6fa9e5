import yaml

from metadata.ingestion.api.workflow import Workflow
from metadata.profiler.api.workflow import ProfilerWorkflow


def run(path):
    workflow = Workflow.create(yaml.safe_load(open(path)))
    workflow.execute()
