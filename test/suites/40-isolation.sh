# Isolation specs (test/isolation/specs, expected output in expected/) run
# by PGXS's own `make installcheck` (ISOLATION in the Makefile:
# pg_isolation_regress) against the harness's server.
set -uo pipefail
rm -f regression.diffs
make -s PG_CONFIG="$PG_CONFIG" installcheck REGRESS= TAP_TESTS= > tmp/isolation.log 2>&1
rc=$?
cat tmp/isolation.log
[ -f regression.diffs ] && head -200 regression.diffs
# pg_regress 15 writes "name ... ok", 16 and later TAP: "ok 1 - name"
ok=$(grep -cE '\.\.\. ok|^ok [0-9]+ ' tmp/isolation.log)
bad=$(grep -cE '\.\.\. FAILED|\.\.\. failed|^not ok [0-9]+ ' tmp/isolation.log)
[ "$rc" -ne 0 ] && [ "$bad" -eq 0 ] && bad=1
[ $((ok + bad)) -eq 0 ] && { echo "no test result line found in the pg_isolation_regress output"; bad=1; }
echo "$ok passed, $bad failed"
[ "$bad" -eq 0 ]
