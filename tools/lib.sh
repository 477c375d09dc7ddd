# tools/lib.sh -- shared set-up for tools/run.sh: packages, build, cluster.
# Sourced, not run.  Exports PGHOST, PGPORT, PGUSER, PGDATABASE for the
# callers and stops the cluster on every exit path.

PGBIN=/usr/lib/postgresql/15/bin
PG_CONFIG=$PGBIN/pg_config
export PG_CONFIG

# Run as root, or with sudo for the steps that need it.
if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi

kc_log() { printf '== %s\n' "$*" >&2; }

kc_install_deps() {
	local pkgs="postgresql-15 postgresql-server-dev-15 postgresql-contrib make gcc clang libclang-rt-14-dev libpq-dev python3-psycopg python3-psycopg2 odbc-postgresql unixodbc python3-pyodbc python3-sqlalchemy python3-pandas"
	local missing=""
	for p in $pkgs; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
	done
	if [ -n "$missing" ]; then
		kc_log "installing:$missing"
		$SUDO apt-get update -qq
		DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
	fi
}

kc_build_install() {
	kc_log "building and installing kc_ext"
	make -s PG_CONFIG="$PG_CONFIG" all >/dev/null
	$SUDO make -s PG_CONFIG="$PG_CONFIG" install >/dev/null
}

# Run a command as the cluster's owner.
kc_as_owner() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

kc_free_port() {
	local port
	for port in $(seq 54320 54420); do
		if ! (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; then
			if [ ! -e "$KC_CLUSTER_DIR/socket/.s.PGSQL.$port" ]; then
				echo "$port"
				return 0
			fi
		fi
	done
	return 1
}

kc_cluster_stop() {
	if [ -n "${KC_CLUSTER_DIR:-}" ] && [ -f "$KC_CLUSTER_DIR/data/postmaster.pid" ]; then
		kc_as_owner "$PGBIN/pg_ctl" -D "$KC_CLUSTER_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
	fi
	if [ -n "${KC_CLUSTER_TMP:-}" ] && [ -d "$KC_CLUSTER_TMP" ]; then
		rm -rf "$KC_CLUSTER_TMP"
	fi
}

# Start a throwaway cluster.  It lives in tmp/cluster inside the checkout
# when the cluster's owner can reach it; otherwise (a checkout under /root,
# run as root) in a fresh directory owned by postgres, removed on exit.
kc_cluster_start() {
	local owner_ok=1
	mkdir -p "$ROOT/tmp"
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u postgres -- test -x "$ROOT/tmp" 2>/dev/null || owner_ok=0
	fi
	if [ "$owner_ok" -eq 1 ]; then
		KC_CLUSTER_DIR="$ROOT/tmp/cluster"
		# a previous run that was killed: stop what it left running
		if [ -f "$KC_CLUSTER_DIR/data/postmaster.pid" ]; then
			kc_as_owner "$PGBIN/pg_ctl" -D "$KC_CLUSTER_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
		fi
		rm -rf "$KC_CLUSTER_DIR"
		mkdir -p "$KC_CLUSTER_DIR"
		[ "$(id -u)" -eq 0 ] && chown postgres: "$KC_CLUSTER_DIR"
	else
		KC_CLUSTER_TMP=$(mktemp -d /tmp/kc_ext_cluster.XXXXXX)
		chown postgres: "$KC_CLUSTER_TMP"
		KC_CLUSTER_DIR="$KC_CLUSTER_TMP"
	fi
	trap kc_cluster_stop EXIT
	trap 'kc_cluster_stop; exit 130' INT
	trap 'kc_cluster_stop; exit 143' TERM

	kc_as_owner mkdir -p "$KC_CLUSTER_DIR/socket"
	kc_as_owner "$PGBIN/initdb" -D "$KC_CLUSTER_DIR/data" -U postgres -A trust -E UTF8 \
		--locale=C.UTF-8 >"$KC_CLUSTER_DIR/initdb.log" 2>&1 || {
		cat "$KC_CLUSTER_DIR/initdb.log" >&2; return 1; }

	PGPORT=$(kc_free_port) || { echo "no free TCP port in 54320-54420 on 127.0.0.1" >&2; return 1; }
	cat >>"$KC_CLUSTER_DIR/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PGPORT
unix_socket_directories = '$KC_CLUSTER_DIR/socket'
max_connections = 120
shared_buffers = 512MB
max_prepared_transactions = 10
max_worker_processes = 8
max_parallel_workers = 4
fsync = off
synchronous_commit = off
full_page_writes = off
log_min_messages = warning
CONF
	kc_log "starting a throwaway cluster in $KC_CLUSTER_DIR on port $PGPORT"
	kc_as_owner "$PGBIN/pg_ctl" -D "$KC_CLUSTER_DIR/data" -l "$KC_CLUSTER_DIR/server.log" -w -t 60 start >/dev/null || {
		tail -20 "$KC_CLUSTER_DIR/server.log" >&2; return 1; }
	export PGHOST=127.0.0.1 PGPORT PGUSER=postgres PGDATABASE=postgres
	export KC_CLUSTER_DIR PGBIN
}
