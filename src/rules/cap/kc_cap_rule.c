/*
 * kc_cap_rule.c
 *		Cap rules as loaded from @extschema@.kc_cap_rule: column positions
 *		per relation (partitions may differ), output functions of the key
 *		columns, and the queries of cap rules (run through kc_rule_spi.c).
 *
 * As in ri_triggers.c, plans are prepared once per rule and kept (in the
 * keyed cache of kc_rule_spi.c); a relcache invalidation of the child, the
 * parent or a partition marks the rule for reloading, so ALTER TABLE, RENAME, DROP and
 * re-create are all seen.  Triggers name their rule by its name (trigger
 * argument), never by OID, so the triggers that pg_dump writes find their
 * rule again after a restore.  Identifiers are quoted wherever SQL is
 * built; values are always parameters.
 *
 * Who runs what (the rule of ri_triggers.c, made stricter):
 *	- a query that reads a user's table (the parent row lock, the rebuild's
 *	  sum over the child) runs as the owner of that table, with
 *	  SECURITY_RESTRICTED_OPERATION: whatever of the owner's runs inside it
 *	  (a view's rule, if the table was turned into one, a policy, an index
 *	  or domain expression, an operator of the key type) runs with the
 *	  owner's own privileges and cannot change the session state.  Such a
 *	  query never touches the extension's tables;
 *	- a query that writes the extension's tables (kc_cap_rule,
 *	  kc_cap_total) runs as their owner and reads nothing but those tables,
 *	  with built-in types and pg_catalog operators, and takes user values
 *	  only as parameters: no object a user controls is reachable from it.
 * The rule's tables are also re-checked at every load to be plain or
 * partitioned tables (an owner could turn an empty table into a view).
 */
#include "kc_cap.h"

#include "access/htup_details.h"
#include "catalog/partition.h"
#include "catalog/pg_class.h"
#include "catalog/pg_operator.h"
#include "catalog/pg_type.h"
#include "miscadmin.h"
#include "catalog/namespace.h"
#include "catalog/pg_collation.h"
#include "catalog/pg_inherits.h"
#include "parser/parse_func.h"
#include "utils/array.h"
#include "utils/guc.h"
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
static uint64 cap_generation = 0;
static Oid	cap_schema = InvalidOid;

/* The totals table and its owner, reset on any invalidation of it. */
static bool cap_globals_valid = false;
static Oid	cap_total_rel = InvalidOid;
static Oid	cap_total_own = InvalidOid;

/* The queries of cap rules in the keyed plan cache (kc_rule_spi.c). */
enum
{
	CAP_Q_TOTAL_UPDATE = 1,
	CAP_Q_TOTAL_UPSERT,
	CAP_Q_LOAD_RULE,
	CAP_Q_READ_PARENT
};

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
 * The rule cache and its invalidation callback.  Called once, by _PG_init
 * (kc_module.c), which also installs the statement hooks of
 * kc_cap_totals.c.
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

	if (cap_globals_valid)
		return;
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
	cap_globals_valid = true;
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

/* How a query on the extension's own tables runs: as their owner. */
static KcRun
cap_ext_run(int expect, const char *what)
{
	KcRun		how = {0};

	how.role = cap_total_owner();
	how.snapshot = KC_SNAPSHOT_STATEMENT;
	how.read_only = false;
	how.count = 0;
	how.expect = expect;
	how.what = what;
	return how;
}

/*
 * The SPI way of cap_total_add (kc_cap_total.c): UPDATE, or with `upsert`
 * INSERT ... ON CONFLICT DO UPDATE, RETURNING the new total.  Reads and
 * writes kc_cap_total only, as its owner (see the file header).
 */
uint64
cap_total_add_spi(Datum *args, bool upsert, Datum *new_total)
{
	KcQueryKey	key;
	SPIPlanPtr	plan;
	KcRun		how;

	how = upsert ? cap_ext_run(SPI_OK_INSERT_RETURNING, "write of a kept total")
		: cap_ext_run(SPI_OK_UPDATE_RETURNING, "update of a kept total");
	kc_query_key(&key, KC_RULE_CAP, upsert ? CAP_Q_TOTAL_UPSERT : CAP_Q_TOTAL_UPDATE,
				 NULL, cap_total_relid(), cap_ext_schema());
	plan = kc_query_lookup(&key);
	if (plan == NULL)
	{
		Oid			argtypes[3] = {TEXTOID, TEXTARRAYOID, NUMERICOID};
		char	   *sql;

		if (upsert)
			sql = psprintf("INSERT INTO %s.kc_cap_total AS t (rule_name, parent_key, total)"
						   " VALUES ($1, $2, $3) ON CONFLICT (rule_name, parent_key)"
						   " DO UPDATE SET total = t.total OPERATOR(pg_catalog.+) excluded.total"
						   " RETURNING t.total", cap_nsp_quoted());
		else
			sql = psprintf("UPDATE %s.kc_cap_total t SET total = t.total OPERATOR(pg_catalog.+) $3"
						   " WHERE t.rule_name OPERATOR(pg_catalog.=) $1"
						   " AND t.parent_key OPERATOR(pg_catalog.=) $2 RETURNING t.total",
						   cap_nsp_quoted());
		plan = kc_query_prepare(&key, sql, 3, argtypes, &how);
	}
	if (kc_rule_run(plan, args, NULL, &how) == 0)
		return 0;
	{
		bool		isnull;

		*new_total = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc,
								   1, &isnull);
	}
	return 1;
}

/*
 * Run a one-off query that reads or writes nothing but the extension's
 * tables, as their owner, with user values only as parameters.
 */
uint64
cap_ext_query(const char *sql, int nargs, Oid *argtypes, Datum *args,
			  KcSnapshot snapshot, int expect, const char *what)
{
	KcRun		how = cap_ext_run(expect, what);

	how.snapshot = snapshot;
	return kc_rule_run(kc_query_prepare(NULL, sql, nargs, argtypes, &how),
					   args, NULL, &how);
}

/*
 * Run a one-off read of a user's table as the owner of that table, under
 * the latest snapshot: whatever of the owner's runs inside (a policy, a
 * view's rule if the table was turned into one, an index or domain
 * expression, an operator of the key type) runs with the owner's own
 * privileges, in a restricted operation, and row-level security does not
 * hide rows from the rule (as it does not from a foreign key).
 */
uint64
cap_table_query(Oid relid, const char *sql, const char *what)
{
	KcRun		how = {0};

	how.role = cap_rel_owner(relid);
	how.snapshot = KC_SNAPSHOT_LATEST;
	how.read_only = true;
	how.count = 0;
	how.expect = SPI_OK_SELECT;
	how.what = what;
	return kc_rule_run(kc_query_prepare(NULL, sql, 0, NULL, &how), NULL, NULL, &how);
}

/*
 * A table a rule may count on: an ordinary or partitioned table, neither
 * in nor with plain inheritance (whose other tables the rule would not
 * see), and logged and permanent (an unlogged table is emptied by a crash
 * while its kept totals are not; another session's temporary table could
 * hold the parent's lock forever).  Checked at declaration and at every
 * load of the rule, so a table changed since fails closed.
 */
void
cap_check_rule_table(const char *rule, Oid relid, const char *what)
{
	HeapTuple	tup = SearchSysCache1(RELOID, ObjectIdGetDatum(relid));
	Form_pg_class cls;
	char	   *relname;
	bool		inh_parent,
				inh_child;

	if (!HeapTupleIsValid(tup))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("a table of cap rule \"%s\" no longer exists", rule),
				 errhint("Drop the rule with kc_drop_cap.")));
	cls = (Form_pg_class) GETSTRUCT(tup);
	relname = pstrdup(NameStr(cls->relname));
	if (cls->relkind != RELKIND_RELATION && cls->relkind != RELKIND_PARTITIONED_TABLE)
		ereport(ERROR,
				(errcode(ERRCODE_WRONG_OBJECT_TYPE),
				 errmsg("%s \"%s\" of cap rule \"%s\" is not a table", _(what), relname, rule),
				 errhint("A cap rule links an ordinary or partitioned child table to an ordinary or partitioned parent table.")));
	if (cls->relpersistence != RELPERSISTENCE_PERMANENT)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 cls->relpersistence == RELPERSISTENCE_TEMP ?
				 errmsg("%s \"%s\" of cap rule \"%s\" is a temporary table", _(what), relname, rule) :
				 errmsg("%s \"%s\" of cap rule \"%s\" is unlogged", _(what), relname, rule),
				 errdetail("A crash empties an unlogged table but not the totals kept for it; a temporary table belongs to one session."),
				 errhint("Use an ordinary (logged, permanent) table.")));
	inh_parent = cls->relkind == RELKIND_RELATION && cls->relhassubclass &&
		find_inheritance_children(relid, NoLock) != NIL;
	inh_child = !cls->relispartition && has_superclass(relid);
	ReleaseSysCache(tup);
	if (inh_parent || inh_child)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 inh_parent ?
				 errmsg("%s \"%s\" of cap rule \"%s\" has inheritance children", _(what), relname, rule) :
				 errmsg("%s \"%s\" of cap rule \"%s\" is an inheritance child", _(what), relname, rule),
				 errdetail("A cap rule counts the rows of its own tables and their partitions only; rows of tables linked by INHERITS would escape it."),
				 errhint("Use declarative partitioning (PARTITION BY) instead of INHERITS.")));
}

/*
 * Equal keys must be equal bytes: a nondeterministic collation would let
 * 'HN', 'hn' and 'Hn' each take the whole limit of the one parent its
 * unique constraint says they are.
 */
void
cap_check_key_collation(const char *rule, Oid relid, const char *col)
{
	AttrNumber	att = get_attnum(relid, col);
	Oid			typid;
	int32		typmod;
	Oid			coll;

	if (att == InvalidAttrNumber)
		return;					/* reported by the column look-up */
	get_atttypetypmodcoll(relid, att, &typid, &typmod, &coll);
	if (OidIsValid(coll) && !get_collation_isdeterministic(coll))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("key column \"%s\" of relation \"%s\" has the nondeterministic collation \"%s\"",
						col, get_rel_name(relid), get_collation_name(coll)),
				 errdetail("Cap rule \"%s\" identifies a parent by the exact bytes of its key.", rule),
				 errhint("Give the key columns a deterministic collation, for example COLLATE \"C\" or \"default\".")));
}

/* OID of one of the extension's trigger functions (no arguments). */
Oid
cap_trigger_function(const char *fname)
{
	List	   *qname = list_make2(makeString(get_namespace_name(cap_ext_schema())),
								   makeString(pstrdup(fname)));

	return LookupFuncName(qname, 0, NULL, false);
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

/* The owner of a relation. */
Oid
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

/* Is the type's text output independent of every session setting? */
static bool
cap_type_output_is_fixed(Oid typid)
{
	switch (typid)
	{
		case BOOLOID:
		case CHAROID:
		case NAMEOID:
		case INT2OID:
		case INT4OID:
		case INT8OID:
		case OIDOID:
		case TEXTOID:
		case VARCHAROID:
		case BPCHAROID:
		case UUIDOID:
			return true;
		default:
			return false;
	}
}

static bool
cap_rule_load(CapRule *rule)
{
	Oid			argtypes[1] = {TEXTOID};
	Datum		args[1];
	KcQueryKey	key;
	KcRun		how;
	SPIPlanPtr	plan;
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

	/* the rule's kept plans were built from the old descriptor */
	kc_query_forget_rule(KC_RULE_CAP, rule->name);
	rule->read_sql = NULL;
	rule->parent_direct_checked = false;
	rule->parent_direct_ok = false;
	MemoryContextReset(rule->cxt);
	rule->relmaps = NIL;
	/* unique across entries: a trigger's cached entry may be recycled */
	rule->generation = ++cap_generation;

	kc_spi_connect();
	args[0] = CStringGetTextDatum(rule->name);
	how = cap_ext_run(SPI_OK_SELECT, "read of kc_cap_rule");
	how.count = 1;
	kc_query_key(&key, KC_RULE_CAP, CAP_Q_LOAD_RULE, NULL, InvalidOid,
				 cap_ext_schema());
	plan = kc_query_lookup(&key);
	if (plan == NULL)
		plan = kc_query_prepare(&key,
								psprintf("SELECT child_table::pg_catalog.oid, child_columns,"
										 " amount_column, parent_table::pg_catalog.oid,"
										 " parent_columns, limit_column"
										 " FROM %s.kc_cap_rule"
										 " WHERE rule_name OPERATOR(pg_catalog.=) $1",
										 cap_nsp_quoted()),
								1, argtypes, &how);
	if (kc_rule_run(plan, args, NULL, &how) == 0)
	{
		kc_spi_finish();
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
	cap_check_rule_table(rule->name, rule->child_relid, gettext_noop("child table"));
	cap_check_rule_table(rule->name, rule->parent_relid, gettext_noop("parent table"));
	rule->key_needs_pinned_output = false;
	for (int i = 0; i < nc; i++)
	{
		cap_check_key_collation(rule->name, rule->child_relid, rule->child_cols[i]);
		cap_check_key_collation(rule->name, rule->parent_relid, rule->parent_cols[i]);
	}

	/* Types: taken from the parent; the child must agree (checked per map). */
	for (int i = 0; i < nc; i++)
	{
		Oid			t;
		int32		typmod;
		Oid			coll;

		(void) cap_column(rule->name, rule->parent_relid, rule->parent_cols[i], &t);
		rule->key_types[i] = t;
		if (!cap_type_output_is_fixed(t))
			rule->key_needs_pinned_output = true;
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

	/*
	 * SELECT limit, tableoid FROM parent WHERE keys = $n: a plain read, no
	 * row lock.  Writers of one key meet on the key's kept-total row
	 * instead (kc_cap_totals.c): the read runs after that row is locked,
	 * and everything on the parent's side that could make a child's check
	 * wrong (a new parent, a key moved onto the key, a lower limit) locks
	 * the same row first, so it waits for the child's transaction and then
	 * checks the total itself.  The table is named in the text;
	 * cap_read_parent checks that the row came from the rule's own table,
	 * whatever the name means by then.
	 */
	initStringInfo(&sql);
	relkind = get_rel_relkind(rule->parent_relid);
	appendStringInfo(&sql, "SELECT x.%s, x.tableoid FROM %s%s x WHERE ",
					 quote_identifier(rule->limit_col),
					 relkind == RELKIND_PARTITIONED_TABLE ? "" : "ONLY ",
					 quote_qualified_identifier(get_namespace_name(get_rel_namespace(rule->parent_relid)),
												get_rel_name(rule->parent_relid)));
	for (int i = 0; i < nc; i++)
		appendStringInfo(&sql, "%sx.%s %s $%d", i ? " AND " : "",
						 quote_identifier(rule->parent_cols[i]),
						 cap_eq_operator(rule->key_types[i]), i + 1);
	/* prepared at its first use, in the context it runs in (kc_rule_spi.c) */
	rule->read_sql = MemoryContextStrdup(rule->cxt, sql.data);

	kc_spi_finish();
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
		rule->read_sql = NULL;
		rule->parent_direct_checked = false;
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
			/*
			 * Keep nothing for a name that is no rule: a session naming
			 * many unknown rules must not grow its cache without bound.
			 */
			char		namebuf[NAMEDATALEN];

			strlcpy(namebuf, name, sizeof(namebuf));
			name = namebuf;
			MemoryContextDelete(rule->cxt);
			hash_search(cap_rules, namebuf, HASH_REMOVE, NULL);
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
 * Read the limit of the parent row with this key, as the owner of the
 * parent table, with a new snapshot (READ COMMITTED).  False when there is
 * none.  Callers hold the key's kept-total row lock (see above).
 * The row must come from the rule's parent (or one of its partitions): a
 * plan re-parsed after the table was renamed and another created under its
 * name must not check against that other table.
 */
bool
cap_read_parent(CapRule *rule, const Datum *keyvals, bool *limit_null,
				CapAmt *limit)
{
	KcQueryKey	key;
	KcRun		how = {0};
	SPIPlanPtr	plan;
	bool		isnull;
	Datum		d;
	Oid			from;
	bool		found;

	if (cap_read_parent_direct(rule, keyvals, &found, limit_null, limit))
		return found;

	how.role = rule->parent_owner;
	how.snapshot = KC_SNAPSHOT_STATEMENT;
	how.read_only = false;
	how.count = 1;
	how.expect = SPI_OK_SELECT;
	how.what = "read of the parent row";
	kc_query_key(&key, KC_RULE_CAP, CAP_Q_READ_PARENT, rule->name,
				 rule->parent_relid, cap_ext_schema());
	plan = kc_query_lookup(&key);
	if (plan == NULL)
		plan = kc_query_prepare(&key, rule->read_sql, rule->nkeys, rule->key_types, &how);
	if (kc_rule_run(plan, (Datum *) keyvals, NULL, &how) == 0)
		return false;
	from = DatumGetObjectId(SPI_getbinval(SPI_tuptable->vals[0],
										  SPI_tuptable->tupdesc, 2, &isnull));
	if (from != rule->parent_relid &&
		!(get_rel_relispartition(from) &&
		  list_member_oid(get_partition_ancestors(from), rule->parent_relid)))
		ereport(ERROR,
				(errcode(ERRCODE_T_R_SERIALIZATION_FAILURE),
				 errmsg("parent table of cap rule \"%s\" changed during the statement", rule->name),
				 errdetail("The parent row was read from relation \"%s\", not from the rule's table \"%s\".",
						   get_rel_name(from), get_rel_name(rule->parent_relid)),
				 errhint("Retry the transaction.")));
	d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
	*limit_null = isnull;
	if (isnull)
		*limit = cap_amt_zero(rule->numeric_mode);
	else
		*limit = cap_amt_from_datum(rule, d, rule->limit_type);
	return true;
}
