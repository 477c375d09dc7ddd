#!/usr/bin/env bash
# tools/deb.sh [REF] -- the Debian package, run as `bash tools/run.sh deb`
# (or `make deb`).
#
# Installs what building needs (apt-get update first; build-essential,
# dpkg-dev, postgresql-server-dev-all, then debian/control's Build-Depends
# with apt-get build-dep), builds with dpkg-buildpackage -us -uc -b in a
# copy of the source under tmp/deb/ (the checkout itself is left as it
# is), and leaves dist/postgresql-NN-kc-ext_VERSION_ARCH.deb: one package
# per PostgreSQL version debian/pgversions and the distribution support
# (Debian 12: postgresql-15-kc-ext, Debian 13: postgresql-17-kc-ext).
#
# REF (a commit or tag, for example 72218c0, "Release 1.1") builds that
# release's source with this checkout's debian/ directory, the changelog
# cut at that release's entry: the previous release's package, for testing
# upgrades.  Without REF: the working tree as it is, uncommitted changes
# included.
#
# The changelog's upstream version must be kc_ext.control's default_version
# (a new version starts with a new changelog entry).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
. tools/lib.sh
REF=${1:-}

kc_pkg_missing() {
	local p missing=""
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
	done
	echo "$missing"
}

# apt-get update first, always: build-dep reads the lists too
kc_apt_update
missing=$(kc_pkg_missing build-essential dpkg-dev postgresql-server-dev-all ca-certificates)
if [ -n "$missing" ]; then
	kc_log "installing:$missing"
	$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null ||
		{ echo "apt-get install$missing failed" >&2; exit 1; }
fi

# The source to build, in tmp/deb/src: tracked and untracked (not ignored)
# files of the working tree, or REF's tree with the working tree's debian/.
WORK=$ROOT/tmp/deb
rm -rf "$WORK"
mkdir -p "$WORK/src" dist
if [ -n "$REF" ]; then
	git rev-parse --verify -q "$REF^{commit}" >/dev/null || { echo "tools/deb.sh: $REF is not a commit of this checkout" >&2; exit 2; }
	kc_log "source: $REF ($(git log -1 --format=%s "$REF" | cut -c1-60)), debian/ from the working tree"
	git archive "$REF" | tar -x -C "$WORK/src"
	rm -rf "$WORK/src/debian"
	cp -a debian "$WORK/src/debian"
elif git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	git ls-files -z --cached --others --exclude-standard | tar --null -T - -c 2>/dev/null | tar -x -C "$WORK/src"
	# files deleted in the working tree but not yet in git
	git ls-files -z --deleted | (cd "$WORK/src" && xargs -0 -r rm -f)
else
	tar -c --exclude=./tmp --exclude=./dist --exclude=./results --exclude='*.o' \
		--exclude='*.so' --exclude='*.bc' . | tar -x -C "$WORK/src"
fi
cd "$WORK/src"

# The version: kc_ext.control's default_version; the changelog entry for it
# comes first (for REF, the newer entries are dropped).
version=$(sed -n "s/^default_version *= *'\([^']*\)'.*/\1/p" kc_ext.control)
[ -n "$version" ] || { echo "no default_version in kc_ext.control" >&2; exit 1; }
if [ -n "$REF" ]; then
	awk -v v="$version" '
		/^[a-z0-9][a-z0-9.+-]* \(/ { ver = $2; gsub(/[()]/, "", ver); sub(/-[^-]*$/, "", ver); if (ver == v) keep = 1 }
		keep' debian/changelog >debian/changelog.cut
	[ -s debian/changelog.cut ] || { echo "debian/changelog has no entry for $version (the version $REF installs)" >&2; exit 1; }
	mv debian/changelog.cut debian/changelog
fi
debversion=$(dpkg-parsechangelog -S Version)
if [ "${debversion%-*}" != "$version" ]; then
	echo "debian/changelog's version $debversion is not kc_ext.control's default_version $version: add a changelog entry" >&2
	exit 1
fi

# debian/control for the PostgreSQL versions this distribution supports,
# then whatever else its Build-Depends name.
pg_buildext updatecontrol
if ! unmet=$(dpkg-checkbuilddeps 2>&1); then
	# Debian 12 says "Unmet build dependencies: ...", 13 "notice: unmet ..."
	kc_log "installing the build dependencies: $(printf '%s\n' "$unmet" | sed -n 's/.*[Uu]nmet build dependencies: //p')"
	$SUDO env DEBIAN_FRONTEND=noninteractive apt-get build-dep -y -qq --no-install-recommends ./ >"$WORK/build-dep.log" 2>&1 ||
		{ tail -20 "$WORK/build-dep.log"; echo "apt-get build-dep failed" >&2; exit 1; }
fi

kc_log "dpkg-buildpackage -us -uc -b: kc-ext $debversion:$(sed -n 's/^Package: / /p' debian/control | tr -d '\n') (log: tmp/deb/build.log)"
if ! dpkg-buildpackage -us -uc -b >"$WORK/build.log" 2>&1; then
	tail -40 "$WORK/build.log"
	echo "dpkg-buildpackage failed (log: tmp/deb/build.log)" >&2
	exit 1
fi

# The packages, by name: postgresql-NN-kc-ext_VERSION_ARCH.deb (the -dbgsym
# .ddeb and the .changes stay in tmp/deb).
debs=$(ls "$WORK"/postgresql-*-kc-ext_"$debversion"_*.deb)
for d in $debs; do
	rm -f "$ROOT/dist/$(basename "$d")"
	cp "$d" "$ROOT/dist/"
	kc_log "dist/$(basename "$d") ($(stat -c %s "$d") bytes)"
done
