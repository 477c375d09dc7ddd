/*
 * kc_rule_util.c
 *		Helpers shared by the rules' triggers: the extension's schema and
 *		the owner of its tables, trigger-call checks, column lookup, amounts
 *		and shares written in Vietnamese notation, kc_trigger_args() for the
 *		SQL-level reports, and kc_inherit_guard(), which keeps the rules
 *		sound under plain table inheritance.
 *
 * Nothing here switches user (kc_rule_spi.c does, for every rule).
 */
#include "kc_ext.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "mb/pg_wchar.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/numeric.h"
#include "utils/rel.h"
#include "utils/syscache.h"
#include "catalog/pg_class.h"
#include "utils/snapmgr.h"
#include "access/table.h"
#include "catalog/pg_inherits.h"
#include "commands/trigger.h"

#include "kc_rule_util.h"

char *
kc_rule_schema_of(Oid fn_oid)
{
	Oid			nsp = get_func_namespace(fn_oid);
	char	   *name = get_namespace_name(nsp);

	if (name == NULL)
		elog(ERROR, "cache lookup failed for namespace of function %u", fn_oid);
	return pstrdup(quote_identifier(name));
}

/*
 * The owner of the extension's table `relname` in the schema of function
 * fn_oid: the role the rules' queries on that table run as.  A table that
 * is missing fails the check (a rule never treats "no table" as "no rule").
 */
Oid
kc_rule_ext_table_owner(Oid fn_oid, const char *relname)
{
	Oid			nsp = get_func_namespace(fn_oid);
	Oid			relid = get_relname_relid(relname, nsp);
	Oid			owner;
	HeapTuple	tp;

	if (!OidIsValid(relid))
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("table %s of extension kc_ext is missing from schema \"%s\"",
						relname, get_namespace_name(nsp)),
				 errhint("Reinstall kc_ext or restore its configuration tables.")));
	tp = SearchSysCache1(RELOID, ObjectIdGetDatum(relid));
	if (!HeapTupleIsValid(tp))
		elog(ERROR, "cache lookup failed for relation %u", relid);
	owner = ((Form_pg_class) GETSTRUCT(tp))->relowner;
	ReleaseSysCache(tp);
	return owner;
}

TriggerData *
kc_rule_trigger_data(FunctionCallInfo fcinfo, const char *funcname,
					   bool row_level, int nargs)
{
	TriggerData *trigdata;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("function \"%s\" must be called as a trigger", funcname)));
	trigdata = (TriggerData *) fcinfo->context;
	if (row_level != (bool) TRIGGER_FIRED_FOR_ROW(trigdata->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 row_level ?
				 errmsg("function \"%s\" must be fired for each row", funcname) :
				 errmsg("function \"%s\" must be fired for each statement", funcname)));
	if (nargs >= 0 && trigdata->tg_trigger->tgnargs != nargs)
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("trigger \"%s\" on relation \"%s\" has %d arguments, function \"%s\" needs %d",
						trigdata->tg_trigger->tgname,
						RelationGetRelationName(trigdata->tg_relation),
						trigdata->tg_trigger->tgnargs, funcname, nargs)));
	return trigdata;
}

AttrNumber
kc_rule_column(Relation rel, const char *column, const char *trigger_name)
{
	int			attnum = SPI_fnumber(RelationGetDescr(rel), column);

	if (attnum <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_COLUMN),
				 errmsg("column \"%s\" named by trigger \"%s\" does not exist in relation \"%s\"",
						column, trigger_name, RelationGetRelationName(rel)),
				 errhint("Was the column renamed or dropped?  Install the check again.")));
	return (AttrNumber) attnum;
}

char *
kc_rule_format_dong(int64 amount)
{
	char		buf[KC_FORMAT_BUFSZ];
	int			len;
	char	   *conv;

	len = kc_format_amount(amount, KC_UNIT_DONG, -1, KC_ROUND_HALF_UP, buf);
	conv = pg_any_to_server(buf, len, PG_UTF8);
	/* Without a conversion the result is buf itself. */
	return conv == buf ? pnstrdup(buf, len) : conv;
}

char *
kc_rule_format_share_pct(Datum share)
{
	Datum		pct;
	char	   *plain;
	char		buf[KC_FORMAT_BUFSZ];
	int			len;

	pct = DirectFunctionCall2(numeric_mul, share,
							  NumericGetDatum(int64_to_numeric(100)));
	plain = DatumGetCString(DirectFunctionCall1(numeric_out, pct));
	len = kc_localize_decimal(plain, true, buf, sizeof(buf) - 1);
	if (len < 0)
		return plain;
	buf[len] = '\0';
	return pstrdup(buf);
}

/*
 * kc_trigger_args(rel regclass, trigger_name text) RETURNS text[]
 *		The arguments of a relation's trigger, NULL if it has no such trigger.
 */
PG_FUNCTION_INFO_V1(kc_trigger_args);
Datum
kc_trigger_args(PG_FUNCTION_ARGS)
{
	Oid			relid = PG_GETARG_OID(0);
	char	   *tgname = text_to_cstring(PG_GETARG_TEXT_PP(1));
	Relation	rel;
	ArrayType  *result = NULL;

	rel = table_open(relid, AccessShareLock);
	if (rel->trigdesc != NULL)
	{
		for (int i = 0; i < rel->trigdesc->numtriggers; i++)
		{
			Trigger    *tg = &rel->trigdesc->triggers[i];
			Datum	   *elems;

			if (strcmp(tg->tgname, tgname) != 0)
				continue;
			elems = palloc(sizeof(Datum) * Max(tg->tgnargs, 1));
			for (int j = 0; j < tg->tgnargs; j++)
				elems[j] = CStringGetTextDatum(tg->tgargs[j]);
			result = construct_array(elems, tg->tgnargs, TEXTOID, -1, false,
									 TYPALIGN_INT);
			break;
		}
	}
	table_close(rel, AccessShareLock);
	if (result == NULL)
		PG_RETURN_NULL();
	PG_RETURN_ARRAYTYPE_P(result);
}

/* The trigger of relation rel named tgname, NULL if none. */
static Trigger *
find_trigger(Relation rel, const char *tgname)
{
	if (rel->trigdesc == NULL)
		return NULL;
	for (int i = 0; i < rel->trigdesc->numtriggers; i++)
		if (strcmp(rel->trigdesc->triggers[i].tgname, tgname) == 0)
			return &rel->trigdesc->triggers[i];
	return NULL;
}

/* Does trigger t do what model does (same function, events, arguments)? */
static bool
same_check(const Trigger *model, const Trigger *t)
{
	if (t == NULL || t->tgenabled == TRIGGER_DISABLED ||
		t->tgfoid != model->tgfoid || t->tgtype != model->tgtype ||
		t->tgnargs != model->tgnargs || t->tgnattr != model->tgnattr ||
		(t->tgqual == NULL) != (model->tgqual == NULL))
		return false;
	for (int i = 0; i < t->tgnargs; i++)
		if (strcmp(t->tgargs[i], model->tgargs[i]) != 0)
			return false;
	return t->tgqual == NULL || strcmp(t->tgqual, model->tgqual) == 0;
}

/*
 * kc_inherit_guard(row_trigger, enforce_function): BEFORE UPDATE [OR
 * DELETE] statement trigger that kc_enforce_year_lock() and
 * kc_enforce_support_cap() put on a plain table beside their row trigger.
 *
 * Plain inheritance (not partitioning): UPDATE and DELETE on a parent also
 * change the rows of its inheritance children, and row triggers fire on the
 * table that stores the row, so a child without the row trigger escapes the
 * rule.  kc_enforce_* install the row trigger on every inheritance child;
 * this guard, which fires on the table the statement names, refuses the
 * statement (SQLSTATE 55000) when a child added since (CREATE TABLE ...
 * INHERITS, ALTER TABLE ... INHERIT) lacks an identical, enabled row
 * trigger.  INSERT and COPY into a parent store rows in the parent only.
 * Partitions need no guard: row triggers are cloned to every partition,
 * including those attached later, and partitions cannot have inheritance
 * children.  The common case costs one look at relhassubclass.
 */
PG_FUNCTION_INFO_V1(kc_inherit_guard);
Datum
kc_inherit_guard(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata;
	Relation	rel;
	Oid			relid;
	const char *tgname;
	Trigger    *model;
	List	   *children;
	ListCell   *lc;

	trigdata = kc_rule_trigger_data(fcinfo, "kc_inherit_guard", false, 2);
	if (!TRIGGER_FIRED_BEFORE(trigdata->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("function \"kc_inherit_guard\" must be fired BEFORE UPDATE or DELETE")));
	rel = trigdata->tg_relation;
	relid = RelationGetRelid(rel);
	if (!has_subclass(relid))
		return PointerGetDatum(NULL);

	/* The table's own check; disabled or gone, there is nothing to keep. */
	tgname = trigdata->tg_trigger->tgargs[0];
	model = find_trigger(rel, tgname);
	if (model == NULL || model->tgenabled == TRIGGER_DISABLED)
		return PointerGetDatum(NULL);

	/* The statement has locked the children it writes already. */
	children = find_all_inheritors(relid, AccessShareLock, NULL);
	foreach(lc, children)
	{
		Oid			child = lfirst_oid(lc);
		Relation	crel;

		if (child == relid)
			continue;
		crel = table_open(child, NoLock);
		if (!same_check(model, find_trigger(crel, tgname)))
			ereport(ERROR,
					(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
					 errmsg("relation \"%s\" inherits from \"%s\" but lacks its trigger \"%s\"",
							RelationGetRelationName(crel),
							RelationGetRelationName(rel), tgname),
					 errdetail("An UPDATE or DELETE on \"%s\" also changes the rows of \"%s\", which trigger \"%s\" would not check.",
							   RelationGetRelationName(rel),
							   RelationGetRelationName(crel), tgname),
					 errhint("Run %s on \"%s\" again: it installs the check on every inheritance child too.",
							 trigdata->tg_trigger->tgargs[1],
							 RelationGetRelationName(rel)),
					 errtableconstraint(rel, tgname)));
		table_close(crel, NoLock);
	}
	return PointerGetDatum(NULL);
}
