/*
 * kc_support_cap.c
 *		Support caps by project category: the row check installed by
 *		kc_enforce_support_cap() and the overlap check on the rule table.
 *
 * The check follows PostgreSQL's foreign-key triggers: one kept plan per
 * backend and extension schema (in the keyed cache of kc_rule_spi.c), run
 * as the owner of the rule table, every operator in it qualified with
 * pg_catalog so a writer's search_path cannot change its meaning, and
 * errors that name the constraint (kc_support_cap, SQLSTATE 23514) and the
 * amounts.
 *
 * The last lookup is reused while the transaction, subtransaction, command
 * and key (category, source, province, day) are the same, so a statement
 * loading many rows of one kind pays for one lookup (see RuleMemo).
 *
 * A share cap compares the support, a whole number of dong, with the exact
 * product max_share * cost: support <= share * cost holds exactly when
 * support <= floor(share * cost), so the cap reported is that floor, the
 * largest support allowed.
 */
#include "kc_ext.h"

#include "access/htup_details.h"
#include "access/xact.h"
#include "catalog/pg_class.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "storage/lmgr.h"
#include "storage/proc.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datum.h"
#include "utils/memutils.h"
#include "utils/fmgrprotos.h"
#include "utils/lsyscache.h"
#include "utils/numeric.h"
#include "utils/rel.h"
#include "utils/syscache.h"

#include "kc_rule_util.h"

#define SUPPORT_CAP_CONSTRAINT "kc_support_cap"

/* Column positions of one kc_support_cap trigger, cached for a query. */
typedef struct SupportCapColumns
{
	Oid			tgoid;
	AttrNumber	category;
	AttrNumber	source;			/* 0: the table has no source column */
	AttrNumber	province;		/* 0: no province column */
	AttrNumber	approved_on;
	AttrNumber	cost;
	AttrNumber	support;
} SupportCapColumns;

/* The queries of support caps in the keyed plan cache (kc_rule_spi.c). */
enum
{
	SUPPORT_Q_RULE = 1,
	SUPPORT_Q_OVERLAP
};

/*
 * How the rule table is read: as the owner of the extension's tables, so
 * that neither a revoked grant nor a policy on the rule table can hide a
 * cap from the check.  The queries read only the extension's tables, with
 * pg_catalog operators and the row's values as parameters.
 */
static KcRun
support_run(Oid fn_oid, KcSnapshot snapshot, bool read_only)
{
	KcRun		how = {0};

	how.role = kc_rule_ext_table_owner(fn_oid, "kc_support_cap_rule");
	how.snapshot = snapshot;
	how.read_only = read_only;
	how.count = 1;
	how.expect = SPI_OK_SELECT;
	how.what = "support-cap rule lookup";
	return how;
}

static SPIPlanPtr
get_rule_plan(Oid fn_oid, const KcRun *how)
{
	KcQueryKey	key;
	SPIPlanPtr	plan;
	char	   *s;
	Oid			argtypes[4] = {TEXTOID, TEXTOID, TEXTOID, DATEOID};

	kc_query_key(&key, KC_RULE_SUPPORT_CAP, SUPPORT_Q_RULE, NULL, InvalidOid,
				 get_func_namespace(fn_oid));
	plan = kc_query_lookup(&key);
	if (plan != NULL)
		return plan;

	/*
	 * The most specific rule in force on the day: a province's own rule
	 * first, then a source-specific one.  Overlaps are refused when rules
	 * are written, so there is never a tie.
	 */
	s = kc_rule_schema_of(fn_oid);
	return kc_query_prepare(&key,
							psprintf("SELECT r.rule_id, r.max_share, r.max_amount::pg_catalog.int8,"
									 " r.legal_basis, c.name_vi"
									 " FROM %s.kc_support_cap_rule r"
									 " JOIN %s.kc_project_category c"
									 "   ON c.code OPERATOR(pg_catalog.=) r.category"
									 " WHERE r.category OPERATOR(pg_catalog.=) $1"
									 "   AND (r.source IS NULL"
									 "        OR r.source::pg_catalog.text OPERATOR(pg_catalog.=) $2)"
									 "   AND (r.province IS NULL OR r.province OPERATOR(pg_catalog.=) $3)"
									 "   AND r.effective_from OPERATOR(pg_catalog.<=) $4"
									 "   AND (r.effective_to IS NULL"
									 "        OR r.effective_to OPERATOR(pg_catalog.>=) $4)"
									 " ORDER BY r.province IS NULL, r.source IS NULL"
									 " LIMIT 1", s, s),
							4, argtypes, how);
}

/*
 * The last rule lookup, reused while nothing it depends on can have changed:
 * the same transaction, subtransaction and command (the rule table is read
 * under the statement's snapshot, and any write in between, including to
 * the rules, advances the command counter), and the same category, source,
 * province and day.  A statement writing many rows of one kind looks the
 * rule up once.
 */
typedef struct RuleMemo
{
	bool		valid;
	LocalTransactionId lxid;
	SubTransactionId subxid;
	CommandId	cid;
	Oid			nsp;
	char	   *category;
	char	   *source;
	char	   *province;
	DateADT		day;
	/* the rule: */
	bool		found;
	int64		rule_id;
	bool		share_null;
	Datum		share;
	bool		amount_null;
	int64		amount;
} RuleMemo;

static RuleMemo memo;
static MemoryContext memo_cxt = NULL;

static bool
same_string(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

static bool
memo_matches(Oid nsp, const char *category, const char *source,
			 const char *province, DateADT day)
{
	return memo.valid &&
		memo.lxid == KC_MY_LXID() &&
		memo.subxid == GetCurrentSubTransactionId() &&
		memo.cid == GetCurrentCommandId(false) &&
		memo.nsp == nsp &&
		memo.day == day &&
		same_string(memo.category, category) &&
		same_string(memo.source, source) &&
		same_string(memo.province, province);
}

/* Remember a lookup's result (rule NULL: no rule). */
static void
memo_store(Oid nsp, const char *category, const char *source,
		   const char *province, DateADT day, HeapTuple rule, TupleDesc rd)
{
	MemoryContext old;
	bool		isnull;

	memo.valid = false;
	if (memo_cxt == NULL)
		memo_cxt = AllocSetContextCreate(TopMemoryContext, "kc_support_cap rule memo",
										 ALLOCSET_SMALL_SIZES);
	else
		MemoryContextReset(memo_cxt);
	old = MemoryContextSwitchTo(memo_cxt);
	memo.category = pstrdup(category);
	memo.source = source ? pstrdup(source) : NULL;
	memo.province = province ? pstrdup(province) : NULL;
	memo.found = rule != NULL;
	if (rule != NULL)
	{
		Datum		share;

		memo.rule_id = DatumGetInt64(SPI_getbinval(rule, rd, 1, &isnull));
		share = SPI_getbinval(rule, rd, 2, &memo.share_null);
		memo.share = memo.share_null ? (Datum) 0 : datumCopy(share, false, -1);
		memo.amount = DatumGetInt64(SPI_getbinval(rule, rd, 3, &memo.amount_null));
	}
	MemoryContextSwitchTo(old);
	memo.lxid = KC_MY_LXID();
	memo.subxid = GetCurrentSubTransactionId();
	memo.cid = GetCurrentCommandId(false);
	memo.nsp = nsp;
	memo.day = day;
	memo.valid = true;
}

/* Look the rule up again for its texts and raise the violation. */
static void
report_violation(FunctionCallInfo fcinfo, Relation rel, Datum *values,
				 const char *nulls, const char *category, int64 support,
				 int64 cost, int64 share_cap, bool hit_share)
{
	HeapTuple	rt;
	TupleDesc	rd;
	char	   *legal_basis;
	char	   *name_vi;
	char	   *asked = kc_rule_format_dong(support);
	KcRun		how = support_run(fcinfo->flinfo->fn_oid, KC_SNAPSHOT_STATEMENT, true);

	kc_spi_connect();
	if (kc_rule_run(get_rule_plan(fcinfo->flinfo->fn_oid, &how), values, nulls,
					&how) != 1)
		elog(ERROR, "support-cap rule lookup found no rule the second time");
	rt = SPI_tuptable->vals[0];
	rd = SPI_tuptable->tupdesc;
	legal_basis = SPI_getvalue(rt, rd, 4);
	name_vi = SPI_getvalue(rt, rd, 5);

	if (hit_share)
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("support %s exceeds the cap of category \"%s\" in relation \"%s\"",
						asked, category, RelationGetRelationName(rel)),
				 errdetail("Category %s (%s), rule %lld (%s): at most %s%% of the cost %s, that is %s; asked for %s.",
						   category, name_vi, (long long) memo.rule_id, legal_basis,
						   kc_rule_format_share_pct(memo.share),
						   kc_rule_format_dong(cost),
						   kc_rule_format_dong(share_cap), asked),
				 errtableconstraint(rel, SUPPORT_CAP_CONSTRAINT)));
	else
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("support %s exceeds the cap of category \"%s\" in relation \"%s\"",
						asked, category, RelationGetRelationName(rel)),
				 errdetail("Category %s (%s), rule %lld (%s): at most %s; asked for %s.",
						   category, name_vi, (long long) memo.rule_id, legal_basis,
						   kc_rule_format_dong(memo.amount), asked),
				 errtableconstraint(rel, SUPPORT_CAP_CONSTRAINT)));
}

static SupportCapColumns *
get_columns(FunctionCallInfo fcinfo, TriggerData *trigdata)
{
	SupportCapColumns *cols = (SupportCapColumns *) fcinfo->flinfo->fn_extra;
	Trigger    *tg = trigdata->tg_trigger;
	Relation	rel = trigdata->tg_relation;
	TupleDesc	desc = RelationGetDescr(rel);

	if (cols != NULL && cols->tgoid == tg->tgoid)
		return cols;
	if (cols == NULL)
		cols = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt,
									  sizeof(SupportCapColumns));

	cols->category = kc_rule_column(rel, tg->tgargs[0], tg->tgname);
	cols->source = tg->tgargs[1][0] ? kc_rule_column(rel, tg->tgargs[1], tg->tgname) : 0;
	cols->province = tg->tgargs[2][0] ? kc_rule_column(rel, tg->tgargs[2], tg->tgname) : 0;
	cols->approved_on = kc_rule_column(rel, tg->tgargs[3], tg->tgname);
	cols->cost = kc_rule_column(rel, tg->tgargs[4], tg->tgname);
	cols->support = kc_rule_column(rel, tg->tgargs[5], tg->tgname);

	/* The table may have been altered since the check was installed. */
	if (TupleDescAttr(desc, cols->approved_on - 1)->atttypid != DATEOID)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("approval date column \"%s\" of relation \"%s\" is not a date",
						tg->tgargs[3], RelationGetRelationName(rel))));
	if (TupleDescAttr(desc, cols->cost - 1)->attlen != sizeof(int64) ||
		!TupleDescAttr(desc, cols->cost - 1)->attbyval ||
		TupleDescAttr(desc, cols->support - 1)->attlen != sizeof(int64) ||
		!TupleDescAttr(desc, cols->support - 1)->attbyval)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("cost and support columns \"%s\", \"%s\" of relation \"%s\" must be kc_money",
						tg->tgargs[4], tg->tgargs[5], RelationGetRelationName(rel))));
	cols->tgoid = tg->tgoid;
	return cols;
}

/*
 * Does column attnum (0: none) differ between the old and the new row?
 * Compared as stored images: two spellings of one value count as a change,
 * which costs a lookup and is never unsafe.
 */
static bool
column_changed(HeapTuple oldtup, HeapTuple newtup, TupleDesc desc,
			   AttrNumber attnum)
{
	Form_pg_attribute att;
	bool		old_null;
	bool		new_null;
	Datum		o;
	Datum		n;

	if (attnum == 0)
		return false;
	o = heap_getattr(oldtup, attnum, desc, &old_null);
	n = heap_getattr(newtup, attnum, desc, &new_null);
	if (old_null || new_null)
		return old_null != new_null;
	att = TupleDescAttr(desc, attnum - 1);
	return !datum_image_eq(o, n, att->attbyval, att->attlen);
}

/*
 * An update that leaves every column the rule reads as it was cannot break
 * the rule (it was checked when those values were written).  The trigger
 * fires on every UPDATE, not UPDATE OF its columns, because a BEFORE trigger
 * may change a watched column that the statement does not name; this test
 * is on the row as finally stored, so nothing escapes it.
 */
static bool
watched_columns_changed(TriggerData *trigdata, SupportCapColumns *cols)
{
	TupleDesc	desc = RelationGetDescr(trigdata->tg_relation);
	HeapTuple	o = trigdata->tg_trigtuple;
	HeapTuple	n = trigdata->tg_newtuple;

	return column_changed(o, n, desc, cols->support) ||
		column_changed(o, n, desc, cols->cost) ||
		column_changed(o, n, desc, cols->category) ||
		column_changed(o, n, desc, cols->approved_on) ||
		column_changed(o, n, desc, cols->source) ||
		column_changed(o, n, desc, cols->province);
}

static char *
text_value(HeapTuple tuple, TupleDesc desc, AttrNumber attnum)
{
	if (attnum == 0)
		return NULL;
	return SPI_getvalue(tuple, desc, attnum);	/* NULL for SQL NULL */
}

/*
 * kc_support_cap_check(): AFTER INSERT OR UPDATE row trigger; arguments are
 * the column names category, source, province, approved_on, cost, support.
 * It judges the row as stored, after every BEFORE trigger: 1.0 installed it
 * as AFTER INSERT OR UPDATE OF <columns>, which a BEFORE trigger changing a
 * watched column escaped; 1.1 fires it on every UPDATE and skips the rows
 * whose watched columns did not change (watched_columns_changed).
 *
 * It runs as the writer and switches no user: the rule tables are readable
 * by PUBLIC and the query names only them and pg_catalog operators.
 */
PG_FUNCTION_INFO_V1(kc_support_cap_check);
Datum
kc_support_cap_check(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata;
	SupportCapColumns *cols;
	Relation	rel;
	TupleDesc	desc;
	HeapTuple	row;
	bool		isnull;
	Datum		approved_on;
	int64		support;
	int64		cost = 0;
	bool		cost_null;
	char	   *category;
	char	   *source;
	char	   *province;
	Datum		values[4];
	char		nulls[4];
	Oid			nsp;

	trigdata = kc_rule_trigger_data(fcinfo, "kc_support_cap_check", true, 6);
	if (!TRIGGER_FIRED_AFTER(trigdata->tg_event) ||
		TRIGGER_FIRED_BY_DELETE(trigdata->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("function \"kc_support_cap_check\" must be fired AFTER INSERT OR UPDATE")));

	rel = trigdata->tg_relation;
	desc = RelationGetDescr(rel);
	row = TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event) ?
		trigdata->tg_newtuple : trigdata->tg_trigtuple;
	cols = get_columns(fcinfo, trigdata);
	if (TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event) &&
		!watched_columns_changed(trigdata, cols))
		return PointerGetDatum(NULL);

	/* Without a support amount, a category or a day, no rule applies. */
	support = DatumGetInt64(heap_getattr(row, cols->support, desc, &isnull));
	if (isnull)
		return PointerGetDatum(NULL);
	approved_on = heap_getattr(row, cols->approved_on, desc, &isnull);
	if (isnull)
		return PointerGetDatum(NULL);
	category = text_value(row, desc, cols->category);
	if (category == NULL)
		return PointerGetDatum(NULL);
	cost = DatumGetInt64(heap_getattr(row, cols->cost, desc, &cost_null));
	source = text_value(row, desc, cols->source);
	province = text_value(row, desc, cols->province);

	values[0] = CStringGetTextDatum(category);
	nulls[0] = ' ';
	values[1] = source ? CStringGetTextDatum(source) : (Datum) 0;
	nulls[1] = source ? ' ' : 'n';
	values[2] = province ? CStringGetTextDatum(province) : (Datum) 0;
	nulls[2] = province ? ' ' : 'n';
	values[3] = approved_on;
	nulls[3] = ' ';

	nsp = get_func_namespace(fcinfo->flinfo->fn_oid);
	if (!memo_matches(nsp, category, source, province, DatumGetDateADT(approved_on)))
	{
		KcRun		how = support_run(fcinfo->flinfo->fn_oid, KC_SNAPSHOT_STATEMENT, true);

		kc_spi_connect();
		(void) kc_rule_run(get_rule_plan(fcinfo->flinfo->fn_oid, &how), values,
						   nulls, &how);
		memo_store(nsp, category, source, province, DatumGetDateADT(approved_on),
				   SPI_processed == 1 ? SPI_tuptable->vals[0] : NULL,
				   SPI_tuptable->tupdesc);
		kc_spi_finish();
	}
	if (!memo.found)
		return PointerGetDatum(NULL);

	{
		bool		share_applies = !memo.share_null && !cost_null;
		int64		share_cap = 0;
		bool		hit_share;

		if (share_applies)
		{
			Datum		product;

			product = DirectFunctionCall2(numeric_mul, memo.share,
										  NumericGetDatum(int64_to_numeric(cost)));
			product = DirectFunctionCall1(numeric_floor, product);
			share_cap = DatumGetInt64(DirectFunctionCall1(numeric_int8, product));
		}

		/* Report the binding cap: the smaller one when both apply. */
		hit_share = share_applies && support > share_cap &&
			(memo.amount_null || share_cap <= memo.amount);
		if (hit_share || (!memo.amount_null && support > memo.amount))
			report_violation(fcinfo, rel, values, nulls, category, support,
							 cost, share_cap, hit_share);
	}
	return PointerGetDatum(NULL);
}

static SPIPlanPtr
get_overlap_plan(Oid fn_oid, const KcRun *how)
{
	KcQueryKey	key;
	SPIPlanPtr	plan;
	char	   *s;
	Oid			argtypes[1] = {INT8OID};

	kc_query_key(&key, KC_RULE_SUPPORT_CAP, SUPPORT_Q_OVERLAP, NULL, InvalidOid,
				 get_func_namespace(fn_oid));
	plan = kc_query_lookup(&key);
	if (plan != NULL)
		return plan;

	/* The stored row, not the trigger's copy: it may be gone already. */
	s = kc_rule_schema_of(fn_oid);
	return kc_query_prepare(&key,
							psprintf("SELECT o.rule_id, o.legal_basis,"
									 " pg_catalog.to_char(o.effective_from, 'YYYY-MM-DD'),"
									 " pg_catalog.to_char(o.effective_to, 'YYYY-MM-DD'),"
									 " n.legal_basis,"
									 " pg_catalog.to_char(n.effective_from, 'YYYY-MM-DD'),"
									 " pg_catalog.to_char(n.effective_to, 'YYYY-MM-DD'),"
									 " n.category, n.source::pg_catalog.text, n.province"
									 " FROM %s.kc_support_cap_rule n"
									 " JOIN %s.kc_support_cap_rule o"
									 "   ON o.category OPERATOR(pg_catalog.=) n.category"
									 "  AND o.rule_id OPERATOR(pg_catalog.<>) n.rule_id"
									 "  AND ((o.source IS NULL AND n.source IS NULL)"
									 "       OR o.source OPERATOR(pg_catalog.=) n.source)"
									 "  AND ((o.province IS NULL AND n.province IS NULL)"
									 "       OR o.province OPERATOR(pg_catalog.=) n.province)"
									 "  AND o.effective_from OPERATOR(pg_catalog.<=)"
									 "      COALESCE(n.effective_to, 'infinity'::pg_catalog.date)"
									 "  AND n.effective_from OPERATOR(pg_catalog.<=)"
									 "      COALESCE(o.effective_to, 'infinity'::pg_catalog.date)"
									 " WHERE n.rule_id OPERATOR(pg_catalog.=) $1"
									 " ORDER BY o.effective_from, o.rule_id LIMIT 1", s, s),
							1, argtypes, how);
}

/*
 * kc_support_cap_rule_overlap(): AFTER INSERT OR UPDATE row trigger on the
 * rule table.  Rule writers are serialised by a lock on the rule table's
 * object tag (held to the end of the transaction), and the lookup reads the
 * latest committed state, so a REPEATABLE READ writer cannot miss a rule
 * another session committed after its snapshot.
 */
PG_FUNCTION_INFO_V1(kc_support_cap_rule_overlap);
Datum
kc_support_cap_rule_overlap(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata;
	Relation	rel;
	HeapTuple	row;
	int			attnum;
	bool		isnull;
	Datum		values[1];
	KcRun		how;

	trigdata = kc_rule_trigger_data(fcinfo, "kc_support_cap_rule_overlap", true, 0);
	rel = trigdata->tg_relation;
	row = TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event) ?
		trigdata->tg_newtuple : trigdata->tg_trigtuple;
	attnum = kc_rule_column(rel, "rule_id", trigdata->tg_trigger->tgname);
	values[0] = heap_getattr(row, attnum, RelationGetDescr(rel), &isnull);
	if (isnull)
		return PointerGetDatum(NULL);

	LockDatabaseObject(RelationRelationId, RelationGetRelid(rel), 0, ExclusiveLock);

	how = support_run(fcinfo->flinfo->fn_oid, KC_SNAPSHOT_LATEST, false);
	how.what = "support-cap overlap lookup";
	kc_spi_connect();
	if (kc_rule_run(get_overlap_plan(fcinfo->flinfo->fn_oid, &how), values, NULL,
					&how) == 1)
	{
		HeapTuple	t = SPI_tuptable->vals[0];
		TupleDesc	d = SPI_tuptable->tupdesc;
		char	   *o_to = SPI_getvalue(t, d, 4);
		char	   *n_to = SPI_getvalue(t, d, 7);
		char	   *src = SPI_getvalue(t, d, 9);
		char	   *prov = SPI_getvalue(t, d, 10);

		/*
		 * The phrases are whole translatable units ("source X" / "any
		 * source", "from A to B" / "from A on, open-ended"), put into the
		 * message with %s, so that a translation can order its words.
		 */
		const char *src_phrase = src ? psprintf(_("source %s"), src) : _("any source");
		const char *prov_phrase = prov ? psprintf(_("province \"%s\""), prov) : _("nationwide");
		const char *n_period = n_to ?
			psprintf(_("from %s to %s"), SPI_getvalue(t, d, 6), n_to) :
			psprintf(_("from %s on, open-ended"), SPI_getvalue(t, d, 6));
		const char *o_period = o_to ?
			psprintf(_("from %s to %s"), SPI_getvalue(t, d, 3), o_to) :
			psprintf(_("from %s on, open-ended"), SPI_getvalue(t, d, 3));

		ereport(ERROR,
				(errcode(ERRCODE_EXCLUSION_VIOLATION),
				 errmsg("support-cap rule %lld overlaps rule %s for category \"%s\", %s, %s",
						(long long) DatumGetInt64(values[0]), SPI_getvalue(t, d, 1),
						SPI_getvalue(t, d, 8), src_phrase, prov_phrase),
				 errdetail("Rule %lld (%s) is in force %s; rule %s (%s) %s.",
						   (long long) DatumGetInt64(values[0]), SPI_getvalue(t, d, 5),
						   n_period,
						   SPI_getvalue(t, d, 1), SPI_getvalue(t, d, 2),
						   o_period),
				 errhint("Only one rule may be in force for a category, source and province on a day: end one rule (effective_to) the day before the other begins."),
				 errtableconstraint(rel, "kc_support_cap_rule_no_overlap")));
	}
	kc_spi_finish();
	return PointerGetDatum(NULL);
}
