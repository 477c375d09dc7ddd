-- Support caps, hardened (1.1): the check judges the row as stored, after
-- every BEFORE trigger (it fires on every UPDATE and skips rows whose
-- watched columns did not change), covers inheritance children, and the
-- update from 1.0 rebuilds the triggers 1.0 installed.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS kc_ext;
RESET client_min_messages;
SET datestyle = 'ISO, YMD';

CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE q;
	RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE || ': ' || SQLERRM;
END $$;
CREATE FUNCTION pg_temp.err_full(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	st text; msg text; det text; con text; hint text;
BEGIN
	EXECUTE q;
	RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT,
		det = PG_EXCEPTION_DETAIL, con = CONSTRAINT_NAME, hint = PG_EXCEPTION_HINT;
	RETURN st || ': ' || msg || E'\nDETAIL: ' || coalesce(det, '-')
		|| E'\nHINT: ' || coalesce(hint, '-')
		|| E'\nCONSTRAINT: ' || coalesce(con, '-');
END $$;

------------------------------------------------------------------------
-- 1. BEFORE triggers that compute a watched column.  Demonstration model
--    approved in 2020: at most 30% of the cost (Circular 28/2018).
CREATE TABLE sh_project (
	id			integer PRIMARY KEY,
	category	text,
	approved_on date,
	cost		kc_money,
	support		kc_money,
	qty			integer,
	unit_price	bigint,
	note		text
);
SELECT kc_enforce_support_cap('sh_project', 'category', NULL, NULL,
							  'approved_on', 'cost', 'support');
SELECT tgname, pg_get_triggerdef(oid) FROM pg_trigger
WHERE tgrelid = 'sh_project'::regclass ORDER BY tgname;
-- support = qty * unit_price, and a "bump" note raises support to 90% of
-- the cost.
CREATE FUNCTION sh_compute_support() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF NEW.qty IS NOT NULL THEN
		NEW.support := NEW.qty::bigint * NEW.unit_price;
	END IF;
	IF NEW.note = 'bump' THEN
		NEW.support := (NEW.cost::bigint / 10) * 9;
	END IF;
	RETURN NEW;
END $$;
CREATE TRIGGER sh_compute_support BEFORE INSERT OR UPDATE ON sh_project
	FOR EACH ROW EXECUTE FUNCTION sh_compute_support();
INSERT INTO sh_project VALUES (1, 'demonstration_model', '2020-03-01', '1 tỷ', NULL, 3, 100000000, 'ok');
INSERT INTO sh_project VALUES (2, 'demonstration_model', '2020-03-01', '1 tỷ', '200 triệu', NULL, NULL, 'ok');
-- UPDATE SET qty: the statement names no watched column.
SELECT pg_temp.err_full($$UPDATE sh_project SET qty = 9 WHERE id = 1$$);
-- UPDATE SET note: 90% against a 30% cap.
SELECT pg_temp.err($$UPDATE sh_project SET note = 'bump' WHERE id = 2$$);
-- Within the cap, the same statements pass.
UPDATE sh_project SET qty = 2 WHERE id = 1;
UPDATE sh_project SET note = 'checked' WHERE id = 2;
SELECT id, cost, support, qty, note FROM sh_project ORDER BY id;

------------------------------------------------------------------------
-- 2. An update that leaves the watched columns as they were is not
--    judged again (a rule tightened since does not block other columns).
INSERT INTO kc_project_category (code, name_vi, name_en)
	VALUES ('regress_sh', 'Kiểm thử', 'Regression test');
INSERT INTO kc_support_cap_rule (category, effective_from, max_share, legal_basis)
	VALUES ('regress_sh', '2020-01-01', 0.30, 'kiểm thử') RETURNING rule_id AS sh_rule \gset
INSERT INTO sh_project VALUES (3, 'regress_sh', '2021-01-01', '1 tỷ', '300 triệu', NULL, NULL, 'ok');
BEGIN;
UPDATE kc_support_cap_rule SET max_share = 0.10 WHERE rule_id = :sh_rule;
UPDATE sh_project SET note = 'unrelated change' WHERE id = 3;
UPDATE sh_project SET support = support WHERE id = 3;
SELECT pg_temp.err($$UPDATE sh_project SET support = 300000001 WHERE id = 3$$);
SELECT pg_temp.err($$UPDATE sh_project SET cost = '1.000.000.001' WHERE id = 3$$);
SELECT pg_temp.err($$UPDATE sh_project SET approved_on = '2021-01-02' WHERE id = 3$$);
ROLLBACK;

------------------------------------------------------------------------
-- 3. Plain table inheritance: children present when the check is
--    installed get it too; a child added later makes UPDATE through the
--    parent fail until the check is installed again.
CREATE TABLE sh_parent (id integer, category text, approved_on date,
						cost kc_money, support kc_money);
CREATE TABLE sh_child () INHERITS (sh_parent);
SELECT kc_enforce_support_cap('sh_parent', 'category', NULL, NULL,
							  'approved_on', 'cost', 'support');
SELECT tgrelid::regclass AS tbl, tgname, pg_get_triggerdef(oid) FROM pg_trigger
WHERE tgrelid IN ('sh_parent'::regclass, 'sh_child'::regclass) ORDER BY tgrelid, tgname;
INSERT INTO sh_child VALUES (1, 'demonstration_model', '2020-03-01', '1 tỷ', '300 triệu');
SELECT pg_temp.err($$UPDATE sh_parent SET support = '900 triệu' WHERE id = 1$$);
SELECT pg_temp.err($$INSERT INTO sh_child VALUES (2, 'demonstration_model', '2020-03-01', '1 tỷ', '900 triệu')$$);
CREATE TABLE sh_late () INHERITS (sh_parent);
INSERT INTO sh_late VALUES (3, 'demonstration_model', '2020-03-01', '1 tỷ', '300 triệu');
SELECT pg_temp.err_full($$UPDATE sh_parent SET support = '900 triệu' WHERE id = 3$$);
SELECT kc_enforce_support_cap('sh_parent', 'category', NULL, NULL,
							  'approved_on', 'cost', 'support');
SELECT pg_temp.err($$UPDATE sh_parent SET support = '900 triệu' WHERE id = 3$$);
UPDATE sh_parent SET support = '250 triệu' WHERE id = 3;
SELECT tableoid::regclass AS stored_in, id, support FROM sh_parent ORDER BY id;

------------------------------------------------------------------------
-- 4. The update from 1.0 rebuilds the support-cap triggers 1.0 installed
--    (same name, arguments, enabled state; partitioned tables through
--    their parent) and adds the inheritance guards.  In a database of its
--    own.
\set regress_db :DBNAME
CREATE DATABASE regress_kc_sh_upgrade TEMPLATE template0;
\c regress_kc_sh_upgrade
SET client_min_messages = warning;
CREATE EXTENSION kc_ext VERSION '1.0';
RESET client_min_messages;
CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE q;
	RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE || ': ' || SQLERRM;
END $$;
CREATE TABLE up_project (id integer PRIMARY KEY, category text, source kc_source,
						 province text, approved_on date, cost kc_money,
						 support kc_money, qty integer, unit_price bigint);
SELECT kc_enforce_support_cap('up_project', 'category', 'source', 'province',
							  'approved_on', 'cost', 'support');
CREATE FUNCTION up_compute() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	NEW.support := NEW.qty::bigint * NEW.unit_price;
	RETURN NEW;
END $$;
CREATE TRIGGER up_compute BEFORE INSERT OR UPDATE ON up_project
	FOR EACH ROW EXECUTE FUNCTION up_compute();
CREATE TABLE up_off (id integer, category text, approved_on date, cost kc_money, support kc_money);
SELECT kc_enforce_support_cap('up_off', 'category', NULL, NULL, 'approved_on', 'cost', 'support');
ALTER TABLE up_off DISABLE TRIGGER kc_support_cap;
CREATE TABLE up_part (id integer, category text, approved_on date, cost kc_money, support kc_money)
	PARTITION BY RANGE (approved_on);
CREATE TABLE up_part_2020 PARTITION OF up_part FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');
SELECT kc_enforce_support_cap('up_part', 'category', NULL, NULL, 'approved_on', 'cost', 'support');
CREATE TABLE up_pay (id integer, fiscal_year integer);
SELECT kc_enforce_year_lock('up_pay', 'fiscal_year');
INSERT INTO up_project VALUES (1, 'demonstration_model', 'national', 'HN', '2020-03-01', '1 tỷ', NULL, 3, 100000000);
ALTER EXTENSION kc_ext UPDATE;
SELECT e.extversion = a.default_version AS at_default_version
  FROM pg_extension e JOIN pg_available_extensions a ON a.name = e.extname
 WHERE e.extname = 'kc_ext';
SELECT tgrelid::regclass AS tbl, tgname, tgenabled, tgparentid <> 0 AS cloned,
	   pg_get_triggerdef(oid) FROM pg_trigger
WHERE tgrelid IN ('up_project'::regclass, 'up_off'::regclass, 'up_part'::regclass,
				  'up_part_2020'::regclass, 'up_pay'::regclass)
  AND tgname LIKE 'kc\_%'
ORDER BY tgrelid, tgname;
SELECT pg_temp.err($$UPDATE up_project SET qty = 9 WHERE id = 1$$);
SELECT pg_temp.err($$INSERT INTO up_part VALUES (1, 'demonstration_model', '2020-03-01', '1 tỷ', '900 triệu')$$);
INSERT INTO up_off VALUES (1, 'demonstration_model', '2020-03-01', '1 tỷ', '900 triệu');
\c :regress_db
DROP DATABASE regress_kc_sh_upgrade;

------------------------------------------------------------------------
-- Clean up.
DROP TABLE sh_project, sh_parent, sh_child, sh_late;
DROP FUNCTION sh_compute_support();
DELETE FROM kc_support_cap_rule WHERE category = 'regress_sh';
DELETE FROM kc_project_category WHERE code = 'regress_sh';
