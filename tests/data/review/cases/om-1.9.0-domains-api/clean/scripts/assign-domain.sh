#!/usr/bin/env bash
# assign-domain.sh <table id> <domain id>
curl -s -X PATCH -H "Authorization: Bearer $OM_TOKEN" -H "Content-Type: application/json-patch+json" \
  "https://openmetadata.example.com/api/v1/tables/$1" \
  -d '[{"op": "add", "path": "/domains/0", "value": {"id": "'"$2"'", "type": "domain"}}]'
curl -s "https://openmetadata.example.com/api/v1/tables/$1?fields=domains" -H "Authorization: Bearer $OM_TOKEN"
