# A bounded libFuzzer run of the money and plan parsers (25 seconds), with
# AddressSanitizer and UBSan.  The corpus in test/fuzz/corpus is read, never
# written: new inputs go to a scratch directory.
set -uo pipefail
mkdir -p tmp
rm -rf tmp/fuzz-corpus && mkdir -p tmp/fuzz-corpus
clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	-Isrc/core -o tmp/kc_money_fuzz test/fuzz/kc_money_fuzz.c src/core/*.c || { echo "0 passed, 1 failed"; exit 1; }
if ./tmp/kc_money_fuzz -max_total_time=25 -timeout=5 -print_final_stats=1 \
	-dict=test/fuzz/money.dict tmp/fuzz-corpus test/fuzz/corpus/money > tmp/fuzz.log 2>&1; then
	grep -E 'stat::number_of_executed_units|^Done' tmp/fuzz.log || true
	echo "1 passed, 0 failed"
else
	tail -40 tmp/fuzz.log
	echo "0 passed, 1 failed"
	exit 1
fi
