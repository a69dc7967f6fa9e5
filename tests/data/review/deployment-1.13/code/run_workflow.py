"""Runs our ingestion from the scheduler."""
import yaml

from metadata.workflow.metadata import MetadataWorkflow


def main(path):
    workflow = MetadataWorkflow.create(yaml.safe_load(open(path)))
    workflow.execute()
    workflow.raise_from_status()
    workflow.print_status()
    workflow.stop()
