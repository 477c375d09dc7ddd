/*
 * kc_year_lock.c
 *		Closed years: the row and TRUNCATE triggers installed by
 *		kc_enforce_year_lock(), and kc_close_year() / kc_reopen_year().
 *
 * A write touching a closed year fails with SQLSTATE 55000
 * (object_not_in_prerequisite_state) and constraint name kc_year_lock.
 *
 * Concurrency.  kc_close_year() takes a SHARE lock on every protected table
 * before it records the closing, so it waits for the writers in flight
 * (which hold ROW EXCLUSIVE) and keeps new writers out until it commits.
 * The triggers read the closed years under the latest snapshot, not the
 * transaction's, so a REPEATABLE READ writer whose snapshot is older than
 * the closing still sees it.  Together: once a closing has committed no
 * writer can add to that year, and a closing never commits while a writer
 * that started before it is still running.
 *
 * The closed years a transaction has seen are cached: while it holds ROW
 * EXCLUSIVE on a protected table (as every writer does when its trigger
 * runs), no closing can commit, so the set can only shrink (by a reopening,
 * which at worst makes the cache refuse a write that would now pass, and is
 * then looked up again).  The cache is dropped at the end of the
 * (sub)transaction and whenever this backend changes kc_closed_year (a
 * statement trigger on it bumps a counter), so a transaction's own
 * closings count at once.
 *
 * Privileges.  The functions run as their caller, check that the caller is
 * a superuser, has the privileges of the owner of the extension's tables or
 * of a role named kc_year_admin, and then write the status table and the
 * log as that owner, with search_path pinned to pg_catalog, pg_temp.
 *
 * Failing closed.  The triggers read kc_closed_year as its owner, past
 * row-level security, so neither a missing SELECT grant nor a policy can
 * make a closed year look open; and when the table cannot be found in the
 * extension's schema as a member of the extension (dropped from it,
 * renamed, ...) they refuse every write with SQLSTATE 55000 instead of
 * treating "no closed years" as "nothing closed".  Rows deleted from a
 * table that is there (a restore that could not write it) cannot be told
 * from years never closed: README, "Closed years".
 *
 * User switches (all through kc_rule_run, kc_rule_spi.c, which adds
 * SECURITY_RESTRICTED_OPERATION and SECURITY_NOFORCE_RLS), and why each is
 * safe: each runs
 * one query written here, reading or writing only tables of the extension
 * and the protected table, with every operator qualified.  The only objects
 * those queries can run that someone else controls belong to the role
 * switched to (the table's owner), so no object runs with more privilege
 * than its owner has; SECURITY_RESTRICTED_OPERATION keeps that code from
 * changing the session (SET ROLE, temporary objects, ...), and
 * SECURITY_LOCAL_USERID_CHANGE undoes the switch on error.
 *   - kc_year_lock_row: reads kc_closed_year as its owner.
 *   - kc_year_lock_truncate: reads the truncated table as its owner.
 *   - change_year: writes kc_closed_year and the log as their owner.
 */
#include "kc_ext.h"

#include "access/htup_details.h"
#include "access/xact.h"
#include "catalog/dependency.h"
#include "catalog/namespace.h"
#include "catalog/pg_proc.h"
#include "catalog/pg_class.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "nodes/makefuncs.h"
#include "parser/parse_func.h"
#include "storage/lmgr.h"
#include "storage/proc.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/syscache.h"

#include "kc_rule_util.h"

#define YEAR_LOCK_CONSTRAINT	"kc_year_lock"
#define YEAR_ADMIN_ROLE			"kc_year_admin"
#define YEAR_MIN				1900
#define YEAR_MAX				9999

/*
 * The closed-year table of the extension whose function fn_oid is, and its
 * owner.  Without it the triggers cannot tell a closed year from an open
 * one, so they refuse the write (SQLSTATE 55000) rather than allow it.
 */
static Oid
closed_year_table(Oid fn_oid, Relation rel, Oid *owner)
{
	Oid			nsp = get_func_namespace(fn_oid);
	Oid			ext = getExtensionOfObject(ProcedureRelationId, fn_oid);
	Oid			relid = get_relname_relid("kc_closed_year", nsp);
	HeapTuple	tp;
	Form_pg_class form;

	if (!OidIsValid(ext) || !OidIsValid(relid) ||
		getExtensionOfObject(RelationRelationId, relid) != ext)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("the closed years cannot be read: table kc_closed_year of extension kc_ext is missing from schema \"%s\"",
						get_namespace_name(nsp)),
				 errdetail("Writes to relation \"%s\" are refused while the closed-year configuration is missing: without it a closed year would look open.",
						   RelationGetRelationName(rel)),
				 errhint("Bring kc_closed_year back (restore it as a superuser, or reinstall kc_ext and restore its configuration), then retry."),
				 errtableconstraint(rel, YEAR_LOCK_CONSTRAINT)));
	tp = SearchSysCache1(RELOID, ObjectIdGetDatum(relid));
	if (!HeapTupleIsValid(tp))
		elog(ERROR, "cache lookup failed for relation %u", relid);
	form = (Form_pg_class) GETSTRUCT(tp);
	*owner = form->relowner;
	ReleaseSysCache(tp);
	return relid;
}

/* The queries of closed years in the keyed plan cache (kc_rule_spi.c). */
enum
{
	YEAR_Q_CLOSED = 1,
	YEAR_Q_ALL_CLOSED,
	YEAR_Q_TRUNCATE
};

/*
 * How the triggers read: as `role`, under the latest snapshot (a
 * REPEATABLE READ writer whose snapshot is older than a closing still sees
 * it; see the header).
 */
static KcRun
year_run(Oid role, long count, const char *what)
{
	KcRun		how = {0};

	how.role = role;
	how.snapshot = KC_SNAPSHOT_LATEST;
	how.read_only = true;
	how.count = count;
	how.expect = SPI_OK_SELECT;
	how.what = what;
	return how;
}

/* Closed-year lookup for the row trigger: the first of $1, $2 closed. */
static SPIPlanPtr
get_closed_plan(Oid fn_oid, const KcRun *how)
{
	KcQueryKey	key;
	SPIPlanPtr	plan;
	Oid			argtypes[2] = {INT4OID, INT4OID};

	kc_query_key(&key, KC_RULE_YEAR_LOCK, YEAR_Q_CLOSED, NULL, InvalidOid,
				 get_func_namespace(fn_oid));
	plan = kc_query_lookup(&key);
	if (plan == NULL)
		plan = kc_query_prepare(&key,
								psprintf("SELECT y.year, y.closed_by::pg_catalog.text, y.reason"
										 " FROM %s.kc_closed_year y"
										 " WHERE y.year OPERATOR(pg_catalog.=) $1"
										 "    OR y.year OPERATOR(pg_catalog.=) $2"
										 " ORDER BY y.year LIMIT 1",
										 kc_rule_schema_of(fn_oid)),
								2, argtypes, how);
	return plan;
}

/*
 * The closed years, as last read by this transaction (see the header).
 * Only the years: an error looks the details up again.
 */
#define YEAR_CACHE_MAX 256
static int32 cached_years[YEAR_CACHE_MAX];
static int	n_cached_years = 0;
static bool cache_valid = false;
static LocalTransactionId cached_lxid = InvalidLocalTransactionId;
static SubTransactionId cached_subxid = InvalidSubTransactionId;
static Oid	cached_nsp = InvalidOid;
static uint64 cached_generation = 0;
static uint64 status_generation = 0;	/* bumped when kc_closed_year changes */

static bool
cache_usable(Oid nsp)
{
	return cache_valid &&
		cached_lxid == KC_MY_LXID() &&
		cached_subxid == GetCurrentSubTransactionId() &&
		cached_nsp == nsp &&
		cached_generation == status_generation;
}

static bool
cache_holds(Datum *values, const char *nulls)
{
	for (int i = 0; i < n_cached_years; i++)
		for (int j = 0; j < 2; j++)
			if (nulls[j] != 'n' && DatumGetInt32(values[j]) == cached_years[i])
				return true;
	return false;
}

/* Read every closed year under the latest snapshot (SPI connected). */
static void
fill_cache(Oid fn_oid, Oid nsp, Oid owner)
{
	KcQueryKey	key;
	SPIPlanPtr	plan;
	KcRun		how = year_run(owner, YEAR_CACHE_MAX + 1, "closed-year lookup");

	cache_valid = false;
	kc_query_key(&key, KC_RULE_YEAR_LOCK, YEAR_Q_ALL_CLOSED, NULL, InvalidOid, nsp);
	plan = kc_query_lookup(&key);
	if (plan == NULL)
		plan = kc_query_prepare(&key,
								psprintf("SELECT y.year FROM %s.kc_closed_year y",
										 kc_rule_schema_of(fn_oid)),
								0, NULL, &how);
	if (kc_rule_run(plan, NULL, NULL, &how) > YEAR_CACHE_MAX)
		return;					/* too many to cache: look up every row */
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		bool		isnull;

		cached_years[i] = DatumGetInt32(SPI_getbinval(SPI_tuptable->vals[i],
													  SPI_tuptable->tupdesc, 1,
													  &isnull));
	}
	n_cached_years = (int) SPI_processed;
	cached_lxid = KC_MY_LXID();
	cached_subxid = GetCurrentSubTransactionId();
	cached_nsp = nsp;
	cached_generation = status_generation;
	cache_valid = true;
}

/*
 * kc_year_lock_status_changed(): AFTER statement trigger on kc_closed_year;
 * this backend's cache of closed years is out of date.
 */
PG_FUNCTION_INFO_V1(kc_year_lock_status_changed);
Datum
kc_year_lock_status_changed(PG_FUNCTION_ARGS)
{
	(void) kc_rule_trigger_data(fcinfo, "kc_year_lock_status_changed", false, 0);
	status_generation++;
	cache_valid = false;
	return PointerGetDatum(NULL);
}

/*
 * The year of a row as an int4 Datum; *isnull when the column is NULL or
 * the value is outside the years that can be closed (it cannot be closed).
 */
static Datum
row_year(HeapTuple tuple, TupleDesc desc, AttrNumber attnum, bool *isnull)
{
	Datum		d = heap_getattr(tuple, attnum, desc, isnull);
	int64		v;

	if (*isnull)
		return (Datum) 0;
	switch (TupleDescAttr(desc, attnum - 1)->atttypid)
	{
		case INT2OID:
			v = DatumGetInt16(d);
			break;
		case INT4OID:
			v = DatumGetInt32(d);
			break;
		case INT8OID:
			v = DatumGetInt64(d);
			break;
		default:
			ereport(ERROR,
					(errcode(ERRCODE_DATATYPE_MISMATCH),
					 errmsg("year column \"%s\" of relation \"%s\" is not an integer",
							NameStr(TupleDescAttr(desc, attnum - 1)->attname),
							get_rel_name(TupleDescAttr(desc, attnum - 1)->attrelid))));
			v = 0;				/* keep the compiler quiet */
	}
	if (v < YEAR_MIN || v > YEAR_MAX)
	{
		*isnull = true;
		return (Datum) 0;
	}
	return Int32GetDatum((int32) v);
}

/*
 * kc_year_lock_row(year_column): AFTER INSERT OR UPDATE OR DELETE row
 * trigger.  Fails when the old or the new row is in a closed year.
 */
PG_FUNCTION_INFO_V1(kc_year_lock_row);
Datum
kc_year_lock_row(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata;
	Relation	rel;
	TupleDesc	desc;
	AttrNumber	attnum;
	const char *column;
	Datum		values[2];
	char		nulls[2] = {'n', 'n'};
	bool		isnull;
	Oid			nsp;
	Oid			owner;
	KcRun		how;

	trigdata = kc_rule_trigger_data(fcinfo, "kc_year_lock_row", true, 1);
	if (!TRIGGER_FIRED_AFTER(trigdata->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("function \"kc_year_lock_row\" must be fired AFTER INSERT OR UPDATE OR DELETE")));
	rel = trigdata->tg_relation;
	desc = RelationGetDescr(rel);
	column = trigdata->tg_trigger->tgargs[0];
	attnum = kc_rule_column(rel, column, trigdata->tg_trigger->tgname);

	/* $1: the old row's year, $2: the new row's. */
	if (TRIGGER_FIRED_BY_INSERT(trigdata->tg_event))
	{
		values[1] = row_year(trigdata->tg_trigtuple, desc, attnum, &isnull);
		nulls[1] = isnull ? 'n' : ' ';
	}
	else
	{
		values[0] = row_year(trigdata->tg_trigtuple, desc, attnum, &isnull);
		nulls[0] = isnull ? 'n' : ' ';
		if (TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event))
		{
			values[1] = row_year(trigdata->tg_newtuple, desc, attnum, &isnull);
			nulls[1] = isnull ? 'n' : ' ';
		}
	}
	if (nulls[0] == 'n' && nulls[1] == 'n')
		return PointerGetDatum(NULL);

	nsp = get_func_namespace(fcinfo->flinfo->fn_oid);
	if (cache_usable(nsp) && !cache_holds(values, nulls))
		return PointerGetDatum(NULL);

	(void) closed_year_table(fcinfo->flinfo->fn_oid, rel, &owner);

	/*
	 * Read kc_closed_year as its owner, past row-level security, so that
	 * neither a missing grant nor a policy hides a closed year from the
	 * check.  Safe: the queries (get_closed_plan, fill_cache) read only that
	 * table of the extension, with pg_catalog operators and parameters; no
	 * object of the writer's runs in them (see the header).
	 */
	how = year_run(owner, 1, "closed-year lookup");
	kc_spi_connect();
	if (!cache_usable(nsp))
	{
		fill_cache(fcinfo->flinfo->fn_oid, nsp, owner);
		if (cache_valid && !cache_holds(values, nulls))
		{
			kc_spi_finish();
			return PointerGetDatum(NULL);
		}
	}
	if (kc_rule_run(get_closed_plan(fcinfo->flinfo->fn_oid, &how), values, nulls,
					&how) == 1)
	{
		HeapTuple	t = SPI_tuptable->vals[0];
		TupleDesc	d = SPI_tuptable->tupdesc;
		int32		year = DatumGetInt32(SPI_getbinval(t, d, 1, &isnull));
		bool		old_hit = nulls[0] != 'n' && DatumGetInt32(values[0]) == year;
		const char *which;

		if (TRIGGER_FIRED_BY_INSERT(trigdata->tg_event))
			which = gettext_noop("new row");
		else if (TRIGGER_FIRED_BY_DELETE(trigdata->tg_event))
			which = gettext_noop("deleted row");
		else if (old_hit)
			which = gettext_noop("row before the update");
		else
			which = gettext_noop("row after the update");

		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("year %d is closed", year),
				 errdetail("The %s of relation \"%s\" has %s = %d; year %d was closed by %s: %s.",
						   _(which), RelationGetRelationName(rel), column, year, year,
						   SPI_getvalue(t, d, 2), SPI_getvalue(t, d, 3)),
				 errhint("Rows of a closed year do not change; kc_reopen_year(%d, reason) reopens it.",
						 year),
				 errtableconstraint(rel, YEAR_LOCK_CONSTRAINT)));
	}
	kc_spi_finish();
	return PointerGetDatum(NULL);
}

/*
 * kc_year_lock_truncate(year_column): BEFORE TRUNCATE statement trigger.
 * Fails when the table holds a row of a closed year.  The table is read as
 * its owner: TRUNCATE privilege does not include SELECT.  TRUNCATE removes
 * every row, whatever row-level security shows, so the check must see every
 * row too: SECURITY_NOFORCE_RLS lets the owner past its own FORCEd policies
 * (a policy the owner does not pass would otherwise hide closed-year rows
 * and let a clerk with TRUNCATE empty a closed year).  Without FROM ONLY the
 * check sees the rows of inheritance children and partitions as well, which
 * is what TRUNCATE without ONLY removes (with ONLY it refuses a little more
 * than it must, never less).
 */
PG_FUNCTION_INFO_V1(kc_year_lock_truncate);
Datum
kc_year_lock_truncate(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata;
	Relation	rel;
	const char *column;
	char	   *sql;
	KcQueryKey	key;
	KcRun		how;
	SPIPlanPtr	plan;
	Oid			owner;

	trigdata = kc_rule_trigger_data(fcinfo, "kc_year_lock_truncate", false, 1);
	if (!TRIGGER_FIRED_BY_TRUNCATE(trigdata->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("function \"kc_year_lock_truncate\" must be fired BEFORE TRUNCATE")));
	rel = trigdata->tg_relation;
	column = trigdata->tg_trigger->tgargs[0];
	(void) kc_rule_column(rel, column, trigdata->tg_trigger->tgname);
	(void) closed_year_table(fcinfo->flinfo->fn_oid, rel, &owner);

	sql = psprintf("SELECT y.year, y.closed_by::pg_catalog.text, y.reason"
				   " FROM %s.kc_closed_year y"
				   " WHERE EXISTS (SELECT FROM %s t"
				   "               WHERE t.%s OPERATOR(pg_catalog.=) y.year)"
				   " ORDER BY y.year LIMIT 1",
				   kc_rule_schema_of(fcinfo->flinfo->fn_oid),
				   quote_qualified_identifier(get_namespace_name(RelationGetNamespace(rel)),
											  RelationGetRelationName(rel)),
				   quote_identifier(column));

	/*
	 * Safe: the query reads the truncated table (the owner's: its policies,
	 * which NOFORCE_RLS skips, its column types and their operators, its
	 * inheritance children and partitions, all of which only its owner can
	 * add) and kc_closed_year, with pg_catalog operators; so whatever runs
	 * belongs to the owner switched to, or to the extension.  The caller
	 * learns at most that the table holds some row of a closed year, which
	 * TRUNCATE, allowed to it, would have removed.
	 */
	how = year_run(rel->rd_rel->relowner, 1, "closed-year check of the truncated rows");
	kc_spi_connect();
	kc_query_key(&key, KC_RULE_YEAR_LOCK, YEAR_Q_TRUNCATE, column,
				 RelationGetRelid(rel), get_func_namespace(fcinfo->flinfo->fn_oid));
	plan = kc_query_lookup(&key);
	if (plan == NULL)
		plan = kc_query_prepare(&key, sql, 0, NULL, &how);
	if (kc_rule_run(plan, NULL, NULL, &how) == 1)
	{
		HeapTuple	t = SPI_tuptable->vals[0];
		TupleDesc	d = SPI_tuptable->tupdesc;
		bool		isnull;
		int32		year = DatumGetInt32(SPI_getbinval(t, d, 1, &isnull));

		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("cannot truncate relation \"%s\": it holds rows of closed year %d",
						RelationGetRelationName(rel), year),
				 errdetail("Year %d was closed by %s: %s.",
						   year, SPI_getvalue(t, d, 2), SPI_getvalue(t, d, 3)),
				 errhint("Delete the rows of open years instead, or reopen the year with kc_reopen_year(%d, reason).",
						 year),
				 errtableconstraint(rel, YEAR_LOCK_CONSTRAINT)));
	}
	kc_spi_finish();
	return PointerGetDatum(NULL);
}

/* Owner of the extension's status table: who writes it. */
static Oid
status_table_owner(Oid nsp, Oid *relid)
{
	HeapTuple	tp;
	Oid			owner;

	*relid = get_relname_relid("kc_closed_year", nsp);
	if (!OidIsValid(*relid))
		elog(ERROR, "table kc_closed_year of extension kc_ext is missing");
	tp = SearchSysCache1(RELOID, ObjectIdGetDatum(*relid));
	if (!HeapTupleIsValid(tp))
		elog(ERROR, "cache lookup failed for relation %u", *relid);
	owner = ((Form_pg_class) GETSTRUCT(tp))->relowner;
	ReleaseSysCache(tp);
	return owner;
}

static bool
may_close_years(Oid roleid, Oid owner)
{
	Oid			admin;

	if (superuser_arg(roleid) || has_privs_of_role(roleid, owner))
		return true;
	admin = get_role_oid(YEAR_ADMIN_ROLE, true);
	return OidIsValid(admin) && has_privs_of_role(roleid, admin);
}

/*
 * SHARE-lock every table protected by kc_year_lock_row, in OID order.
 *
 * Temporary tables are skipped.  Any role with TEMP can put the trigger on
 * a temporary table of its own (kc_enforce_year_lock refuses them since
 * 1.1, but CREATE TRIGGER needs no more than ownership), take ACCESS
 * EXCLUSIVE on it and stay idle: waiting for it while holding SHARE on the
 * real tables would block every writer.  Nothing needs the lock on a
 * temporary table: only its own session ever writes it, and that session
 * checks the closed years under the latest snapshot like every writer.
 */
static void
lock_protected_tables(Oid nsp)
{
	List	   *fname;
	Oid			fn;
	Oid			argtypes[1] = {OIDOID};
	Datum		values[1];
	Oid		   *relids;
	uint64		n;
	int			ret;

	fname = list_make2(makeString(get_namespace_name(nsp)),
					   makeString("kc_year_lock_row"));
	fn = LookupFuncName(fname, 0, NULL, false);
	values[0] = ObjectIdGetDatum(fn);
	ret = SPI_execute_with_args("SELECT DISTINCT t.tgrelid FROM pg_catalog.pg_trigger t"
								" JOIN pg_catalog.pg_class c"
								"   ON c.oid OPERATOR(pg_catalog.=) t.tgrelid"
								" WHERE t.tgfoid OPERATOR(pg_catalog.=) $1"
								"   AND c.relpersistence OPERATOR(pg_catalog.<>)"
								"       " CppAsString2(RELPERSISTENCE_TEMP)
								" ORDER BY 1",
								1, argtypes, values, NULL, true, 0);
	if (ret != SPI_OK_SELECT)
		elog(ERROR, "protected-table lookup failed: %s", SPI_result_code_string(ret));
	n = SPI_processed;
	relids = palloc(sizeof(Oid) * Max(n, 1));
	for (uint64 i = 0; i < n; i++)
	{
		bool		isnull;

		relids[i] = DatumGetObjectId(SPI_getbinval(SPI_tuptable->vals[i],
												   SPI_tuptable->tupdesc, 1, &isnull));
	}
	for (uint64 i = 0; i < n; i++)
		LockRelationOid(relids[i], ShareLock);
}

static void
change_year(FunctionCallInfo fcinfo, bool close)
{
	/* translated where used: _(verb); "close" a year is "khóa sổ" it */
	const char *verb = close ? gettext_noop("close") : gettext_noop("reopen");
	int32		year;
	char	   *reason;
	Oid			caller = GetUserId();
	Oid			nsp = get_func_namespace(fcinfo->flinfo->fn_oid);
	char	   *schema = kc_rule_schema_of(fcinfo->flinfo->fn_oid);
	Oid			status_relid;
	Oid			owner;
	int			save_nestlevel;
	Oid			argtypes[5] = {INT4OID, TEXTOID, TEXTOID, TEXTOID, TEXTOID};
	Datum		values[5];
	KcRun		how = {0};
	char	   *sql;

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("the year to %s is missing", _(verb))));
	year = PG_GETARG_INT32(0);
	if (year < YEAR_MIN || year > YEAR_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("year %d is out of range", year),
				 errhint("Years run from %d to %d.", YEAR_MIN, YEAR_MAX)));
	if (PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("a reason to %s year %d is required", _(verb), year),
				 errhint("The reason is kept in the year-lock log, e.g. the settlement decision.")));
	reason = text_to_cstring(PG_GETARG_TEXT_PP(1));
	if (reason[strspn(reason, " \t\r\n")] == '\0')
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the reason to %s year %d is blank", _(verb), year),
				 errhint("The reason is kept in the year-lock log, e.g. the settlement decision.")));

	owner = status_table_owner(nsp, &status_relid);
	if (!may_close_years(caller, owner))
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("permission denied to %s year %d", _(verb), year),
				 errhint("Superusers, the owner of extension kc_ext and members of role %s may close and reopen years.",
						 YEAR_ADMIN_ROLE)));

	kc_spi_connect();

	/* Wait for the writers in flight; keep new ones out until commit. */
	if (close)
		lock_protected_tables(nsp);

	values[0] = Int32GetDatum(year);
	values[1] = CStringGetTextDatum(GetUserNameFromId(caller, false));
	values[2] = CStringGetTextDatum(reason);
	values[3] = CStringGetTextDatum(GetUserNameFromId(GetSessionUserId(), false));
	values[4] = CStringGetTextDatum(verb);

	/*
	 * Write as the owner of the tables, with a pinned search_path.  Safe:
	 * the caller was checked above (may_close_years); the statements write
	 * the extension's two tables with values passed as parameters, and the
	 * only code they run is the extension's (the status trigger, the
	 * checks and defaults of those tables, which only the owner can add to).
	 */
	save_nestlevel = NewGUCNestLevel();
	(void) set_config_option("search_path", "pg_catalog, pg_temp",
							 PGC_USERSET, PGC_S_SESSION, GUC_ACTION_SAVE,
							 true, 0, false);

	how.role = owner;
	how.snapshot = KC_SNAPSHOT_STATEMENT;
	how.read_only = false;
	how.count = 0;
	how.expect = close ? SPI_OK_INSERT : SPI_OK_DELETE;
	how.what = "closed-year update";
	if (close)
		sql = psprintf("INSERT INTO %s.kc_closed_year"
					   " (year, closed_at, closed_by, reason)"
					   " VALUES ($1, pg_catalog.clock_timestamp(), $2, $3)"
					   " ON CONFLICT (year) DO NOTHING", schema);
	else
		sql = psprintf("DELETE FROM %s.kc_closed_year"
					   " WHERE year OPERATOR(pg_catalog.=) $1", schema);
	if (kc_rule_run(kc_query_prepare(NULL, sql, close ? 3 : 1, argtypes, &how),
					values, NULL, &how) == 0)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 close ? errmsg("year %d is already closed", year) :
				 errmsg("year %d is not closed", year)));

	how.expect = SPI_OK_INSERT;
	how.what = "year-lock log insert";
	sql = psprintf("INSERT INTO %s.kc_year_lock_log"
				   " (year, action, acting_role, session_role, logged_at, reason)"
				   " VALUES ($1, $5, $2, $4, pg_catalog.clock_timestamp(), $3)",
				   schema);
	(void) kc_rule_run(kc_query_prepare(NULL, sql, 5, argtypes, &how),
					   values, NULL, &how);

	AtEOXact_GUC(false, save_nestlevel);
	kc_spi_finish();
}

PG_FUNCTION_INFO_V1(kc_close_year);
Datum
kc_close_year(PG_FUNCTION_ARGS)
{
	change_year(fcinfo, true);
	PG_RETURN_VOID();
}

PG_FUNCTION_INFO_V1(kc_reopen_year);
Datum
kc_reopen_year(PG_FUNCTION_ARGS)
{
	change_year(fcinfo, false);
	PG_RETURN_VOID();
}
