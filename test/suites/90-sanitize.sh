# The regression and isolation suites against kc_ext built with
# AddressSanitizer and UndefinedBehaviorSanitizer.
#
# How: the checkout (working tree) is copied to tmp/sanitize/build and built
# there with COPT='-fsanitize=address,undefined -fno-sanitize-recover=all
# -fno-omit-frame-pointer'.  PostgreSQL finds $libdir relative to its own
# executable, so a copy of the server's bin, lib and share directories in a
# separate tree, with the sanitized kc_ext installed into it by
# make install DESTDIR=..., is a server that loads the sanitized kc_ext.so
# and nothing else changes; the system installation is not touched.  That
# server runs as postgres on its own throwaway cluster, started with the
# ASan runtime preloaded (LD_PRELOAD, the server itself is not
# instrumented), ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 and
# UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1, reports going to the
# server log.
#
# One more preloaded library, kc_asan_first.so (built here), is needed on
# Debian 12: the preloaded runtime initializes itself lazily, at the first
# intercepted call, and that call came from a library constructor
# (libgpg-error's bindtextdomain, p11-kit's newlocale) holding one of
# glibc's internal rwlocks; the locks were left broken and every server
# process (even "postgres -V") hung on the next bindtextdomain or at exit.
# kc_asan_first.so wraps bindtextdomain, bind_textdomain_codeset and
# newlocale so that the first of them allocates through the runtime, which
# initializes it, before glibc takes its lock.
#
# Checks: the module is instrumented; a backend's /proc/PID/maps shows the
# sanitized kc_ext.so and the sanitizer runtimes, not the system kc_ext.so;
# two canaries (a heap overflow, an out-of-range shift, in a throwaway
# module built with the same flags) produce reports that this script
# catches; then every pg_regress test, isolation spec and client driver
# check (test/suites/80-clients.sh, run again against this server) must
# pass and the server log, from after the canaries, must hold no sanitizer
# report and no crashed backend.
set -uo pipefail
. tools/lib.sh	# kc_tap_cluster_start/stop: the cluster, by PostgreSQL's TAP framework

OUT=tmp/sanitize
SAN_FLAGS='-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer'
DIR=
passed=0
failed=0
ok() { echo "ok: $*"; passed=$((passed + 1)); }
bad() { echo "FAIL: $*"; failed=$((failed + 1)); }
keep_logs() {
	[ -n "${KC_TAP_LOG:-}" ] && cp "$KC_TAP_LOG" "$OUT/server.log" 2>/dev/null
	kc_tap_cluster_stop
	[ -n "$DIR" ] && rm -rf "$DIR"
	DIR=
}
finish() {
	keep_logs
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit
}
trap keep_logs EXIT

SYS_BIN=$("$PG_CONFIG" --bindir)
SYS_LIB=$("$PG_CONFIG" --pkglibdir)
SYS_SHARE=$("$PG_CONFIG" --sharedir)
INCLUDE_SERVER=$("$PG_CONFIG" --includedir-server)

rm -rf "$OUT" && mkdir -p "$OUT/build"

# 1. The sanitized build, in a copy of the working tree.
tar -c --exclude=./tmp --exclude=./.git --exclude=./results --exclude=./node_modules \
	--exclude=./test/clients/node/node_modules --exclude='*.o' --exclude='*.so' --exclude='*.bc' \
	--exclude=./regression.diffs --exclude=./regression.out . |
	tar -x -C "$OUT/build"
start=$(date +%s)
if make -C "$OUT/build" -s -j2 PG_CONFIG="$PG_CONFIG" with_llvm=no COPT="$SAN_FLAGS" >"$OUT/build.log" 2>&1; then
	ok "kc_ext built with $SAN_FLAGS ($(( $(date +%s) - start ))s)"
else
	tail -40 "$OUT/build.log"; bad "the sanitized build failed"; finish
fi
SO="$OUT/build/kc_ext.so"
syms=$(nm -D --undefined-only "$SO")
if grep -q '__asan_report' <<<"$syms" && grep -q '__ubsan_handle' <<<"$syms"; then
	ok "kc_ext.so calls the ASan and UBSan runtimes"
else
	bad "kc_ext.so is not instrumented"
fi
ASAN_LIB=$(ldd "$SO" | awk '/libasan\.so/ { print $3 }')
[ -n "$ASAN_LIB" ] && [ -f "$ASAN_LIB" ] || { bad "kc_ext.so does not link libasan"; finish; }

# 2. The separate install tree: a copy of the server plus the sanitized
# kc_ext, inside the cluster's directory so that postgres can read it.
DIR=$(mktemp -d /tmp/kc_ext_sanitize.XXXXXX) || { bad "no directory for the separate tree"; finish; }
[ "$(id -u)" -eq 0 ] && chown postgres: "$DIR"
TREE="$DIR/tree"
mkdir -p "$TREE$SYS_BIN" "$TREE$SYS_LIB" "$TREE$SYS_SHARE"
cp -a "$SYS_BIN/." "$TREE$SYS_BIN/"
(cd "$SYS_LIB" && tar -c --exclude=./bitcode --exclude=./kc_ext.so .) | tar -x -C "$TREE$SYS_LIB"
cp -a "$SYS_SHARE/." "$TREE$SYS_SHARE/"
if make -C "$OUT/build" -s PG_CONFIG="$PG_CONFIG" with_llvm=no COPT="$SAN_FLAGS" DESTDIR="$(cd "$TREE" && pwd)" \
		install >>"$OUT/build.log" 2>&1 && [ -f "$TREE$SYS_LIB/kc_ext.so" ]; then
	ok "sanitized kc_ext installed into the separate tree $TREE"
else
	tail -20 "$OUT/build.log"; bad "make install DESTDIR=$TREE"; finish
fi
SAN_SO=$(cd "$TREE$SYS_LIB" && pwd)/kc_ext.so

# The canary module: one heap overflow, one out-of-range shift, on demand.
cat >"$OUT/kc_sanitizer_canary.c" <<'C'
#include "postgres.h"
#include "fmgr.h"
#include <stdlib.h>
PG_MODULE_MAGIC;
PG_FUNCTION_INFO_V1(kc_sanitizer_canary);
Datum
kc_sanitizer_canary(PG_FUNCTION_ARGS)
{
	int32		what = PG_GETARG_INT32(0);
	int32		n = PG_GETARG_INT32(1);

	if (what == 1)
	{
		char	   *p = malloc(8);
		int32		c;

		p[0] = 1;
		c = p[n];				/* n = 8: heap-buffer-overflow */
		free(p);
		PG_RETURN_INT32(c);
	}
	PG_RETURN_INT32(1 << n);	/* n = 40: shift exponent out of range */
}
C
gcc $SAN_FLAGS -g -O0 -fPIC -shared -I"$INCLUDE_SERVER" -o "$TREE$SYS_LIB/kc_sanitizer_canary.so" \
	"$OUT/kc_sanitizer_canary.c" >>"$OUT/build.log" 2>&1 || { tail "$OUT/build.log"; bad "canary build"; }
chown -R postgres: "$TREE" 2>/dev/null || true

# The initializer (see the top of this file).
cat >"$OUT/kc_asan_first.c" <<'C'
#define _GNU_SOURCE
#include <dlfcn.h>
#include <libintl.h>
#include <locale.h>
#include <stdlib.h>

static int	started;

/* One allocation through the sanitizer's malloc initializes the runtime. */
static void
start_runtime(void)
{
	if (!started)
	{
		void	   *volatile p;

		started = 1;
		p = malloc(1);
		free(p);
	}
}

char *
bindtextdomain(const char *domain, const char *dir)
{
	static char *(*real) (const char *, const char *);

	start_runtime();
	if (!real)
		real = (char *(*) (const char *, const char *)) dlsym(RTLD_NEXT, "bindtextdomain");
	return real(domain, dir);
}

char *
bind_textdomain_codeset(const char *domain, const char *codeset)
{
	static char *(*real) (const char *, const char *);

	start_runtime();
	if (!real)
		real = (char *(*) (const char *, const char *)) dlsym(RTLD_NEXT, "bind_textdomain_codeset");
	return real(domain, codeset);
}

locale_t
newlocale(int mask, const char *name, locale_t base)
{
	static locale_t (*real) (int, const char *, locale_t);

	start_runtime();
	if (!real)
		real = (locale_t (*) (int, const char *, locale_t)) dlsym(RTLD_NEXT, "newlocale");
	return real(mask, name, base);
}
C
FIRST_SO=$(cd "$TREE" && pwd)/kc_asan_first.so
gcc -O1 -Wall -fPIC -shared -o "$FIRST_SO" "$OUT/kc_asan_first.c" -ldl >>"$OUT/build.log" 2>&1 ||
	{ tail "$OUT/build.log"; bad "kc_asan_first.so build"; finish; }
PRELOAD="$ASAN_LIB $FIRST_SO"
if timeout 20 env LD_PRELOAD="$PRELOAD" ASAN_OPTIONS=detect_leaks=0 "$TREE$SYS_BIN/postgres" -V >/dev/null 2>&1; then
	ok "postgres -V runs with $PRELOAD preloaded"
else
	bad "postgres -V does not run with $PRELOAD preloaded (hangs or fails)"; finish
fi

# 3. The cluster, initialized and run by the tree's own binaries.
PGBIN=$(cd "$TREE$SYS_BIN" && pwd)
if KC_TAP_CONF="jit = off
shared_buffers = 128MB
max_connections = 100
max_prepared_transactions = 10
max_worker_processes = 8
max_parallel_workers = 4
synchronous_commit = off
log_min_messages = warning" kc_tap_cluster_start "$PGBIN" LD_PRELOAD="$PRELOAD" \
		ASAN_OPTIONS=detect_leaks=0:abort_on_error=1:disable_coredump=1:print_summary=1 \
		UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1; then
	ok "server from the separate tree started on port $KC_TAP_PORT with $PRELOAD preloaded"
else
	bad "the sanitizer cluster did not start"; finish
fi
PORT=$KC_TAP_PORT
LOG=$KC_TAP_LOG
spsql() { psql -X -h 127.0.0.1 -p "$PORT" -U postgres -v ON_ERROR_STOP=1 "$@"; }

wait_ready() {
	local i
	for i in $(seq 1 150); do
		"$SYS_BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" && spsql -d postgres -A -t -c "SELECT 1" >/dev/null 2>&1 && return 0
		sleep 0.2
	done
	return 1
}

# Which kc_ext.so did a backend load?  Its memory map says.
spsql -d postgres -q -c "CREATE DATABASE kc_sanitize_probe" >/dev/null
maps=$(spsql -d kc_sanitize_probe -A -t -c "CREATE EXTENSION kc_ext" \
	-c "SELECT kc_format('345,5 tỷ'::kc_money, 'tỷ') || E'\n' || pg_read_file('/proc/' || pg_backend_pid() || '/maps')" 2>&1)
if grep -q "^345,5 tỷ đồng" <<<"$maps" && grep -qF "$SAN_SO" <<<"$maps" &&
	! grep -qF " $SYS_LIB/kc_ext.so" <<<"$maps" && grep -q "libasan" <<<"$maps" && grep -q "libubsan" <<<"$maps"; then
	ok "a backend's /proc/PID/maps: $SAN_SO, libasan and libubsan loaded, the system kc_ext.so not"
else
	echo "$maps" | grep -E "kc_ext|asan|ubsan|ERROR" | head
	bad "the backend did not load the sanitized kc_ext.so with the sanitizer runtimes"
fi
spsql -d postgres -q -c "DROP DATABASE kc_sanitize_probe" >/dev/null

# 4. The canaries: a report must show up in the log, and is caught.
san_report='ERROR: AddressSanitizer|runtime error:|ERROR: LeakSanitizer|SUMMARY: (Address|UndefinedBehavior)Sanitizer'
for canary in "1 8 heap-buffer-overflow" "2 40 shift exponent 40 is too large"; do
	set -- $canary
	what=$1 n=$2; shift 2
	before=$(stat -c %s "$LOG")
	# created in the same session: the crash loses what was committed
	# asynchronously before it
	spsql -d postgres -A -t -c "CREATE OR REPLACE FUNCTION kc_sanitizer_canary(int, int) RETURNS int
		AS '\$libdir/kc_sanitizer_canary' LANGUAGE C STRICT" \
		-c "SELECT kc_sanitizer_canary($what, $n)" >/dev/null 2>&1
	wait_ready || { bad "the server did not come back after canary $what"; finish; }
	# into a file first: "tail | grep -q" under pipefail fails whenever grep
	# quits at its match before tail has written everything (SIGPIPE)
	tail -c +$((before + 1)) "$LOG" >"$OUT/canary-$what.log"
	if grep -qE "$san_report" "$OUT/canary-$what.log" && grep -q "$*" "$OUT/canary-$what.log"; then
		ok "canary $what ($*): the report reached the server log and was caught"
	else
		tail -40 "$OUT/canary-$what.log"
		bad "canary $what ($*): no sanitizer report in the server log"
	fi
done
spsql -d postgres -q -c "SET client_min_messages = warning" -c "DROP FUNCTION IF EXISTS kc_sanitizer_canary(int, int)" >/dev/null
rm -f "$TREE$SYS_LIB/kc_sanitizer_canary.so"
clean_from=$(stat -c %s "$LOG")

# 5. pg_regress and the isolation specs against the sanitized server.
count() {   # count LOG NAME: adds pg_regress' ok/failed lines to the totals
	local p f
	p=$(grep -cE '\.\.\. ok|^ok [0-9]+ ' "$1")
	f=$(grep -cE '\.\.\. FAILED|\.\.\. failed|^not ok [0-9]+ ' "$1")
	echo "---- $2: $p passed, $f failed"
	passed=$((passed + p))
	failed=$((failed + f))
	[ "$f" -eq 0 ]
}
start=$(date +%s)
PGHOST=127.0.0.1 PGPORT=$PORT PGUSER=postgres make -C "$OUT/build" -s PG_CONFIG="$PG_CONFIG" with_llvm=no \
	installcheck ISOLATION= TAP_TESTS= >"$OUT/regress.log" 2>&1
rc=$?
grep -E '\.\.\. |tests passed|failed' "$OUT/regress.log"
count "$OUT/regress.log" "pg_regress under the sanitizers ($(( $(date +%s) - start ))s)" ||
	{ [ -f "$OUT/build/regression.diffs" ] && head -100 "$OUT/build/regression.diffs"; }
[ "$rc" -ne 0 ] && ! grep -qE '\.\.\. FAILED|\.\.\. failed' "$OUT/regress.log" && bad "make installcheck exited $rc"

start=$(date +%s)
PGHOST=127.0.0.1 PGPORT=$PORT PGUSER=postgres make -C "$OUT/build" -s PG_CONFIG="$PG_CONFIG" with_llvm=no \
	installcheck REGRESS= TAP_TESTS= >"$OUT/isolation.log" 2>&1
rc=$?
grep -E '\.\.\. |tests passed|failed' "$OUT/isolation.log"
count "$OUT/isolation.log" "isolation under the sanitizers ($(( $(date +%s) - start ))s)" ||
	{ [ -f "$OUT/build/regression.diffs" ] && head -100 "$OUT/build/regression.diffs"; }
[ "$rc" -ne 0 ] && ! grep -qE '\.\.\. FAILED|\.\.\. failed' "$OUT/isolation.log" && bad "make installcheck (isolation) exited $rc"

# The client drivers (80-clients.sh) against the sanitized server: binary
# parameters, results and COPY of every type through real protocol paths.
start=$(date +%s)
KC_CLIENTS_OUT=$OUT/clients PGHOST=127.0.0.1 PGPORT=$PORT PGUSER=postgres bash test/suites/80-clients.sh \
	>"$OUT/clients.log" 2>&1
grep -E '^FAIL|^skip|^---- .*passed' "$OUT/clients.log"
line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$OUT/clients.log" | tail -1)
if [ -n "$line" ]; then
	p=${line%% passed*}; f=${line#*, }; f=${f%% failed}
	echo "---- client drivers under the sanitizers ($(( $(date +%s) - start ))s): $p passed, $f failed"
	passed=$((passed + p)); failed=$((failed + f))
else
	tail -20 "$OUT/clients.log"; bad "the client drivers printed no result line"
fi

# 6. The server log after the canaries: no report, no crash.
tail -c +$((clean_from + 1)) "$LOG" >"$OUT/server-after-canaries.log"
if grep -qE "$san_report" "$OUT/server-after-canaries.log"; then
	grep -E -B2 -A30 "$san_report" "$OUT/server-after-canaries.log" | head -80
	bad "sanitizer report(s) in the server log while the suites ran"
else
	ok "no sanitizer report in the server log while the suites ran"
fi
if grep -qE "terminated by signal|was terminated by exception" "$OUT/server-after-canaries.log"; then
	grep -E "terminated by signal|Failed process" "$OUT/server-after-canaries.log" | head
	bad "a backend crashed while the suites ran"
else
	ok "no backend crashed while the suites ran"
fi
finish
