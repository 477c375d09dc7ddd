# tools/lib.sh -- shared set-up for tools/run.sh: packages, build, cluster.
# Sourced, not run.  Exports PGHOST, PGPORT, PGUSER, PGDATABASE for the
# callers and stops the cluster on every exit path.

# Run as root, or with sudo for the steps that need it.
if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi

kc_log() { printf '== %s\n' "$*" >&2; }

KC_APT_UPDATED=0
kc_apt_update() {
	[ "$KC_APT_UPDATED" -eq 1 ] && return 0
	kc_log "apt-get update"
	$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq || return 1
	KC_APT_UPDATED=1
}

# The PostgreSQL major version to build and test against, in PG_MAJOR:
# PG_CONFIG's when it is set (an override: another installed server), else
# the distribution's own, the version its "postgresql" package depends on
# (Debian 12: 15, Debian 13: 17).  Sets PG_CONFIG and PGBIN to that
# version's Debian paths (or PG_CONFIG's own bindir).
kc_pg_select() {
	if [ -n "${PG_CONFIG:-}" ]; then
		PG_MAJOR=$("$PG_CONFIG" --version 2>/dev/null | sed -n 's/^PostgreSQL \([0-9][0-9]*\).*/\1/p')
		if [ -z "$PG_MAJOR" ]; then
			# PG_CONFIG names a Debian path not installed yet
			PG_MAJOR=$(printf '%s\n' "$PG_CONFIG" | sed -n 's|^/usr/lib/postgresql/\([0-9][0-9]*\)/bin/pg_config$|\1|p')
		fi
		[ -n "$PG_MAJOR" ] || { echo "PG_CONFIG=$PG_CONFIG: not a pg_config whose version can be read" >&2; return 1; }
	else
		PG_MAJOR=$(kc_distribution_pg_major)
		if [ -z "$PG_MAJOR" ]; then
			kc_apt_update || return 1
			PG_MAJOR=$(kc_distribution_pg_major)
		fi
		[ -n "$PG_MAJOR" ] || { echo "apt knows no package \"postgresql\": which PostgreSQL does this distribution ship?" >&2; return 1; }
		PG_CONFIG=/usr/lib/postgresql/$PG_MAJOR/bin/pg_config
	fi
	PGBIN=$("$PG_CONFIG" --bindir 2>/dev/null || echo "/usr/lib/postgresql/$PG_MAJOR/bin")
	export PG_CONFIG PG_MAJOR PGBIN
}

# "postgresql" depends on "postgresql-NN": NN, from apt's package lists.
kc_distribution_pg_major() {
	apt-cache depends postgresql 2>/dev/null | sed -n 's/^ *Depends: postgresql-\([0-9][0-9]*\)$/\1/p' | head -1
}

# Everything any suite or the demo uses, on Debian 12 or 13.
kc_install_deps() {
	kc_pg_select || return 1
	# build-essential: make, gcc, libc6-dev, binutils (nm).  clang with
	# libclang-rt-dev (the metapackage for clang's own compiler-rt: libFuzzer,
	# ASan, UBSan) for 20-fuzz.  The server, its headers and contrib
	# (amcheck, pgbench are in postgresql-NN).  A JDK and Debian's pgJDBC
	# (/usr/share/java/postgresql.jar), Python 3 with psycopg 3, Node with
	# npm (the node client test installs pg from the npm registry) for
	# 80-clients.  psycopg2, psqlODBC through pyodbc, SQLAlchemy with pandas
	# for 82-client-matrix.  procps (ps) for 60-crash.  gettext (msgfmt
	# builds po/vi.po into kc_ext-NN.mo at make; xgettext and msgmerge for
	# 45-messages) and locales (locale-gen, for vi_VN.UTF-8: kc_install_locales).
	local pkgs="build-essential clang libclang-rt-dev gettext locales
		postgresql-$PG_MAJOR postgresql-server-dev-$PG_MAJOR libpq-dev
		libpostgresql-jdbc-java python3 python3-psycopg
		python3-psycopg2 odbc-postgresql unixodbc python3-pyodbc python3-sqlalchemy python3-pandas
		procps ca-certificates"
	# the contrib metapackage follows the distribution's version only
	[ "$PG_MAJOR" = "$(kc_distribution_pg_major)" ] && pkgs="$pkgs postgresql-contrib"
	local missing="" p cmd
	for p in $pkgs; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
	done
	# Tools wanted as commands: a JDK or Node from elsewhere (NodeSource's
	# nodejs ships its own npm and conflicts with Debian's) will do.
	for p in javac:default-jdk-headless node:nodejs npm:npm; do
		cmd=${p%%:*}
		command -v "$cmd" >/dev/null 2>&1 || missing="$missing ${p#*:}"
	done
	if [ -n "$missing" ]; then
		kc_log "installing (PostgreSQL $PG_MAJOR):$missing"
		kc_apt_update || return 1
		$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null || {
			echo "apt-get install$missing failed" >&2; return 1; }
	fi
	[ -x "$PG_CONFIG" ] || { echo "$PG_CONFIG is missing after the installation" >&2; return 1; }
	PGBIN=$("$PG_CONFIG" --bindir)
	export PGBIN
	kc_log "PostgreSQL $("$PG_CONFIG" --version | sed 's/^PostgreSQL //') ($PG_CONFIG)"
	kc_install_locales
}

# The locales the tests use: vi_VN.UTF-8 (kc_ext's Vietnamese messages, SET
# lc_messages in test/sql/messages_vi.sql), en_US.UTF-8; C.UTF-8 is built
# into Debian's libc.  A minimal Debian has no locales package and only C,
# C.UTF-8 and POSIX: the package brings locale-gen and /etc/locale.gen, where
# the wanted ones are enabled and generated.  Run before the cluster starts,
# so the server finds them (SET lc_messages refuses a locale it cannot load).
KC_LOCALES="vi_VN.UTF-8 en_US.UTF-8"
kc_locale_present() {
	# locale -a writes vi_VN.utf8; compare without case and dashes
	local want
	want=$(printf '%s' "$1" | tr 'A-Z' 'a-z' | tr -d -- '-')
	locale -a 2>/dev/null | tr 'A-Z' 'a-z' | tr -d -- '-' | grep -qxF "$want"
}
kc_install_locales() {
	local l missing=""
	for l in $KC_LOCALES; do
		kc_locale_present "$l" || missing="$missing $l"
	done
	[ -z "$missing" ] && return 0
	kc_log "generating locales:$missing"
	if ! command -v locale-gen >/dev/null 2>&1 || [ ! -f /etc/locale.gen ]; then
		kc_apt_update || return 1
		$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends locales >/dev/null || {
			echo "apt-get install locales failed" >&2; return 1; }
	fi
	for l in $missing; do
		if grep -qE "^# *$l UTF-8\$" /etc/locale.gen; then
			$SUDO sed -i -E "s/^# *($l UTF-8)\$/\1/" /etc/locale.gen
		elif ! grep -qE "^$l UTF-8\$" /etc/locale.gen; then
			echo "$l UTF-8" | $SUDO tee -a /etc/locale.gen >/dev/null
		fi
	done
	$SUDO locale-gen >/dev/null || { echo "locale-gen failed" >&2; return 1; }
	for l in $missing; do
		kc_locale_present "$l" || { echo "locale $l is still missing after locale-gen" >&2; return 1; }
	done
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
	local attempt
	for attempt in 1 2 3; do
		kc_as_owner "$PGBIN/pg_ctl" -D "$KC_CLUSTER_DIR/data" -l "$KC_CLUSTER_DIR/server.log" -w -t 60 start >/dev/null && break
		# the port was free when picked; another program (another test run)
		# can take it before the server binds it: pick again
		if [ "$attempt" -lt 3 ] && tail -5 "$KC_CLUSTER_DIR/server.log" | grep -q "could not create any TCP/IP sockets"; then
			PGPORT=$(kc_free_port) || { echo "no free TCP port in 54320-54420 on 127.0.0.1" >&2; return 1; }
			kc_log "port taken meanwhile: trying port $PGPORT"
			echo "port = $PGPORT" | kc_as_owner tee -a "$KC_CLUSTER_DIR/data/postgresql.conf" >/dev/null
			continue
		fi
		tail -20 "$KC_CLUSTER_DIR/server.log" >&2
		return 1
	done
	export PGHOST=127.0.0.1 PGPORT PGUSER=postgres PGDATABASE=postgres
	export KC_CLUSTER_DIR PGBIN
}
