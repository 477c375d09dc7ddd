/*
 * kc_words.c
 *		Folding of the Vietnamese words that follow an amount ("tỷ đồng",
 *		"trieu", "VNĐ", "₫") into a canonical ASCII key, so that composed
 *		(NFC) and decomposed (NFD) spellings, upper and lower case all compare
 *		equal, and matching of those keys against the known units.
 *
 * The key writes a letter's base in lower case followed by its marks, with
 * the dot below first (canonical combining order: class 220 before 230):
 *		` grave   ' acute   ^ circumflex   ~ tilde   ? hook above
 *		. dot below   ( breve   + horn   - stroke (đ)   # the dong sign ₫
 * Whitespace (ASCII or no-break space) becomes one ' '.
 */
#include "kc_words.h"

#include <string.h>

/* Precomposed letters that occur in the words kc_ext reads. */
typedef struct kc_precomposed
{
	uint32_t	cp;
	const char *key;
} kc_precomposed;

static const kc_precomposed precomposed[] = {
	{0x00C0, "a`"}, {0x00E0, "a`"},		/* À à */
	{0x00CC, "i`"}, {0x00EC, "i`"},		/* Ì ì */
	{0x00CA, "e^"}, {0x00EA, "e^"},		/* Ê ê */
	{0x00D4, "o^"}, {0x00F4, "o^"},		/* Ô ô */
	{0x0110, "d-"}, {0x0111, "d-"},		/* Đ đ */
	{0x1EA0, "a."}, {0x1EA1, "a."},		/* Ạ ạ */
	{0x1EB8, "e."}, {0x1EB9, "e."},		/* Ẹ ẹ */
	{0x1EC6, "e.^"}, {0x1EC7, "e.^"},	/* Ệ ệ */
	{0x1EC8, "i?"}, {0x1EC9, "i?"},		/* Ỉ ỉ */
	{0x1ED2, "o^`"}, {0x1ED3, "o^`"},	/* Ồ ồ */
	{0x1EF6, "y?"}, {0x1EF7, "y?"},		/* Ỷ ỷ */
	{0x20AB, "#"},				/* ₫ */
};

/* Combining marks (U+0300 block) that may follow a base letter. */
static char
combining_mark(uint32_t cp)
{
	switch (cp)
	{
		case 0x0300:
			return '`';
		case 0x0301:
			return '\'';
		case 0x0302:
			return '^';
		case 0x0303:
			return '~';
		case 0x0306:
			return '(';
		case 0x0309:
			return '?';
		case 0x031B:
			return '+';
		case 0x0323:
			return '.';
		default:
			return 0;
	}
}

static bool
is_mark_char(char c)
{
	return c == '`' || c == '\'' || c == '^' || c == '~' || c == '(' ||
		c == '?' || c == '+' || c == '.' || c == '-';
}

/*
 * Decode one UTF-8 code point at s[*i]; advances *i.  Returns false on an
 * invalid or truncated sequence.
 */
static bool
decode_utf8(const unsigned char *s, size_t len, size_t *i, uint32_t *cp)
{
	unsigned char c = s[*i];
	int			n;
	uint32_t	v;

	if (c < 0x80)
	{
		*cp = c;
		(*i)++;
		return true;
	}
	if ((c & 0xE0) == 0xC0)
	{
		n = 1;
		v = c & 0x1F;
	}
	else if ((c & 0xF0) == 0xE0)
	{
		n = 2;
		v = c & 0x0F;
	}
	else if ((c & 0xF8) == 0xF0)
	{
		n = 3;
		v = c & 0x07;
	}
	else
		return false;
	if (*i + n >= len)
		return false;
	for (int k = 1; k <= n; k++)
	{
		unsigned char cc = s[*i + k];

		if ((cc & 0xC0) != 0x80)
			return false;
		v = (v << 6) | (cc & 0x3F);
	}
	*i += n + 1;
	*cp = v;
	return true;
}

/* Put a dot below (class 220) ahead of the other marks of its letter. */
static void
order_marks(char *key, size_t len)
{
	size_t		i = 0;

	while (i < len)
	{
		size_t		start,
					end;

		if (!is_mark_char(key[i]) || key[i] == '-')
		{
			i++;
			continue;
		}
		start = i;
		end = i;
		while (end < len && is_mark_char(key[end]) && key[end] != '-')
			end++;
		for (size_t j = start; j < end; j++)
		{
			if (key[j] == '.' && j > start)
			{
				memmove(key + start + 1, key + start, j - start);
				key[start] = '.';
			}
		}
		i = end;
	}
}

int
kc_fold_words(const char *s, size_t len, char *key, size_t keysz)
{
	const unsigned char *u = (const unsigned char *) s;
	size_t		i = 0;
	size_t		k = 0;
	bool		last_space = false;

	while (i < len)
	{
		uint32_t	cp;
		const char *piece = NULL;
		char		one[2] = {0, 0};
		size_t		plen;

		if (!decode_utf8(u, len, &i, &cp))
			return -1;
		if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' ||
			cp == '\f' || cp == '\v' || cp == 0x00A0)
		{
			if (!last_space)
			{
				if (k + 1 >= keysz)
					return -1;
				key[k++] = ' ';
			}
			last_space = true;
			continue;
		}
		last_space = false;
		if (cp < 0x80)
		{
			if (cp >= 'A' && cp <= 'Z')
				one[0] = (char) (cp - 'A' + 'a');
			else if (cp >= 'a' && cp <= 'z')
				one[0] = (char) cp;
			else
				return -1;
			piece = one;
		}
		else if ((one[0] = combining_mark(cp)) != 0)
		{
			/* a mark must follow a letter */
			if (k == 0 || key[k - 1] == ' ')
				return -1;
			piece = one;
		}
		else
		{
			for (size_t t = 0; t < sizeof(precomposed) / sizeof(precomposed[0]); t++)
			{
				if (precomposed[t].cp == cp)
				{
					piece = precomposed[t].key;
					break;
				}
			}
			if (piece == NULL)
				return -1;
		}
		plen = strlen(piece);
		if (k + plen >= keysz)
			return -1;
		memcpy(key + k, piece, plen);
		k += plen;
	}
	order_marks(key, k);
	key[k] = '\0';
	return (int) k;
}

/* Keys of the scale words, longest spelling of a prefix first. */
static const kc_word scale_words[] = {
	{"nghi`n", 3}, {"nghin", 3}, {"nga`n", 3}, {"ngan", 3},
	{"trie.^u", 6}, {"trieu", 6},
	{"ty?", 9}, {"ti?", 9}, {"ty", 9},
	{NULL, 0}
};

/* Keys of the currency words. */
static const kc_word currency_words[] = {
	{"d-o^`ng", 0}, {"dong", 0}, {"d-", 0}, {"#", 0},
	{"vnd-", 0}, {"vnd", 0},
	{NULL, 0}
};

const kc_word *
kc_scale_words(void)
{
	return scale_words;
}

const kc_word *
kc_currency_words(void)
{
	return currency_words;
}

/*
 * If `key` (at its current position) starts with one of `words`, followed
 * by a space, the end, or an ASCII letter-free boundary, return its entry
 * and advance *pos past it.
 */
const kc_word *
kc_match_word(const char *key, size_t *pos, const kc_word *words)
{
	for (const kc_word *w = words; w->key != NULL; w++)
	{
		size_t		wl = strlen(w->key);

		if (strncmp(key + *pos, w->key, wl) == 0)
		{
			char		next = key[*pos + wl];

			/* a mark right after means a different letter: no match */
			if (next != '\0' && is_mark_char(next))
				continue;
			*pos += wl;
			return w;
		}
	}
	return NULL;
}
