/*
 * kc_cap_trigger.c
 *		The trigger functions that kc_enforce_cap installs.  Each names its
 *		rule by the trigger's one argument.
 *
 *	kc_cap_child_row       AFTER INSERT OR DELETE OR UPDATE ON child
 *	                       FOR EACH ROW (cloned to partitions)
 *	kc_cap_child_truncate  AFTER TRUNCATE ON child (and each partition)
 *	kc_cap_parent_row      AFTER INSERT OR DELETE OR UPDATE ON parent
 *	                       FOR EACH ROW
 *
 * The row triggers fire on every UPDATE, not UPDATE OF the rule's columns:
 * a BEFORE trigger of the user's may change a column the statement did not
 * name, and the rule judges the row as it is stored.  An update that
 * leaves the rule's columns as they were is recognised here and costs no
 * more than the comparison.
 */
#include "kc_cap.h"

#include "catalog/partition.h"
#include "commands/trigger.h"
#include "utils/datum.h"
#include "utils/fmgrprotos.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

PG_FUNCTION_INFO_V1(kc_cap_child_row);
PG_FUNCTION_INFO_V1(kc_cap_child_truncate);
PG_FUNCTION_INFO_V1(kc_cap_parent_row);

static StringInfo cap_keybuf = NULL;
static StringInfo cap_keybuf2 = NULL;

static TriggerData *
cap_trigger_data(FunctionCallInfo fcinfo, const char *fname, bool row)
{
	TriggerData *td;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("%s was not called by the trigger manager", fname)));
	td = (TriggerData *) fcinfo->context;
	if (!TRIGGER_FIRED_AFTER(td->tg_event) ||
		(row != (TRIGGER_FIRED_FOR_ROW(td->tg_event) != 0)) ||
		td->tg_trigger->tgnargs != 1)
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("%s must be fired AFTER, FOR EACH %s, with the rule name as its one argument",
						fname, row ? "ROW" : "STATEMENT")));
	kc_cap_init_for(fcinfo->flinfo->fn_oid);
	if (cap_keybuf == NULL)
	{
		MemoryContext old = MemoryContextSwitchTo(TopMemoryContext);

		cap_keybuf = makeStringInfo();
		cap_keybuf2 = makeStringInfo();
		MemoryContextSwitchTo(old);
	}
	return td;
}

static CapAmt
cap_negate(CapAmt a)
{
	if (a.isnum)
		a.n = DatumGetNumeric(DirectFunctionCall1(numeric_uminus, NumericGetDatum(a.n)));
	else
		a.i = -a.i;
	return a;
}

/* Add (or with negate, take away) one child row's amount under its key. */
static void
cap_contribute(CapRule *rule, CapRelMap *map, TupleTableSlot *slot, bool negate)
{
	Datum		vals[KC_CAP_MAX_KEYS];
	Datum		d;
	bool		isnull;
	CapAmt		a;

	if (!cap_key_from_slot(rule, slot, map->keyatt, vals, cap_keybuf))
		return;					/* a NULL reference is not checked */
	d = slot_getattr(slot, map->amtatt, &isnull);
	if (isnull)
		return;					/* a NULL amount counts as 0 */
	a = cap_amt_from_datum(rule, d, rule->amount_type);
	if (cap_amt_sign(a) == 0)
		return;
	if (negate)
		a = cap_negate(a);
	cap_pending_add(rule, vals, cap_keybuf, a);
}

/*
 * The rule and column positions of this trigger, cached in fn_extra (one
 * FmgrInfo per trigger and relation) while the rule is not reloaded.
 */
typedef struct CapTrigCache
{
	CapRule    *rule;
	uint64		generation;
	Oid			relid;
	CapRelMap  *map;
} CapTrigCache;

/*
 * A cap trigger counts only on the rule's own table (or a partition of it).
 * Anyone may attach kc_cap_child_row('some rule') to a table of their own;
 * without this check its rows would move that rule's kept totals (a
 * negative "allocation" freeing headroom under someone else's plan), and
 * its TRUNCATE would rebuild them.
 */
static void
cap_check_trigger_table(CapRule *rule, TriggerData *td, bool parent)
{
	Relation	rel = td->tg_relation;
	Oid			relid = RelationGetRelid(rel);
	Oid			own = parent ? rule->parent_relid : rule->child_relid;
	bool		ok = (relid == own);

	if (!ok && rel->rd_rel->relispartition)
	{
		List	   *ancestors = get_partition_ancestors(relid);

		ok = list_member_oid(ancestors, own);
		list_free(ancestors);
	}
	if (!ok)
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("trigger \"%s\" on relation \"%s\" cannot enforce cap rule \"%s\"",
						td->tg_trigger->tgname, RelationGetRelationName(rel), rule->name),
				 errdetail("Cap rule \"%s\" counts the rows of %s \"%s\" only.",
						   rule->name, parent ? _("parent table") : _("child table"),
						   get_rel_name(own)),
				 errhint("Cap rules are declared with kc_enforce_cap, which installs their triggers.")));
}

static void
cap_trigger_rule(FunctionCallInfo fcinfo, TriggerData *td, bool parent,
				 CapRule **rule, CapRelMap **map)
{
	CapTrigCache *tc = fcinfo->flinfo->fn_extra;

	if (tc && tc->rule->valid && tc->generation == tc->rule->generation &&
		tc->relid == RelationGetRelid(td->tg_relation))
	{
		*rule = tc->rule;
		*map = tc->map;
		return;
	}
	*rule = cap_rule_get(td->tg_trigger->tgargs[0], false);
	cap_check_trigger_table(*rule, td, parent);
	*map = cap_rule_relmap(*rule, td->tg_relation, parent);
	if (tc == NULL)
		tc = fcinfo->flinfo->fn_extra =
			MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, sizeof(CapTrigCache));
	tc->rule = *rule;
	tc->generation = (*rule)->generation;
	tc->relid = RelationGetRelid(td->tg_relation);
	tc->map = *map;
}

/* Are the key columns and the amount the same (same bytes) in both rows? */
static bool
cap_child_unchanged(CapRelMap *map, int nkeys, TupleTableSlot *o,
					TupleTableSlot *n)
{
	TupleDesc	desc = o->tts_tupleDescriptor;

	for (int i = 0; i <= nkeys; i++)
	{
		AttrNumber	att = (i < nkeys) ? map->keyatt[i] : map->amtatt;
		Form_pg_attribute a = TupleDescAttr(desc, att - 1);
		bool		onull,
					nnull;
		Datum		od = slot_getattr(o, att, &onull);
		Datum		nd = slot_getattr(n, att, &nnull);

		if (onull != nnull)
			return false;
		if (!onull && !datumIsEqual(od, nd, a->attbyval, a->attlen))
			return false;
	}
	return true;
}

Datum
kc_cap_child_row(PG_FUNCTION_ARGS)
{
	TriggerData *td = cap_trigger_data(fcinfo, "kc_cap_child_row", true);
	CapRule    *rule;
	CapRelMap  *map;

	cap_trigger_rule(fcinfo, td, false, &rule, &map);

	if (TRIGGER_FIRED_BY_INSERT(td->tg_event))
		cap_contribute(rule, map, td->tg_trigslot, false);
	else if (TRIGGER_FIRED_BY_DELETE(td->tg_event))
		cap_contribute(rule, map, td->tg_trigslot, true);
	else if (TRIGGER_FIRED_BY_UPDATE(td->tg_event))
	{
		if (cap_child_unchanged(map, rule->nkeys, td->tg_trigslot, td->tg_newslot))
			return PointerGetDatum(NULL);
		cap_contribute(rule, map, td->tg_trigslot, true);
		cap_contribute(rule, map, td->tg_newslot, false);
	}
	return PointerGetDatum(NULL);
}

Datum
kc_cap_child_truncate(PG_FUNCTION_ARGS)
{
	TriggerData *td = cap_trigger_data(fcinfo, "kc_cap_child_truncate", false);
	CapRule    *rule;

	if (!TRIGGER_FIRED_BY_TRUNCATE(td->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("kc_cap_child_truncate must be fired by TRUNCATE")));
	rule = cap_rule_get(td->tg_trigger->tgargs[0], false);
	cap_check_trigger_table(rule, td, false);
	/* the kept totals are recomputed from what is left */
	cap_cache_forget_rule(rule->name);
	cap_rebuild_totals(rule, false);
	return PointerGetDatum(NULL);
}

/* Key and limit of a parent row; false when a key column is NULL. */
static bool
cap_parent_values(CapRule *rule, CapRelMap *map, TupleTableSlot *slot,
				  Datum *vals, StringInfo key, bool *limit_null, CapAmt *limit)
{
	Datum		d;

	if (!cap_key_from_slot(rule, slot, map->keyatt, vals, key))
		return false;
	d = slot_getattr(slot, map->amtatt, limit_null);
	if (*limit_null)
		*limit = cap_amt_zero(rule->numeric_mode);
	else
		*limit = cap_amt_from_datum(rule, d, rule->limit_type);
	return true;
}

Datum
kc_cap_parent_row(PG_FUNCTION_ARGS)
{
	TriggerData *td = cap_trigger_data(fcinfo, "kc_cap_parent_row", true);
	CapRule    *rule;
	CapRelMap  *map;
	Relation	rel = td->tg_relation;
	Datum		ovals[KC_CAP_MAX_KEYS],
				nvals[KC_CAP_MAX_KEYS];
	bool		onull,
				nnull;
	CapAmt		olim,
				nlim;
	bool		ohas,
				nhas;

	cap_trigger_rule(fcinfo, td, true, &rule, &map);
	if (TRIGGER_FIRED_BY_INSERT(td->tg_event))
	{
		if (cap_parent_values(rule, map, td->tg_trigslot, nvals, cap_keybuf, &nnull, &nlim))
			cap_parent_changed(rule, rel, nvals, cap_keybuf, true, nnull, nlim, true);
	}
	else if (TRIGGER_FIRED_BY_DELETE(td->tg_event))
	{
		if (cap_parent_values(rule, map, td->tg_trigslot, ovals, cap_keybuf, &onull, &olim))
			cap_parent_changed(rule, rel, ovals, cap_keybuf, false, onull, olim, false);
	}
	else if (TRIGGER_FIRED_BY_UPDATE(td->tg_event))
	{
		ohas = cap_parent_values(rule, map, td->tg_trigslot, ovals, cap_keybuf, &onull, &olim);
		nhas = cap_parent_values(rule, map, td->tg_newslot, nvals, cap_keybuf2, &nnull, &nlim);
		if (ohas && nhas && cap_keybuf->len == cap_keybuf2->len &&
			memcmp(cap_keybuf->data, cap_keybuf2->data, cap_keybuf->len) == 0)
		{
			/*
			 * Same key: check only when the limit went down.  NULL means
			 * nothing positive may be allocated (an effective limit of 0),
			 * so NULL to a negative number is a lowering too.
			 */
			bool		lowered = (nnull && !onull) ||
				(!nnull && !onull && cap_amt_cmp(nlim, olim) < 0) ||
				(!nnull && onull && cap_amt_sign(nlim) < 0);

			cap_parent_changed(rule, rel, nvals, cap_keybuf2, true, nnull, nlim, lowered);
		}
		else
		{
			if (ohas)
				cap_parent_changed(rule, rel, ovals, cap_keybuf, false, onull, olim, false);
			if (nhas)
				cap_parent_changed(rule, rel, nvals, cap_keybuf2, true, nnull, nlim, true);
		}
	}
	return PointerGetDatum(NULL);
}
