# Crash safety of the cap rules and the year lock: SIGKILL of the server in
# the middle of a stream of allocations, restart, and check.
#
# A throwaway cluster of its own (test/crash/cluster.sh) with fsync,
# synchronous_commit and full_page_writes on, holding the reference schema
# (demo/schema.sql, demo/data_2022.sql) plus test/crash/setup.sql: a closed
# year 2021 with rows, 2023 plans with little headroom, the rules
# allocation_within_plan and payment_within_allocation, and the year lock on
# fund_plan and project.  test/crash/crash_load.c runs concurrent clients:
# single-row allocations, allocations in savepoints, bulk allocations by
# INSERT ... SELECT and by COPY, payments, limit changes, writes to the
# closed year; each client records the rows of a transaction only after
# its COMMIT returned, and keeps apart the rows of transactions whose COMMIT
# got no answer (in doubt) or that the crash cut off before COMMIT.
#
# The postmaster and all its children are killed with SIGKILL three times:
# the first time with two prepared transactions (PREPARE TRANSACTION) in
# flight, the second in the middle of a CHECKPOINT.  After each restart
# (crash recovery) and at the end (test/crash/check.sql):
#   - no plan above its approved amount, no allocation paid beyond its
#     amount (sums recomputed from the child tables);
#   - every kept total in kc_cap_total equals the real sum;
#   - the closed year's rows are unchanged (checksum taken before the load);
#   - every row a client saw committed is there, unchanged;
#   - amcheck finds the indexes and heaps of the tables consistent.
# Also: crash recovery really ran; the prepared transactions survived, and
# one committed and one rolled back after the restart leave the totals
# right; the load committed work between the kills; in-doubt transactions
# are all there or not at all; cut-off ones left nothing; the rules refused
# work (the stream pushed against the limits); no unexpected error; the
# rules still refuse an over-limit allocation after the last crash.
#
# Environment: KC_CRASH_CLIENTS (4),
# KC_CRASH_SEED (random; printed, to repeat a run's choices), KC_CRASH_PORT
# (a fixed port).  The cluster is stopped and removed on every exit path.
# The load's output, the recorded rows and the server log are in a fresh
# tmp/crash.XXXXXX, removed when every check passed, kept (and named)
# otherwise.  About 45 seconds.
set -uo pipefail
# All of it in one group: bash reads the group whole before running it, so
# an edit of this file during a run does not change the run.
{
ROOT=$(pwd)
PG_CONFIG=${PG_CONFIG:-$(ls -d /usr/lib/postgresql/*/bin/pg_config 2>/dev/null | sort -V | tail -1)}
PGBIN=${PGBIN:-$("$PG_CONFIG" --bindir)}
. test/crash/cluster.sh

mkdir -p "$ROOT/tmp"
OUT=$(mktemp -d "$ROOT/tmp/crash.XXXXXX")	# its own, as the cluster's
DB=kc_crash
LOAD_MAX_SECONDS=300	# the load stops when told to; this only bounds a lost run
CLIENTS=${KC_CRASH_CLIENTS:-4}
SEED=${KC_CRASH_SEED:-$(( $(date +%s) % 100000 ))}
KILLS=3
passed=0
failed=0
load_pid=
ok() { echo "ok:     $*"; passed=$((passed + 1)); }
bad() { echo "FAILED: $*"; failed=$((failed + 1)); }
check() {	# check "what" command...
	local what=$1; shift
	if "$@"; then ok "$what"; else bad "$what"; fi
}

cleanup() {
	if [ -n "$load_pid" ] && kill -0 "$load_pid" 2>/dev/null; then
		kill "$load_pid" 2>/dev/null
		wait "$load_pid" 2>/dev/null
	fi
	load_pid=
	if [ -n "$CRASH_DIR" ]; then
		cp "$CRASH_DIR/server.log" "$OUT/server.log" 2>/dev/null
		crash_cluster_remove
	fi
}
finish() {
	cleanup
	if [ "$failed" -eq 0 ]; then
		rm -rf "$OUT"
	else
		echo "        logs, recorded rows and the server log are kept in $OUT"
	fi
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit
}
trap cleanup EXIT
trap 'cleanup; echo "interrupted; output kept in $OUT" >&2; exit 130' INT
trap 'cleanup; echo "interrupted; output kept in $OUT" >&2; exit 143' TERM

# (a statement that waits two minutes means something hangs: fail instead)
q() { PGOPTIONS='-c statement_timeout=120s' crash_psql -q -At -v ON_ERROR_STOP=1 -d "$DB" "$@"; }

suite_start=$(date +%s.%N)
since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }'; }
elapsed() { since "$suite_start"; }

# The load program.
if cc -O2 -Wall -Wextra -Werror -pthread -I"$("$PG_CONFIG" --includedir)" -o "$OUT/crash_load" \
		test/crash/crash_load.c -L"$("$PG_CONFIG" --libdir)" -lpq 2>"$OUT/build.log"; then
	ok "crash_load built"
else
	cat "$OUT/build.log"; bad "crash_load does not build"; finish
fi

# The durable cluster and the database.
CRASH_PORT_FILE=$OUT/port
if crash_cluster_init && crash_cluster_start_anywhere; then
	ok "durable cluster started on port $CRASH_PORT"
else
	bad "the cluster did not start"; finish
fi
durable=$(crash_psql -At -d postgres -c "SELECT string_agg(name || '=' || setting, ' ' ORDER BY name) FROM pg_settings
	WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes')")
check "it is durable: $durable" test "$durable" = "fsync=on full_page_writes=on synchronous_commit=on"
if { crash_psql -q -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE $DB" &&
	q -c "SET client_min_messages = warning" -c "CREATE EXTENSION kc_ext" -c "CREATE EXTENSION amcheck" \
		-f demo/schema.sql -f demo/data_2022.sql -f test/crash/setup.sql; } >"$OUT/setup.log" 2>&1; then
	ok "reference schema, 2022 data, closed year 2021, 2023 plans and the rules set up"
else
	cat "$OUT/setup.log"; bad "setting up the database"; finish
fi
echo "        $(q -c "SELECT format('%s plans (%s of 2023), %s allocations, %s payments; rules: %s; closed: %s',
	(SELECT count(*) FROM fund_plan), (SELECT count(*) FROM fund_plan WHERE year = 2023),
	(SELECT count(*) FROM allocation), (SELECT count(*) FROM payment),
	(SELECT string_agg(rule_name, ', ' ORDER BY rule_name) FROM kc_caps),
	(SELECT string_agg(year::text, ', ') FROM kc_closed_year))")"

sum2021=$(q -c "SELECT md5(string_agg(r, E'\n' ORDER BY r)) FROM crash_closed_2021")
echo "        closed year 2021 checksum before the load: $sum2021"

# run_checks LABEL FILE: test/crash/check.sql over the rows in FILE, and amcheck.
run_checks() {
	local label=$1 file=$2 out rc line pass what detail
	out=$(q -v sum2021="$sum2021" \
		-c "CREATE TEMP TABLE crash_recorded (kind text, id bigint, ref bigint, amount bigint, txn bigint)" \
		-c "\\copy crash_recorded FROM '$file'" \
		-f test/crash/check.sql 2>&1)
	rc=$?
	if [ $rc -ne 0 ]; then
		echo "$out"; bad "$label: the checks could not run (psql exit $rc)"; return
	fi
	while IFS='|' read -r pass what detail; do
		[ -n "$pass" ] || continue
		if [ "$pass" = t ]; then ok "$label: $what ($detail)"
		else bad "$label: $what ($detail)"; fi
	done <<<"$out"
	out=$(q -c "
SELECT count(*) FROM (
	SELECT bt_index_check(c.oid, true)
	FROM pg_index i
	JOIN pg_class c ON c.oid = i.indexrelid
	JOIN pg_am am ON am.oid = c.relam
	JOIN pg_namespace n ON n.oid = c.relnamespace
	WHERE am.amname = 'btree' AND n.nspname = 'public') x" \
		-c "SELECT count(*) FROM (VALUES ('fund_plan'), ('project'), ('allocation'), ('payment'), ('kc_cap_total')) t(r),
	LATERAL verify_heapam(t.r::regclass)" 2>&1)
	rc=$?
	local nidx nheap
	nidx=$(sed -n 1p <<<"$out"); nheap=$(sed -n 2p <<<"$out")
	if [ $rc -eq 0 ] && [ "$nheap" = 0 ]; then
		ok "$label: amcheck: $nidx btree indexes (with heapallindexed) and 5 heaps consistent"
	else
		echo "$out" | head -20; bad "$label: amcheck reports corruption"
	fi
}

# prepare_xact NAME SLOT1 SLOT2: a transaction that raises two 2023 plans'
# limits, allocates into them (one row, and 50 rows by INSERT ... SELECT),
# pays part of the new allocation, and is left prepared (two-phase commit:
# it must survive the crash with its kept-total changes).  Its rows go to
# $OUT/prepared.NAME.  Retried when it meets a deadlock with the load.
prepare_xact() {
	local name=$1 s1=$2 s2=$3 try out
	for try in 1 2 3; do
		out=$(q -F $'\t' 2>&1 <<SQL
BEGIN;
UPDATE fund_plan SET approved = (approved::bigint + 20000000)::kc_money
WHERE id = (SELECT plan_id FROM crash_target WHERE slot = $s1);
UPDATE fund_plan SET approved = (approved::bigint + 5000000)::kc_money
WHERE id = (SELECT plan_id FROM crash_target WHERE slot = $s2);
INSERT INTO allocation (plan_id, project_id, amount, allocated_on)
SELECT plan_id, project_id, '20 triệu', date '2023-06-30' FROM crash_target WHERE slot = $s1
RETURNING id AS new_id \gset
SELECT 'a', id, plan_id, amount::bigint FROM allocation WHERE id = :new_id;
INSERT INTO allocation (plan_id, project_id, amount, allocated_on)
SELECT plan_id, project_id, '100 nghìn', date '2023-06-30'
FROM crash_target, generate_series(1, 50) WHERE slot = $s2
RETURNING 'a', id, plan_id, amount::bigint;
INSERT INTO payment (allocation_id, kind, amount, paid_on)
VALUES (:new_id, 'advance', '7 triệu', date '2023-07-01')
RETURNING 'p', id, allocation_id, amount::bigint;
PREPARE TRANSACTION '$name';
SQL
		) && { printf '%s\n' "$out" | awk -v t="$name" '{ print $0 "\t" (t == "crash_commit" ? -1 : -2) }' \
			>"$OUT/prepared.$name"; return 0; }
		echo "        preparing $name, try $try: $out" | head -3
	done
	return 1
}

# The load, with the kills.
touch "$OUT/gate"
echo "        load: $CLIENTS clients, seed $SEED"
# (a simple command, so that $! is timeout(1) itself, not a subshell; it
# passes a TERM on to the program, and ends a load that hangs)
# lock_timeout: a client that waits behind one of the prepared transactions
# (which keep their locks until resolved after the next kill) gives up, as a
# clerk with the recommended lock_timeout would, instead of holding the
# locks it has and blocking the next PREPARE for good
PGOPTIONS='-c lock_timeout=3s' PGHOST=127.0.0.1 PGPORT=$CRASH_PORT PGUSER=postgres PGDATABASE=$DB timeout -k 5 $((LOAD_MAX_SECONDS + 30)) \
	"$OUT/crash_load" "$OUT" "$LOAD_MAX_SECONDS" "$CLIENTS" "$SEED" >"$OUT/load.log" 2>"$OUT/load.err" &
load_pid=$!
RANDOM=$SEED
prev_lines=0
recoveries_before=$(grep -c "database system was not properly shut down; automatic recovery in progress" "$CRASH_DIR/server.log")
for k in $(seq 1 $KILLS); do
	sleep "$((7 + RANDOM % 3)).$((RANDOM % 10))"
	if ! kill -0 "$load_pid" 2>/dev/null; then
		bad "kill $k: the load ended before the kill"; break
	fi
	ckpt_pid=
	if [ "$k" -eq 2 ]; then
		# the second kill lands in the middle of a checkpoint
		q -c "CHECKPOINT" >/dev/null 2>&1 &
		ckpt_pid=$!
		sleep 0.$((2 + RANDOM % 5))
	fi
	rm -f "$OUT/gate"
	if [ "$k" -eq 1 ]; then
		# two prepared transactions are in flight at the first kill
		check "kill $k: two transactions prepared (PREPARE TRANSACTION) before the kill" \
			eval 'prepare_xact crash_commit $((SEED % 18)) $(((SEED + 1) % 18)) &&
				prepare_xact crash_rollback $(((SEED + 2) % 18)) $(((SEED + 3) % 18))'
	fi
	echo "        at the kill: $(q -c "SELECT format('%s statements running (%s bulk INSERT ... SELECT, %s COPY, %s COMMIT; %s waiting for a lock), %s sessions idle in transaction',
		count(*) FILTER (WHERE state = 'active'),
		count(*) FILTER (WHERE state = 'active' AND query LIKE '%generate_series%'),
		count(*) FILTER (WHERE state = 'active' AND query LIKE 'COPY%'),
		count(*) FILTER (WHERE state = 'active' AND query = 'COMMIT'),
		count(*) FILTER (WHERE state = 'active' AND wait_event_type = 'Lock'),
		count(*) FILTER (WHERE state LIKE 'idle in transaction%'))
		FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")"
	pm=$(crash_postmaster_pid)
	nchildren=$([ -n "$pm" ] && ps -o pid= --ppid "$pm" | wc -l)
	at=$(elapsed)
	if crash_cluster_kill; then
		ok "kill $k: SIGKILL to the postmaster and its $nchildren children at ${at}s, under load"
	else
		bad "kill $k: could not kill the server"; finish
	fi
	[ -n "$ckpt_pid" ] && wait "$ckpt_pid" 2>/dev/null
	cat "$OUT"/committed.* >"$OUT/recorded.$k" 2>/dev/null
	lines=$(wc -l <"$OUT/recorded.$k")
	check "kill $k: the clients committed rows since the previous kill ($((lines - prev_lines)) rows, $lines in all)" \
		test "$lines" -gt "$prev_lines"
	prev_lines=$lines
	t0=$(date +%s.%N)
	if crash_cluster_start_anywhere; then
		ok "kill $k: server restarted, crash recovery took $(since "$t0")s"
	else
		bad "kill $k: the server did not restart"; finish
	fi
	recoveries=$(grep -c "database system was not properly shut down; automatic recovery in progress" "$CRASH_DIR/server.log")
	check "kill $k: the server log shows crash recovery ($(grep -E 'redo done at|redo starts at' "$CRASH_DIR/server.log" | tail -1 | sed 's/.*LOG: *//'))" \
		test "$recoveries" -eq "$((recoveries_before + k))"
	run_checks "after kill $k" "$OUT/recorded.$k"
	if [ "$k" -eq 1 ]; then
		check "kill $k: both prepared transactions survived the crash" \
			test "$(q -c "SELECT string_agg(gid, ' ' ORDER BY gid) FROM pg_prepared_xacts")" = "crash_commit crash_rollback"
		if q -c "COMMIT PREPARED 'crash_commit'" -c "ROLLBACK PREPARED 'crash_rollback'"; then
			ok "kill $k: COMMIT PREPARED crash_commit, ROLLBACK PREPARED crash_rollback"
			# committed now: the later checks look for its rows
			cp "$OUT/prepared.crash_commit" "$OUT/committed.prepared"
		else
			bad "kill $k: resolving the prepared transactions"
		fi
		cp "$OUT/prepared.crash_rollback" "$OUT/rolledback"
		check "kill $k: the rolled-back prepared transaction left no row ($(wc -l <"$OUT/rolledback") rows looked for)" \
			test "$(q -c "CREATE TEMP TABLE d (kind text, id bigint, ref bigint, amount bigint, txn bigint)" \
				-c "\\copy d FROM '$OUT/rolledback'" \
				-c "SELECT count(*) FROM d WHERE EXISTS (SELECT FROM allocation a WHERE d.kind = 'a' AND a.id = d.id)
					OR EXISTS (SELECT FROM payment p WHERE d.kind = 'p' AND p.id = d.id)")" = 0
		run_checks "after the prepared transactions" "$OUT/prepared.crash_commit"
	fi
	touch "$OUT/gate"
done

# a few more seconds of load after the last restart, then stop it
sleep 4
touch "$OUT/stop"
wait "$load_pid"
rc=$?
load_pid=
cat "$OUT/load.log"
head -20 "$OUT/load.err"
check "the load program finished (exit $rc)" test "$rc" -eq 0
summary=$(grep '^crash_load:' "$OUT/load.log")
val() { sed -n "s/.* $1=\([0-9]*\).*/\1/p" <<<"$summary"; }
check "no unexpected error in the load ($(val unexpected))" test "$(val unexpected)" = 0
check "the closed year refused every write ($(val refused_year) refused, $(val closed_year_accepted) accepted)" \
	test "$(val refused_year)" -gt 0 -a "$(val closed_year_accepted)" = 0
check "the cap rules refused work: the stream pushed against the limits ($(val refused_cap) refused)" \
	test "$(val refused_cap)" -gt 0
cat "$OUT"/committed.* >"$OUT/recorded.final"
cat "$OUT"/indoubt.* >"$OUT/indoubt.all"
run_checks "at the end" "$OUT/recorded.final"
# rows_present FILE: per transaction of FILE, how many of its rows are there
# and how many it wrote ("txn present written", one line per transaction).
# A row is matched by id, reference and amount, not by id alone: ids come
# from sequences, and a sequence value handed to a transaction that never
# committed may be handed out again after a crash (PostgreSQL logs
# sequences ahead, and a crash can lose an unflushed log record), so a later
# row can carry the id of a row that is gone.
rows_present() {
	q -F ' ' -c "CREATE TEMP TABLE d (kind text, id bigint, ref bigint, amount bigint, txn bigint)" \
		-c "\\copy d FROM '$1'" \
		-c "SELECT txn, count(*) FILTER (WHERE a.id IS NOT NULL OR p.id IS NOT NULL), count(*)
			FROM d LEFT JOIN allocation a ON d.kind = 'a' AND a.id = d.id
				AND a.plan_id = d.ref AND a.amount::bigint = d.amount
			LEFT JOIN payment p ON d.kind = 'p' AND p.id = d.id
				AND p.allocation_id = d.ref AND p.amount::bigint = d.amount
			GROUP BY txn ORDER BY txn"
}
cat "$OUT"/lost.* >"$OUT/lost.all"
rows_present "$OUT/indoubt.all" >"$OUT/indoubt.present" || echo "psql failed" >>"$OUT/indoubt.present"
rows_present "$OUT/lost.all" >"$OUT/lost.present" || echo "psql failed" >>"$OUT/lost.present"
check "transactions whose COMMIT was in flight at a kill are all or nothing ($(awk '
	{ n++; if ($2 == $3) c++; else if ($2 == 0) a++; else bad++ }
	END { printf "%d transactions: %d committed, %d not, %d partly", n, c, a, bad }' "$OUT/indoubt.present"))" \
	test "$(awk '$2 != 0 && $2 != $3' "$OUT/indoubt.present" | wc -l)" -eq 0
check "rows written by transactions the crash cut off before COMMIT are gone ($(awk '
	{ n++; r += $3; p += $2 } END { printf "%d transactions, %d rows, %d of them present", n, r, p }' "$OUT/lost.present"))" \
	test "$(awk '$2 != 0' "$OUT/lost.present" | wc -l)" -eq 0

refused() {
	local out
	out=$(q -c "INSERT INTO allocation (plan_id, project_id, amount)
		SELECT plan_id, project_id, (fp.approved::bigint + 1)::kc_money
		FROM crash_target t JOIN fund_plan fp ON fp.id = t.plan_id WHERE slot = 0" 2>&1)
	echo "        ${out%%$'\n'*}"
	[[ $out == *'violating cap rule "allocation_within_plan"'* ]]
}
check "after the crashes the rule still refuses an allocation above the plan" refused
check "and the kept total still follows a fitting allocation" \
	test "$(q -c "UPDATE fund_plan SET approved = (approved::bigint + 5000000)::kc_money
		WHERE id = (SELECT plan_id FROM crash_target WHERE slot = 0)" \
		-c "INSERT INTO allocation (plan_id, project_id, amount)
		SELECT plan_id, project_id, '5 triệu' FROM crash_target WHERE slot = 0" \
		-c "SELECT t.total = (SELECT sum(amount::bigint::numeric) FROM allocation a WHERE a.plan_id = c.plan_id)
		FROM crash_target c JOIN kc_cap_total t ON t.rule_name = 'allocation_within_plan'
		 AND t.parent_key = ARRAY[c.plan_id::text] WHERE c.slot = 0")" = t
echo "        suite time $(elapsed)s"
finish
}
