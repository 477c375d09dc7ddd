-- test/crash/setup.sql -- the database the crash test kills the server
-- under (run by test/suites/60-crash.sh after CREATE EXTENSION kc_ext,
-- demo/schema.sql and demo/data_2022.sql).
--
--   * 2021: plans, projects, allocations and payments, every plan fully
--     allocated; the year is closed (kc_close_year), so these rows never
--     change; the test compares their checksum before and after each crash.
--   * 2023: one plan per province and source with little headroom, and one
--     project under each: the load (test/crash/crash_load.c) allocates
--     against these, in single rows and in bulk, and the rules refuse what
--     does not fit.  crash_target numbers them 0..n-1 for the load.
--   * The rules of demo/rules.sql that matter here: allocation within plan,
--     payment within allocation, closed years on fund_plan and project.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;

INSERT INTO fund_plan (year, province_code, source, approved, approved_on)
SELECT 2021, p.code, s.source, '1,5 tỷ', date '2021-01-15'
FROM province p, (VALUES ('national'::kc_source), ('local'::kc_source)) s(source)
ORDER BY p.code, s.source;

INSERT INTO project (code, title, year, province_code, category, source, approved_on, cost, support)
SELECT format('KC-2021-%s-%s-%s', fp.province_code, upper(left(fp.source::text, 2)), n),
	   format('Đề án %s (%s) %s năm 2021', n, fp.source, fp.province_code),
	   2021, fp.province_code, 'consulting', fp.source, date '2021-02-10',
	   '1 tỷ', '500 triệu'
FROM fund_plan fp, generate_series(1, 3) n
WHERE fp.year = 2021
ORDER BY fp.id, n;

-- three allocations of 500 triệu per plan: each 2021 plan is full
INSERT INTO allocation (plan_id, project_id, amount, allocated_on)
SELECT fp.id, pr.id, '500 triệu', date '2021-03-01'
FROM fund_plan fp
JOIN project pr ON pr.year = 2021 AND pr.province_code = fp.province_code AND pr.source = fp.source
WHERE fp.year = 2021
ORDER BY fp.id, pr.id;

INSERT INTO payment (allocation_id, kind, amount, paid_on)
SELECT a.id, k.kind, k.amount::kc_money, k.paid_on
FROM allocation a
JOIN fund_plan fp ON fp.id = a.plan_id AND fp.year = 2021,
	 (VALUES ('advance', '200 triệu', date '2021-04-01'),
			 ('settlement', '300 triệu', date '2021-12-20')) k(kind, amount, paid_on)
ORDER BY a.id, k.paid_on;

-- 2023: 300 triệu of headroom per plan, the load raises some limits
INSERT INTO fund_plan (year, province_code, source, approved, approved_on)
SELECT 2023, p.code, s.source, '300 triệu', date '2023-01-15'
FROM province p, (VALUES ('national'::kc_source), ('local'::kc_source)) s(source)
ORDER BY p.code, s.source;

INSERT INTO project (code, title, year, province_code, category, source, approved_on, cost, support)
SELECT format('KC-2023-%s-%s-1', fp.province_code, upper(left(fp.source::text, 2))),
	   format('Đề án 1 (%s) %s năm 2023', fp.source, fp.province_code),
	   2023, fp.province_code, 'consulting', fp.source, date '2023-02-10',
	   '2 tỷ', '1 tỷ'
FROM fund_plan fp
WHERE fp.year = 2023
ORDER BY fp.id;

CREATE TABLE crash_target (
	slot		integer PRIMARY KEY,
	plan_id		bigint NOT NULL,
	project_id	bigint NOT NULL
);
INSERT INTO crash_target
SELECT (row_number() OVER (ORDER BY fp.id)) - 1, fp.id, pr.id
FROM fund_plan fp
JOIN project pr ON pr.year = 2023 AND pr.province_code = fp.province_code AND pr.source = fp.source
WHERE fp.year = 2023;

SELECT kc_enforce_cap('allocation_within_plan', 'allocation', '{plan_id}', 'amount',
					  'fund_plan', '{id}', 'approved');
SELECT kc_enforce_cap('payment_within_allocation', 'payment', '{allocation_id}', 'amount',
					  'allocation', '{id}', 'amount');
SELECT kc_enforce_year_lock('fund_plan', 'year');
SELECT kc_enforce_year_lock('project', 'year');
SELECT kc_close_year(2021, 'Quyết toán kinh phí khuyến công năm 2021 (crash test)');

-- Every row of the closed year as text, and the closing itself: the test
-- compares md5(string_agg(...)) of this before the load and after crashes.
CREATE VIEW crash_closed_2021 AS
SELECT 'fund_plan ' || fp::text AS r FROM fund_plan fp WHERE fp.year = 2021
UNION ALL
SELECT 'project ' || p::text FROM project p WHERE p.year = 2021
UNION ALL
SELECT 'allocation ' || a::text FROM allocation a
JOIN fund_plan fp ON fp.id = a.plan_id WHERE fp.year = 2021
UNION ALL
SELECT 'payment ' || p::text FROM payment p
JOIN allocation a ON a.id = p.allocation_id
JOIN fund_plan fp ON fp.id = a.plan_id WHERE fp.year = 2021
UNION ALL
SELECT 'closed ' || c::text FROM kc_closed_year c WHERE c.year = 2021;
