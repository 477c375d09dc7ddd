-- kc_plan: input forms, output, binary I/O, constructor, accessors, operators.
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

-- text forms: plain integers with ',', any kc_money notation with ';'
SELECT '(345500000000,323000000000)'::kc_plan;
SELECT '(345,5 tỷ; 323 tỷ)'::kc_plan;
SELECT '  ( 8,198 tỷ đồng ;8,08 tỷ )  '::kc_plan;
SELECT '(1.169 triệu; -500 nghìn)'::kc_plan;
SELECT '(-1,-2)'::kc_plan;
SELECT '(0;0)'::kc_plan;

-- malformed: SQLSTATE and message naming the value
SELECT pg_temp.err($$SELECT ''::kc_plan$$);
SELECT pg_temp.err($$SELECT '()'::kc_plan$$);
SELECT pg_temp.err($$SELECT '(1)'::kc_plan$$);
SELECT pg_temp.err($$SELECT '(1,2,3)'::kc_plan$$);
SELECT pg_temp.err($$SELECT '(1;2;3)'::kc_plan$$);
SELECT pg_temp.err($$SELECT '1,2'::kc_plan$$);
SELECT pg_temp.err($$SELECT '(1,2'::kc_plan$$);
SELECT pg_temp.err($$SELECT '(1,2) x'::kc_plan$$);
SELECT pg_temp.err($$SELECT '(345,5 tỷ, 323 tỷ)'::kc_plan$$);
SELECT pg_temp.err($$SELECT '(1,5 đồng; 2)'::kc_plan$$);
SELECT pg_temp.err($$SELECT '(1; abc)'::kc_plan$$);
SELECT pg_temp.err($$SELECT '(9223372036854775808; 0)'::kc_plan$$);
SELECT pg_temp.err($$SELECT '(1.23.456; 0)'::kc_plan$$);
-- the hint for a comma-separated literal with decimal commas
\set VERBOSITY default
SELECT '(345,5 tỷ, 323 tỷ)'::kc_plan;

-- constructor and accessors
SELECT kc_plan('140 tỷ', '136 tỷ');
SELECT kc_planned(p), kc_actual(p), kc_remaining(p)
FROM (SELECT '(205,5 tỷ; 187 tỷ)'::kc_plan AS p) s;
SELECT kc_plan(NULL, 1) IS NULL AS null_in_null_out;
SELECT pg_temp.err($$SELECT kc_remaining('(-9223372036854775808; 1)')$$);

-- operators
SELECT '(1;2)'::kc_plan + '(10;20)'::kc_plan;
SELECT pg_temp.err($$SELECT '(9223372036854775807;0)'::kc_plan + '(1;0)'::kc_plan$$);
SELECT pg_temp.err($$SELECT '(0;-9223372036854775808)'::kc_plan + '(0;-1)'::kc_plan$$);
SELECT '(1;2)'::kc_plan = '(1,2)'::kc_plan AS eq, '(1;2)'::kc_plan <> '(2,1)'::kc_plan AS ne,
       '(1;2)'::kc_plan = '(2,1)'::kc_plan AS eq2;

-- binary I/O: send gives 16 bytes, planned first; recv reads them back
SELECT kc_plan_send('(345,5 tỷ; 323 tỷ)');
CREATE TABLE plan_bin (id int, p kc_plan);
INSERT INTO plan_bin VALUES (1, '(345,5 tỷ; 323 tỷ)'), (2, '(-1;9223372036854775807)'), (3, NULL);
\copy plan_bin TO 'results/plan_bin.copy' WITH (FORMAT binary)
CREATE TABLE plan_bin2 (LIKE plan_bin);
\copy plan_bin2 FROM 'results/plan_bin.copy' WITH (FORMAT binary)
SELECT a.id, a.p, b.p, a.p = b.p AS same
FROM plan_bin a JOIN plan_bin2 b USING (id) ORDER BY id;
DROP TABLE plan_bin, plan_bin2;
