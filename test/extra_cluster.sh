# test/extra_cluster.sh -- extra throwaway clusters for suites that need
# their own server (a streaming standby, a server under the sanitizers).
# Sourced, not run.  Follows tools/lib.sh: the server runs as postgres when
# the suite runs as root, lives in tmp/NAME-PID inside the checkout when
# postgres can reach it (else in a fresh directory under /tmp), listens on
# 127.0.0.1 only, on a free port from 54421 (tools/lib.sh uses 54320-54420).
#
#   kc_extra_prepare NAME   directory and port only: KC_X_DIR[NAME], KC_X_PORT[NAME]
#   kc_extra_init NAME      initdb (after kc_extra_prepare, or doing it)
#   kc_extra_conf NAME LINE...   append lines to its postgresql.conf
#   kc_extra_start NAME [VAR=VALUE...]   start it (environment for the server)
#   kc_extra_stop NAME [keep]   stop it (fast, else immediate), remove its directory
#   kc_extra_psql NAME ARGS...  psql to it
#   kc_extra_stop_all       every cluster this shell started; run on EXIT
#   kc_extra_as_owner CMD...   run a command as the clusters' owner
#
# PGBIN must be set (the harness exports it); a suite may point it at
# another installation's bin directory (the sanitizer suite does).

declare -A KC_X_DIR=() KC_X_PORT=()
KC_X_ROOT=${KC_X_ROOT:-$(pwd)}

kc_extra_as_owner() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

# A TCP port nobody listens on, and no socket of that number in our dirs.
kc_extra_free_port() {
	local port used
	for port in $(seq 54421 54520); do
		used=0
		for d in "${KC_X_DIR[@]}"; do
			[ -e "$d/socket/.s.PGSQL.$port" ] && used=1
		done
		for p in "${KC_X_PORT[@]}"; do [ "$p" = "$port" ] && used=1; done
		[ "$used" -eq 1 ] && continue
		if ! (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; then
			echo "$port"
			return 0
		fi
	done
	return 1
}

# The cluster's directory, owned by the server's user: tmp/NAME-PID, so
# that two runs in one checkout do not meet; what a killed run left behind
# (its PID gone) is stopped and removed first.
kc_extra_dir() {
	local name=$1 dir old pid
	if [ "$(id -u)" -ne 0 ] || runuser -u postgres -- test -x "$KC_X_ROOT/tmp" 2>/dev/null; then
		for old in "$KC_X_ROOT/tmp/$name"-*; do
			[ -d "$old" ] || continue
			pid=${old##*-}
			case "$pid" in *[!0-9]*|'') continue ;; esac
			kill -0 "$pid" 2>/dev/null && continue
			if [ -f "$old/data/postmaster.pid" ]; then
				kc_extra_as_owner "$PGBIN/pg_ctl" -D "$old/data" -m immediate -w stop >/dev/null 2>&1 || true
			fi
			rm -rf "$old"
		done
		dir="$KC_X_ROOT/tmp/$name-$$"
		rm -rf "$dir"
		mkdir -p "$dir"
	else
		dir=$(mktemp -d "/tmp/kc_ext_$name.XXXXXX")
	fi
	[ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
	kc_extra_as_owner mkdir -p "$dir/socket"
	echo "$dir"
}

# Creates the directory and picks the port, no initdb (for a standby that
# pg_basebackup fills).
kc_extra_prepare() {
	local name=$1 dir port
	mkdir -p "$KC_X_ROOT/tmp"
	dir=$(kc_extra_dir "$name") || return 1
	port=$(kc_extra_free_port) || { echo "no free TCP port in 54421-54520 on 127.0.0.1" >&2; return 1; }
	KC_X_DIR[$name]=$dir
	KC_X_PORT[$name]=$port
}

kc_extra_init() {
	local name=$1
	[ -n "${KC_X_DIR[$name]:-}" ] || kc_extra_prepare "$name" || return 1
	local dir=${KC_X_DIR[$name]} port=${KC_X_PORT[$name]}
	kc_extra_as_owner "$PGBIN/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 \
		--locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; return 1; }
	kc_extra_conf "$name" \
		"listen_addresses = '127.0.0.1'" \
		"port = $port" \
		"unix_socket_directories = '$dir/socket'" \
		"max_connections = 60" \
		"shared_buffers = 64MB" \
		"max_prepared_transactions = 10" \
		"max_worker_processes = 8" \
		"max_parallel_workers = 4" \
		"fsync = off" \
		"synchronous_commit = off" \
		"log_min_messages = warning"
}

kc_extra_conf() {
	local name=$1; shift
	local line
	for line in "$@"; do
		printf '%s\n' "$line" | kc_extra_as_owner tee -a "${KC_X_DIR[$name]}/data/postgresql.conf" >/dev/null
	done
}

# kc_extra_start NAME [VAR=VALUE...]: the server's log is DIR/server.log.
# A port found free can be taken by another program (another test run on
# the machine) before the server binds it: then another port, up to three
# times; callers read KC_X_PORT[NAME] after the start.
kc_extra_start() {
	local name=$1; shift
	local dir=${KC_X_DIR[$name]} attempt port
	for attempt in 1 2 3; do
		kc_extra_as_owner env "$@" "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 120 start >/dev/null && return 0
		if [ "$attempt" -lt 3 ] && tail -5 "$dir/server.log" | grep -q "could not create any TCP/IP sockets" &&
				port=$(kc_extra_free_port); then
			echo "port ${KC_X_PORT[$name]} was taken meanwhile: $name tries port $port" >&2
			KC_X_PORT[$name]=$port
			kc_extra_conf "$name" "port = $port"
			continue
		fi
		tail -30 "$dir/server.log" >&2
		return 1
	done
}

kc_extra_stop() {
	local name=$1 keep=${2:-}
	local dir=${KC_X_DIR[$name]:-}
	[ -n "$dir" ] || return 0
	if [ -f "$dir/data/postmaster.pid" ]; then
		kc_extra_as_owner "$PGBIN/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null 2>&1 ||
			kc_extra_as_owner "$PGBIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
	fi
	[ "$keep" = keep ] || rm -rf "$dir"
	unset "KC_X_DIR[$name]" "KC_X_PORT[$name]"
}

kc_extra_stop_all() {
	local name
	for name in "${!KC_X_DIR[@]}"; do
		kc_extra_stop "$name" "${1:-}"
	done
}

# psql against one of them.
kc_extra_psql() {
	local name=$1; shift
	psql -X -h 127.0.0.1 -p "${KC_X_PORT[$name]}" -U postgres "$@"
}
