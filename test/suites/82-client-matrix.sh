# The client matrix: the drivers BI and ETL tools use, from Debian (psycopg
# 3, psqlODBC through pyodbc, SQLAlchemy with pandas over psycopg2) and npm
# (node-postgres, pinned by test/clients/node/package-lock.json), against
# the reference schema (demo/schema.sql, demo/data_2022.sql, demo/rules.sql)
# in a fresh database.  For each driver five checks, each one cell of the
# matrix and one counted check:
#   types         every amount of the *_bi views and the report views
#                 arrives as a number (Decimal, int, float, JS number), with
#                 the numeric type's OID; ODBC and SQLAlchemy describe the
#                 *_bi amounts as numeric with precision 20, scale 0
#   sums          the 2022 totals (345,5 tỷ planned, 323 tỷ paid) summed by
#                 the server and by the client are numbers
#   filter        kc_money > a numeric parameter (1000000000.0) and the
#                 literal amount > 1000000000.0 select the right rows
#   write 12.345  the text '12.345' into a kc_money column is refused with
#                 SQLSTATE 22P02, and nothing is stored as 12345
#   cap 23514     an allocation over its plan is refused with SQLSTATE 23514
#                 naming the rule allocation_within_plan (as the constraint
#                 name; ODBC has no such field: the SQLSTATE in the
#                 exception and the rule in the message)
# The drivers print one line per cell (test/clients/matrix/); this script
# draws the table and ends with "N passed, M failed".  The database is
# dropped at the end.
set -uo pipefail

DB=kc_matrix
OUT=${KC_MATRIX_OUT:-tmp/client-matrix}
DRIVERS="psycopg3 psqlODBC SQLAlchemy+pandas node-postgres"
CHECKS="types|sums|filter|write 12.345|cap 23514"
PY=/usr/bin/python3   # Debian's python, where the python3-* packages are
if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi

extra_fail=0
psql_db() { psql -X -q -v ON_ERROR_STOP=1 -d "$DB" "$@"; }
cleanup() {
	psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
}
trap cleanup EXIT

# Debian packages, installed only when missing (tools/lib.sh installs them
# with the rest; this keeps the suite runnable on its own).
missing=""
for pkg in python3-psycopg python3-psycopg2 odbc-postgresql unixodbc python3-pyodbc \
	python3-sqlalchemy python3-pandas; do
	dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
done
if [ -n "$missing" ]; then
	echo "installing:$missing"
	{ $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq \
		--no-install-recommends $missing; } >/dev/null || { echo "FAIL: apt-get install$missing"; extra_fail=$((extra_fail + 1)); }
fi

# psqlODBC: the driver by its path (DSN-less), or as odbcinst.ini names it
KC_ODBC_DRIVER=/usr/lib/x86_64-linux-gnu/odbc/psqlodbcw.so
if [ ! -e "$KC_ODBC_DRIVER" ]; then
	KC_ODBC_DRIVER="{PostgreSQL Unicode}"
fi

rm -rf "$OUT" && mkdir -p "$OUT"
cleanup
if ! { psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE $DB" &&
	psql_db -c "SET client_min_messages = warning" -c "CREATE EXTENSION kc_ext" \
		-f demo/schema.sql -f demo/data_2022.sql -f demo/rules.sql; } >"$OUT/setup.log" 2>&1; then
	cat "$OUT/setup.log"
	echo "0 passed, 1 failed"
	exit 1
fi
export KC_DB=$DB KC_ODBC_DRIVER

# node-postgres: npm ci in test/clients/node, unless node_modules already
# holds exactly what package-lock.json pins (the stamp 80-clients writes).
npm_install() {
	local sum
	sum=$(sha256sum package.json package-lock.json | sha256sum | cut -d' ' -f1)
	if [ -f node_modules/.kc-lock-stamp ] && [ "$(cat node_modules/.kc-lock-stamp)" = "$sum" ]; then
		return 0
	fi
	npm ci --no-audit --no-fund --prefer-offline --loglevel=error && echo "$sum" >node_modules/.kc-lock-stamp
}

: >"$OUT/cells"
$PY test/clients/matrix/matrix.py >"$OUT/python.log" 2>&1
grep -P '^cell\t' "$OUT/python.log" >>"$OUT/cells"
if (cd test/clients/node && npm_install) >"$OUT/npm.log" 2>&1; then
	node test/clients/matrix/node_pg.js >"$OUT/node.log" 2>&1
	grep -P '^cell\t' "$OUT/node.log" >>"$OUT/cells"
else
	cat "$OUT/npm.log"
fi

# The table: a row per driver, a column per check; a cell no driver
# reported is a failure too.
awk -F'\t' -v drivers="$DRIVERS" -v checks="$CHECKS" '
	{ status[$2 SUBSEP $3] = $4; detail[$2 SUBSEP $3] = $5 }
	END {
		nd = split(drivers, d, " "); nc = split(checks, c, "|")
		w = 18
		line = sprintf("%-" w "s", "driver")
		for (j = 1; j <= nc; j++) line = line sprintf(" | %-12s", c[j])
		print line
		sep = sprintf("%" w "s", ""); gsub(/ /, "-", sep); line = sep
		for (j = 1; j <= nc; j++) line = line "-+-------------"
		print line
		pass = 0; fail = 0
		for (i = 1; i <= nd; i++) {
			line = sprintf("%-" w "s", d[i])
			for (j = 1; j <= nc; j++) {
				k = d[i] SUBSEP c[j]
				s = (k in status) ? status[k] : "missing"
				if (s == "ok") pass++; else { fail++; bad[fail] = d[i] " / " c[j] ": " s " " detail[k] }
				line = line sprintf(" | %-12s", s)
			}
			print line
		}
		print ""
		for (i = 1; i <= nd; i++)
			for (j = 1; j <= nc; j++) {
				k = d[i] SUBSEP c[j]
				if (status[k] == "ok") printf "  %s / %s: %s\n", d[i], c[j], detail[k]
			}
		for (f = 1; f <= fail; f++) print "FAIL: " bad[f]
		printf "%d %d\n", pass, fail > "/dev/stderr"
	}' "$OUT/cells" 2>"$OUT/counts"

if grep -q '^FAIL' "$OUT/cells" || ! [ -s "$OUT/cells" ]; then
	echo "---- driver output"
	cat "$OUT/python.log" "$OUT/node.log" 2>/dev/null | grep -vP '^cell\t'
fi
read -r p f <"$OUT/counts"
f=$((f + extra_fail))
echo "$p passed, $f failed"
[ "$f" -eq 0 ]
