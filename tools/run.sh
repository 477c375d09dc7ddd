#!/usr/bin/env bash
# tools/run.sh demo|test|bench|deb
#
#   bash tools/run.sh demo    (no make needed: this installs it)
#
# deb: the Debian package postgresql-NN-kc-ext in dist/ (tools/deb.sh:
# installs the build dependencies, runs dpkg-buildpackage; no cluster).
#
# Installs what is missing (Debian 12 or 13), builds and installs kc_ext,
# starts a throwaway cluster of the distribution's PostgreSQL (15 on
# Debian 12, 17 on Debian 13; PG_CONFIG overrides), runs the demo, the
# tests or the benchmarks, and stops the cluster on every exit path.
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
kc_cluster_start

case "$what" in
	demo)  tools/demo.sh ;;
	test)  tools/test.sh ;;
	bench) test/bench/bench.sh ;;
esac
