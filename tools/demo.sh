#!/usr/bin/env bash
# tools/demo.sh -- the demo, against the running throwaway cluster.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
psql -X -q -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS kc_demo" -c "CREATE DATABASE kc_demo"
psql -X -v ON_ERROR_STOP=1 -d kc_demo -f test/data/demo.sql
