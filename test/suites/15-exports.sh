# The shared library exports only what PostgreSQL looks up in it (issue 15):
# the C functions the extension scripts name (AS 'MODULE_PATHNAME', 'sym'),
# their pg_finfo_ records, Pg_magic_func and _PG_init.  Every internal
# symbol is hidden (-fvisibility=hidden, src/kc_compat.h for PostgreSQL 15).
# Checks the library as installed.  Last line: "N passed, M failed".
set -uo pipefail
pass=0; fail=0
ok() { pass=$((pass + 1)); echo "ok: $*"; }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
lib="$("${PG_CONFIG:-pg_config}" --pkglibdir)/kc_ext.so"
if [ ! -f "$lib" ]; then
	bad "$lib is not installed"; echo "$pass passed, $fail failed"; exit 1
fi
mkdir -p tmp
nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBR]$/ {print $3}' | sort -u > tmp/exports.txt
grep -ohE "'MODULE_PATHNAME', *'[A-Za-z_0-9]+'" sql/kc_ext--*.sql |
	sed -E "s/.*'([A-Za-z_0-9]+)'$/\1/" | sort -u > tmp/exports-sql.txt
{ cat tmp/exports-sql.txt; sed 's/^/pg_finfo_/' tmp/exports-sql.txt; echo Pg_magic_func; echo _PG_init; } |
	sort -u > tmp/exports-expected.txt
missing=$(comm -13 tmp/exports.txt tmp/exports-expected.txt)
extra=$(comm -23 tmp/exports.txt tmp/exports-expected.txt)
n=$(wc -l < tmp/exports-sql.txt)
if [ -z "$missing" ]; then
	ok "every one of the $n C functions the scripts name is exported, with its pg_finfo_ record, Pg_magic_func and _PG_init"
else
	bad "not exported: $(echo $missing)"
fi
if [ -z "$extra" ]; then
	ok "nothing else is exported ($(wc -l < tmp/exports.txt) symbols in all)"
else
	bad "internal symbols exported: $(echo $extra | cut -c1-400)"
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
