-- kc_fulfilment(planned, actual) and sum(kc_plan): grouping, NULLs,
-- 128-bit accumulation, window frames, parallel aggregation, state I/O.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS kc_ext;
RESET client_min_messages;
CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE q;
	RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE || ': ' || SQLERRM;
END $$;

CREATE TABLE lines (
	id int PRIMARY KEY,
	year int,
	region text,
	source kc_source,
	planned kc_money,
	actual kc_money
);
INSERT INTO lines VALUES
	(1, 2022, 'north', 'national', '60 tỷ', '58 tỷ'),
	(2, 2022, 'south', 'national', '80 tỷ', '78 tỷ'),
	(3, 2022, 'north', 'local', '105,5 tỷ', '97 tỷ'),
	(4, 2022, 'south', 'local', '100 tỷ', '90 tỷ'),
	(5, 2023, 'north', 'national', '70 tỷ', '10 tỷ'),
	(6, 2023, 'south', 'local', '0', '0'),
	(7, 2023, 'north', 'local', '5 tỷ', NULL),      -- planned, nothing done yet
	(8, 2023, 'south', 'national', NULL, NULL);     -- skipped entirely

-- GROUP BY and ROLLUP: the 2022 report lines
SELECT source, kc_fulfilment(planned, actual) AS f,
       kc_pct(kc_fulfilment(planned, actual), 2, 'trunc') AS pct
FROM lines WHERE year = 2022
GROUP BY ROLLUP (source) ORDER BY source NULLS LAST;

-- CUBE and GROUPING SETS
SELECT year, source, kc_fulfilment(planned, actual)
FROM lines GROUP BY CUBE (year, source) ORDER BY year NULLS LAST, source NULLS LAST;
SELECT region, source, kc_fulfilment(planned, actual)
FROM lines GROUP BY GROUPING SETS ((region), (source), ()) ORDER BY region NULLS LAST, source NULLS LAST;

-- FILTER
SELECT kc_fulfilment(planned, actual) FILTER (WHERE source = 'national') AS national,
       kc_fulfilment(planned, actual) FILTER (WHERE source = 'local') AS local,
       kc_fulfilment(planned, actual) FILTER (WHERE false) AS nothing
FROM lines WHERE year = 2022;

-- NULL rules: a NULL side counts as 0, a row with both NULL is skipped,
-- no counted row gives NULL; sum(kc_plan) skips NULL plans
SELECT kc_fulfilment(planned, actual) FROM lines WHERE year = 2023;
SELECT kc_fulfilment(planned, actual) IS NULL AS all_null FROM lines WHERE id = 8;
SELECT kc_fulfilment(planned, actual) IS NULL AS empty FROM lines WHERE false;
SELECT sum(p) FROM (VALUES ('(1;2)'::kc_plan), (NULL), ('(10;20)')) v(p);
SELECT sum(p) IS NULL AS empty_sum FROM (VALUES (NULL::kc_plan)) v(p);
-- a zero plan: NULL percentage
SELECT kc_pct(kc_fulfilment(planned, actual)) IS NULL AS zero_plan FROM lines WHERE id = 6;

-- sum(kc_plan) equals kc_fulfilment over the same rows
SELECT source, sum(kc_plan(planned, actual)) = kc_fulfilment(planned, actual) AS same
FROM lines WHERE planned IS NOT NULL AND actual IS NOT NULL GROUP BY source ORDER BY source;

-- 128-bit accumulation: partial sums beyond the 64-bit range whose total fits
SELECT kc_fulfilment(p, a)
FROM (VALUES (9223372036854775807::kc_money, '-9223372036854775808'::kc_money),
             (9223372036854775807, -9223372036854775808),
             (-9223372036854775807, 9223372036854775807),
             (-9223372036854775807, 9223372036854775807)) v(p, a);
SELECT pg_temp.err($$SELECT kc_fulfilment(p, 0::kc_money) FROM (VALUES (9223372036854775807::kc_money), (1)) v(p)$$);
SELECT pg_temp.err($$SELECT sum(p) FROM (VALUES ('(0;-9223372036854775808)'::kc_plan), ('(0;-1)')) v(p)$$);

-- window functions: running totals and moving frames (inverse transitions)
SELECT id, kc_fulfilment(planned, actual) OVER (ORDER BY id) AS running,
       kc_fulfilment(planned, actual) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS moving,
       sum(kc_plan(planned, actual)) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS sum_moving
FROM lines WHERE id <= 7 ORDER BY id;
-- a moving frame with NULL rows in and out of the frame equals recomputation
SELECT bool_and(w = r) AS moving_equals_recomputed
FROM (SELECT id,
             kc_fulfilment(planned, actual) OVER (ORDER BY id ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS w,
             (SELECT kc_fulfilment(l2.planned, l2.actual) FROM lines l2 WHERE l2.id BETWEEN l.id - 2 AND l.id) AS r
      FROM lines l) s
WHERE w IS NOT NULL;

-- the transition state is a real type with text and binary I/O
SELECT '(1,2,3)'::kc_plan_sumstate, '(-170141183460469231731687303715884105,5,0)'::kc_plan_sumstate;
SELECT kc_plan_sum_final('(345500000000,323000000000,4)');
SELECT kc_plan_sum_final('(0,0,0)') IS NULL AS empty_state;
SELECT kc_plan_sumstate_combine('(1,2,3)', '(10,20,30)');
SELECT kc_fulfilment_accum('(1,2,3)', 10, NULL), kc_fulfilment_retract('(1,2,3)', 1, 2);
SELECT kc_plan_sumstate_send('(1,2,3)');
SELECT pg_temp.err($$SELECT '(1,2)'::kc_plan_sumstate$$);
SELECT pg_temp.err($$SELECT '(1,2,-3)'::kc_plan_sumstate$$);
SELECT pg_temp.err($$SELECT '(a,2,3)'::kc_plan_sumstate$$);
SELECT pg_temp.err($$SELECT '(1,2,3'::kc_plan_sumstate$$);
SELECT pg_temp.err($$SELECT kc_plan_sum_final('(9223372036854775808,0,1)')$$);
SELECT pg_temp.err($$SELECT '(170141183460469231731687303715884105728,0,1)'::kc_plan_sumstate$$);
-- direct calls with hostile states: errors or NULL, never a crash
SELECT kc_fulfilment_accum(NULL, 1, 2) IS NULL AS null_state_accum,
       kc_fulfilment_retract(NULL, 1, 2) IS NULL AS null_state_retract;
SELECT pg_temp.err($$SELECT kc_fulfilment_retract('(0,0,0)', 1, 2)$$);
SELECT pg_temp.err($$SELECT kc_plan_sum_retract('(0,0,0)', '(1;2)')$$);
SELECT pg_temp.err($$SELECT '(1329227995784915872903807060280344577,0,1)'::kc_plan_sumstate$$);
SELECT '(1329227995784915872903807060280344576,-1329227995784915872903807060280344576,1)'::kc_plan_sumstate AS at_limit;
SELECT pg_temp.err($$SELECT kc_plan_sumstate_combine('(1329227995784915872903807060280344576,0,9223372036854775807)', '(0,0,1)')$$);
SELECT kc_plan_sumstate_combine('(1329227995784915872903807060280344576,0,1)', '(1329227995784915872903807060280344576,0,1)');
SELECT pg_temp.err($$SELECT kc_money_sum_retract('(0,0)', 5)$$);
SELECT pg_temp.err($$SELECT kc_money_sumstate_combine('(0,9223372036854775807)', '(0,1)')$$);
SELECT a.aggtransfn, a.aggcombinefn, a.aggmtransfn, a.aggminvtransfn, a.aggtranstype::regtype,
       p.proparallel
FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
WHERE a.aggfnoid IN ('kc_fulfilment(kc_money,kc_money)'::regprocedure, 'sum(kc_plan)'::regprocedure)
ORDER BY 1;

-- parallel aggregation: a Partial Aggregate per worker, results equal serial
CREATE TABLE big_lines AS
SELECT g AS id, (ARRAY['national','local','counterpart','other'])[g % 4 + 1]::kc_source AS source,
       (g::bigint * 1000003 % 999983) * 1000 AS planned,
       (g::bigint * 7919 % 999983) * 990 AS actual
FROM generate_series(1, 200000) g;
ALTER TABLE big_lines ALTER planned TYPE kc_money, ALTER actual TYPE kc_money;
ANALYZE big_lines;
CREATE TEMP TABLE serial_result AS
SELECT source, kc_fulfilment(planned, actual) AS f, sum(kc_plan(planned, actual)) AS s
FROM big_lines GROUP BY source;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF)
SELECT source, kc_fulfilment(planned, actual) FROM big_lines GROUP BY source;
SELECT source, p.f = r.f AS fulfilment_same, p.s = r.s AS sum_same
FROM (SELECT source, kc_fulfilment(planned, actual) AS f, sum(kc_plan(planned, actual)) AS s
      FROM big_lines GROUP BY source) p
JOIN serial_result r USING (source) ORDER BY source;
EXPLAIN (COSTS OFF)
SELECT kc_fulfilment(planned, actual) FROM big_lines;
SELECT kc_fulfilment(planned, actual) = (SELECT sum(f) FROM serial_result) AS total_same FROM big_lines;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;
DROP TABLE big_lines, lines;
