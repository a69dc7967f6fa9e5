#!/bin/sh
# Local sandbox for connector development.
pip install "openmetadata-ingestion[docker]==1.3.1.0"
metadata docker --start -db postgres
