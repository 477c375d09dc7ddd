# test/bench/lib.sh -- helpers for benchmark rows (sourced).
# bench_ms "SQL" [runs]: best wall time in ms of running SQL through psql
# (each run in its own session; the statement only, set-up excluded by
# putting it in the database beforehand).
bench_ms() {
	local sql=$1 runs=${2:-3} best="" t
	for _ in $(seq "$runs"); do
		t=$(psql -X -q -At -v ON_ERROR_STOP=1 -d "${BENCH_DB:-kc_bench}" \
			-c '\timing on' -c "$sql" 2>&1 | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -1)
		[ -z "$t" ] && { echo "bench statement failed: $sql" >&2; echo 0; return; }
		if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then best=$t; fi
	done
	echo "$best"
}
# bench_row "name" measured_ms baseline_ms target
bench_row() {
	local ratio
	ratio=$(awk "BEGIN{ if ($3 > 0) printf \"%.3f\", $2 / $3; else print \"n/a\" }")
	echo "$1|$2|$3|$ratio|$4"
}
# bench_min CURRENT NEW: the smaller of two times (CURRENT may be empty).
bench_min() {
	if [ -z "$1" ]; then echo "$2"; else awk -v a="$1" -v b="$2" 'BEGIN{print (b < a) ? b : a}'; fi
}
