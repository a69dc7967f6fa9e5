#!/usr/bin/env bash
curl -s -H "Authorization: Bearer $OM_TOKEN" \
  "https://openmetadata.example.com/api/v1/domains/name/Sales?fields=owners,assets" | jq '.assets | length'
