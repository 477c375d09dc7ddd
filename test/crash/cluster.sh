# test/crash/cluster.sh -- the throwaway cluster of the crash test
# (test/suites/60-crash.sh).  Sourced, not run.  Follows tools/lib.sh: the
# server runs as postgres when the suite runs as root; it lives in
# a fresh tmp/crash-cluster.XXXXXX inside the checkout when postgres can
# reach it, else in a fresh directory under /tmp; it listens on 127.0.0.1 only, on a free port
# from 54521 (tools/lib.sh takes 54320-54420, test/extra_cluster.sh
# 54421-54520), or on KC_CRASH_PORT when set.
#
# Unlike the main test cluster, this one is durable: fsync, synchronous
# commit and full-page writes are on, so a SIGKILL loses nothing committed.
# commit_delay (5 ms before the WAL flush of a commit, when another
# transaction is active) widens the window between a transaction's last
# writes (the cap rules write their kept totals just before commit) and its
# commit record reaching disk, so that kills land there too.
#
#   crash_cluster_init          initdb and configuration: CRASH_DIR
#   crash_cluster_start_anywhere  start, on a free port (CRASH_PORT)
#   crash_cluster_start         start (waits until it accepts connections)
#   crash_cluster_kill          SIGKILL the postmaster and all its children at once
#   crash_cluster_remove        stop (immediate) and remove the directory
#   crash_psql ARGS...          psql to it
#
# PGBIN must be set (the harness exports it).

CRASH_DIR=
CRASH_PORT=

crash_as_owner() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

crash_free_port() {
	local port
	if [ -n "${KC_CRASH_PORT:-}" ]; then
		echo "$KC_CRASH_PORT"
		return 0
	fi
	# from a random place in the range: two runs at once rarely want the
	# same port (one may take it while the other's server is down)
	local start=$((RANDOM % 100)) i
	for i in $(seq 0 99); do
		port=$((54521 + (start + i) % 100))
		[ "$port" = "$CRASH_PORT" ] && continue
		if ! (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; then
			echo "$port"
			return 0
		fi
	done
	return 1
}

crash_cluster_init() {
	local root=${KC_CRASH_ROOT:-$(pwd)}
	mkdir -p "$root/tmp"
	# a directory of its own: two runs of the suite in one checkout (two
	# people testing at once) must not stop each other's server
	if [ "$(id -u)" -ne 0 ] || runuser -u postgres -- test -x "$root/tmp" 2>/dev/null; then
		CRASH_DIR=$(mktemp -d "$root/tmp/crash-cluster.XXXXXX")
	else
		CRASH_DIR=$(mktemp -d /tmp/kc_ext_crash.XXXXXX)
	fi
	[ "$(id -u)" -eq 0 ] && chown postgres: "$CRASH_DIR"
	crash_as_owner mkdir -p "$CRASH_DIR/socket"
	crash_as_owner "$PGBIN/initdb" -D "$CRASH_DIR/data" -U postgres -A trust -E UTF8 \
		--locale=C.UTF-8 >"$CRASH_DIR/initdb.log" 2>&1 || { cat "$CRASH_DIR/initdb.log" >&2; return 1; }
	crash_as_owner tee -a "$CRASH_DIR/data/postgresql.conf" >/dev/null <<CONF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$CRASH_DIR/socket'
max_connections = 40
max_prepared_transactions = 10
shared_buffers = 64MB
fsync = on
synchronous_commit = on
full_page_writes = on
wal_sync_method = fdatasync
commit_delay = 5000
commit_siblings = 1
checkpoint_timeout = 30s
deadlock_timeout = 100ms
log_min_messages = warning
log_checkpoints = on
CONF
}

crash_cluster_start() {
	crash_as_owner "$PGBIN/pg_ctl" -D "$CRASH_DIR/data" -l "$CRASH_DIR/server.log" -w -t 120 start >>"$CRASH_DIR/pg_ctl.log" 2>&1 || {
		cat "$CRASH_DIR/pg_ctl.log" >&2
		tail -30 "$CRASH_DIR/server.log" >&2; return 1; }
}

# The first start picks a free port; a restart keeps it unless something
# else took it while the server was down.  Either way, when the port turns
# out to be taken, another one is picked (up to five times).  The port in
# use is in CRASH_PORT and in the file CRASH_PORT_FILE when that is set.
crash_cluster_start_anywhere() {
	local try
	for try in 1 2 3 4 5; do
		if [ -z "$CRASH_PORT" ]; then
			CRASH_PORT=$(crash_free_port) || { echo "no free TCP port in 54521-54620 on 127.0.0.1" >&2; return 1; }
			echo "port = $CRASH_PORT" | crash_as_owner tee -a "$CRASH_DIR/data/postgresql.conf" >/dev/null
		fi
		if crash_cluster_start; then
			[ -n "${CRASH_PORT_FILE:-}" ] && echo "$CRASH_PORT" >"$CRASH_PORT_FILE"
			return 0
		fi
		[ -n "${KC_CRASH_PORT:-}" ] && return 1
		tail -5 "$CRASH_DIR/server.log" | grep -q "could not bind\|could not create any TCP/IP sockets" || return 1
		echo "port $CRASH_PORT taken, picking another" >&2
		CRASH_PORT=
	done
	return 1
}

# The postmaster's pid, from postmaster.pid, when that process is alive and
# is the postmaster of this cluster (never a pid reused by something else).
crash_postmaster_pid() {
	local pm
	pm=$(head -1 "$CRASH_DIR/data/postmaster.pid" 2>/dev/null)
	[ -n "$pm" ] && [ -r "/proc/$pm/cmdline" ] || return 0
	tr '\0' ' ' <"/proc/$pm/cmdline" | grep -qF -- "$CRASH_DIR/data" && echo "$pm"
	return 0
}

# SIGKILL to the postmaster and every child of it in one kill(1), then wait
# until all of them are gone (a child left attached to the shared memory
# would keep the new postmaster from starting).  The postmaster is stopped
# (SIGSTOP) first, so that it cannot fork a child between the listing of
# its children and the kill.
crash_cluster_kill() {
	local pm children pids p n alive
	pm=$(crash_postmaster_pid)
	[ -n "$pm" ] || { echo "no postmaster running" >&2; return 1; }
	kill -STOP "$pm"
	children=$(ps -o pid= --ppid "$pm" | tr -s ' \n' ' ')
	# children first: none of them may see the postmaster gone and react
	pids="$children $pm"
	# shellcheck disable=SC2086
	kill -KILL $pids 2>/dev/null
	for n in $(seq 1 200); do
		alive=0
		for p in $pids; do
			# also until reaped: a new postmaster refuses to start while
			# the old one's pid exists, even as a zombie
			kill -0 "$p" 2>/dev/null && alive=1
		done
		[ "$alive" -eq 0 ] && return 0
		sleep 0.05
	done
	echo "processes still alive after SIGKILL: $pids" >&2
	return 1
}

crash_cluster_remove() {
	if [ -n "$CRASH_DIR" ] && [ -f "$CRASH_DIR/data/postmaster.pid" ]; then
		crash_as_owner "$PGBIN/pg_ctl" -D "$CRASH_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
		# a postmaster that pg_ctl could not stop
		local pm
		pm=$(crash_postmaster_pid)
		if [ -n "$pm" ]; then
			kill -KILL "$pm" $(ps -o pid= --ppid "$pm") 2>/dev/null
		fi
	fi
	[ -n "$CRASH_DIR" ] && rm -rf "$CRASH_DIR"
	CRASH_DIR=
}

crash_psql() {
	"$PGBIN/psql" -X -h 127.0.0.1 -p "$CRASH_PORT" -U postgres "$@"
}
