/*
 * kc_money_numeric.c
 *		kc_money compared with numeric, exactly, and an amount expressed in a
 *		unit as numeric (kc_in_unit).
 *
 * Comparisons convert the amount to numeric (int64_to_numeric is exact:
 * every int64 is a numeric) and use numeric_cmp, so nothing is rounded:
 * 10 < 10.5 < 11, and a numeric NaN sorts above every amount as it sorts
 * above every numeric.  numeric_cmp detoasts and frees its own copies, and
 * the converted amount is freed here, so a comparison leaves nothing behind
 * in the caller's memory context (btree searches and sorts call these in
 * long-lived contexts).  Nothing here can raise an error, which is why the
 * SQL declarations may mark these functions LEAKPROOF.
 */
#include "kc_ext.h"

#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/numeric.h"

static inline int32
money_numeric_cmp(KcMoney a, Datum b)
{
	Numeric		an = int64_to_numeric(a);
	int32		r;

	r = DatumGetInt32(DirectFunctionCall2(numeric_cmp, NumericGetDatum(an), b));
	pfree(an);
	return r;
}

#define KC_MONEY_NUMERIC_OP(name, test) \
PG_FUNCTION_INFO_V1(kc_money_numeric_##name); \
Datum \
kc_money_numeric_##name(PG_FUNCTION_ARGS) \
{ \
	int32		c = money_numeric_cmp(PG_GETARG_KCMONEY(0), PG_GETARG_DATUM(1)); \
\
	PG_RETURN_BOOL(test); \
} \
PG_FUNCTION_INFO_V1(kc_numeric_money_##name); \
Datum \
kc_numeric_money_##name(PG_FUNCTION_ARGS) \
{ \
	/* b op a is the reverse comparison: negate the three-way result */ \
	int32		c = -money_numeric_cmp(PG_GETARG_KCMONEY(1), PG_GETARG_DATUM(0)); \
\
	PG_RETURN_BOOL(test); \
}

KC_MONEY_NUMERIC_OP(eq, c == 0)
KC_MONEY_NUMERIC_OP(ne, c != 0)
KC_MONEY_NUMERIC_OP(lt, c < 0)
KC_MONEY_NUMERIC_OP(le, c <= 0)
KC_MONEY_NUMERIC_OP(gt, c > 0)
KC_MONEY_NUMERIC_OP(ge, c >= 0)

/* btree support function 1 for (kc_money, numeric) and (numeric, kc_money) */
PG_FUNCTION_INFO_V1(kc_money_numeric_cmp);
Datum
kc_money_numeric_cmp(PG_FUNCTION_ARGS)
{
	int32		c = money_numeric_cmp(PG_GETARG_KCMONEY(0), PG_GETARG_DATUM(1));

	/* numeric_cmp returns -1, 0 or 1, so negating below cannot overflow */
	PG_RETURN_INT32(c);
}

PG_FUNCTION_INFO_V1(kc_numeric_money_cmp);
Datum
kc_numeric_money_cmp(PG_FUNCTION_ARGS)
{
	int32		c = money_numeric_cmp(PG_GETARG_KCMONEY(1), PG_GETARG_DATUM(0));

	PG_RETURN_INT32(c < 0 ? 1 : (c > 0 ? -1 : 0));
}

/*
 * kc_in_unit(amount, unit): the amount in đồng, nghìn, triệu or tỷ as an
 * exact numeric with no trailing zeros (3,2 tỷ -> 3.2, 1 đồng in tỷ ->
 * 0.000000001).  Money arithmetic stays whole đồng; this is for showing and
 * exporting amounts in a unit.  'auto' has no fixed unit, so it is refused.
 */
PG_FUNCTION_INFO_V1(kc_in_unit);
Datum
kc_in_unit(PG_FUNCTION_ARGS)
{
	KcMoney		v = PG_GETARG_KCMONEY(0);
	text	   *unit_text = PG_GETARG_TEXT_PP(1);
	kc_unit		unit = kc_unit_from_text(unit_text);
	Datum		scaled;

	if (unit == KC_UNIT_AUTO)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("kc_in_unit needs a fixed unit, not \"%s\"", text_to_cstring(unit_text)),
				 errhint("Use đồng, nghìn, triệu or tỷ (also written dong, nghin, trieu, ty).")));
	scaled = kc_numeric_from_scaled(v, (int) unit);
	PG_RETURN_DATUM(DirectFunctionCall1(numeric_trim_scale, scaled));
}
