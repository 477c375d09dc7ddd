#!/usr/bin/env bash
# kc_money against bigint, side by side in one run:
#  1. sum(kc_money) over 5 million rows / sum(bigint) over the same values
#     (serial, so that the per-row cost of the aggregate is what is timed);
#  2. COPY of 1 million amounts written in Vietnamese notation ("1.234,567
#     tỷ") into a kc_money column / COPY of the same amounts as plain digits
#     into a bigint column.  Both files are generated under tmp/ of the
#     checkout and fed through psql's COPY FROM STDIN the same way, into
#     ordinary (logged) tables emptied before every run.
# Runs are interleaved A,B,A,B,... and the best of each side is reported.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
export BENCH_DB=kc_bench_money
SUM_ROWS=${BENCH_MONEY_SUM_ROWS:-5000000}
COPY_ROWS=${BENCH_MONEY_COPY_ROWS:-1000000}
RUNS=${BENCH_MONEY_RUNS:-5}
mkdir -p "$ROOT/tmp"
VN_FILE="$ROOT/tmp/bench-money-vn.txt"
DIGITS_FILE="$ROOT/tmp/bench-money-digits.txt"

psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "SET client_min_messages = warning" \
	-c "DROP DATABASE IF EXISTS $BENCH_DB" -c "CREATE DATABASE $BENCH_DB" >/dev/null
trap 'psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $BENCH_DB" >/dev/null 2>&1; rm -f "$VN_FILE" "$DIGITS_FILE"' EXIT

psql -X -q -v ON_ERROR_STOP=1 -d "$BENCH_DB" >/dev/null <<SQL
CREATE EXTENSION kc_ext;
-- amounts to the triệu below 1.000 tỷ (the 5M-row total fits int64),
-- in a scattered order
CREATE TABLE sum_money AS
	SELECT ((g::bigint * 7919) % 1000000 * 1000000)::kc_money AS amount
	FROM generate_series(1, $SUM_ROWS) g;
CREATE TABLE sum_big AS SELECT amount::bigint AS amount FROM sum_money;
VACUUM ANALYZE sum_money;
VACUUM ANALYZE sum_big;
CREATE TABLE copy_src AS
	SELECT ((g::bigint * 104729) % 10000000 * 1000000)::kc_money AS amount
	FROM generate_series(1, $COPY_ROWS) g;
CREATE TABLE copy_money (amount kc_money);
CREATE TABLE copy_big (amount bigint);
SQL

# the two COPY inputs: the same amounts, "1.234,567 tỷ" and "1234567000000"
psql -X -q -v ON_ERROR_STOP=1 -d "$BENCH_DB" \
	-c "\\copy (SELECT replace(kc_format(amount, 'tỷ'), ' đồng', '') FROM copy_src) TO '$VN_FILE'" \
	-c "\\copy (SELECT amount::bigint FROM copy_src) TO '$DIGITS_FILE'"

# the same answers before timing: sums, and both COPY files load to copy_src
psql -X -q -v ON_ERROR_STOP=1 -d "$BENCH_DB" -c "\\copy copy_money FROM '$VN_FILE'" \
	-c "\\copy copy_big FROM '$DIGITS_FILE'"
check=$(psql -X -q -At -v ON_ERROR_STOP=1 -d "$BENCH_DB" -c "
SELECT (SELECT sum(amount)::numeric FROM sum_money) = (SELECT sum(amount) FROM sum_big)
   AND (SELECT count(*) FROM copy_money) = $COPY_ROWS
   AND NOT EXISTS (SELECT amount FROM copy_src EXCEPT ALL SELECT amount FROM copy_money)
   AND NOT EXISTS (SELECT amount::bigint FROM copy_src EXCEPT ALL SELECT amount FROM copy_big)")
[ "$check" = t ] || { echo "10-money: kc_money and bigint results differ" >&2; exit 1; }

# copy_ms TABLE FILE: wall time of COPY FROM STDIN into an emptied table
copy_ms() {
	psql -X -q -v ON_ERROR_STOP=1 -d "$BENCH_DB" -c "TRUNCATE $1" -c "CHECKPOINT" \
		-c '\timing on' -c "COPY $1 FROM STDIN" < "$2" 2>&1 |
		sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -1
}

serial="SET max_parallel_workers_per_gather = 0;"
sum_kc="" sum_bg="" copy_kc="" copy_bg=""
for _ in $(seq "$RUNS"); do
	sum_kc=$(bench_min "$sum_kc" "$(bench_ms "$serial SELECT sum(amount) FROM sum_money" 1)")
	sum_bg=$(bench_min "$sum_bg" "$(bench_ms "$serial SELECT sum(amount) FROM sum_big" 1)")
done
for _ in $(seq "$RUNS"); do
	copy_kc=$(bench_min "$copy_kc" "$(copy_ms copy_money "$VN_FILE")")
	copy_bg=$(bench_min "$copy_bg" "$(copy_ms copy_big "$DIGITS_FILE")")
done
bench_row "sum(kc_money) / sum(bigint), ${SUM_ROWS} rows, serial" "$sum_kc" "$sum_bg" "<= 1.05"
bench_row "COPY ${COPY_ROWS} rows '1.234,567 tỷ' into kc_money / plain digits into bigint" \
	"$copy_kc" "$copy_bg" "<= 1.3"
