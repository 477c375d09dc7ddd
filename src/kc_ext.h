/*
 * kc_ext.h
 *		Declarations shared by the PostgreSQL-facing files of kc_ext.
 */
#ifndef KC_EXT_H
#define KC_EXT_H

#include "postgres.h"
#include "fmgr.h"

#include "kc_core.h"

/* kc_money is an int64 passed by value. */
typedef int64 KcMoney;

#define DatumGetKcMoney(X)		DatumGetInt64(X)
#define KcMoneyGetDatum(X)		Int64GetDatum(X)
#define PG_GETARG_KCMONEY(n)	DatumGetKcMoney(PG_GETARG_DATUM(n))
#define PG_RETURN_KCMONEY(x)	return KcMoneyGetDatum(x)

/* kc_plan: a fixed-size (planned, actual) pair, passed by reference. */
typedef struct KcPlan
{
	int64		planned;
	int64		actual;
} KcPlan;

#define DatumGetKcPlanP(X)		((KcPlan *) DatumGetPointer(X))
#define PG_GETARG_KCPLAN_P(n)	DatumGetKcPlanP(PG_GETARG_DATUM(n))

/* kc_money.c */
extern KcMoney kc_money_from_cstring(const char *str, const char *type_name);
extern void kc_report_parse_error(kc_parse_status st, const char *type_name,
								  const char *input);
extern Datum kc_money_to_numeric_datum(int64 v);

/* kc_options.c */
extern kc_rounding kc_rounding_from_text(text *t);
extern kc_unit kc_unit_from_text(text *t);
extern int	kc_digits_from_arg(int32 digits, int max_digits);
extern text *kc_text_from_utf8(const char *s, int len);
extern Datum kc_numeric_from_scaled(kc_int128 scaled, int scale);
extern Datum kc_numeric_from_int128(kc_int128 v);

/* 128-bit values stored in fixed-size state types as two halves. */
static inline kc_int128
kc_load_int128(const int64 *halves)
{
	return (kc_int128) (((unsigned __int128) (uint64) halves[0] << 64) |
						(uint64) halves[1]);
}

static inline void
kc_store_int128(int64 *halves, kc_int128 v)
{
	halves[0] = (int64) ((unsigned __int128) v >> 64);
	halves[1] = (int64) (uint64) v;
}

/*
 * Sums kept in the aggregates' transition states stay within 2^120 in
 * magnitude on input (text or binary): far beyond any real total, and far
 * enough from 2^127 that accumulating cannot overflow.
 */
#define KC_STATE_SUM_LIMIT ((kc_int128) 1 << 120)

static inline bool
kc_state_sum_ok(kc_int128 v)
{
	return v <= KC_STATE_SUM_LIMIT && v >= -KC_STATE_SUM_LIMIT;
}

/* a + b for combine functions: 22003 instead of a silent wrap-around */
extern kc_int128 kc_state_add(kc_int128 a, kc_int128 b, const char *type_name);
extern int64 kc_state_count_add(int64 a, int64 b, const char *type_name);

#endif							/* KC_EXT_H */
