-- Red-team: a limit changed from NULL to a number is treated as a raise and
-- not checked.  NULL means "no approved amount" (the total must stay <= 0),
-- so NULL -> a negative number is a lowering: it must be checked against
-- the total already under the parent, exactly as INSERT of a parent with
-- that limit and a change from 5 to that limit are.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS kc_ext;
CREATE TABLE rn_plan (id int PRIMARY KEY, approved bigint);
CREATE TABLE rn_alloc (id serial PRIMARY KEY, plan_id int, amount bigint);
INSERT INTO rn_plan VALUES (1, NULL), (2, 5), (3, NULL);
SELECT kc_enforce_cap('rn_cap', 'rn_alloc', ARRAY['plan_id'], 'amount', 'rn_plan', ARRAY['id'], 'approved');
-- a negative allocation under a NULL limit is allowed (total -3 <= 0)
INSERT INTO rn_alloc (plan_id, amount) VALUES (1, -3);
-- the reference behaviour: a new parent with limit -5 over total 0 is refused
INSERT INTO rn_plan VALUES (4, -5);
-- and so is 5 -> -10 over total 0
UPDATE rn_plan SET approved = -10 WHERE id = 2;
-- should be refused: total -3 > -10 (23514)
UPDATE rn_plan SET approved = -10 WHERE id = 1;
-- should be refused: total 0 > -5 (23514)
UPDATE rn_plan SET approved = -5 WHERE id = 3;
-- no plan above its limit
SELECT p.id, p.approved, coalesce(sum(a.amount), 0) AS real,
       coalesce(sum(a.amount), 0) <= coalesce(p.approved, 0) AS ok
FROM rn_plan p LEFT JOIN rn_alloc a ON a.plan_id = p.id
GROUP BY p.id, p.approved ORDER BY p.id;
SELECT kc_drop_cap('rn_cap');
DROP TABLE rn_alloc, rn_plan;
