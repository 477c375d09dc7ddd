# Cap rules under load: the libpq stress program (test/stress/cap_stress.c,
# about 20 seconds of 16 concurrent clients), then a pg_dump / pg_restore
# round trip of its database: the rule, its kept totals and its triggers come
# back, and the restored rule is still enforced.
set -uo pipefail
mkdir -p tmp
BIN=${PGBIN:-$("$PG_CONFIG" --bindir)}
passed=0
failed=0
check() {	# check "what" command...
	local what=$1; shift
	if "$@"; then passed=$((passed + 1)); echo "ok:     $what"
	else failed=$((failed + 1)); echo "FAILED: $what"; fi
}
q() { "$BIN/psql" -X -q -At -v ON_ERROR_STOP=1 "$@"; }

if ! cc -O2 -Wall -Wextra -pthread -I"$("$PG_CONFIG" --includedir)" -o tmp/cap_stress \
		test/stress/cap_stress.c -L"$("$PG_CONFIG" --libdir)" -lpq; then
	echo "0 passed, 1 failed"
	exit 1
fi

q -d postgres -c "DROP DATABASE IF EXISTS kc_cap_stress" -c "DROP DATABASE IF EXISTS kc_cap_restore"
q -d postgres -c "CREATE DATABASE kc_cap_stress"
q -d kc_cap_stress -c "CREATE EXTENSION kc_ext"

PGDATABASE=kc_cap_stress timeout 120 ./tmp/cap_stress "${CAP_STRESS_SECONDS:-20}" "${CAP_STRESS_CLIENTS:-16}" \
	> tmp/cap_stress.log 2>&1
rc=$?
cat tmp/cap_stress.log
last=$(tail -1 tmp/cap_stress.log)
if [[ $rc -le 1 && $last =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
	passed=$((passed + BASH_REMATCH[1])); failed=$((failed + BASH_REMATCH[2]))
else
	echo "FAILED: the stress program did not finish (exit $rc)"
	failed=$((failed + 1))
fi

echo
echo "pg_dump / pg_restore of the stress database"
restored() {
	"$BIN/pg_dump" -Fc -f tmp/cap_stress.dump kc_cap_stress &&
	q -d postgres -c "CREATE DATABASE kc_cap_restore" &&
	"$BIN/pg_restore" --exit-on-error -d kc_cap_restore tmp/cap_stress.dump
}
check "pg_dump -Fc and pg_restore succeed" restored
check "the rule is back in kc_caps" \
	test "$(q -d kc_cap_restore -c "SELECT count(*) FROM kc_caps WHERE rule_name = 'st_cap'")" = 1
check "its triggers are back" \
	test "$(q -d kc_cap_restore -c "SELECT count(*) FROM pg_trigger WHERE tgname IN ('kc_cap_row_st_cap', 'kc_cap_truncate_st_cap', 'kc_cap_parent_st_cap')")" = 3
same_totals() {
	local a b
	a=$(q -d kc_cap_stress -c "SELECT string_agg(parent_key::text || '=' || total, ' ' ORDER BY parent_key) FROM kc_cap_total WHERE rule_name = 'st_cap'")
	b=$(q -d kc_cap_restore -c "SELECT string_agg(parent_key::text || '=' || total, ' ' ORDER BY parent_key) FROM kc_cap_total WHERE rule_name = 'st_cap'")
	echo "        kept totals before: $a"
	echo "        kept totals after:  $b"
	[ -n "$a" ] && [ "$a" = "$b" ]
}
check "the kept totals are restored unchanged" same_totals
refused() {
	local out
	out=$(q -d kc_cap_restore -c "INSERT INTO st_alloc (plan_id, amount) VALUES (1, 1000000)" 2>&1)
	echo "        $out" | head -2
	[[ $out == *"violating cap rule \"st_cap\""* ]]
}
check "the restored rule refuses an allocation over the limit" refused
fits() {
	q -d kc_cap_restore -c "UPDATE st_plan SET approved = approved + 10 WHERE id = 1" \
		-c "INSERT INTO st_alloc (plan_id, amount) VALUES (1, 10)" &&
	test "$(q -d kc_cap_restore -c "SELECT t.total = (SELECT sum(amount::numeric) FROM st_alloc WHERE plan_id = 1) FROM kc_cap_total t WHERE rule_name = 'st_cap' AND parent_key = '{1}'")" = t
}
check "the restored rule keeps its total when an allocation fits" fits

q -d postgres -c "DROP DATABASE IF EXISTS kc_cap_restore" -c "DROP DATABASE IF EXISTS kc_cap_stress"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
