# test/t/prove.sh TEST.pl... -- runs TAP tests of test/t (PostgreSQL::Test::Cluster)
# with prove, for the suites of the test command, and ends with
# "N passed, M failed" counted from TAP's own lines.
#
# It sets what PGXS's prove_installcheck sets (`make installcheck` runs the
# same files): PATH with the server's bindir first, PERL5LIB with PostgreSQL's
# perl modules (Debian: postgresql-server-dev-NN, lib/pgxs/src/test/perl)
# and test/t, PG_REGRESS, TESTDIR (PostgreSQL 15) and TESTDATADIR/TESTLOGDIR
# (16 and later).
# It calls prove itself rather than make
# because initdb refuses root: run as root, prove runs as postgres, with
# TESTDIR (tmp_check: the servers' data and logs) in a directory postgres
# owns, and from a copy of test/ and demo/ there when postgres cannot read
# the checkout (a checkout under /root).  The servers' logs are kept in
# tmp/tap-NAME when something failed.
set -uo pipefail
ROOT=$(pwd)
PG_CONFIG=${PG_CONFIG:-$(ls -d /usr/lib/postgresql/*/bin/pg_config 2>/dev/null | sort -V | tail -1)}
BINDIR=$("$PG_CONFIG" --bindir)
PGXS_SRC=$(dirname "$(dirname "$("$PG_CONFIG" --pgxs)")")
name=$(basename "${1%.pl}")
mkdir -p "$ROOT/tmp"
W=$(mktemp -d /tmp/kc_ext_tap.XXXXXX)
SRC=$ROOT
as_owner() { "$@"; }
if [ "$(id -u)" -eq 0 ]; then
	as_owner() { runuser -u postgres -- "$@"; }
	chown postgres: "$W"
	if ! runuser -u postgres -- test -r "$ROOT/test/t/$(basename "$1")" -a -x "$ROOT/demo"; then
		SRC=$W/src
		mkdir -p "$SRC"
		tar -C "$ROOT" --exclude=./tmp -cf - test demo | tar -C "$SRC" -xf -
		chown -R postgres: "$SRC"
	fi
fi
files=()
for f in "$@"; do files+=("test/t/$(basename "$f")"); done
(cd "$SRC" && as_owner env TESTDIR="$W" TESTDATADIR="$W/tmp_check" TESTLOGDIR="$W/tmp_check/log" PATH="$BINDIR:$PATH" PG_REGRESS="$PGXS_SRC/test/regress/pg_regress" \
	PGHOST= PGPORT= PGUSER= PGDATABASE= \
	prove -v -I "$PGXS_SRC/test/perl" -I test/t "${files[@]}") >"$W/prove.out" 2>&1
rc=$?
cat "$W/prove.out"
ok=$(grep -E '^ok [0-9]+' "$W/prove.out" | grep -vcE '# ?(skip|SKIP)')
bad=$(grep -E '^not ok [0-9]+' "$W/prove.out" | grep -vcE '# ?TODO')
[ "$rc" -ne 0 ] && [ "$bad" -eq 0 ] && { echo "prove exited $rc (a test died or missed its plan)"; bad=1; }
if [ "$bad" -ne 0 ]; then
	rm -rf "$ROOT/tmp/tap-$name"
	mkdir -p "$ROOT/tmp/tap-$name"
	cp -r "$W/tmp_check/log" "$W/prove.out" "$ROOT/tmp/tap-$name/" 2>/dev/null
	echo "logs kept in tmp/tap-$name"
fi
rm -rf "$W"
echo "$ok passed, $bad failed"
[ "$bad" -eq 0 ]
