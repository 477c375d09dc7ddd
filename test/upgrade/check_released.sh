#!/usr/bin/env bash
# test/upgrade/check_released.sh -- released scripts never change.
#
# Reads test/released-scripts.sha256 (lines "<sha256>  sql/kc_ext--V.sql",
# as sha256sum prints them; # comments and blank lines ignored) and checks,
# for every listed file: its checksum; that git tracks it (a generated or
# ignored file is not released); that the installed copy in
# $(pg_config --sharedir)/extension is the same file, so the tests install
# exactly what was released.  An empty list (nothing released yet) passes.
# Prints "ok: ..." / "FAIL: ..." lines, then "N passed, M failed"; exits 1
# on failure.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
PG_CONFIG=${PG_CONFIG:-${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}/pg_config}
LIST=test/released-scripts.sha256
pass=0; fail=0
ok() { pass=$((pass + 1)); echo "ok: $*"; }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

if [ ! -f "$LIST" ]; then
	bad "$LIST is missing"
	echo "$pass passed, $fail failed"; exit 1
fi

entries=$(grep -v -E '^[[:space:]]*(#|$)' "$LIST" || true)
malformed=$(printf '%s\n' "$entries" | grep -v -E '^$|^[0-9a-f]{64}  sql/kc_ext--[A-Za-z0-9._-]+\.sql$' || true)
if [ -n "$malformed" ]; then
	bad "$LIST: lines not of the form '<sha256>  sql/kc_ext--V.sql':"
	printf '%s\n' "$malformed" | sed 's/^/    /'
else
	ok "$LIST is well-formed ($(printf '%s' "$entries" | grep -c . || true) released script(s))"
fi
dups=$(printf '%s\n' "$entries" | awk 'NF == 2 { print $2 }' | sort | uniq -d)
[ -n "$dups" ] && bad "$LIST lists a file twice: $dups"

sharedir=$("$PG_CONFIG" --sharedir 2>/dev/null)
in_git=0
git rev-parse --is-inside-work-tree >/dev/null 2>&1 && in_git=1

while read -r sum file; do
	[ -n "$file" ] || continue
	if [ ! -f "$file" ]; then
		bad "released script $file is missing"
		continue
	fi
	now=$(sha256sum "$file" | cut -d' ' -f1)
	if [ "$now" = "$sum" ]; then
		ok "released script $file is unchanged"
	else
		bad "released script $file has changed (sha256 $now, released $sum): never edit a released script; put changes into the next update script"
	fi
	if [ "$in_git" -eq 1 ]; then
		if git ls-files --error-unmatch "$file" >/dev/null 2>&1; then
			ok "released script $file is tracked by git"
		else
			bad "released script $file is not tracked by git (generated or ignored?): commit it and stop generating it"
		fi
	fi
	installed="$sharedir/extension/$(basename "$file")"
	if [ -z "$sharedir" ] || [ ! -f "$installed" ]; then
		bad "released script $file is not installed ($installed): run make install"
	elif cmp -s "$file" "$installed"; then
		ok "released script $file is the installed one"
	else
		bad "the installed $installed differs from the released $file: run make install"
	fi
done < <(printf '%s\n' "$entries" | grep -E '^[0-9a-f]{64}  ')

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
