#!/usr/bin/env bash
# Builds a FAKE OpenMetadata distribution folder for omupgrade's tests:
#   assemble.sh <version> <output folder>
# laid out like the unpacked release tarball of that version: bootstrap/ with the release's
# migration tools (bootstrap_storage.sh up to 1.4.x, openmetadata-ops.sh from 1.3.0), the
# native migration folders up to <version>, Flyway scripts (bootstrap/sql/<driver>/ before
# 1.1.0), the baseline folder from 2.0.0,
# conf/openmetadata.yaml and libs/openmetadata-service-<version>.jar (an empty stand-in).
# The scripts run fake_openmetadata.py, which is not OpenMetadata.
set -euo pipefail
version=${1:?usage: assemble.sh <version> <output folder>}
out=${2:?usage: assemble.sh <version> <output folder>}
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

at_least() { [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -1)" = "$2" ]; } # $1 >= $2

mkdir -p "$out/bootstrap/fake" "$out/conf" "$out/libs"
cp "$here/fake_openmetadata.py" "$out/bootstrap/fake/"
# 1.3 and 1.4 ship both tools; 1.5.1 removed bootstrap_storage.sh.
if at_least "$version" 1.3.0; then
    cp "$here/scripts/openmetadata-ops.sh" "$out/bootstrap/"
fi
if ! at_least "$version" 1.5.1; then
    cp "$here/scripts/bootstrap_storage.sh" "$out/bootstrap/"
fi
if at_least "$version" 1.2.0; then
    cp "$here/conf/openmetadata-1.2.yaml" "$out/conf/openmetadata.yaml"
else
    cp "$here/conf/openmetadata-1.1.yaml" "$out/conf/openmetadata.yaml"
fi
if at_least "$version" 1.1.0; then
    mkdir -p "$out/bootstrap/sql/migrations/native"
    cp -R "$here/migrations/flyway" "$out/bootstrap/sql/migrations/"
    for folder in "$here"/migrations/native/*/; do
        name=$(basename "$folder")
        if at_least "$version" "$name"; then
            cp -R "$folder" "$out/bootstrap/sql/migrations/native/$name"
        fi
    done
else
    mkdir -p "$out/bootstrap/sql"
    cp -R "$here"/migrations/flyway/* "$out/bootstrap/sql/"
fi
if at_least "$version" 2.0.0; then # 2.x: the frozen baseline for fresh installs
    cp -R "$here/migrations/baseline" "$out/bootstrap/sql/migrations/"
fi
printf 'FAKE jar of omupgrade'"'"'s test distribution (not OpenMetadata)\n' \
    >"$out/libs/openmetadata-service-$version.jar"
printf 'FAKE OpenMetadata %s distribution, assembled for omupgrade'"'"'s tests.\n' "$version" \
    >"$out/FAKE-DISTRIBUTION.txt"
chmod +x "$out"/bootstrap/*.sh "$out/bootstrap/fake/fake_openmetadata.py"
