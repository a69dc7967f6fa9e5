"""Posts failed ingestion pipelines to the on-call channel."""
import os

import requests

OM = "https://openmetadata.example.com/api"
HEADERS = {"Authorization": f"Bearer {os.environ['OM_TOKEN']}"}

for announcement in requests.get(f"{OM}/v1/announcements", headers=HEADERS).json()["data"]:
    print(announcement["description"])
