-- kc_money compared with numeric (issue 12): exact, both ways round, in
-- kc_money's btree operator family so that indexes serve it; and no
-- comparison that worked before becomes ambiguous.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS kc_ext;
RESET client_min_messages;

CREATE TABLE cmp_t (id int PRIMARY KEY, amount kc_money);
INSERT INTO cmp_t VALUES (1, 9), (2, 10), (3, 11), (4, -10), (5, -11), (6, NULL),
	(7, 9223372036854775807), (8, -9223372036854775808), (9, '345,5 tỷ');

-- what failed with 42883 under 1.0
SELECT id, amount FROM cmp_t WHERE amount > 1000000000.0 ORDER BY id;

-- exact around a fractional boundary: nothing is rounded
SELECT id, amount,
	amount > 10.5 AS gt, amount >= 10.5 AS ge, amount < 10.5 AS lt, amount <= 10.5 AS le,
	amount = 10.5 AS eq, amount <> 10.5 AS ne, amount = 10.0 AS eq_10,
	amount > -10.5 AS gt_neg, amount < -10.5 AS lt_neg
FROM cmp_t WHERE id <= 6 ORDER BY id;
-- numeric on the left gives the mirror image
SELECT id, 10.5 < amount AS lt, 10.5 >= amount AS ge, 10.0 = amount AS eq,
	10.0 <> amount AS ne, -10.5 > amount AS gt_neg, -10.5 <= amount AS le_neg
FROM cmp_t WHERE id <= 6 ORDER BY id;
-- the same answers as comparing the amount as a numeric
SELECT count(*) FILTER (WHERE (amount > n) IS DISTINCT FROM (amount::numeric > n)) AS gt_differ,
	count(*) FILTER (WHERE (amount = n) IS DISTINCT FROM (amount::numeric = n)) AS eq_differ,
	count(*) FILTER (WHERE (n <= amount) IS DISTINCT FROM (n <= amount::numeric)) AS le_differ,
	count(*) AS pairs
FROM cmp_t, (VALUES (9.999999999999999999), (10), (10.000000000000000001), (-10.5), (0),
	(345500000000.0), (345499999999.99), (NULL::numeric)) v(n);

-- the ends of kc_money's range, beyond it, and numeric's special values
SELECT id, amount,
	amount < 9223372036854775807.5 AS lt_max_half, amount = 9223372036854775807.0 AS eq_max,
	amount > -9223372036854775808.5 AS gt_min_half, amount > 1e30 AS gt_1e30,
	amount < 'NaN'::numeric AS lt_nan, amount = 'NaN'::numeric AS eq_nan,
	amount < 'Infinity'::numeric AS lt_inf, amount > '-Infinity'::numeric AS gt_minf
FROM cmp_t WHERE id IN (7, 8) ORDER BY id;

-- sorting and btree comparison support agree with the operators
SELECT kc_money_numeric_cmp(10, 10.5) AS a, kc_money_numeric_cmp(11, 10.5) AS b,
	kc_money_numeric_cmp(10, 10.000) AS c, kc_numeric_money_cmp(10.5, 10) AS d,
	kc_numeric_money_cmp(-10.5, -10) AS e, kc_numeric_money_cmp(10, 10) AS f;

-- parameters typed numeric, as psycopg and SQLAlchemy send a Decimal
PREPARE cmp_q(numeric) AS SELECT count(*) FROM cmp_t WHERE amount > $1;
EXECUTE cmp_q(10.5);
EXECUTE cmp_q(9.999);
DEALLOCATE cmp_q;
-- a numeric column joined with a kc_money column
CREATE TEMP TABLE cmp_limits (name text, lim numeric);
INSERT INTO cmp_limits VALUES ('ten and a half', 10.5), ('ten', 10), ('a billion', 1e9);
SELECT l.name, count(t.id) AS above
FROM cmp_limits l LEFT JOIN cmp_t t ON t.amount > l.lim GROUP BY l.name ORDER BY l.name;

-- the planner uses a kc_money btree index for a numeric bound, whichever
-- side it is on
CREATE TABLE cmp_big (id int, amount kc_money);
INSERT INTO cmp_big SELECT i, i::bigint * 1000000 FROM generate_series(1, 20000) i;
CREATE INDEX cmp_big_amount ON cmp_big (amount);
ANALYZE cmp_big;
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM cmp_big WHERE amount > 1.5e9::numeric;
EXPLAIN (COSTS OFF) SELECT count(*) FROM cmp_big WHERE 1.5e9 <= amount;
EXPLAIN (COSTS OFF) SELECT count(*) FROM cmp_big WHERE amount BETWEEN 1000000.5 AND 3000000.0;
EXPLAIN (COSTS OFF) SELECT count(*) FROM cmp_big WHERE amount = 5000000.0;
-- integers keep using it too (now through exact kc_money-integer operators)
EXPLAIN (COSTS OFF) SELECT count(*) FROM cmp_big WHERE amount > 1500000000;
EXPLAIN (COSTS OFF) SELECT count(*) FROM cmp_big WHERE amount < 3000000 AND amount >= 2::smallint;
-- the counts through the index, exact at fractional bounds
SELECT count(*) AS above_1_5e9 FROM cmp_big WHERE amount > 1.5e9::numeric;
SELECT count(*) AS from_1000000_5 FROM cmp_big WHERE amount BETWEEN 1000000.5 AND 3000000.0;
SELECT count(*) AS eq_5000000 FROM cmp_big WHERE amount = 5000000.0;
SELECT count(*) AS eq_5000000_5 FROM cmp_big WHERE amount = 5000000.5;
SELECT count(*) AS gt_19999999999_5 FROM cmp_big WHERE amount > 19999999999.5;
SELECT count(*) AS ge_19999999999_5 FROM cmp_big WHERE amount >= 19999000000.000000001;
RESET enable_seqscan;
SELECT count(*) AS same_by_seqscan FROM cmp_big WHERE amount >= 19999000000.000000001;
-- and a hash index serves amount = integer, as it did
CREATE INDEX cmp_big_amount_hash ON cmp_big USING hash (amount);
DROP INDEX cmp_big_amount;
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM cmp_big WHERE amount = 5000000;
RESET enable_seqscan;
SELECT count(*) FROM cmp_big WHERE amount = 5000000;
DROP TABLE cmp_big;

-- nothing that worked before became ambiguous: integers against numeric
-- and against kc_money, every operator, both ways round
CREATE TEMP TABLE cmp_mix (s smallint, i int, b bigint, n numeric, m kc_money);
INSERT INTO cmp_mix VALUES (2, 2, 2, 2.5, 2), (3, 3, 3, 2.5, 3);
SELECT 2 * 2.5 AS mul, 1 < 2.5 AS a, 2.5 > 1 AS b, 1::smallint = 1.0 AS c,
	3::bigint <> 3.5 AS d, 2 <= 2.0 AS e, 2.0 >= 3 AS f;
SELECT i, i < n AS i_lt_n, n > s AS n_gt_s, b = n AS b_eq_n, s <> n AS s_ne_n,
	m < i AS m_lt_i, s >= m AS s_ge_m, b = m AS b_eq_m, m > 2 AS m_gt_2,
	m = '3' AS m_eq_text, m > n AS m_gt_n, n <= m AS n_le_m
FROM cmp_mix ORDER BY i;
-- integer < numeric is still the built-in numeric comparison (inlined)
EXPLAIN (COSTS OFF, VERBOSE) SELECT i FROM cmp_mix WHERE i < 2.5 AND 2.5 > b AND s = 2.0;
-- a float is still not compared with money (no exact meaning)
SELECT m FROM cmp_mix WHERE m > 2.5::float8;
DROP TABLE cmp_t;
