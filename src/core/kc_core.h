/*
 * kc_core.h
 *		The PostgreSQL-free core of kc_ext: reading Vietnamese money notation,
 *		rounding exact quotients and writing amounts and percentages back.
 *
 * Nothing here includes a PostgreSQL header, so the core can be unit-tested
 * and fuzzed on its own (see test/unit and test/fuzz).  Every function is
 * pure: no allocation, no global state; callers pass output buffers.
 */
#ifndef KC_CORE_H
#define KC_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef __int128 kc_int128;

/* Outcome of parsing an amount. */
typedef enum kc_parse_status
{
	KC_PARSE_OK = 0,
	KC_PARSE_EMPTY,				/* nothing but whitespace */
	KC_PARSE_SYNTAX,			/* not a number in any accepted notation */
	KC_PARSE_GROUPING,			/* misplaced thousands dots: 1.23.456 */
	KC_PARSE_UNKNOWN_WORD,		/* a word that is neither a scale nor a currency */
	KC_PARSE_FRACTION,			/* not a whole number of dong: 1,5 dong */
	KC_PARSE_RANGE,				/* outside the signed 64-bit range */
	KC_PARSE_AMBIGUOUS,			/* "12.345": 12345 dong or a machine 12.345 */
	KC_PARSE_DECIMAL_FRACTION	/* a machine decimal with a fraction: "2.5" */
} kc_parse_status;

#define KC_PARSE_LAST KC_PARSE_DECIMAL_FRACTION

/* Rounding modes shared by kc_format, kc_pct and the division operators. */
typedef enum kc_rounding
{
	KC_ROUND_HALF_UP = 0,		/* half away from zero */
	KC_ROUND_HALF_EVEN,			/* half to even (banker's) */
	KC_ROUND_TRUNC				/* toward zero */
} kc_rounding;

/* Units an amount can be written in; the value is the power of ten. */
typedef enum kc_unit
{
	KC_UNIT_DONG = 0,
	KC_UNIT_NGHIN = 3,
	KC_UNIT_TRIEU = 6,
	KC_UNIT_TY = 9,
	KC_UNIT_AUTO = -1
} kc_unit;

/* Largest output of kc_format_amount / kc_format_decimal, with the NUL. */
#define KC_FORMAT_BUFSZ 128

/*
 * Parse an amount of dong written in any notation kc_money accepts.
 * `len` bytes of `s` are read (no NUL needed).  On KC_PARSE_OK, *out holds
 * the amount.
 *
 * A bare number with a single dot and nothing after it (no comma, no scale
 * or currency word) is how drivers that send numbers as untyped text write
 * a machine decimal.  When it is also valid Vietnamese grouping (one to
 * three digits not starting with 0, a dot, three digits: "12.345",
 * "-1.500") it has two readings a thousand times apart, and is
 * KC_PARSE_AMBIGUOUS.  Otherwise it can only be a machine decimal: with a
 * non-zero fraction ("2.5", "12.34", "0.125") it is
 * KC_PARSE_DECIMAL_FRACTION; with an all-zero fraction of other than three
 * digits ("2.0", "1500.00") it is that whole number.  ("1000.000" and
 * "0.000" stay KC_PARSE_GROUPING: three zeros after the dot look like a
 * mistyped Vietnamese grouping, so they are not guessed at.)
 */
extern kc_parse_status kc_parse_money(const char *s, size_t len, int64_t *out);

/*
 * The same parser without its fast path for the usual spellings of the
 * words: every input must give the same result (checked by the unit tests
 * and the fuzz target).
 */
extern kc_parse_status kc_parse_money_reference(const char *s, size_t len,
												int64_t *out);

/*
 * Parse a kc_plan literal: "(planned,actual)" with plain integers, or
 * "(a; b)" with each field in any kc_money notation.  On failure
 * *bad_field is 0 for the frame, 1 or 2 for the field that failed.
 */
extern kc_parse_status kc_parse_plan(const char *s, size_t len,
									 int64_t *planned, int64_t *actual,
									 int *bad_field);

/* Parse a unit name (dong, nghin, trieu, ty, auto; with or without marks). */
extern bool kc_parse_unit(const char *s, size_t len, kc_unit *unit);

/* Parse a rounding mode name: half_up, half_even, trunc. */
extern bool kc_parse_rounding(const char *s, size_t len, kc_rounding *mode);

/*
 * num / den rounded to an integer by `mode`.  den must not be 0.  The
 * caller guarantees that num fits (|num| < 2^126) so no step overflows.
 */
extern kc_int128 kc_div_round(kc_int128 num, kc_int128 den, kc_rounding mode);

/* Does a 128-bit value fit in int64? */
static inline bool
kc_int128_fits_int64(kc_int128 v)
{
	return v >= (kc_int128) INT64_MIN && v <= (kc_int128) INT64_MAX;
}

/* Write a 128-bit integer as plain digits; returns the length. */
extern int	kc_int128_to_str(kc_int128 v, char *buf);

/*
 * Write a scaled integer (value = digits / 10^scale) in Vietnamese
 * notation: dots between thousands, a decimal comma.  With drop_zeros,
 * trailing zeros of the fraction (and a bare comma) are removed.
 * Returns the length written to buf (at least KC_FORMAT_BUFSZ bytes).
 */
extern int	kc_format_decimal(kc_int128 scaled, int scale, bool drop_zeros,
							  char *buf);

/*
 * Write an amount in Vietnamese notation in `unit`, followed by the unit's
 * words ("345,5 tỷ đồng").  digits < 0 shows the exact value with trailing
 * zeros dropped; otherwise exactly `digits` decimals rounded by `mode`.
 * digits must be at most KC_MAX_DIGITS.  Returns the length, in bytes of
 * UTF-8, written to buf (at least KC_FORMAT_BUFSZ bytes).
 */
#define KC_MAX_DIGITS 18
extern int	kc_format_amount(int64_t amount, kc_unit unit, int digits,
							 kc_rounding mode, char *buf);

/*
 * 100 * part / whole rounded to `digits` decimals by `mode`, as a scaled
 * integer (the result is *scaled / 10^digits).  Returns false when whole
 * is 0.  digits must be between 0 and KC_PCT_MAX_DIGITS.
 */
#define KC_PCT_MAX_DIGITS 16
extern bool kc_percent(int64_t part, int64_t whole, int digits,
					   kc_rounding mode, kc_int128 *scaled);

/*
 * Rewrite a plain decimal string ("-93.4800", as numeric_out writes it)
 * in Vietnamese notation ("-93,48" with drop_zeros).  Returns the length
 * written to out, or -1 if `plain` is not a plain decimal or does not fit
 * in outsz bytes.
 */
extern int	kc_localize_decimal(const char *plain, bool drop_zeros,
								char *out, size_t outsz);

#endif							/* KC_CORE_H */
