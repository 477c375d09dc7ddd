# kc_ext -- PGXS build.
#
#   make demo    install what is missing, build, install, run the demo
#   make test    the same set-up, then every test suite (ends "N passed, N failed")
#   make bench   benchmark ratios, measured side by side in one run
#   make deb     the Debian package: dist/postgresql-NN-kc-ext_VERSION_ARCH.deb
#
# These four are aliases of bash tools/run.sh demo|test|bench|deb, which work
# on a machine without make (they install it).
#
# The set-up targets work before pg_config exists: they install it first.

EXTENSION = kc_ext
MODULE_big = kc_ext

# The layout (README, "Source layout"): src/core is the PostgreSQL-free
# core, src/types the value types and their aggregates, src/rules the rules
# (their shared SPI layer and helpers, then one file or folder per kind).
CORE_OBJS = src/core/kc_words.o src/core/kc_parse.o src/core/kc_format.o
SRCS = $(sort $(wildcard src/*.c src/types/*.c src/rules/*.c src/rules/*/*.c))
OBJS = $(CORE_OBJS) $(patsubst %.c,%.o,$(SRCS))

# Released scripts are frozen (their checksums are in
# test/released-scripts.sha256, checked by the test command); every change
# to the SQL goes into the next update script sql/kc_ext--A--B.sql.
DATA = $(wildcard sql/kc_ext--*.sql)

# make installcheck (PGXS) runs, against the server PGHOST/PGPORT name:
#   REGRESS    test/sql/NAME.sql, expected output expected/NAME.out
#   ISOLATION  test/isolation/specs/NAME.spec, expected output expected/NAME.out
#              (pg_isolation_regress looks in its --outputdir's expected/
#              first, so both kinds share the top-level expected/)
#   TAP_TESTS  test/t/*.pl (PostgreSQL::Test::Cluster: servers of their own)
# Each test file creates what it needs (extension, roles) and leaves no
# role behind; none depends on another having run.  The databases are made
# UTF8 with the C locale, whatever the server's own default.
REGRESS = $(patsubst test/sql/%.sql,%,$(sort $(wildcard test/sql/*.sql)))
REGRESS_OPTS = --inputdir=test
ISOLATION = $(patsubst test/isolation/specs/%.spec,%,$(sort $(wildcard test/isolation/specs/*.spec)))
ISOLATION_OPTS = --inputdir=test/isolation --outputdir=. --load-extension=kc_ext
ENCODING = UTF8
NO_LOCALE = 1
PROVE_TESTS = $(sort $(wildcard test/t/*.pl))
ifneq ($(PROVE_TESTS),)
TAP_TESTS = 1
endif

PG_CPPFLAGS = -Isrc -Isrc/core
# every object is rebuilt when a header changes (PGXS tracks no headers)
KC_HEADERS = $(wildcard src/*.h src/*/*.h src/*/*/*.h)
# -Wall -Wextra, less two warnings PostgreSQL's own idioms trigger:
# unused fcinfo parameters of PG_FUNCTION_ARGS, and -Wclobbered's false
# positives around PG_TRY's setjmp (gcc 12 flags variables that are only
# assigned before the PG_TRY, and PG_TRY's own _do_rethrow).
PG_CFLAGS = -Wall -Wextra -Wno-unused-parameter -Wno-clobbered -fvisibility=hidden

EXTRA_CLEAN = results regression.diffs regression.out test/unit/kc_core_test \
	test/fuzz/kc_money_fuzz

# Default: the newest Debian server installed (tools/run.sh passes the
# distribution's own version, or PG_CONFIG from the environment).
PG_CONFIG ?= $(firstword $(shell ls -d /usr/lib/postgresql/*/bin/pg_config 2>/dev/null | sort -rV) pg_config)
PGXS := $(shell $(PG_CONFIG) --pgxs 2>/dev/null)

.PHONY: demo test bench deb unit
ifneq ($(wildcard $(PGXS)),)
include $(PGXS)
endif

$(OBJS) $(patsubst %.o,%.bc,$(OBJS)): $(KC_HEADERS)

demo:
	bash tools/run.sh demo

test:
	bash tools/run.sh test

bench:
	bash tools/run.sh bench

deb:
	bash tools/run.sh deb
