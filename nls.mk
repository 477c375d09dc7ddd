# nls.mk -- kc_ext's message catalogue, the way PostgreSQL's modules declare
# theirs (PL/pgSQL: src/pl/plpgsql/src/nls.mk).  PGXS's Makefile.global
# includes src/nls-global.mk when this file exists and the server was built
# with NLS; that adds "all: all-po" (po/vi.po -> po/vi.mo, msgfmt -c),
# "install: install-po" (<localedir>/vi/LC_MESSAGES/kc_ext-NN.mo, NN the
# server's major version, the domain PG_TEXTDOMAIN("kc_ext") binds),
# "uninstall: uninstall-po", and "make init-po" (po/kc_ext.pot from the
# sources) and "make update-po" (po/vi.po.new, merged with msgmerge).
CATALOG_NAME     = kc_ext
# PostgreSQL 16 and later read po/LINGUAS themselves; 15 reads this.
AVAIL_LANGUAGES  = $(strip $(shell cat po/LINGUAS))
# every C file: src/core has no messages of its own (it returns status
# codes), listing it keeps a new message there from escaping the catalogue
GETTEXT_FILES    = $(sort $(wildcard src/*.c src/*/*.c src/*/*/*.c))
# gettext_noop marks texts that reach a message through _() ("%s"): the
# message table of src/kc_message.c and the fragments some messages take
GETTEXT_TRIGGERS = $(BACKEND_COMMON_GETTEXT_TRIGGERS) gettext_noop
GETTEXT_FLAGS    = $(BACKEND_COMMON_GETTEXT_FLAGS)
# kc_ext's messages speak of đồng, tỷ, ₫: UTF-8 sources (PostgreSQL's own
# messages are ASCII, so its rules do not say)
ifdef XGETTEXT
XGETTEXT += --from-code=UTF-8
endif
