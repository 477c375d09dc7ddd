-- A cap rule whose amount or limit column changes type inside a
-- transaction that already counted amounts under it (issue 17): 1.0 mixed
-- cached 128-bit and numeric amounts (signal 11, every session reset) or
-- stopped counting.  Now the limit is read again and amounts are combined
-- exactly; the server keeps running.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS kc_ext;
DROP SCHEMA IF EXISTS kc_test_ctc CASCADE;
SELECT kc_drop_cap(rule_name) FROM kc_cap_rule WHERE rule_name LIKE 'kc_test_ctc%';
RESET client_min_messages;
CREATE SCHEMA kc_test_ctc;
SET search_path = kc_test_ctc, public;
SELECT pg_postmaster_start_time() AS started \gset

-- numeric limit becomes bigint
CREATE TABLE p(id int PRIMARY KEY, lim numeric); CREATE TABLE c(pid int, amt bigint);
INSERT INTO p VALUES (1, 100);
SELECT kc_enforce_cap('kc_test_ctc_a', 'c', '{pid}', 'amt', 'p', '{id}', 'lim');

-- With the event trigger kc_cap_alter_recheck (1.1), every ALTER TABLE of a
-- rule's table recomputes its totals and checks its limits: dropping the
-- limit column is refused, a type change is followed.
BEGIN;
INSERT INTO c VALUES (1, 10);
ALTER TABLE p DROP COLUMN lim CASCADE;
ROLLBACK;
BEGIN;
INSERT INTO c VALUES (1, 10);
ALTER TABLE p ALTER COLUMN lim TYPE bigint;
INSERT INTO c VALUES (1, 90);
COMMIT;
INSERT INTO c VALUES (1, 1);
SELECT t.total, (SELECT sum(amt) FROM c) AS real_sum
FROM kc_cap_total t WHERE t.rule_name = 'kc_test_ctc_a';
DELETE FROM c;
ALTER TABLE p ALTER COLUMN lim TYPE numeric;

-- Without it (a superuser disabled it), the triggers themselves never mix
-- representations: what 1.0 crashed on.
ALTER EVENT TRIGGER kc_cap_alter_recheck DISABLE;
BEGIN;
INSERT INTO c VALUES (1, 10);
ALTER TABLE p DROP COLUMN lim CASCADE;
ALTER TABLE p ADD COLUMN lim bigint;
-- the new column is NULL: nothing more may be allocated under it
INSERT INTO c VALUES (1, 10);
ROLLBACK;
BEGIN;
INSERT INTO c VALUES (1, 10);
ALTER TABLE p DROP COLUMN lim CASCADE;
ALTER TABLE p ADD COLUMN lim bigint;
UPDATE p SET lim = 30;
INSERT INTO c VALUES (1, 15);
INSERT INTO c VALUES (1, 5);
COMMIT;
SELECT t.total, (SELECT sum(amt) FROM c) AS real_sum
FROM kc_cap_total t WHERE t.rule_name = 'kc_test_ctc_a';

-- bigint limit becomes numeric: the second insert is counted
CREATE TABLE p2(id int PRIMARY KEY, lim bigint); CREATE TABLE c2(pid int, amt bigint);
INSERT INTO p2 VALUES (1, 100);
SELECT kc_enforce_cap('kc_test_ctc_b', 'c2', '{pid}', 'amt', 'p2', '{id}', 'lim');
BEGIN;
INSERT INTO c2 VALUES (1, 10);
ALTER TABLE p2 DROP COLUMN lim CASCADE;
ALTER TABLE p2 ADD COLUMN lim numeric;
UPDATE p2 SET lim = 100;
INSERT INTO c2 VALUES (1, 1000);
ROLLBACK;
BEGIN;
INSERT INTO c2 VALUES (1, 10);
ALTER TABLE p2 DROP COLUMN lim CASCADE;
ALTER TABLE p2 ADD COLUMN lim numeric;
UPDATE p2 SET lim = 100.5;
INSERT INTO c2 VALUES (1, 50);
COMMIT;
SELECT t.total, (SELECT sum(amt) FROM c2) AS real_sum
FROM kc_cap_total t WHERE t.rule_name = 'kc_test_ctc_b';

-- the key's type changes after amounts were counted: refused, not mixed
CREATE TABLE p3(id int PRIMARY KEY, lim bigint); CREATE TABLE c3(pid int, amt bigint);
INSERT INTO p3 VALUES (1, 100);
SELECT kc_enforce_cap('kc_test_ctc_c', 'c3', '{pid}', 'amt', 'p3', '{id}', 'lim');
BEGIN;
INSERT INTO c3 VALUES (1, 10);
ALTER TABLE c3 ALTER COLUMN pid TYPE bigint;
ALTER TABLE p3 ALTER COLUMN id TYPE bigint;
INSERT INTO c3 VALUES (1, 10);
ROLLBACK;

ALTER EVENT TRIGGER kc_cap_alter_recheck ENABLE;

-- the server never restarted
SELECT pg_postmaster_start_time() = :'started' AS same_server;

SET client_min_messages = warning;
SELECT kc_drop_cap(rule_name) FROM kc_cap_rule WHERE rule_name LIKE 'kc_test_ctc%';
DROP SCHEMA kc_test_ctc CASCADE;
RESET client_min_messages;
