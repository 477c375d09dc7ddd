# Real client drivers, used the way BI tools and applications use them:
# pgJDBC (Debian's libpostgresql-jdbc-java, compiled with javac), psycopg 3
# (Debian's python3-psycopg under /usr/bin/python3) and node-postgres (`pg`
# from npm, pinned by test/clients/node/package-lock.json, installed with
# npm ci).  Each runs against a fresh database holding demo/schema.sql,
# demo/data_2022.sql and the cap rule allocation_within_plan (when
# kc_enforce_cap is installed), prints its checks and ends with
# "N passed, M failed"; this script adds them up.  The database is dropped
# at the end.
set -uo pipefail

DB=kc_clients
OUT=${KC_CLIENTS_OUT:-tmp/clients}   # 90-sanitize.sh runs this file again, elsewhere
if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi

total_pass=0
total_fail=0
fail() { echo "FAIL: $*"; total_fail=$((total_fail + 1)); }

psql_db() { psql -X -q -v ON_ERROR_STOP=1 -d "$DB" "$@"; }

cleanup() {
	psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
}
trap cleanup EXIT

# Debian packages, installed only when missing.
missing=""
for pkg in libpostgresql-jdbc-java python3-psycopg; do
	dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
done
if [ -n "$missing" ]; then
	echo "installing:$missing"
	{ $SUDO apt-get update -qq && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
		--no-install-recommends $missing; } >/dev/null || fail "apt-get install$missing"
fi

rm -rf "$OUT" && mkdir -p "$OUT"

# The database.
cleanup
if ! { psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE $DB" &&
	psql_db -c "SET client_min_messages = warning" -c "CREATE EXTENSION kc_ext" \
		-f demo/schema.sql -f demo/data_2022.sql; } >"$OUT/setup.log" 2>&1; then
	cat "$OUT/setup.log"
	echo "0 passed, 1 failed"
	exit 1
fi
cap=$(psql_db -A -t -c "SELECT to_regprocedure('kc_enforce_cap(text,regclass,text[],text,regclass,text[],text)') IS NOT NULL")
if [ "$cap" = t ]; then
	if psql_db -c "SELECT kc_enforce_cap('allocation_within_plan', 'allocation', '{plan_id}', 'amount', 'fund_plan', '{id}', 'approved')" >>"$OUT/setup.log" 2>&1; then
		echo "cap rule allocation_within_plan installed"
	else
		cat "$OUT/setup.log"
		fail "kc_enforce_cap('allocation_within_plan', ...) on the reference schema"
	fi
else
	echo "skip: kc_enforce_cap is not installed: the drivers skip their cap checks"
fi

# psql's answer to the queries of demo/report.sql, the reference every
# driver must reproduce cell by cell: meta-commands and comments dropped,
# a line "---" after each query's rows.
awk '/^[ \t]*\\/ || /^[ \t]*--/ { next } { print } /;[ \t]*$/ { print "\\echo ---" }' \
	demo/report.sql >"$OUT/report_queries.sql"
if ! psql_db -A -t -F '|' -f "$OUT/report_queries.sql" >"$OUT/report.ref" 2>&1; then
	cat "$OUT/report.ref"
	fail "psql could not run the queries of demo/report.sql"
fi
export KC_DB=$DB KC_REPORT_SQL=$PWD/demo/report.sql KC_REPORT_REF=$PWD/$OUT/report.ref

# Runs one driver's test, shows its output, adds its result line.
run_driver() {
	local name=$1; shift
	local log="$OUT/$name.log" start=$(date +%s)
	echo "---- $name"
	"$@" >"$log" 2>&1
	local rc=$?
	cat "$log"
	local line
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -1)
	if [ -z "$line" ]; then
		fail "$name printed no result line (exit $rc)"
		return
	fi
	local p=${line%% passed*} f=${line#*, }
	f=${f%% failed}
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		fail "$name exited $rc"
	fi
	echo "---- $name: $p passed, $f failed ($(( $(date +%s) - start ))s)"
	total_pass=$((total_pass + p))
	total_fail=$((total_fail + f))
}

# pgJDBC
JDBC_JAR=/usr/share/java/postgresql.jar
if javac -encoding UTF-8 -cp "$JDBC_JAR" -d "$OUT/java" test/clients/java/KcJdbcTest.java >"$OUT/javac.log" 2>&1; then
	run_driver pgjdbc java -Dfile.encoding=UTF-8 -cp "$JDBC_JAR:$OUT/java" KcJdbcTest
else
	cat "$OUT/javac.log"
	fail "javac test/clients/java/KcJdbcTest.java"
fi

# psycopg 3
run_driver psycopg /usr/bin/python3 test/clients/python/kc_psycopg_test.py

# node-postgres: npm ci, unless node_modules already holds exactly what
# package-lock.json pins (a stamp written after the last npm ci).
npm_install() {
	local sum
	sum=$(sha256sum package.json package-lock.json | sha256sum | cut -d' ' -f1)
	if [ -f node_modules/.kc-lock-stamp ] && [ "$(cat node_modules/.kc-lock-stamp)" = "$sum" ]; then
		echo "node_modules matches package-lock.json: npm ci skipped"
		return 0
	fi
	npm ci --no-audit --no-fund --prefer-offline --loglevel=error && echo "$sum" >node_modules/.kc-lock-stamp
}
if (cd test/clients/node && npm_install) >"$OUT/npm.log" 2>&1; then
	tail -1 "$OUT/npm.log"
	run_driver node-postgres node test/clients/node/kc_pg_test.js
else
	cat "$OUT/npm.log"
	fail "npm ci in test/clients/node"
fi

echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
