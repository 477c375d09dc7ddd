/*
 * kc_cap_parent.c
 *		Reading a parent row's limit straight from the parent's unique
 *		index, for the common layout: an ordinary (not partitioned) parent
 *		table whose key has a unique btree index with PostgreSQL's own
 *		operator families.
 *
 * The SPI query of kc_cap_rule.c (SELECT limit, tableoid FROM parent
 * WHERE key = $n, run as the parent's owner) costs an executor start per
 * first touch of a key in a transaction.  For the layout above the same
 * row is found here by one index lookup, with the snapshot the query would
 * use (a new one in READ COMMITTED, the transaction's otherwise; btree and
 * heap take the same predicate locks under SERIALIZABLE), and nothing of
 * a user's runs: the equality functions are built-in ones of pg_catalog
 * (the rule's key types compare by image, see kc_cap_declare.c), and the
 * read, like the query run as the table's owner, is not subject to
 * row-level security.  Any other layout (a partitioned parent, an index
 * with expressions, a predicate or an operator family of a user's) takes
 * the SPI query.  Decided once per load of the rule: a relcache
 * invalidation of the parent (which CREATE or DROP INDEX sends) reloads it.
 */
#include "kc_cap.h"

#include "access/genam.h"
#include "access/nbtree.h"
#include "access/relation.h"
#include "access/table.h"
#include "access/tableam.h"
#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_am.h"
#include "catalog/pg_namespace.h"
#include "catalog/pg_opfamily.h"
#include "executor/tuptable.h"
#include "utils/datum.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"
#include "utils/syscache.h"

/*
 * Is the operator family one of PostgreSQL's own?  (Only a superuser can
 * add to it.)
 */
static bool
opfamily_is_builtin(Oid opfamily)
{
	HeapTuple	tup = SearchSysCache1(OPFAMILYOID, ObjectIdGetDatum(opfamily));
	bool		builtin;

	if (!HeapTupleIsValid(tup))
		return false;
	builtin = ((Form_pg_opfamily) GETSTRUCT(tup))->opfnamespace == PG_CATALOG_NAMESPACE;
	ReleaseSysCache(tup);
	return builtin;
}

/* Can this index find the parent row by the rule's key?  Fills rule. */
static bool
index_fits(CapRule *rule, Relation idx, const AttrNumber *keyatt)
{
	Form_pg_index ix = idx->rd_index;

	if (!ix->indisunique || !ix->indisvalid || !ix->indislive ||
		idx->rd_rel->relam != BTREE_AM_OID ||
		ix->indnkeyatts != rule->nkeys ||
		RelationGetIndexExpressions(idx) != NIL ||
		RelationGetIndexPredicate(idx) != NIL)
		return false;
	for (int i = 0; i < rule->nkeys; i++)
	{
		int			col = -1;
		Oid			opfamily;
		Oid			eqop;

		for (int j = 0; j < ix->indnkeyatts; j++)
			if (ix->indkey.values[j] == keyatt[i])
				col = j;
		if (col < 0)
			return false;
		/*
		 * The index's own collation decides what it finds equal: a
		 * nondeterministic one would find 'hn' for 'HN', which the query
		 * (the column's deterministic collation) does not.
		 */
		if (OidIsValid(idx->rd_indcollation[col]) &&
			!get_collation_isdeterministic(idx->rd_indcollation[col]))
			return false;
		opfamily = idx->rd_opfamily[col];
		if (!opfamily_is_builtin(opfamily))
			return false;
		eqop = get_opfamily_member(opfamily, rule->key_types[i], rule->key_types[i],
								   BTEqualStrategyNumber);
		if (!OidIsValid(eqop))
			return false;
		rule->parent_index_col[i] = col;
		rule->parent_eq_proc[col] = get_opcode(eqop);
		rule->parent_eq_coll[col] = idx->rd_indcollation[col];
	}
	return true;
}

static void
decide(CapRule *rule)
{
	Relation	rel;
	CapRelMap  *map;
	List	   *indexes;
	ListCell   *lc;

	rule->parent_direct_checked = true;
	rule->parent_direct_ok = false;
	rel = table_open(rule->parent_relid, AccessShareLock);
	if (rel->rd_rel->relkind != RELKIND_RELATION)
	{
		table_close(rel, NoLock);
		return;
	}
	map = cap_rule_relmap(rule, rel, true);
	rule->parent_limit_att = map->amtatt;
	indexes = RelationGetIndexList(rel);
	foreach(lc, indexes)
	{
		Relation	idx = index_open(lfirst_oid(lc), AccessShareLock);
		bool		fits = index_fits(rule, idx, map->keyatt);

		index_close(idx, AccessShareLock);
		if (fits)
		{
			rule->parent_index = lfirst_oid(lc);
			rule->parent_direct_ok = true;
			break;
		}
	}
	list_free(indexes);
	table_close(rel, NoLock);
}

/*
 * Read the limit of the parent row with this key.  Returns false when the
 * direct read cannot be used for this rule (the caller runs the query);
 * otherwise sets *found, and *limit_null and *limit when found.
 */
bool
cap_read_parent_direct(CapRule *rule, const Datum *keyvals, bool *found,
					   bool *limit_null, CapAmt *limit)
{
	Relation	rel;
	Relation	idx;
	ScanKeyData skey[KC_CAP_MAX_KEYS];
	IndexScanDesc scan;
	TupleTableSlot *slot;
	Snapshot	snap;

	if (!rule->parent_direct_checked)
		decide(rule);
	if (!rule->parent_direct_ok)
		return false;

	rel = table_open(rule->parent_relid, AccessShareLock);
	idx = index_open(rule->parent_index, AccessShareLock);
	for (int i = 0; i < rule->nkeys; i++)
	{
		int			col = rule->parent_index_col[i];

		ScanKeyEntryInitialize(&skey[col], 0, col + 1, BTEqualStrategyNumber,
							   InvalidOid, rule->parent_eq_coll[col],
							   rule->parent_eq_proc[col], keyvals[i]);
	}
	/* the snapshot the query would take (SPI, not read-only) */
	CommandCounterIncrement();
	snap = RegisterSnapshot(IsolationUsesXactSnapshot() ? GetTransactionSnapshot()
							: GetLatestSnapshot());
	slot = table_slot_create(rel, NULL);
	scan = index_beginscan(rel, idx, snap, rule->nkeys, 0);
	index_rescan(scan, skey, rule->nkeys, NULL, 0);
	*found = index_getnext_slot(scan, ForwardScanDirection, slot);
	index_endscan(scan);
	if (*found)
	{
		bool		isnull;
		Datum		d = slot_getattr(slot, rule->parent_limit_att, &isnull);

		*limit_null = isnull;
		if (isnull)
			*limit = cap_amt_zero(rule->numeric_mode);
		else
		{
			int16		typlen;
			bool		typbyval;

			/* the value lives in the buffer the slot lets go of below */
			get_typlenbyval(rule->limit_type, &typlen, &typbyval);
			*limit = cap_amt_from_datum(rule, datumCopy(d, typbyval, typlen),
										rule->limit_type);
		}
	}
	ExecDropSingleTupleTableSlot(slot);
	UnregisterSnapshot(snap);
	index_close(idx, NoLock);
	table_close(rel, NoLock);
	return true;
}
