#!/usr/bin/env bash
# test/package/install-tree.sh -- the package as an administrator gets it.
# Runs as root inside a fresh minimal Debian tree (no compiler, no make, no
# postgresql-server-dev) whose checkout has the packages in dist/: the
# current version's postgresql-NN-kc-ext and the previous release's (built
# by test/package/build-tree.sh in another tree).  Each check prints
# "ok: ..." or "FAIL: ..."; the last line is "N passed, M failed".
#
#   1. apt install ./dist/postgresql-NN-kc-ext_<current>_<arch>.deb pulls in
#      the server (postgresql-NN) and no compiler;
#   2. in a throwaway cluster (pg_virtualenv): CREATE EXTENSION kc_ext is
#      the current version, and the regression suite (test/sql, expected/)
#      passes against the installed files (debian/tests/installcheck:
#      pg_regress from postgresql-client-NN);
#   3. apt purge leaves nothing of kc_ext in the server's directories;
#   4. the previous release's package, a database filled under it
#      (test/upgrade/fill.sql), then apt install of the current package
#      (an upgrade): the old objects work with the new library, ALTER
#      EXTENSION kc_ext UPDATE reaches the current version and
#      test/upgrade/verify.sql finds the same values and every rule;
#   5. apt purge again, nothing left.
set -uo pipefail
cd "$(dirname "$0")/../.."
export DEBIAN_FRONTEND=noninteractive
PASS=0
FAIL=0
pass() { PASS=$((PASS + 1)); printf 'ok: %s\n' "$*"; }
fail() { FAIL=$((FAIL + 1)); printf 'FAIL: %s\n' "$*"; }
indent() { sed 's/^/    /' | tail -n "${1:-30}"; }
# counts the "ok:" and "FAIL:" lines of a child (inside pg_virtualenv)
count_child() {
	local line
	while IFS= read -r line; do
		case "$line" in
			"ok: "*) pass "${line#ok: }" ;;
			"FAIL: "*) fail "${line#FAIL: }" ;;
			*) printf '%s\n' "$line" ;;
		esac
	done
}

# ---- inside a pg_virtualenv cluster (PGHOST, PGPORT, PGUSER set) --------
in_cluster_new() {	# $1: expected extension version
	local v
	v=$(psql -X -q -A -t -v ON_ERROR_STOP=1 -d postgres \
		-c "CREATE EXTENSION kc_ext" -c "SELECT extversion FROM pg_extension WHERE extname = 'kc_ext'" 2>&1)
	if [ "$v" = "$1" ]; then
		pass "CREATE EXTENSION kc_ext: version $v"
	else
		fail "CREATE EXTENSION kc_ext: expected version $1, got:"; printf '%s\n' "$v" | indent
	fi
	psql -X -q -A -t -d postgres -c "SELECT '345,5 tỷ'::kc_money::text" 2>&1 | grep -qx 345500000000 &&
		pass "the installed library reads '345,5 tỷ' as 345500000000 đồng" ||
		fail "'345,5 tỷ'::kc_money with the installed library"
}

in_cluster_upgrade() {	# $1: the current package file, $2: previous version, $3: current version
	local new=$1 prev=$2 cur=$3 v
	export PGBIN=/usr/lib/postgresql/$PG_MAJOR/bin
	. test/upgrade/lib.sh
	KC_WORK=tmp/package; mkdir -p "$KC_WORK"
	kc_pass() { pass "$*"; }
	kc_fail() { fail "$*"; }
	kc_newdb kc_pkg_upgrade
	v=$(kc_value kc_pkg_upgrade "CREATE EXTENSION kc_ext; SELECT extversion FROM pg_extension WHERE extname = 'kc_ext'" 2>&1)
	[ "$v" = "$prev" ] && pass "previous package: CREATE EXTENSION kc_ext is $v" ||
		fail "previous package: CREATE EXTENSION kc_ext: expected $prev, got: $v"
	kc_sql_checks "filled under $prev" kc_pkg_upgrade test/upgrade/fill.sql

	if apt install -y -q "./$new" >tmp/package/apt-upgrade.log 2>&1 &&
	   grep -q "Unpacking postgresql-$PG_MAJOR-kc-ext ($cur-[^)]*) over ($prev-" tmp/package/apt-upgrade.log; then
		pass "apt install ./$new upgrades the $prev package in place"
	else
		fail "apt install ./$new as an upgrade:"; indent 20 <tmp/package/apt-upgrade.log
	fi
	# a new session loads the new library for the objects $prev created
	v=$(kc_value kc_pkg_upgrade "SELECT kc_format('1.234.567 đồng'::kc_money, 'triệu')" 2>&1)
	[ -n "$v" ] && ! grep -q ERROR <<<"$v" && pass "before the update, $prev's objects run with the new library: $v" ||
		fail "before the update, $prev's objects with the new library: $v"
	v=$(kc_value kc_pkg_upgrade "ALTER EXTENSION kc_ext UPDATE; SELECT extversion FROM pg_extension WHERE extname = 'kc_ext'" 2>&1)
	[ "$v" = "$cur" ] && pass "ALTER EXTENSION kc_ext UPDATE: $prev -> $v" ||
		fail "ALTER EXTENSION kc_ext UPDATE: expected $cur, got: $v"
	kc_sql_checks "after the update to $cur" kc_pkg_upgrade test/upgrade/verify.sql
	kc_dropdbs
}

case "${1:-}" in
	--in-cluster-new) shift; in_cluster_new "$@"; exit 0 ;;
	--in-cluster-upgrade) shift; in_cluster_upgrade "$@"; exit 0 ;;
esac

# ---- the tree itself ----------------------------------------------------
mkdir -p tmp/package
. tools/lib.sh
arch=$(dpkg --print-architecture)
apt-get update -qq >tmp/package/apt-update.log 2>&1 || { indent <tmp/package/apt-update.log; }
PG_MAJOR=$(kc_distribution_pg_major)
export PG_MAJOR
# versions: the changelog's first two entries (the current one, the
# previous release), read without dpkg-dev
mapfile -t versions < <(sed -n 's/^kc-ext (\([^)]*\)).*/\1/p' debian/changelog | head -2)
cur_deb=${versions[0]}; prev_deb=${versions[1]}
cur=${cur_deb%-*}; prev=${prev_deb%-*}
pkg=postgresql-$PG_MAJOR-kc-ext
new=dist/${pkg}_${cur_deb}_$arch.deb
old=dist/${pkg}_${prev_deb}_$arch.deb
echo "-- Debian $(cat /etc/debian_version), PostgreSQL $PG_MAJOR: $new, previous release $old"

leftovers() {	# what of kc_ext is in the server's directories
	find /usr/lib/postgresql/"$PG_MAJOR"/lib /usr/share/postgresql/"$PG_MAJOR"/extension \
		/usr/share/locale /usr/share/doc/"$pkg" -name 'kc_ext*' -o -path "/usr/share/doc/$pkg" 2>/dev/null
}
purge_check() {	# $1: label
	local n
	# the look-up itself sees the installed files (a guard against a
	# look-up that finds nothing anyway)
	n=$(leftovers | wc -l)
	[ "$n" -gt 0 ] && pass "$1: before the purge, the look-up for kc_ext files finds $n" ||
		fail "$1: before the purge, the look-up for kc_ext files finds nothing"
	if apt purge -y -q "$pkg" >tmp/package/apt-purge.log 2>&1; then
		pass "$1: apt purge $pkg"
	else
		fail "$1: apt purge $pkg:"; indent <tmp/package/apt-purge.log
	fi
	local st left
	st=$(dpkg-query -W -f='${db:Status-Abbrev}' "$pkg" 2>/dev/null)
	[ -z "$st" ] || [ "$st" = "un " ] && pass "$1: dpkg knows $pkg no more (purged)" ||
		fail "$1: dpkg status of $pkg after the purge: '$st'"
	left=$(leftovers)
	[ -z "$left" ] && pass "$1: nothing named kc_ext* left in /usr/lib/postgresql/$PG_MAJOR/lib, /usr/share/postgresql/$PG_MAJOR/extension, /usr/share/locale, no /usr/share/doc/$pkg" ||
		{ fail "$1: left after the purge:"; printf '%s\n' "$left" | indent; }
}

for f in "$new" "$old"; do
	[ -f "$f" ] || { fail "$f is missing (built by test/package/build-tree.sh)"; echo "$PASS passed, $FAIL failed"; exit 1; }
done

# 1. the installation
if apt install -y -q "./$new" >tmp/package/apt-install.log 2>&1; then
	pass "apt install ./$new"
else
	fail "apt install ./$new:"; indent <tmp/package/apt-install.log
fi
dpkg-query -W -f='${Version}' "$pkg" 2>/dev/null | grep -qx "$cur_deb" && pass "$pkg $cur_deb is installed" || fail "$pkg $cur_deb is not installed"
dpkg-query -W -f='${Status}' "postgresql-$PG_MAJOR" 2>/dev/null | grep -q 'install ok installed' &&
	pass "its dependency postgresql-$PG_MAJOR was installed with it" || fail "postgresql-$PG_MAJOR was not installed with $pkg"
compilers=""
for c in cc gcc clang make; do command -v "$c" >/dev/null && compilers="$compilers $c"; done
dpkg-query -W -f='${Status}' "postgresql-server-dev-$PG_MAJOR" 2>/dev/null | grep -q 'install ok installed' && compilers="$compilers postgresql-server-dev-$PG_MAJOR"
[ -z "$compilers" ] && pass "no compiler, make or server headers on this machine" || fail "the tree has:$compilers"
for f in "/usr/lib/postgresql/$PG_MAJOR/lib/kc_ext.so" "/usr/share/postgresql/$PG_MAJOR/extension/kc_ext.control" \
		$(cd sql && ls kc_ext--*.sql | sed "s|^|/usr/share/postgresql/$PG_MAJOR/extension/|"); do
	[ -f "$f" ] || fail "missing after the installation: $f"
done
[ -f "/usr/share/postgresql/$PG_MAJOR/extension/kc_ext--$cur.sql" ] &&
	pass "the package installed kc_ext.so, kc_ext.control and every sql/kc_ext--*.sql ($(ls sql/kc_ext--*.sql | wc -l))"

# 2. CREATE EXTENSION and the regression suite, each in a throwaway cluster
count_child < <(pg_virtualenv -v "$PG_MAJOR" bash "$0" --in-cluster-new "$cur" 2>&1)
echo "-- debian/tests/installcheck (pg_regress against the installed package)"
# the test's own Depends (debian/tests/control), as autopkgtest installs them
DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends locales \
	>tmp/package/apt-test-depends.log 2>&1 || indent <tmp/package/apt-test-depends.log
bash debian/tests/installcheck >tmp/package/installcheck.log 2>&1
rc=$?
grep -E '\.\.\. |^(not )?ok [0-9]+ |tests passed|failed' tmp/package/installcheck.log | sed 's/^/    /'
ok=$(grep -cE '\.\.\. ok|^ok [0-9]+ ' tmp/package/installcheck.log)
bad=$(grep -cE '\.\.\. FAILED|\.\.\. failed|^not ok [0-9]+ ' tmp/package/installcheck.log)
ntests=$(ls test/sql/*.sql | wc -l)
if [ "$rc" -eq 0 ] && [ "$bad" -eq 0 ] && [ "$ok" -eq "$ntests" ]; then
	pass "pg_regress against the installed package: $ok of $ntests tests"
else
	fail "pg_regress against the installed package: exit $rc, $ok ok, $bad failed of $ntests:"
	indent 80 <tmp/package/installcheck.log
fi

# 3. removal
purge_check "after the $cur package"

# 4. upgrade from the previous release's package
if apt install -y -q "./$old" >tmp/package/apt-install-old.log 2>&1; then
	pass "apt install ./$old (the previous release)"
	count_child < <(pg_virtualenv -v "$PG_MAJOR" bash "$0" --in-cluster-upgrade "$new" "$prev" "$cur" 2>&1)
else
	fail "apt install ./$old:"; indent <tmp/package/apt-install-old.log
fi

# 5. removal after the upgrade
purge_check "after the upgrade"

echo "$PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]
