-- Cap rules, hardened (issues 10 and 17): no user code runs inside kc_ext's
-- queries with more rights than its owner has; one parent has one kept total
-- whatever the writer's session settings; keys compare by their bytes; the
-- row is judged as stored (BEFORE triggers); rules' triggers never collide;
-- orphan rules belong to their owner; tables a rule cannot see whole are
-- refused (and fail closed when they become so); unknown names are not kept.
-- Roles are cluster-wide: every name starts with kc_test_caph_, and they are
-- dropped at the start (if an interrupted run left them) and the end.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS kc_ext;
RESET client_min_messages;

-- (what an interrupted run may have left: its rules, schemas, roles)
SET client_min_messages = warning;
DO $$
DECLARE
	r text;
BEGIN
	PERFORM kc_drop_cap(rule_name) FROM kc_cap_rule WHERE rule_name LIKE 'kc_test_caph%';
	DROP SCHEMA IF EXISTS kc_test_caph CASCADE;
	FOREACH r IN ARRAY ARRAY['kc_test_caph_evil', 'kc_test_caph_evil2', 'kc_test_caph_evil3',
							 'kc_test_caph_owner', 'kc_test_caph_other'] LOOP
		IF EXISTS (SELECT FROM pg_roles WHERE rolname = r) THEN
			EXECUTE format('DROP OWNED BY %I CASCADE', r);
			EXECUTE format('DROP ROLE %I', r);
		END IF;
	END LOOP;
END $$;
RESET client_min_messages;

-- SQLSTATE and message of a statement (or 'ok')
CREATE FUNCTION pg_temp.try(sql text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	st text; msg text;
BEGIN
	EXECUTE sql;
	RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
	RETURN st || ': ' || msg;
END
$$;

CREATE SCHEMA kc_test_caph;
GRANT USAGE ON SCHEMA kc_test_caph TO PUBLIC;
SET search_path = kc_test_caph, public;

------------------------------------------------------------------------
-- 1. User code inside kc_ext's queries runs as the table's owner.
------------------------------------------------------------------------
-- 1a. The parent turned into a view whose rule calls the owner's function:
-- an ordinary role owning a schema declares a rule, inserts a child (the
-- kept total's row exists), drops the parent's trigger and key, and turns
-- the empty parent into a view over a function that makes the role a
-- superuser when a superuser runs it.  The next child insert must not run
-- it as a superuser; it fails since the parent is no longer a table.
CREATE ROLE kc_test_caph_evil NOLOGIN;
CREATE SCHEMA kc_test_caph_m AUTHORIZATION kc_test_caph_evil;
SET ROLE kc_test_caph_evil;
CREATE TABLE kc_test_caph_m.seen (who name, su bool);
CREATE TABLE kc_test_caph_m.p (id int PRIMARY KEY, approved bigint);
CREATE TABLE kc_test_caph_m.c (id int, pid int, amount bigint);
SELECT kc_enforce_cap('kc_test_caph_pwn', 'kc_test_caph_m.c', '{pid}', 'amount',
	'kc_test_caph_m.p', '{id}', 'approved');
INSERT INTO kc_test_caph_m.c VALUES (1, 1, 5);
SELECT tgname FROM pg_trigger WHERE tgrelid = 'kc_test_caph_m.p'::regclass ORDER BY 1;
-- (by what it runs, not by name, so that the old names are found as well)
DO $$
DECLARE
	t name;
BEGIN
	FOR t IN SELECT tgname FROM pg_trigger WHERE tgrelid = 'kc_test_caph_m.p'::regclass
			 AND tgfoid = 'kc_cap_parent_row'::regproc LOOP
		EXECUTE format('DROP TRIGGER %I ON kc_test_caph_m.p', t);
	END LOOP;
END $$;
ALTER TABLE kc_test_caph_m.p DROP CONSTRAINT p_pkey;
VACUUM kc_test_caph_m.p;
CREATE FUNCTION kc_test_caph_m.f() RETURNS TABLE (id int, approved bigint)
LANGUAGE plpgsql AS $f$
BEGIN
	INSERT INTO kc_test_caph_m.seen SELECT current_user, rolsuper FROM pg_roles WHERE rolname = current_user;
	IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
		ALTER ROLE kc_test_caph_evil SUPERUSER;
	END IF;
	RETURN QUERY SELECT 1, 1000000::bigint;
END
$f$;
CREATE RULE "_RETURN" AS ON SELECT TO kc_test_caph_m.p DO INSTEAD SELECT * FROM kc_test_caph_m.f();
SELECT relkind FROM pg_class WHERE oid = 'kc_test_caph_m.p'::regclass;
INSERT INTO kc_test_caph_m.c VALUES (2, 1, 10);
\echo :LAST_ERROR_SQLSTATE
RESET ROLE;
SELECT rolsuper FROM pg_roles WHERE rolname = 'kc_test_caph_evil';
SELECT who, su FROM kc_test_caph_m.seen;
SELECT kc_drop_cap('kc_test_caph_pwn');

-- 1b. An index expression on the parent whose constant part the planner
-- folds (so its IMMUTABLE function runs in whoever plans the parent row's
-- lock) and calls a VOLATILE function that escalates for a superuser.
-- 1c. The same through a partial index's predicate.
CREATE ROLE kc_test_caph_evil2 NOLOGIN;
CREATE SCHEMA kc_test_caph_m2 AUTHORIZATION kc_test_caph_evil2;
SET ROLE kc_test_caph_evil2;
CREATE TABLE kc_test_caph_m2.seen (route text, who name, su bool);
CREATE FUNCTION kc_test_caph_m2.v(route text) RETURNS int LANGUAGE plpgsql VOLATILE AS $f$
BEGIN
	INSERT INTO kc_test_caph_m2.seen SELECT route, current_user, rolsuper FROM pg_roles WHERE rolname = current_user;
	IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
		ALTER ROLE kc_test_caph_evil2 SUPERUSER;
	END IF;
	RETURN 0;
END
$f$;
CREATE FUNCTION kc_test_caph_m2.g(route text) RETURNS int LANGUAGE plpgsql IMMUTABLE AS $f$
BEGIN
	RETURN kc_test_caph_m2.v(route);
END
$f$;
CREATE TABLE kc_test_caph_m2.p (id int PRIMARY KEY, approved bigint);
CREATE TABLE kc_test_caph_m2.c (id int, pid int, amount bigint);
INSERT INTO kc_test_caph_m2.p VALUES (1, 100);
SELECT kc_enforce_cap('kc_test_caph_pwn2', 'kc_test_caph_m2.c', '{pid}', 'amount',
	'kc_test_caph_m2.p', '{id}', 'approved');
INSERT INTO kc_test_caph_m2.c VALUES (1, 1, 5);
CREATE INDEX p_expr ON kc_test_caph_m2.p ((id + kc_test_caph_m2.g('index expression')));
INSERT INTO kc_test_caph_m2.c VALUES (2, 1, 10);
DROP INDEX kc_test_caph_m2.p_expr;
CREATE INDEX p_pred ON kc_test_caph_m2.p (id) WHERE id > kc_test_caph_m2.g('index predicate');
INSERT INTO kc_test_caph_m2.c VALUES (3, 1, 10);
-- still enforcing: 25 of 100 used
INSERT INTO kc_test_caph_m2.c VALUES (4, 1, 80);
\echo :LAST_ERROR_SQLSTATE
RESET ROLE;
SELECT rolsuper FROM pg_roles WHERE rolname = 'kc_test_caph_evil2';
-- every call ran as the role (the function ran at CREATE INDEX, as well)
SELECT route, who, su, count(*) > 0 AS ran FROM kc_test_caph_m2.seen GROUP BY 1, 2, 3 ORDER BY 1, 2;
-- a superuser rebuilding the rule's totals runs nothing of the role's as
-- a superuser either (the rebuild reads the child and locks each parent)
CREATE INDEX c_expr ON kc_test_caph_m2.c ((pid + kc_test_caph_m2.g('child index expression')));
SELECT kc_cap_rebuild('kc_test_caph_pwn2');
SELECT rolsuper FROM pg_roles WHERE rolname = 'kc_test_caph_evil2';
SELECT count(*) AS superuser_runs FROM kc_test_caph_m2.seen WHERE su OR who <> 'kc_test_caph_evil2';

-- 1d. A forced row-level security policy on the parent, whose function
-- hides every row and records who asks: the rule still sees the parent
-- row (a rule, like a foreign key, sees all rows), and the policy never
-- runs as a superuser.
SET ROLE kc_test_caph_evil2;
ALTER TABLE kc_test_caph_m2.p ENABLE ROW LEVEL SECURITY;
ALTER TABLE kc_test_caph_m2.p FORCE ROW LEVEL SECURITY;
CREATE FUNCTION kc_test_caph_m2.pol() RETURNS bool LANGUAGE plpgsql VOLATILE AS $f$
BEGIN
	PERFORM kc_test_caph_m2.v('policy');
	RETURN false;
END
$f$;
CREATE POLICY hide ON kc_test_caph_m2.p USING (kc_test_caph_m2.pol());
SELECT count(*) AS visible_parents FROM kc_test_caph_m2.p;
INSERT INTO kc_test_caph_m2.c VALUES (5, 1, 80);
\echo :LAST_ERROR_SQLSTATE
INSERT INTO kc_test_caph_m2.c VALUES (5, 1, 75);
RESET ROLE;
SELECT rolsuper FROM pg_roles WHERE rolname = 'kc_test_caph_evil2';
SELECT count(*) AS superuser_runs FROM kc_test_caph_m2.seen WHERE su OR who <> 'kc_test_caph_evil2';
SELECT kc_drop_cap('kc_test_caph_pwn2');

------------------------------------------------------------------------
-- 2. Session settings do not split a parent's kept total.
------------------------------------------------------------------------
CREATE TABLE d_plan (d date PRIMARY KEY, approved bigint);
CREATE TABLE d_alloc (id serial, d date, amount bigint);
INSERT INTO d_plan VALUES ('2022-03-01', 100);
SELECT kc_enforce_cap('kc_test_caph_date', 'd_alloc', '{d}', 'amount', 'd_plan', '{d}', 'approved');
SET DateStyle = 'ISO';
INSERT INTO d_alloc (d, amount) VALUES ('2022-03-01', 80);
SET DateStyle = 'SQL, DMY';
SELECT pg_temp.try($$INSERT INTO d_alloc (d, amount) VALUES ('01/03/2022', 80)$$);
SET DateStyle = 'German';
SELECT pg_temp.try($$INSERT INTO d_alloc (d, amount) VALUES ('01.03.2022', 80)$$);
INSERT INTO d_alloc (d, amount) VALUES ('01.03.2022', 20);
SELECT pg_temp.try($$INSERT INTO d_alloc (d, amount) VALUES ('01.03.2022', 1)$$);
SET DateStyle = 'Postgres, MDY';
SELECT pg_temp.try($$UPDATE d_plan SET approved = 99$$);
RESET DateStyle;
SELECT parent_key, total FROM kc_cap_total WHERE rule_name = 'kc_test_caph_date';

CREATE TABLE ts_plan (t timestamptz PRIMARY KEY, approved bigint);
CREATE TABLE ts_alloc (id serial, t timestamptz, amount bigint);
INSERT INTO ts_plan VALUES ('2022-03-01 08:00:00+07', 100);
SELECT kc_enforce_cap('kc_test_caph_ts', 'ts_alloc', '{t}', 'amount', 'ts_plan', '{t}', 'approved');
SET TimeZone = 'Asia/Ho_Chi_Minh';
INSERT INTO ts_alloc (t, amount) VALUES ('2022-03-01 08:00:00+07', 80);
SET TimeZone = 'UTC';
SELECT pg_temp.try($$INSERT INTO ts_alloc (t, amount) VALUES ('2022-03-01 01:00:00+00', 80)$$);
SET TimeZone = 'America/New_York';
SELECT pg_temp.try($$INSERT INTO ts_alloc (t, amount) VALUES ('2022-02-28 20:00:00-05', 80)$$);
RESET TimeZone;
SELECT count(*) AS rows_per_parent, sum(total) AS total FROM kc_cap_total WHERE rule_name = 'kc_test_caph_ts';

CREATE TABLE b_plan (k bytea PRIMARY KEY, approved bigint);
CREATE TABLE b_alloc (id serial, k bytea, amount bigint);
INSERT INTO b_plan VALUES ('\x4b43'::bytea, 100);
SELECT kc_enforce_cap('kc_test_caph_bytea', 'b_alloc', '{k}', 'amount', 'b_plan', '{k}', 'approved');
SET bytea_output = 'hex';
INSERT INTO b_alloc (k, amount) VALUES ('\x4b43'::bytea, 80);
SET bytea_output = 'escape';
SELECT pg_temp.try($$INSERT INTO b_alloc (k, amount) VALUES ('\x4b43'::bytea, 80)$$);
RESET bytea_output;
SELECT count(*) AS rows_per_parent, sum(total) AS total FROM kc_cap_total WHERE rule_name = 'kc_test_caph_bytea';

------------------------------------------------------------------------
-- 3. Keys compare by their bytes: no nondeterministic collation.
------------------------------------------------------------------------
SELECT EXISTS (SELECT FROM pg_collation WHERE collprovider = 'i') AS have_icu \gset
\if :have_icu
CREATE COLLATION kc_test_caph.ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
CREATE TABLE ci_plan (code text COLLATE ci PRIMARY KEY, approved bigint);
CREATE TABLE ci_alloc (id serial, code text, amount bigint);
INSERT INTO ci_plan VALUES ('HN', 100);
-- the parent's key
SELECT kc_enforce_cap('kc_test_caph_ci', 'ci_alloc', '{code}', 'amount', 'ci_plan', '{code}', 'approved');
\echo :LAST_ERROR_SQLSTATE
-- the child's reference
CREATE TABLE ci_plan2 (code text PRIMARY KEY, approved bigint);
CREATE TABLE ci_alloc2 (id serial, code text COLLATE ci, amount bigint);
SELECT pg_temp.try($$SELECT kc_enforce_cap('kc_test_caph_ci', 'ci_alloc2', '{code}', 'amount', 'ci_plan2', '{code}', 'approved')$$);
-- given the collation after declaration: writes fail, they do not pass
-- ('HN', 'hn' and 'Hn' would otherwise each take the plan's whole 100)
INSERT INTO ci_plan2 VALUES ('HN', 100);
CREATE TABLE ci_alloc3 (id serial, code text, amount bigint);
SELECT kc_enforce_cap('kc_test_caph_ci3', 'ci_alloc3', '{code}', 'amount', 'ci_plan2', '{code}', 'approved');
INSERT INTO ci_alloc3 (code, amount) VALUES ('HN', 60);
ALTER TABLE ci_plan2 ALTER COLUMN code TYPE text COLLATE ci;
SELECT pg_temp.try($$INSERT INTO ci_alloc3 (code, amount) VALUES ('hn', 60)$$);
SELECT pg_temp.try($$INSERT INTO ci_alloc3 (code, amount) VALUES ('HN', 1)$$);
ALTER TABLE ci_plan2 ALTER COLUMN code TYPE text COLLATE "default";
ALTER TABLE ci_alloc3 ALTER COLUMN code TYPE text COLLATE ci;
SELECT pg_temp.try($$INSERT INTO ci_alloc3 (code, amount) VALUES ('Hn', 60)$$);
ALTER TABLE ci_alloc3 ALTER COLUMN code TYPE text COLLATE "default";
INSERT INTO ci_alloc3 (code, amount) VALUES ('HN', 40);
SELECT code, sum(amount) FROM ci_alloc3 GROUP BY 1;
SELECT kc_drop_cap('kc_test_caph_ci3');
\else
\echo 'ICU is not available: case 3 (nondeterministic collations) skipped'
\endif

------------------------------------------------------------------------
-- 4. BEFORE triggers that change the rule's columns.
------------------------------------------------------------------------
CREATE TABLE g_plan (id int PRIMARY KEY, approved bigint, note text);
CREATE TABLE galloc (id int PRIMARY KEY, pid int, qty bigint, unit_price bigint, amount bigint);
CREATE FUNCTION galloc_amount() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	NEW.amount := NEW.qty * NEW.unit_price;
	RETURN NEW;
END
$$;
CREATE TRIGGER galloc_amount BEFORE INSERT OR UPDATE ON galloc
	FOR EACH ROW EXECUTE FUNCTION galloc_amount();
INSERT INTO g_plan VALUES (1, 1000, NULL);
SELECT kc_enforce_cap('kc_test_caph_galloc', 'galloc', '{pid}', 'amount', 'g_plan', '{id}', 'approved');
INSERT INTO galloc VALUES (1, 1, 10, 1, NULL), (2, 1, 5, 1, NULL);
-- the statement names qty only; the stored amount becomes 1000 * 1 (1005 in all)
SELECT pg_temp.try($$UPDATE galloc SET qty = 1000 WHERE id = 1$$);
UPDATE galloc SET qty = 995 WHERE id = 1;
SELECT pg_temp.try($$UPDATE galloc SET unit_price = 2 WHERE id = 2$$);
SELECT id, qty, unit_price, amount FROM galloc ORDER BY id;
-- the parent: a note's update whose BEFORE trigger lowers the limit
CREATE FUNCTION g_plan_lower() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF NEW.note IS DISTINCT FROM OLD.note THEN
		NEW.approved := 999;
	END IF;
	RETURN NEW;
END
$$;
CREATE TRIGGER g_plan_lower BEFORE UPDATE ON g_plan
	FOR EACH ROW EXECUTE FUNCTION g_plan_lower();
SELECT pg_temp.try($$UPDATE g_plan SET note = 'cut' WHERE id = 1$$);
SELECT id, approved, note FROM g_plan;
SELECT parent_key, total FROM kc_cap_total WHERE rule_name = 'kc_test_caph_galloc';

------------------------------------------------------------------------
-- 5. Trigger names of rules "x" and "x_truncate" do not collide.
------------------------------------------------------------------------
CREATE TABLE n_plan (id int PRIMARY KEY, approved bigint);
CREATE TABLE n_alloc (id int, pid int, amount bigint);
INSERT INTO n_plan VALUES (1, 100);
SELECT kc_enforce_cap('kc_test_caph_a', 'n_alloc', '{pid}', 'amount', 'n_plan', '{id}', 'approved');
SELECT kc_enforce_cap('kc_test_caph_a_truncate', 'n_alloc', '{pid}', 'amount', 'n_plan', '{id}', 'approved');
SELECT tgrelid::regclass, tgname FROM pg_trigger
WHERE tgrelid IN ('n_plan'::regclass, 'n_alloc'::regclass) ORDER BY 1, 2;
SELECT kc_drop_cap('kc_test_caph_a');
SELECT tgrelid::regclass, tgname FROM pg_trigger
WHERE tgrelid IN ('n_plan'::regclass, 'n_alloc'::regclass) ORDER BY 1, 2;
INSERT INTO n_alloc VALUES (1, 1, 100);
SELECT pg_temp.try($$INSERT INTO n_alloc VALUES (2, 1, 1)$$);
TRUNCATE n_alloc;
INSERT INTO n_alloc VALUES (2, 1, 100);
SELECT pg_temp.try($$UPDATE n_plan SET approved = 99$$);
SELECT kc_drop_cap('kc_test_caph_a_truncate');
SELECT count(*) AS triggers_left FROM pg_trigger
WHERE tgrelid IN ('n_plan'::regclass, 'n_alloc'::regclass);

------------------------------------------------------------------------
-- 6. A rule whose tables are gone belongs to its owner.
------------------------------------------------------------------------
CREATE ROLE kc_test_caph_owner NOLOGIN;
CREATE ROLE kc_test_caph_other NOLOGIN;
GRANT CREATE ON SCHEMA kc_test_caph TO kc_test_caph_owner, kc_test_caph_other;
SET ROLE kc_test_caph_owner;
CREATE TABLE o_plan (id int PRIMARY KEY, approved bigint);
CREATE TABLE o_alloc (id int, pid int, amount bigint);
SELECT kc_enforce_cap('kc_test_caph_orphan', 'o_alloc', '{pid}', 'amount', 'o_plan', '{id}', 'approved');
SELECT kc_enforce_cap('kc_test_caph_orphan2', 'o_alloc', '{pid}', 'amount', 'o_plan', '{id}', 'approved');
DROP TABLE o_alloc, o_plan;
SET ROLE kc_test_caph_other;
SELECT pg_temp.try($$SELECT kc_drop_cap('kc_test_caph_orphan')$$);
SELECT pg_temp.try($$SELECT kc_cap_rebuild('kc_test_caph_orphan')$$);
SET ROLE kc_test_caph_owner;
SELECT kc_drop_cap('kc_test_caph_orphan');
RESET ROLE;
-- a superuser may drop it too
SELECT kc_drop_cap('kc_test_caph_orphan2');
SELECT count(*) FROM kc_cap_rule WHERE rule_name LIKE 'kc_test_caph_orphan%';

------------------------------------------------------------------------
-- 7. Unlogged, temporary and inheritance tables.
------------------------------------------------------------------------
CREATE TABLE i_plan (id int PRIMARY KEY, approved bigint);
CREATE TABLE i_alloc (id int, pid int, amount bigint);
CREATE UNLOGGED TABLE u_plan (id int PRIMARY KEY, approved bigint);
CREATE UNLOGGED TABLE u_alloc (id int, pid int, amount bigint);
CREATE TEMP TABLE t_plan (id int PRIMARY KEY, approved bigint);
CREATE TEMP TABLE t_alloc (id int, pid int, amount bigint);
CREATE TABLE h_plan (id int PRIMARY KEY, approved bigint);
CREATE TABLE h_plan_more () INHERITS (h_plan);
CREATE TABLE h_alloc (id int, pid int, amount bigint);
CREATE TABLE h_alloc_more () INHERITS (h_alloc);
SELECT v.what, pg_temp.try(format(
	$$SELECT kc_enforce_cap('kc_test_caph_kind', %L, '{pid}', 'amount', %L, '{id}', 'approved')$$,
	v.child, v.parent)) AS result
FROM (VALUES ('unlogged child', 'u_alloc', 'i_plan'), ('unlogged parent', 'i_alloc', 'u_plan'),
			 ('temporary child', 't_alloc', 'i_plan'), ('temporary parent', 'i_alloc', 't_plan'),
			 ('inheritance parent as child', 'h_alloc', 'i_plan'),
			 ('inheritance child as child', 'h_alloc_more', 'i_plan'),
			 ('inheritance parent as parent', 'i_alloc', 'h_plan'),
			 ('inheritance child as parent', 'i_alloc', 'h_plan_more')) v(what, child, parent);
-- a table that gets an INHERITS child after declaration: writes fail
INSERT INTO i_plan VALUES (1, 100);
SELECT kc_enforce_cap('kc_test_caph_inh', 'i_alloc', '{pid}', 'amount', 'i_plan', '{id}', 'approved');
INSERT INTO i_alloc VALUES (1, 1, 50);
-- a link made later is refused at once (event trigger kc_cap_inheritance_guard)
SELECT pg_temp.try($$CREATE TABLE i_alloc_more () INHERITS (i_alloc)$$);
SELECT pg_temp.try($$CREATE TABLE i_plan_more () INHERITS (i_plan)$$);
CREATE TABLE i_other (id int, pid int, amount bigint);
SELECT pg_temp.try($$ALTER TABLE i_other INHERIT i_alloc$$);
SELECT pg_temp.try($$ALTER TABLE i_alloc INHERIT i_other$$);
-- and where the event trigger does not run (a superuser disabled it), the
-- rule fails closed when it loads
ALTER EVENT TRIGGER kc_cap_inheritance_guard DISABLE;
CREATE TABLE i_alloc_more () INHERITS (i_alloc);
ALTER EVENT TRIGGER kc_cap_inheritance_guard ENABLE;
SELECT pg_temp.try($$INSERT INTO i_alloc VALUES (2, 1, 10)$$);
SELECT pg_temp.try($$UPDATE i_plan SET approved = 10$$);
DROP TABLE i_alloc_more;
DROP TABLE i_other;
INSERT INTO i_alloc VALUES (2, 1, 10);
SELECT pg_temp.try($$INSERT INTO i_alloc VALUES (3, 1, 41)$$);
-- an unlogged table after declaration
ALTER TABLE i_alloc SET UNLOGGED;
SELECT pg_temp.try($$INSERT INTO i_alloc VALUES (3, 1, 1)$$);
ALTER TABLE i_alloc SET LOGGED;
SELECT kc_drop_cap('kc_test_caph_inh');

------------------------------------------------------------------------
-- 8. Unknown rule names: an error every time, nothing kept.
------------------------------------------------------------------------
SELECT pg_temp.try(format($$SELECT kc_drop_cap(%L)$$, 'kc_test_caph_nope_' || g)),
	   pg_temp.try(format($$SELECT kc_cap_rebuild(%L)$$, 'kc_test_caph_nope_' || g))
FROM generate_series(1, 3) g;
SELECT pg_temp.try($$SELECT kc_cap_rebuild('kc_test_caph_nope_1')$$);

------------------------------------------------------------------------
-- the end: every rule of this test, its tables, roles
------------------------------------------------------------------------
SET client_min_messages = warning;
SELECT count(kc_drop_cap(rule_name)) >= 0 AS dropped FROM kc_cap_rule WHERE rule_name LIKE 'kc_test_caph%';
SELECT count(*) AS totals_left FROM kc_cap_total WHERE rule_name LIKE 'kc_test_caph%';
DROP SCHEMA kc_test_caph CASCADE;
DROP OWNED BY kc_test_caph_evil, kc_test_caph_evil2, kc_test_caph_owner, kc_test_caph_other CASCADE;
DROP ROLE kc_test_caph_evil, kc_test_caph_evil2, kc_test_caph_owner, kc_test_caph_other;
RESET client_min_messages;
RESET search_path;
