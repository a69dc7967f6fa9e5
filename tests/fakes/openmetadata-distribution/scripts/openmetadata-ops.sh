#!/usr/bin/env bash
# FAKE bootstrap/openmetadata-ops.sh of omupgrade's test distribution (not OpenMetadata's).
# Same arguments as the real one: [-d] [-c <config>] <command> [--force].
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root" || exit 1
# The system Python starts in a tenth of a second; a version manager's shim may take
# seconds, longer than the silence the runner's tests wait for. Unbuffered: lines as they come.
python=/usr/bin/python3
[ -x "$python" ] || python=python3
exec "$python" -u "$root/bootstrap/fake/fake_openmetadata.py" ops "$root" "$@"
