#!/usr/bin/env bash
# Nightly metadata backup, run by cron at 02:00 (replaced `metadata backup` in 2024).
set -euo pipefail
source /etc/openmetadata/backup.env
mysqldump --single-transaction -h mysql -u "$DB_USER" openmetadata_db \
    | gzip > "/backups/openmetadata/openmetadata_db-$(date +%F).sql.gz"
find /backups/openmetadata -mtime +14 -delete
