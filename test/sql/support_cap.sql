-- Support caps by project category: shipped rules, the row check at its
-- boundaries, province and source overrides, overlaps, hostile rule values,
-- the report of stored violations and privileges.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS kc_ext;
RESET client_min_messages;
SET datestyle = 'ISO, YMD';

-- err(q): SQLSTATE and message of q; err_full(q) also detail and constraint.
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

-- The twelve categories and the shipped national rules.
SELECT code, name_vi, name_en FROM kc_project_category ORDER BY code;
SELECT rule_id, category, source, province, effective_from, effective_to,
	   max_share, max_amount, shipped, edited,
	   substr(legal_basis, 1, 60) AS legal_basis_starts
FROM kc_support_cap_rule ORDER BY rule_id;

CREATE TABLE cap_project (
	id			integer PRIMARY KEY,
	category	text,
	source		kc_source,
	province	text,
	approved_on date,
	cost		kc_money,
	support		kc_money,
	note		text
);
SELECT kc_enforce_support_cap('cap_project', 'category', 'source', 'province',
							  'approved_on', 'cost', 'support');
SELECT tgname, tgenabled, pg_get_triggerdef(oid) FROM pg_trigger
WHERE tgrelid = 'cap_project'::regclass;

-- Demonstration model, Circular 28/2018: 30% of the cost and 1.000 triệu.
-- First day of the rule, exactly at the share cap, then one đồng over.
INSERT INTO cap_project VALUES (1, 'demonstration_model', 'national', 'HN', '2018-05-12', '1.000 triệu', '300 triệu');
SELECT pg_temp.err_full($$INSERT INTO cap_project VALUES (2, 'demonstration_model', 'national', 'HN', '2018-05-12', '1.000 triệu', 300000001)$$);
-- The share is compared exactly: 30% of 1.000.000.001 is 300.000.000,3,
-- so 300.000.000 passes and 300.000.001 does not.
INSERT INTO cap_project VALUES (2, 'demonstration_model', 'national', 'HN', '2020-01-01', 1000000001, 300000000);
SELECT pg_temp.err($$INSERT INTO cap_project VALUES (3, 'demonstration_model', 'national', 'HN', '2020-01-01', 1000000001, 300000001)$$);
-- The amount cap binds when 30% of the cost is more than 1.000 triệu.
INSERT INTO cap_project VALUES (3, 'demonstration_model', 'local', 'HN', '2025-12-31', '10 tỷ', '1 tỷ');
SELECT pg_temp.err_full($$INSERT INTO cap_project VALUES (4, 'demonstration_model', 'local', 'HN', '2025-12-31', '10 tỷ', 1000000001)$$);
-- Last day of the 26/2014 rule (500 triệu, no share): at the cap, one over.
INSERT INTO cap_project VALUES (4, 'demonstration_model', 'national', 'HN', '2018-05-11', '500 triệu', '500 triệu');
SELECT pg_temp.err($$INSERT INTO cap_project VALUES (5, 'demonstration_model', 'national', 'HN', '2018-05-11', '500 triệu', 500000001)$$);
-- Machinery (50%, 300 triệu), technology line (50%, 450 triệu), new rural
-- business (10 triệu, no share): at each cap, then one đồng over.
INSERT INTO cap_project VALUES (5, 'machinery_transfer', 'national', 'HN', '2019-03-01', '600 triệu', '300 triệu');
SELECT pg_temp.err($$INSERT INTO cap_project VALUES (6, 'machinery_transfer', 'national', 'HN', '2019-03-01', '700 triệu', 300000001)$$);
SELECT pg_temp.err($$INSERT INTO cap_project VALUES (6, 'machinery_transfer', 'national', 'HN', '2019-03-01', 500000001, 250000001)$$);
INSERT INTO cap_project VALUES (6, 'technology_line', 'national', 'HN', '2019-03-01', '900 triệu', '450 triệu');
SELECT pg_temp.err($$INSERT INTO cap_project VALUES (7, 'technology_line', 'national', 'HN', '2019-03-01', '2 tỷ', 450000001)$$);
INSERT INTO cap_project VALUES (7, 'rural_business', 'local', 'NB', '2022-07-01', '15 triệu', '10 triệu');
SELECT pg_temp.err($$INSERT INTO cap_project VALUES (8, 'rural_business', 'local', 'NB', '2022-07-01', '15 triệu', 10000001)$$);

-- No rule, no cap: a category without rules, a day before the first rule,
-- a category the rules do not know, missing approval date or support.
INSERT INTO cap_project VALUES (8, 'trade_fair', 'national', 'HN', '2022-01-01', '1 tỷ', '1 tỷ');
INSERT INTO cap_project VALUES (9, 'demonstration_model', 'national', 'HN', '2014-04-03', '1 tỷ', '1 tỷ');
INSERT INTO cap_project VALUES (10, 'no_such_category', 'national', 'HN', '2022-01-01', '1 tỷ', '1 tỷ');
INSERT INTO cap_project VALUES (11, 'demonstration_model', 'national', 'HN', NULL, '1 tỷ', '1 tỷ');
INSERT INTO cap_project VALUES (12, 'demonstration_model', 'national', 'HN', '2022-01-01', '1 tỷ', NULL);
-- Without a cost only the amount cap applies.
INSERT INTO cap_project VALUES (13, 'demonstration_model', 'national', 'HN', '2022-01-01', NULL, '1 tỷ');
SELECT pg_temp.err($$INSERT INTO cap_project VALUES (14, 'demonstration_model', 'national', 'HN', '2022-01-01', NULL, 1000000001)$$);

-- UPDATE: checked when a checked column changes; other columns do not fire.
SELECT pg_temp.err($$UPDATE cap_project SET support = support + 1 WHERE id = 1$$);
SELECT pg_temp.err($$UPDATE cap_project SET approved_on = '2018-05-11' WHERE id = 3$$);
UPDATE cap_project SET note = 'checked' WHERE id = 1;
UPDATE cap_project SET cost = cost + 10 WHERE id = 1;

-- Many rows of one kind in a statement share one rule lookup; the one row
-- over the cap still fails it.  A rule changed earlier in the same
-- transaction counts at once.
SELECT pg_temp.err($$INSERT INTO cap_project SELECT 100 + g, 'demonstration_model', 'national', 'HN', '2022-01-01', '1 tỷ', CASE WHEN g < 50 THEN 1000 ELSE 300000001 END FROM generate_series(1, 50) g$$);
\set VERBOSITY terse
BEGIN;
INSERT INTO cap_project VALUES (100, 'rural_business', 'local', 'QN', '2023-01-01', '1 tỷ', '10 triệu');
UPDATE kc_support_cap_rule SET max_amount = '9 triệu' WHERE rule_id = 6;
INSERT INTO cap_project VALUES (101, 'rural_business', 'local', 'QN', '2023-01-01', '1 tỷ', '10 triệu');
ROLLBACK;
\set VERBOSITY default

-- The same checks as a function: the rule in force and the cap.
SELECT rule_id, max_share, max_amount FROM kc_support_cap_rule_for('demonstration_model', 'national', 'HN', '2018-05-11');
SELECT rule_id, max_share, max_amount FROM kc_support_cap_rule_for('demonstration_model', 'national', 'HN', '2018-05-12');
SELECT count(*) FROM kc_support_cap_rule_for('trade_fair', 'national', 'HN', '2022-01-01');
SELECT kc_support_cap_limit(0.30, '1.000 triệu', 1000000001),
	   kc_support_cap_limit(0.30, '1.000 triệu', '10 tỷ'),
	   kc_support_cap_limit(NULL, '10 triệu', '1 tỷ'),
	   kc_support_cap_limit(0.5, NULL, 3),
	   kc_support_cap_limit(0.5, NULL, NULL);

-- A province's own rule beats the nationwide one (Ninh Bình: 50%, 600
-- triệu for any source); other provinces stay under the national rule.
INSERT INTO kc_support_cap_rule (rule_id, category, source, province, effective_from, effective_to, max_share, max_amount, legal_basis)
VALUES (9001, 'demonstration_model', NULL, 'NB', '2020-01-01', '2024-12-31', 0.5, '600 triệu', 'Nghị quyết HĐND tỉnh Ninh Bình (ví dụ kiểm thử)');
INSERT INTO cap_project VALUES (20, 'demonstration_model', 'national', 'NB', '2020-01-01', '1 tỷ', '500 triệu');
SELECT pg_temp.err_full($$INSERT INTO cap_project VALUES (21, 'demonstration_model', 'national', 'NB', '2024-12-31', '1 tỷ', 500000001)$$);
SELECT pg_temp.err($$INSERT INTO cap_project VALUES (21, 'demonstration_model', 'national', 'HN', '2020-01-01', '1 tỷ', '500 triệu')$$);
-- The day after the province rule ends, the national rule is back.
SELECT pg_temp.err($$INSERT INTO cap_project VALUES (21, 'demonstration_model', 'national', 'NB', '2025-01-01', '1 tỷ', '500 triệu')$$);
-- The day before it begins, too.
SELECT pg_temp.err($$INSERT INTO cap_project VALUES (21, 'demonstration_model', 'national', 'NB', '2019-12-31', '1 tỷ', '500 triệu')$$);

-- A source-specific rule beats an any-source one (local money,
-- nationwide: 200 triệu); a province's any-source rule still beats a
-- nationwide source-specific one; a province's source-specific rule beats all.
INSERT INTO kc_support_cap_rule (rule_id, category, source, province, effective_from, max_amount, legal_basis)
VALUES (9002, 'demonstration_model', 'local', NULL, '2020-01-01', '200 triệu', 'Ví dụ kiểm thử: kinh phí địa phương');
INSERT INTO cap_project VALUES (22, 'demonstration_model', 'local', 'HN', '2021-01-01', '1 tỷ', '200 triệu');
SELECT pg_temp.err($$INSERT INTO cap_project VALUES (23, 'demonstration_model', 'local', 'HN', '2021-01-01', '1 tỷ', 200000001)$$);
INSERT INTO cap_project VALUES (23, 'demonstration_model', 'national', 'HN', '2021-01-01', '1 tỷ', '300 triệu');
INSERT INTO cap_project VALUES (24, 'demonstration_model', 'local', 'NB', '2021-01-01', '1 tỷ', '500 triệu');
INSERT INTO kc_support_cap_rule (rule_id, category, source, province, effective_from, max_amount, legal_basis)
VALUES (9003, 'demonstration_model', 'local', 'NB', '2021-06-01', '100 triệu', 'Ví dụ kiểm thử: Ninh Bình, kinh phí địa phương');
SELECT pg_temp.err($$INSERT INTO cap_project VALUES (25, 'demonstration_model', 'local', 'NB', '2021-06-01', '1 tỷ', 100000001)$$);
INSERT INTO cap_project VALUES (25, 'demonstration_model', 'local', 'NB', '2021-06-01', '1 tỷ', '100 triệu');
INSERT INTO cap_project VALUES (26, 'demonstration_model', 'national', 'NB', '2021-06-01', '1 tỷ', '500 triệu');

-- Overlapping rules for the same category, source and province are
-- refused, naming both; adjacent periods and other keys are fine.
SELECT pg_temp.err_full($$INSERT INTO kc_support_cap_rule (rule_id, category, province, effective_from, effective_to, max_amount, legal_basis)
	VALUES (9004, 'demonstration_model', 'NB', '2024-12-31', '2025-06-30', '700 triệu', 'chồng lấn')$$);
INSERT INTO kc_support_cap_rule (rule_id, category, province, effective_from, effective_to, max_amount, legal_basis)
	VALUES (9004, 'demonstration_model', 'NB', '2025-01-01', '2025-06-30', '700 triệu', 'liền kề');
INSERT INTO kc_support_cap_rule (rule_id, category, province, effective_from, effective_to, max_amount, legal_basis)
	VALUES (9005, 'demonstration_model', 'QN', '2020-01-01', '2025-06-30', '700 triệu', 'tỉnh khác');
SELECT pg_temp.err($$INSERT INTO kc_support_cap_rule (rule_id, category, effective_from, max_amount, legal_basis)
	VALUES (9006, 'demonstration_model', '2030-01-01', '1 tỷ', 'chồng lấn với quy tắc mở')$$);
SELECT pg_temp.err($$UPDATE kc_support_cap_rule SET effective_from = '2024-06-01' WHERE rule_id = 9004$$);
SELECT pg_temp.err($$UPDATE kc_support_cap_rule SET effective_to = NULL WHERE rule_id = 9004$$);
SELECT pg_temp.err($$UPDATE kc_support_cap_rule SET province = 'NB' WHERE rule_id = 9005$$);
-- A one-day rule is allowed.
INSERT INTO kc_support_cap_rule (rule_id, category, effective_from, effective_to, max_amount, legal_basis)
	VALUES (9007, 'other', '2023-03-03', '2023-03-03', '1 triệu', 'một ngày');
INSERT INTO cap_project VALUES (27, 'other', 'other', 'HN', '2023-03-04', '10 triệu', '2 triệu');
SELECT pg_temp.err($$INSERT INTO cap_project VALUES (28, 'other', 'other', 'HN', '2023-03-03', '10 triệu', '2 triệu')$$);

-- Hostile rule values, refused when written with a message naming them.
SELECT pg_temp.err($$INSERT INTO kc_support_cap_rule (rule_id, category, effective_from, max_share, legal_basis) VALUES (9010, 'consulting', '2020-01-01', 1.5, 'x')$$);
SELECT pg_temp.err($$INSERT INTO kc_support_cap_rule (rule_id, category, effective_from, max_share, legal_basis) VALUES (9010, 'consulting', '2020-01-01', 1.0000001, 'x')$$);
SELECT pg_temp.err($$INSERT INTO kc_support_cap_rule (rule_id, category, effective_from, max_share, legal_basis) VALUES (9010, 'consulting', '2020-01-01', 0, 'x')$$);
SELECT pg_temp.err($$INSERT INTO kc_support_cap_rule (rule_id, category, effective_from, max_share, legal_basis) VALUES (9010, 'consulting', '2020-01-01', -0.1, 'x')$$);
SELECT pg_temp.err($$INSERT INTO kc_support_cap_rule (rule_id, category, effective_from, max_amount, legal_basis) VALUES (9010, 'consulting', '2020-01-01', -1, 'x')$$);
SELECT pg_temp.err_full($$INSERT INTO kc_support_cap_rule (rule_id, category, effective_from, effective_to, max_amount, legal_basis) VALUES (9010, 'consulting', '2020-01-01', '2019-12-31', 1, 'x')$$);
SELECT pg_temp.err($$INSERT INTO kc_support_cap_rule (rule_id, category, province, effective_from, max_amount, legal_basis) VALUES (9010, 'consulting', '  ', '2020-01-01', 1, 'x')$$);
SELECT pg_temp.err($$INSERT INTO kc_support_cap_rule (rule_id, category, effective_from, max_amount, legal_basis) VALUES (9010, 'consulting', '2020-01-01', 1, ' ')$$);
SELECT pg_temp.err($$INSERT INTO kc_support_cap_rule (rule_id, category, effective_from, max_amount, legal_basis) VALUES (9010, 'consulting', NULL, 1, 'x')$$);
SELECT pg_temp.err($$INSERT INTO kc_support_cap_rule (rule_id, category, effective_from, max_amount, legal_basis) VALUES (9010, 'no_such_category', '2020-01-01', 1, 'x')$$);
SELECT pg_temp.err($$UPDATE kc_support_cap_rule SET max_share = 2 WHERE rule_id = 9001$$);
SELECT pg_temp.err($$INSERT INTO kc_project_category VALUES ('Bad Code', 'x', 'x')$$);
SELECT pg_temp.err($$INSERT INTO kc_project_category VALUES ('blank_name', ' ', 'x')$$);

-- Shipped rows: never deleted (they would come back on restore), keys
-- fixed; an edit marks the row edited, which is what pg_dump keeps.
SELECT pg_temp.err_full($$DELETE FROM kc_support_cap_rule WHERE rule_id = 6$$);
SELECT pg_temp.err($$UPDATE kc_support_cap_rule SET rule_id = 99 WHERE rule_id = 6$$);
SELECT pg_temp.err($$DELETE FROM kc_project_category WHERE code = 'other'$$);
SELECT pg_temp.err($$UPDATE kc_project_category SET code = 'khac' WHERE code = 'other'$$);
BEGIN;
UPDATE kc_support_cap_rule SET max_amount = '12 triệu' WHERE rule_id = 6;
-- users cannot mark their own rows shipped
INSERT INTO kc_support_cap_rule (rule_id, category, effective_from, max_amount, legal_basis, shipped, edited)
	VALUES (9011, 'consulting', '2020-01-01', 1, 'x', true, false);
UPDATE kc_support_cap_rule SET shipped = true WHERE rule_id = 9001;
-- inserting the id of an unchanged default changes it in place (restore)
INSERT INTO kc_support_cap_rule (rule_id, category, effective_from, effective_to, max_amount, legal_basis, shipped, edited)
	VALUES (2, 'machinery_transfer', '2014-04-04', '2018-05-11', '250 triệu', 'sửa', true, true);
INSERT INTO kc_project_category VALUES ('other', 'Khác (sửa)', 'Other (edited)', true, true);
INSERT INTO kc_project_category VALUES ('handicraft', 'Thủ công mỹ nghệ', 'Handicraft', true, true);
SELECT rule_id, max_amount, legal_basis = 'sửa' AS replaced, shipped, edited FROM kc_support_cap_rule
WHERE rule_id IN (2, 6, 9001, 9011) ORDER BY rule_id;
SELECT code, name_en, shipped, edited FROM kc_project_category WHERE code IN ('other', 'handicraft') ORDER BY code;
-- what pg_dump would write for the rules
SELECT rule_id FROM kc_support_cap_rule WHERE NOT shipped OR edited ORDER BY rule_id;
SELECT x.tbl::regclass, x.cond
FROM pg_extension e, unnest(e.extconfig, e.extcondition) x(tbl, cond)
WHERE e.extname = 'kc_ext'
  AND x.tbl::regclass::text IN ('kc_project_category', 'kc_support_cap_rule', 'kc_support_cap_rule_id_seq')
ORDER BY x.tbl::regclass::text;
ROLLBACK;

-- Changing a rule does not touch stored rows; the report lists the stored
-- rows that the rules as they stand now would reject.
SELECT row_ctid IS NOT NULL AS has_ctid, project->>'id' AS id, category, approved_on, cost, support, rule_id, cap
FROM kc_support_cap_violations('cap_project') ORDER BY (project->>'id')::int;
UPDATE kc_support_cap_rule SET max_amount = '400 triệu' WHERE rule_id = 9001;
UPDATE kc_support_cap_rule SET max_amount = '150 triệu' WHERE rule_id = 9002;
SELECT p.id, p.category, p.source, p.province, p.approved_on, p.support, v.rule_id, v.legal_basis, v.cap
FROM kc_support_cap_violations('cap_project') v
JOIN cap_project p ON p.ctid = v.row_ctid
ORDER BY p.id;
SELECT pg_temp.err($$SELECT * FROM kc_support_cap_violations('pg_class')$$);

-- kc_enforce_support_cap validates its arguments.
CREATE TABLE cap_plain (cat varchar(40), day date, cost bigint, support kc_money,
						bad_day timestamp, bad_money numeric, bad_source text, bad_cat integer);
CREATE VIEW cap_view AS SELECT * FROM cap_plain;
SELECT pg_temp.err($$SELECT kc_enforce_support_cap('cap_view', 'cat', NULL, NULL, 'day', 'cost', 'support')$$);
SELECT pg_temp.err($$SELECT kc_enforce_support_cap(NULL, 'cat', NULL, NULL, 'day', 'cost', 'support')$$);
SELECT pg_temp.err($$SELECT kc_enforce_support_cap('cap_plain', 'nope', NULL, NULL, 'day', 'cost', 'support')$$);
SELECT pg_temp.err($$SELECT kc_enforce_support_cap('cap_plain', NULL, NULL, NULL, 'day', 'cost', 'support')$$);
SELECT pg_temp.err($$SELECT kc_enforce_support_cap('cap_plain', 'bad_cat', NULL, NULL, 'day', 'cost', 'support')$$);
SELECT pg_temp.err($$SELECT kc_enforce_support_cap('cap_plain', 'cat', 'bad_source', NULL, 'day', 'cost', 'support')$$);
SELECT pg_temp.err($$SELECT kc_enforce_support_cap('cap_plain', 'cat', NULL, 'bad_cat', 'day', 'cost', 'support')$$);
SELECT pg_temp.err($$SELECT kc_enforce_support_cap('cap_plain', 'cat', NULL, NULL, 'bad_day', 'cost', 'support')$$);
SELECT pg_temp.err($$SELECT kc_enforce_support_cap('cap_plain', 'cat', NULL, NULL, 'day', 'bad_money', 'support')$$);
SELECT pg_temp.err($$SELECT kc_enforce_support_cap('cap_plain', 'cat', NULL, NULL, 'day', 'cost', 'ctid')$$);
-- Without source and province columns only any-source nationwide rules
-- apply; varchar categories and bigint amounts work.
SELECT kc_enforce_support_cap('cap_plain', 'cat', NULL, NULL, 'day', 'cost', 'support');
INSERT INTO cap_plain (cat, day, cost, support) VALUES ('demonstration_model', '2021-01-01', 1000000000, 300000000);
SELECT pg_temp.err($$INSERT INTO cap_plain (cat, day, cost, support) VALUES ('demonstration_model', '2021-01-01', 1000000000, 300000001)$$);
-- Installing again replaces the check; a renamed column is reported.
SELECT kc_enforce_support_cap('cap_plain', 'cat', NULL, NULL, 'day', 'cost', 'support');
SELECT count(*) FROM pg_trigger WHERE tgrelid = 'cap_plain'::regclass;
ALTER TABLE cap_plain RENAME COLUMN support TO support_amount;
SELECT pg_temp.err($$INSERT INTO cap_plain (cat, day, cost, support_amount) VALUES ('demonstration_model', '2021-01-01', 10, 1)$$);
-- A trigger function called the wrong way.
SELECT pg_temp.err($$SELECT kc_support_cap_check()$$);
CREATE TABLE cap_wrong (x int);
CREATE TRIGGER t BEFORE INSERT ON cap_wrong FOR EACH ROW EXECUTE FUNCTION kc_support_cap_check('x', '', '', 'x', 'x', 'x');
SELECT pg_temp.err($$INSERT INTO cap_wrong VALUES (1)$$);
DROP TABLE cap_wrong;

-- Privileges: anyone may read the rules; only their owner may change them.
-- A writer is checked like anyone else, whatever its search_path: the
-- check's operators are qualified, so the writer's own "=" changes nothing.
CREATE ROLE regress_kc_cap_writer;
GRANT SELECT, INSERT, UPDATE ON cap_project TO regress_kc_cap_writer;
CREATE SCHEMA regress_kc_cap_evil AUTHORIZATION regress_kc_cap_writer;
SET ROLE regress_kc_cap_writer;
CREATE FUNCTION regress_kc_cap_evil.never(text, text) RETURNS boolean
	LANGUAGE sql IMMUTABLE AS 'SELECT false';
CREATE OPERATOR regress_kc_cap_evil.= (LEFTARG = text, RIGHTARG = text,
	FUNCTION = regress_kc_cap_evil.never);
SELECT count(*) FROM kc_support_cap_rule;
SELECT pg_temp.err($$INSERT INTO kc_support_cap_rule (rule_id, category, effective_from, max_amount, legal_basis) VALUES (9020, 'consulting', '2020-01-01', 1, 'x')$$);
SELECT pg_temp.err($$UPDATE kc_support_cap_rule SET max_amount = NULL WHERE rule_id = 3$$);
SELECT pg_temp.err($$DELETE FROM kc_support_cap_rule WHERE rule_id = 9001$$);
SELECT pg_temp.err($$UPDATE kc_project_category SET name_en = 'x'$$);
SET search_path = regress_kc_cap_evil, pg_catalog, public;
SELECT 'a'::text = 'a'::text AS evil_equals;
SELECT pg_temp.err($$INSERT INTO cap_project VALUES (40, 'demonstration_model', 'national', 'HN', '2022-01-01', '1 tỷ', 300000001)$$);
INSERT INTO cap_project VALUES (40, 'demonstration_model', 'national', 'HN', '2022-01-01', '1 tỷ', '300 triệu');
RESET search_path;
RESET ROLE;

-- Clean up: the test's rules, tables and role.
DROP TABLE cap_project, cap_plain CASCADE;
DROP SCHEMA regress_kc_cap_evil CASCADE;
DELETE FROM kc_support_cap_rule WHERE rule_id >= 9000;
SELECT count(*) AS rules, count(*) FILTER (WHERE edited) AS edited FROM kc_support_cap_rule;
DROP ROLE regress_kc_cap_writer;
