/*
 * kc_cap_declare.c
 *		kc_enforce_cap: validate a cap rule, record it in kc_cap_rule,
 *		install its triggers, compute its kept totals from the existing
 *		rows and check them.  kc_drop_cap removes all of it; kc_cap_rebuild
 *		recomputes the totals.
 *
 * Everything happens in the caller's transaction, so an error anywhere
 * leaves nothing installed.
 */
#include "kc_cap.h"

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/nbtree.h"
#include "access/relation.h"
#include "access/table.h"
#include "catalog/index.h"
#include "catalog/pg_class.h"
#include "catalog/pg_inherits.h"
#include "catalog/pg_type.h"
#include "commands/defrem.h"
#include "commands/trigger.h"
#include "miscadmin.h"
#include "storage/lmgr.h"
#include "utils/acl.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/snapmgr.h"
#include "utils/syscache.h"

PG_FUNCTION_INFO_V1(kc_enforce_cap);
PG_FUNCTION_INFO_V1(kc_drop_cap);
PG_FUNCTION_INFO_V1(kc_cap_rebuild);
PG_FUNCTION_INFO_V1(kc_cap_recheck);

static const char *
cap_arg_name(int i)
{
	static const char *const names[] = {"rule_name", "child_table", "child_columns",
		"amount_column", "parent_table", "parent_columns", "limit_column"};

	return names[i];
}

/*
 * Does kc_cap_rule have the declared_by column (added in 1.1)?  The library
 * keeps serving a database still at 1.0's schema.
 */
static bool
cap_rule_has_declared_by(void)
{
	Oid			relid = get_relname_relid("kc_cap_rule", cap_ext_schema());

	return OidIsValid(relid) && get_attnum(relid, "declared_by") != InvalidAttrNumber;
}

static char *
cap_qualified(Oid relid)
{
	return quote_qualified_identifier(get_namespace_name(get_rel_namespace(relid)),
									  get_rel_name(relid));
}

static const char *
cap_nsp(void)
{
	return quote_identifier(get_namespace_name(cap_ext_schema()));
}

static void
cap_check_name(const char *name)
{
	if (name[0] == '\0')
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cap rule name must not be empty")));
	/* kc_rules names the other kinds of rules "kind:table" */
	if (strncmp(name, "support_cap:", 12) == 0 || strncmp(name, "year_lock:", 10) == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cap rule name \"%s\" starts with a reserved prefix", name),
				 errdetail("kc_rules names support caps \"support_cap:<table>\" and year locks \"year_lock:<table>\"."),
				 errhint("Choose a name without that prefix.")));
	if (strlen(name) > KC_CAP_MAX_NAME)
		ereport(ERROR,
				(errcode(ERRCODE_NAME_TOO_LONG),
				 errmsg("cap rule name \"%s\" is too long", name),
				 errhint("Use at most %d bytes: the rule's triggers are named after it.",
						 KC_CAP_MAX_NAME)));
}

static void
cap_check_table(const char *rule, Oid relid, const char *what)
{
	char		relkind = get_rel_relkind(relid);

	if (relkind != RELKIND_RELATION && relkind != RELKIND_PARTITIONED_TABLE)
		ereport(ERROR,
				(errcode(ERRCODE_WRONG_OBJECT_TYPE),
				 errmsg("%s \"%s\" is not a table", _(what), get_rel_name(relid)),
				 errhint("A cap rule links an ordinary or partitioned child table to an ordinary or partitioned parent table.")));
	if (!object_ownercheck(RelationRelationId, relid, GetUserId()))
		aclcheck_error(ACLCHECK_NOT_OWNER, get_relkind_objtype(relkind),
					   get_rel_name(relid));
	cap_check_rule_table(rule, relid, what);
}

/* The column names of a text[] argument: no NULLs, no duplicates. */
static int
cap_column_list(ArrayType *arr, const char *argname, char **names)
{
	Datum	   *elems;
	bool	   *nulls;
	int			n;

	if (ARR_NDIM(arr) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be a one-dimensional array of column names", argname)));
	deconstruct_array(arr, TEXTOID, -1, false, TYPALIGN_INT, &elems, &nulls, &n);
	if (n < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must name at least one column", argname)));
	if (n > KC_CAP_MAX_KEYS)
		ereport(ERROR,
				(errcode(ERRCODE_TOO_MANY_COLUMNS),
				 errmsg("%s names %d columns; at most %d are allowed", argname, n,
						KC_CAP_MAX_KEYS)));
	for (int i = 0; i < n; i++)
	{
		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("%s must not contain NULL", argname)));
		names[i] = TextDatumGetCString(elems[i]);
		for (int j = 0; j < i; j++)
			if (strcmp(names[i], names[j]) == 0)
				ereport(ERROR,
						(errcode(ERRCODE_DUPLICATE_COLUMN),
						 errmsg("column \"%s\" appears twice in %s", names[i], argname)));
	}
	return n;
}

static AttrNumber
cap_user_column(Oid relid, const char *name, Oid *typid)
{
	AttrNumber	att = get_attnum(relid, name);

	if (att == InvalidAttrNumber || att < 0)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_COLUMN),
				 errmsg("column \"%s\" of relation \"%s\" does not exist",
						name, get_rel_name(relid))));
	*typid = get_atttype(relid, att);
	return att;
}

static Oid
cap_kc_money_oid(void)
{
	return GetSysCacheOid2(TYPENAMENSP, Anum_pg_type_oid,
						   CStringGetDatum("kc_money"),
						   ObjectIdGetDatum(cap_ext_schema()));
}

static void
cap_check_amount_type(Oid relid, const char *col, Oid typid, const char *what)
{
	if (typid != INT8OID && typid != NUMERICOID && typid != cap_kc_money_oid())
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("%s column \"%s\" of relation \"%s\" has type %s",
						_(what), col, get_rel_name(relid), format_type_be(typid)),
				 errhint("Amounts and limits must be kc_money, bigint or numeric.")));
}

/*
 * Kept totals are keyed by the text form of the key, so equal keys must
 * have one text form: the type's B-tree equality must be "image" equality
 * (true for integers, text with a deterministic collation, uuid, date;
 * false for numeric, where 1.0 = 1.00).
 */
static void
cap_check_key_type(Oid relid, const char *col, AttrNumber att, Oid typid)
{
	Oid			opclass = GetDefaultOpClass(typid, BTREE_AM_OID);
	Oid			coll = InvalidOid;
	Oid			proc = InvalidOid;
	Oid			intype = InvalidOid;
	Oid			t;
	int32		typmod;

	get_atttypetypmodcoll(relid, att, &t, &typmod, &coll);
	if (OidIsValid(opclass))
	{
		intype = get_opclass_input_type(opclass);
		proc = get_opfamily_proc(get_opclass_family(opclass), intype, intype,
								 BTEQUALIMAGE_PROC);
	}
	if (!OidIsValid(proc) ||
		!DatumGetBool(OidFunctionCall1Coll(proc, coll, ObjectIdGetDatum(intype))))
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("key column \"%s\" of relation \"%s\" has type %s, whose equal values can be written differently",
						col, get_rel_name(relid), format_type_be(typid)),
				 errhint("Use a key of a type such as integer, bigint, text, uuid or date.")));
}

/* Does `relid` have a unique, immediate, plain index on exactly `atts`? */
static bool
cap_has_unique_index(Oid relid, const AttrNumber *atts, int n)
{
	Relation	rel = table_open(relid, AccessShareLock);
	List	   *indexes = RelationGetIndexList(rel);
	ListCell   *lc;
	bool		found = false;

	foreach(lc, indexes)
	{
		HeapTuple	tup = SearchSysCache1(INDEXRELID, ObjectIdGetDatum(lfirst_oid(lc)));
		Form_pg_index idx;

		if (!HeapTupleIsValid(tup))
			continue;
		idx = (Form_pg_index) GETSTRUCT(tup);
		if (idx->indisunique && idx->indimmediate && idx->indnkeyatts == n &&
			heap_attisnull(tup, Anum_pg_index_indpred, NULL) &&
			heap_attisnull(tup, Anum_pg_index_indexprs, NULL))
		{
			bool		all = true;

			for (int i = 0; i < n && all; i++)
			{
				bool		in = false;

				for (int j = 0; j < n; j++)
					if (idx->indkey.values[j] == atts[i])
						in = true;
				all = in;
			}
			found = all;
		}
		ReleaseSysCache(tup);
		if (found)
			break;
	}
	table_close(rel, AccessShareLock);
	return found;
}

static void
cap_spi_exec(const char *sql, int expect)
{
	int			rc = SPI_execute(sql, false, 0);

	if (rc != expect)
		elog(ERROR, "kc_cap: \"%s\" failed: %s", sql, SPI_result_code_string(rc));
}

/* Recompute the kept totals of `rule` from the child rows; with `check`,
 * every parent's limit must cover its total. */
void
cap_rebuild_totals(CapRule *rule, bool check)
{
	StringInfoData sql;
	SPITupleTable *groups;
	uint64		ngroups;
	Oid			argtypes[1] = {TEXTOID};
	Datum		args[3];

	/*
	 * No writer of the rule's tables may run while the totals are
	 * recomputed: a TRUNCATE of one partition locks only that partition, so
	 * take the parent and every partition of the child (a writer that
	 * inserts straight into a partition locks only that one).  Then read
	 * and delete with the newest snapshot, so that what writers committed
	 * before we got the locks is neither missed nor counted twice.
	 */
	LockRelationOid(rule->parent_relid, ShareRowExclusiveLock);
	(void) find_all_inheritors(rule->child_relid, ShareRowExclusiveLock, NULL);

	kc_spi_connect();
	args[0] = CStringGetTextDatum(rule->name);

	/*
	 * Zero, not delete: the rows stay (a parent's row with total 0 is where
	 * its writers meet), so a rebuild of unchanged data leaves kc_cap_total
	 * as it was, also when pg_restore's ALTER TABLE runs one through
	 * kc_cap_alter_recheck.
	 */
	(void) cap_ext_query(psprintf("UPDATE %s.kc_cap_total SET total = 0"
								  " WHERE rule_name OPERATOR(pg_catalog.=) $1"
								  " AND total OPERATOR(pg_catalog.<>) 0",
								  cap_nsp()), 1, argtypes, args,
						 KC_SNAPSHOT_LATEST, SPI_OK_UPDATE, "clearing of kept totals");

	initStringInfo(&sql);
	appendStringInfoString(&sql, "SELECT ");
	for (int i = 0; i < rule->nkeys; i++)
		appendStringInfo(&sql, "c.%s, ", quote_identifier(rule->child_cols[i]));
	appendStringInfo(&sql, "pg_catalog.sum(CAST(c.%s AS pg_catalog.numeric)) FROM %s%s c WHERE ",
					 quote_identifier(rule->amount_col),
					 get_rel_relkind(rule->child_relid) == RELKIND_PARTITIONED_TABLE ? "" : "ONLY ",
					 cap_qualified(rule->child_relid));
	for (int i = 0; i < rule->nkeys; i++)
		appendStringInfo(&sql, "%sc.%s IS NOT NULL", i ? " AND " : "",
						 quote_identifier(rule->child_cols[i]));
	appendStringInfoString(&sql, " GROUP BY ");
	for (int i = 0; i < rule->nkeys; i++)
		appendStringInfo(&sql, "%s%d", i ? ", " : "", i + 1);

	/* as the child's owner, restricted: see kc_cap_rule.c */
	(void) cap_table_query(rule->child_relid, sql.data, "sum over the child rows");
	groups = SPI_tuptable;
	ngroups = SPI_processed;

	for (uint64 g = 0; g < ngroups; g++)
	{
		HeapTuple	tup = groups->vals[g];
		Datum		vals[KC_CAP_MAX_KEYS];
		bool		isnull;
		Datum		sum;
		Datum		written;
		CapAmt		total;

		for (int i = 0; i < rule->nkeys; i++)
			vals[i] = SPI_getbinval(tup, groups->tupdesc, i + 1, &isnull);
		sum = SPI_getbinval(tup, groups->tupdesc, rule->nkeys + 1, &isnull);
		if (isnull)
			continue;
		total = cap_amt_from_numeric(rule, sum);
		if (cap_amt_sign(total) == 0)
			continue;
		args[1] = cap_key_array(rule, vals);
		args[2] = sum;
		(void) cap_total_add(args, true, &written);

		if (check)
		{
			bool		limit_null;
			CapAmt		limit = {0};

			if (cap_read_parent(rule, vals, &limit_null, &limit))
			{
				bool		bad;

				isnull = limit_null;
				if (isnull)
					bad = cap_amt_sign(total) > 0;
				else
					bad = cap_amt_cmp(total, limit) > 0;
				if (bad)
				{
					Relation	child = relation_open(rule->child_relid, NoLock);

					ereport(ERROR,
							(errcode(ERRCODE_CHECK_VIOLATION),
							 errmsg("existing rows of \"%s\" already violate cap rule \"%s\"",
									RelationGetRelationName(child), rule->name),
							 errdetail("Key %s: limit %s, total %s.",
									   cap_key_describe(rule, vals, true),
									   isnull ? "NULL (no approved amount)" : cap_amt_describe(limit),
									   cap_amt_describe(total)),
							 errhint("Correct the rows, or raise the limit, then declare the rule again."),
							 errtableconstraint(child, rule->name)));
				}
			}
		}
	}
	kc_spi_finish();
}

/*
 * TRUNCATE triggers are statement triggers, which partitions do not
 * inherit: give the child and every partition it has now one (if missing).
 * Must be connected to SPI.
 */
/*
 * The names of the triggers on `relid` that run `fn` for rule `name`
 * (triggers cloned onto partitions excluded: they go with their parent).
 * Triggers are found by what they run, never by their name, so no rule's
 * name can reach another rule's triggers.
 */
static List *
cap_rule_triggers(Oid relid, Oid fn, const char *name)
{
	Relation	rel = table_open(relid, AccessShareLock);
	List	   *res = NIL;

	if (rel->trigdesc)
	{
		for (int i = 0; i < rel->trigdesc->numtriggers; i++)
		{
			Trigger    *t = &rel->trigdesc->triggers[i];

			if (t->tgfoid == fn && t->tgnargs == 1 && !t->tgisclone &&
				strcmp(t->tgargs[0], name) == 0)
				res = lappend(res, pstrdup(t->tgname));
		}
	}
	table_close(rel, AccessShareLock);
	return res;
}

static void
cap_truncate_triggers(const char *name, Oid child)
{
	List	   *rels;
	ListCell   *lc;
	char	   *trg = psprintf(KC_CAP_TRG_TRUNCATE "%s", name);
	Oid			fn = cap_trigger_function("kc_cap_child_truncate");

	if (get_rel_relkind(child) == RELKIND_PARTITIONED_TABLE)
		rels = find_all_inheritors(child, ShareRowExclusiveLock, NULL);
	else
		rels = list_make1_oid(child);
	foreach(lc, rels)
	{
		Oid			relid = lfirst_oid(lc);

		if (cap_rule_triggers(relid, fn, name) != NIL)
			continue;
		cap_spi_exec(psprintf("CREATE TRIGGER %s AFTER TRUNCATE ON %s FOR EACH STATEMENT"
							  " EXECUTE FUNCTION %s.kc_cap_child_truncate(%s)",
							  quote_identifier(trg), cap_qualified(relid), cap_nsp(),
							  quote_literal_cstr(name)),
					 SPI_OK_UTILITY);
	}
}

Datum
kc_enforce_cap(PG_FUNCTION_ARGS)
{
	char	   *name;
	Oid			child,
				parent;
	char	   *ccols[KC_CAP_MAX_KEYS],
			   *pcols[KC_CAP_MAX_KEYS];
	AttrNumber	patts[KC_CAP_MAX_KEYS];
	int			nc,
				np;
	char	   *amount_col,
			   *limit_col;
	Oid			t,
				pt;
	Oid			argtypes[8] = {TEXTOID, REGCLASSOID, TEXTARRAYOID, TEXTOID,
	REGCLASSOID, TEXTARRAYOID, TEXTOID, REGROLEOID};
	Datum		args[8];
	StringInfoData sql;
	const char *lit;
	CapRule    *rule;
	bool		has_owner;

	kc_cap_init_for(fcinfo->flinfo->fn_oid);
	for (int i = 0; i < 7; i++)
		if (PG_ARGISNULL(i))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("argument %s of kc_enforce_cap must not be NULL", cap_arg_name(i))));
	name = text_to_cstring(PG_GETARG_TEXT_PP(0));
	child = PG_GETARG_OID(1);
	parent = PG_GETARG_OID(4);
	amount_col = text_to_cstring(PG_GETARG_TEXT_PP(3));
	limit_col = text_to_cstring(PG_GETARG_TEXT_PP(6));
	cap_check_name(name);
	if (get_rel_name(child) == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("relation with OID %u does not exist", child)));
	if (get_rel_name(parent) == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("relation with OID %u does not exist", parent)));
	cap_check_table(name, child, gettext_noop("child table"));
	cap_check_table(name, parent, gettext_noop("parent table"));

	/* no data changes while we read the totals; CREATE TRIGGER takes the same */
	LockRelationOid(parent, ShareRowExclusiveLock);
	LockRelationOid(child, ShareRowExclusiveLock);
	if (get_rel_relkind(child) == RELKIND_PARTITIONED_TABLE)
		(void) find_all_inheritors(child, ShareRowExclusiveLock, NULL);

	nc = cap_column_list(PG_GETARG_ARRAYTYPE_P(2), "child_columns", ccols);
	np = cap_column_list(PG_GETARG_ARRAYTYPE_P(5), "parent_columns", pcols);
	if (nc != np)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_FOREIGN_KEY),
				 errmsg("child_columns names %d columns but parent_columns names %d", nc, np),
				 errhint("Name the child's reference columns and the parent's key columns in the same order.")));
	for (int i = 0; i < nc; i++)
	{
		AttrNumber	catt = cap_user_column(child, ccols[i], &t);

		patts[i] = cap_user_column(parent, pcols[i], &pt);
		if (t != pt)
			ereport(ERROR,
					(errcode(ERRCODE_DATATYPE_MISMATCH),
					 errmsg("key columns \"%s\" and \"%s\" are of different types: %s and %s",
							ccols[i], pcols[i], format_type_be(t), format_type_be(pt)),
					 errhint("Give the child's reference column the type of the parent's key column.")));
		cap_check_key_type(child, ccols[i], catt, t);
		cap_check_key_collation(name, child, ccols[i]);
		cap_check_key_collation(name, parent, pcols[i]);
	}
	(void) cap_user_column(child, amount_col, &t);
	cap_check_amount_type(child, amount_col, t, gettext_noop("amount"));
	(void) cap_user_column(parent, limit_col, &t);
	cap_check_amount_type(parent, limit_col, t, gettext_noop("limit"));
	if (!cap_has_unique_index(parent, patts, np))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_FOREIGN_KEY),
				 errmsg("there is no unique constraint matching the given keys for parent table \"%s\"",
						get_rel_name(parent)),
				 errhint("Each parent row must be identified by its key: add a primary key or unique constraint on those columns.")));

	kc_spi_connect();

	/* record the rule (the primary key rejects a duplicate name) */
	for (int i = 0; i < 7; i++)
		args[i] = PG_GETARG_DATUM(i);
	/* the rule belongs to the owner of its child table (see kc_drop_cap) */
	args[7] = ObjectIdGetDatum(cap_rel_owner(child));
	has_owner = cap_rule_has_declared_by();
	if (cap_ext_query(psprintf("SELECT 1 FROM %s.kc_cap_rule WHERE rule_name OPERATOR(pg_catalog.=) $1",
							   cap_nsp()),
					  1, argtypes, args, KC_SNAPSHOT_STATEMENT, SPI_OK_SELECT,
					  "read of kc_cap_rule") > 0)
		ereport(ERROR,
				(errcode(ERRCODE_DUPLICATE_OBJECT),
				 errmsg("cap rule \"%s\" already exists", name),
				 errhint("Choose another name, or drop the rule first with kc_drop_cap.")));
	(void) cap_ext_query(psprintf("INSERT INTO %s.kc_cap_rule (rule_name, child_table,"
								  " child_columns, amount_column, parent_table,"
								  " parent_columns, limit_column%s)"
								  " VALUES ($1, $2, $3, $4, $5, $6, $7%s)", cap_nsp(),
								  has_owner ? ", declared_by" : "", has_owner ? ", $8" : ""),
						 has_owner ? 8 : 7, argtypes, args, KC_SNAPSHOT_STATEMENT,
						 SPI_OK_INSERT, "recording of the rule");

	/* the triggers, as the caller (who owns both tables) */
	lit = quote_literal_cstr(name);
	initStringInfo(&sql);
	appendStringInfo(&sql, "CREATE TRIGGER %s AFTER INSERT OR DELETE OR UPDATE"
					 " ON %s FOR EACH ROW EXECUTE FUNCTION %s.kc_cap_child_row(%s)",
					 quote_identifier(psprintf(KC_CAP_TRG_ROW "%s", name)),
					 cap_qualified(child), cap_nsp(), lit);
	cap_spi_exec(sql.data, SPI_OK_UTILITY);

	cap_truncate_triggers(name, child);

	resetStringInfo(&sql);
	appendStringInfo(&sql, "CREATE TRIGGER %s AFTER INSERT OR DELETE OR UPDATE"
					 " ON %s FOR EACH ROW EXECUTE FUNCTION %s.kc_cap_parent_row(%s)",
					 quote_identifier(psprintf(KC_CAP_TRG_PARENT "%s", name)),
					 cap_qualified(parent), cap_nsp(), lit);
	cap_spi_exec(sql.data, SPI_OK_UTILITY);
	kc_spi_finish();

	/* totals from the rows already there, each checked against its limit */
	cap_cache_forget_rule(name);
	cap_rule_invalidate(name);
	rule = cap_rule_get(name, false);
	cap_rebuild_totals(rule, true);
	PG_RETURN_VOID();
}

/*
 * The rule's tables (InvalidOid when dropped since); errors if no rule or
 * when the caller may not manage it: the owner of every table of the rule
 * that still exists, and when none is left, a member of the role that
 * owned the child table when the rule was declared (or a superuser).
 */
static void
cap_rule_tables(const char *name, const char *action, Oid *child, Oid *parent)
{
	Oid			argtypes[1] = {TEXTOID};
	Datum		args[1];
	bool		isnull;
	Oid			declared_by;

	args[0] = CStringGetTextDatum(name);
	if (cap_ext_query(psprintf("SELECT child_table::pg_catalog.oid, parent_table::pg_catalog.oid,"
							   " %s FROM %s.kc_cap_rule WHERE rule_name OPERATOR(pg_catalog.=) $1",
							   cap_rule_has_declared_by() ?
							   "declared_by::pg_catalog.oid" : "NULL::pg_catalog.oid",
							   cap_nsp()),
					  1, argtypes, args, KC_SNAPSHOT_STATEMENT, SPI_OK_SELECT,
					  "read of kc_cap_rule") == 0)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("cap rule \"%s\" does not exist", name),
				 errhint("The view kc_caps lists the declared rules.")));
	*child = DatumGetObjectId(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
	*parent = DatumGetObjectId(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2, &isnull));
	declared_by = DatumGetObjectId(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 3, &isnull));
	if (isnull)
		declared_by = InvalidOid;
	if (get_rel_name(*child) == NULL)
		*child = InvalidOid;
	if (get_rel_name(*parent) == NULL)
		*parent = InvalidOid;
	if (OidIsValid(*child) && !object_ownercheck(RelationRelationId, *child, GetUserId()))
		aclcheck_error(ACLCHECK_NOT_OWNER, OBJECT_TABLE, get_rel_name(*child));
	if (OidIsValid(*parent) && !object_ownercheck(RelationRelationId, *parent, GetUserId()))
		aclcheck_error(ACLCHECK_NOT_OWNER, OBJECT_TABLE, get_rel_name(*parent));
	if (!OidIsValid(*child) && !OidIsValid(*parent) && !superuser() &&
		!(OidIsValid(declared_by) && has_privs_of_role(GetUserId(), declared_by)))
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 strcmp(action, "drop") == 0 ?
				 errmsg("must be the owner of cap rule \"%s\" to drop it", name) :
				 errmsg("must be the owner of cap rule \"%s\" to rebuild its kept totals", name),
				 errdetail("The tables of the rule no longer exist; the rule belongs to the role that owned its child table."),
				 errhint("Ask that role or a superuser.")));
}

/* Drop the triggers on `relid` that run `fn` for rule `name`. */
static void
cap_drop_rule_triggers(Oid relid, const char *fname, const char *name)
{
	ListCell   *lc;
	Oid			fn = cap_trigger_function(fname);

	foreach(lc, cap_rule_triggers(relid, fn, name))
		cap_spi_exec(psprintf("DROP TRIGGER %s ON %s", quote_identifier(lfirst(lc)),
							  cap_qualified(relid)), SPI_OK_UTILITY);
}

Datum
kc_drop_cap(PG_FUNCTION_ARGS)
{
	char	   *name;
	Oid			child,
				parent;
	Oid			argtypes[1] = {TEXTOID};
	Datum		args[1];
	List	   *rels = NIL;
	ListCell   *lc;

	kc_cap_init_for(fcinfo->flinfo->fn_oid);
	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("argument rule_name of kc_drop_cap must not be NULL")));
	name = text_to_cstring(PG_GETARG_TEXT_PP(0));
	kc_spi_connect();
	cap_rule_tables(name, "drop", &child, &parent);

	/* no writer of the rule's tables runs while it goes */
	if (OidIsValid(parent))
		LockRelationOid(parent, ShareRowExclusiveLock);
	if (OidIsValid(child))
	{
		LockRelationOid(child, ShareRowExclusiveLock);
		cap_drop_rule_triggers(child, "kc_cap_child_row", name);
		if (get_rel_relkind(child) == RELKIND_PARTITIONED_TABLE)
			rels = find_all_inheritors(child, ShareRowExclusiveLock, NULL);
		else
			rels = list_make1_oid(child);
		foreach(lc, rels)
			cap_drop_rule_triggers(lfirst_oid(lc), "kc_cap_child_truncate", name);
	}
	if (OidIsValid(parent))
		cap_drop_rule_triggers(parent, "kc_cap_parent_row", name);

	/*
	 * Delete with the newest snapshot: under REPEATABLE READ the
	 * transaction's snapshot may predate a writer that committed kept
	 * totals before we got the tables' locks, whose rows would be orphaned.
	 */
	args[0] = CStringGetTextDatum(name);
	(void) cap_ext_query(psprintf("DELETE FROM %s.kc_cap_total WHERE rule_name OPERATOR(pg_catalog.=) $1",
								  cap_nsp()), 1, argtypes, args, KC_SNAPSHOT_LATEST,
						 SPI_OK_DELETE, "removal of the kept totals");
	(void) cap_ext_query(psprintf("DELETE FROM %s.kc_cap_rule WHERE rule_name OPERATOR(pg_catalog.=) $1",
								  cap_nsp()), 1, argtypes, args, KC_SNAPSHOT_LATEST,
						 SPI_OK_DELETE, "removal of the rule");
	kc_spi_finish();
	cap_cache_forget_rule(name);
	cap_rule_invalidate(name);
	PG_RETURN_VOID();
}

/* Recompute a rule's kept totals from the rows (owner of its tables only). */
/*
 * kc_cap_rebuild and kc_cap_recheck: recompute a rule's kept totals from the
 * rows and check every limit (owner of its tables only).  kc_cap_rebuild
 * also gives partitions created since the rule was declared their TRUNCATE
 * trigger; kc_cap_recheck, run by the event trigger after ALTER TABLE,
 * creates nothing (during a pg_restore the dump's own CREATE TRIGGER
 * statements come later).
 */
static void
cap_rebuild_rule(FunctionCallInfo fcinfo, const char *fname, bool add_triggers)
{
	char	   *name;
	Oid			child,
				parent;
	CapRule    *rule;

	kc_cap_init_for(fcinfo->flinfo->fn_oid);
	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("argument rule_name of %s must not be NULL", fname)));
	name = text_to_cstring(PG_GETARG_TEXT_PP(0));
	kc_spi_connect();
	cap_rule_tables(name, "rebuild", &child, &parent);
	if (!OidIsValid(child) || !OidIsValid(parent))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("a table of cap rule \"%s\" no longer exists", name),
				 errhint("Drop the rule with kc_drop_cap.")));
	LockRelationOid(parent, ShareRowExclusiveLock);
	LockRelationOid(child, ShareRowExclusiveLock);
	if (add_triggers)
		cap_truncate_triggers(name, child);
	kc_spi_finish();
	rule = cap_rule_get(name, false);
	cap_cache_forget_rule(name);
	cap_rebuild_totals(rule, true);
}

Datum
kc_cap_rebuild(PG_FUNCTION_ARGS)
{
	cap_rebuild_rule(fcinfo, "kc_cap_rebuild", true);
	PG_RETURN_VOID();
}

Datum
kc_cap_recheck(PG_FUNCTION_ARGS)
{
	cap_rebuild_rule(fcinfo, "kc_cap_recheck", false);
	PG_RETURN_VOID();
}
