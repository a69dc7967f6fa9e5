import requests


def open_tasks(base: str, token: str) -> list:
    return requests.get(f"{base}/v1/tasks?status=Open", headers={"Authorization": token}).json()["data"]
