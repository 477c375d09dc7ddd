/*
 * kc_cap_total.c
 *		Adding to a kept total: the row of kc_cap_total where every writer of
 *		a (rule, key) meets.
 *
 * A single-row allocation transaction touches its key's row once, when
 * its statement ends.  Done as an SPI UPDATE that costs an executor start,
 * an index scan node and a ModifyTable node per transaction, about a sixth
 * of the whole transaction in the pgbench benchmark.  So the row is found
 * and updated here directly, the way the executor's UPDATE does it:
 *	- the row is looked up through the primary key (rule_name, parent_key)
 *	  under the snapshot an UPDATE would use: a new one in READ COMMITTED,
 *	  the transaction's in REPEATABLE READ and SERIALIZABLE (btree and heap
 *	  take the same predicate locks as a scan in the executor);
 *	- it is locked FOR NO KEY UPDATE, waiting for a concurrent writer; in
 *	  READ COMMITTED the newest version is locked (as EvalPlanQual would:
 *	  the row is found by its key, which no update changes), otherwise a
 *	  concurrent change fails to serialize, as UPDATE does;
 *	- the new version is written with simple_heap_update (nobody else can
 *	  change the row while we hold its lock), and its index entries are
 *	  added when the update is not heap-only;
 *	- CommandCounterIncrement makes it visible to what follows.
 * The SPI statements (kc_cap_rule.c) remain the way when the row is
 * missing (INSERT ... ON CONFLICT) and whenever kc_cap_total is not the
 * plain table the extension created (a trigger or rule added to it, its
 * columns or primary key changed): then the direct path is not taken.
 *
 * No user switch is needed: nothing of a user's runs here (built-in text
 * and text[] equality, numeric addition), and the row written is the one
 * the extension's owner would write through SPI.
 */
#include "kc_cap.h"

#include "access/genam.h"
#include "access/heapam.h"
#include "access/table.h"
#include "access/tableam.h"
#include "access/xact.h"
#include "catalog/index.h"
#include "catalog/pg_am.h"
#include "executor/executor.h"
#include "storage/lmgr.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"

/*
 * What the direct path needs to know of kc_cap_total; reset on relcache
 * invalidation of the table (which index changes send too).
 */
#define TOTAL_MAX_INDEXES 8
static bool total_checked = false;
static bool total_direct_ok = false;
static Oid	total_relid = InvalidOid;
static Oid	total_pkey = InvalidOid;
static int	total_nindexes = 0;
static Oid	total_indexes[TOTAL_MAX_INDEXES];
static bool total_callback_done = false;

#define TOTAL_ATT_RULE	1
#define TOTAL_ATT_KEY	2
#define TOTAL_ATT_TOTAL	3

static void
total_relcache_callback(Datum arg, Oid relid)
{
	if (!OidIsValid(relid) || relid == total_relid)
		total_checked = false;
}

/*
 * Is kc_cap_total still the plain three-column table with its primary key
 * (rule_name, parent_key), no triggers and no rules, and only plain btree
 * indexes, immediate and not over the total (so that the new version's
 * entries are the old ones' keys: "unchanged" for bottom-up deletion)?
 */
static bool
total_direct_usable(Relation rel)
{
	TupleDesc	desc = RelationGetDescr(rel);
	List	   *indexes;
	ListCell   *lc;
	bool		ok = true;

	if (!total_callback_done)
	{
		CacheRegisterRelcacheCallback(total_relcache_callback, (Datum) 0);
		total_callback_done = true;
	}
	if (total_checked && total_relid == RelationGetRelid(rel))
		return total_direct_ok;

	total_checked = true;
	total_direct_ok = false;
	total_relid = RelationGetRelid(rel);
	total_pkey = InvalidOid;
	total_nindexes = 0;
	if (rel->rd_rel->relkind != RELKIND_RELATION ||
		rel->trigdesc != NULL || rel->rd_rules != NULL ||
		desc->natts != 3 ||
		TupleDescAttr(desc, 0)->atttypid != TEXTOID ||
		TupleDescAttr(desc, 1)->atttypid != TEXTARRAYOID ||
		TupleDescAttr(desc, 2)->atttypid != NUMERICOID ||
		TupleDescAttr(desc, 0)->attisdropped ||
		TupleDescAttr(desc, 1)->attisdropped ||
		TupleDescAttr(desc, 2)->attisdropped ||
		strcmp(NameStr(TupleDescAttr(desc, 0)->attname), "rule_name") != 0 ||
		strcmp(NameStr(TupleDescAttr(desc, 1)->attname), "parent_key") != 0 ||
		strcmp(NameStr(TupleDescAttr(desc, 2)->attname), "total") != 0)
		return false;

	indexes = RelationGetIndexList(rel);
	foreach(lc, indexes)
	{
		Relation	idx = index_open(lfirst_oid(lc), AccessShareLock);
		Form_pg_index ix = idx->rd_index;

		if (idx->rd_rel->relam != BTREE_AM_OID || !ix->indimmediate ||
			RelationGetIndexExpressions(idx) != NIL ||
			RelationGetIndexPredicate(idx) != NIL ||
			total_nindexes >= TOTAL_MAX_INDEXES)
			ok = false;
		for (int i = 0; i < ix->indnatts; i++)
			if (ix->indkey.values[i] == TOTAL_ATT_TOTAL)
				ok = false;
		if (ok)
			total_indexes[total_nindexes++] = RelationGetRelid(idx);
		if (ix->indisprimary && ix->indisvalid &&
			ix->indnkeyatts == 2 && ix->indnatts == 2 &&
			ix->indkey.values[0] == TOTAL_ATT_RULE &&
			ix->indkey.values[1] == TOTAL_ATT_KEY)
			total_pkey = RelationGetRelid(idx);
		index_close(idx, AccessShareLock);
	}
	list_free(indexes);
	total_direct_ok = ok && OidIsValid(total_pkey);
	return total_direct_ok;
}

/*
 * Index entries of the new version, when the update was not heap-only: in
 * every index, with the "unchanged" hint (no key column changed), which
 * lets btree delete the old versions' entries bottom-up instead of
 * splitting pages as the same keys pile up.
 */
static void
total_insert_index_entries(Relation rel, HeapTuple newtup)
{
	TupleDesc	desc = RelationGetDescr(rel);

	for (int i = 0; i < total_nindexes; i++)
	{
		Relation	idx = index_open(total_indexes[i], RowExclusiveLock);
		Form_pg_index ix = idx->rd_index;
		Datum		values[INDEX_MAX_KEYS];
		bool		isnull[INDEX_MAX_KEYS];

		for (int k = 0; k < ix->indnatts; k++)
			values[k] = heap_getattr(newtup, ix->indkey.values[k], desc, &isnull[k]);
		(void) index_insert(idx, values, isnull, &newtup->t_self, rel,
							ix->indisunique ? UNIQUE_CHECK_YES : UNIQUE_CHECK_NO,
							true, BuildIndexInfo(idx));
		index_close(idx, NoLock);
	}
}

/* What total_add_direct did. */
typedef enum TotalDirect
{
	TOTAL_UNUSABLE,				/* nothing: take the SPI path */
	TOTAL_MISSING,				/* no row for the key (any more) */
	TOTAL_ADDED
} TotalDirect;

/*
 * Add delta to the kept total of (rule_name, key) in place, unless the
 * direct path cannot be taken or the row is missing (then nothing is
 * changed).
 */
static TotalDirect
total_add_direct(Datum rule_name, Datum key, Datum delta, Datum *new_total)
{
	Relation	rel;
	Relation	idx;
	ScanKeyData skey[2];
	IndexScanDesc scan;
	TupleTableSlot *slot;
	Snapshot	snap;
	bool		found;
	TM_Result	res;
	TM_FailureData tmfd;
	bool		xact_snapshot = IsolationUsesXactSnapshot();
	bool		isnull;
	Datum		values[3];
	bool		nulls[3] = {false, false, false};
	bool		replace[3] = {false, false, true};
	HeapTuple	oldtup;
	HeapTuple	newtup;
	bool		shouldfree;
	bool		all_indexes;
	bool		summarizing;

	rel = table_open(cap_total_relid(), RowExclusiveLock);
	if (!total_direct_usable(rel))
	{
		table_close(rel, NoLock);
		return TOTAL_UNUSABLE;
	}
	idx = index_open(total_pkey, RowExclusiveLock);

	snap = RegisterSnapshot(xact_snapshot ? GetTransactionSnapshot() : GetLatestSnapshot());
	ScanKeyEntryInitialize(&skey[0], 0, 1, BTEqualStrategyNumber, InvalidOid,
						   idx->rd_indcollation[0], F_TEXTEQ, rule_name);
	ScanKeyEntryInitialize(&skey[1], 0, 2, BTEqualStrategyNumber, InvalidOid,
						   idx->rd_indcollation[1], F_ARRAY_EQ, key);
	slot = table_slot_create(rel, NULL);
	scan = index_beginscan(rel, idx, snap, 2, 0);
	index_rescan(scan, skey, 2, NULL, 0);
	found = index_getnext_slot(scan, ForwardScanDirection, slot);
	index_endscan(scan);
	if (!found)
	{
		ExecDropSingleTupleTableSlot(slot);
		UnregisterSnapshot(snap);
		index_close(idx, NoLock);
		table_close(rel, NoLock);
		return TOTAL_MISSING;
	}

	res = table_tuple_lock(rel, &slot->tts_tid, snap, slot,
						   GetCurrentCommandId(true), LockTupleNoKeyExclusive,
						   LockWaitBlock,
						   xact_snapshot ? 0 : TUPLE_LOCK_FLAG_FIND_LAST_VERSION,
						   &tmfd);
	switch (res)
	{
		case TM_Ok:
			break;
		case TM_Deleted:
			if (xact_snapshot)
				ereport(ERROR,
						(errcode(ERRCODE_T_R_SERIALIZATION_FAILURE),
						 errmsg("could not serialize access due to concurrent delete")));
			/* gone (a rule dropped meanwhile): let the upsert decide */
			ExecDropSingleTupleTableSlot(slot);
			UnregisterSnapshot(snap);
			index_close(idx, NoLock);
			table_close(rel, NoLock);
			return TOTAL_MISSING;
		case TM_Updated:
			ereport(ERROR,
					(errcode(ERRCODE_T_R_SERIALIZATION_FAILURE),
					 errmsg("could not serialize access due to concurrent update")));
			break;
		default:
			elog(ERROR, "kc_cap: unexpected result %d locking a kept total", (int) res);
	}

	/* the locked version is in slot; nobody else can change it now */
	oldtup = ExecFetchSlotHeapTuple(slot, false, &shouldfree);
	values[TOTAL_ATT_TOTAL - 1] =
		DirectFunctionCall2(numeric_add,
							heap_getattr(oldtup, TOTAL_ATT_TOTAL,
										 RelationGetDescr(rel), &isnull),
							delta);
	if (isnull)
		elog(ERROR, "kc_cap: a kept total is NULL");
	newtup = heap_modify_tuple(oldtup, RelationGetDescr(rel), values, nulls, replace);
	KC_SIMPLE_HEAP_UPDATE(rel, &oldtup->t_self, newtup, all_indexes, summarizing);
	/*
	 * "Only the summarizing indexes" needs nothing: only btree indexes are
	 * allowed here (total_direct_usable).
	 */
	(void) summarizing;
	if (all_indexes)
		total_insert_index_entries(rel, newtup);
	CommandCounterIncrement();

	*new_total = values[TOTAL_ATT_TOTAL - 1];
	if (shouldfree)
		heap_freetuple(oldtup);
	ExecDropSingleTupleTableSlot(slot);
	UnregisterSnapshot(snap);
	index_close(idx, NoLock);
	table_close(rel, NoLock);
	return TOTAL_ADDED;
}

/*
 * Add args[2] (numeric) to the kept total of rule args[0] (text) and key
 * args[1] (text[]): an update of the existing row (0 rows when it is
 * missing) or, with `upsert`, INSERT ... ON CONFLICT DO UPDATE.  Returns
 * the number of rows written (0 or 1) and sets *new_total.
 */
uint64
cap_total_add(Datum *args, bool upsert, Datum *new_total)
{
	if (!upsert)
	{
		switch (total_add_direct(args[0], args[1], args[2], new_total))
		{
			case TOTAL_ADDED:
				return 1;
			case TOTAL_MISSING:
				return 0;
			case TOTAL_UNUSABLE:
				break;
		}
	}
	return cap_total_add_spi(args, upsert, new_total);
}
