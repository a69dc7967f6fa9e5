#!/usr/bin/env bash
set -euo pipefail
cd /opt/openmetadata-"$1"
./bootstrap/bootstrap_storage.sh migrate-all
systemctl restart openmetadata
