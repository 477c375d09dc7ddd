/*
 * kc_ext.h
 *		Declarations shared by the PostgreSQL-facing files of kc_ext.
 */
#ifndef KC_EXT_H
#define KC_EXT_H

/*
 * The shared library exports only what PostgreSQL looks up in it: the
 * fmgr entry points (with their pg_finfo_ records), the magic block and
 * _PG_init; everything else is built with -fvisibility=hidden (Makefile).
 * PostgreSQL 16 and later mark those symbols themselves; for 15,
 * PGDLLEXPORT is given the same meaning here, before c.h defines it empty,
 * and kc_compat.h marks the entry points.
 */
#if !defined(PGDLLEXPORT) && defined(__GNUC__)
#define PGDLLEXPORT __attribute__((visibility("default")))
#endif

#include "postgres.h"
#include "fmgr.h"
#include "kc_compat.h"
#include "common/int.h"

/*
 * Message translation, as PostgreSQL's own modules do it (PL/pgSQL's
 * plpgsql.h): ereport() takes the text domain from TEXTDOMAIN where it is
 * expanded, so defining it here, in the header every PostgreSQL-facing file
 * includes, makes every errmsg/errdetail/errhint of kc_ext look itself up in
 * "kc_ext-NN" (NN the server's major version: the catalogue is installed as
 * <localedir>/<lang>/LC_MESSAGES/kc_ext-NN.mo by make install, see nls.mk).
 * _PG_init binds the domain.  c.h's _() looks up the backend's own domain;
 * kc_ext's _() looks up kc_ext's, for texts marked gettext_noop() and put
 * into a message with "%s" (xgettext finds both: nls.mk lists them).
 */
#undef TEXTDOMAIN
#define TEXTDOMAIN PG_TEXTDOMAIN("kc_ext")

#undef _
#define _(x) dgettext(TEXTDOMAIN, x)

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
 * Bounds of the aggregates' transition states (kc_money_sumstate,
 * kc_plan_sumstate): every sum within 2^120 in magnitude, the count in
 * [0, INT64_MAX].
 *
 * One set of states, two directions.  The text input and binary receive
 * functions accept exactly these states, and every function that returns a
 * state (accum, retract, combine) raises 22003 rather than return one
 * outside them, so any state an aggregate produces can be written out and
 * read back (COPY, pg_dump, states shipped between nodes) and no stored state
 * stops loading.  1.0 enforced the bound only on input, so combine could
 * build sums up to 2^127 that input then refused, and accum wrapped.
 *
 * Why tighten the functions to the input's 2^120 rather than widen the
 * input to the full 128 bits: 1.0's input and receive already refuse more,
 * so keeping the bound means every state 1.1 produces is still read by a
 * 1.0 server (mixed-version clusters that ship partial states, a 1.1 dump
 * restored where 1.0 is installed), and the documented input format and
 * the client decoders written against it stay as they are.  It costs
 * nothing real: reaching 2^120 takes 2^57 rows at the largest kc_money,
 * and a total that large could not be returned by sum anyway.  And with
 * both operands bounded by 2^120 (or an amount by 2^63), the 128-bit
 * addition itself can never wrap, so the range test after it is the whole
 * check; the overflow builtin stays as a second guard that costs a flag
 * test.
 */
#define KC_STATE_SUM_LIMIT ((kc_int128) 1 << 120)

static inline bool
kc_state_sum_ok(kc_int128 v)
{
	return v <= KC_STATE_SUM_LIMIT && v >= -KC_STATE_SUM_LIMIT;
}

/* the error reports of the two checks below, out of line (cold) */
extern void kc_state_sum_error(const char *type_name, const char *what,
							   kc_int128 a, kc_int128 b) pg_attribute_noreturn();
extern void kc_state_count_error(const char *type_name,
								 int64 a, int64 b) pg_attribute_noreturn();

/*
 * a + b for a sum kept in a state: 22003 naming the state type and which of
 * its sums (what: "sum", "planned sum", ...) when the result would leave
 * the bound above.  Inline: the transition functions run once per row.
 */
static inline kc_int128
kc_state_add(kc_int128 a, kc_int128 b, const char *type_name, const char *what)
{
	kc_int128	r;

	if (unlikely(__builtin_add_overflow(a, b, &r) || !kc_state_sum_ok(r)))
		kc_state_sum_error(type_name, what, a, b);
	return r;
}

/*
 * a + b for a state's row count: 22003 when it would exceed INT64_MAX or
 * be negative (a retract past zero, or a corrupt negative count).
 */
static inline int64
kc_state_count_add(int64 a, int64 b, const char *type_name)
{
	int64		r;

	if (unlikely(pg_add_s64_overflow(a, b, &r) || r < 0))
		kc_state_count_error(type_name, a, b);
	return r;
}

#endif							/* KC_EXT_H */
