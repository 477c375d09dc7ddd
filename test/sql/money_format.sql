-- kc_format(amount, unit, digits, rounding): Vietnamese notation with every
-- unit, exact or rounded digits, every rounding mode, negative values, and
-- the errors for a bad unit, rounding mode or digit count (22023).
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS kc_ext;
RESET client_min_messages;

-- the issue's examples, and the defaults (auto, exact, half_up)
SELECT kc_format('345,5 tỷ', 'tỷ') AS a, kc_format(8198000000, 'tỷ') AS b,
       kc_format(1234567, 'đồng') AS c, kc_format('345,5 tỷ') AS auto_default;

-- every unit, every spelling of it, exact digits (trailing zeros dropped)
SELECT u AS unit, kc_format(1234567, u) AS small, kc_format(345500000000, u) AS large
FROM unnest(ARRAY['đồng', 'dong', 'ĐỒNG', U&'\0111o\0302\0300ng', 'nghìn', 'nghin', 'ngàn',
                  'ngan', 'triệu', 'trieu', U&'trie\0323\0302u', 'tỷ', 'tỉ', 'ty', 'TỶ',
                  U&'ty\0309', 'auto', 'AUTO', ' tỷ ']) u;

-- auto: the largest unit that leaves a non-zero integer part
SELECT a AS amount, kc_format(a) AS auto
FROM unnest(ARRAY[0, 7, 999, 1000, 1500, 999999, 1000000, 1234567, 999999999, 1000000000,
                  8198000000, 1436000000000, -999, -1000, -2500000000]::kc_money[]) a;

-- fixed digits: exactly that many decimals, padded or rounded
SELECT d AS digits, kc_format(8198000000, 'tỷ', d) AS ty, kc_format(1234567, 'triệu', d) AS trieu,
       kc_format(1234567, 'đồng', d) AS dong
FROM generate_series(0, 4) d;
SELECT kc_format(12, 'đồng', 18) AS max_digits,
       kc_format('9223372036854775807', 'đồng', 18) AS int64_max,
       kc_format('-9223372036854775808', 'auto') AS int64_min;

-- rounding modes, symmetric around zero: half_up is half away from zero,
-- half_even goes to the even neighbour, trunc goes toward zero
SELECT a AS amount, r AS rounding, kc_format(a, 'triệu', 2, r) AS trieu_2,
       kc_format(a, 'nghìn', 0, r) AS nghin_0
FROM unnest(ARRAY[1225000, 1235000, 1239999, 1230001, -1225000, -1235000, -1239999,
                  2500, -2500, 3500, 499, -499]::kc_money[]) a,
     unnest(ARRAY['half_up', 'half_even', 'trunc']) r
ORDER BY a, r;
-- the 2022 report's figures at one and two decimals of tỷ
SELECT kc_format('8,08 tỷ', 'tỷ', 1) AS a, kc_format('323 tỷ', 'tỷ', 2) AS b,
       kc_format('205,55 tỷ', 'tỷ', 1, 'half_up') AS c,
       kc_format('205,55 tỷ', 'tỷ', 1, 'half_even') AS d,
       kc_format('205,55 tỷ', 'tỷ', 1, 'trunc') AS e,
       kc_format('205,45 tỷ', 'tỷ', 1, 'half_even') AS f;
-- a negative amount that rounds to zero is written without a sign
SELECT kc_format(-1, 'tỷ', 2) AS tiny_negative, kc_format(-4999999, 'tỷ', 2) AS rounds_to_zero,
       kc_format(-5000000, 'tỷ', 2) AS rounds_away;
-- rounding names are case-insensitive
SELECT kc_format(2500, 'nghìn', 0, 'HALF_EVEN') AS he, kc_format(2500, 'nghìn', 0, 'Trunc') AS tr;

-- NULLs: a NULL amount, unit or rounding gives NULL; a NULL digits means exact
SELECT kc_format(NULL) IS NULL AS null_amount, kc_format(1, NULL) IS NULL AS null_unit,
       kc_format(1, 'tỷ', 2, NULL) IS NULL AS null_rounding,
       kc_format(1500, 'nghìn', NULL) AS null_digits;

-- a table column, and output stays Vietnamese whatever the locale settings
CREATE TABLE money_format_t (amount kc_money);
INSERT INTO money_format_t VALUES ('345,5 tỷ'), ('140 tỷ'), ('205,5 tỷ'), ('8,198 tỷ');
SET lc_numeric = 'C';
SELECT amount, kc_format(amount, 'tỷ') AS ty, kc_format(amount, 'triệu', 0) AS trieu
FROM money_format_t ORDER BY amount;
RESET lc_numeric;
DROP TABLE money_format_t;

-- errors: unknown unit or rounding, digits out of range (22023)
CREATE FUNCTION pg_temp.format_err(q text,
	OUT state text, OUT message text, OUT hint text)
LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE q;
	state := '00000';
	message := 'no error';
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, message = MESSAGE_TEXT,
		hint = PG_EXCEPTION_HINT;
END $$;
\x on
SELECT q AS query, e.* FROM unnest(ARRAY[
	$q$SELECT kc_format(1, 'usd')$q$,
	$q$SELECT kc_format(1, '')$q$,
	$q$SELECT kc_format(1, 'vnd')$q$,
	$q$SELECT kc_format(1, 'tỷ đồng')$q$,
	$q$SELECT kc_format(1, 'tỷ', 2, 'half_down')$q$,
	$q$SELECT kc_format(1, 'tỷ', 2, '')$q$,
	$q$SELECT kc_format(1, 'tỷ', -1)$q$,
	$q$SELECT kc_format(1, 'tỷ', 19)$q$]) q,
	LATERAL pg_temp.format_err(q) e;
\x off
