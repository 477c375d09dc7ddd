#!/usr/bin/env bash
# test/package/build-tree.sh [PREV_REF] -- the packages as a user builds
# them.  Runs as root inside a fresh minimal Debian tree (test/package/run.sh
# makes it with test/ci/debian-tree.sh):
#   1. `bash tools/run.sh deb`, the README's command, on the bare tree:
#      dist/postgresql-NN-kc-ext_<version>_<arch>.deb for the distribution's
#      PostgreSQL, depending on postgresql-NN, with every sql/kc_ext--*.sql;
#   2. the previous release's package from PREV_REF (default 72218c0,
#      "Release 1.1"): `bash tools/run.sh deb PREV_REF`;
#   3. lintian on both packages: no error (warnings and the rest printed).
# Each check prints "ok: ..." or "FAIL: ..."; the last line is
# "N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
PREV_REF=${1:-72218c0}
export DEBIAN_FRONTEND=noninteractive
PASS=0
FAIL=0
pass() { PASS=$((PASS + 1)); printf 'ok: %s\n' "$*"; }
fail() { FAIL=$((FAIL + 1)); printf 'FAIL: %s\n' "$*"; }
finish() { echo "$PASS passed, $FAIL failed"; [ "$FAIL" -eq 0 ]; exit; }
mkdir -p tmp/package
rm -rf dist

start=$SECONDS
if bash tools/run.sh deb; then
	pass "bash tools/run.sh deb ($((SECONDS - start))s, the build dependencies included)"
else
	fail "bash tools/run.sh deb"
	finish
fi
. tools/lib.sh
major=$(kc_distribution_pg_major)
arch=$(dpkg --print-architecture)
version=$(dpkg-parsechangelog -S Version)
deb=dist/postgresql-$major-kc-ext_${version}_$arch.deb
if [ -f "$deb" ]; then
	pass "$deb ($(stat -c %s "$deb") bytes)"
else
	fail "no $deb; dist/ has: $(ls dist)"
	finish
fi
others=$(ls dist | grep -vxF "$(basename "$deb")")
[ -z "$others" ] && pass "dist/ holds that package only" || fail "dist/ holds more: $others"

depends=$(dpkg-deb -f "$deb" Depends)
dep_re=", postgresql-$major( \([^)]*\))?,"
[[ ", $depends," =~ $dep_re ]] &&
	pass "Depends: $depends" || fail "Depends does not name postgresql-$major: $depends"
contents=$(dpkg-deb -c "$deb" | awk '{ print $6 }' | sed 's|^\./|/|')
missing=""
for f in /usr/lib/postgresql/$major/lib/kc_ext.so /usr/share/postgresql/$major/extension/kc_ext.control \
		$(cd sql && ls kc_ext--*.sql | sed "s|^|/usr/share/postgresql/$major/extension/|"); do
	grep -qxF "$f" <<<"$contents" || missing="$missing $f"
done
[ -z "$missing" ] && pass "the package has kc_ext.so, kc_ext.control and all $(ls sql/kc_ext--*.sql | wc -l) sql/kc_ext--*.sql" ||
	fail "missing from the package:$missing"
grep -q "^$(sed -n "s/^default_version *= *'\([^']*\)'.*/default_version = '\1'/p" kc_ext.control)" \
	<(dpkg-deb --fsys-tarfile "$deb" | tar -xO "./usr/share/postgresql/$major/extension/kc_ext.control") &&
	pass "its kc_ext.control has the checkout's default_version" || fail "the packaged kc_ext.control is not the checkout's"

# 2. the previous release
start=$SECONDS
if bash tools/run.sh deb "$PREV_REF"; then
	prev=$(ls dist | grep -vxF "$(basename "$deb")")
	[ -n "$prev" ] && pass "bash tools/run.sh deb $PREV_REF: dist/$prev ($((SECONDS - start))s)" ||
		fail "bash tools/run.sh deb $PREV_REF left no package"
else
	fail "bash tools/run.sh deb $PREV_REF"
fi

# 3. lintian
start=$SECONDS
if apt-get install -y -qq --no-install-recommends lintian >tmp/package/lintian-install.log 2>&1; then
	lintian --pedantic --display-info dist/*.deb >tmp/package/lintian.log 2>&1
	grep -v 'running with root privileges is not recommended' tmp/package/lintian.log | sed 's/^/    /'
	errors=$(grep -c '^E: ' tmp/package/lintian.log)
	warnings=$(grep -c '^W: ' tmp/package/lintian.log)
	[ "$errors" -eq 0 ] && pass "lintian --pedantic on $(ls dist | wc -l) packages: no error ($warnings warnings, $((SECONDS - start))s)" ||
		fail "lintian: $errors errors"
else
	fail "apt-get install lintian:"; tail -5 tmp/package/lintian-install.log
fi
finish
