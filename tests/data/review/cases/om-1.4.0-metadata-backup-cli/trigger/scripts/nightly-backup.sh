#!/usr/bin/env bash
# Nightly metadata backup, run by cron at 02:00.
set -euo pipefail
source /etc/openmetadata/backup.env
metadata backup -u "$DB_USER" -p "$DB_PASSWORD" -H mysql -d openmetadata_db \
    --output /backups/openmetadata
find /backups/openmetadata -mtime +14 -delete
