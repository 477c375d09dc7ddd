/*
 * kc_money.c
 *		kc_money: an exact, signed 64-bit whole number of Vietnamese dong.
 *
 * Text input reads every notation of src/core/kc_parse.c; text output is
 * plain digits whatever the locale, so that every client reads a number.
 * Arithmetic is overflow-checked (22003); results that are not whole dong
 * (multiplying or dividing by a numeric, dividing by an integer) are
 * rounded half away from zero.  Comparison, hashing, binary I/O and the
 * bigint casts reuse the built-in int8 functions (see the SQL script).
 */
#include "kc_ext.h"

#include "common/int.h"
#include "utils/builtins.h"
#include "utils/numeric.h"

/* marked for translation here, translated where it is raised: _(fraction_hint) */
static const char *const fraction_hint =
gettext_noop("kc_money holds whole đồng. Vietnamese notation uses the comma for decimals and the dot between thousands: \"1,234\" is one point two three four, \"1.234\" is one thousand two hundred thirty-four.");

void
kc_report_parse_error(kc_parse_status st, const char *type_name,
					  const char *input)
{
	switch (st)
	{
		case KC_PARSE_OK:
			return;
		case KC_PARSE_EMPTY:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("invalid input syntax for type %s: \"%s\"", type_name, input),
					 errdetail("The input is empty.")));
			break;
		case KC_PARSE_GROUPING:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("invalid input syntax for type %s: \"%s\"", type_name, input),
					 errdetail("Thousands dots must separate groups of exactly three digits, the first of one to three digits not starting with 0."),
					 errhint("%s", _(fraction_hint))));
			break;
		case KC_PARSE_UNKNOWN_WORD:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("invalid input syntax for type %s: \"%s\"", type_name, input),
					 errdetail("After the number only a scale word (nghìn, ngàn, triệu, tỷ) and a currency word (đồng, đ, ₫, VND, VNĐ) may follow.")));
			break;
		case KC_PARSE_FRACTION:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("amount \"%s\" is not a whole number of đồng", input),
					 errhint("%s", _(fraction_hint))));
			break;
		case KC_PARSE_AMBIGUOUS:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("amount \"%s\" is ambiguous", input),
					 errdetail("In Vietnamese notation the dot separates thousands, so \"%s\" would be a whole number of đồng; programs and drivers that send numbers as text write a decimal point there, a thousand times less.", input),
					 errhint("For the whole amount write it without the dot or with its unit (for example \"12345\" or \"12.345 đồng\"); a decimal amount is not a whole number of đồng.")));
			break;
		case KC_PARSE_DECIMAL_FRACTION:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("amount \"%s\" is not a whole number of đồng", input),
					 errdetail("It is a decimal number with a non-zero fraction."),
					 errhint("kc_money holds whole đồng; round the amount first, for example round(%s)::kc_money.", input)));
			break;
		case KC_PARSE_RANGE:
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("amount \"%s\" is out of range for type %s", input, type_name),
					 errdetail("kc_money holds from -9223372036854775808 to 9223372036854775807 đồng.")));
			break;
		case KC_PARSE_SYNTAX:
		default:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("invalid input syntax for type %s: \"%s\"", type_name, input),
					 errhint("%s", _(fraction_hint))));
			break;
	}
}

KcMoney
kc_money_from_cstring(const char *str, const char *type_name)
{
	int64		v = 0;
	kc_parse_status st;

	st = kc_parse_money(str, strlen(str), &v);
	if (st != KC_PARSE_OK)
		kc_report_parse_error(st, type_name, str);
	return v;
}

static void
report_overflow(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("kc_money out of range")));
}

static void
report_division_by_zero(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_DIVISION_BY_ZERO),
			 errmsg("division by zero")));
}

/* A 128-bit result back to kc_money, or 22003. */
static KcMoney
money_from_int128(kc_int128 v)
{
	if (!kc_int128_fits_int64(v))
		report_overflow();
	return (KcMoney) v;
}

/* a * b, or 22003 */
static KcMoney
money_mul(KcMoney a, int64 b)
{
	KcMoney		r;

	if (unlikely(pg_mul_s64_overflow(a, b, &r)))
		report_overflow();
	return r;
}

/* a / b rounded half away from zero, or 22012 / 22003 */
static KcMoney
money_div(KcMoney a, int64 b)
{
	if (b == 0)
		report_division_by_zero();
	return money_from_int128(kc_div_round(a, b, KC_ROUND_HALF_UP));
}

PG_FUNCTION_INFO_V1(kc_money_in);
Datum
kc_money_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);

	PG_RETURN_KCMONEY(kc_money_from_cstring(str, "kc_money"));
}

PG_FUNCTION_INFO_V1(kc_money_out);
Datum
kc_money_out(PG_FUNCTION_ARGS)
{
	KcMoney		v = PG_GETARG_KCMONEY(0);
	char	   *buf = palloc(MAXINT8LEN + 1);

	pg_lltoa(v, buf);
	PG_RETURN_CSTRING(buf);
}

PG_FUNCTION_INFO_V1(kc_money_pl);
Datum
kc_money_pl(PG_FUNCTION_ARGS)
{
	KcMoney		a = PG_GETARG_KCMONEY(0);
	KcMoney		b = PG_GETARG_KCMONEY(1);
	KcMoney		r;

	if (unlikely(pg_add_s64_overflow(a, b, &r)))
		report_overflow();
	PG_RETURN_KCMONEY(r);
}

PG_FUNCTION_INFO_V1(kc_money_mi);
Datum
kc_money_mi(PG_FUNCTION_ARGS)
{
	KcMoney		a = PG_GETARG_KCMONEY(0);
	KcMoney		b = PG_GETARG_KCMONEY(1);
	KcMoney		r;

	if (unlikely(pg_sub_s64_overflow(a, b, &r)))
		report_overflow();
	PG_RETURN_KCMONEY(r);
}

PG_FUNCTION_INFO_V1(kc_money_um);
Datum
kc_money_um(PG_FUNCTION_ARGS)
{
	KcMoney		a = PG_GETARG_KCMONEY(0);

	if (unlikely(a == PG_INT64_MIN))
		report_overflow();
	PG_RETURN_KCMONEY(-a);
}

PG_FUNCTION_INFO_V1(kc_money_abs);
Datum
kc_money_abs(PG_FUNCTION_ARGS)
{
	KcMoney		a = PG_GETARG_KCMONEY(0);

	if (unlikely(a == PG_INT64_MIN))
		report_overflow();
	PG_RETURN_KCMONEY(a < 0 ? -a : a);
}

PG_FUNCTION_INFO_V1(kc_money_mul_int8);
Datum
kc_money_mul_int8(PG_FUNCTION_ARGS)
{
	PG_RETURN_KCMONEY(money_mul(PG_GETARG_KCMONEY(0), PG_GETARG_INT64(1)));
}

PG_FUNCTION_INFO_V1(kc_money_mul_int4);
Datum
kc_money_mul_int4(PG_FUNCTION_ARGS)
{
	PG_RETURN_KCMONEY(money_mul(PG_GETARG_KCMONEY(0), PG_GETARG_INT32(1)));
}

PG_FUNCTION_INFO_V1(kc_money_mul_int2);
Datum
kc_money_mul_int2(PG_FUNCTION_ARGS)
{
	PG_RETURN_KCMONEY(money_mul(PG_GETARG_KCMONEY(0), PG_GETARG_INT16(1)));
}

PG_FUNCTION_INFO_V1(kc_money_div_int2);
Datum
kc_money_div_int2(PG_FUNCTION_ARGS)
{
	PG_RETURN_KCMONEY(money_div(PG_GETARG_KCMONEY(0), PG_GETARG_INT16(1)));
}

PG_FUNCTION_INFO_V1(kc_money_div_int8);
Datum
kc_money_div_int8(PG_FUNCTION_ARGS)
{
	PG_RETURN_KCMONEY(money_div(PG_GETARG_KCMONEY(0), PG_GETARG_INT64(1)));
}

PG_FUNCTION_INFO_V1(kc_money_div_int4);
Datum
kc_money_div_int4(PG_FUNCTION_ARGS)
{
	PG_RETURN_KCMONEY(money_div(PG_GETARG_KCMONEY(0), PG_GETARG_INT32(1)));
}

/*
 * A numeric back to kc_money.  With round_half_up the value is first
 * rounded to whole dong (half away from zero); without, a fraction is an
 * error (22P02), as for text input.
 */
static KcMoney
money_from_numeric(Datum num, bool round_half_up)
{
	Numeric		n = DatumGetNumeric(num);
	Datum		whole;

	if (numeric_is_nan(n) || numeric_is_inf(n))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("cannot convert %s to kc_money",
						DatumGetCString(DirectFunctionCall1(numeric_out, num)))));
	if (round_half_up)
		whole = DirectFunctionCall2(numeric_round, num, Int32GetDatum(0));
	else
	{
		whole = DirectFunctionCall2(numeric_trunc, num, Int32GetDatum(0));
		if (DatumGetInt32(DirectFunctionCall2(numeric_cmp, whole, num)) != 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("amount %s is not a whole number of đồng",
							DatumGetCString(DirectFunctionCall1(numeric_out, num))),
					 errhint("Round it first, for example with round(value).")));
	}
	if (DatumGetInt32(DirectFunctionCall2(numeric_cmp, whole,
										  NumericGetDatum(int64_to_numeric(PG_INT64_MAX)))) > 0 ||
		DatumGetInt32(DirectFunctionCall2(numeric_cmp, whole,
										  NumericGetDatum(int64_to_numeric(PG_INT64_MIN)))) < 0)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("amount %s is out of range for type kc_money",
						DatumGetCString(DirectFunctionCall1(numeric_out, whole)))));
	return DatumGetInt64(DirectFunctionCall1(numeric_int8, whole));
}

Datum
kc_money_to_numeric_datum(int64 v)
{
	return NumericGetDatum(int64_to_numeric(v));
}

PG_FUNCTION_INFO_V1(kc_money_mul_numeric);
Datum
kc_money_mul_numeric(PG_FUNCTION_ARGS)
{
	KcMoney		a = PG_GETARG_KCMONEY(0);
	Datum		prod;

	prod = DirectFunctionCall2(numeric_mul, kc_money_to_numeric_datum(a),
							   PG_GETARG_DATUM(1));
	PG_RETURN_KCMONEY(money_from_numeric(prod, true));
}

PG_FUNCTION_INFO_V1(kc_money_div_numeric);
Datum
kc_money_div_numeric(PG_FUNCTION_ARGS)
{
	KcMoney		a = PG_GETARG_KCMONEY(0);
	Numeric		b = PG_GETARG_NUMERIC(1);
	Datum		quot;

	if (!numeric_is_nan(b) && !numeric_is_inf(b) &&
		DatumGetInt32(DirectFunctionCall2(numeric_cmp, NumericGetDatum(b),
										  NumericGetDatum(int64_to_numeric(0)))) == 0)
		report_division_by_zero();
	quot = DirectFunctionCall2(numeric_div, kc_money_to_numeric_datum(a),
							   NumericGetDatum(b));
	PG_RETURN_KCMONEY(money_from_numeric(quot, true));
}

PG_FUNCTION_INFO_V1(kc_money_div_money);
Datum
kc_money_div_money(PG_FUNCTION_ARGS)
{
	KcMoney		a = PG_GETARG_KCMONEY(0);
	KcMoney		b = PG_GETARG_KCMONEY(1);

	if (b == 0)
		report_division_by_zero();
	PG_RETURN_DATUM(DirectFunctionCall2(numeric_div,
										kc_money_to_numeric_datum(a),
										kc_money_to_numeric_datum(b)));
}

PG_FUNCTION_INFO_V1(kc_money_from_numeric);
Datum
kc_money_from_numeric(PG_FUNCTION_ARGS)
{
	PG_RETURN_KCMONEY(money_from_numeric(PG_GETARG_DATUM(0), false));
}

PG_FUNCTION_INFO_V1(kc_money_to_numeric);
Datum
kc_money_to_numeric(PG_FUNCTION_ARGS)
{
	PG_RETURN_DATUM(kc_money_to_numeric_datum(PG_GETARG_KCMONEY(0)));
}

PG_FUNCTION_INFO_V1(kc_money_from_int4);
Datum
kc_money_from_int4(PG_FUNCTION_ARGS)
{
	PG_RETURN_KCMONEY((KcMoney) PG_GETARG_INT32(0));
}

/*
 * kc_format(amount, unit, digits, rounding): Vietnamese notation.
 * Not strict: a NULL digits means "exact, trailing zeros dropped".
 */
PG_FUNCTION_INFO_V1(kc_money_format);
Datum
kc_money_format(PG_FUNCTION_ARGS)
{
	KcMoney		a;
	kc_unit		unit;
	int			digits = -1;
	kc_rounding mode;
	char		buf[KC_FORMAT_BUFSZ];
	int			len;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(3))
		PG_RETURN_NULL();
	a = PG_GETARG_KCMONEY(0);
	unit = kc_unit_from_text(PG_GETARG_TEXT_PP(1));
	mode = kc_rounding_from_text(PG_GETARG_TEXT_PP(3));
	if (!PG_ARGISNULL(2))
		digits = kc_digits_from_arg(PG_GETARG_INT32(2), KC_MAX_DIGITS);

	len = kc_format_amount(a, unit, digits, mode, buf);
	PG_RETURN_TEXT_P(kc_text_from_utf8(buf, len));
}
