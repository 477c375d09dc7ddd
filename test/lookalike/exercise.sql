-- test/lookalike/exercise.sql -- every function, trigger and rule of kc_ext,
-- run by a superuser in a database where look-alikes are planted
-- (test/suites/72-lookalike.sh replaces @ext@ with the extension's schema).
--
-- This file is itself fully qualified and runs with search_path =
-- pg_catalog, pg_temp, with arguments of the declared types: every call of
-- a look-alike that the log then shows comes from kc_ext's own scripts,
-- constraints, defaults, triggers or functions, not from this file.
-- Expected refusals are caught (kc_la_app.expect) and must happen.

SET search_path = pg_catalog, pg_temp;

CREATE SCHEMA kc_la_app;

-- runs a statement that must fail with the given SQLSTATE
CREATE FUNCTION kc_la_app.expect(stmt pg_catalog.text, state pg_catalog.text) RETURNS pg_catalog.void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	got pg_catalog.text;
BEGIN
	BEGIN
		EXECUTE stmt;
	EXCEPTION WHEN OTHERS THEN
		GET STACKED DIAGNOSTICS got = RETURNED_SQLSTATE;
		IF got OPERATOR(pg_catalog.<>) state THEN
			RAISE EXCEPTION 'expected SQLSTATE % from "%", got %', state, stmt, got;
		END IF;
		RETURN;
	END;
	RAISE EXCEPTION 'expected SQLSTATE % from "%", it succeeded', state, stmt;
END $$;

-- types, operators, casts, aggregates, formatting
CREATE TABLE kc_la_app.ledger (id pg_catalog.int4 PRIMARY KEY, source @ext@.kc_source NOT NULL,
	planned @ext@.kc_money, actual @ext@.kc_money, p @ext@.kc_plan);
INSERT INTO kc_la_app.ledger VALUES
	(1, 'national', '140 tỷ', '136 tỷ', '(140 tỷ; 136 tỷ)'),
	(2, 'local', '205,5 tỷ', '187 tỷ', '(205,5 tỷ; 187 tỷ)'),
	(3, 'counterpart', 1000::pg_catalog.int4, 999::pg_catalog.int8, NULL);
CREATE INDEX ON kc_la_app.ledger (planned);
CREATE INDEX ON kc_la_app.ledger USING hash (actual);
SELECT @ext@.sum(planned), @ext@.avg(planned), @ext@.min(actual), @ext@.max(actual),
	   @ext@.kc_fulfilment(planned, actual), @ext@.sum(p)
FROM kc_la_app.ledger;
SELECT @ext@.kc_pct(@ext@.kc_fulfilment(planned, actual), 2, 'trunc'::pg_catalog.text),
	   @ext@.kc_format_pct(@ext@.kc_pct(@ext@.sum(actual), @ext@.sum(planned), 1, 'half_up'::pg_catalog.text), NULL::pg_catalog.int4)
FROM kc_la_app.ledger;
SELECT @ext@.kc_format(planned, 'tỷ'::pg_catalog.text, NULL::pg_catalog.int4, 'half_up'::pg_catalog.text),
	   @ext@.kc_source_label(source, 'vi'::pg_catalog.text), @ext@.kc_source_label(source, 'en'::pg_catalog.text),
	   planned OPERATOR(@ext@.+) actual, planned OPERATOR(@ext@.-) actual, OPERATOR(@ext@.-) planned,
	   planned OPERATOR(@ext@.*) 2::pg_catalog.int4, planned OPERATOR(@ext@./) 3::pg_catalog.int8,
	   planned OPERATOR(@ext@.*) 0.5::pg_catalog.numeric, planned OPERATOR(@ext@./) actual,
	   @ext@.abs(OPERATOR(@ext@.-) planned), planned::pg_catalog.numeric, planned::pg_catalog.int8,
	   @ext@.kc_planned(p), @ext@.kc_actual(p), @ext@.kc_remaining(p), p OPERATOR(@ext@.+) p,
	   p OPERATOR(@ext@.=) p, planned OPERATOR(@ext@.<) actual, planned OPERATOR(@ext@.>=) actual
FROM kc_la_app.ledger ORDER BY ledger.planned;
SELECT 2::pg_catalog.int4 OPERATOR(@ext@.*) 2.5::pg_catalog.numeric,
	   7::pg_catalog.int8 OPERATOR(@ext@./) 2::pg_catalog.numeric;
COPY kc_la_app.ledger TO STDOUT (FORMAT binary);

-- cap rules: plans, allocations, payments
CREATE TABLE kc_la_app.plan (plan_id pg_catalog.int4 PRIMARY KEY, year pg_catalog.int4 NOT NULL,
	approved @ext@.kc_money NOT NULL);
CREATE TABLE kc_la_app.allocation (alloc_id pg_catalog.int4 PRIMARY KEY,
	plan_id pg_catalog.int4 REFERENCES kc_la_app.plan, year pg_catalog.int4 NOT NULL,
	amount @ext@.kc_money NOT NULL);
CREATE TABLE kc_la_app.payment (pay_id pg_catalog.int4 PRIMARY KEY,
	alloc_id pg_catalog.int4 REFERENCES kc_la_app.allocation, year pg_catalog.int4 NOT NULL,
	amount @ext@.kc_money NOT NULL);
SELECT @ext@.kc_enforce_cap('kc_la_allocation_within_plan'::pg_catalog.text, 'kc_la_app.allocation'::pg_catalog.regclass,
	'{plan_id}'::pg_catalog.text[], 'amount'::pg_catalog.text, 'kc_la_app.plan'::pg_catalog.regclass,
	'{plan_id}'::pg_catalog.text[], 'approved'::pg_catalog.text);
SELECT @ext@.kc_enforce_cap('kc_la_payment_within_allocation'::pg_catalog.text, 'kc_la_app.payment'::pg_catalog.regclass,
	'{alloc_id}'::pg_catalog.text[], 'amount'::pg_catalog.text, 'kc_la_app.allocation'::pg_catalog.regclass,
	'{alloc_id}'::pg_catalog.text[], 'amount'::pg_catalog.text);
INSERT INTO kc_la_app.plan VALUES (1, 2021, '100 triệu'), (2, 2022, '50 triệu'), (3, 2023, '10 triệu');
INSERT INTO kc_la_app.allocation VALUES (1, 1, 2021, '60 triệu'), (2, 1, 2021, '40 triệu'), (3, 2, 2022, '10 triệu'),
	(4, 3, 2023, '1 triệu');
INSERT INTO kc_la_app.payment VALUES (1, 1, 2021, '60 triệu'), (2, 3, 2022, '5 triệu');
SELECT kc_la_app.expect('INSERT INTO kc_la_app.allocation VALUES (9, 1, 2021, 1::pg_catalog.int4)', '23514');
SELECT kc_la_app.expect('UPDATE kc_la_app.plan SET approved = ''99 triệu'' WHERE plan_id OPERATOR(pg_catalog.=) 1', '23514');
SELECT kc_la_app.expect('INSERT INTO kc_la_app.payment VALUES (9, 3, 2022, ''6 triệu'')', '23514');
UPDATE kc_la_app.allocation SET amount = '30 triệu' WHERE alloc_id OPERATOR(pg_catalog.=) 2;
DELETE FROM kc_la_app.payment WHERE pay_id OPERATOR(pg_catalog.=) 2;
UPDATE kc_la_app.plan SET approved = '200 triệu' WHERE plan_id OPERATOR(pg_catalog.=) 1;
TRUNCATE kc_la_app.payment;
SELECT @ext@.kc_cap_rebuild('kc_la_allocation_within_plan'::pg_catalog.text);
SELECT @ext@.kc_cap_rebuild('kc_la_payment_within_allocation'::pg_catalog.text);
SELECT * FROM @ext@.kc_caps ORDER BY rule_name;
SELECT * FROM @ext@.kc_cap_total ORDER BY rule_name, parent_key;
SELECT @ext@.kc_drop_cap('kc_la_payment_within_allocation'::pg_catalog.text);
SELECT @ext@.kc_enforce_cap('kc_la_payment_within_allocation'::pg_catalog.text, 'kc_la_app.payment'::pg_catalog.regclass,
	'{alloc_id}'::pg_catalog.text[], 'amount'::pg_catalog.text, 'kc_la_app.allocation'::pg_catalog.regclass,
	'{alloc_id}'::pg_catalog.text[], 'amount'::pg_catalog.text);
INSERT INTO kc_la_app.payment VALUES (3, 1, 2021, '10 triệu');

-- support caps: categories and rules (constraints, defaults, triggers),
-- the check, the report
INSERT INTO @ext@.kc_project_category (code, name_vi, name_en) VALUES ('kc_la_cat', 'Thử', 'Test');
UPDATE @ext@.kc_project_category SET name_en = 'Test category' WHERE code OPERATOR(pg_catalog.=) 'kc_la_cat';
UPDATE @ext@.kc_project_category SET name_en = 'Consulting (edited)' WHERE code OPERATOR(pg_catalog.=) 'consulting';
SELECT kc_la_app.expect('INSERT INTO @ext@.kc_project_category (code, name_vi, name_en) VALUES (''Bad code'', ''x'', ''y'')', '22023');
SELECT kc_la_app.expect('DELETE FROM @ext@.kc_project_category WHERE code OPERATOR(pg_catalog.=) ''other''', '0A000');
INSERT INTO @ext@.kc_support_cap_rule (category, source, province, effective_from, effective_to, max_share, max_amount, legal_basis)
VALUES ('kc_la_cat', NULL, NULL, '2020-01-01', NULL, 0.5, '20 triệu', 'Thử nghiệm'),
	   ('demonstration_model', 'local', 'NB', '2020-01-01', '2030-12-31', 0.4, '800 triệu', 'Nghị quyết HĐND tỉnh (thử)');
UPDATE @ext@.kc_support_cap_rule SET max_amount = '25 triệu'
	WHERE category OPERATOR(pg_catalog.=) 'kc_la_cat';
UPDATE @ext@.kc_support_cap_rule SET max_amount = '8 triệu' WHERE rule_id OPERATOR(pg_catalog.=) 6;
SELECT kc_la_app.expect('INSERT INTO @ext@.kc_support_cap_rule (category, effective_from, max_share, legal_basis) VALUES (''kc_la_cat'', ''2021-01-01'', 1.5, ''x'')', '22023');
SELECT kc_la_app.expect('INSERT INTO @ext@.kc_support_cap_rule (category, effective_from, max_share, legal_basis) VALUES (''kc_la_cat'', ''2021-01-01'', 0.1, ''x'')', '23P01');
SELECT kc_la_app.expect('DELETE FROM @ext@.kc_support_cap_rule WHERE rule_id OPERATOR(pg_catalog.=) 1', '0A000');
DELETE FROM @ext@.kc_support_cap_rule
	WHERE category OPERATOR(pg_catalog.=) 'demonstration_model' AND province OPERATOR(pg_catalog.=) 'NB';
CREATE TABLE kc_la_app.project (id pg_catalog.int4 PRIMARY KEY, category pg_catalog.text NOT NULL,
	source @ext@.kc_source, province pg_catalog.text, approved_on pg_catalog.date NOT NULL,
	cost @ext@.kc_money NOT NULL, support @ext@.kc_money NOT NULL, year pg_catalog.int4 NOT NULL);
SELECT @ext@.kc_enforce_support_cap('kc_la_app.project'::pg_catalog.regclass, 'category'::pg_catalog.text,
	'source'::pg_catalog.text, 'province'::pg_catalog.text, 'approved_on'::pg_catalog.text,
	'cost'::pg_catalog.text, 'support'::pg_catalog.text);
INSERT INTO kc_la_app.project VALUES
	(1, 'demonstration_model', 'national', 'NB', '2021-05-01', '1.000 triệu', '300 triệu', 2021),
	(2, 'kc_la_cat', 'local', 'HN', '2022-05-01', '100 triệu', '25 triệu', 2022),
	(3, 'trade_fair', NULL, NULL, '2023-05-01', '100 triệu', '100 triệu', 2023);
SELECT kc_la_app.expect('INSERT INTO kc_la_app.project VALUES (9, ''demonstration_model'', ''national'', ''NB'', ''2021-05-01'', ''1.000 triệu'', ''300.000.001'', 2021)', '23514');
SELECT kc_la_app.expect('UPDATE kc_la_app.project SET support = ''26 triệu'' WHERE id OPERATOR(pg_catalog.=) 2', '23514');
UPDATE @ext@.kc_support_cap_rule SET max_amount = '10 triệu' WHERE category OPERATOR(pg_catalog.=) 'kc_la_cat';
SELECT row_ctid, category, rule_id, cap FROM @ext@.kc_support_cap_violations('kc_la_app.project'::pg_catalog.regclass);
SELECT * FROM @ext@.kc_support_cap_rule_for('machinery_transfer'::pg_catalog.text, 'national'::@ext@.kc_source,
	'NB'::pg_catalog.text, '2024-01-01'::pg_catalog.date);
SELECT @ext@.kc_support_cap_limit(0.3::pg_catalog.numeric, '1.000 triệu'::@ext@.kc_money, '5.000 triệu'::@ext@.kc_money);
SELECT @ext@.kc_enforce_support_cap('kc_la_app.project'::pg_catalog.regclass, 'category'::pg_catalog.text,
	NULL::pg_catalog.text, NULL::pg_catalog.text, 'approved_on'::pg_catalog.text,
	'cost'::pg_catalog.text, 'support'::pg_catalog.text);
SELECT count(*) FROM @ext@.kc_support_cap_violations('kc_la_app.project'::pg_catalog.regclass);

-- closed years: protect, close, refuse, reopen, the log
SELECT @ext@.kc_enforce_year_lock('kc_la_app.allocation'::pg_catalog.regclass, 'year'::pg_catalog.text);
SELECT @ext@.kc_enforce_year_lock('kc_la_app.project'::pg_catalog.regclass, 'year'::pg_catalog.text);
SELECT @ext@.kc_enforce_year_lock('kc_la_app.project'::pg_catalog.regclass, 'year'::pg_catalog.text);
SELECT * FROM @ext@.kc_year_locked_tables();
SELECT @ext@.kc_close_year(2021::pg_catalog.int4, 'quyết toán 2021'::pg_catalog.text);
SELECT @ext@.kc_close_year(2022::pg_catalog.int4, 'quyết toán 2022'::pg_catalog.text);
SELECT kc_la_app.expect('INSERT INTO kc_la_app.allocation VALUES (20, 1, 2021, 1::pg_catalog.int4)', '55000');
SELECT kc_la_app.expect('UPDATE kc_la_app.project SET year = 2021 WHERE id OPERATOR(pg_catalog.=) 3', '55000');
SELECT kc_la_app.expect('DELETE FROM kc_la_app.project WHERE id OPERATOR(pg_catalog.=) 2', '55000');
SELECT kc_la_app.expect('TRUNCATE kc_la_app.allocation CASCADE', '55000');
SELECT kc_la_app.expect('SELECT @ext@.kc_close_year(1800::pg_catalog.int4, ''x''::pg_catalog.text)', '22023');
SELECT @ext@.kc_reopen_year(2022::pg_catalog.int4, 'điều chỉnh'::pg_catalog.text);
UPDATE kc_la_app.project SET support = '5 triệu' WHERE id OPERATOR(pg_catalog.=) 2;
SELECT @ext@.kc_close_year(2022::pg_catalog.int4, 'quyết toán lại'::pg_catalog.text);
SELECT kc_la_app.expect('UPDATE @ext@.kc_year_lock_log SET reason = ''x''', '42501');
SELECT kc_la_app.expect('DELETE FROM @ext@.kc_year_lock_log', '42501');
SELECT kc_la_app.expect('TRUNCATE @ext@.kc_year_lock_log', '42501');
SELECT year, action, reason FROM @ext@.kc_year_lock_log ORDER BY entry;
SELECT * FROM @ext@.kc_closed_year ORDER BY year;

-- 1.1: the list of rules, the event triggers (disabled rule triggers are
-- logged, INHERITS links to a cap rule's tables refused), kc_drop_rule of
-- every kind (on rules made for it, so the rules above stay for the dump)
SELECT kind, rule_name, tables, checks FROM @ext@.kc_rules ORDER BY kind, rule_name;
ALTER TABLE kc_la_app.project DISABLE TRIGGER kc_year_lock;
ALTER TABLE kc_la_app.project ENABLE TRIGGER kc_year_lock;
SELECT kc_la_app.expect('CREATE TABLE kc_la_app.allocation_more () INHERITS (kc_la_app.allocation)', '0A000');
CREATE TABLE kc_la_app.spare_plan (id pg_catalog.int4 PRIMARY KEY, approved @ext@.kc_money);
CREATE TABLE kc_la_app.spare_alloc (id pg_catalog.int4, pid pg_catalog.int4, amount @ext@.kc_money,
	year pg_catalog.int4, category pg_catalog.text, source @ext@.kc_source, province pg_catalog.text,
	approved_on pg_catalog.date, cost @ext@.kc_money);
SELECT @ext@.kc_enforce_cap('kc_la_spare'::pg_catalog.text, 'kc_la_app.spare_alloc'::pg_catalog.regclass,
	'{pid}'::pg_catalog.text[], 'amount'::pg_catalog.text, 'kc_la_app.spare_plan'::pg_catalog.regclass,
	'{id}'::pg_catalog.text[], 'approved'::pg_catalog.text);
SELECT @ext@.kc_enforce_year_lock('kc_la_app.spare_alloc'::pg_catalog.regclass, 'year'::pg_catalog.text);
SELECT @ext@.kc_enforce_support_cap('kc_la_app.spare_alloc'::pg_catalog.regclass, 'category'::pg_catalog.text,
	'source'::pg_catalog.text, 'province'::pg_catalog.text, 'approved_on'::pg_catalog.text,
	'cost'::pg_catalog.text, 'amount'::pg_catalog.text);
INSERT INTO kc_la_app.spare_plan VALUES (1, '10 triệu');
INSERT INTO kc_la_app.spare_alloc VALUES (1, 1, '5 triệu', 2023, 'demonstration_model', 'national', NULL, '2022-03-01', '100 triệu');
SELECT @ext@.kc_drop_rule('kc_la_spare'::pg_catalog.text);
SELECT @ext@.kc_drop_rule('year_lock:kc_la_app.spare_alloc'::pg_catalog.text);
SELECT @ext@.kc_drop_rule('support_cap:kc_la_app.spare_alloc'::pg_catalog.text);
SELECT kc_la_app.expect('SELECT @ext@.kc_drop_rule(''kc_la_spare''::pg_catalog.text)', '42704');
SELECT kind, rule_name FROM @ext@.kc_rules ORDER BY kind, rule_name;
