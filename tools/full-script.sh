#!/usr/bin/env bash
# tools/full-script.sh VERSION PREVIOUS
#
# While VERSION is not released, its full install script
# sql/kc_ext--VERSION.sql is the qualified full script of PREVIOUS's objects
# (everything up to the marker line) followed by the body of the update
# script sql/kc_ext--PREVIOUS--VERSION.sql, so a fresh install and an
# updated database run the same statements.  Run this after every change to
# the update script; 70-upgrade proves the two catalogs equal.  At release
# both files are frozen (test/released-scripts.sha256).
set -euo pipefail
cd "$(dirname "$0")/.."
v=${1:?version}; prev=${2:?previous version}
full=sql/kc_ext--$v.sql
upd=sql/kc_ext--$prev--$v.sql
marker="-- @@ $v changes: the body of kc_ext--$prev--$v.sql is appended below at release @@"
if grep -q "  $full\$" test/released-scripts.sha256; then
	echo "$full is released (test/released-scripts.sha256): it is never written again" >&2; exit 1
fi
grep -qxF -- "$marker" "$full" || { echo "$full has no marker line: $marker" >&2; exit 1; }
tmp=$(mktemp)
sed -n "1,/^-- @@ $v changes: /p" "$full" > "$tmp"
echo >> "$tmp"
# the update script without its \echo guard line
grep -v '^\\echo Use "ALTER EXTENSION' "$upd" >> "$tmp"
mv "$tmp" "$full"
echo "$full: $(wc -l < "$full") lines"
