/*
 * kc_pct.c
 *		Percentages the way the reports write them: "đạt 93,48% kế hoạch"
 *		(actual / plan), "chiếm 40,52%" (a share of a total), "bằng 105%
 *		so với cùng kỳ" (against the same period last year).
 *
 * 100 * part / whole is computed exactly in 128-bit integers and rounded
 * once, to `digits` decimals, by the rounding mode the caller names:
 * half_up (half away from zero), half_even, or trunc (toward zero).  The
 * rounding is symmetric around zero: a negative percentage (a correction)
 * is rounded as its magnitude and the sign put back.  A zero whole gives
 * NULL, never a division-by-zero error: a source with no plan has no
 * percentage.
 */
#include "kc_ext.h"

#include "utils/builtins.h"
#include "utils/numeric.h"

static Datum
percent_datum(int64 part, int64 whole, int32 digits_arg, text *rounding,
			  bool *isnull)
{
	int			digits = kc_digits_from_arg(digits_arg, KC_PCT_MAX_DIGITS);
	kc_rounding mode = kc_rounding_from_text(rounding);
	kc_int128	scaled;

	if (!kc_percent(part, whole, digits, mode, &scaled))
	{
		*isnull = true;
		return (Datum) 0;
	}
	*isnull = false;
	return kc_numeric_from_scaled(scaled, digits);
}

/* kc_pct(p kc_plan, digits int, rounding text) */
PG_FUNCTION_INFO_V1(kc_pct_plan);
Datum
kc_pct_plan(PG_FUNCTION_ARGS)
{
	KcPlan	   *p = PG_GETARG_KCPLAN_P(0);
	bool		isnull;
	Datum		result;

	result = percent_datum(p->actual, p->planned, PG_GETARG_INT32(1),
						   PG_GETARG_TEXT_PP(2), &isnull);
	if (isnull)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(result);
}

/* kc_pct(part kc_money, whole kc_money, digits int, rounding text) */
PG_FUNCTION_INFO_V1(kc_pct_money);
Datum
kc_pct_money(PG_FUNCTION_ARGS)
{
	bool		isnull;
	Datum		result;

	result = percent_datum(PG_GETARG_KCMONEY(0), PG_GETARG_KCMONEY(1),
						   PG_GETARG_INT32(2), PG_GETARG_TEXT_PP(3), &isnull);
	if (isnull)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(result);
}

/*
 * kc_format_pct(pct numeric, digits int): "93,48%".  With digits NULL the
 * value is written as it is with trailing zeros dropped ("64,5%", "55%");
 * otherwise rounded half away from zero to exactly `digits` decimals.
 */
PG_FUNCTION_INFO_V1(kc_format_pct);
Datum
kc_format_pct(PG_FUNCTION_ARGS)
{
	Datum		pct;
	bool		drop_zeros = true;
	char	   *plain;
	char		buf[KC_FORMAT_BUFSZ * 2];
	int			len;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	pct = PG_GETARG_DATUM(0);
	if (numeric_is_nan(DatumGetNumeric(pct)) || numeric_is_inf(DatumGetNumeric(pct)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot format %s as a percentage",
						DatumGetCString(DirectFunctionCall1(numeric_out, pct)))));
	if (!PG_ARGISNULL(1))
	{
		int			digits = kc_digits_from_arg(PG_GETARG_INT32(1), KC_MAX_DIGITS);

		pct = DirectFunctionCall2(numeric_round, pct, Int32GetDatum(digits));
		drop_zeros = false;
	}
	plain = DatumGetCString(DirectFunctionCall1(numeric_out, pct));
	len = kc_localize_decimal(plain, drop_zeros, buf, sizeof(buf) - 1);
	if (len < 0)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("percentage %s is too long to format", plain),
				 errhint("Round it first, or pass digits.")));
	buf[len++] = '%';
	PG_RETURN_TEXT_P(cstring_to_text_with_len(buf, len));
}
