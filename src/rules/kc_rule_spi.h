/*
 * kc_rule_spi.h
 *		The one SPI layer of the rules (cap rules, support caps, closed
 *		years), in the manner of ri_triggers.c: a keyed cache of kept plans
 *		and one routine that runs a plan as a given role.
 *
 * Every query a rule runs goes through kc_rule_run(), which
 *	- switches to the role the query must run as (the owner of the table it
 *	  reads, or of the extension's tables it writes), with
 *	  SECURITY_LOCAL_USERID_CHANGE (undone by an error) and
 *	  SECURITY_RESTRICTED_OPERATION (whatever of that owner's runs inside
 *	  cannot change the session: no SET ROLE, no temporary objects), and
 *	  SECURITY_NOFORCE_RLS (the owner's own FORCEd policies do not hide rows
 *	  from a rule, as they do not from a foreign key);
 *	- runs it under the statement's snapshot or under a new one;
 *	- checks the SPI result code and fails with the query's name.
 * Plans are prepared in the same user and security context they run in:
 * the plan cache re-plans for another user, but not for another
 * SECURITY_NOFORCE_RLS state.
 *
 * A kept plan is found by its key (rule kind, query, rule name, the
 * relation its text names, the extension's schema).  A relcache
 * invalidation of that relation, or any change to a schema (a rename
 * changes what a name in the text means), drops it; the next use
 * prepares it again from the current catalog.
 */
#ifndef KC_RULE_SPI_H
#define KC_RULE_SPI_H

#include "kc_ext.h"

#include "executor/spi.h"

typedef enum KcRuleKind
{
	KC_RULE_CAP = 1,
	KC_RULE_SUPPORT_CAP,
	KC_RULE_YEAR_LOCK
} KcRuleKind;

/* Which kept plan: all fields take part in the hash (zero the padding). */
typedef struct KcQueryKey
{
	int32		kind;			/* KcRuleKind */
	int32		query;			/* which query of the kind */
	Oid			relid;			/* relation named in the text, or InvalidOid */
	Oid			nsp;			/* extension schema named in the text */
	char		rule[NAMEDATALEN];	/* the rule, or "" for the whole kind */
} KcQueryKey;

/* How a query runs. */
typedef enum KcSnapshot
{
	KC_SNAPSHOT_STATEMENT,		/* the active snapshot (SPI_execute_plan) */
	KC_SNAPSHOT_LATEST			/* a new one: what has committed by now */
} KcSnapshot;

typedef struct KcRun
{
	Oid			role;			/* run as this role */
	KcSnapshot	snapshot;
	bool		read_only;
	long		count;			/* at most this many rows, 0: all */
	int			expect;			/* the SPI_OK_* code it must return */
	const char *what;			/* names the query in errors */
} KcRun;

extern void kc_rule_spi_init(void);

extern void kc_query_key(KcQueryKey *key, KcRuleKind kind, int query,
						 const char *rule, Oid relid, Oid nsp);

/* The kept plan of the key, or NULL when there is none (yet, or again). */
extern SPIPlanPtr kc_query_lookup(const KcQueryKey *key);

/*
 * Prepare sql in the context `how` runs in; with a key, keep it under that
 * key, without one it lives until SPI_finish.
 */
extern SPIPlanPtr kc_query_prepare(const KcQueryKey *key, const char *sql,
								   int nargs, Oid *argtypes,
								   const KcRun *how);

/* Run a plan as how->role, check the result code; returns SPI_processed. */
extern uint64 kc_rule_run(SPIPlanPtr plan, Datum *values, const char *nulls,
						  const KcRun *how);

/* Drop the kept plans of one rule (after it was redeclared or dropped). */
extern void kc_query_forget_rule(KcRuleKind kind, const char *rule);

/* SPI_connect / SPI_finish that fail with a clear internal error. */
extern void kc_spi_connect(void);
extern void kc_spi_finish(void);

#endif							/* KC_RULE_SPI_H */
