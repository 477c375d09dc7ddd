#!/usr/bin/env bash
# tools/demo.sh -- the demo, against the running throwaway cluster: builds a
# small ministry database (demo/schema.sql, demo/data_2022.sql) and prints
# the 2022 report (demo/report.sql), then shows the rules of demo/rules.sql
# refusing statements that break them (demo/rules_at_work.sql).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
psql -X -q -v ON_ERROR_STOP=1 -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS kc_demo" -c "CREATE DATABASE kc_demo"
psql -X -q -v ON_ERROR_STOP=1 -d kc_demo -c "CREATE EXTENSION kc_ext" \
	-f demo/schema.sql -f demo/data_2022.sql -f demo/rules.sql >/dev/null
echo
echo "Amounts as people type them, stored as exact đồng and written back:"
psql -X -q -v ON_ERROR_STOP=1 -d kc_demo -P footer=off -c "
SELECT input, input::kc_money AS dong, kc_format(input::kc_money) AS auto_unit, kc_format(input::kc_money, 'đồng') AS in_dong
FROM (VALUES ('345,5 tỷ'), ('8,198 tỷ đồng'), ('1.169 triệu'), ('12 triệu đồng'),
             ('500 nghìn'), ('1.234.567 đồng'), ('-1500')) AS t(input)"
psql -X -q -v ON_ERROR_STOP=1 -d kc_demo -f demo/report.sql
psql -X -q -d kc_demo -f demo/rules_at_work.sql 2>&1
