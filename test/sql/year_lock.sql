-- Closed years: protecting tables, closing and reopening, writes by old and
-- new values, TRUNCATE, the log, argument errors and privileges.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS kc_ext;
RESET client_min_messages;
SET datestyle = 'ISO, YMD';
-- the log is append-only: this test reads the entries it adds
SELECT coalesce(max(entry), 0) AS log_start FROM kc_year_lock_log \gset

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

-- Roles: a clerk who writes payments, a chief accountant who settles years
-- through kc_year_admin.
CREATE ROLE kc_year_admin NOLOGIN;
CREATE ROLE regress_kc_year_clerk;
CREATE ROLE regress_kc_year_chief IN ROLE kc_year_admin;

CREATE TABLE yl_payment (id integer PRIMARY KEY, fiscal_year integer, amount kc_money);
CREATE TABLE yl_advance (id integer PRIMARY KEY, budget_year smallint, amount kc_money);
CREATE TABLE yl_archive (id integer PRIMARY KEY, yr bigint);
GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON yl_payment, yl_advance, yl_archive
	TO regress_kc_year_clerk;

-- Protecting: the column must be an integer column of a table.
SELECT kc_enforce_year_lock('yl_payment', 'fiscal_year');
SELECT kc_enforce_year_lock('yl_advance', 'budget_year');
SELECT kc_enforce_year_lock('yl_archive', 'yr');
SELECT * FROM kc_year_locked_tables();
SELECT tgname, pg_get_triggerdef(oid) FROM pg_trigger
WHERE tgrelid = 'yl_payment'::regclass ORDER BY tgname;
CREATE TABLE yl_bad (id integer, d date, t text);
CREATE VIEW yl_view AS SELECT * FROM yl_bad;
SELECT pg_temp.err($$SELECT kc_enforce_year_lock('yl_view', 'id')$$);
SELECT pg_temp.err($$SELECT kc_enforce_year_lock(NULL, 'id')$$);
SELECT pg_temp.err($$SELECT kc_enforce_year_lock('yl_bad', 'nope')$$);
SELECT pg_temp.err($$SELECT kc_enforce_year_lock('yl_bad', NULL)$$);
SELECT pg_temp.err($$SELECT kc_enforce_year_lock('yl_bad', 'd')$$);
SELECT pg_temp.err($$SELECT kc_enforce_year_lock('yl_bad', 't')$$);
-- Protecting again replaces the triggers.
SELECT kc_enforce_year_lock('yl_archive', 'yr');
SELECT count(*) FROM pg_trigger WHERE tgrelid = 'yl_archive'::regclass;

-- Open years: everything goes.
INSERT INTO yl_payment VALUES (1, 2022, '1 tỷ'), (2, 2022, '2 tỷ'), (3, 2023, '3 tỷ'), (4, NULL, 1);
INSERT INTO yl_advance VALUES (1, 2022, '100 triệu'), (2, 2023, '200 triệu');
INSERT INTO yl_archive VALUES (1, 2022), (2, 99999999999);
UPDATE yl_payment SET amount = amount + 1 WHERE id = 1;

CREATE TABLE yl_truncate_only (id integer, fiscal_year integer);
SELECT kc_enforce_year_lock('yl_truncate_only', 'fiscal_year');
INSERT INTO yl_truncate_only VALUES (1, 2022);
GRANT TRUNCATE ON yl_truncate_only TO regress_kc_year_clerk;

-- Only superusers, the extension owner and kc_year_admin members close or
-- reopen years.
SET ROLE regress_kc_year_clerk;
SELECT pg_temp.err_full($$SELECT kc_close_year(2022, 'quyết toán')$$);
SELECT pg_temp.err($$SELECT kc_reopen_year(2022, 'x')$$);
-- nor can anyone write the status or the log directly
SELECT pg_temp.err($$INSERT INTO kc_closed_year VALUES (2022, now(), 'me', 'x')$$);
SELECT pg_temp.err($$DELETE FROM kc_closed_year$$);
SELECT pg_temp.err($$INSERT INTO kc_year_lock_log (year, action, acting_role, session_role, logged_at, reason) VALUES (2022, 'close', 'me', 'me', now(), 'x')$$);
SELECT count(*) FROM kc_closed_year;
RESET ROLE;

-- The chief accountant closes 2022 for every protected table.
SET ROLE regress_kc_year_chief;
SELECT kc_close_year(2022, 'Quyết toán năm 2022 đã được phê duyệt');
RESET ROLE;
SELECT year, closed_by, reason, closed_at <= now() + interval '1 minute' AS has_time FROM kc_closed_year;

-- Writes touching 2022, by new values, old values or both, fail with 55000
-- and constraint kc_year_lock, for any user.
SET ROLE regress_kc_year_clerk;
SELECT pg_temp.err_full($$INSERT INTO yl_payment VALUES (10, 2022, 5)$$);
SELECT pg_temp.err_full($$UPDATE yl_payment SET amount = 5 WHERE id = 1$$);
SELECT pg_temp.err_full($$UPDATE yl_payment SET fiscal_year = 2023 WHERE id = 1$$);
SELECT pg_temp.err_full($$UPDATE yl_payment SET fiscal_year = 2022 WHERE id = 3$$);
SELECT pg_temp.err_full($$DELETE FROM yl_payment WHERE id = 2$$);
SELECT pg_temp.err($$INSERT INTO yl_advance VALUES (10, 2022, 5)$$);
SELECT pg_temp.err($$DELETE FROM yl_advance WHERE budget_year = 2022$$);
SELECT pg_temp.err($$DELETE FROM yl_archive WHERE id = 1$$);
SELECT pg_temp.err($$INSERT INTO yl_payment SELECT 20 + g, 2021 + g, 1 FROM generate_series(0, 2) g$$);
RESET ROLE;
\set VERBOSITY sqlstate
COPY yl_payment FROM stdin (FORMAT csv);
30,2023,1
31,2022,1
\.
\set VERBOSITY default
SET ROLE regress_kc_year_clerk;
-- Other years, NULL years and years that cannot be closed still change.
INSERT INTO yl_payment VALUES (11, 2023, 5), (12, 2021, 5), (13, NULL, 5);
UPDATE yl_payment SET amount = 6 WHERE fiscal_year = 2023;
UPDATE yl_payment SET fiscal_year = 2024 WHERE id = 11;
DELETE FROM yl_payment WHERE id IN (12, 13);
UPDATE yl_archive SET yr = yr + 1 WHERE id = 2;
-- A statement that touches one closed row fails as a whole.
SELECT pg_temp.err($$UPDATE yl_payment SET amount = 0$$);
SELECT id, fiscal_year, amount FROM yl_payment ORDER BY id;

-- TRUNCATE: refused while a closed year has rows; fine otherwise.
SELECT pg_temp.err_full($$TRUNCATE yl_payment$$);
SELECT pg_temp.err($$TRUNCATE yl_advance, yl_archive$$);
RESET ROLE;
CREATE TABLE yl_empty (id integer, fiscal_year integer);
SELECT kc_enforce_year_lock('yl_empty', 'fiscal_year');
INSERT INTO yl_empty VALUES (1, 2023);
TRUNCATE yl_empty;
-- A clerk with TRUNCATE but no SELECT gets the same answer: the check
-- reads the table as its owner.
SET ROLE regress_kc_year_clerk;
SELECT pg_temp.err($$SELECT count(*) FROM yl_truncate_only$$);
SELECT pg_temp.err($$TRUNCATE yl_truncate_only$$);
RESET ROLE;

-- Partitioned tables: the row trigger is cloned to the partitions, the
-- TRUNCATE trigger is put on each, so no partition escapes.
CREATE TABLE yl_part (id integer, fiscal_year integer) PARTITION BY RANGE (fiscal_year);
CREATE TABLE yl_part_2022 PARTITION OF yl_part FOR VALUES FROM (2022) TO (2023);
CREATE TABLE yl_part_2023 PARTITION OF yl_part FOR VALUES FROM (2023) TO (2024);
INSERT INTO yl_part VALUES (1, 2022), (2, 2023);
SELECT kc_enforce_year_lock('yl_part', 'fiscal_year');
SELECT tgrelid::regclass, tgname FROM pg_trigger
WHERE tgrelid::regclass::text LIKE 'yl_part%' ORDER BY tgrelid::regclass::text, tgname;
SELECT pg_temp.err($$INSERT INTO yl_part VALUES (3, 2022)$$);
SELECT pg_temp.err($$INSERT INTO yl_part_2022 VALUES (3, 2022)$$);
SELECT pg_temp.err($$UPDATE yl_part SET fiscal_year = 2023 WHERE id = 1$$);
SELECT pg_temp.err($$TRUNCATE yl_part_2022$$);
SELECT pg_temp.err($$TRUNCATE yl_part$$);
TRUNCATE yl_part_2023;

-- Closing and reopening: argument errors and state errors.
SELECT pg_temp.err($$SELECT kc_close_year(2022, 'again')$$);
SELECT pg_temp.err($$SELECT kc_reopen_year(2021, 'never closed')$$);
SELECT pg_temp.err($$SELECT kc_close_year(NULL, 'x')$$);
SELECT pg_temp.err($$SELECT kc_close_year(2023, NULL)$$);
SELECT pg_temp.err($$SELECT kc_close_year(2023, E'  \t ')$$);
SELECT pg_temp.err($$SELECT kc_close_year(1899, 'x')$$);
SELECT pg_temp.err($$SELECT kc_close_year(10000, 'x')$$);
SELECT pg_temp.err($$SELECT kc_reopen_year(NULL, NULL)$$);

-- A superuser may close too; closing inside a transaction that rolls back
-- leaves nothing behind.
BEGIN;
SELECT kc_close_year(2023, 'thử');
SELECT pg_temp.err($$INSERT INTO yl_payment VALUES (40, 2023, 1)$$);
ROLLBACK;
INSERT INTO yl_payment VALUES (40, 2023, 1);

-- A transaction sees its own closings at once, also after it has written
-- (writers cache the closed years for their transaction), and a closing
-- rolled back to a savepoint is gone again.
\set VERBOSITY terse
BEGIN;
INSERT INTO yl_payment VALUES (41, 2023, 1);
SAVEPOINT s;
SELECT kc_close_year(2023, 'thử trong giao dịch');
INSERT INTO yl_payment VALUES (42, 2023, 1);
ROLLBACK TO SAVEPOINT s;
INSERT INTO yl_payment VALUES (42, 2023, 1);
-- a direct edit of the status table (superuser) counts too
INSERT INTO kc_closed_year VALUES (2023, now(), 'admin', 'trực tiếp');
INSERT INTO yl_payment VALUES (43, 2023, 1);
ROLLBACK;
\set VERBOSITY default
SELECT count(*) FROM yl_payment WHERE id IN (41, 42, 43);

-- The log is append-only, for everybody.
SELECT pg_temp.err($$UPDATE kc_year_lock_log SET reason = 'sửa'$$);
SELECT pg_temp.err($$DELETE FROM kc_year_lock_log$$);
SELECT pg_temp.err($$TRUNCATE kc_year_lock_log$$);

-- The chief reopens 2022: writes go through again.
SET ROLE regress_kc_year_chief;
SELECT kc_reopen_year(2022, 'Điều chỉnh theo kết luận thanh tra');
RESET ROLE;
UPDATE yl_payment SET amount = 7 WHERE id = 1;
DELETE FROM yl_advance WHERE budget_year = 2022;

-- The log: who (acting and session role), when, why.
SELECT year, action, acting_role, session_role = session_user AS session_is_caller,
	   logged_at IS NOT NULL AS has_time, reason
FROM kc_year_lock_log
WHERE entry > :log_start AND acting_role <> session_user
ORDER BY entry;
-- kc_close_year and kc_reopen_year are not SECURITY DEFINER: they check the
-- caller themselves and write as the owner of the extension's tables.
SELECT proname, prosecdef FROM pg_proc
WHERE proname IN ('kc_close_year', 'kc_reopen_year') ORDER BY 1;
SELECT t, p, has_table_privilege('regress_kc_year_chief', t, p) AS chief,
	   has_table_privilege('regress_kc_year_clerk', t, p) AS clerk
FROM unnest(ARRAY['kc_closed_year', 'kc_year_lock_log']) t,
	 unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE']) p
ORDER BY 1, 2;

-- Trigger functions called the wrong way.
SELECT pg_temp.err($$SELECT kc_year_lock_row()$$);
CREATE TABLE yl_wrong (x integer);
CREATE TRIGGER t BEFORE INSERT ON yl_wrong FOR EACH ROW EXECUTE FUNCTION kc_year_lock_row('x');
SELECT pg_temp.err($$INSERT INTO yl_wrong VALUES (1)$$);
DROP TRIGGER t ON yl_wrong;
CREATE TRIGGER t AFTER INSERT ON yl_wrong FOR EACH ROW EXECUTE FUNCTION kc_year_lock_row();
SELECT pg_temp.err($$INSERT INTO yl_wrong VALUES (1)$$);
DROP TRIGGER t ON yl_wrong;
CREATE TRIGGER t AFTER INSERT ON yl_wrong FOR EACH ROW EXECUTE FUNCTION kc_year_lock_row('y');
SELECT pg_temp.err($$INSERT INTO yl_wrong VALUES (1)$$);

-- Clean up: no closed years are left behind.
SELECT count(*) AS closed_years FROM kc_closed_year;
DROP TABLE yl_payment, yl_advance, yl_archive, yl_bad, yl_empty, yl_truncate_only, yl_wrong, yl_part CASCADE;
SELECT count(*) FROM kc_year_locked_tables();
DROP ROLE regress_kc_year_clerk, regress_kc_year_chief, kc_year_admin;
