#!/usr/bin/env bash
# Plan fulfilment by source over 5 million rows (source, province, planned,
# actual): kc_pct(kc_fulfilment(...)) against the plain-SQL way on bigint and
# numeric columns, and against count(*), the floor any aggregate pays.
# Serial and with 2 parallel workers; runs interleaved, best of 5 each.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
export BENCH_DB=kc_bench_plan
ROWS=${BENCH_PLAN_ROWS:-5000000}
psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $BENCH_DB" -c "CREATE DATABASE $BENCH_DB" >/dev/null
psql -X -q -v ON_ERROR_STOP=1 -d "$BENCH_DB" >/dev/null <<SQL
CREATE EXTENSION kc_ext;
CREATE TABLE t_kc AS
SELECT (ARRAY['national','local','counterpart','other'])[1 + g % 4]::kc_source AS source,
       'P' || (g % 63) AS province,
       ((g::bigint * 7919) % 1000000 * 1000)::kc_money AS planned,
       ((g::bigint * 104729) % 900000 * 1000)::kc_money AS actual
FROM generate_series(1, $ROWS) g;
CREATE TABLE t_big AS SELECT source, province, planned::bigint AS planned, actual::bigint AS actual FROM t_kc;
CREATE TABLE t_num AS SELECT source, province, planned::numeric AS planned, actual::numeric AS actual FROM t_kc;
VACUUM ANALYZE t_kc; VACUUM ANALYZE t_big; VACUUM ANALYZE t_num;
SQL
# the same answer from all three, checked before timing
psql -X -q -At -v ON_ERROR_STOP=1 -d "$BENCH_DB" -c "
SELECT bool_and(a.p = b.p AND b.p = c.p)
FROM (SELECT source, kc_pct(kc_fulfilment(planned, actual)) p FROM t_kc GROUP BY source) a
JOIN (SELECT source, round(100.0 * sum(actual) / sum(planned), 2) p FROM t_big GROUP BY source) b USING (source)
JOIN (SELECT source, round(100.0 * sum(actual) / sum(planned), 2) p FROM t_num GROUP BY source) c USING (source)" \
	| grep -qx t || { echo "results differ" >&2; exit 1; }

Q_KC="SELECT source, kc_pct(kc_fulfilment(planned, actual)) FROM t_kc GROUP BY source"
Q_BIG="SELECT source, round(100.0 * sum(actual) / sum(planned), 2) FROM t_big GROUP BY source"
Q_NUM="SELECT source, round(100.0 * sum(actual) / sum(planned), 2) FROM t_num GROUP BY source"
Q_CNT="SELECT source, count(*) FROM t_kc GROUP BY source"
for workers in 0 2; do
	pre="SET max_parallel_workers_per_gather = $workers; SET parallel_leader_participation = on;"
	kc="" big="" num="" cnt=""
	for _ in 1 2 3 4 5; do
		kc=$(bench_min "$kc" "$(bench_ms "$pre $Q_KC" 1)")
		big=$(bench_min "$big" "$(bench_ms "$pre $Q_BIG" 1)")
		num=$(bench_min "$num" "$(bench_ms "$pre $Q_NUM" 1)")
		cnt=$(bench_min "$cnt" "$(bench_ms "$pre $Q_CNT" 1)")
	done
	label="serial"; [ "$workers" -gt 0 ] && label="$workers workers"
	bench_row "kc_pct(kc_fulfilment) by source, 5M rows, $label / plain SQL on bigint" "$kc" "$big" "<= 0.95"
	bench_row "kc_pct(kc_fulfilment) by source, 5M rows, $label / plain SQL on numeric" "$kc" "$num" "<= 0.75"
	bench_row "kc_pct(kc_fulfilment) by source, 5M rows, $label / count(*) by source" "$kc" "$cnt" "<= 1.15"
done
psql -X -q -d postgres -c "DROP DATABASE $BENCH_DB" >/dev/null
