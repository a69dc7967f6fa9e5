#!/usr/bin/env bash
# FAKE bootstrap/bootstrap_storage.sh of omupgrade's test distribution (not OpenMetadata's).
# Same arguments as the real one (up to 1.2.x): <migrate-all|migrate|repair|info|...> [--force];
# it reads conf/openmetadata.yaml.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root" || exit 1
exec python3 "$root/bootstrap/fake/fake_openmetadata.py" storage "$root" "$@"
