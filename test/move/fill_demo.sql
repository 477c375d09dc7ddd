-- test/move/fill_demo.sql -- the reference schema with its 2022 data and
-- rules (demo/schema.sql, demo/data_2022.sql, demo/rules.sql), plus 2023
-- data and a closed year, prepared for a move to another server.
--
-- Run after CREATE EXTENSION kc_ext and the three demo files, with
--   psql -X -q -A -t -v ON_ERROR_STOP=1 -d DB -f test/move/fill_demo.sql
-- Needs the roles kc_year_admin and kc_move_clerk (NOLOGIN).  Like
-- test/upgrade/fill.sql it leaves, in schema kc_upg, probes (a query and its
-- value now) and rule checks (statements each rule refuses, with SQLSTATE
-- and constraint, or allows, and invariants); test/upgrade/verify.sql runs
-- them again on the moved database.  Prints "ok: ..." / "FAIL: ..." lines.

SET client_min_messages = warning;
SELECT n.nspname AS extschema, e.extversion AS extversion
FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
WHERE e.extname = 'kc_ext' \gset
CREATE SCHEMA kc_upg;
SET search_path = public, kc_upg, :"extschema", pg_catalog;
\set QUIET on

CREATE TEMP TABLE kc_result (seq serial, status text, name text, detail text);
\ir ../upgrade/support.sql

CREATE TABLE kc_upg.info (key text PRIMARY KEY, value text);
INSERT INTO kc_upg.info VALUES ('filled under version', :'extversion');

\ir cap_totals.sql

-- 2023: a plan, a project, an allocation and a payment under the rules
-- (2022 is the demo's year, closed below).
INSERT INTO fund_plan (year, province_code, source, approved, approved_on)
	VALUES (2023, 'NB', 'national', '2 tỷ', '2023-01-16'), (2023, 'NB', 'local', '1 tỷ', '2023-01-16');
INSERT INTO project (code, title, year, province_code, category, source, approved_on, cost, support)
	VALUES ('KC-2023-NB-MOVE', 'Chuyển giao máy móc tiên tiến 2023', 2023, 'NB', 'machinery_transfer', 'national',
	        '2023-03-01', '600 triệu', '300 triệu'),
	       ('KC-2023-NB-DEMO', 'Mô hình trình diễn kỹ thuật 2023', 2023, 'NB', 'demonstration_model', 'local',
	        '2023-03-01', '2 tỷ', '600 triệu');
INSERT INTO allocation (plan_id, project_id, amount, allocated_on)
SELECT fp.id, p.id, '1,5 tỷ', '2023-04-01'
FROM fund_plan fp, project p WHERE fp.year = 2023 AND fp.source = 'national' AND p.code = 'KC-2023-NB-MOVE';
INSERT INTO payment (allocation_id, kind, amount, paid_on)
SELECT a.id, 'advance', '500 triệu', '2023-05-02'
FROM allocation a JOIN project p ON p.id = a.project_id WHERE p.code = 'KC-2023-NB-MOVE';

-- Years: 2020 closed and reopened, 2022 closed.
SELECT kc_close_year(2020, 'Khóa sổ năm 2020 (move test)');
SELECT kc_reopen_year(2020, 'Mở lại năm 2020 để điều chỉnh (move test)');
SELECT kc_close_year(2022, 'Quyết toán kinh phí khuyến công năm 2022 đã được phê duyệt');
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO kc_move_clerk;

\set plan23 '(SELECT id FROM fund_plan WHERE year = 2023 AND source = ''national'')'
\set alloc23 '(SELECT a.id FROM allocation a JOIN project p ON p.id = a.project_id WHERE p.code = ''KC-2023-NB-MOVE'')'
\set proj23 '(SELECT id FROM project WHERE code = ''KC-2023-NB-MOVE'')'

-- What each rule refuses (SQLSTATE and constraint recorded now) and allows.
SELECT kc_upg.add_refused('cap: one tỷ more on Ninh Bình''s fully allocated 2022 national plan',
	$s$INSERT INTO allocation (plan_id, project_id, amount, allocated_on)
	   SELECT fp.id, p.id, '1 tỷ', '2022-06-01' FROM fund_plan fp JOIN project p ON p.code = 'KC-2022-NB-NA-1'
	   WHERE fp.year = 2022 AND fp.province_code = 'NB' AND fp.source = 'national'$s$,
	'23514', 'allocation_within_plan');
SELECT kc_upg.add_refused('cap: a 2023 allocation one đồng above the plan''s headroom',
	format($s$INSERT INTO allocation (plan_id, project_id, amount) VALUES (%s, %s, 500000001)$s$, :'plan23', :'proj23'),
	'23514', 'allocation_within_plan');
SELECT kc_upg.add_allowed('cap: a 2023 allocation exactly at the plan''s headroom',
	format($s$INSERT INTO allocation (plan_id, project_id, amount) VALUES (%s, %s, 500000000)$s$, :'plan23', :'proj23'));
SELECT kc_upg.add_refused('cap: lowering the 2023 plan below what is allocated',
	$s$UPDATE fund_plan SET approved = 1499999999 WHERE year = 2023 AND source = 'national'$s$,
	'23514', 'allocation_within_plan');
SELECT kc_upg.add_allowed('cap: lowering the 2023 plan to exactly what is allocated',
	$s$UPDATE fund_plan SET approved = 1500000000 WHERE year = 2023 AND source = 'national'$s$);
SELECT kc_upg.add_refused('cap: a payment one đồng above the allocation''s headroom',
	format($s$INSERT INTO payment (allocation_id, kind, amount) VALUES (%s, 'payment', 1000000001)$s$, :'alloc23'),
	'23514', 'payment_within_allocation');
SELECT kc_upg.add_allowed('cap: a payment exactly at the allocation''s headroom',
	format($s$INSERT INTO payment (allocation_id, kind, amount) VALUES (%s, 'payment', 1000000000)$s$, :'alloc23'));
SELECT kc_upg.add_refused('cap: lowering an allocation below what is paid',
	format($s$UPDATE allocation SET amount = 499999999 WHERE id = %s$s$, :'alloc23'),
	'23514', 'payment_within_allocation');
SELECT kc_upg.add_refused('support cap: a demonstration model at 31% of its cost',
	$s$INSERT INTO project (code, title, year, province_code, category, source, approved_on, cost, support)
	   VALUES ('KC-2023-NB-X', 'x', 2023, 'NB', 'demonstration_model', 'local', '2023-06-01', '3 tỷ', '930 triệu')$s$,
	'23514', 'kc_support_cap');
SELECT kc_upg.add_allowed('support cap: a demonstration model at exactly 30% of its cost',
	$s$INSERT INTO project (code, title, year, province_code, category, source, approved_on, cost, support)
	   VALUES ('KC-2023-NB-X', 'x', 2023, 'NB', 'demonstration_model', 'local', '2023-06-01', '3 tỷ', '900 triệu')$s$);
SELECT kc_upg.add_refused('support cap: raising a 2023 machinery transfer above 50% of its cost',
	$s$UPDATE project SET support = support + 1 WHERE code = 'KC-2023-NB-MOVE'$s$,
	'23514', 'kc_support_cap');
SELECT kc_upg.add_refused('closed year: changing a 2022 plan',
	$s$UPDATE fund_plan SET approved = approved + '1 triệu'::kc_money
	   WHERE year = 2022 AND province_code = 'NB' AND source = 'local'$s$, '55000', 'kc_year_lock');
SELECT kc_upg.add_refused('closed year: a new 2022 plan line',
	$s$INSERT INTO fund_plan (year, province_code, source, approved) VALUES (2022, 'NB', 'other', '1 tỷ')$s$,
	'55000', 'kc_year_lock');
SELECT kc_upg.add_refused('closed year: moving a 2023 project into 2022',
	$s$UPDATE project SET year = 2022 WHERE code = 'KC-2023-NB-MOVE'$s$, '55000', 'kc_year_lock');
SELECT kc_upg.add_allowed('closed year: 2023 stays open (a 2023 plan raised)',
	$s$UPDATE fund_plan SET approved = approved + '1 triệu'::kc_money WHERE year = 2023 AND source = 'local'$s$);
SELECT kc_upg.add_refused('closed year: a clerk may not reopen 2022',
	$s$SET LOCAL ROLE kc_move_clerk; SELECT kc_reopen_year(2022, 'not allowed')$s$, '42501');
SELECT kc_upg.add_refused('closed year log: UPDATE of kc_year_lock_log',
	$s$UPDATE kc_year_lock_log SET reason = reason || ' (changed)'$s$);
SELECT kc_upg.add_refused('closed year log: DELETE from kc_year_lock_log',
	$s$DELETE FROM kc_year_lock_log$s$);
SELECT kc_upg.add_allowed('closed year: a superuser closes and reopens 2023',
	$s$SELECT kc_close_year(2023, 'move test'); SELECT kc_reopen_year(2023, 'move test')$s$);

-- Invariants.
SELECT kc_upg.add_holds('cap: every kept total equals the fresh sum (kc_cap_rebuild of every rule changes nothing)',
	'SELECT kc_upg.cap_totals_fresh()');
SELECT kc_upg.add_holds('cap: allocation_within_plan''s kept totals are the sums of allocation.amount by plan', $q$
	SELECT NOT EXISTS (
		SELECT FROM (SELECT ARRAY[plan_id::text] AS k, sum(amount::bigint)::numeric AS s FROM allocation GROUP BY plan_id) a
		FULL JOIN (SELECT parent_key AS k, total AS s FROM kc_cap_total
		           WHERE rule_name = 'allocation_within_plan' AND total <> 0) t USING (k)
		WHERE a.s IS DISTINCT FROM t.s)$q$);
SELECT kc_upg.add_holds('cap: payment_within_allocation''s kept totals are the sums of payment.amount by allocation', $q$
	SELECT NOT EXISTS (
		SELECT FROM (SELECT ARRAY[allocation_id::text] AS k, sum(amount::bigint)::numeric AS s FROM payment GROUP BY allocation_id) a
		FULL JOIN (SELECT parent_key AS k, total AS s FROM kc_cap_total
		           WHERE rule_name = 'payment_within_allocation' AND total <> 0) t USING (k)
		WHERE a.s IS DISTINCT FROM t.s)$q$);
SELECT kc_upg.add_holds('closed years agree with their log (README, "Restoring a dump")', $q$
	SELECT NOT EXISTS (
		SELECT l.year FROM kc_year_lock_log l
		WHERE l.entry = (SELECT max(entry) FROM kc_year_lock_log m WHERE m.year = l.year) AND l.action = 'close'
		EXCEPT SELECT year FROM kc_closed_year)
	   AND NOT EXISTS (
		SELECT year FROM kc_closed_year
		EXCEPT SELECT l.year FROM kc_year_lock_log l
		WHERE l.entry = (SELECT max(entry) FROM kc_year_lock_log m WHERE m.year = l.year) AND l.action = 'close')$q$);
SELECT kc_upg.add_holds('every trigger of every rule is enabled', $q$
	SELECT count(*) >= 7 AND bool_and(g.tgenabled = 'O')
	FROM pg_trigger g JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = g.tgfoid AND d.deptype = 'e'
	JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'kc_ext'
	WHERE NOT g.tgisinternal$q$);

-- The report's figures and the state of every rule, compared exactly.
SELECT kc_upg.add_probe('report_by_source (every row)', $q$
	SELECT string_agg(r::text, E'\n' ORDER BY r.year, r.scope, r.source NULLS FIRST) FROM report_by_source r$q$);
SELECT kc_upg.add_probe('report_by_province (every row)', $q$
	SELECT string_agg(r::text, E'\n' ORDER BY r.year, r.province_code) FROM report_by_province r$q$);
SELECT kc_upg.add_probe('the 2022 report by source as demo/report.sql prints it', $q$
	SELECT string_agg(concat_ws(' | ', l, p, a, pct), E'\n' ORDER BY g, s)
	FROM (SELECT grouping(source) AS g, source AS s,
	             CASE WHEN grouping(source) = 1 THEN 'Tổng cộng cả nước' ELSE kc_source_label(source) END AS l,
	             kc_format(kc_planned(kc_fulfilment(planned, actual)), 'tỷ') AS p,
	             kc_format(kc_actual(kc_fulfilment(planned, actual)), 'tỷ') AS a,
	             kc_format_pct(kc_pct(kc_fulfilment(planned, actual), 2, 'trunc')) AS pct
	      FROM plan_fulfilment WHERE year = 2022 GROUP BY ROLLUP (source)) t$q$);
SELECT kc_upg.add_probe('kc_rules (kind, name, tables, checks)', $q$
	SELECT string_agg(concat_ws(' ', kind, rule_name, tables::text, checks), E'\n' ORDER BY kind, rule_name) FROM kc_rules$q$);
SELECT kc_upg.add_probe('kc_caps', $q$SELECT string_agg(c::text, E'\n' ORDER BY rule_name) FROM kc_caps c$q$);
SELECT kc_upg.add_probe('kc_cap_total (every kept total)', $q$
	SELECT string_agg(t::text, E'\n' ORDER BY rule_name, parent_key::text COLLATE "C") FROM kc_cap_total t$q$);
SELECT kc_upg.add_probe('rule triggers (table, name, function, enabled, arguments)', $q$
	SELECT string_agg(format('%s %s %s %s %s', g.tgrelid::regclass, g.tgname, g.tgfoid::regproc, g.tgenabled,
	                         encode(g.tgargs, 'escape')), E'\n' ORDER BY g.tgrelid::regclass::text, g.tgname)
	FROM pg_trigger g WHERE NOT g.tgisinternal$q$);
SELECT kc_upg.add_probe('kc_closed_year', $q$SELECT string_agg(c::text, E'\n' ORDER BY year) FROM kc_closed_year c$q$);
SELECT kc_upg.add_probe('kc_year_lock_log', $q$SELECT string_agg(l::text, E'\n' ORDER BY entry) FROM kc_year_lock_log l$q$);
SELECT kc_upg.add_probe('kc_support_cap_violations(project)', $q$
	SELECT count(*) || ': ' || coalesce(string_agg(v::text, E'\n' ORDER BY v::text), '') FROM kc_support_cap_violations('project') v$q$);
SELECT kc_upg.add_probe('data: fund_plan, project, allocation, payment', $q$
	SELECT (SELECT md5(string_agg(t::text, ';' ORDER BY id)) FROM fund_plan t) || ' '
	    || (SELECT md5(string_agg(t::text, ';' ORDER BY id)) FROM project t) || ' '
	    || (SELECT md5(string_agg(t::text, ';' ORDER BY id)) FROM allocation t) || ' '
	    || (SELECT md5(string_agg(t::text, ';' ORDER BY id)) FROM payment t)$q$);
SELECT kc_upg.add_probe('privileges of kc_move_clerk', $q$
	SELECT string_agg(table_name || ' ' || privilege_type, ', ' ORDER BY table_name, privilege_type)
	FROM information_schema.role_table_grants WHERE grantee = 'kc_move_clerk'$q$);

SELECT kc_upg.record_probes();
SELECT status || ': ' || name || coalesce(' -- ' || detail, '') FROM pg_temp.kc_result ORDER BY seq;
