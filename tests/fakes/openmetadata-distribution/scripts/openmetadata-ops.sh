#!/usr/bin/env bash
# FAKE bootstrap/openmetadata-ops.sh of omupgrade's test distribution (not OpenMetadata's).
# Same arguments as the real one: [-d] [-c <config>] <command> [--force].
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root" || exit 1
exec python3 "$root/bootstrap/fake/fake_openmetadata.py" ops "$root" "$@"
