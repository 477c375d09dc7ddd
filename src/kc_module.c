/*
 * kc_module.c
 *		The kc_ext shared library: its magic block and load-time set-up.
 *
 * Loading the library (by the first kc_ext function a session calls, or
 * earlier through session_preload_libraries / shared_preload_libraries)
 * registers the rules' plan cache (rules/kc_rule_spi.c) and the cap rules'
 * cache callbacks and executor hooks, so that every statement after the
 * load is checked on its net effect, and binds kc_ext's message catalogue
 * (lc_messages picks the language).
 */
#include "kc_ext.h"

#include "rules/cap/kc_cap.h"

#include "miscadmin.h"

PG_MODULE_MAGIC;

void
_PG_init(void)
{
	/* kc_ext's messages come from its own catalogue, kc_ext-NN.mo */
	pg_bindtextdomain(TEXTDOMAIN);
	kc_rule_spi_init();
	kc_cap_module_init();
	cap_install_hooks();
}
