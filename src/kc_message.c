/*
 * kc_message.c
 *		The messages of kc_ext's PL/pgSQL functions, translated like the C
 *		ones.
 *
 * PL/pgSQL's RAISE does not translate its texts: they would stay English
 * whatever lc_messages says.  So the extension's PL/pgSQL functions raise
 *
 *		RAISE EXCEPTION USING MESSAGE = @extschema@.kc_message('fmt'::pg_catalog.text,
 *				ARRAY[arg, ...]::pg_catalog.text[]),
 *			ERRCODE = ..., DETAIL = @extschema@.kc_message(...), ...
 *
 * keeping RAISE itself (its SQLSTATE, and no CONTEXT line: PL/pgSQL does not
 * report the location of a RAISE, while an error thrown from a called
 * function would add one), and take only the text from here.  Every text
 * they pass is in the table below, marked gettext_noop so that xgettext
 * extracts it into po/kc_ext.pot with the C messages (nls.mk); the check
 * test/suites/45-messages.sh proves that every kc_message literal of the
 * SQL scripts is in the catalogue.
 */
#include "kc_ext.h"

#include "catalog/pg_type.h"
#include "lib/stringinfo.h"
#include "utils/array.h"
#include "utils/builtins.h"

/*
 * The English texts, exactly as the SQL scripts write them (a placeholder
 * is %s, the arguments' text; a translation may reorder them as %1$s ...).
 */
static const char *const kc_sql_messages[] = {
	gettext_noop("unknown language \"%s\" for kc_source_label"),
	gettext_noop("Use 'vi' (Vietnamese) or 'en' (English)."),
	gettext_noop("cannot delete shipped project category \"%s\""),
	gettext_noop("Shipped categories come back with CREATE EXTENSION; rename them instead."),
	gettext_noop("invalid project category code \"%s\""),
	gettext_noop("A code is a lower-case letter followed by at most 62 lower-case letters, digits or underscores."),
	gettext_noop("cannot change the code of shipped project category \"%s\""),
	gettext_noop("cannot delete shipped support-cap rule %s"),
	gettext_noop("Rule %s: %s"),
	gettext_noop("Shipped rules come back with CREATE EXTENSION; end the rule by setting effective_to, or clear its max_share and max_amount."),
	gettext_noop("max_share %s of support-cap rule %s is out of range"),
	gettext_noop("max_share is a fraction of the project's cost: above 0 and at most 1 (0.3 means 30%); NULL means no share cap."),
	gettext_noop("max_amount %s of support-cap rule %s is negative"),
	gettext_noop("max_amount is in đồng and at least 0; NULL means no amount cap."),
	gettext_noop("effective_from of support-cap rule %s is missing"),
	gettext_noop("effective_to %s of support-cap rule %s is before its effective_from %s"),
	gettext_noop("Both days are included: a one-day rule has effective_to = effective_from; NULL means open-ended."),
	gettext_noop("province of support-cap rule %s is blank"),
	gettext_noop("Use NULL for a nationwide rule."),
	gettext_noop("support-cap rule %s has no legal basis"),
	gettext_noop("Cite the document the cap comes from, e.g. \"Thông tư 28/2018/TT-BTC\"."),
	gettext_noop("cannot change the id of shipped support-cap rule %s"),
	gettext_noop("the %s column name is missing"),
	gettext_noop("column \"%s\" of relation %s does not exist"),
	gettext_noop("Name the %s column of %s."),
	gettext_noop("relation %s has no support-cap check"),
	gettext_noop("Install it with kc_enforce_support_cap()."),
	gettext_noop("the year-lock log is append-only: %s is not allowed"),
	gettext_noop("Closing and reopening years add entries; nothing changes or removes them."),
	gettext_noop("the table to protect is missing"),
	gettext_noop("%s is not a table"),
	gettext_noop("year column \"%s\" of %s has type %s, not an integer"),
	gettext_noop("Protect a table by a column holding the year, e.g. the fiscal year of the row."),
	gettext_noop("cannot protect temporary table %s"),
	gettext_noop("Closed years protect permanent tables."),
	gettext_noop("It is an inheritance child of %s."),
	gettext_noop("A temporary table belongs to one session and goes away with it; keep rows that must stay settled in a permanent table."),
	gettext_noop("the project table is missing"),
	gettext_noop("category column \"%s\" of %s has type %s, not text"),
	gettext_noop("The category column holds codes of kc_project_category."),
	gettext_noop("source column \"%s\" of %s has type %s, not kc_source"),
	gettext_noop("Pass NULL as the source column when the table has none; then only any-source rules apply."),
	gettext_noop("province column \"%s\" of %s has type %s, not text"),
	gettext_noop("Pass NULL as the province column when the table has none; then only nationwide rules apply."),
	gettext_noop("approval date column \"%s\" of %s has type %s, not date"),
	gettext_noop("cost column \"%s\" of %s has type %s, not kc_money"),
	gettext_noop("support column \"%s\" of %s has type %s, not kc_money"),
	gettext_noop("kc_ext: trigger \"%s\" on table %s (%s) is disabled, so its rule is not enforced there; changed by role \"%s\" (session role \"%s\")"),
	gettext_noop("kc_ext: trigger \"%s\" on table %s (%s) is enabled for replica sessions only, so its rule is not enforced there; changed by role \"%s\" (session role \"%s\")"),
	gettext_noop("trigger \"%s\" on table %s is disabled: the kc_ext rule it carries is not enforced on this table"),
	gettext_noop("trigger \"%s\" on table %s is enabled for replica sessions only: the kc_ext rule it carries is not enforced on this table"),
	gettext_noop("ALTER TABLE %s ENABLE TRIGGER %s; then run kc_cap_rebuild for its rule: rows written meanwhile were not counted."),
	gettext_noop("ALTER TABLE %s ENABLE TRIGGER %s."),
	gettext_noop("table %s cannot inherit from %s: %s is a table of cap rule \"%s\""),
	gettext_noop("A cap rule counts the rows of its own tables and their partitions only; rows of an inheritance child would escape it."),
	gettext_noop("Use declarative partitioning (PARTITION BY ... / ATTACH PARTITION) instead of INHERITS."),
	gettext_noop("A cap rule's tables take part in no plain inheritance."),
	gettext_noop("Drop the rule with kc_drop_cap first, or use declarative partitioning."),
	gettext_noop("argument rule_name of kc_drop_rule must not be NULL"),
	gettext_noop("rule \"%s\" does not exist"),
	gettext_noop("The view kc_rules lists the rules of every kind."),
	gettext_noop("kc_ext: rule \"%s\" dropped by role \"%s\" (session role \"%s\"): closed years no longer protect %s"),
	gettext_noop("category"),
	gettext_noop("source"),
	gettext_noop("province"),
	gettext_noop("approval date"),
	gettext_noop("cost"),
	gettext_noop("support"),
	gettext_noop("year"),
};

/*
 * msgid translated in kc_ext's domain.  A text that is not in the table
 * is returned as given (like gettext for an unknown msgid), never an error
 * that would hide the one being raised.
 */
static const char *
kc_message_lookup(const char *msgid)
{
	for (size_t i = 0; i < lengthof(kc_sql_messages); i++)
		if (strcmp(kc_sql_messages[i], msgid) == 0)
			return _(kc_sql_messages[i]);
	return msgid;
}

/*
 * kc_message(msgid text, args text[]) returns text
 *
 * The translation of msgid with its %s placeholders replaced by args in
 * order, %N$s by the N-th argument, %% by %, and a NULL argument written
 * <NULL> as RAISE writes it.  Without arguments the text is returned as it
 * stands (a hint may contain a lone %, as in "30%").
 */
PG_FUNCTION_INFO_V1(kc_message);
Datum
kc_message(PG_FUNCTION_ARGS)
{
	const char *fmt;
	Datum	   *elems = NULL;
	bool	   *nulls = NULL;
	int			nargs = 0;
	int			next = 0;
	StringInfoData buf;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	fmt = kc_message_lookup(text_to_cstring(PG_GETARG_TEXT_PP(0)));
	if (!PG_ARGISNULL(1))
	{
		ArrayType  *arr = PG_GETARG_ARRAYTYPE_P(1);

		if (ARR_NDIM(arr) > 1)
			ereport(ERROR,
					(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
					 errmsg("the arguments of kc_message must be a one-dimensional array")));
		deconstruct_array(arr, TEXTOID, -1, false, TYPALIGN_INT,
						  &elems, &nulls, &nargs);
	}
	if (nargs == 0)
		PG_RETURN_TEXT_P(cstring_to_text(fmt));

	initStringInfo(&buf);
	for (const char *p = fmt; *p; p++)
	{
		int			n = -1;

		if (*p != '%')
		{
			appendStringInfoChar(&buf, *p);
			continue;
		}
		if (p[1] == '%')
		{
			appendStringInfoChar(&buf, '%');
			p++;
			continue;
		}
		if (p[1] == 's')
		{
			n = next++;
			p++;
		}
		else if (p[1] >= '1' && p[1] <= '9')
		{
			const char *q = p + 1;
			int			pos = 0;

			while (*q >= '0' && *q <= '9' && pos < 1000)
				pos = pos * 10 + (*q++ - '0');
			if (q[0] == '$' && q[1] == 's')
			{
				n = pos - 1;
				p = q + 1;
			}
		}
		if (n < 0)
		{
			/* not a placeholder: the % stands for itself */
			appendStringInfoChar(&buf, '%');
			continue;
		}
		if (n >= nargs)
			continue;			/* a missing argument is left out */
		if (nulls[n])
			appendStringInfoString(&buf, "<NULL>");
		else
		{
			text	   *t = DatumGetTextPP(elems[n]);

			appendBinaryStringInfo(&buf, VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));
		}
	}
	PG_RETURN_TEXT_P(cstring_to_text_with_len(buf.data, buf.len));
}
