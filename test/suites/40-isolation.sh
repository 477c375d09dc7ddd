# Isolation specs (test/isolation/specs) through pg_isolation_regress.
set -uo pipefail
ISO=$(dirname "$("$PG_CONFIG" --pgxs)")/../test/isolation/pg_isolation_regress
specs=$(cd test/isolation/specs && ls *.spec | sed 's/\.spec$//' | sort)
rm -rf tmp/isolation && mkdir -p tmp/isolation
"$ISO" --host="$PGHOST" --port="$PGPORT" --user="$PGUSER" \
	--inputdir=test/isolation --outputdir=tmp/isolation \
	--load-extension=kc_ext --dbname=kc_isolation $specs > tmp/isolation.log 2>&1
rc=$?
cat tmp/isolation.log
[ -f tmp/isolation/regression.diffs ] && head -200 tmp/isolation/regression.diffs
# pg_regress 15 writes "name ... ok", 16 and later TAP: "ok 1 - name"
ok=$(grep -cE '\.\.\. ok|^ok [0-9]+ ' tmp/isolation.log)
bad=$(grep -cE '\.\.\. FAILED|\.\.\. failed|^not ok [0-9]+ ' tmp/isolation.log)
[ "$rc" -ne 0 ] && [ "$bad" -eq 0 ] && bad=1
[ $((ok + bad)) -eq 0 ] && { echo "no test result line found in the pg_regress output"; bad=1; }
echo "$ok passed, $bad failed"
[ "$bad" -eq 0 ]
