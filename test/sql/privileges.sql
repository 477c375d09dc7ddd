-- Least privilege.
--  1. The audit: every kc_ext function that runs with other rights or a
--     pinned search_path, and what PUBLIC may do with the extension's
--     tables and sequences.
--  2. A role that owns nothing cannot change caps, rules or closed years,
--     directly or through any kc_ext function (42501).
--  3. A hostile role with objects in a schema ahead of the extension's on
--     search_path (sum(kc_money), + and = on kc_money, = on integer and
--     text, comparisons, floor, tables named like a rule's parent and like
--     the extension's tables) changes nothing the extension's triggers,
--     rules and functions do; nor can it borrow the cap triggers for tables
--     of its own to move another owner's kept totals.
-- Roles are cluster-wide: every name starts with kc_test_priv_, and they
-- are dropped at the start (if an interrupted run left them) and the end.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS kc_ext;
RESET client_min_messages;

SELECT extnamespace::regnamespace AS ext_schema FROM pg_extension WHERE extname = 'kc_ext' \gset
SELECT current_user AS admin \gset

-- (what an interrupted run may have left: its rule, closed years, roles)
SET client_min_messages = warning;
DROP TABLE IF EXISTS public.kc_test_plan;
DO $$
DECLARE
	r text;
BEGIN
	PERFORM kc_drop_cap(rule_name) FROM kc_cap_rule WHERE rule_name LIKE 'kc_test_priv%';
	PERFORM kc_reopen_year(year, 'kc_test_priv: left over by an interrupted run')
		FROM kc_closed_year WHERE year IN (1901, 1905);
	FOREACH r IN ARRAY ARRAY['kc_test_priv_owner', 'kc_test_priv_nobody', 'kc_test_priv_hostile'] LOOP
		IF EXISTS (SELECT FROM pg_roles WHERE rolname = r) THEN
			EXECUTE format('DROP OWNED BY %I CASCADE', r);
			EXECUTE format('DROP ROLE %I', r);
		END IF;
	END LOOP;
END $$;
RESET client_min_messages;

------------------------------------------------------------------------
-- 1. The audit
------------------------------------------------------------------------

-- kc_ext's functions that are SECURITY DEFINER, each with its settings.
-- None are: the C functions that must write as the extension's owner
-- (kc_close_year, kc_reopen_year, the cap triggers' kept totals) switch
-- user themselves, after checking the caller, with search_path pinned.
SELECT p.oid::regprocedure AS security_definer_function, p.proconfig
FROM pg_proc p
JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
	AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'kc_ext')
WHERE p.prosecdef
ORDER BY 1::text;

-- Every function written in SQL or PL/pgSQL, with its pinned search_path.
-- Those without one are inlinable one-liners that qualify everything
-- (OPERATOR(pg_catalog.*)), checked below: the six integer * and / numeric
-- of 1.0 and the 36 integer-numeric comparisons of 1.1.  (Ordered by the
-- function's name: "1::text" ordered by a constant, i.e. not at all.)
SELECT p.oid::regprocedure AS function, l.lanname AS language,
	p.proconfig AS settings
FROM pg_proc p
JOIN pg_language l ON l.oid = p.prolang
JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
	AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'kc_ext')
WHERE l.lanname NOT IN ('c', 'internal')
ORDER BY p.proconfig IS NULL, p.oid::regprocedure::text COLLATE "C";
SELECT p.oid::regprocedure AS unpinned_function_with_unqualified_operator
FROM pg_proc p
JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
	AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'kc_ext')
WHERE p.prolang IN (SELECT oid FROM pg_language WHERE lanname IN ('sql', 'plpgsql'))
	AND p.proconfig IS NULL
	AND p.prosrc !~ '^SELECT \$1::pg_catalog\.numeric OPERATOR\(pg_catalog\.([*/]|[<>=]|<>|<=|>=)\) \$2$'
	AND p.prosrc !~ '^SELECT \$1 OPERATOR\(pg_catalog\.([<>=]|<>|<=|>=)\) \$2::pg_catalog\.numeric$';

-- What PUBLIC may do with the extension's tables, views and sequences:
-- read, nothing else.
SELECT c.relname, c.relkind,
	coalesce((SELECT string_agg(a.privilege_type, ', ' ORDER BY a.privilege_type)
			  FROM aclexplode(c.relacl) a WHERE a.grantee = 0), '(none)') AS public_privileges
FROM pg_class c
JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e'
	AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'kc_ext')
ORDER BY c.relname;

------------------------------------------------------------------------
-- Set-up: an owner with rules on its tables, a role that owns nothing but
-- may write rows, a hostile role with a schema of its own.
------------------------------------------------------------------------
CREATE ROLE kc_test_priv_owner NOLOGIN;
CREATE ROLE kc_test_priv_nobody NOLOGIN;
CREATE ROLE kc_test_priv_hostile NOLOGIN;
CREATE SCHEMA kc_test_priv AUTHORIZATION kc_test_priv_owner;
CREATE SCHEMA kc_test_evil AUTHORIZATION kc_test_priv_hostile;

SET ROLE kc_test_priv_owner;
CREATE TABLE kc_test_priv.kc_test_plan (id int PRIMARY KEY, approved kc_money NOT NULL);
CREATE TABLE kc_test_priv.kc_test_alloc (id int PRIMARY KEY,
	plan_id int NOT NULL REFERENCES kc_test_priv.kc_test_plan, amount kc_money NOT NULL,
	year int NOT NULL);
CREATE TABLE kc_test_priv.kc_test_project (id int PRIMARY KEY, category text, source kc_source,
	province text, approved_on date, cost kc_money, support kc_money, year int NOT NULL);
SELECT kc_enforce_cap('kc_test_priv_cap', 'kc_test_priv.kc_test_alloc', '{plan_id}', 'amount',
	'kc_test_priv.kc_test_plan', '{id}', 'approved');
SELECT kc_enforce_support_cap('kc_test_priv.kc_test_project', 'category', 'source', 'province',
	'approved_on', 'cost', 'support');
SELECT kc_enforce_year_lock('kc_test_priv.kc_test_alloc', 'year');
SELECT kc_enforce_year_lock('kc_test_priv.kc_test_project', 'year');
INSERT INTO kc_test_priv.kc_test_plan VALUES (1, '100 triệu'), (2, '50 triệu');
INSERT INTO kc_test_priv.kc_test_alloc VALUES (1, 1, '60 triệu', 2024), (2, 2, '10 triệu', 1901);
GRANT USAGE ON SCHEMA kc_test_priv TO kc_test_priv_nobody, kc_test_priv_hostile;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA kc_test_priv
	TO kc_test_priv_nobody, kc_test_priv_hostile;
RESET ROLE;
-- 1901 is closed (by the administrator).
SELECT kc_close_year(1901, 'kc_test_priv: settled');

------------------------------------------------------------------------
-- 2. The role that owns nothing: every attempt fails with 42501.
------------------------------------------------------------------------
CREATE FUNCTION pg_temp.kc_try(q text, OUT state text, OUT message text)
LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE q;
	state := '00000';
	message := 'no error';
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, message = MESSAGE_TEXT;
END $$;
CREATE TEMP TABLE priv_attempt (id serial PRIMARY KEY, what text NOT NULL, stmt text NOT NULL);
GRANT SELECT ON priv_attempt TO PUBLIC;
INSERT INTO priv_attempt (what, stmt) VALUES
	-- cap rules and their kept totals
	('cap rule: insert', $q$INSERT INTO kc_cap_rule VALUES ('kc_test_priv_x', 'kc_test_priv.kc_test_alloc', '{plan_id}', 'amount', 'kc_test_priv.kc_test_plan', '{id}', 'approved')$q$),
	('cap rule: update', $q$UPDATE kc_cap_rule SET limit_column = 'id'$q$),
	('cap rule: delete', $q$DELETE FROM kc_cap_rule$q$),
	('cap rule: truncate', $q$TRUNCATE kc_cap_rule$q$),
	('cap rule: disable its triggers', $q$ALTER TABLE kc_cap_rule DISABLE TRIGGER ALL$q$),
	('kept total: insert', $q$INSERT INTO kc_cap_total VALUES ('kc_test_priv_cap', '{3}', -1000)$q$),
	('kept total: update', $q$UPDATE kc_cap_total SET total = 0$q$),
	('kept total: delete', $q$DELETE FROM kc_cap_total$q$),
	('kc_enforce_cap on tables it does not own', $q$SELECT kc_enforce_cap('kc_test_priv_cap2', 'kc_test_priv.kc_test_alloc', '{plan_id}', 'amount', 'kc_test_priv.kc_test_plan', '{id}', 'approved')$q$),
	('kc_enforce_cap redeclaring the owner''s rule', $q$SELECT kc_enforce_cap('kc_test_priv_cap', 'kc_test_priv.kc_test_alloc', '{plan_id}', 'amount', 'kc_test_priv.kc_test_plan', '{id}', 'approved')$q$),
	('kc_drop_cap of the owner''s rule', $q$SELECT kc_drop_cap('kc_test_priv_cap')$q$),
	('kc_cap_rebuild of the owner''s rule', $q$SELECT kc_cap_rebuild('kc_test_priv_cap')$q$),
	('kc_drop_rule of the owner''s cap rule', $q$SELECT kc_drop_rule('kc_test_priv_cap')$q$),
	('disable the cap triggers', $q$ALTER TABLE kc_test_priv.kc_test_alloc DISABLE TRIGGER ALL$q$),
	('drop a cap trigger', $q$DROP TRIGGER kc_year_lock ON kc_test_priv.kc_test_alloc$q$),
	('add a cap trigger to the owner''s table', $q$CREATE TRIGGER kc_test_priv_t AFTER INSERT ON kc_test_priv.kc_test_alloc FOR EACH ROW EXECUTE FUNCTION kc_cap_child_row('kc_test_priv_cap')$q$),
	('skip all triggers (replica role)', $q$SET session_replication_role = replica$q$),
	-- support caps and categories
	('support cap rule: raise a shipped cap', $q$UPDATE kc_support_cap_rule SET max_amount = 999999999999$q$),
	('support cap rule: insert', $q$INSERT INTO kc_support_cap_rule (category, effective_from, max_amount, legal_basis) VALUES ('demonstration_model', '2000-01-01', 1, 'x')$q$),
	('support cap rule: delete', $q$DELETE FROM kc_support_cap_rule WHERE NOT shipped$q$),
	('support cap rule: truncate', $q$TRUNCATE kc_support_cap_rule CASCADE$q$),
	('support cap rule id sequence', $q$SELECT setval('kc_support_cap_rule_id_seq', 5)$q$),
	('project category: update', $q$UPDATE kc_project_category SET name_en = 'x'$q$),
	('project category: insert', $q$INSERT INTO kc_project_category (code, name_vi, name_en) VALUES ('kc_test_priv', 'x', 'x')$q$),
	('project category: delete', $q$DELETE FROM kc_project_category WHERE NOT shipped$q$),
	('kc_enforce_support_cap on a table it does not own', $q$SELECT kc_enforce_support_cap('kc_test_priv.kc_test_project', 'category', NULL, NULL, 'approved_on', 'cost', 'support')$q$),
	-- closed years and their log
	('kc_close_year', $q$SELECT kc_close_year(1902, 'kc_test_priv')$q$),
	('kc_reopen_year', $q$SELECT kc_reopen_year(1901, 'kc_test_priv')$q$),
	('closed year: insert', $q$INSERT INTO kc_closed_year VALUES (1903, now(), 'x', 'x')$q$),
	('closed year: update', $q$UPDATE kc_closed_year SET year = 1904 WHERE year = 1901$q$),
	('closed year: delete', $q$DELETE FROM kc_closed_year WHERE year = 1901$q$),
	('closed year: truncate', $q$TRUNCATE kc_closed_year$q$),
	('year-lock log: insert', $q$INSERT INTO kc_year_lock_log (year, action, acting_role, session_role, logged_at, reason) VALUES (1901, 'reopen', 'x', 'x', now(), 'x')$q$),
	('year-lock log: update', $q$UPDATE kc_year_lock_log SET reason = 'x'$q$),
	('year-lock log: delete', $q$DELETE FROM kc_year_lock_log$q$),
	('year-lock log: truncate', $q$TRUNCATE kc_year_lock_log$q$),
	('year-lock log sequence', $q$SELECT nextval('kc_year_lock_log_entry_seq')$q$),
	('kc_enforce_year_lock on a table it does not own', $q$SELECT kc_enforce_year_lock('kc_test_priv.kc_test_alloc', 'id')$q$),
	('drop the year lock trigger', $q$DROP TRIGGER kc_year_lock ON kc_test_priv.kc_test_project$q$),
	('kc_drop_rule of the owner''s year lock', $q$SELECT kc_drop_rule('year_lock:kc_test_priv.kc_test_project')$q$),
	('kc_drop_rule of the owner''s support cap', $q$SELECT kc_drop_rule('support_cap:kc_test_priv.kc_test_project')$q$),
	-- the extension itself
	('drop the extension', $q$DROP EXTENSION kc_ext$q$),
	('update the extension', $q$ALTER EXTENSION kc_ext UPDATE$q$),
	('replace an extension function', $q$CREATE OR REPLACE FUNCTION kc_source_label(source kc_source, lang text DEFAULT 'vi') RETURNS text LANGUAGE sql AS 'SELECT ''x'''$q$);

SET ROLE kc_test_priv_nobody;
SELECT a.id, a.what, r.state, CASE WHEN r.state = '42501' THEN 'ok' ELSE 'MISMATCH' END AS verdict,
	r.message
FROM priv_attempt a, LATERAL pg_temp.kc_try(a.stmt) r
ORDER BY a.id;
-- Writing rows is what it may do, within the rules (errors without their
-- details: the year lock's names the administrator who closed the year).
INSERT INTO kc_test_priv.kc_test_alloc VALUES (3, 1, '40 triệu', 2024);
\set VERBOSITY terse
INSERT INTO kc_test_priv.kc_test_alloc VALUES (4, 1, 1, 2024);
INSERT INTO kc_test_priv.kc_test_alloc VALUES (5, 2, 1, 1901);
\set VERBOSITY default
RESET ROLE;
-- Nothing changed.
SELECT rule_name, parent_key, total FROM kc_cap_total WHERE rule_name LIKE 'kc_test_priv%'
ORDER BY parent_key;
SELECT year, reason FROM kc_closed_year WHERE year BETWEEN 1901 AND 1904;
SELECT count(*) AS rules_named_kc_test_priv_x FROM kc_cap_rule WHERE rule_name <> 'kc_test_priv_cap' AND rule_name LIKE 'kc_test_priv%';
SELECT max_amount FROM kc_support_cap_rule WHERE rule_id = 3;
SELECT count(*) AS categories_named_kc_test_priv FROM kc_project_category WHERE code = 'kc_test_priv';
SELECT tgname, tgenabled FROM pg_trigger
WHERE tgrelid IN ('kc_test_priv.kc_test_alloc'::regclass, 'kc_test_priv.kc_test_project'::regclass)
	AND NOT tgisinternal ORDER BY tgrelid::regclass::text, tgname;

------------------------------------------------------------------------
-- 3. The hostile role.
------------------------------------------------------------------------
SET ROLE kc_test_priv_hostile;
-- (a) The cap triggers on tables of its own, naming the owner's rule: they
--     must not move the owner's kept totals (a negative "allocation" would
--     free headroom under the owner's plan).
CREATE TABLE kc_test_evil.fake_alloc (plan_id int, amount kc_money);
INSERT INTO kc_test_evil.fake_alloc VALUES (1, 0);
CREATE TRIGGER fake_cap AFTER INSERT OR UPDATE OR DELETE ON kc_test_evil.fake_alloc
	FOR EACH ROW EXECUTE FUNCTION kc_cap_child_row('kc_test_priv_cap');
CREATE TRIGGER fake_cap_truncate AFTER TRUNCATE ON kc_test_evil.fake_alloc
	FOR EACH STATEMENT EXECUTE FUNCTION kc_cap_child_truncate('kc_test_priv_cap');
CREATE TABLE kc_test_evil.fake_plan (id int, approved kc_money);
INSERT INTO kc_test_evil.fake_plan VALUES (1, 0);
CREATE TRIGGER fake_cap_parent AFTER INSERT OR UPDATE OR DELETE ON kc_test_evil.fake_plan
	FOR EACH ROW EXECUTE FUNCTION kc_cap_parent_row('kc_test_priv_cap');
INSERT INTO kc_test_evil.fake_alloc VALUES (1, '-1000 triệu');
\set VERBOSITY sqlstate
UPDATE kc_test_evil.fake_alloc SET amount = '-1000 triệu';
DELETE FROM kc_test_evil.fake_alloc;
TRUNCATE kc_test_evil.fake_alloc;
INSERT INTO kc_test_evil.fake_plan VALUES (2, 0);
UPDATE kc_test_evil.fake_plan SET approved = '1 tỷ';
DELETE FROM kc_test_evil.fake_plan;
\set VERBOSITY default
RESET ROLE;
SELECT rule_name, parent_key, total FROM kc_cap_total WHERE rule_name LIKE 'kc_test_priv%'
ORDER BY parent_key;
-- so the full plan 1 is still full
SET ROLE kc_test_priv_nobody;
\set VERBOSITY sqlstate
INSERT INTO kc_test_priv.kc_test_alloc VALUES (6, 1, '500 triệu', 2024);
\set VERBOSITY default
RESET ROLE;

-- (b) Objects ahead of the extension's schema.  Each hostile function
--     raises a WARNING when called, so any call shows in the output.
SET ROLE kc_test_priv_hostile;
CREATE FUNCTION kc_test_evil.hostile_money_pl(a kc_money, b kc_money) RETURNS kc_money
LANGUAGE plpgsql AS $$ BEGIN RAISE WARNING 'hostile + called'; RETURN 0; END $$;
CREATE OPERATOR kc_test_evil.+ (LEFTARG = kc_money, RIGHTARG = kc_money,
	FUNCTION = kc_test_evil.hostile_money_pl);
CREATE FUNCTION kc_test_evil.hostile_money_eq(a kc_money, b kc_money) RETURNS boolean
LANGUAGE plpgsql AS $$ BEGIN RAISE WARNING 'hostile = on kc_money called'; RETURN true; END $$;
CREATE OPERATOR kc_test_evil.= (LEFTARG = kc_money, RIGHTARG = kc_money,
	FUNCTION = kc_test_evil.hostile_money_eq);
CREATE FUNCTION kc_test_evil.hostile_int_eq(a int, b int) RETURNS boolean
LANGUAGE plpgsql AS $$ BEGIN RAISE WARNING 'hostile = on integer called'; RETURN true; END $$;
CREATE OPERATOR kc_test_evil.= (LEFTARG = int, RIGHTARG = int,
	FUNCTION = kc_test_evil.hostile_int_eq);
CREATE FUNCTION kc_test_evil.hostile_text_eq(a text, b text) RETURNS boolean
LANGUAGE plpgsql AS $$ BEGIN RAISE WARNING 'hostile = on text called'; RETURN true; END $$;
CREATE OPERATOR kc_test_evil.= (LEFTARG = text, RIGHTARG = text,
	FUNCTION = kc_test_evil.hostile_text_eq);
CREATE FUNCTION kc_test_evil.hostile_sum_accum(s kc_money, v kc_money) RETURNS kc_money
LANGUAGE plpgsql AS $$ BEGIN RAISE WARNING 'hostile sum called'; RETURN 0; END $$;
CREATE AGGREGATE kc_test_evil.sum(kc_money) (SFUNC = kc_test_evil.hostile_sum_accum,
	STYPE = kc_money, INITCOND = '0');
CREATE FUNCTION kc_test_evil.hostile_numeric_sum(s numeric, v numeric) RETURNS numeric
LANGUAGE plpgsql AS $$ BEGIN RAISE WARNING 'hostile sum(numeric) called'; RETURN 0; END $$;
CREATE AGGREGATE kc_test_evil.sum(numeric) (SFUNC = kc_test_evil.hostile_numeric_sum,
	STYPE = numeric, INITCOND = '0');
CREATE FUNCTION kc_test_evil.hostile_date_cmp(a date, b date) RETURNS boolean
LANGUAGE plpgsql AS $$ BEGIN RAISE WARNING 'hostile comparison on date called'; RETURN true; END $$;
CREATE OPERATOR kc_test_evil.<= (LEFTARG = date, RIGHTARG = date, FUNCTION = kc_test_evil.hostile_date_cmp);
CREATE OPERATOR kc_test_evil.>= (LEFTARG = date, RIGHTARG = date, FUNCTION = kc_test_evil.hostile_date_cmp);
CREATE FUNCTION kc_test_evil.hostile_bigint_gt(a bigint, b bigint) RETURNS boolean
LANGUAGE plpgsql AS $$ BEGIN RAISE WARNING 'hostile > on bigint called'; RETURN false; END $$;
CREATE OPERATOR kc_test_evil.> (LEFTARG = bigint, RIGHTARG = bigint, FUNCTION = kc_test_evil.hostile_bigint_gt);
CREATE FUNCTION kc_test_evil.floor(numeric) RETURNS numeric
LANGUAGE plpgsql AS $$ BEGIN RAISE WARNING 'hostile floor called'; RETURN 1e30; END $$;
-- tables named like the rule's parent and the extension's tables
CREATE TABLE kc_test_evil.kc_test_plan (id int, approved kc_money);
INSERT INTO kc_test_evil.kc_test_plan VALUES (1, '1000000 tỷ'), (2, '1000000 tỷ');
CREATE TABLE kc_test_evil.kc_cap_total (rule_name text, parent_key text[], total numeric);
CREATE TABLE kc_test_evil.kc_closed_year (year int);
CREATE TABLE kc_test_evil.kc_support_cap_rule (LIKE kc_support_cap_rule);
RESET ROLE;
-- and in public, given to the hostile role
CREATE TABLE public.kc_test_plan (id int, approved kc_money);
ALTER TABLE public.kc_test_plan OWNER TO kc_test_priv_hostile;

-- A fresh session (no plans cached from before), as the hostile role with
-- its schema first, even ahead of pg_catalog.
\c
SET ROLE kc_test_priv_hostile;
SELECT set_config('search_path', 'kc_test_evil, pg_catalog, ' || :'ext_schema', false) IS NOT NULL AS path_set;
SELECT 1 = 2 AS hostile_int_eq_in_effect;
\set VERBOSITY sqlstate
-- the cap, exactly: plan 2 holds 10 triệu of 50; 40 triệu fits, 1 đồng more does not
INSERT INTO kc_test_priv.kc_test_alloc VALUES (10, 2, '39 triệu', 2025), (11, 2, '1 triệu', 2025);
INSERT INTO kc_test_priv.kc_test_alloc VALUES (12, 2, 1, 2025);
UPDATE kc_test_priv.kc_test_alloc SET amount = amount OPERATOR(:ext_schema.+) 1 WHERE id OPERATOR(pg_catalog.=) 11;
UPDATE kc_test_priv.kc_test_alloc SET plan_id = 2 WHERE id OPERATOR(pg_catalog.=) 3;
-- lowering the limit below the total fails too (as the owner)
RESET ROLE;
SET ROLE kc_test_priv_owner;
SELECT set_config('search_path', 'kc_test_evil, pg_catalog, ' || :'ext_schema', false) IS NOT NULL AS path_set;
UPDATE kc_test_priv.kc_test_plan SET approved = '49 triệu' WHERE id OPERATOR(pg_catalog.=) 2;
RESET ROLE;
SET ROLE kc_test_priv_hostile;
SELECT set_config('search_path', 'kc_test_evil, pg_catalog, ' || :'ext_schema', false) IS NOT NULL AS path_set;
-- the support cap, exactly: machinery transfer from 2018: 50% of the cost, at most 300 triệu
INSERT INTO kc_test_priv.kc_test_project VALUES
	(1, 'machinery_transfer', 'national', 'NB', '2022-03-01', '400 triệu', '200 triệu', 2022),
	(2, 'machinery_transfer', 'national', 'NB', '2022-03-01', '1000 triệu', '300 triệu', 2022);
INSERT INTO kc_test_priv.kc_test_project VALUES
	(3, 'machinery_transfer', 'national', 'NB', '2022-03-01', '400 triệu', 200000001, 2022);
INSERT INTO kc_test_priv.kc_test_project VALUES
	(4, 'machinery_transfer', 'national', 'NB', '2022-03-01', '1000 triệu', 300000001, 2022);
-- the year lock: 1901 is closed
INSERT INTO kc_test_priv.kc_test_alloc VALUES (13, 1, 0, 1901);
UPDATE kc_test_priv.kc_test_alloc SET amount = 0 WHERE id OPERATOR(pg_catalog.=) 2;
DELETE FROM kc_test_priv.kc_test_alloc WHERE year OPERATOR(pg_catalog.=) 1901;
\set VERBOSITY default
-- the extension's functions under this path
SELECT kc_format('8,198 tỷ', 'tỷ') AS formatted, kc_pct('323 tỷ'::kc_money, '345,5 tỷ'::kc_money, 2, 'trunc') AS pct;
SELECT row_ctid, category, cost, support, rule_id, cap
FROM kc_support_cap_violations('kc_test_priv.kc_test_project');
SELECT tbl, year_column FROM kc_year_locked_tables() WHERE tbl::text LIKE 'kc_test_priv.%';
SELECT rule_name, keys_with_total, total FROM kc_caps WHERE rule_name LIKE 'kc_test_priv%';
RESET ROLE;
-- the administrator, tricked into this search_path, closes and reopens a year
SELECT set_config('search_path', 'kc_test_evil, pg_catalog, ' || :'ext_schema', false) IS NOT NULL AS path_set;
SELECT kc_close_year(1905, 'kc_test_priv: closed under a hostile search_path');
SELECT kc_reopen_year(1905, 'kc_test_priv: reopened under a hostile search_path');
RESET search_path;

-- What the triggers kept equals what the tables hold; nothing else moved.
SELECT t.parent_key, t.total,
	(SELECT pg_catalog.sum(a.amount::numeric) FROM kc_test_priv.kc_test_alloc a
	 WHERE a.plan_id = t.parent_key[1]::int) AS real_sum
FROM kc_cap_total t WHERE t.rule_name = 'kc_test_priv_cap' ORDER BY t.parent_key;
SELECT id, plan_id, amount, year FROM kc_test_priv.kc_test_alloc ORDER BY id;
SELECT id, support FROM kc_test_priv.kc_test_project ORDER BY id;
SELECT year FROM kc_closed_year WHERE year BETWEEN 1901 AND 1905 ORDER BY year;
SELECT count(*) AS hostile_rows FROM kc_test_evil.kc_cap_total;

-- Clean up: reopen 1901, drop the rule, the schemas and the roles.
SET client_min_messages = warning;
SELECT kc_reopen_year(1901, 'kc_test_priv: done');
SELECT kc_drop_cap('kc_test_priv_cap');
DROP TABLE public.kc_test_plan;
DROP SCHEMA kc_test_priv CASCADE;
DROP SCHEMA kc_test_evil CASCADE;
DROP ROLE kc_test_priv_owner, kc_test_priv_nobody, kc_test_priv_hostile;
RESET client_min_messages;
SELECT count(*) AS leftover_rules FROM kc_cap_rule WHERE rule_name LIKE 'kc_test_priv%';
