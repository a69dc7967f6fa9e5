#!/usr/bin/env bash
curl -s -H "Authorization: Bearer $OM_TOKEN" \
  "https://openmetadata.example.com/api/v1/domains/name/Sales/assets?limit=1" | jq '.paging.total'
