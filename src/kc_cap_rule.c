/*
 * kc_cap_rule.c
 *		Cap rules as loaded from @extschema@.kc_cap_rule: column positions
 *		per relation (partitions may differ), output functions of the key
 *		columns, and the prepared plan that locks a parent row.
 *
 * As in ri_triggers.c, plans are prepared once per rule and kept
 * (SPI_keepplan); a relcache invalidation of the child, the parent or a
 * partition marks the rule for reloading, so ALTER TABLE, RENAME, DROP and
 * re-create are all seen.  Triggers name their rule by its name (trigger
 * argument), never by OID, so the triggers that pg_dump writes find their
 * rule again after a restore.  Identifiers are quoted wherever SQL is
 * built; values are always parameters.
 */
#include "kc_cap.h"

#include "access/htup_details.h"
#include "catalog/pg_class.h"
#include "catalog/pg_operator.h"
#include "catalog/pg_type.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/catcache.h"
#include "utils/hsearch.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/syscache.h"
#include "utils/typcache.h"

static HTAB *cap_rules = NULL;
static bool cap_callbacks_done = false;
static Oid	cap_schema = InvalidOid;

/* The totals table and its plans, reset on any invalidation of it. */
static bool cap_globals_valid = false;
static Oid	cap_total_rel = InvalidOid;
static Oid	cap_total_own = InvalidOid;
static SPIPlanPtr cap_select_plan = NULL;	/* FOR NO KEY UPDATE */
static SPIPlanPtr cap_upsert_plan = NULL;
static SPIPlanPtr cap_update_plan = NULL;

static void
cap_relcache_callback(Datum arg, Oid relid)
{
	HASH_SEQ_STATUS st;
	CapRule    *rule;

	if (relid == InvalidOid || relid == cap_total_rel)
		cap_globals_valid = false;
	if (cap_rules == NULL)
		return;
	hash_seq_init(&st, cap_rules);
	while ((rule = hash_seq_search(&st)) != NULL)
	{
		ListCell   *lc;

		if (!rule->valid)
			continue;
		if (relid == InvalidOid || relid == rule->child_relid ||
			relid == rule->parent_relid)
		{
			rule->valid = false;
			continue;
		}
		foreach(lc, rule->relmaps)
		{
			if (((CapRelMap *) lfirst(lc))->relid == relid)
			{
				rule->valid = false;
				break;
			}
		}
	}
}

/*
 * Register the callbacks and hooks.  Idempotent.  Called lazily by the
 * first cap function or trigger of a session; a _PG_init of the module may
 * call it at load time, so that even a session's first statement is
 * checked at its end rather than row by row (see kc_cap_totals.c).
 */
void
kc_cap_module_init(void)
{
	HASHCTL		ctl;

	if (cap_callbacks_done)
		return;
	ctl.keysize = NAMEDATALEN;
	ctl.entrysize = sizeof(CapRule);
	cap_rules = hash_create("kc_cap rules", 16, &ctl, HASH_ELEM | HASH_STRINGS);
	CacheRegisterRelcacheCallback(cap_relcache_callback, (Datum) 0);
	cap_install_hooks();
	cap_callbacks_done = true;
}

/*
 * Called by every SQL-callable function of this feature with its own OID:
 * the schema of that function is the extension's schema.
 */
void
kc_cap_init_for(Oid fn_oid)
{
	static Oid	last_fn = InvalidOid;
	Oid			nsp;

	if (fn_oid == last_fn && OidIsValid(cap_schema))
		return;
	kc_cap_module_init();
	nsp = get_func_namespace(fn_oid);
	last_fn = fn_oid;
	if (nsp != cap_schema)
	{
		cap_schema = nsp;
		cap_globals_valid = false;
		cap_relcache_callback((Datum) 0, InvalidOid);
	}
}

Oid
cap_ext_schema(void)
{
	if (!OidIsValid(cap_schema))
		elog(ERROR, "kc_cap: extension schema not known yet");
	return cap_schema;
}

static const char *
cap_nsp_quoted(void)
{
	char	   *nsp = get_namespace_name(cap_ext_schema());

	if (nsp == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_SCHEMA),
				 errmsg("schema of extension kc_ext does not exist")));
	return quote_identifier(nsp);
}

static void
cap_globals_load(void)
{
	HeapTuple	tup;
	char	   *sql;
	Oid			argtypes[3] = {TEXTOID, TEXTARRAYOID, NUMERICOID};
	const char *nsp;
	SPIPlanPtr	p1,
				p2,
				p4;

	if (cap_globals_valid)
		return;
	cap_globals_valid = true;
	PG_TRY();
	{
		if (cap_select_plan)
			SPI_freeplan(cap_select_plan);
		if (cap_upsert_plan)
			SPI_freeplan(cap_upsert_plan);
		if (cap_update_plan)
			SPI_freeplan(cap_update_plan);
		cap_select_plan = cap_upsert_plan = cap_update_plan = NULL;

		cap_total_rel = get_relname_relid("kc_cap_total", cap_ext_schema());
		if (!OidIsValid(cap_total_rel))
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_TABLE),
					 errmsg("table kc_cap_total of extension kc_ext does not exist")));
		tup = SearchSysCache1(RELOID, ObjectIdGetDatum(cap_total_rel));
		if (!HeapTupleIsValid(tup))
			elog(ERROR, "cache lookup failed for relation %u", cap_total_rel);
		cap_total_own = ((Form_pg_class) GETSTRUCT(tup))->relowner;
		ReleaseSysCache(tup);

		nsp = cap_nsp_quoted();
		if (SPI_connect() != SPI_OK_CONNECT)
			elog(ERROR, "SPI_connect failed");
		sql = psprintf("SELECT t.total FROM %s.kc_cap_total t"
					   " WHERE t.rule_name OPERATOR(pg_catalog.=) $1"
					   " AND t.parent_key OPERATOR(pg_catalog.=) $2"
					   " FOR NO KEY UPDATE OF t", nsp);
		p1 = SPI_prepare_cursor(sql, 2, argtypes, CURSOR_OPT_GENERIC_PLAN);
		if (p1 == NULL)
			elog(ERROR, "SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
		sql = psprintf("INSERT INTO %s.kc_cap_total AS t (rule_name, parent_key, total)"
					   " VALUES ($1, $2, $3) ON CONFLICT (rule_name, parent_key)"
					   " DO UPDATE SET total = t.total OPERATOR(pg_catalog.+) excluded.total"
					   " RETURNING t.total",
					   nsp);
		p2 = SPI_prepare_cursor(sql, 3, argtypes, CURSOR_OPT_GENERIC_PLAN);
		if (p2 == NULL)
			elog(ERROR, "SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
		sql = psprintf("UPDATE %s.kc_cap_total t SET total = t.total OPERATOR(pg_catalog.+) $3"
					   " WHERE t.rule_name OPERATOR(pg_catalog.=) $1"
					   " AND t.parent_key OPERATOR(pg_catalog.=) $2 RETURNING t.total", nsp);
		p4 = SPI_prepare_cursor(sql, 3, argtypes, CURSOR_OPT_GENERIC_PLAN);
		if (p4 == NULL)
			elog(ERROR, "SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
		SPI_keepplan(p1);
		SPI_keepplan(p2);
		SPI_keepplan(p4);
		cap_select_plan = p1;
		cap_upsert_plan = p2;
		cap_update_plan = p4;
		SPI_finish();
	}
	PG_CATCH();
	{
		cap_globals_valid = false;
		PG_RE_THROW();
	}
	PG_END_TRY();
}

Oid
cap_total_relid(void)
{
	cap_globals_load();
	return cap_total_rel;
}

Oid
cap_total_owner(void)
{
	cap_globals_load();
	return cap_total_own;
}

SPIPlanPtr
cap_total_select_plan(void)
{
	cap_globals_load();
	return cap_select_plan;
}

SPIPlanPtr
cap_total_update_plan(void)
{
	cap_globals_load();
	return cap_update_plan;
}

SPIPlanPtr
cap_total_upsert_plan(void)
{
	cap_globals_load();
	return cap_upsert_plan;
}

/* Run internal queries as `owner`, as ri_triggers.c does. */
void
cap_become_owner(Oid owner, Oid *save_user, int *save_sec)
{
	GetUserIdAndSecContext(save_user, save_sec);
	SetUserIdAndSecContext(owner, *save_sec | SECURITY_LOCAL_USERID_CHANGE |
						   SECURITY_NOFORCE_RLS);
}

void
cap_restore_user(Oid save_user, int save_sec)
{
	SetUserIdAndSecContext(save_user, save_sec);
}

/* OPERATOR(schema.=) for the type's default equality. */
static char *
cap_eq_operator(Oid typid)
{
	TypeCacheEntry *tc = lookup_type_cache(typid, TYPECACHE_EQ_OPR);
	HeapTuple	tup;
	Form_pg_operator op;
	char	   *res;

	if (!OidIsValid(tc->eq_opr))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_FUNCTION),
				 errmsg("type %s has no equality operator", format_type_be(typid))));
	tup = SearchSysCache1(OPEROID, ObjectIdGetDatum(tc->eq_opr));
	if (!HeapTupleIsValid(tup))
		elog(ERROR, "cache lookup failed for operator %u", tc->eq_opr);
	op = (Form_pg_operator) GETSTRUCT(tup);
	res = psprintf("OPERATOR(%s.%s)",
				   quote_identifier(get_namespace_name(op->oprnamespace)),
				   NameStr(op->oprname));
	ReleaseSysCache(tup);
	return res;
}

static Oid
cap_rel_owner(Oid relid)
{
	HeapTuple	tup = SearchSysCache1(RELOID, ObjectIdGetDatum(relid));
	Oid			owner;

	if (!HeapTupleIsValid(tup))
		elog(ERROR, "cache lookup failed for relation %u", relid);
	owner = ((Form_pg_class) GETSTRUCT(tup))->relowner;
	ReleaseSysCache(tup);
	return owner;
}

/* Column `name` of `relid`, with its type; errors name the rule. */
static AttrNumber
cap_column(const char *rule, Oid relid, const char *name, Oid *typid)
{
	AttrNumber	att = get_attnum(relid, name);

	if (att == InvalidAttrNumber || att < 0)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_COLUMN),
				 errmsg("column \"%s\" of relation \"%s\" used by cap rule \"%s\" does not exist",
						name, get_rel_name(relid), rule),
				 errhint("Drop the rule with kc_drop_cap and declare it again.")));
	if (typid)
		*typid = get_atttype(relid, att);
	return att;
}

static bool
cap_rule_load(CapRule *rule)
{
	Oid			argtypes[1] = {TEXTOID};
	Datum		args[1];
	Oid			save_user;
	int			save_sec;
	HeapTuple	tup;
	TupleDesc	desc;
	bool		isnull;
	ArrayType  *ccols,
			   *pcols;
	Datum	   *celems,
			   *pelems;
	int			nc,
				np;
	MemoryContext old;
	StringInfoData sql;
	char		relkind;

	if (rule->lock_plan)
	{
		SPI_freeplan(rule->lock_plan);
		rule->lock_plan = NULL;
	}
	if (rule->touch_plan)
	{
		SPI_freeplan(rule->touch_plan);
		rule->touch_plan = NULL;
	}
	MemoryContextReset(rule->cxt);
	rule->relmaps = NIL;
	rule->generation++;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	args[0] = CStringGetTextDatum(rule->name);
	cap_become_owner(cap_total_owner(), &save_user, &save_sec);
	if (SPI_execute_with_args(psprintf("SELECT child_table::pg_catalog.oid, child_columns,"
									   " amount_column, parent_table::pg_catalog.oid,"
									   " parent_columns, limit_column"
									   " FROM %s.kc_cap_rule"
									   " WHERE rule_name OPERATOR(pg_catalog.=) $1",
									   cap_nsp_quoted()),
							  1, argtypes, args, NULL, false, 1) != SPI_OK_SELECT)
		elog(ERROR, "kc_cap: reading kc_cap_rule failed");
	cap_restore_user(save_user, save_sec);
	if (SPI_processed == 0)
	{
		SPI_finish();
		return false;
	}

	old = MemoryContextSwitchTo(rule->cxt);
	tup = SPI_tuptable->vals[0];
	desc = SPI_tuptable->tupdesc;
	rule->child_relid = DatumGetObjectId(SPI_getbinval(tup, desc, 1, &isnull));
	ccols = DatumGetArrayTypeP(SPI_getbinval(tup, desc, 2, &isnull));
	rule->amount_col = TextDatumGetCString(SPI_getbinval(tup, desc, 3, &isnull));
	rule->parent_relid = DatumGetObjectId(SPI_getbinval(tup, desc, 4, &isnull));
	pcols = DatumGetArrayTypeP(SPI_getbinval(tup, desc, 5, &isnull));
	rule->limit_col = TextDatumGetCString(SPI_getbinval(tup, desc, 6, &isnull));
	deconstruct_array(ccols, TEXTOID, -1, false, TYPALIGN_INT, &celems, NULL, &nc);
	deconstruct_array(pcols, TEXTOID, -1, false, TYPALIGN_INT, &pelems, NULL, &np);
	if (nc != np || nc < 1 || nc > KC_CAP_MAX_KEYS)
		elog(ERROR, "kc_cap: rule \"%s\" has a malformed column list", rule->name);
	rule->nkeys = nc;
	for (int i = 0; i < nc; i++)
	{
		rule->child_cols[i] = TextDatumGetCString(celems[i]);
		rule->parent_cols[i] = TextDatumGetCString(pelems[i]);
	}
	MemoryContextSwitchTo(old);

	if (get_rel_name(rule->child_relid) == NULL ||
		get_rel_name(rule->parent_relid) == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("a table of cap rule \"%s\" no longer exists", rule->name),
				 errhint("Drop the rule with kc_drop_cap.")));
	rule->parent_owner = cap_rel_owner(rule->parent_relid);

	/* Types: taken from the parent; the child must agree (checked per map). */
	for (int i = 0; i < nc; i++)
	{
		Oid			t;
		int32		typmod;
		Oid			coll;

		(void) cap_column(rule->name, rule->parent_relid, rule->parent_cols[i], &t);
		rule->key_types[i] = t;
		get_typlenbyval(t, &rule->key_len[i], &rule->key_byval[i]);
		get_atttypetypmodcoll(rule->parent_relid,
							  get_attnum(rule->parent_relid, rule->parent_cols[i]),
							  &t, &typmod, &coll);
		{
			Oid			outfn;
			bool		varlena;

			getTypeOutputInfo(t, &outfn, &varlena);
			fmgr_info_cxt(outfn, &rule->key_out[i], rule->cxt);
		}
	}
	(void) cap_column(rule->name, rule->child_relid, rule->amount_col, &rule->amount_type);
	(void) cap_column(rule->name, rule->parent_relid, rule->limit_col, &rule->limit_type);
	rule->numeric_mode = (rule->amount_type == NUMERICOID ||
						  rule->limit_type == NUMERICOID);

	/* SELECT limit FROM parent WHERE keys = $n FOR NO KEY UPDATE */
	initStringInfo(&sql);
	relkind = get_rel_relkind(rule->parent_relid);
	appendStringInfo(&sql, "SELECT x.%s FROM %s%s x WHERE ",
					 quote_identifier(rule->limit_col),
					 relkind == RELKIND_PARTITIONED_TABLE ? "" : "ONLY ",
					 quote_qualified_identifier(get_namespace_name(get_rel_namespace(rule->parent_relid)),
												get_rel_name(rule->parent_relid)));
	for (int i = 0; i < nc; i++)
		appendStringInfo(&sql, "%sx.%s %s $%d", i ? " AND " : "",
						 quote_identifier(rule->parent_cols[i]),
						 cap_eq_operator(rule->key_types[i]), i + 1);
	appendStringInfoString(&sql, " FOR NO KEY UPDATE OF x");
	rule->lock_plan = SPI_prepare_cursor(sql.data, nc, rule->key_types, CURSOR_OPT_GENERIC_PLAN);
	if (rule->lock_plan == NULL)
		elog(ERROR, "SPI_prepare failed for \"%s\": %s", sql.data,
			 SPI_result_code_string(SPI_result));
	SPI_keepplan(rule->lock_plan);

	/*
	 * The common first touch in one statement: the CTE locks the parent row
	 * (waiting for whoever holds it), then the UPDATE adds the delta to the
	 * newest version of the kept total (under READ COMMITTED an UPDATE
	 * always works on the newest version), returning it with the limit.
	 */
	{
		StringInfoData t;
		Oid			targs[KC_CAP_MAX_KEYS + 3];

		initStringInfo(&t);
		appendStringInfo(&t, "WITH p AS MATERIALIZED (%s) UPDATE %s.kc_cap_total t"
						 " SET total = t.total OPERATOR(pg_catalog.+) $%d FROM p"
						 " WHERE t.rule_name OPERATOR(pg_catalog.=) $%d"
						 " AND t.parent_key OPERATOR(pg_catalog.=) $%d"
						 " RETURNING t.total, p.%s",
						 sql.data, cap_nsp_quoted(), nc + 3, nc + 1, nc + 2,
						 quote_identifier(rule->limit_col));
		memcpy(targs, rule->key_types, nc * sizeof(Oid));
		targs[nc] = TEXTOID;
		targs[nc + 1] = TEXTARRAYOID;
		targs[nc + 2] = NUMERICOID;
		rule->touch_plan = SPI_prepare_cursor(t.data, nc + 3, targs, CURSOR_OPT_GENERIC_PLAN);
		if (rule->touch_plan == NULL)
			elog(ERROR, "SPI_prepare failed for \"%s\": %s", t.data,
				 SPI_result_code_string(SPI_result));
		SPI_keepplan(rule->touch_plan);
	}
	SPI_finish();
	return true;
}

CapRule *
cap_rule_get(const char *name, bool missing_ok)
{
	CapRule    *rule;
	bool		found;

	if (strlen(name) >= NAMEDATALEN)
	{
		if (missing_ok)
			return NULL;
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("cap rule \"%s\" does not exist", name)));
	}
	rule = hash_search(cap_rules, name, HASH_ENTER, &found);
	if (!found)
	{
		rule->valid = false;
		rule->lock_plan = NULL;
		rule->touch_plan = NULL;
		rule->relmaps = NIL;
		rule->generation = 0;
		rule->cxt = AllocSetContextCreate(TopMemoryContext, "kc_cap rule",
										  ALLOCSET_SMALL_SIZES);
	}
	if (!rule->valid)
	{
		bool		exists = false;

		/* an invalidation arriving while we load sets it false again */
		rule->valid = true;
		PG_TRY();
		{
			exists = cap_rule_load(rule);
		}
		PG_CATCH();
		{
			rule->valid = false;
			PG_RE_THROW();
		}
		PG_END_TRY();
		if (!exists)
		{
			rule->valid = false;
			if (missing_ok)
				return NULL;
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_OBJECT),
					 errmsg("cap rule \"%s\" does not exist", name),
					 errhint("Declare it with kc_enforce_cap, or drop the trigger that names it.")));
		}
	}
	return rule;
}

void
cap_rule_invalidate(const char *name)
{
	CapRule    *rule;

	if (cap_rules == NULL || strlen(name) >= NAMEDATALEN)
		return;
	rule = hash_search(cap_rules, name, HASH_FIND, NULL);
	if (rule)
		rule->valid = false;
}

/* Column positions of the rule's columns in `rel` (child side or parent). */
CapRelMap *
cap_rule_relmap(CapRule *rule, Relation rel, bool parent)
{
	Oid			relid = RelationGetRelid(rel);
	ListCell   *lc;
	CapRelMap  *map;
	MemoryContext old;

	foreach(lc, rule->relmaps)
	{
		map = lfirst(lc);
		if (map->relid == relid && map->parent == parent)
			return map;
	}
	map = MemoryContextAllocZero(rule->cxt, sizeof(CapRelMap));
	map->relid = relid;
	map->parent = parent;
	for (int i = 0; i < rule->nkeys; i++)
	{
		Oid			t;

		map->keyatt[i] = cap_column(rule->name, relid,
									parent ? rule->parent_cols[i] : rule->child_cols[i],
									&t);
		if (t != rule->key_types[i])
			ereport(ERROR,
					(errcode(ERRCODE_DATATYPE_MISMATCH),
					 errmsg("column \"%s\" of relation \"%s\" has type %s, but cap rule \"%s\" needs %s",
							parent ? rule->parent_cols[i] : rule->child_cols[i],
							RelationGetRelationName(rel), format_type_be(t),
							rule->name, format_type_be(rule->key_types[i]))));
	}
	{
		Oid			t;

		map->amtatt = cap_column(rule->name, relid,
								 parent ? rule->limit_col : rule->amount_col, &t);
		if (t != (parent ? rule->limit_type : rule->amount_type))
			ereport(ERROR,
					(errcode(ERRCODE_DATATYPE_MISMATCH),
					 errmsg("column \"%s\" of relation \"%s\" changed type under cap rule \"%s\"",
							parent ? rule->limit_col : rule->amount_col,
							RelationGetRelationName(rel), rule->name)));
	}
	old = MemoryContextSwitchTo(rule->cxt);
	rule->relmaps = lappend(rule->relmaps, map);
	MemoryContextSwitchTo(old);
	return map;
}

/*
 * Read the key columns from `slot`.  Returns false when any is NULL (the
 * row is not checked, as with MATCH SIMPLE).  Otherwise fills vals and sets
 * keystr to bytes that are equal exactly for equal keys of this rule: the
 * rule's address, then each value's image (kc_enforce_cap only accepts key
 * types whose equality is image equality, so no output function is needed
 * on the per-row path).
 */
bool
cap_key_from_slot(CapRule *rule, TupleTableSlot *slot, const AttrNumber *atts,
				  Datum *vals, StringInfo keystr)
{
	bool		isnull;

	for (int i = 0; i < rule->nkeys; i++)
	{
		vals[i] = slot_getattr(slot, atts[i], &isnull);
		if (isnull)
			return false;
	}
	resetStringInfo(keystr);
	appendBinaryStringInfo(keystr, (const char *) &rule, sizeof(CapRule *));
	for (int i = 0; i < rule->nkeys; i++)
	{
		if (rule->key_byval[i])
			appendBinaryStringInfo(keystr, (const char *) &vals[i], sizeof(Datum));
		else if (rule->key_len[i] > 0)
			appendBinaryStringInfo(keystr, DatumGetPointer(vals[i]), rule->key_len[i]);
		else if (rule->key_len[i] == -1)
		{
			struct varlena *v = PG_DETOAST_DATUM_PACKED(vals[i]);
			int32		len = VARSIZE_ANY_EXHDR(v);

			appendBinaryStringInfo(keystr, (const char *) &len, sizeof(int32));
			appendBinaryStringInfo(keystr, VARDATA_ANY(v), len);
			if ((Pointer) v != DatumGetPointer(vals[i]))
				pfree(v);
		}
		else
		{
			const char *c = DatumGetCString(vals[i]);

			appendBinaryStringInfo(keystr, c, strlen(c) + 1);
		}
	}
	return true;
}

/* The key as the text[] kept in kc_cap_total.parent_key. */
Datum
cap_key_array(CapRule *rule, const Datum *vals)
{
	Datum		elems[KC_CAP_MAX_KEYS];

	for (int i = 0; i < rule->nkeys; i++)
		elems[i] = CStringGetTextDatum(OutputFunctionCall(&rule->key_out[i], vals[i]));
	return PointerGetDatum(construct_array(elems, rule->nkeys, TEXTOID, -1, false,
										   TYPALIGN_INT));
}

/* "(plan_id)=(42)", like foreign-key errors. */
char *
cap_key_describe(CapRule *rule, const Datum *vals, bool parent)
{
	StringInfoData s;

	initStringInfo(&s);
	appendStringInfoChar(&s, '(');
	for (int i = 0; i < rule->nkeys; i++)
		appendStringInfo(&s, "%s%s", i ? ", " : "",
						 quote_identifier(parent ? rule->parent_cols[i] : rule->child_cols[i]));
	appendStringInfoString(&s, ")=(");
	for (int i = 0; i < rule->nkeys; i++)
		appendStringInfo(&s, "%s%s", i ? ", " : "",
						 OutputFunctionCall(&rule->key_out[i], vals[i]));
	appendStringInfoChar(&s, ')');
	return s.data;
}
