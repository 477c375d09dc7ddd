/*
 * kc_rule_util.h
 *		Helpers shared by the rules' triggers (support caps, closed
 *		years): where the extension lives, trigger-call checks, amounts
 *		written for people.
 */
#ifndef KC_RULE_UTIL_H
#define KC_RULE_UTIL_H

#include "kc_ext.h"

#include "commands/trigger.h"
#include "executor/spi.h"
#include "rules/kc_rule_spi.h"

/* Quoted name of the schema holding function fn_oid (the extension's). */
extern char *kc_rule_schema_of(Oid fn_oid);

/*
 * Check that a trigger function was called as a trigger of the expected
 * level and events, with nargs arguments; errors name the function.
 */
extern TriggerData *kc_rule_trigger_data(FunctionCallInfo fcinfo,
										   const char *funcname,
										   bool row_level, int nargs);

/* Attribute number of a column named in a trigger argument (error if none). */
extern AttrNumber kc_rule_column(Relation rel, const char *column,
								   const char *trigger_name);

/* An amount of dong in Vietnamese notation ("300.000.001 đồng"). */
extern char *kc_rule_format_dong(int64 amount);

/* A numeric fraction as a Vietnamese percentage number ("30", "12,5"). */
extern char *kc_rule_format_share_pct(Datum share);

/* Owner of one of the extension's tables: whom its queries run as. */
extern Oid	kc_rule_ext_table_owner(Oid fn_oid, const char *relname);

#endif							/* KC_RULE_UTIL_H */
