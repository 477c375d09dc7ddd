# Look-alikes (issue 17): objects that an ordinary role plants in public or
# in the extension's schema are never run by kc_ext 1.1, neither by CREATE
# EXTENSION, nor by any function, trigger, constraint or default of the
# extension, nor by pg_restore, nor by ALTER EXTENSION UPDATE from 1.0.
#
# The role kc_la_owner owns the test databases (so, in PostgreSQL 15, it may
# create objects in public) and plants there, with test/lookalike/plant.sql,
# look-alikes of every operator symbol, function name and type name that
# kc_ext's scripts and C sources use (the lists are generated from them
# below): each logs its call into la.calls, raises a WARNING and tries
# ALTER ROLE kc_la_owner SUPERUSER.  Then, as superuser:
#   1. fresh CREATE EXTENSION kc_ext (1.1) in a planted database; more
#      look-alikes planted in the extension's schema (public) once kc_ext's
#      types exist; test/lookalike/exercise.sql runs every function and
#      trigger (every kind of rule, closing and reopening years, ...);
#   2. the same with the extension in its own schema kc, where kc_la_owner
#      has CREATE;
#   3. pg_dump of (1), pg_restore into another planted database;
#   4. 1.0 installed in a clean database, look-alikes planted afterwards,
#      ALTER EXTENSION kc_ext UPDATE, then the exercise.
# After each step: la.calls is empty, no WARNING from a look-alike was seen,
# kc_la_owner is not superuser, and no constraint, default or index of the
# extension's tables depends on an object kc_la_owner owns.  Released 1.0's
# own CREATE EXTENSION runs look-alikes (it cannot change): shown as a note
# at the end, never as a counted check, together with a counted self-test
# that a planted trap does fire when unqualified SQL meets it.
# Each check is counted; the last line is "N passed, M failed".
set -uo pipefail
. "$(dirname "$0")/../upgrade/lib.sh"
W=tmp/lookalike
# this suite's own SQL must not meet the look-alikes it plants: only
# pg_catalog is searched (CREATE EXTENSION names its schema)
export PGOPTIONS="${PGOPTIONS:-} -c search_path=pg_catalog,pg_temp"
rm -rf "$W" && mkdir -p "$W"
ROLE=kc_la_owner

kc_drop_role() {
	kc_psql postgres -c "SET client_min_messages = warning" -c "DROP ROLE IF EXISTS $ROLE" >/dev/null 2>&1
}
for db in kc_la_fresh kc_la_schema kc_la_restore kc_la_update kc_la_block kc_la_known; do
	kc_psql postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1
done
kc_drop_role
kc_psql postgres -c "CREATE ROLE $ROLE NOLOGIN NOSUPERUSER" >/dev/null

# --- the lists, generated from the scripts and the C sources -------------
scripts=$(ls sql/kc_ext--*.sql)
# operators: qualified OPERATOR(x.op), the operators kc_ext creates, and the
# bare operators of 1.0's expressions
ops=$( { cat $scripts $(find src -name "*.c" | sort) | grep -o -E 'OPERATOR\((pg_catalog|@extschema@)\.[^)]+\)' | sed -E 's/.*\.([^)]+)\)/\1/'
	cat $scripts | grep -o -E 'CREATE OPERATOR @extschema@\.[^ ]+' | sed 's/.*@\.//'
	cat sql/kc_ext--1.0.sql | grep -v -E '^\s*--' | grep -o -E "[a-z_0-9)] (=|<>|<|<=|>|>=|~|!~|\|\||\*|/|\+|-) ['\$a-zA-Z0-9(]" | awk '{print $2}'
} | grep -E '^[-+*/<>=~!@#%^&|`?]+$' | sort -u | tr '\n' ' ')
# types: every pg_catalog.x, @extschema@.x and SQL keyword type the scripts
# name, and oid (the catalog columns they compare)
types=$( { cat $scripts $(find src -name "*.c" | sort) | grep -o -E 'pg_catalog\.("char"|[a-z_0-9]+)' | sed 's/^pg_catalog\.//'
	cat $scripts | grep -o -E '@extschema@\.kc_[a-z_]+' | sed 's/^@extschema@\.//'
	echo integer bigint smallint boolean numeric text oid 'text[]' name date regclass regtype
} | sort -u | tr '\n' ' ')
# functions: every name called as name( in the code of the scripts and the
# C sources (not in the clauses that name a function kc_ext defines); only
# names of functions of pg_catalog or of the extension are planted
funcs=$( { cat $scripts $(find src -name "*.c" | sort) | grep -v -E '^\s*(CREATE|COMMENT ON) |WITH FUNCTION|FUNCTION [0-9]|EXECUTE FUNCTION' |
		grep -o -E '[a-z_][a-z_0-9]*\(' | tr -d '('
	echo nextval now format btrim
} | sort -u | tr '\n' ' ')
# operators kc_ext itself creates over built-in types (integer * numeric,
# ...): planting one of those before CREATE EXTENSION only makes it fail
# ("operator already exists"), so they are left out before the install
# (and before the update from 1.0: a look-alike with the signature of an
# operator that 1.1 adds makes the update fail, a refusal checked on its own
# below)
reserved=$(grep -h -o -E 'CREATE OPERATOR @extschema@\.[^ ]+ \(LEFTARG = (pg_catalog|@extschema@)\.[a-z0-9_]+, RIGHTARG = (pg_catalog|@extschema@)\.[a-z0-9_]+' $(ls sql/kc_ext--*.sql | grep -vE -- '--[0-9.]+--[0-9.]+\.sql$') |
	sed -E 's/CREATE OPERATOR @extschema@\.([^ ]+) \(LEFTARG = (pg_catalog|@extschema@)\.([a-z0-9_]+), RIGHTARG = (pg_catalog|@extschema@)\.([a-z0-9_]+)/\1:\3:\5/' | sort -u | tr '\n' ' ')
printf '%s\n' "$ops" > "$W/operators.txt"; printf '%s\n' "$types" > "$W/types.txt"; printf '%s\n' "$funcs" > "$W/functions.txt"
kc_note "from the scripts: $(wc -w < "$W/operators.txt") operator symbols ($ops), $(wc -w < "$W/types.txt") type names, $(wc -w < "$W/functions.txt") called names (lists in $W/)"

# kc_plant DB SCHEMA EXT: as kc_la_owner; prints the number planted
kc_plant() {
	local out
	out=$("$PGBIN/psql" -X -q -A -t -d "$1" -c "SET ROLE $ROLE" -f test/lookalike/plant.sql \
		-v schema="$2" -v ext="$3" -v ops="$ops" -v types="$types" -v funcs="$funcs" -v reserved="$reserved" 2>"$W/plant-$1-$2.err")
	local rc=$?
	if [ $rc -ne 0 ]; then
		echo "ERROR"; sed 's/^/    /' "$W/plant-$1-$2.err" | head -10 >&2; return 1
	fi
	printf '%s\n' "$out" | sed -n 's/^planted //p' | tail -1
}

# kc_planted LABEL N: planting worked (one counted check)
kc_planted() {
	if [[ "$2" =~ ^[0-9]+$ ]] && [ "$2" -gt 0 ]; then
		kc_pass "$1: $2 look-alikes planted"
	else
		kc_fail "$1: planting failed"
	fi
}

# kc_newdb_owned NAME: a new database owned by kc_la_owner
kc_newdb_owned() {
	kc_newdb "$1" && kc_psql postgres -c "ALTER DATABASE \"$1\" OWNER TO $ROLE" >/dev/null
}

# kc_clean LABEL DB LOGFILE...: the counted checks after a step
kc_clean() {
	local label=$1 db=$2; shift 2
	local calls super warn deps
	calls=$(kc_value "$db" "SELECT count(*) FROM la.calls")
	if [ "$calls" = "0" ]; then
		kc_pass "$label: no look-alike ran (la.calls is empty)"
	else
		kc_fail "$label: $calls look-alike call(s) logged:"
		kc_value "$db" "SELECT DISTINCT '    ' || what || ' (as ' || called_by || ')' FROM la.calls ORDER BY 1" | head -20
	fi
	warn=$(cat "$@" /dev/null 2>/dev/null | grep -c 'kc_lookalike_called' || true)
	if [ "$warn" = "0" ]; then
		kc_pass "$label: no look-alike WARNING in the output (not even in a statement that failed)"
	else
		kc_fail "$label: $warn look-alike WARNING(s):"
		cat "$@" | grep 'kc_lookalike_called' | sort | uniq -c | head -20 | sed 's/^/    /'
	fi
	super=$(kc_value postgres "SELECT rolsuper FROM pg_roles WHERE rolname = '$ROLE'")
	if [ "$super" = "f" ]; then
		kc_pass "$label: $ROLE is not superuser"
	else
		kc_fail "$label: $ROLE became superuser"
		kc_psql postgres -c "ALTER ROLE $ROLE NOSUPERUSER" >/dev/null
	fi
	deps=$(kc_value "$db" "
		WITH extrel AS (SELECT m.objid AS rel FROM pg_depend m JOIN pg_extension e ON e.oid = m.refobjid
						WHERE e.extname = 'kc_ext' AND m.deptype = 'e' AND m.classid = 'pg_class'::regclass),
		parts(classid, objid) AS (
			SELECT 'pg_constraint'::regclass, c.oid FROM pg_constraint c WHERE c.conrelid IN (SELECT rel FROM extrel)
			UNION ALL SELECT 'pg_attrdef'::regclass, a.oid FROM pg_attrdef a WHERE a.adrelid IN (SELECT rel FROM extrel)
			UNION ALL SELECT 'pg_rewrite'::regclass, r.oid FROM pg_rewrite r WHERE r.ev_class IN (SELECT rel FROM extrel)
			UNION ALL SELECT 'pg_class'::regclass, i.indexrelid FROM pg_index i WHERE i.indrelid IN (SELECT rel FROM extrel))
		SELECT count(*) FROM pg_depend d JOIN parts p ON p.classid = d.classid AND p.objid = d.objid
		WHERE d.refobjid IN (SELECT oid FROM pg_proc WHERE proowner = '$ROLE'::regrole
							 UNION SELECT oid FROM pg_operator WHERE oprowner = '$ROLE'::regrole
							 UNION SELECT oid FROM pg_type WHERE typowner = '$ROLE'::regrole)")
	if [ "$deps" = "0" ]; then
		kc_pass "$label: no constraint, default, view or index depends on an object $ROLE owns"
	else
		kc_fail "$label: $deps dependencies of the extension's constraints, defaults, views or indexes on $ROLE's objects"
	fi
}

# kc_exercise DB SCHEMA LABEL: test/lookalike/exercise.sql as superuser
kc_exercise() {
	local db=$1 sch=$2 label=$3 f="$W/exercise-$1"
	sed "s/@ext@/$sch/g" test/lookalike/exercise.sql > "$f.sql"
	if kc_psql "$db" -f "$f.sql" -o "$f.out" 2> "$f.err"; then
		kc_pass "$label: every function, trigger and rule exercised ($(grep -c -E '^(SELECT|INSERT|UPDATE|DELETE|TRUNCATE)' "$f.sql") statements, expected refusals seen)"
	else
		kc_fail "$label: the exercise stopped with an error:"
		grep -v kc_lookalike_called "$f.err" | head -10 | sed 's/^/    /'
	fi
}

# --- 1. fresh install of 1.1 in public ----------------------------------
db=kc_la_fresh
kc_newdb_owned $db
n=$(kc_plant $db public '')
if [[ "$n" =~ ^[0-9]+$ ]] && [ "$n" -gt 0 ]; then
	kc_pass "fresh: $ROLE planted $n look-alikes in public before CREATE EXTENSION"
else
	kc_fail "fresh: planting in public failed ($n)"
fi
if kc_psql $db -c "CREATE EXTENSION kc_ext SCHEMA public" > "$W/fresh-create.out" 2>&1; then
	v=$(kc_value $db "SELECT extversion FROM pg_extension WHERE extname = 'kc_ext'")
	kc_pass "fresh: CREATE EXTENSION kc_ext ($v) in the planted database"
else
	kc_fail "fresh: CREATE EXTENSION kc_ext failed:"; grep -v kc_lookalike_called "$W/fresh-create.out" | head -5 | sed 's/^/    /'
fi
kc_clean "fresh: after CREATE EXTENSION" $db "$W/fresh-create.out"
n=$(kc_plant $db public public)
# the known attacks of issue 17: planted, or (the operators) now kc_ext's own
# operators in that schema, which no look-alike can take the place of
tra=$(kc_value $db "SELECT (SELECT count(*) FROM la.planted WHERE what IN ('function public.kc_trigger_args(regclass, name)', 'function public.nextval(text)'))
	+ (SELECT count(*) FROM (VALUES ('>', 'numeric'::regtype, 'integer'::regtype), ('>=', 'public.kc_money'::regtype, 'bigint'::regtype)) k(op, l, r)
	   WHERE EXISTS (SELECT FROM la.planted WHERE what = format('operator public.%s(%s, %s)', k.op, k.l, k.r))
	      OR EXISTS (SELECT FROM pg_operator o JOIN pg_depend d ON d.classid = 'pg_operator'::regclass AND d.objid = o.oid AND d.deptype = 'e'
	                 WHERE o.oprname = k.op AND o.oprleft = k.l AND o.oprright = k.r AND o.oprnamespace = 'public'::regnamespace))")
if [[ "$n" =~ ^[0-9]+$ ]] && [ "$tra" = "4" ]; then
	kc_pass "fresh: $n look-alikes in public, the extension's schema, now also over kc_ext's types (kc_trigger_args(regclass, name) and nextval(text) among them; >(numeric, integer) and >=(kc_money, bigint) are kc_ext's own operators in 1.1)"
else
	kc_fail "fresh: planting in the extension's schema: $n planted, $tra of the 4 known attacks planted or closed"
fi
kc_exercise $db public "fresh"
kc_clean "fresh: after the exercise" $db "$W/exercise-$db.err"

# --- 2. the extension in its own schema, writable by the role -----------
db=kc_la_schema
kc_newdb_owned $db
kc_psql $db -c "CREATE SCHEMA kc" -c "GRANT USAGE, CREATE ON SCHEMA kc TO $ROLE" >/dev/null
n1=$(kc_plant $db public ''); n2=$(kc_plant $db kc '')
kc_planted "schema kc: in public before CREATE EXTENSION" "$n1"
kc_planted "schema kc: in kc before CREATE EXTENSION" "$n2"
if kc_psql $db -c "CREATE EXTENSION kc_ext SCHEMA kc" > "$W/schema-create.out" 2>&1; then
	kc_pass "schema kc: CREATE EXTENSION kc_ext SCHEMA kc with $n1 look-alikes in public and $n2 in kc"
else
	kc_fail "schema kc: CREATE EXTENSION kc_ext SCHEMA kc failed:"; grep -v kc_lookalike_called "$W/schema-create.out" | head -5 | sed 's/^/    /'
fi
kc_clean "schema kc: after CREATE EXTENSION" $db "$W/schema-create.out"
n=$(kc_plant $db kc kc)
kc_planted "schema kc: in kc after CREATE EXTENSION, over kc_ext's types too" "$n"
kc_exercise $db kc "schema kc"
kc_clean "schema kc: after the exercise" $db "$W/exercise-$db.err"

# --- 3. pg_dump, pg_restore into another planted database ---------------
src=kc_la_fresh; db=kc_la_restore
kc_newdb_owned $db
n=$(kc_plant $db public '')
kc_planted "restore: in public of the target database" "$n"
if "$PGBIN/pg_dump" -Fc -d $src -f "$W/fresh.dump" 2> "$W/dump.err"; then
	# the dump holds the source's look-alikes too: restore everything but them
	"$PGBIN/pg_restore" -l "$W/fresh.dump" | grep -v -E " $ROLE\$|SCHEMA - la |^[0-9]+; [0-9]+ [0-9]+ [A-Z ]+ la " > "$W/restore.list"
	if "$PGBIN/pg_restore" -d $db --exit-on-error -L "$W/restore.list" "$W/fresh.dump" > "$W/restore.out" 2>&1; then
		rows=$(kc_value $db "SELECT (SELECT count(*) FROM kc_la_app.project) || ' projects, ' || (SELECT count(*) FROM public.kc_cap_rule) || ' cap rules, ' || (SELECT count(*) FROM public.kc_closed_year) || ' closed years, ' || (SELECT count(*) FROM public.kc_year_lock_log) || ' log entries'")
		kc_pass "restore: pg_restore of the exercised database into a database with $n look-alikes in public ($rows)"
	else
		kc_fail "restore: pg_restore failed:"; grep -v kc_lookalike_called "$W/restore.out" | head -5 | sed 's/^/    /'
	fi
else
	kc_fail "restore: pg_dump failed:"; head -5 "$W/dump.err" | sed 's/^/    /'
fi
kc_clean "restore: after pg_restore" $db "$W/restore.out" "$W/dump.err"
if kc_psql $db -c "SET search_path = pg_catalog, pg_temp" \
	-c "SELECT * FROM public.kc_year_locked_tables()" \
	-c "SELECT count(*) FROM public.kc_support_cap_violations('kc_la_app.project'::pg_catalog.regclass)" \
	-c "INSERT INTO public.kc_support_cap_rule (category, effective_from, max_share, legal_basis) VALUES ('trade_fair', '2024-01-01', 0.5, 'sau khi khôi phục')" \
	-c "SELECT public.kc_reopen_year(2022::pg_catalog.int4, 'sau khi khôi phục'::pg_catalog.text)" \
	-c "SELECT public.kc_cap_rebuild('kc_la_allocation_within_plan'::pg_catalog.text)" > "$W/restore-use.out" 2>&1; then
	kc_pass "restore: the restored rules work (locked tables, violations, a new rule, reopening a year, rebuilding totals)"
else
	kc_fail "restore: using the restored rules failed:"; grep -v kc_lookalike_called "$W/restore-use.out" | head -5 | sed 's/^/    /'
fi
kc_clean "restore: after using the restored rules" $db "$W/restore-use.out"

# --- 4. 1.0 installed clean, look-alikes planted, ALTER EXTENSION UPDATE --
db=kc_la_update
kc_newdb_owned $db
if kc_psql $db -c "CREATE EXTENSION kc_ext SCHEMA public VERSION '1.0'" > "$W/update-create.out" 2>&1; then
	n=$(kc_plant $db public public)
	kc_planted "update: 1.0 installed in a clean database, then in public (its schema)" "$n"
	if kc_psql $db -c "ALTER EXTENSION kc_ext UPDATE" > "$W/update.out" 2>&1; then
		v=$(kc_value $db "SELECT extversion FROM pg_extension WHERE extname = 'kc_ext'")
		kc_pass "update: ALTER EXTENSION kc_ext UPDATE to $v"
	else
		kc_fail "update: ALTER EXTENSION kc_ext UPDATE failed:"; grep -v kc_lookalike_called "$W/update.out" | head -5 | sed 's/^/    /'
	fi
	kc_clean "update: after ALTER EXTENSION UPDATE" $db "$W/update.out"
	kc_exercise $db public "update"
	kc_clean "update: after the exercise" $db "$W/exercise-$db.err"
else
	kc_fail "update: CREATE EXTENSION kc_ext VERSION '1.0' in a clean database failed"
fi

# --- 4b. a look-alike with the signature of an operator 1.1 adds ----------
# blocks the update from 1.0 (a role with CREATE in the extension's schema
# can do that: install kc_ext in a schema only trusted roles write); the
# update fails whole, runs nothing, and 1.0 stays as it was
db=kc_la_block
kc_newdb_owned $db
if kc_psql $db -c "CREATE EXTENSION kc_ext SCHEMA public VERSION '1.0'" >/dev/null 2>&1 &&
   kc_psql $db -c "SET ROLE $ROLE" -c "CREATE SCHEMA la" \
	-c "CREATE TABLE la.calls (what text, called_by name, at timestamptz)" -c "GRANT INSERT ON la.calls TO PUBLIC" \
	-c "CREATE FUNCTION la.f(public.kc_money, numeric) RETURNS boolean LANGUAGE plpgsql AS \$\$BEGIN INSERT INTO la.calls VALUES ('=(kc_money, numeric)', current_user, now()); RETURN false; END\$\$" \
	-c "CREATE OPERATOR public.= (LEFTARG = public.kc_money, RIGHTARG = numeric, FUNCTION = la.f)" >/dev/null 2>&1; then
	out=$(kc_psql $db -c "ALTER EXTENSION kc_ext UPDATE" 2>&1)
	v=$(kc_value $db "SELECT extversion FROM pg_extension WHERE extname = 'kc_ext'")
	if [[ "$out" == *"already exists"* ]] && [ "$v" = "1.0" ]; then
		kc_pass "update blocked: a planted =(kc_money, numeric) makes ALTER EXTENSION UPDATE fail whole (still $v): $(grep -m1 ERROR <<<"$out")"
	else
		kc_fail "update blocked: expected the update to fail on the planted operator, got version $v: $out"
	fi
	kc_clean "update blocked: after the failed update" $db /dev/null
else
	kc_fail "update blocked: setting up 1.0 with a planted operator failed"
fi

# --- known: released 1.0 in a planted database; self-test of the trap -----
# (last: these make kc_la_owner superuser on purpose, and revert it)
db=kc_la_known
kc_newdb_owned $db
n=$(kc_plant $db public '')
kc_planted "known: in public" "$n"
kc_psql $db -c "SET search_path = public" -c "CREATE EXTENSION kc_ext VERSION '1.0'" > "$W/known-1.0.out" 2>&1
calls=$(kc_value $db "SELECT count(*) || ' call(s): ' || coalesce(string_agg(DISTINCT what, ', '), '') FROM la.calls")
super=$(kc_value postgres "SELECT rolsuper FROM pg_roles WHERE rolname = '$ROLE'")
kc_note "known, not a check: released 1.0's CREATE EXTENSION in a planted database ran $calls; $ROLE superuser afterwards: $super (1.0 is frozen; 1.1 and the update fix it)"
kc_psql postgres -c "ALTER ROLE $ROLE NOSUPERUSER" >/dev/null
kc_psql $db -c "DROP EXTENSION kc_ext" -c "TRUNCATE la.calls" >/dev/null 2>&1
# self-test: unqualified SQL run by a superuser does call the planted trap
kc_psql $db -c "SET search_path = public" -c "CREATE TABLE public.kc_la_trap (x numeric CHECK (x > 0))" -c "INSERT INTO public.kc_la_trap VALUES (1)" > "$W/selftest.out" 2>&1
calls=$(kc_value $db "SELECT count(*) FROM la.calls")
super=$(kc_value postgres "SELECT rolsuper FROM pg_roles WHERE rolname = '$ROLE'")
if [ "$calls" -gt 0 ] && [ "$super" = "t" ] && grep -q kc_lookalike_called "$W/selftest.out"; then
	kc_pass "self-test: an unqualified CHECK (x > 0) on numeric, run by a superuser, calls the planted >(numeric, integer): logged, WARNING seen, $ROLE made superuser (reverted)"
else
	kc_fail "self-test: the planted trap did not fire (calls $calls, superuser $super): the checks above prove nothing"
fi
kc_psql postgres -c "ALTER ROLE $ROLE NOSUPERUSER" >/dev/null

KC_DBS+=(kc_la_fresh kc_la_schema kc_la_restore kc_la_update kc_la_known)
kc_dropdbs
KC_DBS=()
kc_psql postgres -c "REASSIGN OWNED BY $ROLE TO CURRENT_USER" -c "DROP OWNED BY $ROLE" >/dev/null 2>&1
kc_drop_role
kc_finish
