-- COPY of kc_money: binary COPY out and back in round-trips every value
-- (the binary form is bigint's, 8 bytes big-endian, so bigint files load
-- too); text COPY reads Vietnamese notation and names a bad value.
-- psql's \copy writes the files into results/ of the checkout.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS kc_ext;
RESET client_min_messages;

CREATE TABLE money_copy_src (id int, amount kc_money, note text);
INSERT INTO money_copy_src VALUES
	(1, '345,5 tỷ', 'plan'), (2, '8,198 tỷ đồng', 'province'), (3, '-1.500 đồng', 'negative'),
	(4, '0', 'zero'), (5, NULL, 'null'), (6, '9223372036854775807', 'max'),
	(7, '-9223372036854775808', 'min'), (8, U&'12 trie\0323\0302u', 'nfd');
INSERT INTO money_copy_src SELECT 100 + i, i * 1234567, 'series' FROM generate_series(1, 1000) i;

-- the binary form of one value: 8 bytes, big-endian, as bigint
SELECT kc_money_send('8,198 tỷ') AS money_bytes, int8send(8198000000) AS bigint_bytes,
       kc_money_send('-1') AS minus_one;

\copy money_copy_src TO 'results/money_copy.bin' WITH (FORMAT binary)
CREATE TABLE money_copy_dst (LIKE money_copy_src);
\copy money_copy_dst FROM 'results/money_copy.bin' WITH (FORMAT binary)
SELECT count(*) AS rows_in, count(amount) AS non_null, sum(amount) AS total FROM money_copy_dst;
SELECT count(*) AS rows_differing
FROM money_copy_src s FULL JOIN money_copy_dst d ON s.id = d.id
WHERE s.amount IS DISTINCT FROM d.amount OR s.id IS NULL OR d.id IS NULL;
SELECT id, amount, note FROM money_copy_dst WHERE id < 100 ORDER BY id;

-- a bigint column's binary COPY loads into kc_money, and back
CREATE TABLE money_copy_big (id int, amount bigint, note text);
\copy money_copy_dst TO 'results/money_copy2.bin' WITH (FORMAT binary)
\copy money_copy_big FROM 'results/money_copy2.bin' WITH (FORMAT binary)
SELECT count(*) AS bigint_rows_equal FROM money_copy_big b JOIN money_copy_src s
	ON s.id = b.id AND s.amount = b.amount;
\copy (SELECT id, amount, note FROM money_copy_big WHERE id < 100) TO 'results/money_copy3.bin' WITH (FORMAT binary)
TRUNCATE money_copy_dst;
\copy money_copy_dst FROM 'results/money_copy3.bin' WITH (FORMAT binary)
SELECT id, amount, pg_typeof(amount) FROM money_copy_dst ORDER BY id;

-- text COPY: Vietnamese notation in, plain digits out
TRUNCATE money_copy_dst;
COPY money_copy_dst (id, amount) FROM stdin;
1	345,5 tỷ
2	8,198 tỷ đồng
3	1.234.567 đ
4	500 nghìn
5	\N
\.
COPY money_copy_dst (id, amount) TO stdout;
-- CSV too
COPY money_copy_dst (id, amount) TO stdout WITH (FORMAT csv);
-- a bad value stops the COPY and names the line, column and value
COPY money_copy_dst (id, amount) FROM stdin;
6	12 triệu
7	1,5 đồng
\.
COPY money_copy_dst (id, amount) FROM stdin;
8	99999999999999999999
\.
SELECT count(*) AS rows_after_failed_copies FROM money_copy_dst;
DROP TABLE money_copy_src, money_copy_dst, money_copy_big;
