-- The 2022 report, reproduced from the reference schema and the demo data
-- (demo/schema.sql, demo/data_2022.sql: the same files the demo loads).
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS kc_ext;
RESET client_min_messages;
CREATE SCHEMA report_demo;
SET search_path = report_demo, public;
-- the schema and data files are not echoed (ECHO none), only loaded
\set ECHO none
\i demo/schema.sql
\i demo/data_2022.sql
\set ECHO all

-- the report's lines: source totals and the rounding that reproduces each
SELECT CASE WHEN grouping(source) = 1 THEN 'total' ELSE source::text END AS line,
       kc_format(kc_planned(kc_fulfilment(planned, actual)), 'tỷ') AS planned,
       kc_format(kc_actual(kc_fulfilment(planned, actual)), 'tỷ') AS actual,
       kc_pct(kc_fulfilment(planned, actual), 2, 'trunc') AS pct_trunc,
       kc_pct(kc_fulfilment(planned, actual), 2, 'half_up') AS pct_half_up,
       kc_format_pct(kc_pct(kc_fulfilment(planned, actual), 2, 'trunc')) AS printed
FROM plan_fulfilment WHERE year = 2022
GROUP BY ROLLUP (source) ORDER BY grouping(source), source;

-- Ninh Bình: 8,198 tỷ planned, 8,08 tỷ done, printed 98,6 (one decimal, half up)
SELECT kc_format(kc_planned(f), 'tỷ') AS planned, kc_format(kc_actual(f), 'tỷ') AS actual,
       kc_pct(f, 1, 'half_up') AS pct, kc_pct(f, 1, 'trunc') AS pct_trunc,
       kc_format_pct(kc_pct(f, 1, 'half_up')) AS printed
FROM (SELECT kc_fulfilment(planned, actual) AS f FROM plan_fulfilment
      WHERE year = 2022 AND province_code = 'NB') s;

-- the payments never exceed their allocations, the allocations their plans
SELECT count(*) AS over_allocated_plans
FROM fund_plan fp
WHERE fp.approved < (SELECT sum(amount) FROM allocation a WHERE a.plan_id = fp.id);
SELECT count(*) AS overpaid_allocations
FROM allocation a
WHERE a.amount < (SELECT sum(amount) FROM payment p WHERE p.allocation_id = a.id);

-- the BI views: plain numeric and text columns
SELECT year, source, source_label, planned_dong, actual_dong, fulfilment_pct
FROM report_by_source ORDER BY source;
SELECT attname, atttypid::regtype
FROM pg_attribute WHERE attrelid = 'report_by_source'::regclass AND attnum > 0 ORDER BY attnum;
SELECT province_name, planned_dong, actual_dong, fulfilment_pct
FROM report_by_province ORDER BY fulfilment_pct DESC, province_name;

RESET search_path;
DROP SCHEMA report_demo CASCADE;
