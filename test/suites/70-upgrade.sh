# Upgrades: released scripts unchanged; for every released version V (from
# test/released-scripts.sha256) and, always, the oldest installable version
# updated to the default version through the update chain:
#   1. CREATE EXTENSION kc_ext VERSION 'V' then ALTER EXTENSION kc_ext UPDATE
#      leaves exactly the catalog of a fresh CREATE EXTENSION kc_ext
#      (test/upgrade/catalog.sql, compared with diff);
#   2. the whole pg_regress suite passes against that updated database;
#   3. a database filled under V (test/upgrade/fill.sql: every type, every
#      rule, a closed year) reads back the same values after the update and
#      still enforces every rule (test/upgrade/verify.sql).
# Each check is counted; the last line is "N passed, M failed".
set -uo pipefail
. "$(dirname "$0")/../upgrade/lib.sh"
rm -rf tmp/upgrade && mkdir -p tmp/upgrade

# 0. Released scripts are never edited.
while IFS= read -r line; do
	case "$line" in
		"ok: "*) kc_pass "${line#ok: }" ;;
		"FAIL: "*) kc_fail "${line#FAIL: }" ;;
		"    "*) echo "$line" ;;
	esac
done < <(bash test/upgrade/check_released.sh 2>&1)

default=$(kc_default_version)
if [ -z "$default" ]; then
	kc_fail "kc_ext is not installed (no default version in pg_available_extensions): run make install"
	kc_finish; exit
fi
oldest=$(kc_oldest_version)
released=$(kc_released_versions | tr '\n' ' ')
kc_note "default version $default; oldest installable version with an update path to it: ${oldest:-none}; released: ${released:-none yet}"

# The fresh install everything is compared with.
kc_newdb kc_upg_fresh
if kc_psql kc_upg_fresh -c "CREATE EXTENSION kc_ext" && kc_catalog kc_upg_fresh tmp/upgrade/catalog-fresh.txt; then
	kc_pass "fresh CREATE EXTENSION kc_ext ($default): $(grep -c ' | member | yes$' tmp/upgrade/catalog-fresh.txt) member objects described"
else
	kc_fail "fresh CREATE EXTENSION kc_ext and its catalog"
fi

# The comparison itself notices a change: a function's cost, a type's
# comment, a privilege (a guard against comparing two empty files).
kc_newdb kc_upg_selftest
fn=$(kc_value kc_upg_fresh "SELECT objid::regprocedure FROM pg_depend WHERE classid = 'pg_proc'::regclass AND deptype = 'e' AND refobjid = (SELECT oid FROM pg_extension WHERE extname = 'kc_ext') ORDER BY 1::text LIMIT 1")
if kc_psql kc_upg_selftest -c "CREATE EXTENSION kc_ext" \
	-c "ALTER FUNCTION $fn COST 4321" -c "COMMENT ON TYPE kc_money IS 'changed by the self-test'" \
	-c "REVOKE USAGE ON TYPE kc_money FROM PUBLIC" >/dev/null 2>&1 &&
   kc_catalog kc_upg_selftest tmp/upgrade/catalog-selftest.txt; then
	changed=$(diff tmp/upgrade/catalog-fresh.txt tmp/upgrade/catalog-selftest.txt | grep -c -E '^> .*(\| cost \| 4321|\| comment \| changed by the self-test|kc_money \| acl \| )')
	if [ "$changed" -ge 3 ]; then
		kc_pass "the catalog comparison notices a changed cost, comment and privilege"
	else
		kc_fail "the catalog comparison missed a changed cost, comment or privilege ($changed of 3 seen)"
	fi
else
	kc_fail "catalog self-test: could not set up the changed database"
fi

# pg_regress, against an existing database.  The test files create the
# extension themselves (CREATE EXTENSION [IF NOT EXISTS] kc_ext); in an
# updated database it already exists, and then such a statement prints
# 'NOTICE:  extension "kc_ext" already exists, skipping' (or the ERROR of a
# plain CREATE EXTENSION).  A test that pg_regress reports as failed is
# compared again with that one line removed, after such a statement, from
# both the expected and the actual output: whether the extension existed
# before the file ran is the only difference tolerated.
PG_REGRESS=$(dirname "$("$PG_CONFIG" --pgxs)")/../test/regress/pg_regress
kc_make_var() {
	make -s --no-print-directory PG_CONFIG="$PG_CONFIG" --eval 'kc-print-%: ; @echo $($*)' "kc-print-$1" 2>/dev/null
}
regress_tests=$(kc_make_var REGRESS)
regress_opts=$(kc_make_var REGRESS_OPTS)
inputdir=$(printf '%s\n' $regress_opts | sed -n 's/^--inputdir=//p' | tail -1)
inputdir=$(cd "${inputdir:-.}" && pwd)
extra_opts=$(printf '%s\n' $regress_opts | grep -v -E '^--(inputdir|outputdir|dbname|load-extension|use-existing)(=|$)' | tr '\n' ' ')

kc_without_exists_notice() {
	awk '
		prev && ($0 == "NOTICE:  extension \"kc_ext\" already exists, skipping" ||
		         $0 == "ERROR:  extension \"kc_ext\" already exists") { prev = 0; next }
		{ print; prev = (tolower($0) ~ /^[[:space:]]*create[[:space:]]+extension[[:space:]].*kc_ext.*;[[:space:]]*$/) }
	' "$1"
}

kc_regress() {
	local db=$1 label=$2 out="$ROOT/tmp/upgrade/regress-$3" t e line status rc n=0 matched
	if [ -z "$regress_tests" ]; then
		if ls "$inputdir"/sql/*.sql >/dev/null 2>&1; then
			kc_fail "$label: could not read REGRESS from the Makefile (make --eval failed?)"
		else
			kc_skip "$label: no pg_regress tests (test/sql/*.sql) yet"
		fi
		return
	fi
	mkdir -p "$out/expected"
	[ -d "$inputdir/expected" ] && cp "$inputdir"/expected/*.out "$out/expected/" 2>/dev/null
	cp "$ROOT"/expected/*.out "$out/expected/" 2>/dev/null
	# what pg_regress sets when it creates its own database
	kc_psql "$db" -c "ALTER DATABASE \"$db\" SET lc_messages TO 'C'" \
		-c "ALTER DATABASE \"$db\" SET lc_monetary TO 'C'" -c "ALTER DATABASE \"$db\" SET lc_numeric TO 'C'" \
		-c "ALTER DATABASE \"$db\" SET lc_time TO 'C'" -c "ALTER DATABASE \"$db\" SET bytea_output TO 'hex'" \
		-c "ALTER DATABASE \"$db\" SET timezone_abbreviations TO 'Default'" >/dev/null
	# run from the top of the checkout, as make installcheck does: tests read
	# files such as demo/... and write results/... relative to it
	mkdir -p "$ROOT/results"
	# shellcheck disable=SC2086
	PGOPTIONS= "$PG_REGRESS" --use-existing --dbname="$db" --inputdir="$inputdir" \
		--outputdir="$out" --bindir="$PGBIN" $extra_opts $regress_tests > "$out/regress.log" 2>&1
	rc=$?
	: > "$out/diffs"
	for t in $regress_tests; do
		# pg_regress 15 writes "name ... ok", 16 and later TAP: "ok 1 - name"
		line=$(grep -E "^(test )?[[:space:]]*$t +\.\.\. |^(not )?ok [0-9]+ +[-+] +$t( |\$)" "$out/regress.log" | head -1)
		case "$line" in
			*" ... ok"*|"ok "*) status=ok ;;
			*" ... FAILED"*|*" ... failed"*|"not ok "*) status=failed ;;
			*) status=missing ;;
		esac
		n=$((n + 1))
		if [ "$status" = ok ]; then
			kc_pass "$label: $t"
		elif [ "$status" = failed ] && [ -f "$out/results/$t.out" ]; then
			matched=0
			for e in "$out/expected/$t.out" "$out"/expected/"${t}"_[0-9].out; do
				[ -f "$e" ] || continue
				if diff -q <(kc_without_exists_notice "$e") <(kc_without_exists_notice "$out/results/$t.out") >/dev/null; then
					matched=1
					break
				fi
			done
			if [ "$matched" -eq 1 ]; then
				kc_pass "$label: $t (differs only in whether kc_ext existed before the file ran)"
			else
				kc_fail "$label: $t (diff in ${out#$ROOT/}/diffs)"
				diff -u <(kc_without_exists_notice "$out/expected/$t.out") <(kc_without_exists_notice "$out/results/$t.out") \
					| sed "1,2s#/dev/fd/[0-9]*#$t#" >> "$out/diffs"
			fi
		else
			kc_fail "$label: $t did not run"
		fi
	done
	if [ -s "$out/diffs" ]; then
		head -120 "$out/diffs" | sed 's/^/    /'
	fi
	if [ "$n" -eq 0 ] || ! grep -q -E '\.\.\. |^(not )?ok [0-9]+ ' "$out/regress.log"; then
		kc_fail "$label: pg_regress exited $rc"
		tail -20 "$out/regress.log" | sed 's/^/    /'
	fi
}

# The versions to start from: every released one, and the oldest
# installable one (through the chain; the default itself while only one
# version exists, which still exercises all of the machinery).
cases=$(printf '%s\n' $released "$oldest" | grep -v '^$' | awk '!seen[$0]++')

for v in $cases; do
	tag=${v//[^A-Za-z0-9]/_}
	from="CREATE EXTENSION kc_ext VERSION '$v' + ALTER EXTENSION kc_ext UPDATE"
	kc_note "from $v: $from"

	# 1. the catalog after the update equals a fresh install's
	db=kc_upg_from_$tag
	kc_newdb "$db"
	if kc_install_and_update "$db" "$v" > tmp/upgrade/install-$tag.log 2>&1; then
		got=$(kc_value "$db" "SELECT extversion FROM pg_extension WHERE extname = 'kc_ext'")
		if [ "$got" = "$default" ]; then
			kc_pass "from $v: installed under the current library and updated to $default"
		else
			kc_fail "from $v: updated to $got, not to the default version $default (missing update script?)"
		fi
		kc_catalog "$db" "tmp/upgrade/catalog-from-$tag.txt"
		kc_compare_catalogs "from $v: catalog after the update = catalog of a fresh install" \
			tmp/upgrade/catalog-fresh.txt "tmp/upgrade/catalog-from-$tag.txt"
		# 2. the regression suite on the updated database
		kc_regress "$db" "from $v: pg_regress" "from-$tag"
	else
		kc_fail "from $v: $from failed:"
		sed 's/^/    /' tmp/upgrade/install-$tag.log | head -20
	fi

	# 3. data filled under V, then updated
	db=kc_upg_data_$tag
	kc_newdb "$db"
	if kc_psql "$db" -c "CREATE EXTENSION kc_ext VERSION '$v'" > tmp/upgrade/data-$tag.log 2>&1; then
		kc_sql_checks "from $v: filled under $v" "$db" test/upgrade/fill.sql
		if kc_psql "$db" -c "ALTER EXTENSION kc_ext UPDATE" >> tmp/upgrade/data-$tag.log 2>&1; then
			kc_sql_checks "from $v: after the update" "$db" test/upgrade/verify.sql
		else
			kc_fail "from $v: ALTER EXTENSION kc_ext UPDATE of the filled database:"
			sed 's/^/    /' tmp/upgrade/data-$tag.log | head -20
		fi
	else
		kc_fail "from $v: CREATE EXTENSION kc_ext VERSION '$v':"
		sed 's/^/    /' tmp/upgrade/data-$tag.log | head -20
	fi
done

kc_finish
