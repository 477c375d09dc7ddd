/*
 * kc_plan.c
 *		kc_plan: a fixed-size (planned, actual) pair of kc_money amounts.
 *
 * Text form "(345500000000,323000000000)"; input also reads each field in
 * any kc_money notation when the fields are separated by ';'
 * ("(345,5 tỷ; 323 tỷ)").  Binary form: two int64, planned first.
 */
#include "kc_ext.h"

#include "common/int.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

static KcPlan *
make_plan(int64 planned, int64 actual)
{
	KcPlan	   *p = palloc(sizeof(KcPlan));

	p->planned = planned;
	p->actual = actual;
	return p;
}

PG_FUNCTION_INFO_V1(kc_plan_in);
Datum
kc_plan_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	int64		planned = 0;
	int64		actual = 0;
	int			bad_field;
	kc_parse_status st;

	st = kc_parse_plan(str, strlen(str), &planned, &actual, &bad_field);
	if (st == KC_PARSE_OK)
		PG_RETURN_POINTER(make_plan(planned, actual));

	if (bad_field == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type kc_plan: \"%s\"", str),
				 errhint("Write (planned,actual) with plain integers, or (planned; actual) with amounts in any kc_money notation, e.g. (345,5 tỷ; 323 tỷ).")));
	/* a field failed: report it as kc_money would, naming the field */
	{
		const char *detail;
		const char *hint;

		switch (st)
		{
			case KC_PARSE_FRACTION:
				detail = gettext_noop("The amount is not a whole number of đồng.");
				hint = gettext_noop("Vietnamese notation uses the comma for decimals; separate the two fields with ';' when they contain commas.");
				break;
			case KC_PARSE_DECIMAL_FRACTION:
				/* a machine decimal: no word about thousands dots */
				detail = gettext_noop("The amount is not a whole number of đồng.");
				hint = gettext_noop("kc_plan holds whole đồng; round the amounts first.");
				break;
			case KC_PARSE_AMBIGUOUS:
				detail = gettext_noop("The amount is ambiguous: a dot followed by three digits separates thousands in Vietnamese notation and is a decimal point to programs.");
				hint = gettext_noop("For the whole amount write it without the dot or with its unit, for example (12345; 1) or (12.345 đồng; 1); a decimal amount is not a whole number of đồng.");
				break;
			case KC_PARSE_RANGE:
				detail = gettext_noop("The amount is out of range for kc_money.");
				hint = gettext_noop("Vietnamese notation uses the comma for decimals; separate the two fields with ';' when they contain commas.");
				break;
			case KC_PARSE_GROUPING:
				detail = gettext_noop("Thousands dots must separate groups of exactly three digits.");
				hint = gettext_noop("Vietnamese notation uses the comma for decimals; separate the two fields with ';' when they contain commas.");
				break;
			case KC_PARSE_UNKNOWN_WORD:
				detail = gettext_noop("After the number only a scale word and a currency word may follow.");
				hint = gettext_noop("Vietnamese notation uses the comma for decimals; separate the two fields with ';' when they contain commas.");
				break;
			default:
				detail = gettext_noop("The amount is not a number in kc_money notation.");
				hint = gettext_noop("Vietnamese notation uses the comma for decimals; separate the two fields with ';' when they contain commas.");
				break;
		}
		ereport(ERROR,
				(errcode(st == KC_PARSE_RANGE ? ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE
						 : ERRCODE_INVALID_TEXT_REPRESENTATION),
				 bad_field == 1 ?
				 errmsg("invalid planned amount in kc_plan value \"%s\"", str) :
				 errmsg("invalid actual amount in kc_plan value \"%s\"", str),
				 errdetail("%s", _(detail)),
				 errhint("%s", _(hint))));
	}
	PG_RETURN_NULL();			/* not reached */
}

PG_FUNCTION_INFO_V1(kc_plan_out);
Datum
kc_plan_out(PG_FUNCTION_ARGS)
{
	KcPlan	   *p = PG_GETARG_KCPLAN_P(0);

	PG_RETURN_CSTRING(psprintf("(" INT64_FORMAT "," INT64_FORMAT ")",
							   p->planned, p->actual));
}

PG_FUNCTION_INFO_V1(kc_plan_recv);
Datum
kc_plan_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int64		planned = pq_getmsgint64(buf);
	int64		actual = pq_getmsgint64(buf);

	PG_RETURN_POINTER(make_plan(planned, actual));
}

PG_FUNCTION_INFO_V1(kc_plan_send);
Datum
kc_plan_send(PG_FUNCTION_ARGS)
{
	KcPlan	   *p = PG_GETARG_KCPLAN_P(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendint64(&buf, p->planned);
	pq_sendint64(&buf, p->actual);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(kc_plan_make);
Datum
kc_plan_make(PG_FUNCTION_ARGS)
{
	PG_RETURN_POINTER(make_plan(PG_GETARG_KCMONEY(0), PG_GETARG_KCMONEY(1)));
}

PG_FUNCTION_INFO_V1(kc_plan_planned);
Datum
kc_plan_planned(PG_FUNCTION_ARGS)
{
	PG_RETURN_KCMONEY(PG_GETARG_KCPLAN_P(0)->planned);
}

PG_FUNCTION_INFO_V1(kc_plan_actual);
Datum
kc_plan_actual(PG_FUNCTION_ARGS)
{
	PG_RETURN_KCMONEY(PG_GETARG_KCPLAN_P(0)->actual);
}

PG_FUNCTION_INFO_V1(kc_plan_remaining);
Datum
kc_plan_remaining(PG_FUNCTION_ARGS)
{
	KcPlan	   *p = PG_GETARG_KCPLAN_P(0);
	int64		r;

	if (unlikely(pg_sub_s64_overflow(p->planned, p->actual, &r)))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("kc_money out of range"),
				 errdetail("planned %lld minus actual %lld does not fit in kc_money.",
						   (long long) p->planned, (long long) p->actual)));
	PG_RETURN_KCMONEY(r);
}

PG_FUNCTION_INFO_V1(kc_plan_pl);
Datum
kc_plan_pl(PG_FUNCTION_ARGS)
{
	KcPlan	   *a = PG_GETARG_KCPLAN_P(0);
	KcPlan	   *b = PG_GETARG_KCPLAN_P(1);
	int64		planned;
	int64		actual;

	if (unlikely(pg_add_s64_overflow(a->planned, b->planned, &planned) ||
				 pg_add_s64_overflow(a->actual, b->actual, &actual)))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("kc_plan out of range"),
				 errdetail("The componentwise sum does not fit in kc_money.")));
	PG_RETURN_POINTER(make_plan(planned, actual));
}

PG_FUNCTION_INFO_V1(kc_plan_eq);
Datum
kc_plan_eq(PG_FUNCTION_ARGS)
{
	KcPlan	   *a = PG_GETARG_KCPLAN_P(0);
	KcPlan	   *b = PG_GETARG_KCPLAN_P(1);

	PG_RETURN_BOOL(a->planned == b->planned && a->actual == b->actual);
}

PG_FUNCTION_INFO_V1(kc_plan_ne);
Datum
kc_plan_ne(PG_FUNCTION_ARGS)
{
	KcPlan	   *a = PG_GETARG_KCPLAN_P(0);
	KcPlan	   *b = PG_GETARG_KCPLAN_P(1);

	PG_RETURN_BOOL(a->planned != b->planned || a->actual != b->actual);
}
