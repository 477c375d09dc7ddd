-- The btree and hash operator classes of kc_money in use: index scans,
-- unique indexes, ORDER BY, DISTINCT, GROUP BY, merge joins and hash joins
-- (forced with the enable_* settings), shown with EXPLAIN (COSTS OFF).
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS kc_ext;
RESET client_min_messages;

SELECT am.amname, opc.opcname, opc.opcdefault
FROM pg_opclass opc JOIN pg_am am ON am.oid = opc.opcmethod
WHERE opc.opcintype = 'kc_money'::regtype ORDER BY 1;

CREATE TABLE money_index_a (id int, amount kc_money);
CREATE TABLE money_index_b (id int, amount kc_money);
INSERT INTO money_index_a SELECT i, (i % 500) * 1000000 - 100000000 FROM generate_series(1, 5000) i;
INSERT INTO money_index_b SELECT i, i * 2000000 - 100000000 FROM generate_series(1, 300) i;
INSERT INTO money_index_a VALUES (0, NULL), (-1, '-9223372036854775808'), (-2, '9223372036854775807');
CREATE INDEX money_index_a_btree ON money_index_a (amount);
CREATE INDEX money_index_b_hash ON money_index_b USING hash (amount);
ANALYZE money_index_a, money_index_b;

-- btree index scans: equality, ranges, ORDER BY with LIMIT
SET enable_seqscan = off;
SET enable_bitmapscan = off;
EXPLAIN (COSTS OFF) SELECT id FROM money_index_a WHERE amount = '12 triệu';
SELECT count(*) FROM money_index_a WHERE amount = '12 triệu';
EXPLAIN (COSTS OFF) SELECT count(*) FROM money_index_a WHERE amount BETWEEN '-1 triệu' AND '1 triệu';
SELECT count(*) FROM money_index_a WHERE amount BETWEEN '-1 triệu' AND '1 triệu';
EXPLAIN (COSTS OFF) SELECT amount FROM money_index_a ORDER BY amount DESC LIMIT 3;
SELECT amount FROM money_index_a ORDER BY amount DESC LIMIT 3;
SELECT amount FROM money_index_a ORDER BY amount LIMIT 3;
-- min and max use the index too
EXPLAIN (COSTS OFF) SELECT min(amount), max(amount) FROM money_index_a;
SELECT min(amount), max(amount) FROM money_index_a;
-- hash index scan
EXPLAIN (COSTS OFF) SELECT id FROM money_index_b WHERE amount = '100 triệu';
SELECT id FROM money_index_b WHERE amount = '100 triệu';
RESET enable_seqscan;
RESET enable_bitmapscan;

-- unique index: duplicates rejected whatever the notation
CREATE TABLE money_index_u (amount kc_money);
CREATE UNIQUE INDEX money_index_u_key ON money_index_u (amount);
INSERT INTO money_index_u VALUES ('8,198 tỷ'), ('12 triệu');
INSERT INTO money_index_u VALUES ('8.198.000.000 đồng');
INSERT INTO money_index_u VALUES (U&'12 trie\0323\0302u');
INSERT INTO money_index_u VALUES ('12 triệu') ON CONFLICT (amount) DO NOTHING;
SELECT amount FROM money_index_u ORDER BY amount;
DROP TABLE money_index_u;

-- ORDER BY, DISTINCT and GROUP BY, sorted and hashed
SELECT amount FROM (VALUES ('1 tỷ'::kc_money), ('-5'), ('999 triệu'), (NULL), ('1.000 triệu'),
	('-9223372036854775808')) v(amount) ORDER BY amount NULLS FIRST;
SET enable_hashagg = off;
EXPLAIN (COSTS OFF) SELECT DISTINCT amount FROM money_index_b;
SELECT count(*) FROM (SELECT DISTINCT amount FROM money_index_a) d;
EXPLAIN (COSTS OFF) SELECT amount, count(*) FROM money_index_a GROUP BY amount;
SELECT amount, count(*) FROM money_index_a GROUP BY amount ORDER BY amount LIMIT 3;
RESET enable_hashagg;
SET enable_sort = off;
EXPLAIN (COSTS OFF) SELECT amount, count(*) FROM money_index_b GROUP BY amount;
SELECT count(*) AS groups, sum(n) AS rows FROM (SELECT amount, count(*) AS n FROM money_index_a GROUP BY amount) g;
EXPLAIN (COSTS OFF) SELECT DISTINCT amount FROM money_index_b;
SELECT count(*) FROM (SELECT DISTINCT amount FROM money_index_b) d;
RESET enable_sort;

-- joins on kc_money: merge join, hash join, nested loop give the same rows
SET enable_hashjoin = off;
SET enable_nestloop = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM money_index_a a JOIN money_index_b b ON a.amount = b.amount;
SELECT count(*), sum(a.amount) FROM money_index_a a JOIN money_index_b b ON a.amount = b.amount;
RESET enable_hashjoin;
SET enable_mergejoin = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM money_index_a a JOIN money_index_b b ON a.amount = b.amount;
SELECT count(*), sum(a.amount) FROM money_index_a a JOIN money_index_b b ON a.amount = b.amount;
RESET enable_mergejoin;
RESET enable_nestloop;
-- and a bigint column joins a kc_money column
SELECT count(*) FROM money_index_a a JOIN (SELECT amount::bigint AS big FROM money_index_b) b
	ON a.amount = b.big;

DROP TABLE money_index_a, money_index_b;
