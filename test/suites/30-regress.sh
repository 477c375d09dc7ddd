# pg_regress: one file per feature in test/sql, outputs in expected/.
set -uo pipefail
make -s PG_CONFIG="$PG_CONFIG" installcheck > tmp/regress.log 2>&1
rc=$?
cat tmp/regress.log
[ -f regression.diffs ] && head -200 regression.diffs
ok=$(grep -cE '\.\.\. ok' tmp/regress.log)
bad=$(grep -cE '\.\.\. FAILED|\.\.\. failed' tmp/regress.log)
[ "$rc" -ne 0 ] && [ "$bad" -eq 0 ] && bad=1
echo "$ok passed, $bad failed"
[ "$bad" -eq 0 ]
