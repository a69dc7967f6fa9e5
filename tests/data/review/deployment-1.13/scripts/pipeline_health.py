"""Reports failed ingestion pipelines to the on-call channel."""
import os

import requests

OM = "https://openmetadata.example.com/api"
HEADERS = {"Authorization": f"Bearer {os.environ['OM_TOKEN']}"}

pipelines = requests.get(f"{OM}/v1/services/ingestionPipelines?fields=pipelineStatuses", headers=HEADERS)
for pipeline in pipelines.json()["data"]:
    if pipeline["pipelineStatuses"]["pipelineState"] == "failed":
        print(pipeline["fullyQualifiedName"])
