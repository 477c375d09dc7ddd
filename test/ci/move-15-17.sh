#!/usr/bin/env bash
# test/ci/move-15-17.sh -- the move of a kc_ext database from Debian 12 with
# PostgreSQL 15 to Debian 13 with PostgreSQL 17, the way an administrator
# does it (README, "Moving from Debian 12 / PostgreSQL 15 to Debian 13 /
# PostgreSQL 17"), in a fresh minimal Debian 12 tree:
#
#   1. bookworm: postgresql-15 and its headers, kc_ext built and installed
#      for 15, a cluster 15/kc (pg_createcluster, port 5671, TCP on
#      localhost with a password); test/t/900_move_15_to_17.pl, phase
#      "fill", fills two databases and records what every rule refuses and
#      what the report says;
#   2. the tree is upgraded to trixie (sources switched, apt-get
#      full-upgrade, non-interactive): bookworm's postgresql-15 stays
#      installed, as on a real machine;
#   3. postgresql-17 and its headers, kc_ext built and installed for 17;
#   4. test/t/900_move_15_to_17.pl, phase "move": (a) pg_dumpall -g and
#      pg_dump -Fc | pg_restore with PostgreSQL 17's tools over TCP
#      127.0.0.1 from the running 15 cluster into a new 17 cluster; (b)
#      pg_upgradecluster -m dump; (c) pg_upgradecluster -m upgrade
#      (pg_upgrade); after each, every check.
#
# Run as root (debootstrap, chroot):   bash test/ci/move-15-17.sh
# It calls test/ci/debian-tree.sh bookworm (cached base in
# tmp/ci/bookworm.base; KEEP=1 keeps the tree) with
#   bash test/ci/move-15-17.sh --in-tree
# which must only ever run inside such a tree: it upgrades the whole
# system to Debian 13.  The last line is "N passed, M failed" (the TAP
# tests of both phases, plus one failure per set-up step that failed).
# The database phases run in a network namespace of their own (unshare
# --net, loopback only): the servers the test starts, and the ports
# pg_upgradecluster picks for itself (from 5432 up), are on the tree's own
# 127.0.0.1 and cannot meet any server of the machine.  Ports: 5671 (15/kc;
# later the upgraded clusters take it over) and 5672 (the dump target
# 17/kcdump); KC_MOVE_PORT_BASE moves both.
set -uo pipefail

if [ "${1:-}" != --in-tree ] && [ "${1:-}" != --in-netns ]; then
	cd "$(dirname "$0")/../.."
	exec bash test/ci/debian-tree.sh bookworm \
		"KC_MOVE_IN_FRESH_TREE=1 KC_MOVE_PORT_BASE=${KC_MOVE_PORT_BASE:-5671} bash test/ci/move-15-17.sh --in-tree"
fi

# --- inside the fresh tree ---------------------------------------------
if [ "${KC_MOVE_IN_FRESH_TREE:-}" != 1 ] || [ "$(pwd)" != /root/kc_ext ] || [ "$(id -u)" -ne 0 ]; then
	echo "test/ci/move-15-17.sh --in-tree upgrades the whole system to Debian 13:" \
		"it runs only in a tree made by test/ci/debian-tree.sh (run test/ci/move-15-17.sh without arguments)" >&2
	exit 2
fi
export DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8
BASE=${KC_MOVE_PORT_BASE:-5671}
export KC_MOVE_PORT15=$BASE KC_MOVE_PORT17=$((BASE + 1))
LOG=/root/kc_ext/tmp/move
mkdir -p "$LOG"
PASSED=0
FAILED=0
KNOWN=0		# "not ok ... # TODO": known defects, named in the test, counted neither way
T0=$SECONDS

step() { printf '== %s (%ss)\n' "$*" $((SECONDS - T0)); }
die() {
	echo "FAIL: $*" >&2
	FAILED=$((FAILED + 1))
	echo "$PASSED passed, $FAILED failed"
	exit 1
}
apt_get() {
	apt-get -y -q -o Dpkg::Options::=--force-confold -o Dpkg::Options::=--force-confdef \
		--no-install-recommends "$@" >>"$LOG/apt.log" 2>&1 ||
		{ tail -20 "$LOG/apt.log" >&2; return 1; }
}

# --in-netns PHASE: inside the namespace (see above): loopback up, the
# clusters started, the TAP test's phase run, every cluster stopped.
if [ "$1" = --in-netns ]; then
	ip link set lo up || exit 1
	pg_lsclusters -h | awk '$4 != "online" { print $1, $2 }' | while read -r v c; do
		pg_ctlcluster "$v" "$c" start || echo "FAIL: pg_ctlcluster $v $c start"
	done
	KC_MOVE_PHASE=$2 perl test/t/900_move_15_to_17.pl 2>&1
	rc=$?
	pg_lsclusters -h | awk '$4 == "online" { print $1, $2 }' | while read -r v c; do
		pg_ctlcluster "$v" "$c" stop
	done
	exit $rc
fi

# runs a phase of the TAP test; counts its "ok"/"not ok" lines
tap_phase() {
	local phase=$1 out=$LOG/tap-$1.out p f
	step "test/t/900_move_15_to_17.pl, phase $phase (in a network namespace of its own)"
	unshare --net bash test/ci/move-15-17.sh --in-netns "$phase" 2>&1 | tee "$out"
	p=$(grep -c '^ok ' "$out")
	f=$(grep '^not ok ' "$out" | grep -vc ' # TODO ')
	k=$(grep '^not ok ' "$out" | grep -c ' # TODO ')
	PASSED=$((PASSED + p))
	FAILED=$((FAILED + f))
	KNOWN=$((KNOWN + k))
	# a plan that was not completed (a die inside) is a failure too
	if ! grep -qE '^1\.\.[0-9]+' "$out" || grep -q '^# Looks like your test exited' "$out"; then
		FAILED=$((FAILED + 1))
		echo "FAIL: phase $phase did not complete its plan"
	fi
}

# No service starts inside the tree (no init runs here; a started
# 15/main would take port 5432 of the machine), and no cluster is made by
# the packages: the test makes its own, on its own ports.
printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
chmod 755 /usr/sbin/policy-rc.d

step "Debian $(cat /etc/debian_version): apt-get install postgresql-15 and what building kc_ext needs"
apt_get update || die "apt-get update (bookworm)"
apt_get install postgresql-common || die "apt-get install postgresql-common"
sed -i 's/^#* *create_main_cluster *=.*/create_main_cluster = false/' /etc/postgresql-common/createcluster.conf
apt_get install build-essential gettext perl iproute2 postgresql-15 postgresql-server-dev-15 ||
	die "apt-get install build-essential gettext perl iproute2 postgresql-15 postgresql-server-dev-15"

step "kc_ext built and installed for PostgreSQL 15"
make -s PG_CONFIG=/usr/lib/postgresql/15/bin/pg_config all install >"$LOG/build-15.log" 2>&1 ||
	{ tail -20 "$LOG/build-15.log"; die "kc_ext build for 15"; }
make -s PG_CONFIG=/usr/lib/postgresql/15/bin/pg_config clean >/dev/null 2>&1

step "cluster 15/kc on port $KC_MOVE_PORT15 (TCP on localhost, scram-sha-256)"
# The administrator's password for postgres, for TCP connections; psql
# and the 17 tools read it from ~/.pgpass.  (listen_addresses stays
# Debian's default, localhost.)
PW=kc-move-$RANDOM$RANDOM
printf '127.0.0.1:*:*:postgres:%s\n' "$PW" >/root/.pgpass
chmod 600 /root/.pgpass
printf '%s\n' "$PW" >/tmp/kc-move-pw
chown postgres /tmp/kc-move-pw
pg_createcluster 15 kc -p "$KC_MOVE_PORT15" --locale C.UTF-8 -e UTF8 -- --pwfile=/tmp/kc-move-pw \
	>"$LOG/createcluster-15.log" 2>&1 || { cat "$LOG/createcluster-15.log"; die "pg_createcluster 15 kc"; }
rm -f /tmp/kc-move-pw

tap_phase fill

step "the upgrade of the tree to Debian 13 (trixie)"
sed -i 's/\bbookworm\b/trixie/g' /etc/apt/sources.list
apt_get update || die "apt-get update (trixie)"
apt_get upgrade --without-new-pkgs || die "apt-get upgrade --without-new-pkgs (trixie)"
apt_get full-upgrade || die "apt-get full-upgrade (trixie)"
step "now Debian $(cat /etc/debian_version); PostgreSQL packages installed:"
dpkg-query -W -f='${db:Status-Abbrev} ${Package} ${Version}\n' 'postgresql*' | grep '^ii' | sed 's/^/   /'
/usr/lib/postgresql/15/bin/postgres --version >/dev/null || die "bookworm's postgresql-15 no longer runs after the upgrade"

step "apt-get install postgresql-17 postgresql-server-dev-17, kc_ext built and installed for PostgreSQL 17"
apt_get install postgresql-17 postgresql-server-dev-17 || die "apt-get install postgresql-17 postgresql-server-dev-17"
make -s PG_CONFIG=/usr/lib/postgresql/17/bin/pg_config all install >"$LOG/build-17.log" 2>&1 ||
	{ tail -20 "$LOG/build-17.log"; die "kc_ext build for 17"; }

tap_phase move

step "done"
if [ "$KNOWN" -gt 0 ]; then
	echo "$KNOWN known failure(s), counted neither way:"
	grep -h '^not ok .* # TODO ' "$LOG"/tap-*.out | sed 's/^/   /'
fi
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
