-- Vietnamese messages (issue 14): every kind of error kc_ext raises, once
-- under lc_messages = 'vi_VN.UTF-8' and once under 'en_US.UTF-8', with the
-- same SQLSTATE (and constraint name) in both.  The server needs the locale
-- vi_VN.UTF-8 (tools/lib.sh generates it): without it the first SET below
-- fails and so does this test; it never passes on English texts.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS kc_ext;
RESET client_min_messages;
SET datestyle = 'ISO, YMD';

SET lc_messages = 'vi_VN.UTF-8';
SHOW lc_messages;
RESET lc_messages;

-- msg(q): q run under each language; the SQLSTATE (code), message, detail, hint
-- and constraint of its error.  set_config(..., true) lasts until the end of
-- the statement's transaction, and a message is put into words when it is
-- raised, so each row shows what a session with that lc_messages sees.
CREATE FUNCTION pg_temp.msg(q text)
RETURNS TABLE (lang text, code text, message text, detail text, hint text, cons text)
LANGUAGE plpgsql AS $$
DECLARE
	l text;
BEGIN
	FOREACH l IN ARRAY ARRAY['vi_VN.UTF-8', 'en_US.UTF-8'] LOOP
		PERFORM set_config('lc_messages', l, true);
		lang := split_part(l, '_', 1);
		BEGIN
			EXECUTE q;
			code := 'no error';
			message := NULL; detail := NULL; hint := NULL; cons := NULL;
		EXCEPTION WHEN OTHERS THEN
			GET STACKED DIAGNOSTICS code = RETURNED_SQLSTATE, message = MESSAGE_TEXT,
				detail = PG_EXCEPTION_DETAIL, hint = PG_EXCEPTION_HINT, cons = CONSTRAINT_NAME;
		END;
		RETURN NEXT;
	END LOOP;
END $$;

-- same(q): the SQLSTATEs (and constraint names) agree, the texts differ.
CREATE FUNCTION pg_temp.same(q text) RETURNS text LANGUAGE sql AS $$
	SELECT CASE WHEN count(DISTINCT code) = 1 AND count(DISTINCT coalesce(cons, '-')) = 1
				 AND count(DISTINCT message) = 2 THEN 'same SQLSTATE, two languages'
			ELSE 'MISMATCH: ' || string_agg(lang || ' ' || code || ' ' || coalesce(message, '-'), ' | ') END
	FROM pg_temp.msg(q)
$$;

\x on

-- Parse errors of every input function, with their hints.
-- kc_money: the decimal comma (not whole đồng), the ambiguous 12.345, a
-- machine decimal, a thousands group, an unknown word, out of range.
SELECT * FROM pg_temp.msg($$SELECT '1,5'::kc_money$$);
SELECT * FROM pg_temp.msg($$SELECT '12.345'::kc_money$$);
SELECT * FROM pg_temp.msg($$SELECT '12.5'::kc_money$$);
SELECT * FROM pg_temp.msg($$SELECT '1.23.456'::kc_money$$);
SELECT * FROM pg_temp.msg($$SELECT '5 đô la'::kc_money$$);
SELECT * FROM pg_temp.msg($$SELECT '99999999999 tỷ'::kc_money$$);
SELECT * FROM pg_temp.msg($$SELECT ''::kc_money$$);
-- kc_plan: the form, then a field
SELECT * FROM pg_temp.msg($$SELECT 'kế hoạch'::kc_plan$$);
SELECT * FROM pg_temp.msg($$SELECT '(345,5 tỷ; 12.345)'::kc_plan$$);
-- the aggregates' states
SELECT * FROM pg_temp.msg($$SELECT '(1,2'::kc_money_sumstate$$);
SELECT * FROM pg_temp.msg($$SELECT '(1,2,-3)'::kc_plan_sumstate$$);
-- numeric to kc_money
SELECT * FROM pg_temp.msg($$SELECT 1.5::numeric::kc_money$$);

-- Option errors: unit, rounding mode, number of decimals, language.
SELECT * FROM pg_temp.msg($$SELECT kc_format(1::kc_money, 'đô la')$$);
SELECT * FROM pg_temp.msg($$SELECT kc_pct('(1,2)'::kc_plan, 2, 'up')$$);
SELECT * FROM pg_temp.msg($$SELECT kc_pct('(1,2)'::kc_plan, 99)$$);
SELECT * FROM pg_temp.msg($$SELECT kc_source_label('national', 'fr')$$);

-- A cap rule: allocations to projects never exceed the approved plan.
CREATE TABLE msg_plan (id integer PRIMARY KEY, approved kc_money NOT NULL);
CREATE TABLE msg_alloc (id integer PRIMARY KEY, plan_id integer, amount kc_money);
SELECT kc_enforce_cap('msg_alloc_within_plan', 'msg_alloc', '{plan_id}', 'amount',
					  'msg_plan', '{id}', 'approved');
INSERT INTO msg_plan VALUES (1, '8,198 tỷ');
INSERT INTO msg_alloc VALUES (1, 1, '8 tỷ');
SELECT * FROM pg_temp.msg($$INSERT INTO msg_alloc VALUES (2, 1, '198.000.001')$$);
SELECT * FROM pg_temp.msg($$UPDATE msg_plan SET approved = '7 tỷ' WHERE id = 1$$);
-- declaration errors of the C declaration functions
SELECT * FROM pg_temp.msg($$SELECT kc_enforce_cap('msg_alloc_within_plan', 'msg_alloc', '{plan_id}', 'amount', 'msg_plan', '{id}', 'approved')$$);
SELECT * FROM pg_temp.msg($$SELECT kc_drop_cap('no_such_rule')$$);

-- A support cap: a demonstration model gets at most 30% of its cost.
CREATE TABLE msg_project (id integer PRIMARY KEY, category text, source kc_source,
	province text, approved_on date, cost kc_money, support kc_money);
SELECT kc_enforce_support_cap('msg_project', 'category', 'source', 'province',
							  'approved_on', 'cost', 'support');
SELECT * FROM pg_temp.msg($$INSERT INTO msg_project VALUES (1, 'demonstration_model', 'national', 'Ninh Bình', '2023-03-01', '1.000 triệu', '300.000.001')$$);
-- declaration errors of the PL/pgSQL declaration functions
CREATE TABLE msg_bad (id integer, category integer, y text, d date, m kc_money);
SELECT * FROM pg_temp.msg($$SELECT kc_enforce_support_cap('msg_bad', 'category', NULL, NULL, 'd', 'm', 'm')$$);
SELECT * FROM pg_temp.msg($$SELECT kc_enforce_support_cap('msg_bad', 'nope', NULL, NULL, 'd', 'm', 'm')$$);
SELECT * FROM pg_temp.msg($$SELECT kc_enforce_year_lock('msg_bad', 'y')$$);
SELECT * FROM pg_temp.msg($$SELECT kc_support_cap_violations('msg_bad')$$);
SELECT * FROM pg_temp.msg($$SELECT kc_drop_rule('no_such_rule')$$);
-- the rule tables' own checks (PL/pgSQL triggers)
SELECT * FROM pg_temp.msg($$INSERT INTO kc_support_cap_rule (rule_id, category, effective_from, max_share, legal_basis) VALUES (9001, 'demonstration_model', '2030-01-01', 2, 'NQ HĐND')$$);
SELECT * FROM pg_temp.msg($$INSERT INTO kc_project_category (code, name_vi, name_en) VALUES ('Bad code', 'x', 'x')$$);
SELECT * FROM pg_temp.msg($$DELETE FROM kc_support_cap_rule WHERE shipped AND rule_id = (SELECT min(rule_id) FROM kc_support_cap_rule WHERE shipped)$$);

-- A closed year: settled payments do not change.
CREATE TABLE msg_payment (id integer PRIMARY KEY, fiscal_year integer, amount kc_money);
SELECT kc_enforce_year_lock('msg_payment', 'fiscal_year');
INSERT INTO msg_payment VALUES (1, 2022, '8,08 tỷ');
SELECT kc_close_year(2022, 'Quyết định phê duyệt quyết toán năm 2022');
SELECT * FROM pg_temp.msg($$UPDATE msg_payment SET amount = '8,1 tỷ' WHERE id = 1$$);
SELECT * FROM pg_temp.msg($$INSERT INTO msg_payment VALUES (2, 2022, '1 triệu')$$);
SELECT * FROM pg_temp.msg($$TRUNCATE msg_payment$$);
SELECT * FROM pg_temp.msg($$SELECT kc_close_year(2022, 'lần nữa')$$);
SELECT * FROM pg_temp.msg($$SELECT kc_reopen_year(2022, ' ')$$);
SELECT * FROM pg_temp.msg($$DELETE FROM kc_year_lock_log$$);

-- Privileges: a clerk may not close a year.  lc_messages is a superuser's
-- setting (ALTER ROLE ... SET lc_messages, run by a superuser, gives it to
-- a role): it is set before SET ROLE, which keeps it.
CREATE ROLE regress_kc_msg_clerk;
CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	st text; m text; h text;
BEGIN
	EXECUTE q;
	RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, m = MESSAGE_TEXT, h = PG_EXCEPTION_HINT;
	RETURN st || ': ' || m || E'\nHINT: ' || coalesce(h, '-');
END $$;
SET lc_messages = 'vi_VN.UTF-8';
SET ROLE regress_kc_msg_clerk;
SELECT pg_temp.err($$SELECT kc_close_year(2023, 'quyết toán')$$);
RESET ROLE;
SET lc_messages = 'en_US.UTF-8';
SET ROLE regress_kc_msg_clerk;
SELECT pg_temp.err($$SELECT kc_close_year(2023, 'quyết toán')$$);
RESET ROLE;
RESET lc_messages;

\x off

-- Every case above: one SQLSTATE, two languages.
SELECT q, pg_temp.same(q) FROM (VALUES
	($$SELECT '1,5'::kc_money$$), ($$SELECT '12.345'::kc_money$$),
	($$SELECT '(345,5 tỷ; 12.345)'::kc_plan$$),
	($$SELECT kc_format(1::kc_money, 'đô la')$$),
	($$INSERT INTO msg_alloc VALUES (2, 1, '198.000.001')$$),
	($$INSERT INTO msg_project VALUES (1, 'demonstration_model', 'national', 'Ninh Bình', '2023-03-01', '1.000 triệu', '300.000.001')$$),
	($$UPDATE msg_payment SET amount = '8,1 tỷ' WHERE id = 1$$),
	($$SELECT kc_enforce_year_lock('msg_bad', 'y')$$),
	($$SELECT kc_source_label('national', 'fr')$$)) v(q);

-- Other lc_messages keep the English texts: C, and a session that never
-- set it.
SET lc_messages = 'C';
DO $$ BEGIN PERFORM '12.345'::kc_money; EXCEPTION WHEN OTHERS THEN RAISE NOTICE '% %', SQLSTATE, SQLERRM; END $$;
RESET lc_messages;
DO $$ BEGIN PERFORM '12.345'::kc_money; EXCEPTION WHEN OTHERS THEN RAISE NOTICE '% %', SQLSTATE, SQLERRM; END $$;

-- kc_message itself: placeholders in order, by position, %%, NULL
SELECT kc_message('Rule %s: %s', ARRAY['7', NULL]),
	   kc_message('not in the catalogue %2$s %1$s %%', ARRAY['a', 'b']),
	   kc_message('max_share is a fraction of the project''s cost: above 0 and at most 1 (0.3 means 30%); NULL means no share cap.', '{}');
SET lc_messages = 'vi_VN.UTF-8';
SELECT kc_message('Rule %s: %s', ARRAY['7', NULL]), kc_message('year', NULL);
RESET lc_messages;
-- bad input: a NULL text, a two-dimensional array (2202E), a
-- position far past the arguments or too long to be one, a lone % at the end
SELECT kc_message(NULL, ARRAY['x']) IS NULL AS null_text_gives_null;
SELECT pg_temp.err($$SELECT kc_message('Rule %s', ARRAY[ARRAY['a'], ARRAY['b']])$$) AS two_dims;
SELECT kc_message('a %2$s b %99999999999$s c %', ARRAY['x']) AS odd_placeholders;

SELECT kc_reopen_year(2022, 'dọn dẹp kiểm thử');
DROP TABLE msg_payment, msg_project, msg_bad, msg_alloc, msg_plan;
DROP ROLE regress_kc_msg_clerk;
