-- Cap rules: every path that changes a total is checked; the kept totals
-- always equal the real sums.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS kc_ext;
SET client_min_messages = notice;

CREATE FUNCTION pg_temp.try(sql text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	st text; msg text; det text; con text;
BEGIN
	EXECUTE sql;
	RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT,
		det = PG_EXCEPTION_DETAIL, con = CONSTRAINT_NAME;
	RETURN st || ': ' || msg
		|| coalesce(E'\n  detail: ' || nullif(det, ''), '')
		|| coalesce(E'\n  constraint: ' || nullif(con, ''), '');
END
$$;

CREATE SCHEMA cap_e;
SET search_path = cap_e, public;
CREATE TABLE fund_plan (id int PRIMARY KEY, approved kc_money);
CREATE TABLE allocation (id int PRIMARY KEY,
	plan_id int REFERENCES fund_plan ON DELETE CASCADE ON UPDATE CASCADE, amount kc_money);
INSERT INTO fund_plan VALUES (1, 100), (2, 50), (3, NULL), (4, 0);
SELECT kc_enforce_cap('alloc_cap', 'allocation', '{plan_id}', 'amount', 'fund_plan', '{id}', 'approved');

-- kept totals against the real sums: no row means all equal
CREATE VIEW drift AS
SELECT coalesce(t.parent_key, s.k) AS key, t.total AS kept, s.real
FROM (SELECT parent_key, total FROM kc_cap_total WHERE rule_name = 'alloc_cap') t
FULL JOIN (SELECT ARRAY[plan_id::text] AS k, sum(amount::numeric) AS real
           FROM allocation WHERE plan_id IS NOT NULL GROUP BY 1) s ON s.k = t.parent_key
WHERE coalesce(t.total, 0) <> coalesce(s.real, 0);
CREATE VIEW totals AS
SELECT parent_key, total FROM kc_cap_total WHERE rule_name = 'alloc_cap' AND total <> 0 ORDER BY 1;

-- INSERT: exactly up to the limit, not one đồng more
INSERT INTO allocation VALUES (1, 1, 60), (2, 1, 40);
SELECT pg_temp.try($$INSERT INTO allocation VALUES (3, 1, 1)$$);
-- the error as a client sees it (psql), then its SQLSTATE
INSERT INTO allocation VALUES (3, 1, 1);
\echo :LAST_ERROR_SQLSTATE
-- NULL reference: not checked; NULL amount: counts as 0; zero and negative amounts
INSERT INTO allocation VALUES (4, NULL, 1000000), (5, 1, NULL), (6, 2, 0);
-- a parent with NULL limit has no approved amount; a zero limit allows nothing
SELECT pg_temp.try($$INSERT INTO allocation VALUES (7, 3, 1)$$);
SELECT pg_temp.try($$INSERT INTO allocation VALUES (7, 4, 1)$$);
INSERT INTO allocation VALUES (7, 3, 0);
-- a statement is checked on its net effect: -40 and +40 under a full plan 1
INSERT INTO allocation VALUES (8, 2, 50);
SELECT pg_temp.try($$WITH d AS (DELETE FROM allocation WHERE id = 2 RETURNING 1)
	INSERT INTO allocation VALUES (9, 1, 40)$$);
-- a whole statement fails and writes nothing of it
SELECT pg_temp.try($$INSERT INTO allocation SELECT 100 + g, 2, 1 FROM generate_series(1, 5) g$$);
SELECT count(*) FROM allocation WHERE id > 100;
SELECT * FROM totals;
SELECT * FROM drift;

-- UPDATE of the amount, swaps inside one statement, moving money to another parent
SELECT pg_temp.try($$UPDATE allocation SET amount = amount + 1 WHERE id = 1$$);
UPDATE allocation SET amount = CASE id WHEN 1 THEN 40 ELSE 60 END WHERE id IN (1, 2);
SELECT pg_temp.try($$UPDATE allocation SET plan_id = 2 WHERE id = 1$$);
UPDATE fund_plan SET approved = 90 WHERE id = 2;
UPDATE allocation SET plan_id = 2 WHERE id = 1;
SELECT * FROM totals;
-- moving to a NULL reference frees the headroom
UPDATE allocation SET plan_id = NULL WHERE id = 1;
UPDATE allocation SET plan_id = 2, amount = 40 WHERE id = 1;
SELECT * FROM drift;
-- an UPDATE that touches neither key nor amount does not fire the trigger
UPDATE fund_plan SET approved = approved WHERE id = 1;

-- DELETE gives headroom back
SELECT pg_temp.try($$INSERT INTO allocation VALUES (2, 1, 100)$$);
DELETE FROM allocation WHERE id = 9;
INSERT INTO allocation VALUES (2, 1, 100);
SELECT pg_temp.try($$INSERT INTO allocation VALUES (10, 1, 1)$$);
SELECT * FROM totals;

-- INSERT ... ON CONFLICT DO UPDATE
SELECT pg_temp.try($$INSERT INTO allocation VALUES (2, 1, 101) ON CONFLICT (id) DO UPDATE SET amount = excluded.amount$$);
INSERT INTO allocation VALUES (2, 1, 70) ON CONFLICT (id) DO UPDATE SET amount = excluded.amount;
INSERT INTO allocation VALUES (2, 1, 10) ON CONFLICT (id) DO NOTHING;
SELECT * FROM totals;

-- MERGE
SELECT pg_temp.try($$MERGE INTO allocation a USING (VALUES (2, 1, 80), (11, 1, 21)) v(id, plan_id, amount) ON a.id = v.id
	WHEN MATCHED THEN UPDATE SET amount = v.amount
	WHEN NOT MATCHED THEN INSERT VALUES (v.id, v.plan_id, v.amount)$$);
MERGE INTO allocation a USING (VALUES (2, 1, 80), (11, 1, 20)) v(id, plan_id, amount) ON a.id = v.id
	WHEN MATCHED THEN UPDATE SET amount = v.amount
	WHEN NOT MATCHED THEN INSERT VALUES (v.id, v.plan_id, v.amount);
MERGE INTO allocation a USING (VALUES (11)) v(id) ON a.id = v.id WHEN MATCHED THEN DELETE;
SELECT * FROM totals;
SELECT * FROM drift;

-- COPY
COPY allocation FROM stdin;
20	1	5
21	1	5
\.
COPY allocation FROM stdin;
22	1	5
23	1	6
\.
SELECT count(*) FROM allocation WHERE id IN (22, 23);
SELECT * FROM totals;

-- the parent's limit: lowering below the total is refused, to exactly the total is fine
SELECT pg_temp.try($$UPDATE fund_plan SET approved = 89 WHERE id = 1$$);
SELECT pg_temp.try($$UPDATE fund_plan SET approved = NULL WHERE id = 1$$);
UPDATE fund_plan SET approved = 90 WHERE id = 1;
UPDATE fund_plan SET approved = 1000 WHERE id = 1;
-- a new parent whose key already has children (no foreign key) is checked too
CREATE TABLE loose_child (plan_id int, amount kc_money);
CREATE TABLE loose_plan (id int PRIMARY KEY, approved kc_money);
SELECT kc_enforce_cap('loose', 'loose_child', '{plan_id}', 'amount', 'loose_plan', '{id}', 'approved');
INSERT INTO loose_child VALUES (7, 30), (7, 20);
SELECT pg_temp.try($$INSERT INTO loose_plan VALUES (7, 49)$$);
INSERT INTO loose_plan VALUES (7, 50);
SELECT pg_temp.try($$INSERT INTO loose_child VALUES (7, 1)$$);
-- changing the parent's key carries the limit to the new key
SELECT pg_temp.try($$UPDATE loose_plan SET id = 8$$);
SELECT pg_temp.try($$INSERT INTO loose_child VALUES (8, 51)$$);
DELETE FROM loose_plan;
INSERT INTO loose_child VALUES (7, 1000);
SELECT parent_key, total FROM kc_cap_total WHERE rule_name = 'loose' ORDER BY 1;
SELECT kc_drop_cap('loose');

-- ON UPDATE CASCADE of the parent key moves the children's total with them
UPDATE fund_plan SET id = 5 WHERE id = 2;
SELECT * FROM totals;
SELECT * FROM drift;
UPDATE fund_plan SET id = 2 WHERE id = 5;
-- ON DELETE CASCADE removes the children and their total
INSERT INTO fund_plan VALUES (6, 10);
INSERT INTO allocation VALUES (30, 6, 10);
DELETE FROM fund_plan WHERE id = 6;
INSERT INTO fund_plan VALUES (6, 5);
INSERT INTO allocation VALUES (30, 6, 5);
SELECT * FROM drift;

-- savepoints: a rolled-back allocation gives its headroom back
BEGIN;
UPDATE fund_plan SET approved = 100 WHERE id = 1;
SELECT * FROM allocation WHERE plan_id = 1 ORDER BY id;
DELETE FROM allocation WHERE id = 2;
SAVEPOINT s1;
INSERT INTO allocation VALUES (40, 1, 50);
SAVEPOINT s2;
INSERT INTO allocation VALUES (41, 1, 30);
ROLLBACK TO s2;
INSERT INTO allocation VALUES (42, 1, 30);
SAVEPOINT s3;
INSERT INTO allocation VALUES (43, 1, 10);
RELEASE s3;
SELECT pg_temp.try($$INSERT INTO allocation VALUES (44, 1, 1)$$);
ROLLBACK TO s1;
SELECT pg_temp.try($$INSERT INTO allocation VALUES (45, 1, 91)$$);
INSERT INTO allocation VALUES (45, 1, 90);
COMMIT;
SELECT * FROM totals;
SELECT * FROM drift;
-- an error inside a PL/pgSQL exception block rolls back only its part
DO $$
BEGIN
	DELETE FROM allocation WHERE id = 45;
	BEGIN
		INSERT INTO allocation VALUES (46, 1, 60);
		INSERT INTO allocation VALUES (47, 1, 60);
	EXCEPTION WHEN check_violation THEN
		RAISE NOTICE 'caught %', SQLERRM;
	END;
	INSERT INTO allocation VALUES (48, 1, 90);
END
$$;
SELECT * FROM totals;
SELECT * FROM drift;
-- an aborted transaction writes nothing
BEGIN;
DELETE FROM allocation WHERE id = 48;
INSERT INTO allocation VALUES (49, 2, 1);
ROLLBACK;
SELECT * FROM totals;
-- PREPARE TRANSACTION is not enabled here (max_prepared_transactions = 0)

-- TRUNCATE resets the totals; the rule keeps working
TRUNCATE allocation;
SELECT count(*) AS totals_left FROM kc_cap_total WHERE rule_name = 'alloc_cap' AND total <> 0;
INSERT INTO allocation VALUES (1, 1, 100);
SELECT pg_temp.try($$INSERT INTO allocation VALUES (2, 1, 1)$$);
BEGIN;
INSERT INTO allocation VALUES (2, 2, 50);
TRUNCATE allocation;
INSERT INTO allocation VALUES (3, 2, 90);
COMMIT;
SELECT * FROM totals;
SELECT * FROM drift;

-- many statements under one parent in one transaction
BEGIN;
UPDATE fund_plan SET approved = 1000 WHERE id = 1;
DO $$ BEGIN FOR i IN 1..1000 LOOP INSERT INTO allocation VALUES (1000 + i, 1, 1); END LOOP; END $$;
SELECT pg_temp.try($$INSERT INTO allocation VALUES (5000, 1, 1)$$);
COMMIT;
SELECT * FROM totals;
SELECT * FROM drift;

-- kc_cap_rebuild recomputes the totals (after triggers were disabled)
ALTER TABLE allocation DISABLE TRIGGER USER;
DELETE FROM allocation WHERE id > 1500;
ALTER TABLE allocation ENABLE TRIGGER USER;
SELECT count(*) AS drifting_keys FROM drift;
SELECT kc_cap_rebuild('alloc_cap');
SELECT * FROM drift;
ALTER TABLE allocation DISABLE TRIGGER USER;
INSERT INTO allocation VALUES (9000, 2, 1000);
ALTER TABLE allocation ENABLE TRIGGER USER;
SELECT pg_temp.try($$SELECT kc_cap_rebuild('alloc_cap')$$);
-- (that DELETE with the triggers on takes 1000 off a total that never had it)
DELETE FROM allocation WHERE id = 9000;
SELECT kc_cap_rebuild('alloc_cap');
SELECT * FROM drift;

-- numeric and bigint columns, a two-column key
CREATE TABLE budget (year int, province text, cap numeric(20, 3), PRIMARY KEY (province, year));
CREATE TABLE spend (province text, year int, amount bigint);
INSERT INTO budget VALUES (2022, 'Ninh Bình', 8198000000.5), (2023, 'Ninh Bình', 100);
SELECT kc_enforce_cap('spend_cap', 'spend', '{year, province}', 'amount', 'budget', '{year, province}', 'cap');
INSERT INTO spend VALUES ('Ninh Bình', 2022, 8080000000), ('Ninh Bình', 2022, 118000000);
SELECT pg_temp.try($$INSERT INTO spend VALUES ('Ninh Bình', 2022, 1)$$);
SELECT pg_temp.try($$INSERT INTO spend VALUES ('Ninh Bình', 2023, 101)$$);
INSERT INTO spend VALUES ('Ninh Bình', 2024, 101);
SELECT parent_key, total FROM kc_cap_total WHERE rule_name = 'spend_cap' ORDER BY 1;
SELECT kc_drop_cap('spend_cap');

-- partitioned child table: rows routed to partitions, direct inserts into a
-- partition, rows moved between partitions, TRUNCATE of one partition
CREATE TABLE pplan (id int PRIMARY KEY, lim kc_money);
CREATE TABLE palloc (id int, year int, plan_id int REFERENCES pplan, amount kc_money)
	PARTITION BY RANGE (year);
CREATE TABLE palloc_2022 PARTITION OF palloc FOR VALUES FROM (2022) TO (2023);
CREATE TABLE palloc_2023 PARTITION OF palloc FOR VALUES FROM (2023) TO (2024);
INSERT INTO pplan VALUES (1, 100), (2, 100);
INSERT INTO palloc VALUES (1, 2022, 1, 30);
SELECT kc_enforce_cap('palloc_cap', 'palloc', '{plan_id}', 'amount', 'pplan', '{id}', 'lim');
INSERT INTO palloc VALUES (2, 2023, 1, 30);
INSERT INTO palloc_2023 VALUES (3, 2023, 1, 40);
SELECT pg_temp.try($$INSERT INTO palloc_2022 VALUES (4, 2022, 1, 1)$$);
SELECT pg_temp.try($$INSERT INTO palloc VALUES (4, 2023, 1, 1)$$);
UPDATE palloc SET year = 2022 WHERE id = 3;
SELECT tableoid::regclass, * FROM palloc ORDER BY id;
SELECT pg_temp.try($$UPDATE palloc SET year = 2023, amount = 41 WHERE id = 3$$);
TRUNCATE palloc_2022;
SELECT parent_key, total FROM kc_cap_total WHERE rule_name = 'palloc_cap' ORDER BY 1;
INSERT INTO palloc VALUES (5, 2022, 1, 70);
SELECT pg_temp.try($$INSERT INTO palloc VALUES (6, 2022, 1, 1)$$);
-- a partition attached later gets the row trigger (cloned)
CREATE TABLE palloc_2024 PARTITION OF palloc FOR VALUES FROM (2024) TO (2025);
SELECT pg_temp.try($$INSERT INTO palloc_2024 VALUES (6, 2024, 1, 1)$$);
SELECT parent_key, total FROM kc_cap_total WHERE rule_name = 'palloc_cap' ORDER BY 1;
-- ... but not the TRUNCATE trigger: kc_cap_rebuild adds it
SELECT count(*) FROM pg_trigger WHERE tgrelid = 'palloc_2024'::regclass AND tgname LIKE 'kc_cap_truncate%';
SELECT kc_cap_rebuild('palloc_cap');
SELECT count(*) FROM pg_trigger WHERE tgrelid = 'palloc_2024'::regclass AND tgname LIKE 'kc_cap_truncate%';
DELETE FROM palloc WHERE id = 5;
INSERT INTO palloc_2024 VALUES (6, 2024, 1, 50);
TRUNCATE palloc_2024;
SELECT parent_key, total FROM kc_cap_total WHERE rule_name = 'palloc_cap' ORDER BY 1;
SELECT kc_drop_cap('palloc_cap');
SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'kc_cap%' AND tgrelid::regclass::text LIKE 'palloc%';

SELECT kc_drop_cap('alloc_cap');
RESET search_path;
DROP SCHEMA cap_e CASCADE;
