-- Cap rules: declaring, validating, listing and dropping them.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS kc_ext;
SET client_min_messages = warning;

-- try(sql): run a statement, show "ok" or the SQLSTATE, message, detail and
-- constraint name of its error.
CREATE FUNCTION pg_temp.try(sql text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	st text; msg text; det text; hint text; con text;
BEGIN
	EXECUTE sql;
	RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT,
		det = PG_EXCEPTION_DETAIL, hint = PG_EXCEPTION_HINT, con = CONSTRAINT_NAME;
	RETURN st || ': ' || msg
		|| coalesce(E'\n  detail: ' || nullif(det, ''), '')
		|| coalesce(E'\n  hint: ' || nullif(hint, ''), '')
		|| coalesce(E'\n  constraint: ' || nullif(con, ''), '');
END
$$;

CREATE SCHEMA cap_t;
SET search_path = cap_t, public;
CREATE TABLE fund_plan (id int PRIMARY KEY, year int, approved kc_money);
CREATE TABLE allocation (id serial PRIMARY KEY,
	plan_id int REFERENCES fund_plan, amount kc_money, note text);
CREATE TABLE payment (id serial PRIMARY KEY,
	allocation_id int REFERENCES allocation, paid bigint);
INSERT INTO fund_plan VALUES (1, 2022, '100 triệu'), (2, 2022, '8,198 tỷ'), (3, 2023, NULL);
INSERT INTO allocation (plan_id, amount) VALUES (1, '40 triệu'), (1, '60 triệu'), (2, '1 tỷ'), (NULL, '5 tỷ');

-- Validation: every mistake is a clear error and installs nothing.
SELECT pg_temp.try($$SELECT kc_enforce_cap('', 'allocation', '{plan_id}', 'amount', 'fund_plan', '{id}', 'approved')$$);
SELECT pg_temp.try($$SELECT kc_enforce_cap(repeat('x', 48), 'allocation', '{plan_id}', 'amount', 'fund_plan', '{id}', 'approved')$$);
SELECT pg_temp.try($$SELECT kc_enforce_cap(NULL, 'allocation', '{plan_id}', 'amount', 'fund_plan', '{id}', 'approved')$$);
SELECT pg_temp.try($$SELECT kc_enforce_cap('r', 'allocation', '{plan_id}', NULL, 'fund_plan', '{id}', 'approved')$$);
SELECT pg_temp.try($$SELECT kc_enforce_cap('r', 'no_such_table', '{plan_id}', 'amount', 'fund_plan', '{id}', 'approved')$$);
SELECT pg_temp.try($$SELECT kc_enforce_cap('r', 'allocation', '{plan}', 'amount', 'fund_plan', '{id}', 'approved')$$);
SELECT pg_temp.try($$SELECT kc_enforce_cap('r', 'allocation', '{plan_id}', 'amount', 'fund_plan', '{ident}', 'approved')$$);
SELECT pg_temp.try($$SELECT kc_enforce_cap('r', 'allocation', '{plan_id}', 'amt', 'fund_plan', '{id}', 'approved')$$);
SELECT pg_temp.try($$SELECT kc_enforce_cap('r', 'allocation', '{plan_id}', 'amount', 'fund_plan', '{id}', 'approve')$$);
SELECT pg_temp.try($$SELECT kc_enforce_cap('r', 'allocation', '{plan_id}', 'amount', 'fund_plan', '{id}', 'ctid')$$);
SELECT pg_temp.try($$SELECT kc_enforce_cap('r', 'allocation', '{plan_id}', 'note', 'fund_plan', '{id}', 'approved')$$);
SELECT pg_temp.try($$SELECT kc_enforce_cap('r', 'allocation', '{plan_id}', 'amount', 'fund_plan', '{id}', 'year')$$);
SELECT pg_temp.try($$SELECT kc_enforce_cap('r', 'allocation', '{plan_id, amount}', 'amount', 'fund_plan', '{id}', 'approved')$$);
SELECT pg_temp.try($$SELECT kc_enforce_cap('r', 'allocation', '{}', 'amount', 'fund_plan', '{}', 'approved')$$);
SELECT pg_temp.try($$SELECT kc_enforce_cap('r', 'allocation', '{plan_id, plan_id}', 'amount', 'fund_plan', '{id, year}', 'approved')$$);
SELECT pg_temp.try($$SELECT kc_enforce_cap('r', 'allocation', '{plan_id, NULL}', 'amount', 'fund_plan', '{id, year}', 'approved')$$);
SELECT pg_temp.try($$SELECT kc_enforce_cap('r', 'allocation', '{note}', 'amount', 'fund_plan', '{id}', 'approved')$$);
SELECT pg_temp.try($$SELECT kc_enforce_cap('r', 'allocation', '{plan_id}', 'amount', 'fund_plan', '{year}', 'approved')$$);
SELECT pg_temp.try($$SELECT kc_enforce_cap('r', 'allocation', '{plan_id}', 'amount', 'pg_class', '{oid}', 'relpages')$$);
CREATE VIEW plan_view AS SELECT * FROM fund_plan;
SELECT pg_temp.try($$SELECT kc_enforce_cap('r', 'allocation', '{plan_id}', 'amount', 'plan_view', '{id}', 'approved')$$);
-- a key type whose equal values have several text forms is refused
CREATE TABLE nplan (id numeric PRIMARY KEY, lim bigint);
CREATE TABLE nalloc (plan_id numeric, amt bigint);
SELECT pg_temp.try($$SELECT kc_enforce_cap('r', 'nalloc', '{plan_id}', 'amt', 'nplan', '{id}', 'lim')$$);
SELECT count(*) AS rules, (SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'kc_cap%') AS triggers
FROM kc_cap_rule;

-- Existing data must already satisfy the rule: plan 1 is full, plan 2 fine.
UPDATE fund_plan SET approved = '99 triệu' WHERE id = 1;
SELECT pg_temp.try($$SELECT kc_enforce_cap('allocation_within_plan', 'allocation', '{plan_id}', 'amount', 'fund_plan', '{id}', 'approved')$$);
SELECT count(*) AS rules, (SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'kc_cap%') AS triggers,
	(SELECT count(*) FROM kc_cap_total) AS totals
FROM kc_cap_rule;
UPDATE fund_plan SET approved = '100 triệu' WHERE id = 1;

-- The issue's example, and a second rule on payments against allocations.
SELECT kc_enforce_cap('allocation_within_plan', 'allocation', '{plan_id}', 'amount', 'fund_plan', '{id}', 'approved');
SELECT kc_enforce_cap('payment_within_allocation', 'payment', '{allocation_id}', 'paid', 'allocation', '{id}', 'amount');
SELECT pg_temp.try($$SELECT kc_enforce_cap('allocation_within_plan', 'allocation', '{plan_id}', 'amount', 'fund_plan', '{id}', 'approved')$$);
SELECT rule_name, child_table, child_columns, amount_column, parent_table, parent_columns,
	limit_column, keys_with_total, total
FROM kc_caps ORDER BY rule_name;
SELECT rule_name, parent_key, total FROM kc_cap_total ORDER BY 1, 2;
SELECT tgrelid::regclass, tgname, tgenabled FROM pg_trigger WHERE tgname LIKE 'kc_cap%' ORDER BY 1::text, 2;

-- Names are quoted wherever SQL is built: a hostile rule name and hostile
-- table and column names are just names.
CREATE TABLE "Plan; DROP TABLE fund_plan; --" ("Id ""x""" int PRIMARY KEY, "Lim'it" numeric);
CREATE TABLE "child'tab" ("ref)" int, "amt ( x" numeric);
INSERT INTO "Plan; DROP TABLE fund_plan; --" VALUES (1, 10.5);
SELECT kc_enforce_cap($$r'); DROP TABLE fund_plan; --$$, '"child''tab"', '{ref)}', 'amt ( x',
	'"Plan; DROP TABLE fund_plan; --"', ARRAY['Id "x"'], $$Lim'it$$);
INSERT INTO "child'tab" VALUES (1, 10.25);
SELECT pg_temp.try($$INSERT INTO "child'tab" VALUES (1, 0.26)$$);
INSERT INTO "child'tab" VALUES (1, 0.25);
SELECT * FROM kc_cap_total WHERE rule_name LIKE 'r''%';
SELECT count(*) AS fund_plan_still_there FROM fund_plan;

-- Only the owner of both tables may declare or drop a rule.
CREATE ROLE regress_cap_owner;
CREATE ROLE regress_cap_stranger;
GRANT USAGE ON SCHEMA cap_t TO regress_cap_owner, regress_cap_stranger;
GRANT CREATE ON SCHEMA cap_t TO regress_cap_owner;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA cap_t TO regress_cap_stranger;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA cap_t TO regress_cap_stranger;
SET ROLE regress_cap_stranger;
SELECT pg_temp.try($$SELECT kc_enforce_cap('stolen', 'allocation', '{plan_id}', 'amount', 'fund_plan', '{id}', 'approved')$$);
SELECT pg_temp.try($$SELECT kc_drop_cap('allocation_within_plan')$$);
SELECT pg_temp.try($$SELECT kc_cap_rebuild('allocation_within_plan')$$);
SELECT pg_temp.try($$INSERT INTO kc_cap_total VALUES ('allocation_within_plan', '{1}', -1000000000)$$);
SELECT pg_temp.try($$UPDATE kc_cap_rule SET limit_column = 'year'$$);
-- but a user allowed to write the child is checked like anybody else
SELECT pg_temp.try($$INSERT INTO allocation (plan_id, amount) VALUES (1, 1)$$);
RESET ROLE;
-- an owner who is not a superuser declares a rule on their own tables
SET ROLE regress_cap_owner;
CREATE TABLE own_plan (id int PRIMARY KEY, lim kc_money);
CREATE TABLE own_item (plan_id int REFERENCES own_plan, amt kc_money);
INSERT INTO own_plan VALUES (1, 100);
SELECT kc_enforce_cap('own_rule', 'own_item', '{plan_id}', 'amt', 'own_plan', '{id}', 'lim');
INSERT INTO own_item VALUES (1, 60);
SELECT pg_temp.try($$INSERT INTO own_item VALUES (1, 41)$$);
SELECT pg_temp.try($$SELECT kc_enforce_cap('own_rule2', 'own_item', '{plan_id}', 'amt', 'fund_plan', '{id}', 'approved')$$);
SELECT kc_drop_cap('own_rule');
INSERT INTO own_item VALUES (1, 41);
RESET ROLE;
SELECT pg_temp.try($$SELECT kc_drop_cap('no_such_rule')$$);
SELECT pg_temp.try($$SELECT kc_drop_cap(NULL)$$);

-- kc_drop_cap removes triggers, totals and the rule; the data is free again.
SELECT kc_drop_cap($$r'); DROP TABLE fund_plan; --$$);
INSERT INTO "child'tab" VALUES (1, 100);
SELECT rule_name FROM kc_caps ORDER BY 1;
SELECT count(*) FROM pg_trigger WHERE tgrelid = '"child''tab"'::regclass;
SELECT count(*) FROM kc_cap_total WHERE rule_name LIKE 'r''%';

-- A trigger whose rule is gone says so.
CREATE TRIGGER orphan AFTER INSERT ON "child'tab" FOR EACH ROW
	EXECUTE FUNCTION kc_cap_child_row('no such rule');
SELECT pg_temp.try($$INSERT INTO "child'tab" VALUES (1, 1)$$);
DROP TRIGGER orphan ON "child'tab";
SELECT pg_temp.try($$SELECT kc_cap_child_row()$$);

-- Dropping and re-creating a table under a rule: the rule sees the new one
-- after kc_drop_cap / kc_enforce_cap; ALTER TABLE of an unrelated column
-- is picked up by the cached plans.
ALTER TABLE fund_plan ADD COLUMN region text;
ALTER TABLE allocation DROP COLUMN note;
SELECT pg_temp.try($$INSERT INTO allocation (plan_id, amount) VALUES (1, 1)$$);
INSERT INTO allocation (plan_id, amount) VALUES (2, 1);
ALTER TABLE allocation RENAME COLUMN amount TO amount_vnd;
SELECT pg_temp.try($$INSERT INTO allocation (plan_id, amount_vnd) VALUES (2, 1)$$);
ALTER TABLE allocation RENAME COLUMN amount_vnd TO amount;
INSERT INTO allocation (plan_id, amount) VALUES (2, 1);

SELECT kc_drop_cap('payment_within_allocation');
SELECT kc_drop_cap('allocation_within_plan');
SELECT count(*) AS rules, (SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'kc_cap%') AS triggers,
	(SELECT count(*) FROM kc_cap_total) AS totals
FROM kc_cap_rule;

RESET search_path;
DROP SCHEMA cap_t CASCADE;
DROP OWNED BY regress_cap_owner, regress_cap_stranger;
DROP ROLE regress_cap_owner;
DROP ROLE regress_cap_stranger;
