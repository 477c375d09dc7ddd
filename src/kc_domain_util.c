/*
 * kc_domain_util.c
 *		Helpers shared by the domain-rule triggers: the extension's schema,
 *		trigger-call checks, column lookup, amounts and shares written in
 *		Vietnamese notation, plans run under the latest snapshot, and
 *		kc_trigger_args() for the SQL-level reports.
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
#include "utils/snapmgr.h"
#include "access/table.h"

#include "kc_domain_util.h"

char *
kc_domain_schema_of(Oid fn_oid)
{
	Oid			nsp = get_func_namespace(fn_oid);
	char	   *name = get_namespace_name(nsp);

	if (name == NULL)
		elog(ERROR, "cache lookup failed for namespace of function %u", fn_oid);
	return pstrdup(quote_identifier(name));
}

TriggerData *
kc_domain_trigger_data(FunctionCallInfo fcinfo, const char *funcname,
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
				 errmsg("function \"%s\" must be fired %s", funcname,
						row_level ? "for each row" : "for each statement")));
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
kc_domain_column(Relation rel, const char *column, const char *trigger_name)
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
kc_domain_format_dong(int64 amount)
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
kc_domain_format_share_pct(Datum share)
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

int
kc_domain_execute_latest(SPIPlanPtr plan, Datum *values, const char *nulls,
						 bool read_only, long count)
{
	return SPI_execute_snapshot(plan, values, nulls, GetLatestSnapshot(),
								InvalidSnapshot, read_only, false, count);
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
