#!/usr/bin/env bash
# test/ci/debian-tree.sh SUITE 'COMMAND' -- run COMMAND in a fresh, minimal
# Debian tree (SUITE: bookworm = Debian 12, trixie = Debian 13), the way a
# new user's machine starts: debootstrap --variant=minbase plus git,
# ca-certificates and sudo; no compiler, no make, no PostgreSQL, no Java,
# no Node.  The checkout is cloned into the tree's /root/kc_ext, with the
# working tree's uncommitted changes and untracked (not ignored) files laid
# over it, and COMMAND runs there as root with a clean environment.  The
# machine's DNS set-up and the CA certificates its administrator added are
# carried over (see below); nothing else.
#
#   bash test/ci/debian-tree.sh trixie 'bash tools/run.sh test'
#
# Run as root (debootstrap and chroot need it); installs debootstrap when it
# is missing.  Everything stays in the checkout's tmp/ci/: the debootstrap
# result is kept in tmp/ci/SUITE.base (made once, about a minute; delete it
# to make it again) and copied to tmp/ci/SUITE.runPID for each run; that copy is
# removed afterwards (KEEP=1 keeps it).  COMMAND's output is shown as it
# runs; the exit status is COMMAND's.
#
# Files across the tree's boundary (test/package/run.sh uses them: packages
# built in one tree are installed in another):
#   KC_TREE_COPY_IN=HOSTDIR:RELDIR   HOSTDIR's contents are copied into the
#                                    tree's checkout at RELDIR before COMMAND;
#   KC_TREE_COPY_OUT=RELDIR:HOSTDIR  the checkout's RELDIR is copied to HOSTDIR
#                                    after COMMAND (whatever its exit status).
set -uo pipefail
SUITE=${1:?usage: test/ci/debian-tree.sh bookworm|trixie 'COMMAND'}
CMD=${2:?usage: test/ci/debian-tree.sh bookworm|trixie 'COMMAND'}
CHECKOUT=$(cd "$(dirname "$0")/../.." && pwd)
TOP=$CHECKOUT/tmp/ci
BASE=$TOP/$SUITE.base
# One tree per run (runs of the same suite may go side by side: .ci/run
# runs the package tests and the move at the same time).
TREE=$TOP/$SUITE.run$$

[ "$(id -u)" -eq 0 ] || { echo "test/ci/debian-tree.sh: run as root (debootstrap and chroot need it)" >&2; exit 2; }
mkdir -p "$TOP"

if ! command -v debootstrap >/dev/null; then
	echo "== installing debootstrap"
	{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap; } \
		>"$TOP/apt.log" 2>&1 || { cat "$TOP/apt.log"; echo "apt-get install debootstrap failed" >&2; exit 2; }
fi

# The mirror the machine itself uses (deb822 or one-line sources), else
# Debian's.
MIRROR=$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1)
[ -n "$MIRROR" ] || MIRROR=$(awk '/^deb /{ print $2; exit }' /etc/apt/sources.list 2>/dev/null)
[ -n "$MIRROR" ] || MIRROR=http://deb.debian.org/debian

# Runs side by side make the base once: the first takes the lock.
exec 9>"$TOP/$SUITE.base.lock"
flock 9
if [ ! -f "$BASE/etc/debian_version" ]; then
	echo "== debootstrap --variant=minbase $SUITE ($MIRROR)"
	rm -rf "$BASE"
	start=$SECONDS
	if ! debootstrap --variant=minbase --include=git,ca-certificates,sudo "$SUITE" "$BASE" "$MIRROR" \
			>"$TOP/$SUITE.debootstrap.log" 2>&1; then
		tail -5 "$TOP/$SUITE.debootstrap.log"
		rm -rf "$BASE"
		echo "debootstrap $SUITE failed (log: $TOP/$SUITE.debootstrap.log)" >&2
		exit 2
	fi
	echo "== base tree made in $((SECONDS - start))s"
fi
flock -u 9
exec 9>&-

# Processes still running inside the tree (a server the command's package
# installation started, say): found by their root directory, ended by id.
tree_pids() {
	local p root
	for p in /proc/[0-9]*; do
		root=$(readlink "$p/root" 2>/dev/null) || continue
		[ "$root" = "$TREE" ] && echo "${p#/proc/}"
	done
}
undo() {
	local pids
	pids=$(tree_pids)
	if [ -n "$pids" ]; then
		kill $pids 2>/dev/null; sleep 2
		pids=$(tree_pids); [ -n "$pids" ] && kill -KILL $pids 2>/dev/null
	fi
	for m in dev/pts dev sys proc; do
		mountpoint -q "$TREE/$m" 2>/dev/null && umount -l "$TREE/$m" 2>/dev/null
	done
	[ "${KEEP:-0}" = 1 ] || rm -rf --one-file-system "$TREE"
}
undo
trap undo EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

cp -a "$BASE" "$TREE"
# Certificates the machine's administrator added to its trust store
# (/usr/local/share/ca-certificates: a site whose HTTPS goes through an
# inspecting proxy) are trusted in the tree too, as its DNS set-up is;
# without them npm cannot reach its registry from behind such a proxy.
# Debian's own list of CAs is the tree's, untouched.
if ls /usr/local/share/ca-certificates/ 2>/dev/null | grep -q '\.crt$'; then
	cp -a /usr/local/share/ca-certificates/. "$TREE/usr/local/share/ca-certificates/"
	chroot "$TREE" /usr/sbin/update-ca-certificates >/dev/null 2>&1 ||
		echo "== update-ca-certificates in the tree failed: the machine's added CAs are not trusted there" >&2
fi
# The checkout: its history (HEAD), then the working tree's changes.
git clone -q "$CHECKOUT" "$TREE/root/kc_ext" || { echo "git clone of $CHECKOUT failed" >&2; exit 2; }
(cd "$CHECKOUT" && git ls-files -z --cached --others --exclude-standard | tar --null -T - -c 2>/dev/null) |
	tar -x -C "$TREE/root/kc_ext"
(cd "$CHECKOUT" && git ls-files -z --deleted) | (cd "$TREE/root/kc_ext" && xargs -0 -r rm -f)

mount -t proc proc "$TREE/proc"
mount --rbind /sys "$TREE/sys"
mount --make-rslave "$TREE/sys"
mount --rbind /dev "$TREE/dev"
mount --make-rslave "$TREE/dev"
cp /etc/resolv.conf "$TREE/etc/resolv.conf" 2>/dev/null

if [ -n "${KC_TREE_COPY_IN:-}" ]; then
	mkdir -p "$TREE/root/kc_ext/${KC_TREE_COPY_IN#*:}"
	cp -a "${KC_TREE_COPY_IN%%:*}/." "$TREE/root/kc_ext/${KC_TREE_COPY_IN#*:}/" ||
		{ echo "KC_TREE_COPY_IN=$KC_TREE_COPY_IN: copy failed" >&2; exit 2; }
fi

echo "== fresh Debian $SUITE ($(cat "$TREE/etc/debian_version")): $CMD"
SECONDS=0
chroot "$TREE" /usr/bin/env -i HOME=/root LANG=C.UTF-8 \
	PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
	/bin/bash -c "cd /root/kc_ext && $CMD"
rc=$?
if [ -n "${KC_TREE_COPY_OUT:-}" ]; then
	out=${KC_TREE_COPY_OUT#*:}
	mkdir -p "$out"
	if [ -d "$TREE/root/kc_ext/${KC_TREE_COPY_OUT%%:*}" ]; then
		cp -a "$TREE/root/kc_ext/${KC_TREE_COPY_OUT%%:*}/." "$out/"
	else
		echo "KC_TREE_COPY_OUT=$KC_TREE_COPY_OUT: the tree has no ${KC_TREE_COPY_OUT%%:*}" >&2
	fi
fi
echo "== fresh Debian $SUITE: '$CMD' exited $rc after ${SECONDS}s"
exit $rc
