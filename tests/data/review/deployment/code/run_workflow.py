"""Runs our ingestion from the scheduler."""
import yaml

from metadata.ingestion.api.workflow import Workflow


def main(path):
    workflow = Workflow.create(yaml.safe_load(open(path)))
    workflow.execute()
    workflow.raise_from_status()
    workflow.print_status()
    workflow.stop()
