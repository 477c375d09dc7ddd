-- demo/schema.sql -- a reference schema any ministry could start from.
--
-- Funding plans by year, province and source; projects (đề án khuyến công)
-- with their category, cost and approved support; allocations of plan money
-- to projects; payments (advances, payments, settlements).  Amounts are
-- kc_money, sources kc_source.  Needs CREATE EXTENSION kc_ext first; the
-- objects go into the current schema.

CREATE TABLE province (
	code		text PRIMARY KEY,
	name		text NOT NULL,
	region		text NOT NULL
);
COMMENT ON TABLE province IS 'Provinces, plus the pseudo-province TW for the ministry''s own units.';

CREATE TABLE fund_plan (
	id			bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	year		integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
	province_code text NOT NULL REFERENCES province,
	source		kc_source NOT NULL,
	approved	kc_money NOT NULL CHECK (approved >= 0),
	approved_on date,
	UNIQUE (year, province_code, source)
);
COMMENT ON TABLE fund_plan IS 'Kế hoạch kinh phí: the approved plan of one source in one province and year.';

CREATE TABLE project (
	id			bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	code		text NOT NULL UNIQUE,
	title		text NOT NULL,
	year		integer NOT NULL,
	province_code text NOT NULL REFERENCES province,
	category	text NOT NULL,
	source		kc_source NOT NULL,
	approved_on date NOT NULL,
	cost		kc_money NOT NULL CHECK (cost >= 0),
	support		kc_money NOT NULL CHECK (support >= 0)
);
COMMENT ON TABLE project IS 'Đề án khuyến công: a project with its total cost and the state support approved for it.';

CREATE TABLE allocation (
	id			bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	plan_id		bigint NOT NULL REFERENCES fund_plan,
	project_id	bigint NOT NULL REFERENCES project,
	amount		kc_money NOT NULL CHECK (amount >= 0),
	allocated_on date
);
CREATE INDEX ON allocation (plan_id);
CREATE INDEX ON allocation (project_id);
COMMENT ON TABLE allocation IS 'Plan money allocated to a project.';

CREATE TABLE payment (
	id			bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	allocation_id bigint NOT NULL REFERENCES allocation,
	kind		text NOT NULL CHECK (kind IN ('advance', 'payment', 'settlement')),
	amount		kc_money NOT NULL,
	paid_on		date
);
CREATE INDEX ON payment (allocation_id);
COMMENT ON TABLE payment IS 'Money paid out under an allocation: tạm ứng (advance), thanh toán (payment), quyết toán (settlement).';

-- What each plan line achieved: planned = the approved plan, actual = what
-- was paid out under its allocations.
CREATE VIEW plan_fulfilment AS
SELECT fp.id AS plan_id, fp.year, fp.province_code, fp.source,
	   fp.approved AS planned,
	   COALESCE(paid.amount, 0::kc_money) AS actual
FROM fund_plan fp
LEFT JOIN (SELECT a.plan_id, sum(p.amount) AS amount
		   FROM allocation a JOIN payment p ON p.allocation_id = a.id
		   GROUP BY a.plan_id) paid ON paid.plan_id = fp.id;

-- How the report views round each line's percentage.  The 2022 report is
-- not uniform (DESIGN.md): the whole country 323/345,5 = 93,4877 is printed
-- 93,48 and the local source 187/205,5 = 90,9976 is printed 90,99 (both
-- truncated to 2 decimals), Ninh Bình 8,08/8,198 = 98,5606 is printed 98,6
-- (half up to 1 decimal).  So the mode and the digits are data here, which
-- an administrator changes with UPDATE, never constants in the views.
--   scope   'total' (the whole country, all sources), 'source' (one
--           funding source) or 'province' (one province, all sources)
--   line    NULL: every line of the scope; otherwise one line, which then
--           overrides the scope's row: a source ('national', 'local') or a
--           province code ('NB')
--   digits, rounding   as kc_pct takes them (0 to 16; half_up, half_even,
--           trunc); the CHECK asks kc_pct itself, so a wrong value fails
--           with kc_pct's own error and hint.
-- A line whose scope has no row gets a NULL percentage.
CREATE TABLE report_rounding (
	scope		text NOT NULL CHECK (scope IN ('total', 'source', 'province')),
	line		text,
	digits		integer NOT NULL,
	rounding	text NOT NULL,
	UNIQUE NULLS NOT DISTINCT (scope, line),
	CHECK (kc_pct(1::kc_money, 3::kc_money, digits, rounding) IS NOT NULL)
);
COMMENT ON TABLE report_rounding IS
	'How the report views round the fulfilment percentage of each line (scope total/source/province, optionally one line): digits and rounding mode as kc_pct takes them.';
INSERT INTO report_rounding (scope, line, digits, rounding) VALUES
	('total', NULL, 2, 'trunc'),		-- 93,48
	('source', NULL, 2, 'trunc'),		-- 97,14 and 90,99
	('province', NULL, 1, 'half_up');	-- Ninh Bình 98,6

-- For BI tools that know nothing of kc_ext types: the report as the 2022
-- report prints it, in plain numeric, integer and text columns.  Amounts
-- are numeric(20,0) (whole đồng; ODBC describes it as NUMERIC(20,0)),
-- fulfilment_pct the percentage rounded as report_rounding says,
-- fulfilment_printed the same as the report writes it ("90,99%").
-- report_by_source has one row per year and source (scope 'source') and
-- one total row per year, all sources (scope 'total', source NULL): filter
-- on scope before summing.
CREATE VIEW report_by_source AS
SELECT s.year, s.source::text AS source,
	   CASE WHEN s.is_total THEN 'Tổng cộng cả nước' ELSE kc_source_label(s.source) END AS source_label,
	   kc_planned(s.f)::numeric(20,0) AS planned_dong,
	   kc_actual(s.f)::numeric(20,0) AS actual_dong,
	   kc_pct(s.f, r.digits, r.rounding) AS fulfilment_pct,
	   kc_format_pct(kc_pct(s.f, r.digits, r.rounding)) AS fulfilment_printed,
	   CASE WHEN s.is_total THEN 'total' ELSE 'source' END AS scope,
	   r.digits AS pct_digits, r.rounding AS pct_rounding
FROM (SELECT year, source, kc_fulfilment(planned, actual) AS f,
			 grouping(source) = 1 AS is_total
	  FROM plan_fulfilment GROUP BY year, ROLLUP (source)) s
LEFT JOIN LATERAL (
	SELECT rr.digits, rr.rounding FROM report_rounding rr
	WHERE rr.scope = CASE WHEN s.is_total THEN 'total' ELSE 'source' END
	  AND (rr.line IS NULL OR rr.line = s.source::text)
	ORDER BY rr.line IS NULL LIMIT 1) r ON true;
COMMENT ON VIEW report_by_source IS
	'Plan fulfilment by year and funding source, plus a total row per year (scope total), rounded as report_rounding says; plain numeric and text columns for BI tools.';

CREATE VIEW report_by_province AS
SELECT s.year, s.province_code, pr.name AS province_name,
	   kc_planned(s.f)::numeric(20,0) AS planned_dong,
	   kc_actual(s.f)::numeric(20,0) AS actual_dong,
	   kc_pct(s.f, r.digits, r.rounding) AS fulfilment_pct,
	   kc_format_pct(kc_pct(s.f, r.digits, r.rounding)) AS fulfilment_printed,
	   r.digits AS pct_digits, r.rounding AS pct_rounding
FROM (SELECT year, province_code, kc_fulfilment(planned, actual) AS f
	  FROM plan_fulfilment GROUP BY year, province_code) s
JOIN province pr ON pr.code = s.province_code
LEFT JOIN LATERAL (
	SELECT rr.digits, rr.rounding FROM report_rounding rr
	WHERE rr.scope = 'province' AND (rr.line IS NULL OR rr.line = s.province_code)
	ORDER BY rr.line IS NULL LIMIT 1) r ON true;
COMMENT ON VIEW report_by_province IS
	'Plan fulfilment by year and province, all sources, rounded as report_rounding says; plain numeric and text columns for BI tools.';

-- Every table, for BI and ETL tools: one view <table>_bi per table and per
-- view of this schema, with the same columns in the same order, every
-- kc_money as numeric(20,0) and every kc_source as text.  A client that
-- does not know a type's OID shows it as text (pandas concatenates,
-- spreadsheets sum to 0, ODBC says VARCHAR(255)); these columns are
-- built-in types every driver reads as numbers.  Point a BI tool at the
-- *_bi views and the report views.  When a column is added to a table, add
-- it to its _bi view (the regression test report_views checks that every
-- table has its view with the same columns and no kc_ext type).
-- demo/rls.sql makes them security_invoker, so row-level security applies.
CREATE VIEW province_bi AS
SELECT code, name, region FROM province;

CREATE VIEW fund_plan_bi AS
SELECT id, year, province_code, source::text AS source,
	   approved::numeric(20,0) AS approved, approved_on
FROM fund_plan;

CREATE VIEW project_bi AS
SELECT id, code, title, year, province_code, category, source::text AS source,
	   approved_on, cost::numeric(20,0) AS cost, support::numeric(20,0) AS support
FROM project;

CREATE VIEW allocation_bi AS
SELECT id, plan_id, project_id, amount::numeric(20,0) AS amount, allocated_on
FROM allocation;

CREATE VIEW payment_bi AS
SELECT id, allocation_id, kind, amount::numeric(20,0) AS amount, paid_on
FROM payment;

CREATE VIEW plan_fulfilment_bi AS
SELECT plan_id, year, province_code, source::text AS source,
	   planned::numeric(20,0) AS planned, actual::numeric(20,0) AS actual
FROM plan_fulfilment;

CREATE VIEW report_rounding_bi AS
SELECT scope, line, digits, rounding FROM report_rounding;

COMMENT ON VIEW province_bi IS 'province for BI tools (built-in types only).';
COMMENT ON VIEW fund_plan_bi IS 'fund_plan for BI tools: approved as numeric(20,0) đồng, source as text.';
COMMENT ON VIEW project_bi IS 'project for BI tools: cost and support as numeric(20,0) đồng, source as text.';
COMMENT ON VIEW allocation_bi IS 'allocation for BI tools: amount as numeric(20,0) đồng.';
COMMENT ON VIEW payment_bi IS 'payment for BI tools: amount as numeric(20,0) đồng.';
COMMENT ON VIEW plan_fulfilment_bi IS 'plan_fulfilment for BI tools: planned and actual as numeric(20,0) đồng, source as text.';
COMMENT ON VIEW report_rounding_bi IS 'report_rounding for BI tools (built-in types only).';
