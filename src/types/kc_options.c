/*
 * kc_options.c
 *		The text options that kc_ext functions take (unit, rounding mode,
 *		number of decimals), checked with clear errors, and the conversions
 *		from the core's results to SQL values.
 */
#include "kc_ext.h"

#include "common/int.h"
#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/numeric.h"

kc_rounding
kc_rounding_from_text(text *t)
{
	kc_rounding mode;

	if (!kc_parse_rounding(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), &mode))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown rounding mode \"%s\"", text_to_cstring(t)),
				 errhint("Use half_up (half away from zero), half_even or trunc (toward zero).")));
	return mode;
}

kc_unit
kc_unit_from_text(text *t)
{
	kc_unit		unit;

	if (!kc_parse_unit(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), &unit))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown unit \"%s\"", text_to_cstring(t)),
				 errhint("Use đồng, nghìn, triệu, tỷ (also written dong, nghin, trieu, ty) or auto.")));
	return unit;
}

int
kc_digits_from_arg(int32 digits, int max_digits)
{
	if (digits < 0 || digits > max_digits)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("number of decimals %d is out of range", digits),
				 errhint("Use a value between 0 and %d.", max_digits)));
	return digits;
}

/*
 * The core writes UTF-8.  In a UTF-8 database that is the result; in any
 * other encoding the unit words are written in their ASCII spellings
 * ("8,198 ty dong"), which every encoding holds and kc_money reads back.
 */
text *
kc_text_from_utf8(const char *s, int len)
{
	static const struct
	{
		const char *utf8;
		const char *ascii;
	}			words[] = {
		{"t\xe1\xbb\xb7", "ty"},	/* tỷ */
		{"tri\xe1\xbb\x87u", "trieu"},	/* triệu */
		{"ngh\xc3\xacn", "nghin"},	/* nghìn */
		{"\xc4\x91\xe1\xbb\x93ng", "dong"},	/* đồng */
	};
	StringInfoData buf;
	int			i = 0;

	if (GetDatabaseEncoding() == PG_UTF8)
		return cstring_to_text_with_len(s, len);

	initStringInfo(&buf);
	while (i < len)
	{
		bool		replaced = false;

		for (size_t w = 0; w < lengthof(words); w++)
		{
			int			wl = strlen(words[w].utf8);

			if (i + wl <= len && memcmp(s + i, words[w].utf8, wl) == 0)
			{
				appendStringInfoString(&buf, words[w].ascii);
				i += wl;
				replaced = true;
				break;
			}
		}
		if (!replaced)
			appendStringInfoChar(&buf, s[i++]);
	}
	/* anything left that is not ASCII is an error naming the character */
	return cstring_to_text(pg_any_to_server(buf.data, buf.len, PG_UTF8));
}

Datum
kc_numeric_from_scaled(kc_int128 scaled, int scale)
{
	char		digits[64];
	char		buf[80];
	char	   *d = digits;
	int			n;
	int			len = 0;

	n = kc_int128_to_str(scaled, digits);
	if (*d == '-')
	{
		buf[len++] = '-';
		d++;
		n--;
	}
	if (n <= scale)
	{
		buf[len++] = '0';
		buf[len++] = '.';
		for (int k = n; k < scale; k++)
			buf[len++] = '0';
		memcpy(buf + len, d, n);
		len += n;
	}
	else
	{
		memcpy(buf + len, d, n - scale);
		len += n - scale;
		if (scale > 0)
		{
			buf[len++] = '.';
			memcpy(buf + len, d + n - scale, scale);
			len += scale;
		}
	}
	buf[len] = '\0';
	return DirectFunctionCall3(numeric_in, CStringGetDatum(buf),
							   ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1));
}

Datum
kc_numeric_from_int128(kc_int128 v)
{
	if (kc_int128_fits_int64(v))
		return NumericGetDatum(int64_to_numeric((int64) v));
	return kc_numeric_from_scaled(v, 0);
}

void
kc_state_sum_error(const char *type_name, const char *what, kc_int128 a, kc_int128 b)
{
	char		abuf[48];
	char		bbuf[48];
	kc_int128	r;

	kc_int128_to_str(a, abuf);
	kc_int128_to_str(b, bbuf);
	if (!__builtin_add_overflow(a, b, &r))
	{
		char		rbuf[48];

		kc_int128_to_str(r, rbuf);
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s out of range", type_name),
				 errdetail("The %s would be %s + (%s) = %s, beyond the state's limit of 2^120 in magnitude.",
						   _(what), abuf, bbuf, rbuf),
				 errhint("Aggregate the amounts as numeric instead, e.g. sum(amount::numeric).")));
	}
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("%s out of range", type_name),
			 errdetail("The %s would be %s + (%s), beyond 128 bits.", _(what), abuf, bbuf),
			 errhint("Aggregate the amounts as numeric instead, e.g. sum(amount::numeric).")));
}

void
kc_state_count_error(const char *type_name, int64 a, int64 b)
{
	if (a < 0)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s out of range", type_name),
				 errdetail("The row count %lld is negative.", (long long) a)));
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("%s out of range", type_name),
			 errdetail("The row count would be %lld + (%lld), outside 0 to %lld.",
					   (long long) a, (long long) b, (long long) PG_INT64_MAX)));
}
