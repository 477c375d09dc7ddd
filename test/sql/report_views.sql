-- The report views and the BI views of the reference schema (demo/schema.sql,
-- demo/data_2022.sql): the report views print the 2022 report's figures
-- exactly (DESIGN.md: 93,48 / 97,14 / 90,99 / 98,6) with a total row, the
-- rounding of each line is data (report_rounding), and every table has a
-- *_bi view whose columns are built-in types only.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS kc_ext;
RESET client_min_messages;
CREATE SCHEMA report_views;
SET search_path = report_views, public;
\set ECHO none
\i demo/schema.sql
\i demo/data_2022.sql
\set ECHO all

-- the 2022 report's lines: total 93,48, national 97,14, local 90,99
SELECT scope, source, source_label, planned_dong, actual_dong, fulfilment_pct,
       fulfilment_printed, pct_digits, pct_rounding
FROM report_by_source WHERE year = 2022 ORDER BY scope DESC, source;
-- Ninh Bình 98,6
SELECT province_name, planned_dong, actual_dong, fulfilment_pct, fulfilment_printed
FROM report_by_province WHERE year = 2022 AND province_code = 'NB';
-- the same as assertions against DESIGN.md's table (all true)
SELECT
  (SELECT fulfilment_printed = '93,48%' AND fulfilment_pct = 93.48
          AND planned_dong = 345500000000 AND actual_dong = 323000000000
   FROM report_by_source WHERE year = 2022 AND scope = 'total') AS total_93_48,
  (SELECT fulfilment_printed = '97,14%' AND fulfilment_pct = 97.14
   FROM report_by_source WHERE year = 2022 AND source = 'national') AS national_97_14,
  (SELECT fulfilment_printed = '90,99%' AND fulfilment_pct = 90.99
   FROM report_by_source WHERE year = 2022 AND source = 'local') AS local_90_99,
  (SELECT fulfilment_printed = '98,6%' AND fulfilment_pct = 98.6
   FROM report_by_province WHERE year = 2022 AND province_code = 'NB') AS ninh_binh_98_6,
  (SELECT count(*) = 1 FROM report_by_source WHERE year = 2022 AND scope = 'total'
          AND source IS NULL) AS one_total_row;
-- the total row is the sum of the source rows
SELECT sum(planned_dong) FILTER (WHERE scope = 'source') = sum(planned_dong) FILTER (WHERE scope = 'total')
   AND sum(actual_dong) FILTER (WHERE scope = 'source') = sum(actual_dong) FILTER (WHERE scope = 'total')
   AS total_is_sum
FROM report_by_source WHERE year = 2022;

------------------------------------------------------------------------
-- The rounding is data: changing a row of report_rounding changes the views.
------------------------------------------------------------------------
SELECT scope, line, digits, rounding FROM report_rounding ORDER BY scope, line NULLS FIRST;
BEGIN;
-- half up for the sources: local becomes 91,00 (printed 91%)
UPDATE report_rounding SET rounding = 'half_up' WHERE scope = 'source' AND line IS NULL;
-- one line overrides its scope: Ninh Bình to 2 decimals, truncated
INSERT INTO report_rounding (scope, line, digits, rounding) VALUES ('province', 'NB', 2, 'trunc');
-- the whole country to 3 decimals, half even
UPDATE report_rounding SET digits = 3, rounding = 'half_even' WHERE scope = 'total';
SELECT scope, source, fulfilment_pct, fulfilment_printed, pct_digits, pct_rounding
FROM report_by_source WHERE year = 2022 ORDER BY scope DESC, source;
SELECT province_code, fulfilment_pct, fulfilment_printed, pct_digits, pct_rounding
FROM report_by_province WHERE year = 2022 AND province_code IN ('NB', 'QN') ORDER BY province_code;
-- a scope without a row: its percentages are NULL (not a hidden default)
DELETE FROM report_rounding WHERE scope = 'province';
SELECT province_code, fulfilment_pct, fulfilment_printed
FROM report_by_province WHERE year = 2022 AND province_code = 'NB';
ROLLBACK;
-- back as shipped
SELECT source, fulfilment_pct FROM report_by_source WHERE year = 2022 ORDER BY source NULLS FIRST;

-- what report_rounding refuses: a mode or digits kc_pct does not take
-- (kc_pct's own error and hint), an unknown scope, two rows for one line
INSERT INTO report_rounding (scope, line, digits, rounding) VALUES ('source', 'local', 2, 'round');
INSERT INTO report_rounding (scope, line, digits, rounding) VALUES ('source', 'local', 17, 'trunc');
\set VERBOSITY terse
INSERT INTO report_rounding (scope, line, digits, rounding) VALUES ('region', NULL, 2, 'trunc');
INSERT INTO report_rounding (scope, line, digits, rounding) VALUES ('source', NULL, 2, 'trunc');
\set VERBOSITY default

------------------------------------------------------------------------
-- The BI views: built-in types only, the same columns as their tables.
------------------------------------------------------------------------
-- every table and view of the schema has a view <name>_bi with the same
-- column names in the same order (a column added to a table and not to its
-- _bi view shows up here)
SELECT c.relname, c.relkind,
       b.relname AS bi_view,
       (SELECT array_agg(attname ORDER BY attnum) FROM pg_attribute
        WHERE attrelid = c.oid AND attnum > 0 AND NOT attisdropped)
       IS NOT DISTINCT FROM
       (SELECT array_agg(attname ORDER BY attnum) FROM pg_attribute
        WHERE attrelid = b.oid AND attnum > 0 AND NOT attisdropped) AS same_columns
FROM pg_class c
LEFT JOIN pg_class b ON b.relnamespace = c.relnamespace AND b.relname = c.relname || '_bi'
WHERE c.relnamespace = 'report_views'::regnamespace AND c.relkind IN ('r', 'v')
  AND c.relname NOT LIKE '%\_bi' AND c.relname NOT LIKE 'report\_by\_%'
ORDER BY c.relname;
-- no column of a BI view or a report view has a type of kc_ext (none listed)
SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod)
FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0
WHERE c.relnamespace = 'report_views'::regnamespace
  AND (c.relname LIKE '%\_bi' OR c.relname LIKE 'report\_by\_%')
  AND EXISTS (SELECT FROM pg_depend d
              WHERE d.classid = 'pg_type'::regclass AND d.objid = a.atttypid
                AND d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e');
-- every kc_money column of a table is numeric(20,0) in its _bi view, every
-- kc_source column text
SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod) AS in_table,
       format_type(ba.atttypid, ba.atttypmod) AS in_bi_view
FROM pg_class c
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0
JOIN pg_class b ON b.relnamespace = c.relnamespace AND b.relname = c.relname || '_bi'
JOIN pg_attribute ba ON ba.attrelid = b.oid AND ba.attname = a.attname
WHERE c.relnamespace = 'report_views'::regnamespace
  AND a.atttypid IN ('kc_money'::regtype, 'kc_source'::regtype)
ORDER BY c.relname, a.attnum;
-- the report views' columns
SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod)
FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0
WHERE c.oid IN ('report_by_source'::regclass, 'report_by_province'::regclass)
ORDER BY c.relname, a.attnum;
-- the same rows and amounts as the tables, exactly
SELECT (SELECT count(*) FROM fund_plan_bi) = (SELECT count(*) FROM fund_plan)
   AND (SELECT sum(approved) FROM fund_plan_bi) = (SELECT sum(approved)::numeric FROM fund_plan) AS fund_plan_same,
       (SELECT sum(cost) FROM project_bi) = (SELECT sum(cost)::numeric FROM project)
   AND (SELECT sum(support) FROM project_bi) = (SELECT sum(support)::numeric FROM project) AS project_same,
       (SELECT sum(amount) FROM allocation_bi) = (SELECT sum(amount)::numeric FROM allocation) AS allocation_same,
       (SELECT sum(amount) FROM payment_bi) = (SELECT sum(amount)::numeric FROM payment) AS payment_same,
       (SELECT sum(planned) FROM plan_fulfilment_bi) = 345500000000
   AND (SELECT sum(actual) FROM plan_fulfilment_bi) = 323000000000 AS plan_fulfilment_same;
-- the extremes of kc_money fit numeric(20,0) exactly
INSERT INTO province VALUES ('XX', 'test', 'test');
INSERT INTO fund_plan (year, province_code, source, approved) VALUES
	(2030, 'XX', 'local', '9223372036854775807');
SELECT approved, pg_typeof(approved) FROM fund_plan_bi WHERE year = 2030;
DELETE FROM fund_plan WHERE year = 2030;
DELETE FROM province WHERE code = 'XX';

RESET search_path;
SET client_min_messages = warning;
DROP SCHEMA report_views CASCADE;
RESET client_min_messages;
