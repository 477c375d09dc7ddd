#!/usr/bin/env bash
# tools/run.sh demo|test|bench|deb
#
#   bash tools/run.sh demo    (no make needed: this installs it)
#
# deb: the Debian package postgresql-NN-kc-ext in dist/ (tools/deb.sh:
# installs the build dependencies, runs dpkg-buildpackage; no cluster).
#
# Installs what is missing (Debian 12 or 13), builds and installs kc_ext,
# runs the demo, the tests or the benchmarks in a throwaway cluster of the
# distribution's PostgreSQL (15 on Debian 12, 17 on Debian 13; PG_CONFIG
# overrides) made by pg_virtualenv (tools/lib.sh, kc_with_cluster).
set -euo pipefail

what=${1:-}
case "$what" in
	demo|test|bench) ;;
	deb) shift; exec bash "$(dirname "$0")/deb.sh" "$@" ;;
	*) echo "usage: tools/run.sh demo|test|bench|deb" >&2; exit 2 ;;
esac

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
. tools/lib.sh

kc_install_deps
kc_build_install
mkdir -p tmp	# the suites' and the demo's logs

case "$what" in
	demo)  kc_with_cluster tools/demo.sh ;;
	test)  kc_with_cluster tools/test.sh ;;
	bench) kc_with_cluster test/bench/bench.sh ;;
esac
