#!/usr/bin/env bash
# test/package/run.sh [SUITE...] -- the Debian package, built and installed
# the way users do it, in fresh minimal trees (test/ci/debian-tree.sh:
# debootstrap --variant=minbase, the base kept in tmp/ci/SUITE.base).
# For each SUITE (default: bookworm trixie, Debian 12 and 13):
#   1. a fresh tree builds the packages (test/package/build-tree.sh:
#      `bash tools/run.sh deb`, the previous release's package, lintian);
#      they are copied out to tmp/package/SUITE/dist;
#   2. ANOTHER fresh tree, with no compiler, gets them in dist/ and installs,
#      tests, purges and upgrades them (test/package/install-tree.sh).
# First, on this machine: META.json against PGXN's Meta Spec v1 schema
# (test/package/meta-check.py).
# Run as root (chroot).  Logs: tmp/package/SUITE-build.log,
# tmp/package/SUITE-install.log.  Prints each step's total and time, and
# ends with the line "N passed, M failed" (the sum).
#
# Not part of `bash tools/run.sh test`, which itself runs inside a fresh
# tree in CI: .ci/run calls this after it.
set -uo pipefail
cd "$(dirname "$0")/../.."
[ "$(id -u)" -eq 0 ] || { echo "test/package/run.sh: run as root (the fresh trees need chroot)" >&2; exit 2; }
suites=("$@")
[ ${#suites[@]} -gt 0 ] || suites=(bookworm trixie)
PREV_REF=${KC_PREV_REF:-72218c0}	# "Release 1.1"
mkdir -p tmp/package

total() {	# the last "N passed, M failed" line of a log
	grep -E '^[0-9]+ passed, [0-9]+ failed$' "$1" | tail -1
}
pass=0
fail=0
summary=()
add() {	# LABEL LOG RC SECONDS
	local line p f
	line=$(total "$2")
	if [ -z "$line" ]; then
		p=0; f=1; line="no result line"
	else
		p=${line%% passed*}; f=${line#*, }; f=${f%% failed}
		[ "$3" -ne 0 ] && [ "$f" -eq 0 ] && f=1
	fi
	pass=$((pass + p)); fail=$((fail + f))
	summary+=("$(printf '%-28s %s (exit %s, %ss)' "$1:" "$line" "$3" "$4")")
}

all=$SECONDS
# META.json against PGXN's schema, on this machine (python3-jsonschema)
echo "==== META.json (PGXN Meta Spec v1)"
start=$SECONDS
if ! /usr/bin/python3 -c 'import jsonschema' 2>/dev/null; then
	{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-jsonschema; } \
		>tmp/package/jsonschema-install.log 2>&1 || tail -5 tmp/package/jsonschema-install.log
fi
/usr/bin/python3 test/package/meta-check.py 2>&1 | tee tmp/package/meta.log
add "META.json" tmp/package/meta.log "${PIPESTATUS[0]}" $((SECONDS - start))

for suite in "${suites[@]}"; do
	out=$PWD/tmp/package/$suite
	rm -rf "$out"
	mkdir -p "$out/dist"

	echo "==== package $suite 1/2: build in a fresh tree"
	start=$SECONDS
	KC_TREE_COPY_OUT="dist:$out/dist" bash test/ci/debian-tree.sh "$suite" \
		"bash test/package/build-tree.sh $PREV_REF" 2>&1 | tee "tmp/package/$suite-build.log"
	add "$suite build" "tmp/package/$suite-build.log" "${PIPESTATUS[0]}" $((SECONDS - start))
	ls -l "$out/dist"

	echo "==== package $suite 2/2: install, test, purge, upgrade in another fresh tree (no compiler)"
	start=$SECONDS
	KC_TREE_COPY_IN="$out/dist:dist" bash test/ci/debian-tree.sh "$suite" \
		"bash test/package/install-tree.sh" 2>&1 | tee "tmp/package/$suite-install.log"
	add "$suite install" "tmp/package/$suite-install.log" "${PIPESTATUS[0]}" $((SECONDS - start))
done

echo
echo "==== package totals"
printf '%s\n' "${summary[@]}"
echo "package tests: $((SECONDS - all))s"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
