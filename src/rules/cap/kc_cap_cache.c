/*
 * kc_cap_cache.c
 *		Running totals of cap rules: the per-transaction cache of kept totals
 *		and limits, its savepoint handling, and the write-back at commit.
 *
 * kc_cap_total keeps, per (rule, key), the sum of the child amounts whose
 * reference equals the key (for every key, whether a parent row has it or
 * not), so checking a row never re-sums the children.
 *
 * Three layers (the first in kc_cap_statement.c, the others here):
 *	- per statement: the child row triggers only add the row's amount to a
 *	  delta per key in a hash table of the current executor level; when the
 *	  statement's after-triggers have fired (ExecutorFinish hook, or the end
 *	  of COPY), the deltas are applied in key order, so a statement is
 *	  checked on its net effect per parent ("after every statement");
 *	- per transaction: the first time a transaction touches a key, one
 *	  query, as the extension's owner, adds the statement's delta to the
 *	  kept total (locking its row: the one lock writers of a key meet on)
 *	  and returns it; a second, as the parent's owner, reads the parent's
 *	  limit; both are cached.  While the transaction holds the total's row
 *	  nobody else can change the total or lower the limit, so later
 *	  statements under that parent are checked in memory only;
 *	- at commit (XACT_EVENT_PRE_COMMIT / PRE_PREPARE): what later
 *	  statements added is written to kc_cap_total, one UPDATE per touched
 *	  key.  One transaction that inserts 200 000 rows under one parent thus
 *	  updates its total row twice, not 200 000 times (which would build a
 *	  long HOT chain and make every update slower than the last).
 *
 * Savepoints: every change to a cached entry first saves the entry's state
 * for the current subtransaction level; ROLLBACK TO restores it.  An entry
 * first touched inside a subtransaction that aborts is forgotten, because
 * its row locks were released with it.
 *
 * Isolation: in READ COMMITTED the parent is read with a snapshot taken
 * after the total's row was locked (the newest committed limit), and an
 * UPDATE always adds to the newest total.  Under
 * REPEATABLE READ and SERIALIZABLE a total changed by a
 * concurrent committed transaction raises a serialization failure (as does
 * the upsert of a total row created concurrently, and, for the read-only
 * path of parent triggers, a total row absent from the transaction
 * snapshot but present in the newest one, as ri_triggers.c's crosscheck).
 */
#include "kc_cap.h"

#include "access/relation.h"
#include "access/xact.h"
#include "catalog/pg_type.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/hsearch.h"
#include "utils/memutils.h"
#include "utils/lsyscache.h"
#include "utils/snapmgr.h"

/* What a ROLLBACK TO restores. */
typedef struct CapState
{
	bool		dead;			/* forgotten (TRUNCATE, drop): re-read */
	bool		has_parent;
	bool		limit_null;
	CapAmt		limit;
	CapAmt		base;			/* kept total when first read */
	CapAmt		delta;			/* this transaction's change, not written */
} CapState;

typedef struct CapSave
{
	int			level;
	CapState	st;
} CapSave;

typedef struct CapEntry
{
	CapStrKey	key;			/* must be first */
	CapRule    *rule;
	Datum		keyvals[KC_CAP_MAX_KEYS];
	Datum		keyarr;			/* text[] for kc_cap_total */
	bool		row_exists;		/* its kc_cap_total row was there */
	uint64		generation;		/* of the rule when the limit was read */
	Oid			keytypes[KC_CAP_MAX_KEYS];	/* of keyvals */
	int			lock_level;		/* subtransaction level holding the locks */
	List	   *saves;			/* CapSave *, increasing level */
	CapState	st;
} CapEntry;

static MemoryContext cache_cxt = NULL;
static MemoryContext cache_hcxt = NULL;
static HTAB *cache = NULL;

static int
cap_entry_qsort(const void *a, const void *b)
{
	const CapEntry *ea = *(CapEntry *const *) a;
	const CapEntry *eb = *(CapEntry *const *) b;

	return cap_key_order(ea->rule, &ea->key, eb->rule, &eb->key);
}

static bool
cap_exceeds(const CapState *st, CapAmt total)
{
	if (st->limit_null)
		return cap_amt_sign(total) > 0;
	return cap_amt_cmp(total, st->limit) > 0;
}

/* ---------------------------------------------------------------------
 * The transaction cache
 * ---------------------------------------------------------------------
 */

/*
 * The hash table itself is kept across transactions (its own context);
 * what its entries point to lives in cache_cxt, reset at transaction end.
 */
static void
cap_cache_ensure(void)
{
	if (cache_cxt == NULL)
		cache_cxt = AllocSetContextCreate(TopMemoryContext, "kc_cap totals cache",
										  ALLOCSET_DEFAULT_SIZES);
	if (cache_hcxt == NULL)
		cache_hcxt = AllocSetContextCreate(TopMemoryContext, "kc_cap totals hash",
										   ALLOCSET_SMALL_SIZES);
	if (cache == NULL)
		cache = cap_key_hash_create("kc_cap totals", sizeof(CapEntry), cache_hcxt);
}

static CapEntry *
cap_cache_find(const CapStrKey *key)
{
	if (cache == NULL)
		return NULL;
	return hash_search(cache, key, HASH_FIND, NULL);
}

/* Save the entry's state before its first change at this level. */
static void
cap_entry_modify(CapEntry *ce)
{
	int			level = GetCurrentTransactionNestLevel();
	int			top = ce->saves ? ((CapSave *) llast(ce->saves))->level : ce->lock_level;

	if (level > top)
	{
		MemoryContext old = MemoryContextSwitchTo(cache_cxt);
		CapSave    *s = palloc(sizeof(CapSave));

		s->level = level;
		s->st = ce->st;
		ce->saves = lappend(ce->saves, s);
		MemoryContextSwitchTo(old);
	}
}

/*
 * First touch of a key in this transaction.  Locks the parent row (when
 * lock_parent) and reads its limit.  With `apply`, the statement's delta is
 * written through at once (UPDATE ... RETURNING, or an upsert when the key
 * has no kept total yet) and the total it returns, which includes `apply`,
 * becomes the cached base: one query both reads the newest total and locks
 * its row.  Under REPEATABLE READ and SERIALIZABLE that UPDATE (or the
 * upsert's conflict check) fails to serialize when a concurrent transaction
 * changed the total.  Without `apply` (a parent row changed), 0 is added:
 * the total's row is locked, or created, all the same.  An existing dead entry is revived in place so that its savepoint history
 * stays.
 */
static CapEntry *
cap_cache_touch(CapRule *rule, const Datum *keyvals, const CapStrKey *key,
				bool lock_parent, const CapAmt *apply)
{
	CapEntry   *ce;
	bool		found;
	CapState	st;
	Datum		keyarr;
	Datum		args[3];
	MemoryContext old;
	bool		row_exists = false;

	cap_cache_ensure();
	kc_spi_connect();

	st.dead = false;
	st.has_parent = false;
	st.limit_null = true;
	st.limit = cap_amt_zero(rule->numeric_mode);
	old = MemoryContextSwitchTo(cache_cxt);
	keyarr = cap_key_array(rule, keyvals);
	MemoryContextSwitchTo(old);
	args[0] = CStringGetTextDatum(rule->name);
	args[1] = keyarr;

	/*
	 * The kept total's row is where every writer of this key meets, whether
	 * or not a parent row exists yet: a child's first touch adds to it, a
	 * parent's insert, key change or lower limit locks it (creating it with
	 * 0 when missing).  So a parent inserted or lowered concurrently with
	 * children cannot miss them: whoever comes second waits for the first
	 * on this row and then sees its total (READ COMMITTED) or fails to
	 * serialize (REPEATABLE READ, SERIALIZABLE).  This is the only lock a
	 * child's check takes; the parent row is read, not locked (a higher
	 * limit needs no lock: a check against the old one is only stricter).
	 * The query reads and writes kc_cap_total only, as its owner (see
	 * kc_cap_rule.c).
	 */
	{
		Datum		total;

		args[2] = apply ? cap_amt_to_numeric(*apply) :
			cap_amt_to_numeric(cap_amt_zero(rule->numeric_mode));
		if (cap_total_add(args, false, &total) == 0 &&
			cap_total_add(args, true, &total) != 1)
			elog(ERROR, "kc_cap: writing a kept total wrote no row");
		st.base = cap_amt_from_numeric(rule, total);
		row_exists = true;
	}

	/*
	 * The parent's limit, read after we hold the total's row (with a new
	 * snapshot in READ COMMITTED): a parent change committed while we
	 * waited is seen, and one that comes later waits for us and checks our
	 * total itself.
	 */
	if (lock_parent)
		st.has_parent = cap_read_parent(rule, keyvals, &st.limit_null, &st.limit);

	/* copy what SPI returned before SPI_finish frees it */
	st.limit = cap_amt_copy(st.limit, cache_cxt);
	st.base = cap_amt_copy(st.base, cache_cxt);
	old = MemoryContextSwitchTo(cache_cxt);
	st.delta = cap_amt_zero(rule->numeric_mode);
	MemoryContextSwitchTo(old);

	ce = hash_search(cache, key, HASH_ENTER, &found);
	if (!found)
	{
		char	   *s = MemoryContextAlloc(cache_cxt, key->len + 1);

		memcpy(s, key->str, key->len);
		s[key->len] = '\0';
		ce->key.str = s;
		ce->key.len = key->len;
		ce->rule = rule;
		for (int i = 0; i < rule->nkeys; i++)
		{
			old = MemoryContextSwitchTo(cache_cxt);
			ce->keyvals[i] = datumCopy(keyvals[i], rule->key_byval[i], rule->key_len[i]);
			MemoryContextSwitchTo(old);
		}
		ce->lock_level = GetCurrentTransactionNestLevel();
		ce->saves = NIL;
	}
	else
	{
		/* a dead entry: its delta is zero, keep its history */
		cap_entry_modify(ce);
		ce->rule = rule;
	}
	ce->keyarr = keyarr;
	ce->row_exists = row_exists;
	ce->generation = rule->generation;
	memcpy(ce->keytypes, rule->key_types, rule->nkeys * sizeof(Oid));
	ce->st = st;
	kc_spi_finish();
	return ce;
}


/*
 * The rule was reloaded since this key's limit was read: this transaction
 * changed a table of the rule (a column dropped and added again, its type
 * changed).  The parent row is still locked by us; read its limit again,
 * in the rule's new representation.
 */
static void
cap_entry_reread_limit(CapRule *rule, CapEntry *ce)
{
	bool		limit_null;
	CapAmt		limit;
	bool		has_parent;
	MemoryContext old;

	if (memcmp(ce->keytypes, rule->key_types, rule->nkeys * sizeof(Oid)) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("key columns of cap rule \"%s\" changed type in this transaction", rule->name),
				 errdetail("Amounts were already counted in this transaction under keys of the former type."),
				 errhint("Commit the change of the key columns before writing under the rule again.")));
	kc_spi_connect();
	has_parent = cap_read_parent(rule, ce->keyvals, &limit_null, &limit);
	cap_entry_modify(ce);
	ce->st.has_parent = has_parent;
	ce->st.limit_null = limit_null;
	ce->st.limit = cap_amt_copy(limit, cache_cxt);
	old = MemoryContextSwitchTo(cache_cxt);
	if (ce->st.base.isnum != rule->numeric_mode)
	{
		ce->st.base = cap_amt_add(cap_amt_zero(rule->numeric_mode), ce->st.base, false);
		ce->st.delta = cap_amt_add(cap_amt_zero(rule->numeric_mode), ce->st.delta, false);
	}
	MemoryContextSwitchTo(old);
	ce->generation = rule->generation;
	kc_spi_finish();
}

static void
cap_report_child_violation(CapRule *rule, CapEntry *ce, CapAmt before,
						   CapAmt after)
{
	Relation	child = relation_open(rule->child_relid, AccessShareLock);
	char	   *limit = ce->st.limit_null ? pstrdup("NULL (no approved amount)") :
		cap_amt_describe(ce->st.limit);

	ereport(ERROR,
			(errcode(ERRCODE_CHECK_VIOLATION),
			 errmsg("total of \"%s\" under a row of \"%s\" would exceed its \"%s\", violating cap rule \"%s\"",
					rule->amount_col, get_rel_name(rule->parent_relid),
					rule->limit_col, rule->name),
			 errdetail("Key %s: limit %s, total before the statement %s, total after the statement %s.",
					   cap_key_describe(rule, ce->keyvals, true), limit,
					   cap_amt_describe(before), cap_amt_describe(after)),
			 errtableconstraint(child, rule->name)));
}

/*
 * Apply one statement's net delta for one key (kc_cap_statement.c): check
 * it against the limit, then remember it for the write-back at commit.
 */
void
cap_cache_apply(CapRule *rule, const Datum *keyvals, const CapStrKey *key,
				CapAmt delta)
{
	CapEntry   *ce;
	CapAmt		before,
				after;
	MemoryContext old;

	if (cap_amt_sign(delta) == 0)
		return;
	if (!rule->valid)
		rule = cap_rule_get(rule->name, false);
	ce = cap_cache_find(key);
	if (ce == NULL || ce->st.dead || ce->rule != rule)
	{
		/* first touch: the delta is already in the kept total */
		ce = cap_cache_touch(rule, keyvals, key, true, &delta);
		after = ce->st.base;
		before = cap_amt_add(after, delta, true);
		if (ce->st.has_parent && cap_amt_sign(delta) > 0 &&
			cap_exceeds(&ce->st, after))
			cap_report_child_violation(rule, ce, before, after);
		return;
	}
	if (ce->generation != rule->generation)
		cap_entry_reread_limit(rule, ce);
	before = cap_amt_add(ce->st.base, ce->st.delta, false);
	after = cap_amt_add(before, delta, false);
	if (ce->st.has_parent && cap_amt_sign(delta) > 0 &&
		cap_exceeds(&ce->st, after))
		cap_report_child_violation(rule, ce, before, after);
	cap_entry_modify(ce);
	old = MemoryContextSwitchTo(cache_cxt);
	ce->st.delta = cap_amt_add(ce->st.delta, delta, false);
	MemoryContextSwitchTo(old);
}

/*
 * A parent row was inserted, updated or deleted.  With `check`, its (new)
 * limit must cover the total already under its key.
 */
void
cap_parent_changed(CapRule *rule, Relation parent_rel, const Datum *keyvals,
				   StringInfo keystr, bool exists, bool limit_null,
				   CapAmt limit, bool check)
{
	CapStrKey	key;
	CapEntry   *ce;
	CapAmt		total;

	key.str = keystr->data;
	key.len = keystr->len;
	ce = cap_cache_find(&key);
	if (ce && (ce->st.dead || ce->rule != rule))
		ce = NULL;
	if (!exists)
	{
		if (ce)
		{
			cap_entry_modify(ce);
			ce->st.has_parent = false;
		}
		return;
	}
	if (ce == NULL)
	{
		if (!check)
			return;
		/* the row is locked by the statement that changed it */
		ce = cap_cache_touch(rule, keyvals, &key, false, NULL);
	}
	cap_entry_modify(ce);
	ce->st.has_parent = true;
	ce->st.limit_null = limit_null;
	ce->st.limit = cap_amt_copy(limit, cache_cxt);
	if (!check)
		return;
	total = cap_amt_add(ce->st.base, ce->st.delta, false);
	if (cap_exceeds(&ce->st, total))
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("new \"%s\" of a row of \"%s\" is below the total already under it, violating cap rule \"%s\"",
						rule->limit_col, RelationGetRelationName(parent_rel), rule->name),
				 errdetail("Key %s: limit %s, total %s.",
						   cap_key_describe(rule, keyvals, true),
						   limit_null ? "NULL (no approved amount)" : cap_amt_describe(limit),
						   cap_amt_describe(total)),
				 errtableconstraint(parent_rel, rule->name)));
}

/*
 * Forget the cached state of a rule (after TRUNCATE rebuilt its totals,
 * or when it is dropped).  Undone by ROLLBACK TO like any other change.
 */
void
cap_cache_forget_rule(const char *rule_name)
{
	HASH_SEQ_STATUS st;
	CapEntry   *ce;

	if (cache == NULL)
		return;
	hash_seq_init(&st, cache);
	while ((ce = hash_seq_search(&st)) != NULL)
	{
		if (ce->st.dead || strcmp(ce->rule->name, rule_name) != 0)
			continue;
		cap_entry_modify(ce);
		ce->st.dead = true;
		{
			MemoryContext old = MemoryContextSwitchTo(cache_cxt);

			ce->st.delta = cap_amt_zero(ce->st.base.isnum);
			MemoryContextSwitchTo(old);
		}
	}
}

/* Add every cached delta to kc_cap_total. */
static void
cap_write_back(void)
{
	HASH_SEQ_STATUS st;
	CapEntry   *ce;
	CapEntry  **arr;
	long		n = 0;

	if (cache == NULL || hash_get_num_entries(cache) == 0)
		return;
	arr = MemoryContextAlloc(cache_cxt, hash_get_num_entries(cache) * sizeof(CapEntry *));
	hash_seq_init(&st, cache);
	while ((ce = hash_seq_search(&st)) != NULL)
		if (!ce->st.dead && cap_amt_sign(ce->st.delta) != 0)
			arr[n++] = ce;
	if (n == 0)
		return;
	if (n > 1)
		qsort(arr, n, sizeof(CapEntry *), cap_entry_qsort);

	PushActiveSnapshot(GetTransactionSnapshot());
	kc_spi_connect();
	for (long i = 0; i < n; i++)
	{
		Datum		args[3];
		Datum		total;

		ce = arr[i];
		args[0] = CStringGetTextDatum(ce->rule->name);
		args[1] = ce->keyarr;
		args[2] = cap_amt_to_numeric(ce->st.delta);
		/* an existing row is simply updated (no speculative insertion) */
		if (ce->row_exists && cap_total_add(args, false, &total) == 1)
			continue;
		(void) cap_total_add(args, true, &total);
	}
	kc_spi_finish();
	PopActiveSnapshot();
}

static void
cap_cache_reset(void)
{
	if (cache && hash_get_num_entries(cache) > 0)
	{
		HASH_SEQ_STATUS st;
		CapEntry   *ce;

		if (hash_get_num_entries(cache) > 1024)
		{
			/* a big transaction: start again with a small table */
			hash_destroy(cache);
			cache = NULL;
		}
		else
		{
			hash_seq_init(&st, cache);
			while ((ce = hash_seq_search(&st)) != NULL)
				hash_search(cache, &ce->key, HASH_REMOVE, NULL);
		}
	}
	if (cache_cxt)
		MemoryContextReset(cache_cxt);
}

static void
cap_xact_callback(XactEvent event, void *arg)
{
	switch (event)
	{
		case XACT_EVENT_PRE_COMMIT:
		case XACT_EVENT_PRE_PREPARE:
			cap_write_back();
			break;
		case XACT_EVENT_COMMIT:
		case XACT_EVENT_ABORT:
		case XACT_EVENT_PREPARE:
		case XACT_EVENT_PARALLEL_COMMIT:
		case XACT_EVENT_PARALLEL_ABORT:
			cap_cache_reset();
			break;
		default:
			break;
	}
}

static void
cap_subxact_callback(SubXactEvent event, SubTransactionId mySubid,
					 SubTransactionId parentSubid, void *arg)
{
	HASH_SEQ_STATUS st;
	CapEntry   *ce;
	int			level;

	if (cache == NULL ||
		(event != SUBXACT_EVENT_ABORT_SUB && event != SUBXACT_EVENT_COMMIT_SUB))
		return;
	level = GetCurrentTransactionNestLevel();
	hash_seq_init(&st, cache);
	while ((ce = hash_seq_search(&st)) != NULL)
	{
		if (event == SUBXACT_EVENT_ABORT_SUB)
		{
			if (ce->lock_level >= level)
			{
				/* its locks went with the subtransaction */
				hash_search(cache, &ce->key, HASH_REMOVE, NULL);
				continue;
			}
			while (ce->saves && ((CapSave *) llast(ce->saves))->level >= level)
			{
				ce->st = ((CapSave *) llast(ce->saves))->st;
				ce->saves = list_delete_last(ce->saves);
			}
		}
		else
		{
			if (ce->lock_level == level)
				ce->lock_level = level - 1;
			if (ce->saves && ((CapSave *) llast(ce->saves))->level == level)
			{
				int			n = list_length(ce->saves);

				if (n >= 2 && ((CapSave *) list_nth(ce->saves, n - 2))->level >= level - 1)
					ce->saves = list_delete_last(ce->saves);
				else
					((CapSave *) llast(ce->saves))->level = level - 1;
			}
		}
	}
}

/* Called once, by cap_install_hooks (kc_cap_statement.c). */
void
cap_cache_register_callbacks(void)
{
	RegisterXactCallback(cap_xact_callback, NULL);
	RegisterSubXactCallback(cap_subxact_callback, NULL);
}
