-- The one SPI layer of the rules (src/rules/kc_rule_spi.c): every query a
-- rule runs goes through kc_rule_run, as a named role, restricted, past
-- row-level security; kept plans are dropped when the relation or schema
-- their text names changes, and prepared again from the new names.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS kc_ext;
DROP ROLE IF EXISTS kc_spi_clerk;
CREATE ROLE kc_spi_clerk NOLOGIN;
RESET client_min_messages;
SET datestyle = 'ISO, YMD';

CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE q;
	RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE || ': ' || SQLERRM;
END $$;

-- 1. Support caps read the rule table as its owner: a revoked grant or a
-- policy on kc_support_cap_rule cannot hide a cap from a writer's check
-- (before 1.2 the check ran as the writer: a revoked grant made every
-- write fail with 42501, a policy made the cap disappear).
CREATE TABLE spi_project (id int PRIMARY KEY, category text, source kc_source,
	province text, approved_on date, cost kc_money, support kc_money);
SELECT kc_enforce_support_cap('spi_project', 'category', 'source', 'province',
							  'approved_on', 'cost', 'support');
GRANT SELECT, INSERT ON spi_project TO kc_spi_clerk;
REVOKE SELECT ON kc_support_cap_rule FROM PUBLIC;
ALTER TABLE kc_support_cap_rule ENABLE ROW LEVEL SECURITY;
ALTER TABLE kc_support_cap_rule FORCE ROW LEVEL SECURITY;
CREATE POLICY spi_hide_all ON kc_support_cap_rule USING (false);
SET ROLE kc_spi_clerk;
SELECT pg_temp.err($$SELECT count(*) FROM kc_support_cap_rule$$) AS clerk_reads_rules;
-- 30% of 1.000 triệu is 300 triệu: at the cap passes, one đồng over fails
INSERT INTO spi_project VALUES (1, 'demonstration_model', 'national', 'HN', '2020-01-01', '1.000 triệu', '300 triệu');
SELECT pg_temp.err($$INSERT INTO spi_project VALUES (2, 'demonstration_model', 'national', 'HN', '2020-01-01', '1.000 triệu', 300000001)$$) AS over_cap;
RESET ROLE;
-- the owner's own FORCEd policy does not hide the cap either
SELECT pg_temp.err($$INSERT INTO spi_project VALUES (3, 'demonstration_model', 'national', 'HN', '2020-01-01', '1.000 triệu', 300000001)$$) AS over_cap_owner;
DROP POLICY spi_hide_all ON kc_support_cap_rule;
ALTER TABLE kc_support_cap_rule NO FORCE ROW LEVEL SECURITY;
ALTER TABLE kc_support_cap_rule DISABLE ROW LEVEL SECURITY;
GRANT SELECT ON kc_support_cap_rule TO PUBLIC;

-- 2. A cap rule's kept plans follow renames: the parent table renamed
-- between two writes in one session is read by its new name (not
-- re-parsed under the old one); its limit column cannot be renamed under
-- the rule.
CREATE TABLE spi_plan (id int PRIMARY KEY, approved kc_money);
CREATE TABLE spi_alloc (plan_id int REFERENCES spi_plan, amount kc_money);
INSERT INTO spi_plan VALUES (1, 100), (2, 50);
SELECT kc_enforce_cap('spi_cap', 'spi_alloc', '{plan_id}', 'amount', 'spi_plan', '{id}', 'approved');
INSERT INTO spi_alloc VALUES (1, 60);
SELECT pg_temp.err($$INSERT INTO spi_alloc VALUES (1, 41)$$) AS over_before_rename;
ALTER TABLE spi_plan RENAME TO spi_plan_renamed;
ALTER TABLE spi_plan_renamed RENAME COLUMN approved TO approved_vnd;
-- a new table under the old name, with a higher limit, is not read
CREATE TABLE spi_plan (id int PRIMARY KEY, approved kc_money);
INSERT INTO spi_plan VALUES (1, 1000000);
SELECT pg_temp.err($$INSERT INTO spi_alloc VALUES (1, 41)$$) AS over_after_rename;
INSERT INTO spi_alloc VALUES (1, 40);
SELECT rule_name, parent_key, total FROM kc_cap_total WHERE rule_name = 'spi_cap' ORDER BY parent_key;
SELECT kc_cap_rebuild('spi_cap');
SELECT rule_name, parent_key, total FROM kc_cap_total WHERE rule_name = 'spi_cap' ORDER BY parent_key;

-- 3. Closed years: the TRUNCATE check is a kept plan per table and column;
-- after the table is renamed it reads the table by its new name.
CREATE TABLE spi_pay (id int, fiscal_year int);
SELECT kc_enforce_year_lock('spi_pay', 'fiscal_year');
INSERT INTO spi_pay VALUES (1, 2001);
SELECT kc_close_year(2001, 'rule_spi test');
SELECT pg_temp.err($$TRUNCATE spi_pay$$) AS truncate_closed;
ALTER TABLE spi_pay RENAME TO spi_pay_renamed;
CREATE TABLE spi_pay (id int, fiscal_year int);
SELECT pg_temp.err($$TRUNCATE spi_pay_renamed$$) AS truncate_closed_renamed;
SELECT kc_reopen_year(2001, 'rule_spi test done');
TRUNCATE spi_pay_renamed;
SELECT count(*) AS rows_left FROM spi_pay_renamed;

-- 4. Kept totals are updated in place (src/rules/cap/kc_cap_total.c), one
-- transaction after another; once their page is full the new versions go
-- to other pages and need new index entries.  A table that is a child of
-- one rule and the parent of another (allocations) takes both paths in one
-- statement.  Afterwards every kept total is found through the primary key
-- and equals the sum of its rows.
CREATE TABLE spi_fp (id int PRIMARY KEY, approved kc_money);
CREATE TABLE spi_al (id int PRIMARY KEY, plan_id int REFERENCES spi_fp, amount kc_money);
CREATE TABLE spi_pa (id int PRIMARY KEY, allocation_id int REFERENCES spi_al, amount kc_money);
SELECT kc_enforce_cap('spi_al_cap', 'spi_al', '{plan_id}', 'amount', 'spi_fp', '{id}', 'approved');
SELECT kc_enforce_cap('spi_pa_cap', 'spi_pa', '{allocation_id}', 'amount', 'spi_al', '{id}', 'amount');
INSERT INTO spi_fp SELECT i, '1 tỷ' FROM generate_series(1, 20) i;
INSERT INTO spi_al SELECT (p - 1) * 5 + k, p, '150 triệu' FROM generate_series(1, 20) AS p, generate_series(1, 5) AS k;
INSERT INTO spi_pa SELECT a, a, '100 triệu' FROM generate_series(1, 100) AS a;
DO $$
BEGIN
	FOR i IN 1..400 LOOP
		UPDATE spi_al SET amount = amount + 1 WHERE id = 1 + i % 100;
		INSERT INTO spi_pa VALUES (1000 + i, 1 + (i * 7) % 100, 1);
		COMMIT;
	END LOOP;
END $$;
SELECT pg_temp.err($$UPDATE spi_al SET amount = 100000000 WHERE id = 8$$) AS below_paid;
SELECT pg_temp.err($$INSERT INTO spi_al VALUES (500, 3, '251 triệu')$$) AS above_plan;
SET enable_seqscan = off;
SET enable_bitmapscan = off;
SELECT r.rule_name, count(*) AS keys,
	   bool_and((SELECT t.total FROM kc_cap_total t
				 WHERE t.rule_name = r.rule_name AND t.parent_key = r.parent_key) = r.sum) AS kept_equals_sum
FROM (SELECT 'spi_al_cap' AS rule_name, ARRAY[plan_id::text] AS parent_key, sum(amount::numeric)
	  FROM spi_al GROUP BY plan_id
	  UNION ALL
	  SELECT 'spi_pa_cap', ARRAY[allocation_id::text], sum(amount::numeric)
	  FROM spi_pa GROUP BY allocation_id) r
GROUP BY r.rule_name ORDER BY r.rule_name;
RESET enable_seqscan;
RESET enable_bitmapscan;
SELECT kc_drop_rule('spi_pa_cap');
SELECT kc_drop_rule('spi_al_cap');
DROP TABLE spi_pa, spi_al, spi_fp;

-- clean up
SELECT kc_drop_rule('spi_cap');
DROP TABLE spi_alloc, spi_plan, spi_plan_renamed, spi_project, spi_pay, spi_pay_renamed;
DROP ROLE kc_spi_clerk;
