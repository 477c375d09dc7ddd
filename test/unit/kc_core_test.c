/*
 * kc_core_test.c
 *		Unit tests of the PostgreSQL-free core (src/core): parsing money
 *		notation, kc_plan literals, unit and rounding names, exact rounding,
 *		Vietnamese formatting and percentages, plus round-trip properties
 *		over edge and pseudo-random values.
 *
 * Built and run by test/suites/10-unit.sh with ASan and UBSan.  Prints one
 * line per failed check and ends with "N passed, M failed"; exits non-zero
 * when anything failed.
 *
 * Vietnamese words are written as UTF-8 byte escapes so that the file is
 * unambiguous about composed (NFC) and decomposed (NFD) spellings.
 */
#include "kc_core.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* NFC spellings */
#define TY		"t\xe1\xbb\xb7"			/* tỷ */
#define TI		"t\xe1\xbb\x89"			/* tỉ */
#define TY_UP	"T\xe1\xbb\xb6"			/* TỶ */
#define TRIEU	"tri\xe1\xbb\x87u"		/* triệu */
#define TRIEU_UP "TRI\xe1\xbb\x86U"		/* TRIỆU */
#define NGHIN	"ngh\xc3\xacn"			/* nghìn */
#define NGHIN_UP "NGH\xc3\x8cN"			/* NGHÌN */
#define NGAN	"ng\xc3\xa0n"			/* ngàn */
#define DONG	"\xc4\x91\xe1\xbb\x93ng"	/* đồng */
#define DONG_UP	"\xc4\x90\xe1\xbb\x92NG"	/* ĐỒNG */
#define DONG_CAP "\xc4\x90\xe1\xbb\x93ng"	/* Đồng */
#define D_BAR	"\xc4\x91"				/* đ */
#define D_BAR_UP "\xc4\x90"				/* Đ */
#define DONG_SIGN "\xe2\x82\xab"		/* ₫ */
#define NBSP	"\xc2\xa0"

/* NFD spellings: base letter + combining marks */
#define TY_NFD		"ty\xcc\x89"					/* y + hook above */
#define TI_NFD		"ti\xcc\x89"
#define TRIEU_NFD	"trie\xcc\xa3\xcc\x82u"			/* e + dot below + circumflex */
#define TRIEU_NFD2	"trie\xcc\x82\xcc\xa3u"			/* marks in the other order */
#define TRIEU_MIX	"tri\xc3\xaa\xcc\xa3u"			/* ê + dot below */
#define NGHIN_NFD	"nghi\xcc\x80n"					/* i + grave */
#define NGAN_NFD	"nga\xcc\x80n"
#define DONG_NFD	"\xc4\x91o\xcc\x82\xcc\x80ng"	/* đ o + circumflex + grave */
#define DONG_MIX	"\xc4\x91\xc3\xb4\xcc\x80ng"	/* đ ô + grave */

static int	passed;
static int	failed;

#define CHECK(cond, ...) \
	do { \
		if (cond) \
			passed++; \
		else \
		{ \
			failed++; \
			printf("FAIL %s:%d: ", __FILE__, __LINE__); \
			printf(__VA_ARGS__); \
			printf("\n"); \
		} \
	} while (0)

static const char *
status_name(kc_parse_status st)
{
	switch (st)
	{
		case KC_PARSE_OK:
			return "OK";
		case KC_PARSE_EMPTY:
			return "EMPTY";
		case KC_PARSE_SYNTAX:
			return "SYNTAX";
		case KC_PARSE_GROUPING:
			return "GROUPING";
		case KC_PARSE_UNKNOWN_WORD:
			return "UNKNOWN_WORD";
		case KC_PARSE_FRACTION:
			return "FRACTION";
		case KC_PARSE_RANGE:
			return "RANGE";
		case KC_PARSE_AMBIGUOUS:
			return "AMBIGUOUS";
		case KC_PARSE_DECIMAL_FRACTION:
			return "DECIMAL_FRACTION";
	}
	return "?";
}

/*
 * Parse from an exact-size heap copy, so that ASan catches any read past
 * `len` (the parser must not need a NUL).
 */
static kc_parse_status
parse_exact(const char *s, size_t len, int64_t *out)
{
	char	   *copy = malloc(len ? len : 1);
	kc_parse_status st;

	int64_t		ref = 0;
	kc_parse_status ref_st;

	memcpy(copy, s, len);
	st = kc_parse_money(copy, len, out);
	ref_st = kc_parse_money_reference(copy, len, &ref);
	free(copy);
	/* the fast path for the usual spellings changes nothing */
	if (ref_st != st || (st == KC_PARSE_OK && ref != *out))
	{
		failed++;
		printf("FAIL fast and reference parsers differ on \"%.*s\": %s %lld vs %s %lld\n",
			   (int) len, s, status_name(st), (long long) *out, status_name(ref_st),
			   (long long) ref);
	}
	return st;
}

static void
expect_money(const char *s, int64_t want, int line)
{
	int64_t		got = 0;
	kc_parse_status st = parse_exact(s, strlen(s), &got);

	CHECK(st == KC_PARSE_OK && got == want,
		  "line %d: parse \"%s\": got %s %lld, want OK %lld",
		  line, s, status_name(st), (long long) got, (long long) want);
}

static void
expect_status(const char *s, kc_parse_status want, int line)
{
	int64_t		got = 0;
	kc_parse_status st = parse_exact(s, strlen(s), &got);

	CHECK(st == want, "line %d: parse \"%s\": got %s (%lld), want %s",
		  line, s, status_name(st), (long long) got, status_name(want));
}

#define OK(s, v)	expect_money((s), (int64_t) (v), __LINE__)
#define BAD(s, st)	expect_status((s), (st), __LINE__)

static void
test_parse_plain(void)
{
	OK("0", 0);
	OK("-0", 0);
	OK("+0", 0);
	OK("1500", 1500);
	OK("-1500", -1500);
	OK("+1500", 1500);
	OK("  42  ", 42);
	OK("\t\n42\r\n", 42);
	OK(NBSP "42" NBSP, 42);
	OK(NBSP " 42 " NBSP NBSP, 42);
	OK("007", 7);
	OK("9223372036854775807", INT64_MAX);
	OK("-9223372036854775808", INT64_MIN);
	OK("-9223372036854775807", -INT64_MAX);
}

static void
test_parse_grouping(void)
{
	OK("345.500.000.000", 345500000000LL);
	OK("1.234.567", 1234567);
	OK("-1.234.567", -1234567);
	OK("1.000 " DONG, 1000);
	OK("12.345 " DONG, 12345);
	OK("123.456 VND", 123456);
	OK("12.345 " D_BAR, 12345);
	OK("-1.500 " DONG, -1500);
	OK("1.000.000", 1000000);
	OK("-1.234.567", -1234567);
	OK("9.223.372.036.854.775.807", INT64_MAX);
	OK("-9.223.372.036.854.775.808", INT64_MIN);
	OK("1.436 " TY, 1436000000000LL);
	OK("1.169 " TRIEU, 1169000000LL);
	OK("1.234,5 " TRIEU, 1234500000LL);
	OK("1.234.567 " DONG, 1234567);
}

static void
test_parse_currency(void)
{
	OK("500" D_BAR, 500);
	OK("500 " D_BAR, 500);
	OK("500 " D_BAR_UP, 500);
	OK("500" DONG_SIGN, 500);
	OK("500 " DONG_SIGN, 500);
	OK("500 VND", 500);
	OK("500vnd", 500);
	OK("500 Vnd", 500);
	OK("500 VN" D_BAR_UP, 500);
	OK("500 vn" D_BAR, 500);
	OK("500VN" D_BAR_UP, 500);
	OK("500 " DONG, 500);
	OK("500" DONG, 500);
	OK("500 " DONG_UP, 500);
	OK("500 " DONG_CAP, 500);
	OK("500 dong", 500);
	OK("500 DONG", 500);
	OK("-500 " DONG, -500);
	OK("500" NBSP DONG, 500);
	OK("500  \t " DONG, 500);
	OK("500 " DONG_NFD, 500);
	OK("500 " DONG_MIX, 500);
}

static void
test_parse_scale(void)
{
	OK("500 " NGHIN, 500000);
	OK("500 " NGAN, 500000);
	OK("500 nghin", 500000);
	OK("500 ngan", 500000);
	OK("500 " NGHIN_UP, 500000);
	OK("500 NGHIN", 500000);
	OK("500" NGHIN, 500000);
	OK("500 " NGHIN_NFD, 500000);
	OK("500 " NGAN_NFD, 500000);
	OK("12 " TRIEU, 12000000);
	OK("12 " TRIEU " " DONG, 12000000);
	OK("12 trieu", 12000000);
	OK("12 trieu dong", 12000000);
	OK("12 " TRIEU_UP, 12000000);
	OK("12 " TRIEU_NFD, 12000000);
	OK("12 " TRIEU_NFD2, 12000000);
	OK("12 " TRIEU_MIX, 12000000);
	OK("345,5 " TY, 345500000000LL);
	OK("8,198 " TY " " DONG, 8198000000LL);
	OK("8,198 " TI, 8198000000LL);
	OK("8,198 ty", 8198000000LL);
	OK("8,198 TY", 8198000000LL);
	OK("8,198 " TY_UP, 8198000000LL);
	OK("8,198 " TY_NFD, 8198000000LL);
	OK("8,198 " TI_NFD, 8198000000LL);
	OK("8,198" TY, 8198000000LL);
	OK("8,198" NBSP TY NBSP DONG, 8198000000LL);
	OK("8,198 " TY_NFD " " DONG_NFD, 8198000000LL);
	OK("8,198 " TY " VND", 8198000000LL);
	OK("8,198 " TY D_BAR, 8198000000LL);
	OK("-8,198 " TY, -8198000000LL);
	OK("+8,198 " TY, 8198000000LL);
	OK("1,5 " NGHIN, 1500);
	OK("1,50 " NGHIN, 1500);
	OK("1,000 " NGHIN, 1000);
	OK("1,0 " DONG, 1);
	OK("7,000000 " DONG, 7);
	OK("0,001 " TY, 1000000);
	OK("0,000000001 " TY, 1);
	OK("0,0000000010 " TY, 1);
	OK("1,234567 " TRIEU, 1234567);
	OK("-9.223.372.036,854775808 " TY, INT64_MIN);
	OK("9.223.372.036.854,775807 " TRIEU, INT64_MAX);
	OK("9.223.372.036,854775807 " TY, INT64_MAX);
	OK("9223372036,854775807 " TY, INT64_MAX);
	OK("1," "0000000000000000000000000000000000000000000000000000000000000000000000 " TY,
	   1000000000LL);
}

/* edges of the fast path for the usual spellings (see parse_words_fast) */
static void
test_parse_fast_path_edges(void)
{
	char		many_spaces[128];

	OK("5   " TY "   " DONG, 5000000000LL);
	OK("5" NBSP NBSP TY NBSP " " DONG, 5000000000LL);
	OK("5 " TY D_BAR, 5000000000LL);
	OK("5 tydong", 5000000000LL);
	OK("5 ty VND", 5000000000LL);
	OK("5 " TRIEU "VN" D_BAR_UP, 5000000);
	OK("5\t" TY, 5000000000LL);
	BAD("5 " D_BAR "\xcc\x80", KC_PARSE_UNKNOWN_WORD);	/* đ + grave: not a word */
	BAD("5 " TY "\xcc\x81", KC_PARSE_UNKNOWN_WORD);	/* tỷ + acute: another letter */
	BAD("5 ty\xcc\x83", KC_PARSE_UNKNOWN_WORD);		/* ỹ */
	BAD("5 " DONG "\xcc\x81", KC_PARSE_UNKNOWN_WORD);
	BAD("5 " TY " " TY, KC_PARSE_UNKNOWN_WORD);
	BAD("5 " D_BAR " " DONG, KC_PARSE_UNKNOWN_WORD);
	BAD("5 " DONG " " D_BAR, KC_PARSE_UNKNOWN_WORD);
	BAD("5 VNDD", KC_PARSE_UNKNOWN_WORD);
	/* the words may not be longer than the folding buffer on either path */
	memset(many_spaces, ' ', sizeof(many_spaces));
	memcpy(many_spaces, "5", 1);
	memcpy(many_spaces + 80, TY, strlen(TY));
	many_spaces[80 + strlen(TY)] = '\0';
	BAD(many_spaces, KC_PARSE_UNKNOWN_WORD);
}

static void
test_parse_errors(void)
{
	/* empty */
	BAD("", KC_PARSE_EMPTY);
	BAD("   ", KC_PARSE_EMPTY);
	BAD(NBSP, KC_PARSE_EMPTY);
	BAD(" \t" NBSP "\n", KC_PARSE_EMPTY);

	/* lone or doubled signs, no digits */
	BAD("-", KC_PARSE_SYNTAX);
	BAD("+", KC_PARSE_SYNTAX);
	BAD("--5", KC_PARSE_SYNTAX);
	BAD("+-5", KC_PARSE_SYNTAX);
	BAD("-+5", KC_PARSE_SYNTAX);
	BAD("- 5", KC_PARSE_SYNTAX);
	BAD("abc", KC_PARSE_SYNTAX);
	BAD(TY, KC_PARSE_SYNTAX);
	BAD(DONG, KC_PARSE_SYNTAX);
	BAD(",5 " TY, KC_PARSE_SYNTAX);
	BAD(".123", KC_PARSE_SYNTAX);
	BAD("1,", KC_PARSE_SYNTAX);
	BAD("1, " TY, KC_PARSE_SYNTAX);
	BAD("1,5,5 " TY, KC_PARSE_SYNTAX);
	BAD("1,5.3 " TY, KC_PARSE_SYNTAX);
	BAD("1.234,5,6 " TY, KC_PARSE_SYNTAX);

	/* misplaced grouping dots */
	BAD("1.23.456", KC_PARSE_GROUPING);
	BAD("1.", KC_PARSE_GROUPING);
	BAD("1. " TY, KC_PARSE_GROUPING);
	BAD("1..234", KC_PARSE_GROUPING);
	BAD("1.5 " TY, KC_PARSE_GROUPING);
	BAD("1.234.56", KC_PARSE_GROUPING);
	BAD("12.34 " DONG, KC_PARSE_GROUPING);
	BAD("2.5 " DONG, KC_PARSE_GROUPING);
	/* a grouped number never starts with 0: "0.125" means an eighth */
	BAD("0.125 " TY, KC_PARSE_GROUPING);
	BAD("-0.125 " TY, KC_PARSE_GROUPING);
	BAD("01.000", KC_PARSE_GROUPING);
	/* three zeros after the dot look like a mistyped grouping: no guess */
	BAD("000.000", KC_PARSE_GROUPING);
	BAD("0.000", KC_PARSE_GROUPING);
	BAD("1000.000", KC_PARSE_GROUPING);
	OK("0,125 " TY, 125000000);
	OK("10.000 " DONG, 10000);
	OK("100.000.000", 100000000);

	/*
	 * A bare number with one dot and three digits after it: 12345 dong to a
	 * Vietnamese reader, 12.345 to a driver.  Refused, whichever it is.
	 */
	BAD("12.345", KC_PARSE_AMBIGUOUS);
	BAD("1.000", KC_PARSE_AMBIGUOUS);
	BAD("1.500", KC_PARSE_AMBIGUOUS);
	BAD("-1.500", KC_PARSE_AMBIGUOUS);
	BAD("+1.500", KC_PARSE_AMBIGUOUS);
	BAD("123.456", KC_PARSE_AMBIGUOUS);
	BAD("10.000", KC_PARSE_AMBIGUOUS);
	BAD(" 12.345 ", KC_PARSE_AMBIGUOUS);
	BAD(NBSP "12.345" NBSP, KC_PARSE_AMBIGUOUS);

	/* a machine decimal that cannot be grouping: its fraction is refused */
	BAD("2.5", KC_PARSE_DECIMAL_FRACTION);
	BAD("12.34", KC_PARSE_DECIMAL_FRACTION);
	BAD("-12.34", KC_PARSE_DECIMAL_FRACTION);
	BAD("0.125", KC_PARSE_DECIMAL_FRACTION);
	BAD("-0.125", KC_PARSE_DECIMAL_FRACTION);
	BAD("0.500", KC_PARSE_DECIMAL_FRACTION);
	BAD("1.2345", KC_PARSE_DECIMAL_FRACTION);
	BAD("1234.567", KC_PARSE_DECIMAL_FRACTION);
	BAD("1000000000.5", KC_PARSE_DECIMAL_FRACTION);
	BAD("99999999999999999999999.5", KC_PARSE_DECIMAL_FRACTION);
	/* ... and a zero fraction (not three digits) is the whole number */
	OK("2.0", 2);
	OK("-2.00", -2);
	OK("1500.0", 1500);
	OK("1000000000.0000", 1000000000);
	OK("0.0", 0);
	OK("9223372036854775807.0", INT64_MAX);
	OK("-9223372036854775808.00", INT64_MIN);
	BAD("9223372036854775808.0", KC_PARSE_RANGE);
	/* still refused: no integer part, no fraction, a second dot */
	BAD(".5", KC_PARSE_SYNTAX);
	BAD("5.", KC_PARSE_GROUPING);
	BAD("2.5.0", KC_PARSE_GROUPING);
	BAD("2.0 " DONG, KC_PARSE_GROUPING);

	/* unknown words and trailing garbage */
	BAD("5 abc", KC_PARSE_UNKNOWN_WORD);
	BAD("500x", KC_PARSE_UNKNOWN_WORD);
	BAD("1500-", KC_PARSE_UNKNOWN_WORD);
	BAD("5 $", KC_PARSE_UNKNOWN_WORD);
	BAD("5 USD", KC_PARSE_UNKNOWN_WORD);
	BAD("5 " TY " " TY, KC_PARSE_UNKNOWN_WORD);
	BAD("5 " DONG " " TY, KC_PARSE_UNKNOWN_WORD);
	BAD("5 " TY " " DONG " " DONG, KC_PARSE_UNKNOWN_WORD);
	BAD("5 t\xe1\xbb\xb5", KC_PARSE_UNKNOWN_WORD);	/* tỵ: dot below, not hook */
	BAD("5 ty\xcc\xa3", KC_PARSE_UNKNOWN_WORD);		/* the same, NFD */
	BAD("5 ti", KC_PARSE_UNKNOWN_WORD);
	BAD("5 trieu\xff", KC_PARSE_UNKNOWN_WORD);		/* invalid UTF-8 */
	BAD("5 trieu\xe1\xbb", KC_PARSE_UNKNOWN_WORD);	/* truncated UTF-8 */
	BAD("5 \xcc\x89", KC_PARSE_UNKNOWN_WORD);		/* a mark with no letter */
	BAD("5 " TY "1", KC_PARSE_UNKNOWN_WORD);
	BAD("5 " TY ".", KC_PARSE_UNKNOWN_WORD);
	BAD("12 34", KC_PARSE_UNKNOWN_WORD);
	BAD("5 1", KC_PARSE_UNKNOWN_WORD);

	/* not a whole number of dong */
	BAD("1,5", KC_PARSE_FRACTION);
	BAD("1,5 " DONG, KC_PARSE_FRACTION);
	BAD("1,5 " D_BAR, KC_PARSE_FRACTION);
	BAD("0,0000000001 " TY, KC_PARSE_FRACTION);
	BAD("1,2345 " NGHIN, KC_PARSE_FRACTION);
	BAD("1,0000001 " TRIEU, KC_PARSE_FRACTION);
	BAD("-0,5", KC_PARSE_FRACTION);
	BAD("1,234", KC_PARSE_FRACTION);
	BAD("9,223372036854775807 " TY, KC_PARSE_FRACTION);

	/* out of range */
	BAD("9223372036854775808", KC_PARSE_RANGE);
	BAD("-9223372036854775809", KC_PARSE_RANGE);
	BAD("9.223.372.036.854.775.808", KC_PARSE_RANGE);
	BAD("9223372037 " TY, KC_PARSE_RANGE);
	BAD("9.223.372.036,854775808 " TY, KC_PARSE_RANGE);
	BAD("-9.223.372.036,854775809 " TY, KC_PARSE_RANGE);
	BAD("9.223.372.036.854.776 " NGHIN, KC_PARSE_RANGE);
	BAD("10000000000 " TY, KC_PARSE_RANGE);
	BAD("99999999999999999999999999999999999999999999999999999999999999999", KC_PARSE_RANGE);
	BAD("99999999999999999999999999999999999999999999999999999999999,9 " TY, KC_PARSE_RANGE);
	BAD("-99999999999999999999999999999999999999999999999999999999999 " TRIEU, KC_PARSE_RANGE);
}

static void
test_parse_plan(void)
{
	int64_t		p = 0,
				a = 0;
	int			bad = -1;
	kc_parse_status st;

#define PLAN(s) kc_parse_plan((s), strlen(s), &p, &a, &bad)
	st = PLAN("(1,2)");
	CHECK(st == KC_PARSE_OK && p == 1 && a == 2 && bad == 0, "plan (1,2): %s", status_name(st));
	st = PLAN(" ( -5 , 7 ) ");
	CHECK(st == KC_PARSE_OK && p == -5 && a == 7, "plan ( -5 , 7 ): %s", status_name(st));
	st = PLAN("(345,5 " TY "; 323 " TY ")");
	CHECK(st == KC_PARSE_OK && p == 345500000000LL && a == 323000000000LL,
		  "plan (345,5 ty; 323 ty): %s %lld %lld", status_name(st), (long long) p, (long long) a);
	st = PLAN("(8,198 " TY_NFD " " DONG_NFD ";8,08 " TY ")");
	CHECK(st == KC_PARSE_OK && p == 8198000000LL && a == 8080000000LL,
		  "plan NFD: %s", status_name(st));
	st = PLAN("(5 " TY ", 3 " TRIEU ")");
	CHECK(st == KC_PARSE_OK && p == 5000000000LL && a == 3000000, "plan words with comma: %s",
		  status_name(st));
	st = PLAN("");
	CHECK(st == KC_PARSE_EMPTY && bad == 0, "plan empty: %s", status_name(st));
	st = PLAN("()");
	CHECK(st == KC_PARSE_SYNTAX && bad == 0, "plan (): %s", status_name(st));
	st = PLAN("(");
	CHECK(st == KC_PARSE_SYNTAX && bad == 0, "plan (: %s", status_name(st));
	st = PLAN("1,2");
	CHECK(st == KC_PARSE_SYNTAX && bad == 0, "plan 1,2: %s", status_name(st));
	st = PLAN("(1;2;3)");
	CHECK(st == KC_PARSE_SYNTAX && bad == 0, "plan (1;2;3): %s", status_name(st));
	st = PLAN("(1,2,3)");
	CHECK(st == KC_PARSE_SYNTAX && bad == 0, "plan (1,2,3): %s", status_name(st));
	st = PLAN("(x,2)");
	CHECK(st == KC_PARSE_SYNTAX && bad == 1, "plan (x,2): %s bad %d", status_name(st), bad);
	st = PLAN("(1, x)");
	CHECK(st == KC_PARSE_SYNTAX && bad == 2, "plan (1, x): %s bad %d", status_name(st), bad);
	st = PLAN("(1,5 " DONG "; 2)");
	CHECK(st == KC_PARSE_FRACTION && bad == 1, "plan fraction: %s bad %d", status_name(st), bad);
	st = PLAN("(1; 99999999999999999999)");
	CHECK(st == KC_PARSE_RANGE && bad == 2, "plan range: %s bad %d", status_name(st), bad);
	st = PLAN("(;1)");
	CHECK(st == KC_PARSE_EMPTY && bad == 1, "plan (;1): %s bad %d", status_name(st), bad);
	/* the fields follow kc_money's rule on ambiguous dots */
	st = PLAN("(12.345; 1)");
	CHECK(st == KC_PARSE_AMBIGUOUS && bad == 1, "plan (12.345; 1): %s bad %d", status_name(st), bad);
	st = PLAN("(1; -1.500)");
	CHECK(st == KC_PARSE_AMBIGUOUS && bad == 2, "plan (1; -1.500): %s bad %d", status_name(st), bad);
	st = PLAN("(12.345,1)");
	CHECK(st == KC_PARSE_AMBIGUOUS && bad == 1, "plan (12.345,1): %s bad %d", status_name(st), bad);
	st = PLAN("(2.5; 1)");
	CHECK(st == KC_PARSE_DECIMAL_FRACTION && bad == 1, "plan (2.5; 1): %s bad %d", status_name(st), bad);
	st = PLAN("(12.345 " DONG "; 1.234.567)");
	CHECK(st == KC_PARSE_OK && p == 12345 && a == 1234567, "plan (12.345 dong; 1.234.567): %s",
		  status_name(st));
#undef PLAN
}

static void
expect_unit(const char *s, bool ok, kc_unit want, int line)
{
	kc_unit		u = (kc_unit) 99;
	bool		got = kc_parse_unit(s, strlen(s), &u);

	CHECK(got == ok && (!ok || u == want), "line %d: unit \"%s\": got %d/%d", line, s,
		  (int) got, (int) u);
}

static void
test_parse_unit(void)
{
#define UNIT(s, u) expect_unit((s), true, (u), __LINE__)
#define NOUNIT(s) expect_unit((s), false, KC_UNIT_AUTO, __LINE__)
	UNIT("auto", KC_UNIT_AUTO);
	UNIT("AUTO", KC_UNIT_AUTO);
	UNIT(DONG, KC_UNIT_DONG);
	UNIT(DONG_UP, KC_UNIT_DONG);
	UNIT(DONG_NFD, KC_UNIT_DONG);
	UNIT("dong", KC_UNIT_DONG);
	UNIT(NGHIN, KC_UNIT_NGHIN);
	UNIT(NGHIN_NFD, KC_UNIT_NGHIN);
	UNIT("nghin", KC_UNIT_NGHIN);
	UNIT(NGAN, KC_UNIT_NGHIN);
	UNIT("ngan", KC_UNIT_NGHIN);
	UNIT(TRIEU, KC_UNIT_TRIEU);
	UNIT(TRIEU_NFD, KC_UNIT_TRIEU);
	UNIT("trieu", KC_UNIT_TRIEU);
	UNIT("TRIEU", KC_UNIT_TRIEU);
	UNIT(TY, KC_UNIT_TY);
	UNIT(TY_UP, KC_UNIT_TY);
	UNIT(TY_NFD, KC_UNIT_TY);
	UNIT(TI, KC_UNIT_TY);
	UNIT("ty", KC_UNIT_TY);
	UNIT(" " TY " ", KC_UNIT_TY);
	NOUNIT("");
	NOUNIT(" ");
	NOUNIT("vnd");
	NOUNIT(D_BAR);
	NOUNIT("tyy");
	NOUNIT("autoo");
	NOUNIT("ti");
	NOUNIT("t y");
	NOUNIT(TY " " DONG);
	NOUNIT("\xff");
#undef UNIT
#undef NOUNIT
}

static void
expect_rounding(const char *s, bool ok, kc_rounding want, int line)
{
	kc_rounding m = (kc_rounding) 99;
	bool		got = kc_parse_rounding(s, strlen(s), &m);

	CHECK(got == ok && (!ok || m == want), "line %d: rounding \"%s\": got %d/%d", line, s,
		  (int) got, (int) m);
}

static void
test_parse_rounding(void)
{
	expect_rounding("half_up", true, KC_ROUND_HALF_UP, __LINE__);
	expect_rounding("HALF_UP", true, KC_ROUND_HALF_UP, __LINE__);
	expect_rounding("half_even", true, KC_ROUND_HALF_EVEN, __LINE__);
	expect_rounding("Half_Even", true, KC_ROUND_HALF_EVEN, __LINE__);
	expect_rounding("trunc", true, KC_ROUND_TRUNC, __LINE__);
	expect_rounding("", false, KC_ROUND_HALF_UP, __LINE__);
	expect_rounding("half", false, KC_ROUND_HALF_UP, __LINE__);
	expect_rounding("half_upx", false, KC_ROUND_HALF_UP, __LINE__);
	expect_rounding("half_u", false, KC_ROUND_HALF_UP, __LINE__);
	expect_rounding(" trunc", false, KC_ROUND_HALF_UP, __LINE__);
	expect_rounding("round", false, KC_ROUND_HALF_UP, __LINE__);
}

static void
expect_div(kc_int128 n, kc_int128 d, kc_rounding m, kc_int128 want, int line)
{
	kc_int128	got = kc_div_round(n, d, m);

	CHECK(got == want, "line %d: div_round(%lld, %lld, %d) = %lld, want %lld", line,
		  (long long) n, (long long) d, (int) m, (long long) got, (long long) want);
}

static void
test_div_round(void)
{
#define DIV(n, d, m, w) expect_div((n), (d), (m), (w), __LINE__)
	DIV(5, 2, KC_ROUND_HALF_UP, 3);
	DIV(-5, 2, KC_ROUND_HALF_UP, -3);
	DIV(5, -2, KC_ROUND_HALF_UP, -3);
	DIV(-5, -2, KC_ROUND_HALF_UP, 3);
	DIV(7, 2, KC_ROUND_HALF_UP, 4);
	DIV(1, 3, KC_ROUND_HALF_UP, 0);
	DIV(2, 3, KC_ROUND_HALF_UP, 1);
	DIV(-2, 3, KC_ROUND_HALF_UP, -1);
	DIV(6, 3, KC_ROUND_HALF_UP, 2);
	DIV(0, 7, KC_ROUND_HALF_UP, 0);
	DIV(5, 2, KC_ROUND_HALF_EVEN, 2);
	DIV(7, 2, KC_ROUND_HALF_EVEN, 4);
	DIV(-5, 2, KC_ROUND_HALF_EVEN, -2);
	DIV(-7, 2, KC_ROUND_HALF_EVEN, -4);
	DIV(11, 4, KC_ROUND_HALF_EVEN, 3);
	DIV(9, 4, KC_ROUND_HALF_EVEN, 2);
	DIV(7, 2, KC_ROUND_TRUNC, 3);
	DIV(-7, 2, KC_ROUND_TRUNC, -3);
	DIV(-1, 3, KC_ROUND_TRUNC, 0);
	DIV(INT64_MAX, 1, KC_ROUND_HALF_UP, INT64_MAX);
	DIV(INT64_MIN, -1, KC_ROUND_HALF_UP, -(kc_int128) INT64_MIN);
	DIV(INT64_MIN, 2, KC_ROUND_HALF_UP, INT64_MIN / 2);
	DIV(INT64_MAX, 2, KC_ROUND_HALF_UP, INT64_MAX / 2 + 1);
	DIV(INT64_MAX, 2, KC_ROUND_HALF_EVEN, INT64_MAX / 2 + 1);	/* ...03,5 -> ...04 */
	DIV(INT64_MAX, 2, KC_ROUND_TRUNC, INT64_MAX / 2);
	DIV(INT64_MIN + 1, 2, KC_ROUND_HALF_UP, INT64_MIN / 2);
#undef DIV
}

static void
expect_str(const char *got, const char *want, const char *what, int line)
{
	CHECK(strcmp(got, want) == 0, "line %d: %s: got \"%s\", want \"%s\"", line, what, got, want);
}

static void
test_int128_to_str(void)
{
	char		buf[64];
	kc_int128	max128 = (kc_int128) (((unsigned __int128) 1 << 127) - 1);
	int			n;

	n = kc_int128_to_str(0, buf);
	expect_str(buf, "0", "to_str 0", __LINE__);
	CHECK(n == 1, "to_str 0 length %d", n);
	kc_int128_to_str(-1, buf);
	expect_str(buf, "-1", "to_str -1", __LINE__);
	kc_int128_to_str(INT64_MIN, buf);
	expect_str(buf, "-9223372036854775808", "to_str INT64_MIN", __LINE__);
	n = kc_int128_to_str(max128, buf);
	expect_str(buf, "170141183460469231731687303715884105727", "to_str INT128_MAX", __LINE__);
	CHECK(n == 39, "to_str INT128_MAX length %d", n);
	kc_int128_to_str(-max128 - 1, buf);
	expect_str(buf, "-170141183460469231731687303715884105728", "to_str INT128_MIN", __LINE__);
	CHECK(kc_int128_fits_int64(INT64_MAX) && kc_int128_fits_int64(INT64_MIN) &&
		  !kc_int128_fits_int64((kc_int128) INT64_MAX + 1) &&
		  !kc_int128_fits_int64((kc_int128) INT64_MIN - 1), "kc_int128_fits_int64 bounds");
}

static void
expect_decimal(kc_int128 scaled, int scale, bool drop, const char *want, int line)
{
	char		buf[KC_FORMAT_BUFSZ];
	int			n = kc_format_decimal(scaled, scale, drop, buf);

	expect_str(buf, want, "format_decimal", line);
	CHECK(n == (int) strlen(buf), "line %d: format_decimal length %d vs %zu", line, n,
		  strlen(buf));
}

static void
test_format_decimal(void)
{
#define DEC(v, s, d, w) expect_decimal((v), (s), (d), (w), __LINE__)
	DEC(0, 0, false, "0");
	DEC(100, 0, false, "100");
	DEC(1000, 0, false, "1.000");
	DEC(1234567, 0, false, "1.234.567");
	DEC(-1234567, 0, false, "-1.234.567");
	DEC(3455, 1, false, "345,5");
	DEC(8198, 3, false, "8,198");
	DEC(-5, 2, false, "-0,05");
	DEC(5, 4, false, "0,0005");
	DEC(0, 3, false, "0,000");
	DEC(0, 3, true, "0");
	DEC(500, 2, true, "5");
	DEC(510, 2, true, "5,1");
	DEC(-510, 2, true, "-5,1");
	DEC(12345678900LL, 3, true, "12.345.678,9");
	DEC(INT64_MIN, 0, false, "-9.223.372.036.854.775.808");
	DEC(INT64_MAX, 18, false, "9,223372036854775807");
#undef DEC
}

static void
expect_amount(int64_t v, kc_unit unit, int digits, kc_rounding m, const char *want, int line)
{
	char		buf[KC_FORMAT_BUFSZ];
	int			n = kc_format_amount(v, unit, digits, m, buf);

	expect_str(buf, want, "format_amount", line);
	CHECK(n == (int) strlen(buf) && n < KC_FORMAT_BUFSZ,
		  "line %d: format_amount length %d vs %zu", line, n, strlen(buf));
}

static void
test_format_amount(void)
{
#define AMT(v, u, d, m, w) expect_amount((v), (u), (d), (m), (w), __LINE__)
	const kc_rounding HU = KC_ROUND_HALF_UP,
				HE = KC_ROUND_HALF_EVEN,
				TR = KC_ROUND_TRUNC;

	/* the examples */
	AMT(345500000000LL, KC_UNIT_TY, -1, HU, "345,5 " TY " " DONG);
	AMT(8198000000LL, KC_UNIT_TY, -1, HU, "8,198 " TY " " DONG);
	AMT(1234567, KC_UNIT_DONG, -1, HU, "1.234.567 " DONG);
	/* every unit, exact */
	AMT(1234567, KC_UNIT_NGHIN, -1, HU, "1.234,567 " NGHIN " " DONG);
	AMT(1234567, KC_UNIT_TRIEU, -1, HU, "1,234567 " TRIEU " " DONG);
	AMT(1234567, KC_UNIT_TY, -1, HU, "0,001234567 " TY " " DONG);
	AMT(1436000000000LL, KC_UNIT_TY, -1, HU, "1.436 " TY " " DONG);
	AMT(0, KC_UNIT_TY, -1, HU, "0 " TY " " DONG);
	AMT(-1, KC_UNIT_TY, -1, HU, "-0,000000001 " TY " " DONG);
	/* fixed digits, every rounding mode, both signs */
	AMT(1234567, KC_UNIT_TRIEU, 2, HU, "1,23 " TRIEU " " DONG);
	AMT(1235000, KC_UNIT_TRIEU, 2, HU, "1,24 " TRIEU " " DONG);
	AMT(1235000, KC_UNIT_TRIEU, 2, HE, "1,24 " TRIEU " " DONG);
	AMT(1225000, KC_UNIT_TRIEU, 2, HE, "1,22 " TRIEU " " DONG);
	AMT(1225000, KC_UNIT_TRIEU, 2, HU, "1,23 " TRIEU " " DONG);
	AMT(1239999, KC_UNIT_TRIEU, 2, TR, "1,23 " TRIEU " " DONG);
	AMT(-1235000, KC_UNIT_TRIEU, 2, HU, "-1,24 " TRIEU " " DONG);
	AMT(-1225000, KC_UNIT_TRIEU, 2, HE, "-1,22 " TRIEU " " DONG);
	AMT(-1239999, KC_UNIT_TRIEU, 2, TR, "-1,23 " TRIEU " " DONG);
	AMT(1500000000, KC_UNIT_TY, 0, HU, "2 " TY " " DONG);
	AMT(1500000000, KC_UNIT_TY, 0, HE, "2 " TY " " DONG);
	AMT(2500000000LL, KC_UNIT_TY, 0, HE, "2 " TY " " DONG);
	AMT(2500000000LL, KC_UNIT_TY, 0, HU, "3 " TY " " DONG);
	AMT(-2500000000LL, KC_UNIT_TY, 0, HU, "-3 " TY " " DONG);
	AMT(1999999999, KC_UNIT_TY, 0, TR, "1 " TY " " DONG);
	AMT(999500000000LL, KC_UNIT_TY, 0, HU, "1.000 " TY " " DONG);
	/* rounding to zero drops the sign */
	AMT(-1, KC_UNIT_TY, 2, HU, "0,00 " TY " " DONG);
	AMT(-4999999, KC_UNIT_TY, 2, HU, "0,00 " TY " " DONG);
	AMT(-5000000, KC_UNIT_TY, 2, HU, "-0,01 " TY " " DONG);
	/* more digits than the unit needs: padded */
	AMT(1500, KC_UNIT_NGHIN, 5, HU, "1,50000 " NGHIN " " DONG);
	AMT(12, KC_UNIT_DONG, 2, HU, "12,00 " DONG);
	AMT(8198000000LL, KC_UNIT_TY, 9, HU, "8,198000000 " TY " " DONG);
	/* auto: the largest unit with a non-zero integer part */
	AMT(0, KC_UNIT_AUTO, -1, HU, "0 " DONG);
	AMT(999, KC_UNIT_AUTO, -1, HU, "999 " DONG);
	AMT(-999, KC_UNIT_AUTO, -1, HU, "-999 " DONG);
	AMT(1000, KC_UNIT_AUTO, -1, HU, "1 " NGHIN " " DONG);
	AMT(999999, KC_UNIT_AUTO, -1, HU, "999,999 " NGHIN " " DONG);
	AMT(1500000, KC_UNIT_AUTO, -1, HU, "1,5 " TRIEU " " DONG);
	AMT(-2500000000LL, KC_UNIT_AUTO, -1, HU, "-2,5 " TY " " DONG);
	AMT(345500000000LL, KC_UNIT_AUTO, 1, HU, "345,5 " TY " " DONG);
	/* extremes fit the buffer */
	AMT(INT64_MIN, KC_UNIT_AUTO, -1, HU, "-9.223.372.036,854775808 " TY " " DONG);
	AMT(INT64_MAX, KC_UNIT_DONG, 18, HU,
		"9.223.372.036.854.775.807,000000000000000000 " DONG);
	AMT(INT64_MIN, KC_UNIT_DONG, 18, HU,
		"-9.223.372.036.854.775.808,000000000000000000 " DONG);
	AMT(INT64_MAX, KC_UNIT_TY, 0, HU, "9.223.372.037 " TY " " DONG);
	AMT(INT64_MIN, KC_UNIT_TY, 0, TR, "-9.223.372.036 " TY " " DONG);
#undef AMT
}

static void
expect_pct(int64_t part, int64_t whole, int digits, kc_rounding m, bool ok, kc_int128 want,
		   int line)
{
	kc_int128	got = -12345;
	bool		r = kc_percent(part, whole, digits, m, &got);

	CHECK(r == ok && (!ok || got == want), "line %d: percent(%lld, %lld, %d, %d) = %d/%lld, want %lld",
		  line, (long long) part, (long long) whole, digits, (int) m, (int) r,
		  (long long) got, (long long) want);
}

static void
test_percent(void)
{
#define PCT(p, w, d, m, ok, want) expect_pct((p), (w), (d), (m), (ok), (want), __LINE__)
	/* the 2022 figures of the conference report */
	PCT(323000000000LL, 345500000000LL, 2, KC_ROUND_TRUNC, true, 9348);
	PCT(323000000000LL, 345500000000LL, 2, KC_ROUND_HALF_UP, true, 9349);
	PCT(187000000000LL, 205500000000LL, 2, KC_ROUND_TRUNC, true, 9099);
	PCT(136000000000LL, 140000000000LL, 2, KC_ROUND_HALF_UP, true, 9714);
	PCT(8080000000LL, 8198000000LL, 1, KC_ROUND_HALF_UP, true, 986);
	PCT(8080000000LL, 8198000000LL, 1, KC_ROUND_TRUNC, true, 985);
	PCT(1, 8, 1, KC_ROUND_HALF_EVEN, true, 125);
	PCT(1, 8, 0, KC_ROUND_HALF_EVEN, true, 12);
	PCT(-1, 8, 0, KC_ROUND_HALF_UP, true, -13);
	PCT(1, 0, 2, KC_ROUND_HALF_UP, false, 0);
	PCT(INT64_MAX, 1, KC_PCT_MAX_DIGITS, KC_ROUND_HALF_UP, true,
		(kc_int128) INT64_MAX * 100 * (kc_int128) 10000000000000000LL);
	PCT(INT64_MIN, -1, KC_PCT_MAX_DIGITS, KC_ROUND_HALF_UP, true,
		-(kc_int128) INT64_MIN * 100 * (kc_int128) 10000000000000000LL);
#undef PCT
}

static void
expect_localize(const char *plain, bool drop, size_t outsz, int want_len, const char *want,
				int line)
{
	char		out[256];
	int			n;

	memset(out, 'X', sizeof(out));
	n = kc_localize_decimal(plain, drop, out, outsz);
	CHECK(n == want_len && (n < 0 || strcmp(out, want) == 0),
		  "line %d: localize(\"%s\", %d, %zu) = %d \"%s\", want %d \"%s\"", line, plain,
		  (int) drop, outsz, n, n >= 0 ? out : "", want_len, want);
	CHECK(n < 0 || out[n] == '\0', "line %d: localize writes a NUL", line);
}

static void
test_localize(void)
{
#define LOC(p, d, sz, w) expect_localize((p), (d), (sz), (int) strlen(w), (w), __LINE__)
#define LOCBAD(p, d, sz) expect_localize((p), (d), (sz), -1, "", __LINE__)
	LOC("-93.4800", true, 64, "-93,48");
	LOC("-93.4800", false, 64, "-93,4800");
	LOC("93.48", true, 64, "93,48");
	LOC("1234567.5", true, 64, "1.234.567,5");
	LOC("1234567", false, 64, "1.234.567");
	LOC("0.00", true, 64, "0");
	LOC("-0.00", true, 64, "0");
	LOC("-0.50", true, 64, "-0,5");
	LOC("100", true, 64, "100");
	LOC("5.", true, 64, "5");
	LOC("98.6", true, 64, "98,6");
	LOC("1234.5", true, 10, "1.234,5");
	LOCBAD("", true, 64);
	LOCBAD("-", true, 64);
	LOCBAD("abc", true, 64);
	LOCBAD(".5", true, 64);
	LOCBAD("1.2.3", true, 64);
	LOCBAD("1e5", true, 64);
	LOCBAD("NaN", true, 64);
	LOCBAD("1234.5", true, 4);
	LOCBAD("-1234567.5", true, 5);
#undef LOC
#undef LOCBAD
}

/* xorshift64*: deterministic pseudo-random values */
static uint64_t rng_state = 0x9E3779B97F4A7C15ULL;

static uint64_t
rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 2685821657736338717ULL;
}

static int64_t
random_amount(void)
{
	uint64_t	r = rng();
	int			bits = (int) (rng() % 64);	/* spread over magnitudes */

	r >>= (63 - bits);
	if (rng() & 1)
		return -(int64_t) (r >> 1);
	return (int64_t) (r >> 1);
}

static kc_int128
pow10_128(int e)
{
	kc_int128	v = 1;

	while (e-- > 0)
		v *= 10;
	return v;
}

/*
 * Round-trip: any amount, formatted exactly in any unit, reads back as
 * itself; formatted with d decimals, it reads back as the amount rounded to
 * that many decimals of the unit (or out of range when rounding away from
 * zero crosses the int64 bound).
 */
static int	roundtrip_failures;

static void
roundtrip_fail(void)
{
	roundtrip_failures++;
}

static void
roundtrip_one(int64_t v)
{
	static const kc_unit units[] = {KC_UNIT_DONG, KC_UNIT_NGHIN, KC_UNIT_TRIEU, KC_UNIT_TY,
	KC_UNIT_AUTO};
	char		buf[KC_FORMAT_BUFSZ];
	int64_t		back;
	kc_parse_status st;

	for (size_t u = 0; u < sizeof(units) / sizeof(units[0]); u++)
	{
		int			n = kc_format_amount(v, units[u], -1, KC_ROUND_HALF_UP, buf);

		st = parse_exact(buf, (size_t) n, &back);
		if (st != KC_PARSE_OK || back != v)
		{
			if (roundtrip_failures < 20)
				printf("FAIL roundtrip %lld unit %d: \"%s\" -> %s %lld\n", (long long) v,
					   (int) units[u], buf, status_name(st), (long long) back);
			roundtrip_fail();
			return;
		}
		if (units[u] != KC_UNIT_AUTO)
		{
			int			scale = (int) units[u];
			int			d = (int) (rng() % (scale + 2));
			kc_rounding m = (kc_rounding) (rng() % 3);
			kc_int128	want = v;

			if (d < scale)
				want = kc_div_round(v, pow10_128(scale - d), m) * pow10_128(scale - d);
			n = kc_format_amount(v, units[u], d, m, buf);
			st = parse_exact(buf, (size_t) n, &back);
			if (kc_int128_fits_int64(want) ? (st != KC_PARSE_OK || back != want)
				: st != KC_PARSE_RANGE)
			{
				if (roundtrip_failures < 20)
					printf("FAIL rounded roundtrip %lld unit %d digits %d mode %d: \"%s\" -> %s %lld\n",
						   (long long) v, scale, d, (int) m, buf, status_name(st),
						   (long long) back);
				roundtrip_fail();
				return;
			}
		}
	}
	/* plain digits and grouped digits read back too */
	kc_int128_to_str(v, buf);
	st = parse_exact(buf, strlen(buf), &back);
	if (st != KC_PARSE_OK || back != v)
	{
		if (roundtrip_failures < 20)
			printf("FAIL plain roundtrip %lld: \"%s\" -> %s\n", (long long) v, buf,
				   status_name(st));
		roundtrip_fail();
		return;
	}
	/*
	 * Grouped digits: with one dot (1.000 to 999.999) they are ambiguous and
	 * refused; otherwise, and always with a currency word, they read back.
	 */
	{
		int			n = kc_format_decimal(v, 0, false, buf);
		bool		one_dot = strchr(buf, '.') != NULL && strchr(buf, '.') == strrchr(buf, '.');

		st = parse_exact(buf, (size_t) n, &back);
		if (one_dot ? st != KC_PARSE_AMBIGUOUS : (st != KC_PARSE_OK || back != v))
		{
			if (roundtrip_failures < 20)
				printf("FAIL grouped roundtrip %lld: \"%s\" -> %s\n", (long long) v, buf,
					   status_name(st));
			roundtrip_fail();
			return;
		}
		memcpy(buf + n, " VND", 5);
		st = parse_exact(buf, (size_t) n + 4, &back);
		if (st != KC_PARSE_OK || back != v)
		{
			if (roundtrip_failures < 20)
				printf("FAIL grouped VND roundtrip %lld: \"%s\" -> %s\n", (long long) v, buf,
					   status_name(st));
			roundtrip_fail();
			return;
		}
	}
}

static void
test_roundtrip(void)
{
	static const int64_t edges[] = {
		0, 1, -1, 9, 10, 999, 1000, 1001, -1000, 999999, 1000000, 999999999, 1000000000,
		-1000000000, 1000000001, 345500000000LL, 8198000000LL, 500000000LL, 499999999LL,
		INT64_MAX, INT64_MIN, INT64_MAX - 1, INT64_MIN + 1, 9223372036500000000LL,
		9223372036499999999LL, -9223372036500000000LL
	};

	for (size_t k = 0; k < sizeof(edges) / sizeof(edges[0]); k++)
		roundtrip_one(edges[k]);
	CHECK(roundtrip_failures == 0, "round trip of %zu edge values: %d failed",
		  sizeof(edges) / sizeof(edges[0]), roundtrip_failures);
	roundtrip_failures = 0;
	for (int k = 0; k < 200000; k++)
		roundtrip_one(random_amount());
	CHECK(roundtrip_failures == 0, "round trip of 200000 random values: %d failed",
		  roundtrip_failures);
}

int
main(void)
{
	test_parse_plain();
	test_parse_grouping();
	test_parse_currency();
	test_parse_scale();
	test_parse_fast_path_edges();
	test_parse_errors();
	test_parse_plan();
	test_parse_unit();
	test_parse_rounding();
	test_div_round();
	test_int128_to_str();
	test_format_decimal();
	test_format_amount();
	test_percent();
	test_localize();
	test_roundtrip();
	printf("%d passed, %d failed\n", passed, failed);
	return failed == 0 ? 0 : 1;
}
