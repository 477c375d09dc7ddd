-- kc_money arithmetic, comparison and casts: results, rounding of / and
-- * numeric (half away from zero), overflow (22003), division by zero
-- (22012), and the spellings people write resolving without ambiguity.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS kc_ext;
RESET client_min_messages;
CREATE FUNCTION pg_temp.ops_err(q text, OUT state text, OUT message text, OUT hint text)
LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE q;
	state := '00000';
	message := 'no error';
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, message = MESSAGE_TEXT,
		hint = PG_EXCEPTION_HINT;
END $$;

-- the spellings people write, and the type each one gives
SELECT e AS expression, r AS result, t AS type
FROM (VALUES
	('''345,5 tỷ''::kc_money',         ('345,5 tỷ'::kc_money)::text,            pg_typeof('345,5 tỷ'::kc_money)),
	('amount + 1000',                  ('8 tỷ'::kc_money + 1000)::text,          pg_typeof('8 tỷ'::kc_money + 1000)),
	('amount + 8198000000',            ('8 tỷ'::kc_money + 8198000000)::text,    pg_typeof('8 tỷ'::kc_money + 8198000000)),
	('amount - 1000',                  ('8 tỷ'::kc_money - 1000)::text,          pg_typeof('8 tỷ'::kc_money - 1000)),
	('1000 + amount',                  (1000 + '8 tỷ'::kc_money)::text,          pg_typeof(1000 + '8 tỷ'::kc_money)),
	('amount + amount',                ('8 tỷ'::kc_money + '1 tỷ'::kc_money)::text, pg_typeof('8 tỷ'::kc_money + '1 tỷ'::kc_money)),
	('-amount',                        (-'8 tỷ'::kc_money)::text,                pg_typeof(-'8 tỷ'::kc_money)),
	('abs(amount)',                    abs('-8 tỷ'::kc_money)::text,             pg_typeof(abs('-8 tỷ'::kc_money))),
	('amount * 2',                     ('8 tỷ'::kc_money * 2)::text,             pg_typeof('8 tỷ'::kc_money * 2)),
	('amount * 2::bigint',             ('8 tỷ'::kc_money * 2::bigint)::text,     pg_typeof('8 tỷ'::kc_money * 2::bigint)),
	('amount * 1.5',                   ('8 tỷ'::kc_money * 1.5)::text,           pg_typeof('8 tỷ'::kc_money * 1.5)),
	('amount / 3',                     ('8 tỷ'::kc_money / 3)::text,             pg_typeof('8 tỷ'::kc_money / 3)),
	('amount / 3::bigint',             ('8 tỷ'::kc_money / 3::bigint)::text,     pg_typeof('8 tỷ'::kc_money / 3::bigint)),
	('amount / 1.5',                   ('8 tỷ'::kc_money / 1.5)::text,           pg_typeof('8 tỷ'::kc_money / 1.5)),
	('amount / amount',                ('8,08 tỷ'::kc_money / '8,198 tỷ'::kc_money)::text, pg_typeof('8,08 tỷ'::kc_money / '8,198 tỷ'::kc_money)),
	('amount::numeric',                ('8 tỷ'::kc_money)::numeric::text,        pg_typeof(('8 tỷ'::kc_money)::numeric)),
	('amount::bigint',                 ('8 tỷ'::kc_money)::bigint::text,         pg_typeof(('8 tỷ'::kc_money)::bigint)),
	('amount::text',                   ('8 tỷ'::kc_money)::text,                 pg_typeof(('8 tỷ'::kc_money)::text)),
	('amount = 8000000000',            ('8 tỷ'::kc_money = 8000000000)::text,    pg_typeof('8 tỷ'::kc_money = 8000000000)),
	('amount > 0',                     ('8 tỷ'::kc_money > 0)::text,             pg_typeof('8 tỷ'::kc_money > 0))
) v(e, r, t);

-- installing kc_ext leaves the built-in integer-by-numeric arithmetic alone
SELECT 2 * 2.5 AS int_mul, pg_typeof(2 * 2.5), 2::bigint * 2.5 AS bigint_mul,
       2::smallint * 2.5 AS smallint_mul, 7 / 2.0 AS int_div, 7::bigint / 2.0 AS bigint_div,
       7::smallint / 2.0 AS smallint_div, pg_typeof(7::bigint / 2.0), 1 + 2.5 AS int_add,
       2 * 3 AS int_int, 7 / 2 AS int_int_div;

-- comparison
SELECT a, b, a < b AS lt, a <= b AS le, a = b AS eq, a <> b AS ne, a >= b AS ge, a > b AS gt
FROM (VALUES ('1 tỷ'::kc_money, '1.000 triệu'::kc_money), ('-5', '5'), ('5', '-5'),
             ('-9223372036854775808', '9223372036854775807')) v(a, b);

-- rounding: / integer, / numeric and * numeric round half away from zero
SELECT a, d, a / d AS by_int, a / d::bigint AS by_bigint, a / d::numeric AS by_numeric
FROM (VALUES (10::kc_money, 4), (-10, 4), (10, -4), (-10, -4), (10, 3), (11, 3), (-11, 3),
             (7, 2), (-7, 2), (5, 10), (4, 10), (-5, 10), (1, 3), (2, 3)) v(a, d);
SELECT a, f, a * f AS product, a / f AS quotient
FROM (VALUES (5::kc_money, 0.5), (-5, 0.5), (5, -0.5), (3, 0.5), (1, 0.4999), (1, 0.5),
             (-1, 0.5), (1000000, 1.1), (8198000000, 0.125), (100, 0.333),
             (345500000000, 1.0000000001)) v(a, f);
-- a numeric rate in a table: 10% VAT on every amount, rounded per row
SELECT amount, amount * rate AS vat FROM (VALUES ('1.234.565'::kc_money, 0.1),
	('1.234.564', 0.1), ('-1.234.565', 0.1)) v(amount, rate);

-- overflow: 22003
\x on
SELECT q AS query, e.* FROM unnest(ARRAY[
	$q$SELECT '9223372036854775807'::kc_money + 1$q$,
	$q$SELECT '-9223372036854775808'::kc_money - 1$q$,
	$q$SELECT -'-9223372036854775808'::kc_money$q$,
	$q$SELECT abs('-9223372036854775808'::kc_money)$q$,
	$q$SELECT '5000000000 tỷ'::kc_money * 2$q$,
	$q$SELECT '5000000000 tỷ'::kc_money * 2::bigint$q$,
	$q$SELECT '5000000000 tỷ'::kc_money * 1.9$q$,
	$q$SELECT '5000000000 tỷ'::kc_money / 0.5$q$,
	$q$SELECT '-9223372036854775808'::kc_money / -1$q$,
	$q$SELECT '-9223372036854775808'::kc_money / -1::bigint$q$,
	$q$SELECT '1'::kc_money * 'NaN'::numeric$q$,
	$q$SELECT '1'::kc_money * 'Infinity'::numeric$q$,
	$q$SELECT '1'::kc_money / 'NaN'::numeric$q$,
	$q$SELECT '1'::kc_money / 1e-20$q$]) q,
	LATERAL pg_temp.ops_err(q) e;

-- division by zero: 22012
SELECT q AS query, e.* FROM unnest(ARRAY[
	$q$SELECT '1 tỷ'::kc_money / 0$q$,
	$q$SELECT '1 tỷ'::kc_money / 0::bigint$q$,
	$q$SELECT '1 tỷ'::kc_money / 0.0$q$,
	$q$SELECT '1 tỷ'::kc_money / '0'::kc_money$q$,
	$q$SELECT '0'::kc_money / 0$q$]) q,
	LATERAL pg_temp.ops_err(q) e;
\x off
-- dividing by infinity is zero, as for numeric
SELECT '1 tỷ'::kc_money / 'Infinity'::numeric AS by_infinity;

-- casts in every direction
SELECT 1500::kc_money AS from_int, 8198000000::bigint::kc_money AS from_bigint,
       12000000::numeric::kc_money AS from_numeric, 12.000::numeric::kc_money AS from_numeric_zeros,
       '8,198 tỷ'::text::kc_money AS from_text,
       '8,198 tỷ'::kc_money::bigint AS to_bigint, '8,198 tỷ'::kc_money::numeric AS to_numeric,
       '8,198 tỷ'::kc_money::text AS to_text;
SELECT castsource::regtype AS source, casttarget::regtype AS target,
       CASE castcontext WHEN 'i' THEN 'implicit' WHEN 'a' THEN 'assignment' ELSE 'explicit' END AS context,
       CASE castmethod WHEN 'b' THEN 'binary' WHEN 'f' THEN 'function' ELSE 'io' END AS method
FROM pg_cast WHERE castsource = 'kc_money'::regtype OR casttarget = 'kc_money'::regtype
ORDER BY 1::text, 2::text;
\x on
SELECT q AS query, e.* FROM unnest(ARRAY[
	$q$SELECT 1.5::numeric::kc_money$q$,
	$q$SELECT (-0.001)::numeric::kc_money$q$,
	$q$SELECT 9223372036854775808::numeric::kc_money$q$,
	$q$SELECT (-9223372036854775809)::numeric::kc_money$q$,
	$q$SELECT 'NaN'::numeric::kc_money$q$,
	$q$SELECT '-Infinity'::numeric::kc_money$q$,
	$q$SELECT '1 tỷ'::kc_money::integer$q$]) q,
	LATERAL pg_temp.ops_err(q) e;
\x off

-- assignment: integer, bigint and whole numeric literals into a kc_money
-- column; kc_money into bigint and numeric columns
CREATE TABLE money_ops_t (id int, amount kc_money, as_bigint bigint, as_numeric numeric);
INSERT INTO money_ops_t (id, amount) VALUES (1, 1000), (2, 8198000000), (3, 12000000.0),
	(4, '345,5 tỷ'), (5, -1500);
INSERT INTO money_ops_t (id, amount) VALUES (6, 12.5);
INSERT INTO money_ops_t (id, amount) VALUES (7, 99999999999999999999);
UPDATE money_ops_t SET as_bigint = amount, as_numeric = amount;
UPDATE money_ops_t SET amount = amount * 1.1 WHERE id = 1;
UPDATE money_ops_t SET amount = amount + 1000 WHERE id = 5;
SELECT id, amount, as_bigint, as_numeric, pg_typeof(amount) FROM money_ops_t ORDER BY id;
-- COPY text input reads Vietnamese notation too
COPY money_ops_t (id, amount) FROM stdin;
8	8,198 tỷ đồng
9	12 triệu
\.
SELECT id, amount FROM money_ops_t WHERE id >= 8 ORDER BY id;
-- bigint columns and kc_money columns compare and join without casts
SELECT count(*) AS equal_rows FROM money_ops_t WHERE amount = as_bigint;
DROP TABLE money_ops_t;

-- smallint, as drivers send small integer parameters (psycopg): assigned,
-- compared, multiplied and divided without casts or ambiguity
CREATE TABLE money_ops_small (amount kc_money);
INSERT INTO money_ops_small VALUES (2000::smallint);
SELECT amount + 2::smallint AS plus, amount = 2000::smallint AS eq,
       amount * 3::smallint AS times, amount / 3::smallint AS divided,
       amount * (-32768)::smallint AS by_min
FROM money_ops_small;
SELECT pg_temp.ops_err($q$SELECT amount / 0::smallint FROM money_ops_small$q$);
SELECT pg_temp.ops_err($q$SELECT '9223372036854775807'::kc_money * 2::smallint$q$);
DROP TABLE money_ops_small;
