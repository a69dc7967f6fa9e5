#!/usr/bin/env bash
# Weekly report of tables without an owner.
curl -s -H "Authorization: Bearer $OM_TOKEN" \
  "https://openmetadata.example.com/api/v1/tables?fields=owner,tags&limit=1000" \
  | jq -r '.data[] | select(.owner == null) | .fullyQualifiedName'
