# pg_regress: one file per feature in test/sql, outputs in expected/, run
# by PGXS's own `make installcheck` (REGRESS in the Makefile) against the
# harness's server; the isolation specs and TAP tests are other suites.
set -uo pipefail
rm -f regression.diffs
make -s PG_CONFIG="$PG_CONFIG" installcheck ISOLATION= TAP_TESTS= > tmp/regress.log 2>&1
rc=$?
cat tmp/regress.log
[ -f regression.diffs ] && head -200 regression.diffs
# pg_regress 15 writes "name ... ok", 16 and later TAP: "ok 1 - name"
ok=$(grep -cE '\.\.\. ok|^ok [0-9]+ ' tmp/regress.log)
bad=$(grep -cE '\.\.\. FAILED|\.\.\. failed|^not ok [0-9]+ ' tmp/regress.log)
[ "$rc" -ne 0 ] && [ "$bad" -eq 0 ] && bad=1
[ $((ok + bad)) -eq 0 ] && { echo "no test result line found in the pg_regress output"; bad=1; }
echo "$ok passed, $bad failed"
[ "$bad" -eq 0 ]
