-- sum, avg, min and max of kc_money: NULLs, empty input, 128-bit
-- accumulation (partial sums beyond int64 whose total fits), a total out of
-- range (22003), the typed transition state and its text and binary I/O,
-- window frames (moving aggregates) and parallel aggregation.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS kc_ext;
RESET client_min_messages;

-- the catalog: a real state type (not internal), combine functions,
-- moving-aggregate functions, parallel safe
SELECT a.aggfnoid::regprocedure AS aggregate, a.aggtranstype::regtype AS state,
       a.aggcombinefn <> 0 AS has_combine, a.aggmtransfn <> 0 AS has_moving,
       a.aggminvtransfn <> 0 AS has_inverse, p.proparallel AS parallel
FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
WHERE a.aggfnoid::regprocedure::text ~ '\(kc_money\)$' ORDER BY 1::text;

CREATE TABLE money_agg_t (id int, grp text, amount kc_money);
INSERT INTO money_agg_t VALUES
	(1, 'national', '140 tỷ'), (2, 'local', '205,5 tỷ'), (3, 'local', '8,198 tỷ'),
	(4, 'national', '-1.500 đồng'), (5, 'local', NULL), (6, 'none', NULL);

SELECT grp, sum(amount), avg(amount), min(amount), max(amount), count(amount), count(*),
       pg_typeof(sum(amount)) AS sum_type, pg_typeof(avg(amount)) AS avg_type
FROM money_agg_t GROUP BY ROLLUP (grp) ORDER BY grp;
-- empty input and all-NULL input give NULL
SELECT sum(amount) IS NULL AS sum_null, avg(amount) IS NULL AS avg_null,
       min(amount) IS NULL AS min_null, max(amount) IS NULL AS max_null
FROM money_agg_t WHERE false;
SELECT sum(amount), avg(amount), min(amount), max(amount) FROM money_agg_t WHERE grp = 'none';
-- the same results as numeric arithmetic
SELECT sum(amount)::numeric = sum(amount::numeric) AS sum_exact,
       avg(amount) = avg(amount::numeric) AS avg_exact
FROM money_agg_t;

-- 128-bit accumulation: running sums far beyond int64 whose total fits
CREATE TABLE money_agg_big (id int, amount kc_money);
INSERT INTO money_agg_big VALUES (1, '9223372036854775807'), (2, '9223372036854775807'),
	(3, '9223372036854775807'), (4, '-9223372036854775808'), (5, '-9223372036854775808'),
	(6, '-9223372036854775808'), (7, '8,198 tỷ');
SELECT sum(amount) AS total, avg(amount) AS average FROM money_agg_big;
-- a total out of range: 22003, naming the sum, with a hint
SELECT sum(amount) FROM money_agg_big WHERE id <= 2;
SELECT sum(amount) FROM money_agg_big WHERE id BETWEEN 4 AND 6;
-- avg of amounts whose sum exceeds int64 is still exact
SELECT avg(amount) FROM money_agg_big WHERE id <= 3;
SELECT avg(amount) FROM money_agg_big WHERE id BETWEEN 4 AND 6;

-- the transition state: text I/O
SELECT '(0,0)'::kc_money_sumstate AS zero, '(-5,2)'::kc_money_sumstate AS negative,
       '(+7,1)'::kc_money_sumstate AS plus,
       '(1000000000000000000000000000000000000,3)'::kc_money_sumstate AS beyond_int64,
       '(-1329227995784915872903807060280344575,1)'::kc_money_sumstate AS minus_2_120_plus_1;
SELECT kc_money_sum_final('(8198000000,1)') AS final_sum,
       kc_money_avg_final('(10,4)') AS final_avg,
       kc_money_sum_final('(0,0)') IS NULL AS empty_is_null,
       kc_money_sum_accum('(5,1)', 10) AS accum_outside_aggregate,
       kc_money_sumstate_combine('(5,1)', '(-7,2)') AS combine,
       kc_money_sum_accum('(5,1)', NULL) AS accum_null_amount,
       kc_money_sum_accum(NULL, 5) IS NULL AS accum_null_state,
       kc_money_sum_retract('(5,2)', 5) AS retract,
       kc_money_sum_retract('(5,2)', NULL) AS retract_null_amount;
\set VERBOSITY default
SELECT '(1,2'::kc_money_sumstate;
SELECT '(1)'::kc_money_sumstate;
SELECT '(a,1)'::kc_money_sumstate;
SELECT '(,1)'::kc_money_sumstate;
SELECT '(1,)'::kc_money_sumstate;
SELECT '(1,-1)'::kc_money_sumstate;
SELECT '(1,2x)'::kc_money_sumstate;
SELECT '(1,99999999999999999999)'::kc_money_sumstate;
SELECT '(99999999999999999999999999999999999999999,1)'::kc_money_sumstate;
SELECT '(1329227995784915872903807060280344576,1)'::kc_money_sumstate AS two_to_120,
       '(-1329227995784915872903807060280344576,1)'::kc_money_sumstate AS minus_two_to_120;
SELECT '(1329227995784915872903807060280344577,1)'::kc_money_sumstate;
SELECT kc_money_sum_final('(9223372036854775808,2)');
-- the state's binary I/O: send gives 24 bytes, binary COPY round-trips it
SELECT kc_money_sumstate_send('(-2,3)') AS sent,
       length(kc_money_sumstate_send('(1000000000000000000000000000000000000,3)')) AS bytes;
CREATE TABLE money_agg_states (st kc_money_sumstate);
INSERT INTO money_agg_states VALUES ('(0,0)'), ('(-2,3)'),
	('(1000000000000000000000000000000000000,3)'), ('(-1329227995784915872903807060280344575,9)');
\copy money_agg_states TO 'results/money_agg_states.bin' WITH (FORMAT binary)
CREATE TABLE money_agg_states2 (st kc_money_sumstate);
\copy money_agg_states2 FROM 'results/money_agg_states.bin' WITH (FORMAT binary)
SELECT st::text FROM money_agg_states2 ORDER BY 1;
SELECT count(*) AS same_text FROM money_agg_states a JOIN money_agg_states2 b ON a.st::text = b.st::text;
DROP TABLE money_agg_states, money_agg_states2;

-- window frames: moving sums and averages, also over NULLs and empty frames
SELECT id, amount,
       sum(amount) OVER w AS moving_sum, avg(amount) OVER w AS moving_avg,
       sum(amount::numeric) OVER w AS numeric_sum,
       sum(amount) OVER (ORDER BY id) AS running_sum,
       min(amount) OVER w AS moving_min, max(amount) OVER w AS moving_max
FROM money_agg_t
WINDOW w AS (ORDER BY id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)
ORDER BY id;
-- moving frames whose totals fit while the state, between removing the
-- row that leaves and adding the one that enters, does not
SELECT id, amount, sum(amount) OVER w AS last4, sum(amount::numeric) OVER w AS numeric_last4,
       avg(amount) OVER w AS avg_last4
FROM (VALUES (1, '9223372036854775807'::kc_money), (2, '-9223372036854775808'),
             (3, '9223372036854775807'), (4, '-9223372036854775808'), (5, '9223372036854775807'),
             (6, '-9223372036854775808'), (7, '8,198 tỷ')) v(id, amount)
WINDOW w AS (ORDER BY id ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
ORDER BY id;
-- a frame whose sum does not fit: 22003
SELECT id, sum(amount) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)
FROM money_agg_big ORDER BY id;
-- a larger moving window agrees with numeric over every frame
SELECT count(*) AS frames,
       count(*) FILTER (WHERE s::numeric = n AND a = na) AS frames_equal
FROM (SELECT sum(amount) OVER w AS s, sum(amount::numeric) OVER w AS n,
             avg(amount) OVER w AS a, avg(amount::numeric) OVER w AS na
      FROM (SELECT i, CASE WHEN i % 7 = 0 THEN NULL ELSE (i * 7919 % 1000003 - 500000) * 1000 END::kc_money AS amount
            FROM generate_series(1, 3000) i) x
      WINDOW w AS (ORDER BY i ROWS BETWEEN 10 PRECEDING AND 5 FOLLOWING)) f;
DROP TABLE money_agg_t, money_agg_big;

-- parallel aggregation: Partial Aggregate in the workers, combined by the
-- leader; results equal the serial ones.  The first half of the table holds
-- large positive amounts and the second half large negative ones, so the
-- running and partial sums go far beyond int64 while every total fits.
CREATE TABLE money_agg_par (id int, grp int, amount kc_money);
INSERT INTO money_agg_par
SELECT i, i % 4,
       CASE WHEN i <= 100000 THEN 9000000000000000000 ELSE -9000000000000000000 END::kc_money + i
FROM generate_series(1, 200000) i;
ANALYZE money_agg_par;
SELECT sum(amount::numeric) AS first_half_sum FROM money_agg_par WHERE id <= 100000;
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE money_agg_serial AS
	SELECT grp, sum(amount), avg(amount), min(amount), max(amount) FROM money_agg_par GROUP BY ROLLUP (grp);
SELECT * FROM money_agg_serial ORDER BY grp;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT sum(amount), avg(amount), min(amount), max(amount) FROM money_agg_par;
SELECT sum(amount), avg(amount), min(amount), max(amount) FROM money_agg_par;
EXPLAIN (COSTS OFF) SELECT grp, sum(amount), avg(amount) FROM money_agg_par GROUP BY grp;
SELECT count(*) AS groups_equal_to_serial
FROM (SELECT grp, sum(amount), avg(amount), min(amount), max(amount) FROM money_agg_par GROUP BY ROLLUP (grp)) p
JOIN money_agg_serial s ON p.grp IS NOT DISTINCT FROM s.grp AND p.sum = s.sum AND p.avg = s.avg
	AND p.min = s.min AND p.max = s.max;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;
DROP TABLE money_agg_par;
