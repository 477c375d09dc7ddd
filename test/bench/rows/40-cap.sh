#!/usr/bin/env bash
# Cap rules (kc_enforce_cap), side by side in one run.  Every child table
# has a foreign key to its parent table, with the rule or without.  Runs of
# the two sides are interleaved A,B,A,B,... and the best of each is kept.
#  1. one INSERT ... SELECT of 200 000 children over 1 000 parents;
#  2. 200 000 single-row INSERT statements in one transaction over 1 000
#     parents (a PL/pgSQL loop: every INSERT is its own statement);
#  3. the same with all of them under one parent;
#  4. 2 000 single-row INSERTs, each its own transaction, under a parent
#     that already has 1 000 000 children / under one with 1 000;
#  5. the bulk insert of row 1 with kc_ext / with the same rule written as
#     a row-level PL/pgSQL trigger keeping a running total in the parent;
#  6. ... / with a statement-level PL/pgSQL trigger over a transition table;
#  7. pgbench, 8 clients, single-row allocation transactions over 100
#     parents: TPS with the rule / TPS without (higher is better), with the
#     throwaway cluster's settings (fsync and synchronous_commit off: the
#     CPU cost of the rule);
#  8. the same with fsync = on and synchronous_commit = on, what a
#     ministry's server runs.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
export BENCH_DB=kc_bench_cap
ROWS=${BENCH_CAP_ROWS:-200000}
BIG=${BENCH_CAP_BIG:-1000000}
RUNS=${BENCH_CAP_RUNS:-3}
PGBENCH_SECONDS=${BENCH_CAP_PGBENCH_SECONDS:-10}
PGBENCH="$("${PG_CONFIG:-pg_config}" --bindir 2>/dev/null)/pgbench"
[ -x "$PGBENCH" ] || PGBENCH=$(command -v pgbench || ls -d /usr/lib/postgresql/*/bin/pgbench 2>/dev/null | sort -V | tail -1)

psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "SET client_min_messages = warning" \
	-c "DROP DATABASE IF EXISTS $BENCH_DB" -c "CREATE DATABASE $BENCH_DB" >/dev/null
trap 'psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $BENCH_DB" >/dev/null 2>&1' EXIT

psql -X -q -v ON_ERROR_STOP=1 -d "$BENCH_DB" >/dev/null <<SQL
SET client_min_messages = warning;
CREATE EXTENSION kc_ext;
-- parents with room for everything the benchmark inserts
CREATE TABLE plan (id int PRIMARY KEY, approved kc_money);
INSERT INTO plan SELECT g, 1000000000000000 FROM generate_series(1, 1002) g;
CREATE TABLE alloc_rule (plan_id int REFERENCES plan, amount kc_money);
CREATE TABLE alloc_plain (plan_id int REFERENCES plan, amount kc_money);
SELECT kc_enforce_cap('bench_cap', 'alloc_rule', '{plan_id}', 'amount', 'plan', '{id}', 'approved');

-- the same rule as a row-level PL/pgSQL trigger with a running total
CREATE TABLE plan_pl (id int PRIMARY KEY, approved kc_money, allocated numeric NOT NULL DEFAULT 0);
INSERT INTO plan_pl (id, approved) SELECT id, approved FROM plan;
CREATE TABLE alloc_pl (plan_id int REFERENCES plan_pl, amount kc_money);
CREATE FUNCTION pl_cap_row() RETURNS trigger LANGUAGE plpgsql AS \$\$
DECLARE
	a numeric;
	lim numeric;
BEGIN
	IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.plan_id IS NOT NULL THEN
		UPDATE plan_pl SET allocated = allocated - coalesce(OLD.amount::numeric, 0)
		WHERE id = OLD.plan_id;
	END IF;
	IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.plan_id IS NOT NULL THEN
		UPDATE plan_pl SET allocated = allocated + coalesce(NEW.amount::numeric, 0)
		WHERE id = NEW.plan_id RETURNING allocated, approved::numeric INTO a, lim;
		IF a > coalesce(lim, 0) THEN
			RAISE EXCEPTION 'plan % over its limit', NEW.plan_id USING ERRCODE = 'check_violation';
		END IF;
	END IF;
	RETURN NULL;
END
\$\$;
CREATE TRIGGER pl_cap AFTER INSERT OR UPDATE OR DELETE ON alloc_pl
	FOR EACH ROW EXECUTE FUNCTION pl_cap_row();

-- ... and as a statement-level PL/pgSQL trigger over a transition table
CREATE TABLE plan_st (id int PRIMARY KEY, approved kc_money, allocated numeric NOT NULL DEFAULT 0);
INSERT INTO plan_st (id, approved) SELECT id, approved FROM plan;
CREATE TABLE alloc_st (plan_id int REFERENCES plan_st, amount kc_money);
CREATE FUNCTION st_cap_ins() RETURNS trigger LANGUAGE plpgsql AS \$\$
BEGIN
	WITH d AS (SELECT plan_id, sum(amount::numeric) AS s FROM new_rows
	           WHERE plan_id IS NOT NULL GROUP BY plan_id ORDER BY plan_id)
	UPDATE plan_st p SET allocated = p.allocated + d.s FROM d WHERE p.id = d.plan_id;
	IF EXISTS (SELECT 1 FROM plan_st p WHERE p.id IN (SELECT plan_id FROM new_rows)
	           AND p.allocated > coalesce(p.approved::numeric, 0)) THEN
		RAISE EXCEPTION 'a plan is over its limit' USING ERRCODE = 'check_violation';
	END IF;
	RETURN NULL;
END
\$\$;
CREATE TRIGGER st_cap AFTER INSERT ON alloc_st REFERENCING NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION st_cap_ins();

-- row 4: parent 1001 with $BIG children, parent 1002 with 1 000
CREATE TABLE alloc_deep (plan_id int REFERENCES plan, amount kc_money);
INSERT INTO alloc_deep SELECT CASE WHEN g <= $BIG THEN 1001 ELSE 1002 END, 1
	FROM generate_series(1, $BIG + 1000) g;
SELECT kc_enforce_cap('bench_deep', 'alloc_deep', '{plan_id}', 'amount', 'plan', '{id}', 'approved');
VACUUM ANALYZE;
SQL

# time_ms "setup SQL" "timed SQL": milliseconds of the timed statement only
time_ms() {
	local t
	t=$(psql -X -q -At -v ON_ERROR_STOP=1 -d "$BENCH_DB" -c "$1" -c '\timing on' -c "$2" 2>&1 |
		sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -1)
	[ -z "$t" ] && { echo "bench statement failed: $2" >&2; echo 0; return; }
	echo "$t"
}
# best_pair "setup A" "timed A" "setup B" "timed B": "bestA bestB", interleaved
best_pair() {
	local a b ba="" bb=""
	for _ in $(seq "$RUNS"); do
		a=$(time_ms "$1" "$2")
		b=$(time_ms "$3" "$4")
		if [ -z "$ba" ] || awk "BEGIN{exit !($a < $ba)}"; then ba=$a; fi
		if [ -z "$bb" ] || awk "BEGIN{exit !($b < $bb)}"; then bb=$b; fi
	done
	echo "$ba $bb"
}

bulk() { echo "INSERT INTO $1 SELECT 1 + g % 1000, 1 + g % 997 FROM generate_series(1, $ROWS) g"; }
loop() { echo "DO \$\$ BEGIN FOR i IN 1..$ROWS LOOP INSERT INTO $1 VALUES ($2, 1); END LOOP; END \$\$"; }

read -r r1a r1b < <(best_pair "TRUNCATE alloc_rule" "$(bulk alloc_rule)" \
	"TRUNCATE alloc_plain" "$(bulk alloc_plain)")
bench_row "cap: INSERT ... SELECT $ROWS children over 1000 parents, rule / no rule" "$r1a" "$r1b" "<= 1.15"

read -r r2a r2b < <(best_pair "TRUNCATE alloc_rule" "$(loop alloc_rule '1 + i % 1000')" \
	"TRUNCATE alloc_plain" "$(loop alloc_plain '1 + i % 1000')")
bench_row "cap: $ROWS single-row INSERTs in one transaction over 1000 parents, rule / no rule" "$r2a" "$r2b" "<= 1.3"

read -r r3a r3b < <(best_pair "TRUNCATE alloc_rule" "$(loop alloc_rule 1)" \
	"TRUNCATE alloc_plain" "$(loop alloc_plain 1)")
bench_row "cap: $ROWS single-row INSERTs in one transaction under one parent, rule / no rule" "$r3a" "$r3b" "<= 1.5"

each() { echo "DO \$\$ BEGIN FOR i IN 1..2000 LOOP INSERT INTO alloc_deep VALUES ($1, 1); COMMIT; END LOOP; END \$\$"; }
undo() { echo "DELETE FROM alloc_deep WHERE ctid IN (SELECT ctid FROM alloc_deep WHERE plan_id = $1 ORDER BY ctid DESC LIMIT 2000) AND (SELECT count(*) FROM alloc_deep WHERE plan_id = $1) > $2"; }
read -r r4a r4b < <(best_pair "$(undo 1001 "$BIG")" "$(each 1001)" "$(undo 1002 1000)" "$(each 1002)")
bench_row "cap: single-row INSERT transactions under a parent with $BIG children / with 1000" "$r4a" "$r4b" "<= 1.1"

read -r r5a r5b < <(best_pair "TRUNCATE alloc_rule" "$(bulk alloc_rule)" \
	"TRUNCATE alloc_pl; UPDATE plan_pl SET allocated = 0" "$(bulk alloc_pl)")
bench_row "cap: INSERT ... SELECT $ROWS children, kc_ext / row-level PL/pgSQL running-total trigger" "$r5a" "$r5b" "<= 0.125"

read -r r6a r6b < <(best_pair "TRUNCATE alloc_rule" "$(bulk alloc_rule)" \
	"TRUNCATE alloc_st; UPDATE plan_st SET allocated = 0" "$(bulk alloc_st)")
bench_row "cap: INSERT ... SELECT $ROWS children, kc_ext / statement-level PL/pgSQL transition-table trigger" "$r6a" "$r6b" "<= 1.0"

# pgbench: TPS with the rule / without (the "ms" columns hold TPS here)
script_rule=$(mktemp); script_plain=$(mktemp)
trap 'rm -f "$script_rule" "$script_plain"; psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $BENCH_DB" >/dev/null 2>&1' EXIT
printf '\\set p random(1, 100)\nINSERT INTO alloc_rule VALUES (:p, 1);\n' > "$script_rule"
printf '\\set p random(1, 100)\nINSERT INTO alloc_plain VALUES (:p, 1);\n' > "$script_plain"
tps() {
	"$PGBENCH" -n -c 8 -j 2 -T "$PGBENCH_SECONDS" -f "$1" "$BENCH_DB" 2>/dev/null |
		sed -n 's/^tps = \([0-9.]*\) .*/\1/p' | tail -1
}
# pgbench_pair: best TPS of each side, runs interleaved rule, plain, ...
pgbench_pair() {
	local ta="" tb="" a b
	for _ in 1 2 3; do
		psql -X -q -d "$BENCH_DB" -c "TRUNCATE alloc_rule" -c "TRUNCATE alloc_plain" -c "CHECKPOINT" >/dev/null
		a=$(tps "$script_rule"); b=$(tps "$script_plain")
		[ -n "$a" ] && { [ -z "$ta" ] || awk "BEGIN{exit !($a > $ta)}"; } && ta=$a
		[ -n "$b" ] && { [ -z "$tb" ] || awk "BEGIN{exit !($b > $tb)}"; } && tb=$b
	done
	echo "${ta:-0} ${tb:-0}"
}
read -r ta tb < <(pgbench_pair)
bench_row "cap: pgbench 8 clients single-row allocations over 100 parents, TPS rule / TPS no rule" "$ta" "$tb" ">= 0.85"

# row 8: fsync and synchronous commit on for this row only
psql -X -q -d postgres -c "ALTER SYSTEM SET fsync = on" -c "ALTER SYSTEM SET synchronous_commit = on" \
	-c "SELECT pg_reload_conf()" >/dev/null
sleep 1
read -r ta tb < <(pgbench_pair)
psql -X -q -d postgres -c "ALTER SYSTEM RESET fsync" -c "ALTER SYSTEM RESET synchronous_commit" \
	-c "SELECT pg_reload_conf()" >/dev/null
bench_row "cap: the same with fsync = on and synchronous_commit = on, TPS rule / TPS no rule" "$ta" "$tb" ">= 0.85"
