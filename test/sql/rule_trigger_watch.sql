-- Disabling a rule's triggers is the owner's right in PostgreSQL; kc_ext
-- makes it visible (issue 10): every ALTER TABLE that leaves a trigger of a
-- kc_ext rule disabled (or firing for replica sessions only) raises a
-- WARNING for the client and a LOG line in the server log, also when an
-- ordinary owner does it.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS kc_ext;
DROP SCHEMA IF EXISTS kc_test_rtw CASCADE;
DROP ROLE IF EXISTS kc_test_rtw_owner;
RESET client_min_messages;
CREATE ROLE kc_test_rtw_owner NOLOGIN;
CREATE SCHEMA kc_test_rtw AUTHORIZATION kc_test_rtw_owner;
SELECT extnamespace::regnamespace AS ext_schema FROM pg_extension WHERE extname = 'kc_ext' \gset
SET ROLE kc_test_rtw_owner;
SELECT set_config('search_path', 'kc_test_rtw, ' || :'ext_schema', false) IS NOT NULL AS path_set;
CREATE TABLE plan (id int PRIMARY KEY, approved kc_money);
CREATE TABLE alloc (plan_id int, amount kc_money, year int);
SELECT kc_enforce_cap('kc_test_rtw_cap', 'alloc', '{plan_id}', 'amount', 'plan', '{id}', 'approved');
SELECT kc_enforce_year_lock('alloc', 'year');

-- disabling: one warning per rule trigger that no longer fires
ALTER TABLE alloc DISABLE TRIGGER kc_cap_row_kc_test_rtw_cap;
ALTER TABLE alloc DISABLE TRIGGER USER;
-- replica-only firing is not firing for ordinary sessions either
ALTER TABLE alloc ENABLE TRIGGER USER;
ALTER TABLE plan ENABLE REPLICA TRIGGER kc_cap_parent_kc_test_rtw_cap;
-- back to normal: no warning
ALTER TABLE plan ENABLE TRIGGER kc_cap_parent_kc_test_rtw_cap;
ALTER TABLE alloc ADD COLUMN note text;
-- other tables' DDL is not concerned
CREATE TABLE other (x int);
ALTER TABLE other ADD COLUMN y int;
RESET ROLE;

SET client_min_messages = warning;
SELECT kc_drop_cap('kc_test_rtw_cap');
DROP SCHEMA kc_test_rtw CASCADE;
DROP ROLE kc_test_rtw_owner;
RESET client_min_messages;
