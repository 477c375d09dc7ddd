/*
 * kc_cap_amount.c
 *		Amounts summed by cap rules.  kc_money and bigint columns are summed
 *		exactly in 128 bits; as soon as the amount or the limit column of a
 *		rule is numeric, every amount of that rule is a numeric.
 */
#include "kc_cap.h"

#include "catalog/pg_type.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"

CapAmt
cap_amt_zero(bool isnum)
{
	CapAmt		a;

	a.isnum = isnum;
	a.i = 0;
	a.n = isnum ? int64_to_numeric(0) : NULL;
	return a;
}

/* A column value (kc_money, bigint or numeric) as an amount of `rule`. */
CapAmt
cap_amt_from_datum(const CapRule *rule, Datum d, Oid typid)
{
	CapAmt		a;

	a.isnum = rule->numeric_mode;
	a.i = 0;
	a.n = NULL;
	if (typid == NUMERICOID)
	{
		Assert(a.isnum);
		a.n = DatumGetNumeric(d);
	}
	else if (a.isnum)
		a.n = int64_to_numeric(DatumGetInt64(d));
	else
		a.i = DatumGetInt64(d);
	return a;
}

/* A kept total (always numeric in the totals table). */
CapAmt
cap_amt_from_numeric(const CapRule *rule, Datum n)
{
	CapAmt		a;

	a.isnum = rule->numeric_mode;
	a.i = 0;
	a.n = NULL;
	if (a.isnum)
		a.n = DatumGetNumeric(n);
	else
		a.i = DatumGetInt64(DirectFunctionCall1(numeric_int8, n));
	return a;
}

/* a + b, or a - b; the result is allocated in the current context. */
/*
 * The same amount as numeric.  Amounts of one rule normally share one
 * representation; when a transaction changes the type of the rule's amount
 * or limit column (the rule is reloaded, cached amounts are not), the two
 * are combined exactly in numeric, never mixed.
 */
static CapAmt
cap_amt_as_numeric(CapAmt a)
{
	if (!a.isnum)
	{
		a.n = DatumGetNumeric(cap_amt_to_numeric(a));
		a.isnum = true;
		a.i = 0;
	}
	return a;
}

CapAmt
cap_amt_add(CapAmt a, CapAmt b, bool negate_b)
{
	CapAmt		r;

	if (a.isnum != b.isnum)
	{
		/* the rule's column types changed under a transaction: exact in numeric */
		a = cap_amt_as_numeric(a);
		b = cap_amt_as_numeric(b);
	}
	r.isnum = a.isnum;
	r.i = 0;
	r.n = NULL;
	if (a.isnum)
		r.n = DatumGetNumeric(DirectFunctionCall2(negate_b ? numeric_sub : numeric_add,
												  NumericGetDatum(a.n),
												  NumericGetDatum(b.n)));
	else
		r.i = negate_b ? a.i - b.i : a.i + b.i;	/* 128 bits: cannot overflow
												 * from int64 sums */
	return r;
}

int
cap_amt_sign(CapAmt a)
{
	if (a.isnum)
		return DatumGetInt32(DirectFunctionCall2(numeric_cmp, NumericGetDatum(a.n),
												 NumericGetDatum(int64_to_numeric(0))));
	return (a.i > 0) - (a.i < 0);
}

int
cap_amt_cmp(CapAmt a, CapAmt b)
{
	if (a.isnum != b.isnum)
	{
		a = cap_amt_as_numeric(a);
		b = cap_amt_as_numeric(b);
	}
	if (a.isnum)
		return DatumGetInt32(DirectFunctionCall2(numeric_cmp, NumericGetDatum(a.n),
												 NumericGetDatum(b.n)));
	return (a.i > b.i) - (a.i < b.i);
}

Datum
cap_amt_to_numeric(CapAmt a)
{
	if (a.isnum)
		return NumericGetDatum(a.n);
	return kc_numeric_from_int128(a.i);
}

/*
 * "1234567 (1,234567 triệu đồng)": plain digits, then Vietnamese notation
 * (converted to the database encoding).
 */
char *
cap_amt_describe(CapAmt a)
{
	char		plain[KC_FORMAT_BUFSZ * 2];
	char		vn[KC_FORMAT_BUFSZ * 2];
	int			len = -1;

	if (a.isnum)
	{
		char	   *s = DatumGetCString(DirectFunctionCall1(numeric_out,
															NumericGetDatum(a.n)));

		strlcpy(plain, s, sizeof(plain));
		if (!numeric_is_nan(a.n) && strchr(s, '.') == NULL &&
			strlen(s) <= 18)
			len = kc_format_amount(strtoll(s, NULL, 10), KC_UNIT_AUTO, -1,
								   KC_ROUND_HALF_UP, vn);
		if (len < 0)
		{
			len = kc_localize_decimal(s, true, vn, sizeof(vn) - 16);
			if (len >= 0)
			{
				strcpy(vn + len, " đồng");
				len = strlen(vn);
			}
		}
	}
	else
	{
		kc_int128_to_str(a.i, plain);
		if (kc_int128_fits_int64(a.i))
			len = kc_format_amount((int64) a.i, KC_UNIT_AUTO, -1, KC_ROUND_HALF_UP, vn);
		else
		{
			len = kc_localize_decimal(plain, true, vn, sizeof(vn) - 16);
			if (len >= 0)
			{
				strcpy(vn + len, " đồng");
				len = strlen(vn);
			}
		}
	}
	if (len < 0)
		return pstrdup(plain);
	return psprintf("%s (%s)", plain,
					pg_any_to_server(vn, len, PG_UTF8));
}

/* A copy of the amount whose numeric lives in cxt. */
CapAmt
cap_amt_copy(CapAmt a, MemoryContext cxt)
{
	if (a.isnum && a.n)
	{
		Numeric		n = MemoryContextAlloc(cxt, VARSIZE(a.n));

		memcpy(n, a.n, VARSIZE(a.n));
		a.n = n;
	}
	return a;
}
