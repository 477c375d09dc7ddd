/*
 * kc_format.c
 *		Exact rounding of quotients and writing numbers in Vietnamese
 *		notation: dots between thousands, a decimal comma ("1.234.567 đồng",
 *		"345,5 tỷ đồng", "93,48").
 *
 * Rounding is symmetric around zero: the magnitude is rounded and the sign
 * put back, so half_up rounds -2.5 to -3, trunc rounds -2.7 to -2 and
 * half_even rounds -2.5 to -2.
 */
#include "kc_core.h"

#include <string.h>

kc_int128
kc_div_round(kc_int128 num, kc_int128 den, kc_rounding mode)
{
	bool		negative = (num < 0) != (den < 0);
	unsigned __int128 an = num < 0 ? -(unsigned __int128) num : (unsigned __int128) num;
	unsigned __int128 ad = den < 0 ? -(unsigned __int128) den : (unsigned __int128) den;
	unsigned __int128 q = an / ad;
	unsigned __int128 r = an % ad;

	switch (mode)
	{
		case KC_ROUND_HALF_UP:
			if (r >= ad - r)
				q++;
			break;
		case KC_ROUND_HALF_EVEN:
			if (r > ad - r || (r == ad - r && (q & 1)))
				q++;
			break;
		case KC_ROUND_TRUNC:
			break;
	}
	return negative ? -(kc_int128) q : (kc_int128) q;
}

int
kc_int128_to_str(kc_int128 v, char *buf)
{
	char		tmp[48];
	int			n = 0;
	int			len = 0;
	unsigned __int128 u = v < 0 ? -(unsigned __int128) v : (unsigned __int128) v;

	do
	{
		tmp[n++] = (char) ('0' + (int) (u % 10));
		u /= 10;
	} while (u != 0);
	if (v < 0)
		buf[len++] = '-';
	while (n > 0)
		buf[len++] = tmp[--n];
	buf[len] = '\0';
	return len;
}

/*
 * Write digits[0..ndigits) as a Vietnamese number with the last `scale`
 * digits after the comma.  Shared by kc_format_decimal and
 * kc_localize_decimal.
 */
static int
write_grouped(bool negative, const char *digits, int ndigits, int scale,
			  bool drop_zeros, char *buf)
{
	int			int_len = ndigits - scale;
	int			frac_len = scale;
	int			len = 0;
	bool		nonzero = false;

	for (int k = 0; k < ndigits; k++)
		if (digits[k] != '0')
			nonzero = true;
	if (drop_zeros)
		while (frac_len > 0 && digits[int_len + frac_len - 1] == '0')
			frac_len--;
	if (negative && nonzero)
		buf[len++] = '-';
	if (int_len <= 0)
		buf[len++] = '0';
	for (int k = 0; k < int_len; k++)
	{
		if (k > 0 && (int_len - k) % 3 == 0)
			buf[len++] = '.';
		buf[len++] = digits[k];
	}
	if (frac_len > 0)
	{
		buf[len++] = ',';
		memcpy(buf + len, digits + int_len, (size_t) frac_len);
		len += frac_len;
	}
	buf[len] = '\0';
	return len;
}

int
kc_format_decimal(kc_int128 scaled, int scale, bool drop_zeros, char *buf)
{
	char		digits[64];
	int			n;
	char	   *d = digits;

	n = kc_int128_to_str(scaled, digits);
	if (*d == '-')
	{
		d++;
		n--;
	}
	/* pad with leading zeros so there is at least one integer digit */
	if (n <= scale)
	{
		int			pad = scale + 1 - n;

		memmove(d + pad, d, (size_t) n);
		memset(d, '0', (size_t) pad);
		n += pad;
	}
	return write_grouped(scaled < 0, d, n, scale, drop_zeros, buf);
}

static kc_int128
pow10_i128(int e)
{
	kc_int128	v = 1;

	while (e-- > 0)
		v *= 10;
	return v;
}

static const char *
unit_words(kc_unit unit)
{
	switch (unit)
	{
		case KC_UNIT_TY:
			return " t\xe1\xbb\xb7 \xc4\x91\xe1\xbb\x93ng";	/* tỷ đồng */
		case KC_UNIT_TRIEU:
			return " tri\xe1\xbb\x87u \xc4\x91\xe1\xbb\x93ng";	/* triệu đồng */
		case KC_UNIT_NGHIN:
			return " ngh\xc3\xacn \xc4\x91\xe1\xbb\x93ng";	/* nghìn đồng */
		default:
			return " \xc4\x91\xe1\xbb\x93ng";	/* đồng */
	}
}

int
kc_format_amount(int64_t amount, kc_unit unit, int digits, kc_rounding mode,
				 char *buf)
{
	int			scale;
	int			len;
	const char *words;

	if (unit == KC_UNIT_AUTO)
	{
		kc_int128	mag = amount < 0 ? -(kc_int128) amount : (kc_int128) amount;

		if (mag >= 1000000000)
			unit = KC_UNIT_TY;
		else if (mag >= 1000000)
			unit = KC_UNIT_TRIEU;
		else if (mag >= 1000)
			unit = KC_UNIT_NGHIN;
		else
			unit = KC_UNIT_DONG;
	}
	scale = (int) unit;

	if (digits < 0)
		len = kc_format_decimal(amount, scale, true, buf);
	else if (digits >= scale)
		len = kc_format_decimal((kc_int128) amount * pow10_i128(digits - scale),
								digits, false, buf);
	else
		len = kc_format_decimal(kc_div_round(amount, pow10_i128(scale - digits), mode),
								digits, false, buf);

	words = unit_words(unit);
	memcpy(buf + len, words, strlen(words) + 1);
	return len + (int) strlen(words);
}

bool
kc_percent(int64_t part, int64_t whole, int digits, kc_rounding mode,
		   kc_int128 *scaled)
{
	if (whole == 0)
		return false;
	*scaled = kc_div_round((kc_int128) part * 100 * pow10_i128(digits),
						   whole, mode);
	return true;
}

int
kc_localize_decimal(const char *plain, bool drop_zeros, char *out, size_t outsz)
{
	char		digits[KC_FORMAT_BUFSZ];
	int			n = 0;
	int			scale = 0;
	bool		negative = false;
	bool		seen_point = false;
	const char *p = plain;

	if (*p == '-')
	{
		negative = true;
		p++;
	}
	if (*p < '0' || *p > '9')
		return -1;
	for (; *p; p++)
	{
		if (*p >= '0' && *p <= '9')
		{
			if (n >= (int) sizeof(digits) - 1)
				return -1;
			digits[n++] = *p;
			if (seen_point)
				scale++;
		}
		else if (*p == '.' && !seen_point)
			seen_point = true;
		else
			return -1;
	}
	/* digits, dots (one per three), comma, sign and NUL */
	if ((size_t) (n + n / 3 + 4) > outsz)
		return -1;
	return write_grouped(negative, digits, n, scale, drop_zeros, out);
}
