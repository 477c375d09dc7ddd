/*
 * kc_rule_spi.c
 *		The one SPI layer of the rules: kept plans by key, and the routine
 *		that runs a plan as a given role (see kc_rule_spi.h).
 *
 * Invalidation follows ri_triggers.c: a kept plan is used only while the
 * plan cache still holds it valid and no relcache invalidation of the
 * relation its text names (nor a schema change) has arrived since; then it
 * is dropped and the caller prepares it again from freshly built text, so a
 * renamed table or column is looked up by its new name instead of having
 * the old text re-parsed against whatever now holds the old name.
 *
 * A plan is freed only when no rule query is running: a query run by a
 * rule can run user code of the table's owner (a policy, an index
 * expression) that writes and so fires a rule again, and the outer run may
 * be using the very plan an invalidation made stale.  In that (rare) case
 * the stale plan is left to its memory context rather than freed under the
 * running query.
 */
#include "kc_rule_spi.h"

#include "miscadmin.h"
#include "utils/hsearch.h"
#include "utils/inval.h"
#include "utils/snapmgr.h"
#include "utils/syscache.h"

typedef struct KcQueryEntry
{
	KcQueryKey	key;			/* hash key: first */
	SPIPlanPtr	plan;			/* NULL: prepare again */
	bool		valid;			/* false: an invalidation arrived */
} KcQueryEntry;

static HTAB *query_cache = NULL;
static int	run_depth = 0;		/* kc_rule_run calls in progress */

static void
invalidate_matching(Oid relid, bool all)
{
	HASH_SEQ_STATUS st;
	KcQueryEntry *e;

	if (query_cache == NULL)
		return;
	hash_seq_init(&st, query_cache);
	while ((e = hash_seq_search(&st)) != NULL)
	{
		if (all || e->key.relid == relid)
			e->valid = false;
	}
}

static void
query_relcache_callback(Datum arg, Oid relid)
{
	invalidate_matching(relid, !OidIsValid(relid));
}

static void
query_syscache_callback(Datum arg, int cacheid, uint32 hashvalue)
{
	/* a schema renamed or dropped: every text names one */
	invalidate_matching(InvalidOid, true);
}

/* Called once, from _PG_init. */
void
kc_rule_spi_init(void)
{
	HASHCTL		ctl;

	if (query_cache != NULL)
		return;
	ctl.keysize = sizeof(KcQueryKey);
	ctl.entrysize = sizeof(KcQueryEntry);
	query_cache = hash_create("kc_ext rule queries", 64, &ctl,
							  HASH_ELEM | HASH_BLOBS);
	CacheRegisterRelcacheCallback(query_relcache_callback, (Datum) 0);
	CacheRegisterSyscacheCallback(NAMESPACEOID, query_syscache_callback, (Datum) 0);
}

void
kc_query_key(KcQueryKey *key, KcRuleKind kind, int query, const char *rule,
			 Oid relid, Oid nsp)
{
	/* the whole struct is hashed: no stray bytes */
	memset(key, 0, sizeof(KcQueryKey));
	key->kind = (int32) kind;
	key->query = query;
	key->relid = relid;
	key->nsp = nsp;
	if (rule)
		strlcpy(key->rule, rule, NAMEDATALEN);
}

static void
drop_plan(KcQueryEntry *e)
{
	SPIPlanPtr	plan = e->plan;

	e->plan = NULL;
	if (plan != NULL && run_depth == 0)
		SPI_freeplan(plan);
}

SPIPlanPtr
kc_query_lookup(const KcQueryKey *key)
{
	KcQueryEntry *e;

	if (query_cache == NULL)
		kc_rule_spi_init();
	e = hash_search(query_cache, key, HASH_FIND, NULL);
	if (e == NULL || e->plan == NULL)
		return NULL;
	if (e->valid && SPI_plan_is_valid(e->plan))
		return e->plan;
	drop_plan(e);
	return NULL;
}

/* Enter the role and security context a query of `how` runs in. */
static void
become(const KcRun *how, Oid *save_user, int *save_sec)
{
	GetUserIdAndSecContext(save_user, save_sec);
	SetUserIdAndSecContext(how->role,
						   *save_sec | SECURITY_LOCAL_USERID_CHANGE |
						   SECURITY_RESTRICTED_OPERATION | SECURITY_NOFORCE_RLS);
}

SPIPlanPtr
kc_query_prepare(const KcQueryKey *key, const char *sql, int nargs,
				 Oid *argtypes, const KcRun *how)
{
	SPIPlanPtr	plan;
	Oid			save_user;
	int			save_sec;
	KcQueryEntry *e;
	bool		found;

	become(how, &save_user, &save_sec);
	plan = SPI_prepare_cursor(sql, nargs, argtypes, CURSOR_OPT_GENERIC_PLAN);
	SetUserIdAndSecContext(save_user, save_sec);
	if (plan == NULL)
		elog(ERROR, "kc_ext: preparing the %s failed: %s (%s)", how->what,
			 SPI_result_code_string(SPI_result), sql);
	if (key == NULL)
		return plan;

	if (query_cache == NULL)
		kc_rule_spi_init();
	if (SPI_keepplan(plan) != 0)
		elog(ERROR, "kc_ext: keeping the plan of the %s failed", how->what);
	e = hash_search(query_cache, key, HASH_ENTER, &found);
	if (found && e->plan != NULL)
		drop_plan(e);
	e->plan = plan;
	e->valid = true;
	return plan;
}

uint64
kc_rule_run(SPIPlanPtr plan, Datum *values, const char *nulls,
			const KcRun *how)
{
	Oid			save_user;
	int			save_sec;
	int			rc;

	become(how, &save_user, &save_sec);
	run_depth++;
	PG_TRY();
	{
		if (how->snapshot == KC_SNAPSHOT_LATEST)
			rc = SPI_execute_snapshot(plan, values, nulls, GetLatestSnapshot(),
									  InvalidSnapshot, how->read_only, false,
									  how->count);
		else
			rc = SPI_execute_plan(plan, values, nulls, how->read_only,
								  how->count);
	}
	PG_FINALLY();
	{
		run_depth--;
	}
	PG_END_TRY();
	SetUserIdAndSecContext(save_user, save_sec);
	if (rc != how->expect)
		elog(ERROR, "kc_ext: the %s failed: %s", how->what,
			 SPI_result_code_string(rc));
	return SPI_processed;
}

void
kc_query_forget_rule(KcRuleKind kind, const char *rule)
{
	HASH_SEQ_STATUS st;
	KcQueryEntry *e;

	if (query_cache == NULL)
		return;
	hash_seq_init(&st, query_cache);
	while ((e = hash_seq_search(&st)) != NULL)
	{
		if (e->key.kind == (int32) kind && strcmp(e->key.rule, rule) == 0)
			e->valid = false;
	}
}

void
kc_spi_connect(void)
{
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
}

void
kc_spi_finish(void)
{
	if (SPI_finish() != SPI_OK_FINISH)
		elog(ERROR, "SPI_finish failed");
}
