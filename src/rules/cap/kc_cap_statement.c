/*
 * kc_cap_statement.c
 *		The per-statement layer of cap rules: the child row triggers add
 *		each row's amount to a delta per key in a hash table of the current
 *		executor level; when the statement's after-triggers have fired
 *		(ExecutorFinish hook, or the end of COPY) the deltas are applied in
 *		key order through kc_cap_cache.c, so a statement is checked on its
 *		net effect per parent.  See kc_cap_cache.c for what happens next.
 */
#include "kc_cap.h"

#include "executor/executor.h"
#include "nodes/parsenodes.h"
#include "tcop/utility.h"
#include "utils/datum.h"
#include "utils/hsearch.h"
#include "utils/memutils.h"

/* One key's delta in one statement. */
typedef struct CapPending
{
	CapStrKey	key;			/* must be first */
	CapRule    *rule;
	Datum		keyvals[KC_CAP_MAX_KEYS];
	CapAmt		delta;
} CapPending;

/*
 * The deltas of one executor level.  Levels are kept and reused (a
 * statement of one row must not pay for creating a hash table): `hash`
 * lives in its own context, keys and numerics in `cxt`, reset after use.
 */
typedef struct CapLevel
{
	MemoryContext cxt;
	HTAB	   *hash;
	bool		used;
} CapLevel;

static CapLevel **levels = NULL;	/* [0] is for rows outside any level */
static int	nlevels = 0;
static int	cur_depth = 0;
static ExecutorFinish_hook_type prev_executor_finish = NULL;
static ProcessUtility_hook_type prev_process_utility = NULL;

static int
cap_pending_qsort(const void *a, const void *b)
{
	const CapPending *pa = *(CapPending *const *) a;
	const CapPending *pb = *(CapPending *const *) b;

	return cap_key_order(pa->rule, &pa->key, pb->rule, &pb->key);
}

static void
cap_level_flush(CapLevel *lvl)
{
	HASH_SEQ_STATUS st;
	CapPending **arr;
	CapPending *pe;
	long		n,
				i = 0;

	if (!lvl->used || (n = hash_get_num_entries(lvl->hash)) == 0)
		return;
	if (n == 1)
	{
		hash_seq_init(&st, lvl->hash);
		pe = hash_seq_search(&st);
		hash_seq_term(&st);
		cap_cache_apply(pe->rule, pe->keyvals, &pe->key, pe->delta);
		return;
	}
	arr = MemoryContextAlloc(lvl->cxt, n * sizeof(CapPending *));
	hash_seq_init(&st, lvl->hash);
	while ((pe = hash_seq_search(&st)) != NULL)
		arr[i++] = pe;
	/* the same order in every session: fewer deadlocks */
	qsort(arr, n, sizeof(CapPending *), cap_pending_qsort);
	for (i = 0; i < n; i++)
		cap_cache_apply(arr[i]->rule, arr[i]->keyvals, &arr[i]->key, arr[i]->delta);
}

/* Empty a level for its next use. */
static void
cap_level_clear(CapLevel *lvl)
{
	HASH_SEQ_STATUS st;
	CapPending *pe;

	if (!lvl->used)
		return;
	hash_seq_init(&st, lvl->hash);
	while ((pe = hash_seq_search(&st)) != NULL)
		hash_search(lvl->hash, &pe->key, HASH_REMOVE, NULL);
	MemoryContextReset(lvl->cxt);
	lvl->used = false;
}

static CapLevel *
cap_level_at(int depth)
{
	if (depth >= nlevels)
	{
		int			n = Max(8, depth * 2);

		if (levels == NULL)
			levels = MemoryContextAllocZero(TopMemoryContext, n * sizeof(CapLevel *));
		else
		{
			levels = repalloc(levels, n * sizeof(CapLevel *));
			memset(levels + nlevels, 0, (n - nlevels) * sizeof(CapLevel *));
		}
		nlevels = n;
	}
	if (levels[depth] == NULL)
	{
		CapLevel   *lvl = MemoryContextAllocZero(TopMemoryContext, sizeof(CapLevel));
		MemoryContext hcxt = AllocSetContextCreate(TopMemoryContext, "kc_cap statement deltas",
												   ALLOCSET_SMALL_SIZES);

		lvl->hash = cap_key_hash_create("kc_cap statement deltas", sizeof(CapPending), hcxt);
		lvl->cxt = AllocSetContextCreate(TopMemoryContext, "kc_cap statement data",
										 ALLOCSET_SMALL_SIZES);
		levels[depth] = lvl;
	}
	return levels[depth];
}

/*
 * A child row's contribution.  Normally collected for the end of the
 * statement; when no statement level is open (the library was loaded in
 * the middle of this statement) it is applied at once, which checks the
 * row on its own (stricter, never weaker).
 */
void
cap_pending_add(CapRule *rule, const Datum *keyvals, StringInfo keystr,
				CapAmt delta)
{
	CapLevel   *lvl = cap_level_at(cur_depth);
	CapStrKey	key;
	CapPending *pe;
	bool		found;
	MemoryContext old;

	lvl->used = true;
	key.str = keystr->data;
	key.len = keystr->len;
	pe = hash_search(lvl->hash, &key, HASH_ENTER, &found);
	old = MemoryContextSwitchTo(lvl->cxt);
	if (!found)
	{
		char	   *k = palloc(keystr->len);

		memcpy(k, keystr->data, keystr->len);
		pe->key.str = k;
		pe->key.len = keystr->len;
		pe->rule = rule;
		for (int i = 0; i < rule->nkeys; i++)
			pe->keyvals[i] = datumCopy(keyvals[i], rule->key_byval[i], rule->key_len[i]);
		pe->delta = cap_amt_copy(delta, lvl->cxt);
	}
	else
		pe->delta = cap_amt_add(pe->delta, delta, false);
	MemoryContextSwitchTo(old);

	if (cur_depth == 0)
	{
		PG_TRY();
		{
			cap_level_flush(lvl);
		}
		PG_FINALLY();
		{
			cap_level_clear(lvl);
		}
		PG_END_TRY();
	}
}

/* ---------------------------------------------------------------------
 * Statement boundaries
 * ---------------------------------------------------------------------
 */

static void
cap_executor_finish(QueryDesc *queryDesc)
{
	int			depth = ++cur_depth;

	PG_TRY();
	{
		if (prev_executor_finish)
			prev_executor_finish(queryDesc);
		else
			standard_ExecutorFinish(queryDesc);
		if (depth < nlevels && levels[depth] && levels[depth]->used)
			cap_level_flush(levels[depth]);
	}
	PG_FINALLY();
	{
		if (depth < nlevels && levels[depth])
			cap_level_clear(levels[depth]);
		cur_depth = depth - 1;
	}
	PG_END_TRY();
}

/* The next ProcessUtility in the chain. */
static void
next_process_utility(PlannedStmt *pstmt, const char *queryString,
					 bool readOnlyTree, ProcessUtilityContext context,
					 ParamListInfo params, QueryEnvironment *queryEnv,
					 DestReceiver *dest, QueryCompletion *qc)
{
	if (prev_process_utility)
		prev_process_utility(pstmt, queryString, readOnlyTree, context,
							 params, queryEnv, dest, qc);
	else
		standard_ProcessUtility(pstmt, queryString, readOnlyTree, context,
								params, queryEnv, dest, qc);
}

static void
cap_process_utility(PlannedStmt *pstmt, const char *queryString,
					bool readOnlyTree, ProcessUtilityContext context,
					ParamListInfo params, QueryEnvironment *queryEnv,
					DestReceiver *dest, QueryCompletion *qc)
{
	int			depth;

	if (!IsA(pstmt->utilityStmt, CopyStmt))
	{
		next_process_utility(pstmt, queryString, readOnlyTree, context,
							 params, queryEnv, dest, qc);
		return;
	}
	depth = ++cur_depth;
	PG_TRY();
	{
		next_process_utility(pstmt, queryString, readOnlyTree, context,
							 params, queryEnv, dest, qc);
		if (depth < nlevels && levels[depth] && levels[depth]->used)
			cap_level_flush(levels[depth]);
	}
	PG_FINALLY();
	{
		if (depth < nlevels && levels[depth])
			cap_level_clear(levels[depth]);
		cur_depth = depth - 1;
	}
	PG_END_TRY();
}

void
cap_install_hooks(void)
{
	prev_executor_finish = ExecutorFinish_hook;
	ExecutorFinish_hook = cap_executor_finish;
	prev_process_utility = ProcessUtility_hook;
	ProcessUtility_hook = cap_process_utility;
	cap_cache_register_callbacks();
}
