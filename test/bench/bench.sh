#!/usr/bin/env bash
# test/bench/bench.sh -- run by `make bench` against the throwaway cluster.
# Every script in test/bench/rows/ measures one or more rows side by side in
# this one run and prints them as "row|measured|baseline|ratio|target" lines
# (times in ms, ratio = measured / baseline, or as the row says).
# This script collects them into one table.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
mkdir -p tmp
out=tmp/bench-rows.txt
: > "$out"
for s in test/bench/rows/*.sh; do
	echo "== $(basename "$s")" >&2
	bash "$s" | grep -E '^[^|]+\|[^|]*\|[^|]*\|[^|]*\|[^|]*$' | tee -a "$out" >&2
done
echo
printf '%-78s %12s %12s %8s %8s\n' "benchmark" "measured" "baseline" "ratio" "target"
while IFS='|' read -r row a b ratio target; do
	printf '%-78s %12s %12s %8s %8s\n' "$row" "$a" "$b" "$ratio" "$target"
done < "$out"
