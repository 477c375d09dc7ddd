#!/usr/bin/env bash
# tools/test.sh -- run every test suite against the running throwaway
# cluster (started by tools/run.sh).  Each suite is a script in test/suites/
# whose last output line is "N passed, M failed"; this sums them and ends
# with the grand total.  Exits non-zero when anything failed.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

total_pass=0
total_fail=0
# KC_SUITES="30-regress 40-isolation" runs only those suites (while
# developing; the test command runs them all).
for suite in test/suites/*.sh; do
	name=$(basename "$suite" .sh)
	if [ -n "${KC_SUITES:-}" ] && ! [[ " $KC_SUITES " == *" $name "* ]]; then
		continue
	fi
	printf '\n==== suite %s ====\n' "$name"
	log="tmp/suite-$name.log"
	start=$(date +%s)
	bash "$suite" 2>&1 | tee "$log"
	rc=${PIPESTATUS[0]}
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -1)
	if [ -z "$line" ]; then
		echo "suite $name printed no result line (exit $rc): counted as 1 failure"
		p=0; f=1
	else
		p=${line%% passed*}
		f=${line#*, }; f=${f%% failed}
		if [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then
			echo "suite $name counted no check at all: counted as 1 failure"
			f=1
		elif [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
			echo "suite $name exited $rc: counted as 1 failure"
			f=1
		fi
	fi
	printf '==== suite %s: %s passed, %s failed (%ss)\n' "$name" "$p" "$f" "$(( $(date +%s) - start ))"
	total_pass=$((total_pass + p))
	total_fail=$((total_fail + f))
done
echo
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
