import requests


def accept_all(base: str, token: str) -> None:
    for suggestion in requests.get(f"{base}/v1/suggestions", headers={"Authorization": token}).json()["data"]:
        requests.put(f"{base}/v1/suggestions/{suggestion['id']}/accept", headers={"Authorization": token})
