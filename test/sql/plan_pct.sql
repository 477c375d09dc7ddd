-- kc_pct and kc_format_pct: exact percentages, rounding modes, NULLs, errors.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS kc_ext;
RESET client_min_messages;
CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE q;
	RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE || ': ' || SQLERRM;
END $$;

-- the 2022 report: each printed figure with the mode that reproduces it
SELECT kc_pct(kc_plan('345,5 tỷ', '323 tỷ'), 2, 'trunc')   AS country_trunc,   -- 93,48
       kc_pct(kc_plan('345,5 tỷ', '323 tỷ'))               AS country_half_up, -- 93,49
       kc_pct(kc_plan('140 tỷ', '136 tỷ'))                 AS national,        -- 97,14
       kc_pct(kc_plan('140 tỷ', '136 tỷ'), 2, 'trunc')     AS national_trunc,  -- 97,14
       kc_pct(kc_plan('205,5 tỷ', '187 tỷ'), 2, 'trunc')   AS local_trunc,     -- 90,99
       kc_pct(kc_plan('205,5 tỷ', '187 tỷ'))               AS local_half_up,   -- 91,00
       kc_pct(kc_plan('8,198 tỷ', '8,08 tỷ'), 1, 'half_up') AS ninh_binh,      -- 98,6
       kc_pct(kc_plan('8,198 tỷ', '8,08 tỷ'), 1, 'trunc')  AS ninh_binh_trunc; -- 98,5
SELECT kc_format_pct(kc_pct(kc_plan('345,5 tỷ', '323 tỷ'), 2, 'trunc')) AS country,
       kc_format_pct(kc_pct(kc_plan('8,198 tỷ', '8,08 tỷ'), 1)) AS ninh_binh;

-- the exact value, for reference: 323/345,5 = 93,4876989...
SELECT kc_pct(kc_plan('345,5 tỷ', '323 tỷ'), 10, 'trunc');

-- share of a total ("chiếm X%") and against last year ("bằng X% so với cùng kỳ")
SELECT kc_pct('140 tỷ'::kc_money, '345,5 tỷ'::kc_money) AS national_share,
       kc_pct('205,5 tỷ'::kc_money, '345,5 tỷ', 1) AS local_share,
       kc_pct('323 tỷ'::kc_money, '300 tỷ', 0) AS vs_last_year;

-- ties: half_up away from zero, half_even to even, trunc toward zero;
-- negative values are rounded as their magnitude, the sign kept
SELECT mode, kc_pct(kc_plan(10000, 1225), 1, mode) AS "12.25",
       kc_pct(kc_plan(10000, 1235), 1, mode) AS "12.35",
       kc_pct(kc_plan(10000, -1225), 1, mode) AS "-12.25",
       kc_pct(kc_plan(-10000, 1275), 1, mode) AS "-12.75",
       kc_pct(kc_plan(10000, 1226), 1, mode) AS "12.26",
       kc_pct(kc_plan(3, 2), 2, mode) AS "66.666",
       kc_pct(kc_plan(3, -2), 2, mode) AS "-66.666"
FROM unnest(ARRAY['half_up', 'half_even', 'trunc']) AS mode;

-- digits 0 and the maximum 16
SELECT kc_pct(kc_plan(3, 2), 0), kc_pct(kc_plan(3, 2), 16, 'trunc');
-- extreme amounts stay exact
SELECT kc_pct(kc_plan(9223372036854775807, -9223372036854775808), 16),
       kc_pct(kc_plan(1, 9223372036854775807), 16);

-- a zero plan has no percentage: NULL, not an error
SELECT kc_pct(kc_plan(0, 5)) IS NULL AS zero_plan_null,
       kc_pct(0::kc_money, 0::kc_money) IS NULL AS zero_whole_null;
-- NULL arguments give NULL
SELECT kc_pct(NULL::kc_plan) IS NULL, kc_pct(kc_plan(1, 1), NULL) IS NULL,
       kc_pct(kc_plan(1, 1), 2, NULL) IS NULL, kc_pct(1::kc_money, NULL::kc_money) IS NULL;

-- bad options: 22023 with the value named
SELECT pg_temp.err($$SELECT kc_pct(kc_plan(1, 1), 2, 'round')$$);
SELECT pg_temp.err($$SELECT kc_pct(kc_plan(1, 1), 2, '')$$);
SELECT pg_temp.err($$SELECT kc_pct(kc_plan(1, 1), -1)$$);
SELECT pg_temp.err($$SELECT kc_pct(kc_plan(1, 1), 17)$$);
SELECT pg_temp.err($$SELECT kc_pct(1::kc_money, 2::kc_money, 2, 'HALF-UP')$$);
-- mode names are case-insensitive
SELECT kc_pct(kc_plan(3, 2), 2, 'TRUNC');
\set VERBOSITY default
SELECT kc_pct(kc_plan(1, 1), 2, 'banker');

-- kc_format_pct
SELECT kc_format_pct(93.48), kc_format_pct(64.50), kc_format_pct(55.00), kc_format_pct(55),
       kc_format_pct(0), kc_format_pct(-12.30), kc_format_pct(1234.5), kc_format_pct(0.05);
SELECT kc_format_pct(93.4877, 2), kc_format_pct(98.56, 1), kc_format_pct(55, 2),
       kc_format_pct(-0.004, 2), kc_format_pct(99.995, 2), kc_format_pct(7.5, 0);
SELECT kc_format_pct(NULL) IS NULL AS null_pct, kc_format_pct(12.5, NULL) AS null_digits;
SELECT pg_temp.err($$SELECT kc_format_pct('NaN'::numeric)$$);
SELECT pg_temp.err($$SELECT kc_format_pct('Infinity'::numeric)$$);
SELECT pg_temp.err($$SELECT kc_format_pct(1.5, -1)$$);
SELECT pg_temp.err($$SELECT kc_format_pct(1.5, 19)$$);

-- kc_source labels
SELECT s, kc_source_label(s), kc_source_label(s, 'en')
FROM unnest(enum_range(NULL::kc_source)) AS s;
SELECT pg_temp.err($$SELECT kc_source_label('national', 'fr')$$);
SELECT kc_source_label(NULL) IS NULL, kc_source_label('local', NULL) IS NULL;
SELECT pg_temp.err($$SELECT 'regional'::kc_source$$);
