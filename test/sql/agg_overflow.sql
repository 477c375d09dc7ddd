-- Aggregate transition states never wrap (issue 10).
--
-- kc_money_sumstate (sum, count) and kc_plan_sumstate (planned, actual,
-- count) hold 128-bit sums within 2^120 in magnitude and a count in
-- [0, 2^63 - 1]: the bounds their text input and binary receive accept.
-- Every function that returns a state (accum, retract, combine) keeps to
-- them and raises 22003 otherwise, so a count never turns negative (1.0's
-- accum wrapped it, and avg went negative with it) and every state a
-- function returns reads back from its text and binary forms (1.0's combine
-- and retract returned sums its own input refused, so a stored state failed
-- COPY and restore).
--
-- 2^120     = 1329227995784915872903807060280344576
-- 2^63 - 1  = 9223372036854775807
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS kc_ext;
RESET client_min_messages;

CREATE TABLE agg_overflow_ms (id int, st kc_money_sumstate);
CREATE TABLE agg_overflow_ps (id int, st kc_plan_sumstate);
-- Runs the state expression q and keeps its result in table tbl (for the
-- round trips below); returns the state as text, or the error with its
-- SQLSTATE and detail.
CREATE FUNCTION pg_temp.keep(tbl text, id int, q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	r text;
	d text;
BEGIN
	EXECUTE format('INSERT INTO %I SELECT %s, (%s) RETURNING st::text', tbl, id, q) INTO r;
	RETURN r;
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS d = PG_EXCEPTION_DETAIL;
	RETURN 'ERROR ' || SQLSTATE || ': ' || SQLERRM || coalesce(' | ' || nullif(d, ''), '');
END $$;

-- kc_money_sumstate: accum, retract and combine at the edges of the bounds
SELECT id, q, pg_temp.keep('agg_overflow_ms', id, q) AS result
FROM (VALUES
	-- the count: 2^63 - 1 is the last count; one more row is an error, not -2^63
	(1, $$kc_money_sum_accum('(0,9223372036854775806)', 1::kc_money)$$),
	(2, $$kc_money_sum_accum('(0,9223372036854775807)', 1::kc_money)$$),
	(3, $$kc_money_sum_accum('(5,9223372036854775807)', NULL::kc_money)$$),
	-- the sum: exactly +-2^120 is reached, one đồng beyond is an error
	(4, $$kc_money_sum_accum('(1329227995784915872903807060280344575,1)', 1::kc_money)$$),
	(5, $$kc_money_sum_accum('(1329227995784915872903807060280344576,1)', 1::kc_money)$$),
	(6, $$kc_money_sum_accum('(-1329227995784915872903807060280344575,1)', -1::kc_money)$$),
	(7, $$kc_money_sum_accum('(-1329227995784915872903807060280344576,1)', -1::kc_money)$$),
	(8, $$kc_money_sum_accum('(1329227995784915872903807060280344576,1)', 0::kc_money)$$),
	(9, $$kc_money_sum_accum('(1329227995784915863680435023425568769,1)', 9223372036854775807::kc_money)$$),
	(10, $$kc_money_sum_accum('(-1329227995784915863680435023425568768,1)', (-9223372036854775807)::kc_money - 1)$$),
	-- retract: below -2^120 (or above +2^120) is an error, not a state input refuses
	(11, $$kc_money_sum_retract('(-1329227995784915872903807060280344576,1)', 1::kc_money)$$),
	(12, $$kc_money_sum_retract('(1329227995784915872903807060280344576,2)', -1::kc_money)$$),
	(13, $$kc_money_sum_retract('(-1329227995784915872903807060280344575,1)', 1::kc_money)$$),
	-- combine: the sum of two states in bounds can leave them
	(14, $$kc_money_sumstate_combine('(1329227995784915872903807060280344575,3)', '(1,9223372036854775804)')$$),
	(15, $$kc_money_sumstate_combine('(1329227995784915872903807060280344576,1)', '(1329227995784915872903807060280344576,1)')$$),
	(16, $$kc_money_sumstate_combine('(-1329227995784915872903807060280344576,1)', '(-1,1)')$$),
	(17, $$kc_money_sumstate_combine('(1329227995784915872903807060280344576,1)', '(-1329227995784915872903807060280344576,1)')$$)
) v(id, q)
ORDER BY id;

-- kc_plan_sumstate: the same for kc_fulfilment's and sum(kc_plan)'s transitions
SELECT id, q, pg_temp.keep('agg_overflow_ps', id, q) AS result
FROM (VALUES
	(1, $$kc_fulfilment_accum('(0,0,9223372036854775806)', 1::kc_money, 1::kc_money)$$),
	(2, $$kc_fulfilment_accum('(0,0,9223372036854775807)', 1::kc_money, 1::kc_money)$$),
	(3, $$kc_fulfilment_accum('(0,0,9223372036854775807)', NULL::kc_money, NULL::kc_money)$$),
	(4, $$kc_plan_sum_accum('(0,0,9223372036854775807)', '(1;1)'::kc_plan)$$),
	(5, $$kc_fulfilment_accum('(1329227995784915872903807060280344575,0,1)', 1::kc_money, NULL::kc_money)$$),
	(6, $$kc_fulfilment_accum('(1329227995784915872903807060280344576,0,1)', 1::kc_money, NULL::kc_money)$$),
	(7, $$kc_fulfilment_accum('(0,-1329227995784915872903807060280344576,1)', NULL::kc_money, -1::kc_money)$$),
	(8, $$kc_plan_sum_accum('(1329227995784915872903807060280344576,0,1)', '(1;0)'::kc_plan)$$),
	(9, $$kc_plan_sum_accum('(0,1329227995784915872903807060280344576,1)', '(0;1)'::kc_plan)$$),
	(10, $$kc_plan_sum_accum('(1329227995784915872903807060280344576,-1329227995784915872903807060280344576,1)', '(0;0)'::kc_plan)$$),
	(11, $$kc_fulfilment_retract('(-1329227995784915872903807060280344576,0,1)', 1::kc_money, NULL::kc_money)$$),
	(12, $$kc_fulfilment_retract('(0,1329227995784915872903807060280344576,1)', NULL::kc_money, -1::kc_money)$$),
	(13, $$kc_plan_sum_retract('(0,-1329227995784915872903807060280344576,1)', '(0;1)'::kc_plan)$$),
	(14, $$kc_plan_sum_retract('(-1329227995784915872903807060280344575,0,1)', '(1;0)'::kc_plan)$$),
	(15, $$kc_plan_sumstate_combine('(1329227995784915872903807060280344576,0,1)', '(1329227995784915872903807060280344576,0,1)')$$),
	(16, $$kc_plan_sumstate_combine('(0,-1329227995784915872903807060280344576,1)', '(0,-1,1)')$$),
	(17, $$kc_plan_sumstate_combine('(1329227995784915872903807060280344575,-1329227995784915872903807060280344575,9223372036854775800)', '(1,-1,7)')$$)
) v(id, q)
ORDER BY id;

-- every state kept above reads back from its text form ...
SELECT id, st::text::kc_money_sumstate::text = st::text AS text_round_trip
FROM agg_overflow_ms ORDER BY id;
SELECT id, st::text::kc_plan_sumstate::text = st::text AS text_round_trip
FROM agg_overflow_ps ORDER BY id;
-- ... and from its binary form (send, then receive through binary COPY)
\copy agg_overflow_ms TO 'results/agg_overflow_ms.bin' WITH (FORMAT binary)
\copy agg_overflow_ps TO 'results/agg_overflow_ps.bin' WITH (FORMAT binary)
CREATE TABLE agg_overflow_ms2 (LIKE agg_overflow_ms);
CREATE TABLE agg_overflow_ps2 (LIKE agg_overflow_ps);
\copy agg_overflow_ms2 FROM 'results/agg_overflow_ms.bin' WITH (FORMAT binary)
\copy agg_overflow_ps2 FROM 'results/agg_overflow_ps.bin' WITH (FORMAT binary)
SELECT (SELECT count(*) FROM agg_overflow_ms) AS kept,
       count(*) FILTER (WHERE a.st::text = b.st::text
                        AND kc_money_sumstate_send(a.st) = kc_money_sumstate_send(b.st)) AS binary_round_trip
FROM agg_overflow_ms a JOIN agg_overflow_ms2 b USING (id);
SELECT (SELECT count(*) FROM agg_overflow_ps) AS kept,
       count(*) FILTER (WHERE a.st::text = b.st::text
                        AND kc_plan_sumstate_send(a.st) = kc_plan_sumstate_send(b.st)) AS binary_round_trip
FROM agg_overflow_ps a JOIN agg_overflow_ps2 b USING (id);

-- no kept state has a negative count, and avg of a state of non-negative
-- sum is never negative
SELECT id, st, kc_money_avg_final(st) AS avg
FROM agg_overflow_ms ORDER BY id;
SELECT count(*) FILTER (WHERE (regexp_match(st::text, ',(-?\d+)\)$'))[1]::numeric < 0) AS ms_negative_counts,
       count(*) FILTER (WHERE (regexp_match(st::text, '^\((-?\d+),'))[1]::numeric >= 0
                        AND kc_money_avg_final(st) < 0) AS negative_avgs
FROM agg_overflow_ms;
SELECT count(*) FILTER (WHERE (regexp_match(st::text, ',(-?\d+)\)$'))[1]::numeric < 0) AS ps_negative_counts
FROM agg_overflow_ps;

-- Inside aggregates (the state is updated in place there): aggregates over
-- the same transition functions, started from states near the bounds.
CREATE AGGREGATE agg_overflow_avg(kc_money) (
	SFUNC = kc_money_sum_accum, STYPE = kc_money_sumstate,
	FINALFUNC = kc_money_avg_final, INITCOND = '(0,9223372036854775805)');
CREATE AGGREGATE agg_overflow_sumstate(kc_money) (
	SFUNC = kc_money_sum_accum, STYPE = kc_money_sumstate,
	INITCOND = '(1329227995784915872903807060280344574,0)',
	MSFUNC = kc_money_sum_accum, MINVFUNC = kc_money_sum_retract, MSTYPE = kc_money_sumstate,
	MINITCOND = '(-1329227995784915872903807060280344576,0)');
CREATE AGGREGATE agg_overflow_fulfilment(kc_money, kc_money) (
	SFUNC = kc_fulfilment_accum, STYPE = kc_plan_sumstate,
	INITCOND = '(0,0,9223372036854775805)');
CREATE AGGREGATE agg_overflow_plansum(kc_plan) (
	SFUNC = kc_plan_sum_accum, STYPE = kc_plan_sumstate,
	INITCOND = '(0,0,0)',
	MSFUNC = kc_plan_sum_accum, MINVFUNC = kc_plan_sum_retract, MSTYPE = kc_plan_sumstate,
	MINITCOND = '(0,-1329227995784915872903807060280344576,0)');
\set VERBOSITY default
-- two rows reach count 2^63 - 1; a third is an error, not a negative average
SELECT agg_overflow_avg(a) > 0 AS positive_avg FROM (VALUES (1::kc_money), (2)) v(a);
SELECT agg_overflow_avg(a) FROM (VALUES (1::kc_money), (2), (3)) v(a);
SELECT agg_overflow_fulfilment(p, a) FROM (VALUES (1::kc_money, 1::kc_money), (2, 2)) v(p, a);
SELECT agg_overflow_fulfilment(p, a) FROM (VALUES (1::kc_money, 1::kc_money), (2, 2), (3, 3)) v(p, a);
-- the sum reaches 2^120 and no further
SELECT agg_overflow_sumstate(a) FROM (VALUES (1::kc_money), (1), (0)) v(a);
SELECT agg_overflow_sumstate(a) FROM (VALUES (1::kc_money), (1), (1)) v(a);
-- a moving frame over a state at -2^120: removing the row that leaves
-- would take the sum below -2^120 (the frame's rows cancel out: 5, -5)
SELECT id, agg_overflow_sumstate(a) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)
FROM (VALUES (1, 5::kc_money), (2, -5)) v(id, a) ORDER BY id;
SELECT id, agg_overflow_sumstate(a) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)
FROM (VALUES (1, 5::kc_money), (2, -5), (3, 0)) v(id, a) ORDER BY id;
SELECT id, agg_overflow_plansum(p) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)
FROM (VALUES (1, '(0;5)'::kc_plan), (2, '(0;-5)'), (3, '(0;0)')) v(id, p) ORDER BY id;

DROP AGGREGATE agg_overflow_avg(kc_money);
DROP AGGREGATE agg_overflow_sumstate(kc_money);
DROP AGGREGATE agg_overflow_fulfilment(kc_money, kc_money);
DROP AGGREGATE agg_overflow_plansum(kc_plan);
DROP TABLE agg_overflow_ms, agg_overflow_ps, agg_overflow_ms2, agg_overflow_ps2;
