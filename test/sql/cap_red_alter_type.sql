-- Red-team: ALTER TABLE ... ALTER COLUMN ... TYPE ... USING rewrites every
-- row of the table without firing row triggers.  On a cap rule's limit
-- column it can lower every limit below what is allocated, on its amount
-- column it can raise every amount past the limit, and the kept totals no
-- longer equal the real sums; nothing is checked and nothing is reported
-- (unlike DISABLE TRIGGER, which at least warns).  What the rule should do:
-- refuse such a rewrite, or recompute and check the totals (as
-- kc_cap_rebuild does) so that it fails when a limit ends below its total.
-- The test does not depend on which: it asserts only the end state.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS kc_ext;
CREATE TABLE ra_plan (id int PRIMARY KEY, approved bigint);
CREATE TABLE ra_alloc (id serial PRIMARY KEY, plan_id int, amount bigint);
INSERT INTO ra_plan VALUES (1, 100);
SELECT kc_enforce_cap('ra_cap', 'ra_alloc', ARRAY['plan_id'], 'amount', 'ra_plan', ARRAY['id'], 'approved');
INSERT INTO ra_alloc (plan_id, amount) VALUES (1, 90);
CREATE FUNCTION pg_temp.attempt(sql text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE sql;
	RETURN 'done';
EXCEPTION WHEN OTHERS THEN
	RETURN 'refused';
END $$;
CREATE FUNCTION pg_temp.ra_state(OUT id int, OUT within_limit bool, OUT kept_equals_real bool)
RETURNS SETOF record LANGUAGE sql AS $$
SELECT p.id,
	(SELECT coalesce(sum(amount), 0) FROM ra_alloc a WHERE a.plan_id = p.id) <= p.approved AS within_limit,
	(SELECT coalesce(sum(amount), 0) FROM ra_alloc a WHERE a.plan_id = p.id) =
	coalesce((SELECT total FROM kc_cap_total WHERE rule_name = 'ra_cap' AND parent_key = ARRAY[p.id::text]), 0) AS kept_equals_real
FROM ra_plan p ORDER BY p.id
$$;
-- lower every limit by 50 (90 > 50)
SELECT pg_temp.attempt('ALTER TABLE ra_plan ALTER COLUMN approved TYPE bigint USING approved - 50') IS NOT NULL AS attempted;
SELECT * FROM pg_temp.ra_state();
-- double every amount (180 > 100)
SELECT pg_temp.attempt('ALTER TABLE ra_alloc ALTER COLUMN amount TYPE bigint USING amount * 2') IS NOT NULL AS attempted;
SELECT * FROM pg_temp.ra_state();
SELECT kc_drop_cap('ra_cap');
DROP TABLE ra_alloc, ra_plan;
