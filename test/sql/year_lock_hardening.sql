-- Closed years, hardened (1.1): a BEFORE trigger cannot move a row past the
-- check, FORCEd row-level security cannot hide closed-year rows from the
-- TRUNCATE check, the check refuses writes when it cannot read the closed
-- years, temporary tables are refused, and inheritance children are
-- protected with their parent.
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
CREATE FUNCTION pg_temp.err_full(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	st text; msg text; det text; con text; hint text; tbl text;
BEGIN
	EXECUTE q;
	RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT,
		det = PG_EXCEPTION_DETAIL, con = CONSTRAINT_NAME, hint = PG_EXCEPTION_HINT,
		tbl = TABLE_NAME;
	RETURN st || ': ' || msg || E'\nDETAIL: ' || coalesce(det, '-')
		|| E'\nHINT: ' || coalesce(hint, '-')
		|| E'\nCONSTRAINT: ' || coalesce(con, '-') || ' ON ' || coalesce(tbl, '-');
END $$;

CREATE ROLE regress_kc_yh_clerk;
CREATE ROLE regress_kc_yh_owner;

------------------------------------------------------------------------
-- 1. A BEFORE trigger that changes the year column: the check judges the
--    row as stored.
CREATE TABLE yh_pay (id integer PRIMARY KEY, fiscal_year integer, amount bigint, note text);
GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON yh_pay TO regress_kc_yh_clerk;
SELECT kc_enforce_year_lock('yh_pay', 'fiscal_year');
CREATE FUNCTION yh_move_year() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF NEW.note = 'back-date' THEN
		NEW.fiscal_year := 2020;
	END IF;
	RETURN NEW;
END $$;
CREATE TRIGGER yh_move_year BEFORE INSERT OR UPDATE ON yh_pay
	FOR EACH ROW EXECUTE FUNCTION yh_move_year();
INSERT INTO yh_pay VALUES (1, 2020, 100, 'settled'), (2, 2023, 200, 'open');
SELECT kc_close_year(2020, 'Quyết toán 2020');
SET ROLE regress_kc_yh_clerk;
SELECT pg_temp.err_full($$UPDATE yh_pay SET note = 'back-date' WHERE id = 2$$);
SELECT pg_temp.err($$INSERT INTO yh_pay VALUES (3, 2023, 300, 'back-date')$$);
SELECT pg_temp.err($$UPDATE yh_pay SET amount = 201 WHERE id = 2$$);
RESET ROLE;
SELECT * FROM yh_pay ORDER BY id;
DROP TRIGGER yh_move_year ON yh_pay;

------------------------------------------------------------------------
-- 2. TRUNCATE under FORCEd row-level security: the table belongs to an
--    ordinary role, its policy hides every row from the owner and the
--    clerk; the check still sees the 2020 rows.
CREATE TABLE yh_rls (id integer PRIMARY KEY, fiscal_year integer, clerk name);
ALTER TABLE yh_rls OWNER TO regress_kc_yh_owner;
INSERT INTO yh_rls VALUES (1, 2020, 'someone else'), (2, 2023, 'someone else');
SET ROLE regress_kc_yh_owner;
SELECT kc_enforce_year_lock('yh_rls', 'fiscal_year');
ALTER TABLE yh_rls ENABLE ROW LEVEL SECURITY;
ALTER TABLE yh_rls FORCE ROW LEVEL SECURITY;
CREATE POLICY yh_rls_own ON yh_rls USING (clerk = current_user);
GRANT TRUNCATE ON yh_rls TO regress_kc_yh_clerk;
SELECT count(*) AS rows_the_owner_sees FROM yh_rls;
RESET ROLE;
SET ROLE regress_kc_yh_clerk;
SELECT pg_temp.err_full($$TRUNCATE yh_rls$$);
RESET ROLE;
SELECT count(*) AS rows_left FROM yh_rls;

------------------------------------------------------------------------
-- 3. When the closed years cannot be read, writes are refused.
-- kc_closed_year taken out of the extension: every write fails (55000),
-- open years too.
BEGIN;
ALTER EXTENSION kc_ext DROP TABLE kc_closed_year;
SET ROLE regress_kc_yh_clerk;
SELECT pg_temp.err_full($$UPDATE yh_pay SET amount = 202 WHERE id = 2$$);
SELECT pg_temp.err($$TRUNCATE yh_pay$$);
RESET ROLE;
ROLLBACK;
-- Renamed: the same.
BEGIN;
ALTER TABLE kc_closed_year RENAME TO kc_closed_year_elsewhere;
SET ROLE regress_kc_yh_clerk;
SELECT pg_temp.err($$INSERT INTO yh_pay VALUES (4, 2024, 1, 'x')$$);
RESET ROLE;
ROLLBACK;
-- Row-level security on kc_closed_year (no policy: non-owners see no row)
-- would make 2020 look open; the check reads the table as its owner.
BEGIN;
ALTER TABLE kc_closed_year ENABLE ROW LEVEL SECURITY;
SET ROLE regress_kc_yh_clerk;
SELECT count(*) AS closed_years_the_clerk_sees FROM kc_closed_year;
SELECT pg_temp.err($$UPDATE yh_pay SET amount = 101 WHERE id = 1$$);
SELECT pg_temp.err($$DELETE FROM yh_pay WHERE id = 1$$);
RESET ROLE;
ROLLBACK;
-- Without SELECT on kc_closed_year the clerk is told about the closed
-- year, not refused for want of a privilege.
BEGIN;
REVOKE SELECT ON kc_closed_year FROM PUBLIC;
SET ROLE regress_kc_yh_clerk;
SELECT pg_temp.err($$UPDATE yh_pay SET amount = 101 WHERE id = 1$$);
SELECT pg_temp.err($$UPDATE yh_pay SET amount = 202 WHERE id = 2$$);
RESET ROLE;
ROLLBACK;
SELECT * FROM yh_pay ORDER BY id;

------------------------------------------------------------------------
-- 4. Temporary tables cannot be protected (kc_close_year never waits for
--    them: test/isolation/specs/year_lock_temp.spec).
CREATE TEMP TABLE yh_temp (id integer, fiscal_year integer);
SELECT pg_temp.err_full($$SELECT kc_enforce_year_lock('yh_temp', 'fiscal_year')$$);
SELECT count(*) FROM pg_trigger WHERE tgrelid = 'yh_temp'::regclass;
CREATE TABLE yh_parent_of_temp (id integer, fiscal_year integer);
CREATE TEMP TABLE yh_temp_child () INHERITS (yh_parent_of_temp);
SELECT pg_temp.err_full($$SELECT kc_enforce_year_lock('yh_parent_of_temp', 'fiscal_year')$$);
-- A trigger put there by hand does not make closing lock the table.
CREATE TRIGGER kc_year_lock AFTER INSERT OR UPDATE OR DELETE ON yh_temp
	FOR EACH ROW EXECUTE FUNCTION kc_year_lock_row('fiscal_year');
BEGIN;
SELECT kc_close_year(2021, 'Quyết toán 2021');
SELECT c.relname, l.mode FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
WHERE l.pid = pg_backend_pid() AND c.relname LIKE 'yh\_%' ORDER BY 1, 2;
ROLLBACK;
DROP TABLE yh_temp, yh_temp_child, yh_parent_of_temp;

------------------------------------------------------------------------
-- 5. Plain table inheritance.  Children that exist when the table is
--    protected get the row and TRUNCATE triggers too.
CREATE TABLE yh_inh (id integer, fiscal_year integer, amount bigint);
CREATE TABLE yh_inh_2019 () INHERITS (yh_inh);
CREATE TABLE yh_inh_2019_q1 () INHERITS (yh_inh_2019);
GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON yh_inh TO regress_kc_yh_clerk;
SELECT kc_enforce_year_lock('yh_inh', 'fiscal_year');
SELECT tgrelid::regclass AS tbl, tgname, pg_get_triggerdef(oid) FROM pg_trigger
WHERE tgrelid IN ('yh_inh'::regclass, 'yh_inh_2019'::regclass, 'yh_inh_2019_q1'::regclass)
ORDER BY tgrelid, tgname;
INSERT INTO yh_inh VALUES (1, 2023, 100);
INSERT INTO yh_inh_2019 VALUES (2, 2019, 200);
INSERT INTO yh_inh_2019_q1 VALUES (3, 2019, 300);
-- (a child added later, and a child protected without its parent)
CREATE TABLE yh_inh_late (id integer, fiscal_year integer, amount bigint);
INSERT INTO yh_inh_late VALUES (4, 2019, 400);
CREATE TABLE yh_free (id integer, fiscal_year integer);
CREATE TABLE yh_free_child () INHERITS (yh_free);
SELECT kc_enforce_year_lock('yh_free_child', 'fiscal_year');
INSERT INTO yh_free_child VALUES (1, 2019);
SELECT kc_close_year(2019, 'Quyết toán 2019');
-- A clerk with rights on the parent only, writing through it.
SET ROLE regress_kc_yh_clerk;
SELECT pg_temp.err_full($$UPDATE yh_inh SET amount = 0 WHERE id = 2$$);
SELECT pg_temp.err($$UPDATE yh_inh SET amount = 0 WHERE id = 3$$);
SELECT pg_temp.err($$DELETE FROM yh_inh WHERE id = 2$$);
SELECT pg_temp.err($$TRUNCATE yh_inh$$);
UPDATE yh_inh SET amount = 101 WHERE id = 1;
RESET ROLE;
-- A child added later, by ALTER TABLE ... INHERIT or CREATE TABLE ...
-- INHERITS, lacks the triggers: UPDATE and DELETE through the parent are
-- refused until the table is protected again; INSERT goes into the parent.
ALTER TABLE yh_inh_late INHERIT yh_inh;
SET ROLE regress_kc_yh_clerk;
SELECT pg_temp.err_full($$UPDATE yh_inh SET amount = 0 WHERE id = 4$$);
SELECT pg_temp.err($$DELETE FROM yh_inh WHERE id = 4$$);
SELECT pg_temp.err($$UPDATE yh_inh SET amount = 102 WHERE id = 1$$);
SELECT pg_temp.err($$TRUNCATE yh_inh$$);
INSERT INTO yh_inh VALUES (5, 2024, 500);
RESET ROLE;
SELECT kc_enforce_year_lock('yh_inh', 'fiscal_year');
-- A disabled trigger on a child counts as missing.
ALTER TABLE yh_inh_late DISABLE TRIGGER kc_year_lock;
SELECT pg_temp.err($$UPDATE yh_inh SET amount = 103 WHERE id = 1$$);
ALTER TABLE yh_inh_late ENABLE TRIGGER kc_year_lock;
SET ROLE regress_kc_yh_clerk;
SELECT pg_temp.err($$UPDATE yh_inh SET amount = 0 WHERE id = 4$$);
SELECT pg_temp.err($$DELETE FROM yh_inh WHERE id = 4$$);
UPDATE yh_inh SET amount = 102 WHERE id = 1;
DELETE FROM yh_inh WHERE id = 5;
RESET ROLE;
SELECT tableoid::regclass AS stored_in, * FROM yh_inh ORDER BY id;
SELECT * FROM kc_year_locked_tables() WHERE tbl::text LIKE 'yh\_inh%';
-- A child protected on its own is checked when written through an
-- unprotected parent.
SELECT pg_temp.err($$DELETE FROM yh_free$$);
SELECT pg_temp.err($$UPDATE yh_free SET id = 2$$);

------------------------------------------------------------------------
-- Clean up: no closed years are left behind.
SELECT kc_reopen_year(2019, 'kết thúc kiểm thử');
SELECT kc_reopen_year(2020, 'kết thúc kiểm thử');
SELECT count(*) AS closed_years FROM kc_closed_year;
DROP TABLE yh_pay, yh_rls, yh_inh, yh_inh_2019, yh_inh_2019_q1, yh_inh_late, yh_free, yh_free_child;
DROP FUNCTION yh_move_year();
DROP ROLE regress_kc_yh_clerk, regress_kc_yh_owner;
