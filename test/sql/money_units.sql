-- kc_in_unit (issue 12): an amount in a unit as an exact numeric, beside
-- the money operators, which stay whole-đồng arithmetic.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS kc_ext;
RESET client_min_messages;

-- 3,2 tỷ in tỷ is 3.2; amount / 1e9 rounds to whole đồng as before
SELECT kc_in_unit('3,2 tỷ', 'tỷ') AS in_ty, '3,2 tỷ'::kc_money / 1e9 AS money_div,
	pg_typeof(kc_in_unit('3,2 tỷ', 'tỷ')) AS type;
-- every unit and its spellings, trailing zeros dropped
SELECT u, kc_in_unit('345,5 tỷ', u) AS plan_2022, kc_in_unit('8,198 tỷ', u) AS ninh_binh,
	kc_in_unit(1, u) AS one_dong, kc_in_unit(-1500, u) AS minus_1500
FROM (VALUES ('đồng'), ('dong'), ('nghìn'), ('ngàn'), ('nghin'), ('triệu'), ('trieu'),
	('tỷ'), ('tỉ'), ('ty'), ('TỶ')) v(u);
-- the ends of the range are exact
SELECT kc_in_unit(9223372036854775807, 'tỷ') AS max_ty,
	kc_in_unit(-9223372036854775808, 'tỷ') AS min_ty,
	kc_in_unit(-9223372036854775808, 'đồng') AS min_dong;
-- exactly the numeric quotient
SELECT count(*) FILTER (WHERE kc_in_unit(a, 'tỷ') <> a::numeric / 1000000000) AS ty_differ,
	count(*) FILTER (WHERE kc_in_unit(a, 'triệu') <> a::numeric / 1000000) AS trieu_differ,
	count(*) AS amounts
FROM (SELECT (i::bigint * 7919 * 1000003 - 5000000000)::kc_money AS a
	  FROM generate_series(1, 2000) i) s;
-- NULL in, NULL out; auto and unknown units are refused
SELECT kc_in_unit(NULL, 'tỷ') IS NULL AS null_amount, kc_in_unit(1, NULL) IS NULL AS null_unit;
SELECT kc_in_unit(1, 'auto');
SELECT kc_in_unit(1, 'billion');
-- a report column in tỷ, as the 2022 report prints it
SELECT kc_in_unit(sum(x), 'tỷ') AS total_ty,
	replace(kc_in_unit(sum(x), 'tỷ')::text, '.', ',') || ' tỷ' AS printed
FROM (VALUES ('140 tỷ'::kc_money), ('205,5 tỷ')) v(x);
