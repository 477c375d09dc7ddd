# tools/lib.sh -- shared set-up for tools/run.sh: packages, build, and the
# throwaway cluster (pg_virtualenv, or PostgreSQL's TAP framework).  Sourced,
# not run.

# The checkout (tools/..), for the scripts that source this file.
KC_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

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
	# perl with IPC::Run (libipc-run-perl) for PostgreSQL's TAP framework
	# (test/t; the framework is in postgresql-server-dev-NN); pg_virtualenv
	# is in postgresql-common, which postgresql-NN brings
	pkgs="$pkgs perl libipc-run-perl"
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

# Run a command as the clusters' owner: postgres when run as root (initdb
# and PostgreSQL's TAP framework refuse root).
kc_as_owner() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

# kc_with_cluster COMMAND...: runs COMMAND with PGHOST, PGPORT, PGUSER and
# PGDATABASE naming a throwaway cluster that is removed afterwards, on
# every exit path.  No cluster manager of our own:
#   - a Debian server (/usr/lib/postgresql/NN/bin): Debian's pg_virtualenv
#     (postgresql-common) -v NN, -t: in a fresh temporary directory also
#     as root (nothing under /etc/postgresql), as postgres, on a port
#     pg_createcluster finds free;
#   - another server (PG_CONFIG of a private tree, which pg_virtualenv
#     cannot use): PostgreSQL's own TAP framework, PostgreSQL::Test::Cluster,
#     through tools/tap-cluster.pl, which holds the cluster until the pipe
#     from this shell closes.
# Either way: UTF8, C.UTF-8, trust authentication, fsync off.
kc_with_cluster() {
	if [ "$PGBIN" = "/usr/lib/postgresql/$PG_MAJOR/bin" ] && command -v pg_virtualenv >/dev/null; then
		kc_log "throwaway cluster: pg_virtualenv -v $PG_MAJOR"
		pg_virtualenv -t -v "$PG_MAJOR" -i '-A trust -E UTF8 --locale=C.UTF-8' \
			-o max_connections=120 -o shared_buffers=512MB -o max_prepared_transactions=10 \
			-o max_worker_processes=8 -o max_parallel_workers=4 -o synchronous_commit=off \
			-o full_page_writes=off -o log_min_messages=warning \
			env PGHOST=127.0.0.1 PGBIN="$PGBIN" PG_CONFIG="$PG_CONFIG" "$@"
		return
	fi
	kc_log "throwaway cluster: PostgreSQL::Test::Cluster ($PGBIN, not a Debian server: no pg_virtualenv)"
	local rc
	KC_TAP_CONF="max_connections = 120
shared_buffers = 512MB
max_prepared_transactions = 10
max_worker_processes = 8
max_parallel_workers = 4
synchronous_commit = off
full_page_writes = off
log_min_messages = warning" kc_tap_cluster_start "$PGBIN" || return 1
	trap kc_tap_cluster_stop EXIT
	PGHOST=127.0.0.1 PGPORT=$KC_TAP_PORT PGUSER=postgres PGDATABASE=postgres "$@" {KC_TAP_FD}>&- && rc=0 || rc=$?
	kc_tap_cluster_stop
	return $rc
}

# kc_tap_cluster_start BINDIR [VAR=VALUE...]: a throwaway cluster of the
# server in BINDIR, made and held by PostgreSQL's TAP framework
# (tools/tap-cluster.pl, run as the clusters' owner): UTF8, C.UTF-8, trust,
# 127.0.0.1 and a socket directory of its own; KC_TAP_CONF holds more
# postgresql.conf lines; VAR=VALUE pairs are the server's environment
# (LD_PRELOAD ...), not the framework's.  Sets KC_TAP_PORT and KC_TAP_LOG
# (the server's log).  The framework stops the server and removes its data
# when the pipe KC_TAP_FD closes: kc_tap_cluster_stop, or this shell's
# exit, however it ends.  One at a time per shell.
kc_tap_cluster_start() {
	local bindir=$1 pgxs_src i
	shift
	KC_TAP_DIR=$(mktemp -d /tmp/kc_ext_cluster.XXXXXX) || return 1
	[ "$(id -u)" -eq 0 ] && chown postgres: "$KC_TAP_DIR"
	pgxs_src=$(dirname "$(dirname "$("$PG_CONFIG" --pgxs)")")	# .../lib/pgxs/src
	kc_as_owner mkfifo "$KC_TAP_DIR/hold"
	# a copy: the owner may not reach the checkout (under /root)
	cp "$KC_ROOT/tools/tap-cluster.pl" "$KC_TAP_DIR/tap-cluster.pl"
	( cd "$KC_TAP_DIR" && kc_as_owner env TESTDIR="$KC_TAP_DIR" TESTDATADIR="$KC_TAP_DIR/tmp_check" \
		TESTLOGDIR="$KC_TAP_DIR/tmp_check/log" PATH="$bindir:$PATH" \
		PERL5LIB="$pgxs_src/test/perl" PG_REGRESS="$pgxs_src/test/regress/pg_regress" \
		KC_TAP_CONF="${KC_TAP_CONF:-}" KC_TAP_SERVER_ENV="$(printf '%s\n' "$@")" \
		perl "$KC_TAP_DIR/tap-cluster.pl" "$KC_TAP_DIR/info" <"$KC_TAP_DIR/hold" >"$KC_TAP_DIR/tap.log" 2>&1 ) &
	KC_TAP_PID=$!
	exec {KC_TAP_FD}>"$KC_TAP_DIR/hold"
	for i in $(seq 1 1200); do
		[ -s "$KC_TAP_DIR/info" ] && break
		kill -0 "$KC_TAP_PID" 2>/dev/null || break
		sleep 0.1
	done
	if ! [ -s "$KC_TAP_DIR/info" ]; then
		cat "$KC_TAP_DIR/tap.log" "$KC_TAP_DIR"/tmp_check/log/* >&2 2>/dev/null
		kc_tap_cluster_stop
		echo "the TAP framework's cluster did not start" >&2
		return 1
	fi
	KC_TAP_PORT=$(sed -n 1p "$KC_TAP_DIR/info")
	KC_TAP_LOG=$(sed -n 2p "$KC_TAP_DIR/info")
}

# kc_tap_cluster_stop [keep]: closes the pipe, waits until the framework
# has stopped the server; removes its directory unless "keep".
kc_tap_cluster_stop() {
	[ -n "${KC_TAP_DIR:-}" ] || return 0
	[ -n "${KC_TAP_FD:-}" ] && exec {KC_TAP_FD}>&-
	KC_TAP_FD=
	[ -n "${KC_TAP_PID:-}" ] && { wait "$KC_TAP_PID" || true; }
	KC_TAP_PID=
	[ "${1:-}" = keep ] || rm -rf "$KC_TAP_DIR"
	KC_TAP_DIR=
}
