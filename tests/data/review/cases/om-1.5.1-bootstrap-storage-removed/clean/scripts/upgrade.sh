#!/usr/bin/env bash
set -euo pipefail
cd /opt/openmetadata-"$1"
./bootstrap/openmetadata-ops.sh migrate
systemctl restart openmetadata
