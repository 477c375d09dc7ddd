# test/upgrade/lib.sh -- shared by test/suites/70-upgrade.sh and
# 75-dump-restore.sh.  Sourced, not run.
#
# Uses PGHOST/PGPORT/PGUSER from the harness and the binaries in $PGBIN
# (default: the newest /usr/lib/postgresql/NN/bin).  Work files go to tmp/ of the
# checkout, which is gitignored.  Every check is counted with kc_pass,
# kc_fail or kc_skip; kc_finish prints the "N passed, M failed" line that
# tools/test.sh reads, and drops the databases the suite made.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
PG_CONFIG=${PG_CONFIG:-$PGBIN/pg_config}
export PGBIN PG_CONFIG
# the tests compare text output: keep messages and formats stable
export PGOPTIONS="${PGOPTIONS:-} -c lc_messages=C"
export PGTZ=UTC PGDATESTYLE=ISO

KC_PASS=0
KC_FAIL=0
KC_SKIP=0
KC_DBS=()

kc_pass() { KC_PASS=$((KC_PASS + 1)); printf 'ok: %s\n' "$*"; }
kc_fail() { KC_FAIL=$((KC_FAIL + 1)); printf 'FAIL: %s\n' "$*"; }
kc_skip() { KC_SKIP=$((KC_SKIP + 1)); printf 'skip: %s\n' "$*"; }
kc_note() { printf -- '-- %s\n' "$*"; }

# psql that stops at the first error and prints nothing but results
kc_psql() {
	local db=$1; shift
	"$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -d "$db" "$@"
}

# one value
kc_value() {
	"$PGBIN/psql" -X -q -A -t -v ON_ERROR_STOP=1 -d "$1" -c "$2"
}

# kc_newdb NAME: a new, empty database (dropped again by kc_finish)
kc_newdb() {
	kc_psql postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS \"$1\"" -c "CREATE DATABASE \"$1\" TEMPLATE template0" >/dev/null
	KC_DBS+=("$1")
}

kc_dropdbs() {
	local db
	for db in "${KC_DBS[@]}"; do
		kc_psql postgres -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >/dev/null 2>&1 || true
	done
}

kc_finish() {
	kc_dropdbs
	[ "$KC_SKIP" -gt 0 ] && kc_note "$KC_SKIP check(s) skipped (features not present yet), counted neither way"
	echo "$KC_PASS passed, $KC_FAIL failed"
	[ "$KC_FAIL" -eq 0 ]
}

# The version CREATE EXTENSION kc_ext installs (kc_ext.control, as installed).
kc_default_version() {
	kc_value postgres "SELECT default_version FROM pg_available_extensions WHERE name = 'kc_ext'"
}

# Versions named in test/released-scripts.sha256 (lines "<sha256>  sql/kc_ext--V.sql").
kc_released_versions() {
	sed -n -E 's#^[0-9a-f]{64}  sql/kc_ext--([^-]+(-[^-]+)*)\.sql$#\1#p' test/released-scripts.sha256 2>/dev/null |
		grep -v -e '--' | sort -t. -k1,1n -k2,2n -k3,3n -u
}

# The oldest installable version from which an update path reaches the
# default version (the default version itself when there is no other).
kc_oldest_version() {
	kc_value postgres "
		SELECT v.version
		FROM pg_available_extension_versions v, pg_available_extensions a
		WHERE v.name = 'kc_ext' AND a.name = 'kc_ext'
		  AND (v.version = a.default_version
		       OR EXISTS (SELECT FROM pg_extension_update_paths('kc_ext') p
		                  WHERE p.source = v.version AND p.target = a.default_version
		                    AND p.path IS NOT NULL))
		ORDER BY CASE WHEN v.version ~ '^[0-9]+(\.[0-9]+)*$'
		              THEN string_to_array(v.version, '.')::int[] END NULLS LAST, v.version
		LIMIT 1"
}

# kc_install DB VERSION: CREATE EXTENSION kc_ext VERSION 'V' then ALTER
# EXTENSION kc_ext UPDATE (to the default version, through the chain).
kc_install_and_update() {
	kc_psql "$1" -c "CREATE EXTENSION kc_ext VERSION '$2'" -c "ALTER EXTENSION kc_ext UPDATE"
}

# kc_catalog DB FILE: the extension's catalog, one fact a line (catalog.sql)
kc_catalog() {
	kc_psql "$1" -f test/upgrade/catalog.sql -o "$2"
}

# kc_compare_catalogs LABEL FILE_A FILE_B: one counted check; a difference
# prints a unified diff (at most 120 lines).
kc_compare_catalogs() {
	local label=$1 a=$2 b=$3
	if [ ! -s "$a" ] || [ ! -s "$b" ]; then
		kc_fail "$label: catalog dump missing or empty ($a, $b)"
	elif diff -u "$a" "$b" > "$b.diff"; then
		kc_pass "$label ($(wc -l < "$a") catalog facts identical)"
	else
		kc_fail "$label: the catalogs differ (- ${a##*/}, + ${b##*/}):"
		grep -E '^[-+][^-+]' "$b.diff" | head -120 | sed 's/^/    /'
	fi
}

# kc_sql_checks LABEL DB FILE [psql args]: runs fill.sql or verify.sql, which
# print lines "ok: ...", "FAIL: ..." and "skip: ...", and counts them.  A
# script that stops with an error is one failure.
kc_sql_checks() {
	local label=$1 db=$2 file=$3; shift 3
	local out line
	out="${KC_WORK:-tmp/upgrade}/$(printf '%s' "$label" | tr -c 'A-Za-z0-9._-' '_').out"
	if ! kc_psql "$db" -A -t -f "$file" "$@" > "$out" 2> "$out.err"; then
		kc_fail "$label: $file stopped with an error:"
		sed 's/^/    /' "$out.err" | head -30
	fi
	while IFS= read -r line; do
		case "$line" in
			"ok: "*) kc_pass "$label: ${line#ok: }" ;;
			"FAIL: "*) kc_fail "$label: ${line#FAIL: }" ;;
			"skip: "*) kc_skip "$label: ${line#skip: }" ;;
			"      "*) printf '%s\n' "$line" ;;	# the details of a FAIL
		esac
	done < "$out"
}
