# A read replica for dashboards: a throwaway primary holding the reference
# schema, the 2022 data and the cap rule (when kc_enforce_cap exists), a
# streaming standby made with pg_basebackup -R, and the demo's report
# (demo/report.sql), the report views and kc_ext aggregates asked of both:
# the results must be identical, also after a change streamed from the
# primary, and the standby refuses writes.  Both servers are stopped and
# removed at the end.
set -uo pipefail
. test/extra_cluster.sh

DB=kc_replica
OUT=tmp/replica
passed=0
failed=0
ok() { echo "ok: $*"; passed=$((passed + 1)); }
bad() { echo "FAIL: $*"; failed=$((failed + 1)); }
keep_logs() {
	local n
	for n in "${!KC_X_DIR[@]}"; do cp "${KC_X_DIR[$n]}/server.log" "$OUT/$n.log" 2>/dev/null; done
	kc_extra_stop_all
}
finish() {
	keep_logs
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit
}
trap keep_logs EXIT

rm -rf "$OUT" && mkdir -p "$OUT"
P=replica_primary
S=replica_standby

psql_p() { kc_extra_psql "$P" -q -v ON_ERROR_STOP=1 -d "$DB" "$@"; }
psql_s() { kc_extra_psql "$S" -q -v ON_ERROR_STOP=1 -d "$DB" "$@"; }

# The primary.
if kc_extra_init "$P" && kc_extra_conf "$P" "wal_level = replica" "max_wal_senders = 4" \
		"synchronous_commit = on" && kc_extra_start "$P"; then
	ok "primary started on port ${KC_X_PORT[$P]}"
else
	bad "primary did not start"; finish
fi
if { kc_extra_psql "$P" -q -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE $DB" &&
	psql_p -c "SET client_min_messages = warning" -c "CREATE EXTENSION kc_ext" \
		-f demo/schema.sql -f demo/data_2022.sql; } >"$OUT/setup.log" 2>&1; then
	ok "reference schema and 2022 data loaded on the primary"
else
	cat "$OUT/setup.log"; bad "loading the reference schema on the primary"; finish
fi
cap=$(psql_p -A -t -c "SELECT to_regprocedure('kc_enforce_cap(text,regclass,text[],text,regclass,text[],text)') IS NOT NULL")
if [ "$cap" = t ]; then
	if psql_p -c "SELECT kc_enforce_cap('allocation_within_plan', 'allocation', '{plan_id}', 'amount', 'fund_plan', '{id}', 'approved')" >>"$OUT/setup.log" 2>&1; then
		ok "cap rule allocation_within_plan installed on the primary"
	else
		cat "$OUT/setup.log"; bad "kc_enforce_cap on the primary"
	fi
else
	echo "skip: kc_enforce_cap is not installed: the replica runs without the cap rule"
fi

# The standby: a base backup streamed from the primary, -R writes
# primary_conninfo and standby.signal.
kc_extra_prepare "$S" || { bad "no directory or port for the standby"; finish; }
if kc_extra_as_owner "$PGBIN/pg_basebackup" -h 127.0.0.1 -p "${KC_X_PORT[$P]}" -U postgres \
		-D "${KC_X_DIR[$S]}/data" -R -X stream -c fast >"$OUT/basebackup.log" 2>&1 &&
	kc_extra_conf "$S" "port = ${KC_X_PORT[$S]}" "unix_socket_directories = '${KC_X_DIR[$S]}/socket'" \
		"hot_standby = on" &&
	kc_extra_start "$S"; then
	ok "standby from pg_basebackup -R started on port ${KC_X_PORT[$S]}"
else
	cat "$OUT/basebackup.log"; bad "pg_basebackup or the standby's start"; finish
fi

# Waits until the standby has replayed everything the primary wrote.
wait_replay() {
	local lsn i
	lsn=$(psql_p -A -t -c "SELECT pg_current_wal_lsn()")
	for i in $(seq 1 300); do
		[ "$(psql_s -A -t -c "SELECT pg_last_wal_replay_lsn() >= '$lsn'::pg_lsn" 2>/dev/null)" = t ] && return 0
		sleep 0.2
	done
	return 1
}

if wait_replay; then ok "the standby caught up with the primary"; else bad "the standby did not catch up within 60 s"; finish; fi
state=$(psql_s -A -t -c "SELECT pg_is_in_recovery()::text || ' ' || coalesce((SELECT status FROM pg_stat_wal_receiver), 'none')")
[ "$state" = "true streaming" ] && ok "the standby is in recovery and streaming" ||
	bad "the standby is not a streaming standby (in recovery, receiver: $state)"

# What a dashboard asks: the report as psql prints it, the BI views, the
# kc_ext aggregates and formats over every table.
QUERIES="$OUT/queries.sql"
cat >"$QUERIES" <<'SQL'
\pset footer off
SELECT * FROM report_by_source ORDER BY year, source;
SELECT * FROM report_by_province ORDER BY year, province_code;
SELECT * FROM plan_fulfilment ORDER BY plan_id;
SELECT kind, count(*), sum(amount), avg(amount), min(amount), max(amount),
       kc_format(sum(amount), 'tỷ', 3), kc_format(sum(amount))
FROM payment GROUP BY ROLLUP (kind) ORDER BY kind;
SELECT source, sum(kc_plan(planned, actual)), kc_fulfilment(planned, actual),
       kc_pct(kc_fulfilment(planned, actual), 4, 'half_even'),
       kc_format_pct(kc_pct(kc_fulfilment(planned, actual), 2, 'trunc'))
FROM plan_fulfilment GROUP BY ROLLUP (source) ORDER BY source;
SELECT a.id, a.amount, sum(a.amount) OVER (PARTITION BY a.plan_id ORDER BY a.id
       ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM allocation a ORDER BY a.id;
SELECT md5(string_agg(t::text, ';' ORDER BY t::text)) FROM fund_plan t;
SELECT md5(string_agg(t::text, ';' ORDER BY t::text)) FROM project t;
SELECT md5(string_agg(t::text, ';' ORDER BY t::text)) FROM allocation t;
SELECT md5(string_agg(t::text, ';' ORDER BY t::text)) FROM payment t;
SQL

compare() {
	local what=$1
	psql_p -f demo/report.sql >"$OUT/report-primary-$what.out" 2>&1
	psql_s -f demo/report.sql >"$OUT/report-standby-$what.out" 2>&1
	if grep -q "Tổng cộng cả nước" "$OUT/report-primary-$what.out" &&
		! grep -q "ERROR" "$OUT/report-primary-$what.out" &&
		diff -u "$OUT/report-primary-$what.out" "$OUT/report-standby-$what.out"  >/dev/null; then
		ok "demo/report.sql prints the same on both ($what, $(wc -l <"$OUT/report-primary-$what.out") lines)"
	else
		diff -u "$OUT/report-primary-$what.out" "$OUT/report-standby-$what.out" | head -40
		head -20 "$OUT/report-primary-$what.out"
		bad "demo/report.sql differs between primary and standby ($what)"
	fi
	psql_p -f "$QUERIES" >"$OUT/queries-primary-$what.out" 2>&1
	psql_s -f "$QUERIES" >"$OUT/queries-standby-$what.out" 2>&1
	if ! grep -q ERROR "$OUT/queries-primary-$what.out" &&
		diff -u "$OUT/queries-primary-$what.out" "$OUT/queries-standby-$what.out"  >/dev/null; then
		ok "report views, aggregates and table checksums are the same on both ($what)"
	else
		diff -u "$OUT/queries-primary-$what.out" "$OUT/queries-standby-$what.out" | head -40
		grep -m5 ERROR "$OUT/queries-primary-$what.out"
		bad "report views, aggregates or tables differ between primary and standby ($what)"
	fi
}
compare before

# Read-only: a write on the standby fails with 25006.
st=$(psql_s -A -t -c "\\set VERBOSITY sqlstate" \
	-c "INSERT INTO payment (allocation_id, kind, amount) SELECT min(id), 'advance', '1 triệu' FROM allocation" 2>&1)
case "$st" in
	*25006*) ok "a write on the standby is refused with SQLSTATE 25006" ;;
	*) bad "a write on the standby: expected SQLSTATE 25006, got: $st" ;;
esac

# Parallel aggregation (combine functions, typed states) on the standby.
par=$(psql_s -A -t -c "SET max_parallel_workers_per_gather = 2" -c "SET parallel_setup_cost = 0" \
	-c "SET parallel_tuple_cost = 0" -c "SET min_parallel_table_scan_size = 0" \
	-c "SELECT sum(amount)::text || '|' || avg(amount)::text || '|' || kc_fulfilment(amount, amount)::text FROM payment")
plan=$(psql_s -A -t -c "SET max_parallel_workers_per_gather = 2" -c "SET parallel_setup_cost = 0" \
	-c "SET parallel_tuple_cost = 0" -c "SET min_parallel_table_scan_size = 0" \
	-c "EXPLAIN (COSTS OFF) SELECT sum(amount), avg(amount), kc_fulfilment(amount, amount) FROM payment")
ser=$(psql_p -A -t -c "SET max_parallel_workers_per_gather = 0" \
	-c "SELECT sum(amount)::text || '|' || avg(amount)::text || '|' || kc_fulfilment(amount, amount)::text FROM payment")
if ! grep -q "Partial Aggregate" <<<"$plan"; then
	echo "$plan"; bad "the standby did not plan a parallel aggregate"
elif [ -n "$ser" ] && [ "$par" = "$ser" ]; then
	ok "parallel sum/avg/kc_fulfilment on the standby = serial on the primary ($ser)"
else
	bad "parallel aggregates on the standby ($par) differ from serial on the primary ($ser)"
fi

# A change on the primary reaches the standby by streaming: a 2023 plan
# line and a 10 triệu payment in Ninh Bình (2022 done: 8,08 -> 8,09 tỷ).
if psql_p -c "INSERT INTO fund_plan (year, province_code, source, approved, approved_on)
	VALUES (2023, 'NB', 'national', '3,5 tỷ', '2023-01-16')" \
	-c "INSERT INTO payment (allocation_id, kind, amount, paid_on)
	SELECT a.id, 'payment', '10 triệu', '2022-12-30' FROM allocation a
	JOIN fund_plan fp ON fp.id = a.plan_id WHERE fp.province_code = 'NB' ORDER BY a.id LIMIT 1" >>"$OUT/setup.log" 2>&1 &&
	wait_replay; then
	ok "a plan line and a payment made on the primary were replayed on the standby"
else
	bad "a plan line and a payment made on the primary did not reach the standby"
fi
compare after
if grep -q "Ninh Bình .*| 8,09 tỷ đồng " "$OUT/report-standby-after.out" &&
	grep -q "2023 | NB " "$OUT/queries-standby-after.out"; then
	ok "the standby's report and views show the streamed changes"
else
	bad "the standby's report or views do not show the streamed changes"
fi

# A BI tool's multi-host JDBC URL: preferSecondary reads from the standby.
JDBC_JAR=/usr/share/java/postgresql.jar
if [ -f "$JDBC_JAR" ] && command -v javac >/dev/null; then
	if javac -encoding UTF-8 -cp "$JDBC_JAR" -d "$OUT/java" test/clients/java/KcReplicaRead.java >"$OUT/javac.log" 2>&1; then
		java -Dfile.encoding=UTF-8 -cp "$JDBC_JAR:$OUT/java" KcReplicaRead "${KC_X_PORT[$P]}" "${KC_X_PORT[$S]}" "$DB" \
			>"$OUT/jdbc.log" 2>&1
		grep -E '^(ok|FAIL|skip):' "$OUT/jdbc.log"
		line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$OUT/jdbc.log" | tail -1)
		if [ -n "$line" ]; then
			passed=$((passed + ${line%% passed*}))
			f=${line#*, }; failed=$((failed + ${f%% failed}))
		else
			cat "$OUT/jdbc.log"; bad "KcReplicaRead printed no result line"
		fi
	else
		cat "$OUT/javac.log"; bad "javac test/clients/java/KcReplicaRead.java"
	fi
else
	echo "skip: pgJDBC ($JDBC_JAR) or javac missing: no JDBC read from the standby (test/suites/80-clients.sh installs it)"
fi

finish
