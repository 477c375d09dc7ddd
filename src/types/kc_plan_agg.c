/*
 * kc_plan_agg.c
 *		kc_fulfilment(planned, actual) and sum(kc_plan): both add up
 *		(planned, actual) pairs into a kc_plan, accumulating in 128 bits in a
 *		real, fixed-size transition type (kc_plan_sumstate) with text and
 *		binary I/O, combinable for parallel query, invertible for window
 *		frames.
 *
 * NULL handling of kc_fulfilment: a NULL planned or actual counts as 0 for
 * that side (a line planned but not yet carried out still counts in the
 * plan); a row with both NULL is skipped; no counted row gives NULL.
 */
#include "kc_ext.h"

#include "libpq/pqformat.h"
#include "nodes/execnodes.h"
#include "utils/builtins.h"

typedef struct KcPlanSumState
{
	int64		planned[2];		/* 128-bit sums, high half first */
	int64		actual[2];
	int64		count;			/* rows counted */
} KcPlanSumState;

#define PG_GETARG_PLANSTATE_P(n) ((KcPlanSumState *) PG_GETARG_POINTER(n))

static KcPlanSumState *
writable_state(FunctionCallInfo fcinfo)
{
	KcPlanSumState *st = PG_GETARG_PLANSTATE_P(0);

	/*
	 * Inside an aggregate or window aggregate the state is the group's own
	 * copy: update it in place.  (AggCheckCallContext's test, written out:
	 * this runs once per input row.)
	 */
	if (fcinfo->context &&
		(IsA(fcinfo->context, AggState) || IsA(fcinfo->context, WindowAggState)))
		return st;
	return (KcPlanSumState *) memcpy(palloc(sizeof(KcPlanSumState)), st,
									 sizeof(KcPlanSumState));
}

/*
 * Add (sign = 1) or remove (sign = -1) a pair.  Like combine, this keeps
 * the state within the bounds its input accepts (kc_ext.h,
 * KC_STATE_SUM_LIMIT: both sums within 2^120 in magnitude, the count in
 * [0, INT64_MAX]) and raises 22003 otherwise, so no state wraps or becomes
 * unloadable.  Everything is computed before anything is stored: on an
 * error the state (updated in place inside an aggregate) is left whole.
 * (kc_int128) sign * amount cannot overflow: an int64 times -1 in 128 bits.
 */
static inline void
add_pair(KcPlanSumState *st, int64 planned, int64 actual, int sign)
{
	kc_int128	new_planned = kc_state_add(kc_load_int128(st->planned),
										   (kc_int128) sign * planned,
										   "kc_plan_sumstate", gettext_noop("planned sum"));
	kc_int128	new_actual = kc_state_add(kc_load_int128(st->actual),
										  (kc_int128) sign * actual,
										  "kc_plan_sumstate", gettext_noop("actual sum"));
	int64		new_count = kc_state_count_add(st->count, sign, "kc_plan_sumstate");

	kc_store_int128(st->planned, new_planned);
	kc_store_int128(st->actual, new_actual);
	st->count = new_count;
}

/* Read a signed decimal integer of at most ~36 digits into 128 bits. */
static bool
parse_int128(const char *s, const char *end, kc_int128 *out)
{
	bool		neg = false;
	kc_int128	v = 0;

	if (s < end && (*s == '-' || *s == '+'))
		neg = (*s++ == '-');
	if (s == end)
		return false;
	for (; s < end; s++)
	{
		/* v <= 2^120 before the digit, so v * 10 + 9 cannot overflow */
		if (*s < '0' || *s > '9')
			return false;
		v = v * 10 + (*s - '0');
		if (v > KC_STATE_SUM_LIMIT)
			return false;
	}
	*out = neg ? -v : v;
	return true;
}

PG_FUNCTION_INFO_V1(kc_plan_sumstate_in);
Datum
kc_plan_sumstate_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	size_t		len = strlen(str);
	KcPlanSumState *st = palloc0(sizeof(KcPlanSumState));
	const char *c1;
	const char *c2;
	kc_int128	planned,
				actual,
				count;

	if (len < 7 || str[0] != '(' || str[len - 1] != ')' ||
		(c1 = strchr(str, ',')) == NULL || (c2 = strchr(c1 + 1, ',')) == NULL ||
		!parse_int128(str + 1, c1, &planned) ||
		!parse_int128(c1 + 1, c2, &actual) ||
		!parse_int128(c2 + 1, str + len - 1, &count) ||
		count < 0 || count > PG_INT64_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type kc_plan_sumstate: \"%s\"", str),
				 errhint("The form is (planned,actual,count), plain integers, count not negative.")));
	kc_store_int128(st->planned, planned);
	kc_store_int128(st->actual, actual);
	st->count = (int64) count;
	PG_RETURN_POINTER(st);
}

PG_FUNCTION_INFO_V1(kc_plan_sumstate_out);
Datum
kc_plan_sumstate_out(PG_FUNCTION_ARGS)
{
	KcPlanSumState *st = PG_GETARG_PLANSTATE_P(0);
	char		planned[48];
	char		actual[48];

	kc_int128_to_str(kc_load_int128(st->planned), planned);
	kc_int128_to_str(kc_load_int128(st->actual), actual);
	PG_RETURN_CSTRING(psprintf("(%s,%s," INT64_FORMAT ")", planned, actual, st->count));
}

PG_FUNCTION_INFO_V1(kc_plan_sumstate_recv);
Datum
kc_plan_sumstate_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	KcPlanSumState *st = palloc(sizeof(KcPlanSumState));

	st->planned[0] = pq_getmsgint64(buf);
	st->planned[1] = pq_getmsgint64(buf);
	st->actual[0] = pq_getmsgint64(buf);
	st->actual[1] = pq_getmsgint64(buf);
	st->count = pq_getmsgint64(buf);
	if (st->count < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid count %lld in external kc_plan_sumstate value",
						(long long) st->count)));
	if (!kc_state_sum_ok(kc_load_int128(st->planned)) ||
		!kc_state_sum_ok(kc_load_int128(st->actual)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid sum in external kc_plan_sumstate value"),
				 errdetail("The sums must be integers of magnitude at most 2^120.")));
	PG_RETURN_POINTER(st);
}

PG_FUNCTION_INFO_V1(kc_plan_sumstate_send);
Datum
kc_plan_sumstate_send(PG_FUNCTION_ARGS)
{
	KcPlanSumState *st = PG_GETARG_PLANSTATE_P(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendint64(&buf, st->planned[0]);
	pq_sendint64(&buf, st->planned[1]);
	pq_sendint64(&buf, st->actual[0]);
	pq_sendint64(&buf, st->actual[1]);
	pq_sendint64(&buf, st->count);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* kc_fulfilment's transition: not strict, see the NULL rule above. */
PG_FUNCTION_INFO_V1(kc_fulfilment_accum);
Datum
kc_fulfilment_accum(PG_FUNCTION_ARGS)
{
	KcPlanSumState *st;

	/* a NULL state only comes from a direct call */
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	if (PG_ARGISNULL(1) && PG_ARGISNULL(2))
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	st = writable_state(fcinfo);
	add_pair(st,
			 PG_ARGISNULL(1) ? 0 : PG_GETARG_KCMONEY(1),
			 PG_ARGISNULL(2) ? 0 : PG_GETARG_KCMONEY(2), 1);
	PG_RETURN_POINTER(st);
}

static void
check_not_empty(KcPlanSumState *st)
{
	if (st->count <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot remove a pair from an empty kc_plan_sumstate")));
}

PG_FUNCTION_INFO_V1(kc_fulfilment_retract);
Datum
kc_fulfilment_retract(PG_FUNCTION_ARGS)
{
	KcPlanSumState *st;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	if (PG_ARGISNULL(1) && PG_ARGISNULL(2))
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	check_not_empty(PG_GETARG_PLANSTATE_P(0));
	st = writable_state(fcinfo);
	add_pair(st,
			 PG_ARGISNULL(1) ? 0 : PG_GETARG_KCMONEY(1),
			 PG_ARGISNULL(2) ? 0 : PG_GETARG_KCMONEY(2), -1);
	PG_RETURN_POINTER(st);
}

/* sum(kc_plan)'s transition: strict, NULL plans are skipped. */
PG_FUNCTION_INFO_V1(kc_plan_sum_accum);
Datum
kc_plan_sum_accum(PG_FUNCTION_ARGS)
{
	KcPlanSumState *st = writable_state(fcinfo);
	KcPlan	   *p = PG_GETARG_KCPLAN_P(1);

	add_pair(st, p->planned, p->actual, 1);
	PG_RETURN_POINTER(st);
}

PG_FUNCTION_INFO_V1(kc_plan_sum_retract);
Datum
kc_plan_sum_retract(PG_FUNCTION_ARGS)
{
	KcPlanSumState *st;
	KcPlan	   *p = PG_GETARG_KCPLAN_P(1);

	check_not_empty(PG_GETARG_PLANSTATE_P(0));
	st = writable_state(fcinfo);

	add_pair(st, p->planned, p->actual, -1);
	PG_RETURN_POINTER(st);
}

PG_FUNCTION_INFO_V1(kc_plan_sumstate_combine);
Datum
kc_plan_sumstate_combine(PG_FUNCTION_ARGS)
{
	KcPlanSumState *st = writable_state(fcinfo);
	KcPlanSumState *other = PG_GETARG_PLANSTATE_P(1);
	kc_int128	planned;
	kc_int128	actual;
	int64		count;

	planned = kc_state_add(kc_load_int128(st->planned), kc_load_int128(other->planned),
						   "kc_plan_sumstate", gettext_noop("planned sum"));
	actual = kc_state_add(kc_load_int128(st->actual), kc_load_int128(other->actual),
						  "kc_plan_sumstate", gettext_noop("actual sum"));
	count = kc_state_count_add(st->count, other->count, "kc_plan_sumstate");
	kc_store_int128(st->planned, planned);
	kc_store_int128(st->actual, actual);
	st->count = count;
	PG_RETURN_POINTER(st);
}

PG_FUNCTION_INFO_V1(kc_plan_sum_final);
Datum
kc_plan_sum_final(PG_FUNCTION_ARGS)
{
	KcPlanSumState *st = PG_GETARG_PLANSTATE_P(0);
	kc_int128	planned = kc_load_int128(st->planned);
	kc_int128	actual = kc_load_int128(st->actual);
	KcPlan	   *p;

	if (st->count == 0)
		PG_RETURN_NULL();
	if (!kc_int128_fits_int64(planned) || !kc_int128_fits_int64(actual))
	{
		char		pbuf[48];
		char		abuf[48];

		kc_int128_to_str(planned, pbuf);
		kc_int128_to_str(actual, abuf);
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("kc_plan out of range"),
				 errdetail("The totals are planned %s and actual %s đồng.", pbuf, abuf),
				 errhint("Sum the amounts as numeric instead.")));
	}
	p = palloc(sizeof(KcPlan));
	p->planned = (int64) planned;
	p->actual = (int64) actual;
	PG_RETURN_POINTER(p);
}
