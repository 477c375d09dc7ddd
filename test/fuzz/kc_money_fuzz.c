/*
 * kc_money_fuzz.c
 *		libFuzzer target for the PostgreSQL-free core: the money, kc_plan,
 *		unit and rounding parsers, and round-trip checks through the
 *		formatters.  Built and run by test/suites/20-fuzz.sh with ASan and
 *		UBSan; any crash, sanitizer report or abort() is a failure.
 *
 * Every accepted amount must read back as itself after being written
 *	- as plain digits and with Vietnamese grouping dots (bare ones with a
 *	  single dot must be refused as ambiguous; followed by "VND" they read
 *	  back),
 *	- by kc_format_amount in every unit with exact digits (-1),
 *	- by kc_format_amount with a digit count and rounding mode taken from
 *	  the input, as the amount rounded to that many decimals of the unit.
 * kc_parse_money must agree with kc_parse_money_reference (no fast path).
 * The parsers must also be deterministic and must not depend on anything
 * after `len` (the input buffer is exactly `size` bytes long, so ASan
 * catches an overread).
 */
#include "kc_core.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static kc_int128
pow10_128(int e)
{
	kc_int128	v = 1;

	while (e-- > 0)
		v *= 10;
	return v;
}

static void
die(const char *what, int64_t v, const char *text)
{
	fprintf(stderr, "kc_money_fuzz: %s: amount %lld, text \"%s\"\n", what, (long long) v,
			text ? text : "");
	abort();
}

/* Parse `buf` (n bytes, from an exact-size copy) and require `want`. */
static void
expect_reads_as(const char *buf, int n, int64_t want, const char *what)
{
	char	   *copy = malloc((size_t) n + 1);
	int64_t		back = 0;

	memcpy(copy, buf, (size_t) n);
	if (kc_parse_money(copy, (size_t) n, &back) != KC_PARSE_OK || back != want)
		die(what, want, buf);
	free(copy);
}

static void
check_amount(int64_t v, unsigned char knob)
{
	static const kc_unit units[] = {KC_UNIT_DONG, KC_UNIT_NGHIN, KC_UNIT_TRIEU, KC_UNIT_TY,
	KC_UNIT_AUTO};
	char		buf[KC_FORMAT_BUFSZ];
	int			n;

	n = kc_int128_to_str(v, buf);
	expect_reads_as(buf, n, v, "plain digits");
	n = kc_format_decimal(v, 0, false, buf);
	if (n < 1 || n >= KC_FORMAT_BUFSZ - 8)
		die("format_decimal length", v, buf);

	/*
	 * Bare grouped digits with a single dot (1.000 to 999.999 and their
	 * negatives) are ambiguous and must be refused as such; with two or
	 * more dots, or none, they read back.  With a currency word after them
	 * they always read back.
	 */
	{
		char	   *copy = malloc((size_t) n);
		int64_t		back = 0;
		kc_parse_status gst;
		int			dots = 0;
		bool		one_dot;

		for (int k = 0; k < n; k++)
			dots += buf[k] == '.';
		one_dot = dots == 1;

		memcpy(copy, buf, (size_t) n);
		gst = kc_parse_money(copy, (size_t) n, &back);
		free(copy);
		if (one_dot ? gst != KC_PARSE_AMBIGUOUS : (gst != KC_PARSE_OK || back != v))
			die("grouped digits", v, buf);
	}
	memcpy(buf + n, " VND", 5);
	expect_reads_as(buf, n + 4, v, "grouped digits with VND");

	for (size_t u = 0; u < sizeof(units) / sizeof(units[0]); u++)
	{
		int			scale;
		int			digits;
		kc_rounding mode;
		kc_int128	want = v;
		int64_t		back = 0;
		kc_parse_status st;

		/* exact: the digit count -1 used by kc_format(amount, unit) */
		n = kc_format_amount(v, units[u], -1, KC_ROUND_HALF_UP, buf);
		if (n < 1 || n >= KC_FORMAT_BUFSZ || (size_t) n != strlen(buf))
			die("format_amount length", v, buf);
		expect_reads_as(buf, n, v, "kc_format_amount exact");

		/* rounded to `digits` decimals of the unit */
		if (units[u] == KC_UNIT_AUTO)
			continue;
		scale = (int) units[u];
		digits = knob % (KC_MAX_DIGITS + 1);
		mode = (kc_rounding) ((knob / 19) % 3);
		if (digits < scale)
			want = kc_div_round(v, pow10_128(scale - digits), mode) *
				pow10_128(scale - digits);
		n = kc_format_amount(v, units[u], digits, mode, buf);
		if (n < 1 || n >= KC_FORMAT_BUFSZ || (size_t) n != strlen(buf))
			die("format_amount rounded length", v, buf);
		st = kc_parse_money(buf, (size_t) n, &back);
		if (kc_int128_fits_int64(want))
		{
			if (st != KC_PARSE_OK || back != (int64_t) want)
				die("kc_format_amount rounded", v, buf);
		}
		else if (st != KC_PARSE_RANGE)
			die("kc_format_amount rounded beyond range", v, buf);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *) data;
	unsigned char knob = size > 0 ? data[size - 1] : 0;
	int64_t		v = 0,
				v2 = 0;
	kc_parse_status st,
				st2;
	int64_t		planned = 0,
				actual = 0;
	int			bad_field = 0;
	kc_unit		unit;
	kc_rounding mode;

	/* money */
	st = kc_parse_money(s, size, &v);
	st2 = kc_parse_money(s, size, &v2);
	if (st != st2 || (st == KC_PARSE_OK && v != v2))
		die("kc_parse_money is not deterministic", v, NULL);
	/* the fast path for the usual spellings agrees with the general one */
	st2 = kc_parse_money_reference(s, size, &v2);
	if (st != st2 || (st == KC_PARSE_OK && v != v2))
		die("kc_parse_money and kc_parse_money_reference differ", v, NULL);
	if (st == KC_PARSE_OK)
		check_amount(v, knob);
	else if (st > KC_PARSE_LAST)
		die("unknown parse status", (int64_t) st, NULL);

	/* kc_plan literal */
	st = kc_parse_plan(s, size, &planned, &actual, &bad_field);
	if (st == KC_PARSE_OK)
	{
		char		a[48],
					b[48],
					lit[KC_FORMAT_BUFSZ];
		int64_t		p2 = 0,
					a2 = 0;
		int			n;

		if (bad_field != 0)
			die("kc_parse_plan OK with a bad field", planned, NULL);
		kc_int128_to_str(planned, a);
		kc_int128_to_str(actual, b);
		n = snprintf(lit, sizeof(lit), "(%s,%s)", a, b);
		if (kc_parse_plan(lit, (size_t) n, &p2, &a2, &bad_field) != KC_PARSE_OK ||
			p2 != planned || a2 != actual)
			die("kc_plan round trip", planned, lit);
		check_amount(planned, knob);
		check_amount(actual, (unsigned char) (knob + 7));
	}
	else if (bad_field < 0 || bad_field > 2)
		die("kc_parse_plan bad_field out of range", bad_field, NULL);

	/* unit and rounding names: use what they give */
	if (kc_parse_unit(s, size, &unit))
	{
		char		buf[KC_FORMAT_BUFSZ];

		if (unit != KC_UNIT_AUTO && unit != KC_UNIT_DONG && unit != KC_UNIT_NGHIN &&
			unit != KC_UNIT_TRIEU && unit != KC_UNIT_TY)
			die("kc_parse_unit returned no unit", (int64_t) unit, NULL);
		kc_format_amount(INT64_MIN, unit, KC_MAX_DIGITS, KC_ROUND_HALF_EVEN, buf);
		kc_format_amount(INT64_MAX, unit, -1, KC_ROUND_TRUNC, buf);
	}
	if (kc_parse_rounding(s, size, &mode))
	{
		if (mode != KC_ROUND_HALF_UP && mode != KC_ROUND_HALF_EVEN && mode != KC_ROUND_TRUNC)
			die("kc_parse_rounding returned no mode", (int64_t) mode, NULL);
	}

	/* kc_localize_decimal reads a C string: give it one, and a small buffer */
	if (size < 256)
	{
		char	   *z = malloc(size + 1);
		char		out[40];
		int			n;

		memcpy(z, data, size);
		z[size] = '\0';
		n = kc_localize_decimal(z, (knob & 1) != 0, out, sizeof(out));
		if (n >= (int) sizeof(out) || (n >= 0 && (size_t) n != strlen(out)))
			die("kc_localize_decimal length", n, z);
		free(z);
	}
	return 0;
}
