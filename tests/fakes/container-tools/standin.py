#!/usr/bin/env python3
# Stand-in `docker` / `kubectl` for omupgrade's tests (not the real tools).
#
# Records every invocation, one JSON line per call, to $OMU_FAKE_TOOLS_LOG:
#   {"tool": "docker", "argv": [...], "envKeys": [...]}   (variable NAMES, never values)
# plus "stdin" (the text read) for `kubectl create -f -`.
#
# docker `compose run` / `exec` and kubectl `exec ... -- command` play the container: the
# command runs from $OMU_FAKE_CONTAINER_ROOT (a fake distribution standing for
# /opt/openmetadata) with the variables of $OMU_FAKE_CONTAINER_ENV_FILE (KEY=VALUE lines,
# the container's env file), plus, for docker, the names given with -e taken from this
# process's environment. Without OMU_FAKE_CONTAINER_ROOT it only prints what it would run.
#
# kubectl also plays a cluster holding the chart's deployment and the jobs created in it,
# kept in the folder $OMU_FAKE_K8S_STATE:
#   get deployment NAME -o json   prints the file $OMU_FAKE_K8S_DEPLOYMENT when its
#                                 metadata.name is NAME, else kubectl's NotFound error
#                                 ($OMU_FAKE_K8S_FORBIDDEN=1: the RBAC Forbidden error)
#   create -f -                   stores the Job read on stdin: "job.batch/NAME created"
#   logs -f ... job/NAME          runs the job's container command+args as exec does (the
#                                 env file standing for the secrets it references, plus
#                                 its literal env values), streams its output, records its
#                                 exit code, and exits 0 like the real one. The first
#                                 $OMU_FAKE_K8S_PENDING_LOGS calls fail as while the image
#                                 is pulled (ContainerCreating). A finished job's log is
#                                 printed again.
#   get job NAME -o json          status from the recorded exit code (active before)
#   delete job NAME ...           marks it deleted and kills its running command
import json
import os
import signal
import subprocess
import sys
import time

INSTALL = "/opt/openmetadata"


def record(tool, argv, stdin=None):
    path = os.environ.get("OMU_FAKE_TOOLS_LOG")
    if path:
        entry = {"tool": tool, "argv": argv, "envKeys": sorted(os.environ.keys())}
        if stdin is not None:
            entry["stdin"] = stdin
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(entry) + "\n")


def parse_docker(argv):
    """(command, names passed with -e) or raises ValueError."""
    names, i = [], 0
    if argv[:1] == ["compose"]:
        i = 1
        while i < len(argv) and argv[i] in ("-f", "--file", "-p", "--project-name"):
            i += 2
        if argv[i:i + 1] != ["run"]:
            raise ValueError("stand-in docker compose only knows 'run'")
        i += 1
        while i < len(argv) and argv[i].startswith("-"):
            if argv[i] in ("-e", "--env"):
                names.append(argv[i + 1].split("=", 1)[0])
                i += 2
            else:
                i += 1
        return argv[i + 1:], names  # skip the service
    if argv[:1] == ["exec"]:
        i = 1
        while i < len(argv) and argv[i].startswith("-"):
            if argv[i] in ("-e", "--env", "-u", "--user", "-w", "--workdir"):
                if argv[i] in ("-e", "--env"):
                    names.append(argv[i + 1].split("=", 1)[0])
                i += 2
            else:
                i += 1
        return argv[i + 1:], names  # skip the container
    raise ValueError("stand-in docker only knows 'compose run' and 'exec'")


def container_env(extra=None):
    """The environment a container command gets: ours without the connection variables,
    then the env file's, then `extra` (a pod's literal env values)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DB_") and k != "OM_DATABASE"}
    env_file = os.environ.get("OMU_FAKE_CONTAINER_ENV_FILE")
    if env_file:
        with open(env_file, encoding="utf-8") as handle:
            for line in handle:
                line = line.rstrip("\n")
                if line and not line.startswith("#") and "=" in line:
                    key, value = line.split("=", 1)
                    env[key] = value
    env.update(extra or {})
    return env


def mapped(command, root):
    return [root + a[len(INSTALL):] if a.startswith(INSTALL) else a for a in command]


def run_in_container(tool, command, names):
    root = os.environ.get("OMU_FAKE_CONTAINER_ROOT")
    if not root:
        print(f"{tool} (stand-in) would run: {' '.join(command)}")
        return 0
    env = container_env()
    for name in names:
        if name in os.environ:
            env[name] = os.environ[name]
    os.chdir(root)
    os.execvpe(mapped(command, root)[0], mapped(command, root), env)
    return 127


# --- the fake cluster -----------------------------------------------------------------

def not_found(kind, name):
    print(f'Error from server (NotFound): {kind} "{name}" not found', file=sys.stderr)
    return 1


def state_path(name, suffix):
    folder = os.environ.get("OMU_FAKE_K8S_STATE")
    if not folder:
        raise ValueError("OMU_FAKE_K8S_STATE is not set")
    os.makedirs(folder, exist_ok=True)
    return os.path.join(folder, name + suffix)


def read_text(path, default=None):
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except FileNotFoundError:
        return default


def write_text(path, text):
    with open(path + ".tmp", "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(path + ".tmp", path)


def job_exists(name):
    return os.path.exists(state_path(name, ".json")) and not os.path.exists(
        state_path(name, ".deleted"))


def get_deployment(name, namespace):
    if os.environ.get("OMU_FAKE_K8S_FORBIDDEN"):
        print(f'Error from server (Forbidden): deployments.apps "{name}" is forbidden: User '
              f'"omupgrade-test" cannot get resource "deployments" in API group "apps" in the '
              f'namespace "{namespace or "default"}"', file=sys.stderr)
        return 1
    path = os.environ.get("OMU_FAKE_K8S_DEPLOYMENT")
    text = read_text(path, "") if path else ""
    if not text or json.loads(text).get("metadata", {}).get("name") != name:
        return not_found("deployments.apps", name)
    sys.stdout.write(text)
    return 0


def create(stdin):
    try:
        manifest = json.loads(stdin)
    except ValueError as exc:
        print(f"error: error parsing STDIN: {exc}", file=sys.stderr)
        return 1
    if manifest.get("kind") != "Job":
        print("error: the stand-in only creates Jobs", file=sys.stderr)
        return 1
    name = manifest["metadata"]["name"]
    if os.path.exists(state_path(name, ".json")):
        print(f'Error from server (AlreadyExists): jobs.batch "{name}" already exists',
              file=sys.stderr)
        return 1
    write_text(state_path(name, ".json"), json.dumps(manifest))
    print(f"job.batch/{name} created")
    return 0


def logs(name):
    if not job_exists(name):
        return not_found("jobs.batch", name)
    pending = int(os.environ.get("OMU_FAKE_K8S_PENDING_LOGS", "0") or 0)
    tries = int(read_text(state_path(name, ".logcalls"), "0")) + 1
    write_text(state_path(name, ".logcalls"), str(tries))
    if tries <= pending:
        print(f'Error from server (BadRequest): container "run-db-migrations" in pod '
              f'"{name}-x7k2p" is waiting to start: ContainerCreating', file=sys.stderr)
        return 1
    finished = read_text(state_path(name, ".log"))
    if finished is not None:  # the pod ended: its whole log again
        sys.stdout.write(finished)
        return 0
    manifest = json.loads(read_text(state_path(name, ".json")))
    container = manifest["spec"]["template"]["spec"]["containers"][0]
    command = container.get("command", []) + container.get("args", [])
    literal = {e["name"]: e["value"] for e in container.get("env", []) if "value" in e}
    root = os.environ.get("OMU_FAKE_CONTAINER_ROOT")
    if not root:
        print(f"kubectl (stand-in) would run: {' '.join(command)}")
        write_text(state_path(name, ".exit"), "0")
        return 0
    # Its own session: stopping `kubectl logs` does not stop the pod; deleting the job does.
    child = subprocess.Popen(mapped(command, root), cwd=root, env=container_env(literal),
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             start_new_session=True)
    write_text(state_path(name, ".pid"), str(child.pid))
    captured = []
    for line in iter(child.stdout.readline, b""):
        text = line.decode("utf-8", "replace")
        captured.append(text)
        sys.stdout.write(text)
        sys.stdout.flush()
    code = child.wait()
    write_text(state_path(name, ".log"), "".join(captured))
    write_text(state_path(name, ".exit"), str(code))
    # A log stream that stays open after the pod ended (a proxy that never closes it).
    hang = int(os.environ.get("OMU_FAKE_K8S_LOGS_HANG", "0") or 0)
    if hang:
        time.sleep(min(hang, 600))
    return 0


def get_job(name):
    if not job_exists(name):
        return not_found("jobs.batch", name)
    manifest = json.loads(read_text(state_path(name, ".json")))
    manifest["status"] = job_status(name)
    print(json.dumps(manifest, indent=4))
    return 0


def job_status(name):
    code = read_text(state_path(name, ".exit"))
    if code is None:
        return {"active": 1, "ready": 0, "startTime": "2024-03-01T12:00:00Z"}
    if int(code) == 0:
        return {"succeeded": 1, "conditions": [
            {"type": "SuccessCriteriaMet", "status": "True"},
            {"type": "Complete", "status": "True"}]}
    return {"failed": 1, "conditions": [
        {"type": "FailureTarget", "status": "True", "reason": "BackoffLimitExceeded",
         "message": "Job has reached the specified backoff limit"},
        {"type": "Failed", "status": "True", "reason": "BackoffLimitExceeded",
         "message": "Job has reached the specified backoff limit"}]}


def list_jobs(selector):
    """get jobs -l key=value -o json: the jobs created here (not deleted) with that label."""
    key, _, value = selector.partition("=")
    items = []
    folder = os.environ.get("OMU_FAKE_K8S_STATE")
    names = sorted(f[:-5] for f in os.listdir(folder) if f.endswith(".json")) if (
        folder and os.path.isdir(folder)) else []
    for name in names:
        if not job_exists(name):
            continue
        manifest = json.loads(read_text(state_path(name, ".json")))
        if manifest.get("metadata", {}).get("labels", {}).get(key) != value:
            continue
        manifest["status"] = job_status(name)
        items.append(manifest)
    print(json.dumps({"apiVersion": "v1", "kind": "List", "items": items}, indent=4))
    return 0


def delete_job(name, ignore_not_found):
    if not job_exists(name):
        return 0 if ignore_not_found else not_found("jobs.batch", name)
    write_text(state_path(name, ".deleted"), "background")
    pid = read_text(state_path(name, ".pid"))
    if pid and read_text(state_path(name, ".exit")) is None:
        try:
            os.killpg(int(pid), signal.SIGTERM)  # the pod's containers get SIGTERM
        except ProcessLookupError:
            pass
    print(f'job.batch "{name}" deleted')
    return 0


def kubectl(argv):
    if "--" in argv and "exec" in argv[:argv.index("--")]:
        record("kubectl", argv)
        return run_in_container("kubectl", argv[argv.index("--") + 1:], [])
    namespace, words, flags, i = "", [], [], 0
    while i < len(argv):
        if argv[i] in ("-n", "--namespace"):
            namespace = argv[i + 1]
            i += 2
            continue
        if argv[i].startswith("--namespace="):
            namespace = argv[i].split("=", 1)[1]
        elif argv[i].startswith("-") and argv[i] != "-":
            flags.append(argv[i])
            if argv[i] in ("-o", "-f", "-l", "--selector") and i + 1 < len(argv):
                flags.append(argv[i + 1])
                i += 1
        else:
            words.append(argv[i])
        i += 1
    stdin = sys.stdin.read() if words[:1] == ["create"] and "-f" in flags else None
    record("kubectl", argv, stdin)
    if words[:2] == ["get", "deployment"] and len(words) == 3:
        return get_deployment(words[2], namespace)
    if words[:1] == ["create"] and flags[flags.index("-f") + 1:][:1] == ["-"]:
        return create(stdin)
    if words[:1] == ["logs"] and len(words) == 2 and words[1].startswith("job/"):
        return logs(words[1][4:])
    if words[:2] == ["get", "job"] and len(words) == 3:
        return get_job(words[2])
    if words[:2] == ["get", "jobs"] and len(words) == 2 and "-l" in flags:
        return list_jobs(flags[flags.index("-l") + 1])
    if words[:2] == ["delete", "job"] and len(words) == 3:
        return delete_job(words[2], "--ignore-not-found" in flags)
    raise ValueError("stand-in kubectl only knows exec, get deployment, get jobs -l, "
                     "create -f -, logs -f job/NAME, get job and delete job")


def main():
    tool = os.path.basename(sys.argv[0])
    argv = sys.argv[1:]
    try:
        if tool == "kubectl":
            return kubectl(argv)
        record(tool, argv)
        command, names = parse_docker(argv)
        return run_in_container(tool, command, names)
    except (ValueError, IndexError) as exc:
        print(f"{tool} (stand-in): {exc}", file=sys.stderr)
        return 125


if __name__ == "__main__":
    sys.exit(main())
