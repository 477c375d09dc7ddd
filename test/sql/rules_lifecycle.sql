-- One life cycle for every rule (issue 15): kc_rules lists cap rules,
-- support caps and year locks alike, with the tables each covers and what
-- it checks; kc_drop_rule removes a rule of any kind and every trigger it
-- installed; only the owner of the tables may.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS kc_ext;
DROP SCHEMA IF EXISTS kc_test_rl CASCADE;
SELECT kc_drop_cap(rule_name) FROM kc_cap_rule WHERE rule_name LIKE 'kc_test_rl%';
DROP ROLE IF EXISTS kc_test_rl_owner;
DROP ROLE IF EXISTS kc_test_rl_other;
RESET client_min_messages;
CREATE ROLE kc_test_rl_owner NOLOGIN;
CREATE ROLE kc_test_rl_other NOLOGIN;
CREATE SCHEMA kc_test_rl AUTHORIZATION kc_test_rl_owner;
GRANT USAGE ON SCHEMA kc_test_rl TO kc_test_rl_other;
SELECT extnamespace::regnamespace AS ext_schema FROM pg_extension WHERE extname = 'kc_ext' \gset
SET ROLE kc_test_rl_owner;
SELECT set_config('search_path', 'kc_test_rl, ' || :'ext_schema', false) IS NOT NULL AS path_set;

CREATE TABLE plan (id int PRIMARY KEY, approved kc_money);
CREATE TABLE alloc (id int, plan_id int, amount kc_money, year int);
CREATE TABLE project (id int PRIMARY KEY, category text, source kc_source, province text,
	approved_on date, cost kc_money, support kc_money, year int);
CREATE TABLE payment (id int, year int, amount kc_money) PARTITION BY LIST (year);
CREATE TABLE payment_1999 PARTITION OF payment FOR VALUES IN (1999);
CREATE TABLE old_payment (id int, year int, amount kc_money);
CREATE TABLE old_payment_2019 () INHERITS (old_payment);

SELECT kc_enforce_cap('kc_test_rl_cap', 'alloc', '{plan_id}', 'amount', 'plan', '{id}', 'approved');
SELECT kc_enforce_support_cap('project', 'category', 'source', 'province', 'approved_on', 'cost', 'support');
SELECT kc_enforce_year_lock('payment', 'year');
SELECT kc_enforce_year_lock('old_payment', 'year');

SELECT kind, rule_name, tables, checks FROM kc_rules
WHERE rule_name LIKE 'kc_test_rl%' OR rule_name LIKE '%kc_test_rl.%' ORDER BY kind, rule_name;

-- reserved prefixes cannot name a cap rule
\set VERBOSITY terse
SELECT kc_enforce_cap('year_lock:kc_test_rl.alloc', 'alloc', '{plan_id}', 'amount', 'plan', '{id}', 'approved');
SELECT kc_drop_rule('kc_test_rl_nope');
SELECT kc_drop_rule(NULL);
\set VERBOSITY default

-- someone who does not own the tables cannot drop any of them
RESET ROLE;
SET ROLE kc_test_rl_other;
\set VERBOSITY terse
SELECT kc_drop_rule('kc_test_rl_cap');
SELECT kc_drop_rule('support_cap:kc_test_rl.project');
SELECT kc_drop_rule('year_lock:kc_test_rl.payment');
\set VERBOSITY default
RESET ROLE;
SET ROLE kc_test_rl_owner;
SELECT count(*) AS rules_still_there FROM kc_rules
WHERE rule_name LIKE 'kc_test_rl%' OR rule_name LIKE '%kc_test_rl.%';

-- while the rules are there, each refuses a write
INSERT INTO plan VALUES (1, 1);
RESET ROLE;
SELECT kc_close_year(1999, 'kc_test_rl: a closed year for the year locks');
SET ROLE kc_test_rl_owner;
\set VERBOSITY sqlstate
INSERT INTO alloc VALUES (1, 1, 5, 2022);
INSERT INTO project VALUES (1, 'demonstration_model', 'national', NULL, '2022-03-01', '100 triệu', '90 triệu', 2022);
INSERT INTO payment VALUES (1, 1999, 1);
INSERT INTO old_payment_2019 VALUES (1, 1999, 1);
\set VERBOSITY default

-- the owner drops each kind; nothing of it is left behind
SELECT kc_drop_rule('kc_test_rl_cap');
SELECT kc_drop_rule('support_cap:kc_test_rl.project');
SELECT kc_drop_rule('year_lock:kc_test_rl.payment');
SELECT kc_drop_rule('year_lock:kc_test_rl.old_payment');
SELECT kind, rule_name FROM kc_rules
WHERE rule_name LIKE 'kc_test_rl%' OR rule_name LIKE '%kc_test_rl.%';
SELECT count(*) AS kept_totals FROM kc_cap_total WHERE rule_name = 'kc_test_rl_cap';
SELECT c.relname, g.tgname FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
WHERE c.relnamespace = 'kc_test_rl'::regnamespace AND NOT g.tgisinternal ORDER BY 1, 2;
-- and the rules are really gone: the same writes pass now
INSERT INTO alloc VALUES (1, 1, 5, 2022);
INSERT INTO project VALUES (1, 'demonstration_model', 'national', NULL, '2022-03-01', '100 triệu', '90 triệu', 2022);
INSERT INTO payment VALUES (1, 1999, 1);
INSERT INTO old_payment_2019 VALUES (1, 1999, 1);
RESET ROLE;
SELECT kc_reopen_year(1999, 'kc_test_rl: done');

SET client_min_messages = warning;
DROP SCHEMA kc_test_rl CASCADE;
DROP ROLE kc_test_rl_owner;
DROP ROLE kc_test_rl_other;
RESET client_min_messages;
