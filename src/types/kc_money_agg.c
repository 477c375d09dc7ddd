/*
 * kc_money_agg.c
 *		sum(kc_money) and avg(kc_money): 128-bit accumulation in a real,
 *		fixed-size transition type (kc_money_sumstate), not `internal`, so
 *		that partial aggregates can be combined by parallel query and by
 *		distributed planners that only ship typed states.
 *
 * The state is (sum, count): sum is 128 bits kept as two int64 halves
 * (a 16-byte integer need not be 16-byte aligned in a tuple), count is the
 * number of non-NULL inputs.  Inside an aggregate the transition functions
 * update the state in place (nodeAgg gives every group its own copy).
 */
#include "kc_ext.h"

#include "libpq/pqformat.h"
#include "nodes/execnodes.h"
#include "utils/builtins.h"
#include "utils/numeric.h"

typedef struct KcSumState
{
	int64		sum[2];			/* 128-bit sum, high half first */
	int64		count;
} KcSumState;

#define PG_GETARG_SUMSTATE_P(n) ((KcSumState *) PG_GETARG_POINTER(n))

/* The state to update: the argument itself inside an aggregate, a copy outside. */
static KcSumState *
writable_state(FunctionCallInfo fcinfo)
{
	KcSumState *st = PG_GETARG_SUMSTATE_P(0);

	/*
	 * AggCheckCallContext's test written out: this runs once per input row,
	 * and the call through the PLT was a measurable part of sum()'s cost.
	 */
	if (fcinfo->context &&
		(IsA(fcinfo->context, AggState) || IsA(fcinfo->context, WindowAggState)))
		return st;
	return (KcSumState *) memcpy(palloc(sizeof(KcSumState)), st, sizeof(KcSumState));
}

PG_FUNCTION_INFO_V1(kc_money_sumstate_in);
Datum
kc_money_sumstate_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	KcSumState *st = palloc0(sizeof(KcSumState));
	char	   *sum_str = NULL;
	int64		count;
	char	   *comma;
	char	   *end;
	char	   *copy = pstrdup(str);
	size_t		len = strlen(copy);

	if (len < 5 || copy[0] != '(' || copy[len - 1] != ')' ||
		(comma = strchr(copy, ',')) == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type kc_money_sumstate: \"%s\"", str),
				 errhint("The form is (sum,count), both plain integers.")));
	copy[len - 1] = '\0';
	*comma = '\0';
	sum_str = copy + 1;

	/* the sum may exceed 64 bits */
	{
		kc_int128	v = 0;
		bool		neg = (*sum_str == '-');
		const char *p = sum_str + (neg || *sum_str == '+');

		if (*p == '\0')
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("invalid input syntax for type kc_money_sumstate: \"%s\"", str)));
		for (; *p; p++)
		{
			/* v <= 2^120 here, so one more digit cannot overflow */
			if (*p >= '0' && *p <= '9')
				v = v * 10 + (*p - '0');
			if (*p < '0' || *p > '9' || v > KC_STATE_SUM_LIMIT)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
						 errmsg("invalid input syntax for type kc_money_sumstate: \"%s\"", str),
						 errdetail("The sum must be an integer of magnitude at most 2^120.")));
		}
		kc_store_int128(st->sum, neg ? -v : v);
	}
	errno = 0;
	count = strtoi64(comma + 1, &end, 10);
	if (end == comma + 1 || *end != '\0' || count < 0 || errno == ERANGE)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type kc_money_sumstate: \"%s\"", str),
				 errdetail("The count must be a non-negative integer.")));
	st->count = count;
	PG_RETURN_POINTER(st);
}

PG_FUNCTION_INFO_V1(kc_money_sumstate_out);
Datum
kc_money_sumstate_out(PG_FUNCTION_ARGS)
{
	KcSumState *st = PG_GETARG_SUMSTATE_P(0);
	char		sum[48];

	kc_int128_to_str(kc_load_int128(st->sum), sum);
	PG_RETURN_CSTRING(psprintf("(%s," INT64_FORMAT ")", sum, st->count));
}

PG_FUNCTION_INFO_V1(kc_money_sumstate_recv);
Datum
kc_money_sumstate_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	KcSumState *st = palloc(sizeof(KcSumState));

	st->sum[0] = pq_getmsgint64(buf);
	st->sum[1] = pq_getmsgint64(buf);
	st->count = pq_getmsgint64(buf);
	if (st->count < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid count %lld in external kc_money_sumstate value",
						(long long) st->count)));
	if (!kc_state_sum_ok(kc_load_int128(st->sum)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid sum in external kc_money_sumstate value"),
				 errdetail("The sum must be an integer of magnitude at most 2^120.")));
	PG_RETURN_POINTER(st);
}

PG_FUNCTION_INFO_V1(kc_money_sumstate_send);
Datum
kc_money_sumstate_send(PG_FUNCTION_ARGS)
{
	KcSumState *st = PG_GETARG_SUMSTATE_P(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendint64(&buf, st->sum[0]);
	pq_sendint64(&buf, st->sum[1]);
	pq_sendint64(&buf, st->count);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/*
 * The transition functions keep the state within the bounds its input
 * accepts (kc_ext.h, KC_STATE_SUM_LIMIT): |sum| <= 2^120 and
 * 0 <= count <= INT64_MAX, raising 22003 otherwise, so that no state they
 * return wraps (a count past INT64_MAX turned negative and avg() with it)
 * or fails to load again from its text or binary form.
 *
 * The new sum and count are both computed before either is stored: on an
 * error the state (updated in place inside an aggregate) is left whole.
 *
 * The transition functions are not STRICT: they skip a NULL amount
 * themselves, which spares the executor a per-row null-check step (a few
 * per cent of sum()).  A NULL state only arrives in a direct call.
 */
PG_FUNCTION_INFO_V1(kc_money_sum_accum);
Datum
kc_money_sum_accum(PG_FUNCTION_ARGS)
{
	KcSumState *st;
	kc_int128	sum;
	int64		count;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	if (PG_ARGISNULL(1))
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	st = writable_state(fcinfo);
	sum = kc_state_add(kc_load_int128(st->sum), PG_GETARG_KCMONEY(1),
					   "kc_money_sumstate", gettext_noop("sum"));
	count = kc_state_count_add(st->count, 1, "kc_money_sumstate");
	kc_store_int128(st->sum, sum);
	st->count = count;
	PG_RETURN_POINTER(st);
}

PG_FUNCTION_INFO_V1(kc_money_sum_retract);
Datum
kc_money_sum_retract(PG_FUNCTION_ARGS)
{
	KcSumState *st;
	kc_int128	sum;
	int64		count;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	if (PG_ARGISNULL(1))
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	if (PG_GETARG_SUMSTATE_P(0)->count <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot remove an amount from an empty kc_money_sumstate")));
	st = writable_state(fcinfo);
	/* -(kc_int128) amount: an int64 negated in 128 bits cannot overflow */
	sum = kc_state_add(kc_load_int128(st->sum), -(kc_int128) PG_GETARG_KCMONEY(1),
					   "kc_money_sumstate", gettext_noop("sum"));
	count = kc_state_count_add(st->count, -1, "kc_money_sumstate");
	kc_store_int128(st->sum, sum);
	st->count = count;
	PG_RETURN_POINTER(st);
}

PG_FUNCTION_INFO_V1(kc_money_sumstate_combine);
Datum
kc_money_sumstate_combine(PG_FUNCTION_ARGS)
{
	KcSumState *st = writable_state(fcinfo);
	KcSumState *other = PG_GETARG_SUMSTATE_P(1);
	kc_int128	sum;
	int64		count;

	sum = kc_state_add(kc_load_int128(st->sum), kc_load_int128(other->sum),
					   "kc_money_sumstate", gettext_noop("sum"));
	count = kc_state_count_add(st->count, other->count, "kc_money_sumstate");
	kc_store_int128(st->sum, sum);
	st->count = count;
	PG_RETURN_POINTER(st);
}

PG_FUNCTION_INFO_V1(kc_money_sum_final);
Datum
kc_money_sum_final(PG_FUNCTION_ARGS)
{
	KcSumState *st = PG_GETARG_SUMSTATE_P(0);
	kc_int128	sum;

	if (st->count == 0)
		PG_RETURN_NULL();
	sum = kc_load_int128(st->sum);
	if (!kc_int128_fits_int64(sum))
	{
		char		buf[48];

		kc_int128_to_str(sum, buf);
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("kc_money out of range"),
				 errdetail("The sum is %s đồng.", buf),
				 errhint("Sum the amounts as numeric: sum(amount::numeric).")));
	}
	PG_RETURN_KCMONEY((KcMoney) sum);
}

PG_FUNCTION_INFO_V1(kc_money_avg_final);
Datum
kc_money_avg_final(PG_FUNCTION_ARGS)
{
	KcSumState *st = PG_GETARG_SUMSTATE_P(0);

	if (st->count == 0)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(DirectFunctionCall2(numeric_div,
										kc_numeric_from_int128(kc_load_int128(st->sum)),
										NumericGetDatum(int64_to_numeric(st->count))));
}
