/*
 * kc_parse.c
 *		Reading amounts of dong in the notations people write: plain digits
 *		("-1500"), Vietnamese grouping ("345.500.000.000"), a decimal comma
 *		with a scale word ("345,5 tỷ", "1.234,5 triệu"), and a currency word
 *		("12 triệu đồng", "500đ", "VND").  Also kc_plan literals, unit and
 *		rounding names.
 *
 * Amounts are never rounded: a value that is not a whole number of dong is
 * KC_PARSE_FRACTION (KC_PARSE_DECIMAL_FRACTION when written with a decimal
 * point, as drivers do), one outside int64 is KC_PARSE_RANGE.  Nor are they
 * guessed: "12.345" alone is 12345 dong to a Vietnamese reader and twelve
 * point three four five to every driver that sends numbers as text, so it is
 * KC_PARSE_AMBIGUOUS (see kc_core.h).
 */
#include "kc_core.h"
#include "kc_words.h"

#include <string.h>

/* 10^0 .. 10^9: the scale words reach at most 10^9. */
static const uint64_t pow10_u64[] = {
	1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL,
	10000000ULL, 100000000ULL, 1000000000ULL
};

/* Anything above this is out of range whatever the scale: 2^63 * 10. */
#define MANTISSA_CAP ((unsigned __int128) 1 << 70)

static bool
is_space_at(const char *s, size_t len, size_t i, size_t *width)
{
	unsigned char c = (unsigned char) s[i];

	if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')
	{
		*width = 1;
		return true;
	}
	/* U+00A0 no-break space, as pasted from word processors */
	if (c == 0xC2 && i + 1 < len && (unsigned char) s[i + 1] == 0xA0)
	{
		*width = 2;
		return true;
	}
	return false;
}

/* Trim leading and trailing whitespace: returns the new [start, end). */
static void
trim(const char *s, size_t len, size_t *start, size_t *end)
{
	size_t		w;

	*start = 0;
	*end = len;
	while (*start < *end && is_space_at(s, len, *start, &w))
		*start += w;
	while (*end > *start)
	{
		unsigned char c = (unsigned char) s[*end - 1];

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')
			(*end)--;
		else if (c == 0xA0 && *end - 1 > *start && (unsigned char) s[*end - 2] == 0xC2)
			*end -= 2;
		else
			break;
	}
}

static inline bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/*
 * Exact byte spellings of the words as they are usually typed (lower case,
 * composed NFC, or plain ASCII), longest first where one is a prefix of
 * another.  Reading these needs no folding; anything else (upper case,
 * decomposed marks, unusual spacing) takes the general path.
 */
typedef struct kc_spelling
{
	const char *bytes;
	unsigned char len;
	signed char power;
} kc_spelling;

#define SPELLING(s, p) {s, sizeof(s) - 1, p}

static const kc_spelling scale_spellings[] = {
	SPELLING("t\xe1\xbb\xb7", 9),		/* tỷ */
	SPELLING("tri\xe1\xbb\x87u", 6),	/* triệu */
	SPELLING("ngh\xc3\xacn", 3),		/* nghìn */
	SPELLING("ng\xc3\xa0n", 3),		/* ngàn */
	SPELLING("t\xe1\xbb\x89", 9),		/* tỉ */
	SPELLING("trieu", 6),
	SPELLING("nghin", 3),
	SPELLING("ngan", 3),
	SPELLING("ty", 9),
};

static const kc_spelling currency_spellings[] = {
	SPELLING("\xc4\x91\xe1\xbb\x93ng", 0),	/* đồng */
	SPELLING("\xc4\x91", 0),			/* đ */
	SPELLING("\xe2\x82\xab", 0),		/* ₫ */
	SPELLING("VN\xc4\x90", 0),			/* VNĐ */
	SPELLING("VND", 0),
	SPELLING("dong", 0),
	SPELLING("vnd", 0),
};

/*
 * Match one of `spellings` at s[*pos]; on success advance *pos.  A word
 * followed by a combining mark (U+0300..U+036F: lead byte 0xCC or 0xCD)
 * is a different letter: no match.
 */
static inline int
match_spelling(const char *s, size_t len, size_t *pos,
			   const kc_spelling *spellings, size_t n)
{
	for (size_t k = 0; k < n; k++)
	{
		size_t		wl = spellings[k].len;

		if (len - *pos >= wl && s[*pos] == spellings[k].bytes[0] &&
			memcmp(s + *pos, spellings[k].bytes, wl) == 0)
		{
			unsigned char next = *pos + wl < len ? (unsigned char) s[*pos + wl] : 0;

			if (next == 0xCC || next == 0xCD)
				return -1;
			*pos += wl;
			return spellings[k].power;
		}
	}
	return -1;
}

/* Skip ASCII spaces and no-break spaces at s[*pos]. */
static inline void
skip_spaces(const char *s, size_t len, size_t *pos)
{
	for (;;)
	{
		if (*pos < len && s[*pos] == ' ')
			(*pos)++;
		else if (*pos + 1 < len && (unsigned char) s[*pos] == 0xC2 &&
				 (unsigned char) s[*pos + 1] == 0xA0)
			*pos += 2;
		else
			return;
	}
}

/*
 * The common spellings, read without folding: [scale] [currency] with
 * spaces between.  Returns true and sets *power only when the whole text
 * is read; false means "use the general path", never "invalid".  It accepts
 * nothing the general path would reject or read differently.
 */
static bool
parse_words_fast(const char *s, size_t len, int *power)
{
	size_t		pos = 0;
	int			p;

	if (len >= KC_WORD_KEYSZ)
		return false;
	skip_spaces(s, len, &pos);
	p = match_spelling(s, len, &pos, scale_spellings,
					   sizeof(scale_spellings) / sizeof(scale_spellings[0]));
	*power = p < 0 ? 0 : p;
	skip_spaces(s, len, &pos);
	if (pos < len &&
		match_spelling(s, len, &pos, currency_spellings,
					   sizeof(currency_spellings) / sizeof(currency_spellings[0])) < 0)
		return false;
	return pos == len;
}

/*
 * Read the words after the number: [scale] [currency], spaces anywhere
 * between.  Sets *power to the scale word's power of ten (0 without one).
 * `fast` allows parse_words_fast first (kc_parse_money_reference does not,
 * so that tests can compare both paths).
 */
static kc_parse_status
parse_words(const char *s, size_t len, int *power, bool fast)
{
	char		key[KC_WORD_KEYSZ];
	size_t		pos = 0;
	const kc_word *w;
	int			klen;

	*power = 0;
	if (len == 0)
		return KC_PARSE_OK;
	if (fast && parse_words_fast(s, len, power))
		return KC_PARSE_OK;
	*power = 0;
	if (len >= KC_WORD_KEYSZ)
		return KC_PARSE_UNKNOWN_WORD;
	klen = kc_fold_words(s, len, key, sizeof(key));
	if (klen < 0)
		return KC_PARSE_UNKNOWN_WORD;

	if (key[pos] == ' ')
		pos++;
	w = kc_match_word(key, &pos, kc_scale_words());
	if (w != NULL)
	{
		*power = w->power;
		if (key[pos] == ' ')
			pos++;
	}
	if (key[pos] != '\0')
	{
		w = kc_match_word(key, &pos, kc_currency_words());
		if (w == NULL)
			return KC_PARSE_UNKNOWN_WORD;
		if (key[pos] == ' ')
			pos++;
	}
	return key[pos] == '\0' ? KC_PARSE_OK : KC_PARSE_UNKNOWN_WORD;
}

/*
 * The digits read so far: in 64 bits while they fit (nearly always), in
 * 128 bits beyond, capped (out of range whatever the scale) above
 * MANTISSA_CAP.
 */
typedef struct kc_mantissa
{
	uint64_t	narrow;
	unsigned __int128 wide;
	bool		is_wide;
	bool		capped;
} kc_mantissa;

static inline void
mantissa_push(kc_mantissa *m, unsigned digit)
{
	if (!m->is_wide)
	{
		/* below 10^18, one more digit stays below 10^19 < 2^64 */
		if (m->narrow < UINT64_C(1000000000000000000))
		{
			m->narrow = m->narrow * 10 + digit;
			return;
		}
		m->wide = m->narrow;
		m->is_wide = true;
	}
	if (m->capped)
		return;
	m->wide = m->wide * 10 + digit;
	if (m->wide > MANTISSA_CAP)
		m->capped = true;
}

static kc_parse_status parse_money(const char *s, size_t len, int64_t *out, bool fast);

kc_parse_status
kc_parse_money(const char *s, size_t len, int64_t *out)
{
	return parse_money(s, len, out, true);
}

kc_parse_status
kc_parse_money_reference(const char *s, size_t len, int64_t *out)
{
	return parse_money(s, len, out, false);
}

static kc_parse_status
parse_money(const char *s, size_t len, int64_t *out, bool fast)
{
	size_t		i,
				end,
				digits_start;
	bool		negative = false;
	kc_mantissa acc = {0, 0, false, false};
	unsigned __int128 mantissa;
	bool		capped;
	int			group_len = 0;	/* digits since the last dot */
	bool		grouped = false;
	int			frac_sig = 0;	/* fraction digits up to the last non-zero */
	int			frac_len = 0;
	size_t		frac_start = 0;
	int			power;
	kc_parse_status st;

	trim(s, len, &i, &end);
	if (i == end)
		return KC_PARSE_EMPTY;

	if (s[i] == '-' || s[i] == '+')
	{
		negative = (s[i] == '-');
		i++;
	}
	if (i == end || !is_digit(s[i]))
		return KC_PARSE_SYNTAX;
	digits_start = i;

	/*
	 * A bare machine decimal: digits, one dot, digits, and nothing else (the
	 * input is trimmed, so `end` is the last non-space byte).  See
	 * kc_core.h for why each case is what it is.  Everything else, including
	 * every form with a unit or currency word ("12.345 đồng") or a decimal
	 * comma, and every number with two or more dots, is Vietnamese notation
	 * and read below as before.
	 */
	{
		size_t		j = i;
		size_t		dot;
		size_t		int_len,
					frac_len;
		bool		frac_zero = true;

		while (j < end && is_digit(s[j]))
			j++;
		int_len = j - i;
		dot = j;
		if (j < end && s[j] == '.')
		{
			j++;
			while (j < end && is_digit(s[j]))
			{
				if (s[j] != '0')
					frac_zero = false;
				j++;
			}
			frac_len = j - dot - 1;
			if (j == end && frac_len > 0)
			{
				if (int_len <= 3 && s[i] != '0' && frac_len == 3)
					return KC_PARSE_AMBIGUOUS;
				if (!frac_zero)
					return KC_PARSE_DECIMAL_FRACTION;
				/* "2.0", "1500.00": read the integer part alone */
				if (frac_len != 3)
					end = dot;
			}
		}
	}

	/*
	 * integer part: digits, optionally grouped by dots in threes.  A grouped
	 * number never starts with 0: "0.125" is somebody's 0,125 (an eighth),
	 * not 125, so it is rejected rather than read a million times too small.
	 */
	for (; i < end; i++)
	{
		char		c = s[i];

		if (is_digit(c))
		{
			group_len++;
			mantissa_push(&acc, (unsigned) (c - '0'));
		}
		else if (c == '.')
		{
			/* first group 1-3 digits, every later one exactly 3 */
			if ((grouped && group_len != 3) || (!grouped && group_len > 3) ||
				group_len == 0 || (!grouped && s[digits_start] == '0'))
				return KC_PARSE_GROUPING;
			if (i + 1 >= end || !is_digit(s[i + 1]))
				return KC_PARSE_GROUPING;
			grouped = true;
			group_len = 0;
		}
		else
			break;
	}
	if (grouped && group_len != 3)
		return KC_PARSE_GROUPING;

	/* fraction: a decimal comma and at least one digit */
	if (i < end && s[i] == ',')
	{
		i++;
		frac_start = i;
		while (i < end && is_digit(s[i]))
		{
			frac_len++;
			if (s[i] != '0')
				frac_sig = frac_len;
			i++;
		}
		if (frac_len == 0)
			return KC_PARSE_SYNTAX;
		if (i < end && (s[i] == '.' || s[i] == ','))
			return KC_PARSE_SYNTAX;
	}
	else if (i < end && is_digit(s[i]))
		return KC_PARSE_SYNTAX;

	st = parse_words(s + i, end - i, &power, fast);
	if (st != KC_PARSE_OK)
		return st;

	if (frac_sig > power)
		return KC_PARSE_FRACTION;

	/* append the significant fraction digits, then scale */
	for (int k = 0; k < frac_sig && !acc.capped; k++)
		mantissa_push(&acc, (unsigned) (s[frac_start + k] - '0'));
	mantissa = acc.is_wide ? acc.wide : acc.narrow;
	capped = acc.capped;
	if (!capped)
	{
		mantissa *= pow10_u64[power - frac_sig];
		if (mantissa > MANTISSA_CAP)
			capped = true;
	}
	if (capped)
		return KC_PARSE_RANGE;
	if (negative)
	{
		if (mantissa > (unsigned __int128) INT64_MAX + 1)
			return KC_PARSE_RANGE;
		*out = (int64_t) (-(__int128) mantissa);
	}
	else
	{
		if (mantissa > (unsigned __int128) INT64_MAX)
			return KC_PARSE_RANGE;
		*out = (int64_t) mantissa;
	}
	return KC_PARSE_OK;
}

kc_parse_status
kc_parse_plan(const char *s, size_t len, int64_t *planned, int64_t *actual,
			  int *bad_field)
{
	size_t		start,
				end;
	const char *body;
	size_t		blen;
	const char *sep;
	char		sepchar;
	kc_parse_status st;

	*bad_field = 0;
	trim(s, len, &start, &end);
	if (start == end)
		return KC_PARSE_EMPTY;
	if (end - start < 2 || s[start] != '(' || s[end - 1] != ')')
		return KC_PARSE_SYNTAX;
	body = s + start + 1;
	blen = end - start - 2;

	/* "a; b" in any notation, else "a,b" with plain integers */
	sepchar = memchr(body, ';', blen) ? ';' : ',';
	sep = memchr(body, sepchar, blen);
	if (sep == NULL)
		return KC_PARSE_SYNTAX;
	if (memchr(sep + 1, sepchar, blen - (size_t) (sep + 1 - body)) != NULL)
		return KC_PARSE_SYNTAX;

	*bad_field = 1;
	st = kc_parse_money(body, (size_t) (sep - body), planned);
	if (st != KC_PARSE_OK)
		return st;
	*bad_field = 2;
	st = kc_parse_money(sep + 1, blen - (size_t) (sep + 1 - body), actual);
	if (st != KC_PARSE_OK)
		return st;
	*bad_field = 0;
	return KC_PARSE_OK;
}

bool
kc_parse_unit(const char *s, size_t len, kc_unit *unit)
{
	static const struct
	{
		const char *key;
		kc_unit		unit;
	}			units[] = {
		{"auto", KC_UNIT_AUTO},
		{"d-o^`ng", KC_UNIT_DONG}, {"dong", KC_UNIT_DONG},
		{"nghi`n", KC_UNIT_NGHIN}, {"nghin", KC_UNIT_NGHIN},
		{"nga`n", KC_UNIT_NGHIN}, {"ngan", KC_UNIT_NGHIN},
		{"trie.^u", KC_UNIT_TRIEU}, {"trieu", KC_UNIT_TRIEU},
		{"ty?", KC_UNIT_TY}, {"ti?", KC_UNIT_TY}, {"ty", KC_UNIT_TY},
	};
	char		key[KC_WORD_KEYSZ];
	size_t		start,
				end;
	int			klen;

	trim(s, len, &start, &end);
	if (end - start >= KC_WORD_KEYSZ)
		return false;
	klen = kc_fold_words(s + start, end - start, key, sizeof(key));
	if (klen <= 0)
		return false;
	for (size_t t = 0; t < sizeof(units) / sizeof(units[0]); t++)
	{
		if (strcmp(key, units[t].key) == 0)
		{
			*unit = units[t].unit;
			return true;
		}
	}
	return false;
}

bool
kc_parse_rounding(const char *s, size_t len, kc_rounding *mode)
{
	static const struct
	{
		const char *name;
		kc_rounding mode;
	}			modes[] = {
		{"half_up", KC_ROUND_HALF_UP},
		{"half_even", KC_ROUND_HALF_EVEN},
		{"trunc", KC_ROUND_TRUNC},
	};

	for (size_t t = 0; t < sizeof(modes) / sizeof(modes[0]); t++)
	{
		size_t		nl = strlen(modes[t].name);

		if (len != nl)
			continue;
		for (size_t k = 0;; k++)
		{
			char		c;

			if (k == nl)
			{
				*mode = modes[t].mode;
				return true;
			}
			c = s[k];
			if (c >= 'A' && c <= 'Z')
				c = (char) (c - 'A' + 'a');
			if (c != modes[t].name[k])
				break;
		}
	}
	return false;
}
