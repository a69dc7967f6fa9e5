#!/usr/bin/env python3
# Stand-in `docker` / `kubectl` for omupgrade's tests (not the real tools).
#
# Records every invocation, one JSON line per call, to $OMU_FAKE_TOOLS_LOG:
#   {"tool": "docker", "argv": [...], "envKeys": [...]}   (variable NAMES, never values)
# then plays the container: the command after the service / container / "--" runs from
# $OMU_FAKE_CONTAINER_ROOT (a fake distribution standing for /opt/openmetadata) with the
# variables of $OMU_FAKE_CONTAINER_ENV_FILE (KEY=VALUE lines, the container's env file),
# plus, for docker, the names given with -e taken from this process's environment.
# Without OMU_FAKE_CONTAINER_ROOT it only prints what it would run.
import json
import os
import sys

INSTALL = "/opt/openmetadata"


def record(tool, argv):
    path = os.environ.get("OMU_FAKE_TOOLS_LOG")
    if path:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(json.dumps({"tool": tool, "argv": argv,
                                     "envKeys": sorted(os.environ.keys())}) + "\n")


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


def parse_kubectl(argv):
    if "--" not in argv or "exec" not in argv[:argv.index("--")]:
        raise ValueError("stand-in kubectl only knows 'exec ... -- command'")
    return argv[argv.index("--") + 1:], []


def main():
    tool = os.path.basename(sys.argv[0])
    argv = sys.argv[1:]
    record(tool, argv)
    try:
        command, names = parse_docker(argv) if tool == "docker" else parse_kubectl(argv)
    except (ValueError, IndexError) as exc:
        print(f"{tool} (stand-in): {exc}", file=sys.stderr)
        return 125
    root = os.environ.get("OMU_FAKE_CONTAINER_ROOT")
    if not root:
        print(f"{tool} (stand-in) would run: {' '.join(command)}")
        return 0
    mapped = [root + a[len(INSTALL):] if a.startswith(INSTALL) else a for a in command]
    env = {k: v for k, v in os.environ.items() if not k.startswith("DB_") and k != "OM_DATABASE"}
    env_file = os.environ.get("OMU_FAKE_CONTAINER_ENV_FILE")
    if env_file:
        with open(env_file, encoding="utf-8") as handle:
            for line in handle:
                line = line.rstrip("\n")
                if line and not line.startswith("#") and "=" in line:
                    key, value = line.split("=", 1)
                    env[key] = value
    for name in names:
        if name in os.environ:
            env[name] = os.environ[name]
    os.chdir(root)
    os.execvpe(mapped[0], mapped, env)


if __name__ == "__main__":
    sys.exit(main())
