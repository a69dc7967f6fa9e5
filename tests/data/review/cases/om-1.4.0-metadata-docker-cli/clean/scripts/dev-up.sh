#!/bin/sh
# Local sandbox for connector development.
docker compose -f docker-compose-postgres.yml up --detach
