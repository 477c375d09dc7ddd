-- Row-level security on the reference schema (demo/schema.sql +
-- demo/rls.sql): a province's role sees and writes only its province's
-- rows, and the cap rules still count every row, also those the writer
-- cannot see, so two provinces cannot together overspend a national plan.
-- Roles are cluster-wide: every name starts with kc_test_rls_, and they are
-- dropped at the start (if an interrupted run left them) and the end.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS kc_ext;
RESET client_min_messages;

SELECT extnamespace::regnamespace AS ext_schema FROM pg_extension WHERE extname = 'kc_ext' \gset
-- (what an interrupted run may have left: its rules, roles)
SET client_min_messages = warning;
DO $$
DECLARE
	r text;
BEGIN
	PERFORM kc_drop_cap(rule_name) FROM kc_cap_rule WHERE rule_name LIKE 'kc_test_rls%';
	FOREACH r IN ARRAY ARRAY['kc_test_rls_owner', 'kc_test_rls_nb', 'kc_test_rls_qn',
							 'kc_test_rls_nb_clerk', 'kc_test_rls_ministry', 'kc_test_rls_nobody'] LOOP
		IF EXISTS (SELECT FROM pg_roles WHERE rolname = r) THEN
			EXECUTE format('DROP OWNED BY %I CASCADE', r);
			EXECUTE format('DROP ROLE %I', r);
		END IF;
	END LOOP;
END $$;
RESET client_min_messages;

-- The owner of the schema is an ordinary role, not a superuser.
CREATE ROLE kc_test_rls_owner NOLOGIN;
CREATE ROLE kc_test_rls_nb NOLOGIN;			-- Sở Công Thương Ninh Bình
CREATE ROLE kc_test_rls_qn NOLOGIN;			-- Sở Công Thương Quảng Ninh
CREATE ROLE kc_test_rls_nb_clerk NOLOGIN IN ROLE kc_test_rls_nb;	-- a member of NB
CREATE ROLE kc_test_rls_ministry NOLOGIN;	-- the ministry (TW)
CREATE ROLE kc_test_rls_nobody NOLOGIN;		-- mapped to nothing
CREATE SCHEMA kc_test_rls AUTHORIZATION kc_test_rls_owner;

SET ROLE kc_test_rls_owner;
SELECT set_config('search_path', 'kc_test_rls, ' || :'ext_schema', false) IS NOT NULL AS path_set;
\set ECHO none
\i demo/schema.sql
\set ECHO all
INSERT INTO province (code, name, region) VALUES
	('TW', 'Các đơn vị thuộc Bộ Công Thương', 'Trung ương'),
	('NB', 'Ninh Bình', 'Đồng bằng sông Hồng'),
	('QN', 'Quảng Ninh', 'Đông Bắc');
-- id 1: the national plan, shared; 2 and 3: each province's own money
INSERT INTO fund_plan (year, province_code, source, approved) VALUES
	(2022, 'TW', 'national', '40 tỷ'),
	(2022, 'NB', 'local', '2 tỷ'),
	(2022, 'QN', 'local', '3 tỷ');
INSERT INTO project (code, title, year, province_code, category, source, approved_on, cost, support) VALUES
	('NB-01', 'Mô hình trình diễn chế biến nông sản', 2022, 'NB', 'demonstration_model', 'national', '2022-03-01', '100 tỷ', '30 tỷ'),
	('QN-01', 'Máy móc thiết bị chế biến thủy sản', 2022, 'QN', 'machinery_transfer', 'national', '2022-03-01', '40 tỷ', '10 tỷ');
-- the rules of demo/rules.sql, under names of this test
SELECT kc_enforce_cap('kc_test_rls_allocation_within_plan', 'allocation', '{plan_id}', 'amount',
	'fund_plan', '{id}', 'approved');
SELECT kc_enforce_cap('kc_test_rls_payment_within_allocation', 'payment', '{allocation_id}', 'amount',
	'allocation', '{id}', 'amount');
\set ECHO none
\i demo/rls.sql
\set ECHO all
CALL province_role_add('NB', 'kc_test_rls_nb');
CALL province_role_add('QN', 'kc_test_rls_qn');
CALL province_role_add('TW', 'kc_test_rls_ministry');
-- the nobody role gets the table privileges but no province
GRANT USAGE ON SCHEMA kc_test_rls TO kc_test_rls_nobody;
GRANT SELECT, INSERT, UPDATE, DELETE ON fund_plan, project, allocation, payment TO kc_test_rls_nobody;
GRANT SELECT ON fund_plan_bi, project_bi, allocation_bi, payment_bi TO kc_test_rls_nobody;
SELECT province_code, role_name FROM province_role ORDER BY 1, 2::text;
SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class
WHERE relnamespace = 'kc_test_rls'::regnamespace AND relkind = 'r' ORDER BY relname;
-- every view, the BI views (*_bi) included, runs with the reader's rights
SELECT relname, reloptions FROM pg_class
WHERE relnamespace = 'kc_test_rls'::regnamespace AND relkind = 'v' ORDER BY relname;
RESET ROLE;

CREATE FUNCTION pg_temp.kc_try(q text, OUT state text, OUT message text)
LANGUAGE plpgsql AS $$
DECLARE
	n bigint;
BEGIN
	EXECUTE q;
	GET DIAGNOSTICS n = ROW_COUNT;
	state := '00000';
	message := format('no error, %s rows', n);
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, message = MESSAGE_TEXT;
END $$;

------------------------------------------------------------------------
-- Ninh Bình sees its own rows and the national plan.
------------------------------------------------------------------------
SET ROLE kc_test_rls_nb;
SELECT set_config('search_path', 'kc_test_rls, ' || :'ext_schema', false) IS NOT NULL AS path_set;
SELECT id, province_code, source, approved FROM fund_plan ORDER BY id;
SELECT code, province_code FROM project ORDER BY code;
-- allocates 30 tỷ of the national plan to its project
INSERT INTO allocation (plan_id, project_id, amount)
	SELECT 1, id, '30 tỷ' FROM project WHERE code = 'NB-01';
INSERT INTO allocation (plan_id, project_id, amount)
	SELECT 2, id, '2 tỷ' FROM project WHERE code = 'NB-01';
SELECT plan_id, amount FROM allocation ORDER BY plan_id;
-- what it may not do: write a row of another province (42501), or find
-- one to change (0 rows)
SELECT v.what, r.state, r.message
FROM (VALUES
	('a project in QN', $q$INSERT INTO project (code, title, year, province_code, category, source, approved_on, cost, support) VALUES ('QN-99', 'x', 2022, 'QN', 'other', 'local', '2022-03-01', 1, 0)$q$),
	('move its project to QN', $q$UPDATE project SET province_code = 'QN' WHERE code = 'NB-01'$q$),
	('a plan for QN', $q$INSERT INTO fund_plan (year, province_code, source, approved) VALUES (2023, 'QN', 'local', 1)$q$),
	('change the national plan', $q$UPDATE fund_plan SET approved = '400 tỷ' WHERE id = 1$q$),
	('allocate from QN''s own plan', $q$INSERT INTO allocation (plan_id, project_id, amount) SELECT 3, id, 1 FROM project WHERE code = 'NB-01'$q$),
	('allocate to QN''s project', $q$INSERT INTO allocation (plan_id, project_id, amount) SELECT 1, 2, 1$q$),
	('change QN''s project', $q$UPDATE project SET support = 0 WHERE province_code = 'QN'$q$),
	('delete QN''s plan', $q$DELETE FROM fund_plan WHERE province_code = 'QN'$q$),
	('delete QN''s allocations', $q$DELETE FROM allocation WHERE project_id <> 1$q$)
	) v(what, stmt), LATERAL pg_temp.kc_try(v.stmt) r;
RESET ROLE;

------------------------------------------------------------------------
-- Quảng Ninh cannot see Ninh Bình's 30 tỷ, but cannot spend it either.
------------------------------------------------------------------------
SET ROLE kc_test_rls_qn;
SELECT set_config('search_path', 'kc_test_rls, ' || :'ext_schema', false) IS NOT NULL AS path_set;
SELECT id, province_code, source, approved FROM fund_plan ORDER BY id;
SELECT count(*) AS allocations_seen, sum(amount) AS allocated_seen FROM allocation WHERE plan_id = 1;
-- what it sees: 40 tỷ free.  What is free: 10 tỷ.
INSERT INTO allocation (plan_id, project_id, amount)
	SELECT 1, id, '10 tỷ' FROM project WHERE code = 'QN-01';
\set VERBOSITY sqlstate
INSERT INTO allocation (plan_id, project_id, amount)
	SELECT 1, id, 1 FROM project WHERE code = 'QN-01';
UPDATE allocation SET amount = amount + 1 WHERE plan_id = 1;
\set VERBOSITY default
-- the error names the rule
SELECT r.state, r.message
FROM pg_temp.kc_try($q$INSERT INTO allocation (plan_id, project_id, amount)
	SELECT 1, id, '5 tỷ' FROM project WHERE code = 'QN-01'$q$) r;
-- payments: up to its own allocation (10 tỷ exactly), not under NB's
INSERT INTO payment (allocation_id, kind, amount)
	SELECT id, 'advance', '4 tỷ' FROM allocation WHERE plan_id = 1;
\set VERBOSITY sqlstate
INSERT INTO payment (allocation_id, kind, amount)
	SELECT id, 'payment', '6 tỷ' FROM allocation WHERE plan_id = 1;
INSERT INTO payment (allocation_id, kind, amount)
	SELECT id, 'payment', 1 FROM allocation WHERE plan_id = 1;
INSERT INTO payment (allocation_id, kind, amount) VALUES (1, 'advance', 1);
\set VERBOSITY default
SELECT year, province_code, planned_dong, actual_dong FROM report_by_province ORDER BY province_code;
-- the BI views show Quảng Ninh exactly the rows the tables show it
SELECT v.view, v.province_codes, v.rows, v.amount, v.same_as_table
FROM (SELECT 'fund_plan_bi' AS view,
			 (SELECT string_agg(DISTINCT province_code, ',') FROM fund_plan_bi) AS province_codes,
			 (SELECT count(*) FROM fund_plan_bi) AS rows, (SELECT sum(approved) FROM fund_plan_bi) AS amount,
			 (SELECT sum(approved) FROM fund_plan_bi) = (SELECT sum(approved)::numeric FROM fund_plan) AS same_as_table
	  UNION ALL
	  SELECT 'project_bi', (SELECT string_agg(DISTINCT province_code, ',') FROM project_bi),
			 (SELECT count(*) FROM project_bi), (SELECT sum(support) FROM project_bi),
			 (SELECT sum(support) FROM project_bi) = (SELECT sum(support)::numeric FROM project)
	  UNION ALL
	  SELECT 'allocation_bi', NULL, (SELECT count(*) FROM allocation_bi), (SELECT sum(amount) FROM allocation_bi),
			 (SELECT sum(amount) FROM allocation_bi) = (SELECT sum(amount)::numeric FROM allocation)
	  UNION ALL
	  SELECT 'payment_bi', NULL, (SELECT count(*) FROM payment_bi), (SELECT sum(amount) FROM payment_bi),
			 (SELECT sum(amount) FROM payment_bi) = (SELECT sum(amount)::numeric FROM payment)
	  UNION ALL
	  SELECT 'plan_fulfilment_bi', (SELECT string_agg(DISTINCT province_code, ',') FROM plan_fulfilment_bi),
			 (SELECT count(*) FROM plan_fulfilment_bi), (SELECT sum(actual) FROM plan_fulfilment_bi),
			 (SELECT sum(actual) FROM plan_fulfilment_bi) = (SELECT sum(actual)::numeric FROM plan_fulfilment)) v;
SELECT source, scope, planned_dong, actual_dong, fulfilment_printed FROM report_by_source ORDER BY scope DESC, source;
RESET ROLE;

------------------------------------------------------------------------
-- A member of Ninh Bình's role acts for Ninh Bình; the plan is still full.
------------------------------------------------------------------------
SET ROLE kc_test_rls_nb_clerk;
SELECT set_config('search_path', 'kc_test_rls, ' || :'ext_schema', false) IS NOT NULL AS path_set;
SELECT count(*) AS allocations_seen, sum(amount) AS allocated_seen FROM allocation;
\set VERBOSITY sqlstate
INSERT INTO allocation (plan_id, project_id, amount)
	SELECT 1, id, 1 FROM project WHERE code = 'NB-01';
\set VERBOSITY default
-- freeing 1 tỷ of its own lets QN take exactly that
UPDATE allocation SET amount = '29 tỷ' WHERE plan_id = 1;
RESET ROLE;
SET ROLE kc_test_rls_qn;
SELECT set_config('search_path', 'kc_test_rls, ' || :'ext_schema', false) IS NOT NULL AS path_set;
INSERT INTO allocation (plan_id, project_id, amount)
	SELECT 1, id, '1 tỷ' FROM project WHERE code = 'QN-01';
\set VERBOSITY sqlstate
INSERT INTO allocation (plan_id, project_id, amount)
	SELECT 1, id, 1 FROM project WHERE code = 'QN-01';
\set VERBOSITY default
RESET ROLE;

------------------------------------------------------------------------
-- A role mapped to no province sees nothing and writes nothing; the
-- ministry sees everything.
------------------------------------------------------------------------
SET ROLE kc_test_rls_nobody;
SELECT set_config('search_path', 'kc_test_rls, ' || :'ext_schema', false) IS NOT NULL AS path_set;
SELECT (SELECT count(*) FROM fund_plan) AS plans, (SELECT count(*) FROM project) AS projects,
	(SELECT count(*) FROM allocation) AS allocations, (SELECT count(*) FROM payment) AS payments;
-- (granted the BI views too, it sees through them what it sees in the tables)
SELECT (SELECT count(*) FROM fund_plan_bi) AS plans, (SELECT count(*) FROM project_bi) AS projects,
	(SELECT count(*) FROM allocation_bi) AS allocations, (SELECT count(*) FROM payment_bi) AS payments;
\set VERBOSITY sqlstate
INSERT INTO allocation (plan_id, project_id, amount) VALUES (1, 1, 1);
\set VERBOSITY default
RESET ROLE;
SET ROLE kc_test_rls_ministry;
SELECT set_config('search_path', 'kc_test_rls, ' || :'ext_schema', false) IS NOT NULL AS path_set;
SELECT f.province_code AS plan_of, p.province_code AS project_of, a.amount
FROM allocation a JOIN fund_plan f ON f.id = a.plan_id JOIN project p ON p.id = a.project_id
ORDER BY a.id;
SELECT year, source, planned_dong, actual_dong, fulfilment_pct FROM report_by_source ORDER BY source;
RESET ROLE;

------------------------------------------------------------------------
-- FORCE ROW LEVEL SECURITY: the owner itself is filtered now (it is mapped
-- to no province), yet rebuilding the kept totals still counts every row.
------------------------------------------------------------------------
SET ROLE kc_test_rls_owner;
SELECT set_config('search_path', 'kc_test_rls, ' || :'ext_schema', false) IS NOT NULL AS path_set;
ALTER TABLE fund_plan FORCE ROW LEVEL SECURITY;
ALTER TABLE project FORCE ROW LEVEL SECURITY;
ALTER TABLE allocation FORCE ROW LEVEL SECURITY;
ALTER TABLE payment FORCE ROW LEVEL SECURITY;
SELECT (SELECT count(*) FROM fund_plan) AS plans, (SELECT count(*) FROM project) AS projects,
	(SELECT count(*) FROM allocation) AS allocations, (SELECT count(*) FROM payment) AS payments;
SELECT kc_cap_rebuild('kc_test_rls_allocation_within_plan');
SELECT kc_cap_rebuild('kc_test_rls_payment_within_allocation');
RESET ROLE;
SET ROLE kc_test_rls_qn;
SELECT set_config('search_path', 'kc_test_rls, ' || :'ext_schema', false) IS NOT NULL AS path_set;
\set VERBOSITY sqlstate
INSERT INTO allocation (plan_id, project_id, amount)
	SELECT 1, id, 1 FROM project WHERE code = 'QN-01';
INSERT INTO payment (allocation_id, kind, amount)
	SELECT id, 'payment', 1 FROM allocation WHERE plan_id = 1 AND amount = '10 tỷ';
\set VERBOSITY default
RESET ROLE;
SET ROLE kc_test_rls_owner;
ALTER TABLE fund_plan NO FORCE ROW LEVEL SECURITY;
ALTER TABLE project NO FORCE ROW LEVEL SECURITY;
ALTER TABLE allocation NO FORCE ROW LEVEL SECURITY;
ALTER TABLE payment NO FORCE ROW LEVEL SECURITY;
RESET ROLE;

-- The kept totals equal the real sums of all rows; no plan is over.
SELECT f.id AS plan_id, f.province_code, f.approved,
	(SELECT t.total FROM kc_cap_total t
	 WHERE t.rule_name = 'kc_test_rls_allocation_within_plan' AND t.parent_key = ARRAY[f.id::text]) AS kept_total,
	(SELECT sum(a.amount::numeric) FROM kc_test_rls.allocation a WHERE a.plan_id = f.id) AS real_sum
FROM kc_test_rls.fund_plan f ORDER BY f.id;
SELECT a.id AS allocation_id, a.amount,
	(SELECT t.total FROM kc_cap_total t
	 WHERE t.rule_name = 'kc_test_rls_payment_within_allocation' AND t.parent_key = ARRAY[a.id::text]) AS kept_total,
	(SELECT sum(p.amount::numeric) FROM kc_test_rls.payment p WHERE p.allocation_id = a.id) AS real_sum
FROM kc_test_rls.allocation a ORDER BY a.id;

-- Clean up.
SET client_min_messages = warning;
SELECT kc_drop_cap('kc_test_rls_allocation_within_plan');
SELECT kc_drop_cap('kc_test_rls_payment_within_allocation');
DROP SCHEMA kc_test_rls CASCADE;
DROP OWNED BY kc_test_rls_nb, kc_test_rls_qn, kc_test_rls_ministry, kc_test_rls_nobody;
DROP ROLE kc_test_rls_nb_clerk, kc_test_rls_nb, kc_test_rls_qn, kc_test_rls_ministry,
	kc_test_rls_nobody, kc_test_rls_owner;
RESET client_min_messages;
SELECT count(*) AS leftover_rules FROM kc_cap_rule WHERE rule_name LIKE 'kc_test_rls%';
