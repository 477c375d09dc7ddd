-- The bad-input catalogue: malformed values for every input function
-- (kc_money, kc_plan, kc_money_sumstate, kc_plan_sumstate, kc_source, and
-- the numeric to kc_money cast) and
-- every text option (units, rounding modes, numbers of decimals, languages,
-- the column names and reasons given to the rule-declaring functions), each
-- with the SQLSTATE it must raise.  A loop runs every entry and prints the
-- value, the expected and the actual SQLSTATE, the message and ok/MISMATCH;
-- the last query counts them.  Then malformed binary input to every recv
-- function, through binary COPY of crafted files: errors, never a crash.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS kc_ext;
RESET client_min_messages;

-- Tables for the rule-declaring functions' column-name arguments (nothing is
-- declared on them: every call below must fail).
CREATE SCHEMA kc_test_bad;
CREATE TABLE kc_test_bad.plan (id int PRIMARY KEY, approved kc_money NOT NULL, title text);
CREATE TABLE kc_test_bad.alloc (id int PRIMARY KEY, plan_id int, amount kc_money, title text);
CREATE TABLE kc_test_bad.project (id int PRIMARY KEY, category text, source kc_source,
	province text, approved_on date, cost kc_money, support kc_money, title text, year int);

-- How each function is called: %s is replaced by the quoted bad value.
CREATE TEMP TABLE bad_call (fn text PRIMARY KEY, template text NOT NULL);
INSERT INTO bad_call VALUES
	('kc_money', 'SELECT %s::kc_money'),
	('kc_money(numeric)', 'SELECT %s::numeric::kc_money'),
	('kc_plan', 'SELECT %s::kc_plan'),
	('kc_money_sumstate', 'SELECT %s::kc_money_sumstate'),
	('kc_plan_sumstate', 'SELECT %s::kc_plan_sumstate'),
	('kc_source', 'SELECT %s::kc_source'),
	('kc_format unit', 'SELECT kc_format(1500, %s)'),
	('kc_format rounding', 'SELECT kc_format(1500, ''tỷ'', 2, %s)'),
	('kc_format digits', 'SELECT kc_format(1500, ''tỷ'', %s::int)'),
	('kc_pct digits', 'SELECT kc_pct(kc_plan(3, 2), %s::int)'),
	('kc_pct rounding', 'SELECT kc_pct(kc_plan(3, 2), 2, %s)'),
	('kc_pct(part, whole) rounding', 'SELECT kc_pct(2::kc_money, 3::kc_money, 2, %s)'),
	('kc_format_pct digits', 'SELECT kc_format_pct(93.4877, %s::int)'),
	('kc_source_label lang', 'SELECT kc_source_label(''local'', %s)'),
	('kc_enforce_cap rule_name', 'SELECT kc_enforce_cap(%s, ''kc_test_bad.alloc'', ''{plan_id}'', ''amount'', ''kc_test_bad.plan'', ''{id}'', ''approved'')'),
	('kc_enforce_cap child_columns', 'SELECT kc_enforce_cap(''kc_test_bad_rule'', ''kc_test_bad.alloc'', %s, ''amount'', ''kc_test_bad.plan'', ''{id}'', ''approved'')'),
	('kc_enforce_cap amount_column', 'SELECT kc_enforce_cap(''kc_test_bad_rule'', ''kc_test_bad.alloc'', ''{plan_id}'', %s, ''kc_test_bad.plan'', ''{id}'', ''approved'')'),
	('kc_enforce_cap parent_columns', 'SELECT kc_enforce_cap(''kc_test_bad_rule'', ''kc_test_bad.alloc'', ''{plan_id}'', ''amount'', ''kc_test_bad.plan'', %s, ''approved'')'),
	('kc_enforce_cap limit_column', 'SELECT kc_enforce_cap(''kc_test_bad_rule'', ''kc_test_bad.alloc'', ''{plan_id}'', ''amount'', ''kc_test_bad.plan'', ''{id}'', %s)'),
	('kc_enforce_cap child_table', 'SELECT kc_enforce_cap(''kc_test_bad_rule'', %s, ''{plan_id}'', ''amount'', ''kc_test_bad.plan'', ''{id}'', ''approved'')'),
	('kc_enforce_support_cap category_column', 'SELECT kc_enforce_support_cap(''kc_test_bad.project'', %s, ''source'', ''province'', ''approved_on'', ''cost'', ''support'')'),
	('kc_enforce_support_cap source_column', 'SELECT kc_enforce_support_cap(''kc_test_bad.project'', ''category'', %s, ''province'', ''approved_on'', ''cost'', ''support'')'),
	('kc_enforce_support_cap approved_on_column', 'SELECT kc_enforce_support_cap(''kc_test_bad.project'', ''category'', ''source'', ''province'', %s, ''cost'', ''support'')'),
	('kc_enforce_support_cap cost_column', 'SELECT kc_enforce_support_cap(''kc_test_bad.project'', ''category'', ''source'', ''province'', ''approved_on'', %s, ''support'')'),
	('kc_enforce_support_cap support_column', 'SELECT kc_enforce_support_cap(''kc_test_bad.project'', ''category'', ''source'', ''province'', ''approved_on'', ''cost'', %s)'),
	('kc_enforce_year_lock year_column', 'SELECT kc_enforce_year_lock(''kc_test_bad.project'', %s)'),
	('kc_close_year reason', 'SELECT kc_close_year(2001, %s)'),
	('kc_close_year year', 'SELECT kc_close_year(%s::int, ''settled'')'),
	('kc_reopen_year reason', 'SELECT kc_reopen_year(2001, %s)'),
	('kc_reopen_year year', 'SELECT kc_reopen_year(%s::int, ''settled'')');

-- The catalogue: value (NULL: SQL NULL), function, expected SQLSTATE.
CREATE TEMP TABLE bad_value (id serial PRIMARY KEY, value text, fn text NOT NULL REFERENCES bad_call,
	expected text NOT NULL);
INSERT INTO bad_value (value, fn, expected) VALUES
	-- kc_money: syntax 22P02, not a whole number of đồng 22P02, range 22003
	('', 'kc_money', '22P02'),
	('   ', 'kc_money', '22P02'),
	('abc', 'kc_money', '22P02'),
	('--5', 'kc_money', '22P02'),
	('- 5', 'kc_money', '22P02'),
	('1,5 đồng', 'kc_money', '22P02'),
	('1,234', 'kc_money', '22P02'),
	('0,0000000001 tỷ', 'kc_money', '22P02'),
	('1.23.456', 'kc_money', '22P02'),
	('0.125 tỷ', 'kc_money', '22P02'),
	('1,5,5 tỷ', 'kc_money', '22P02'),
	('5 USD', 'kc_money', '22P02'),
	('5 tỷ tỷ', 'kc_money', '22P02'),
	('12 34', 'kc_money', '22P02'),
	('NaN', 'kc_money', '22P02'),
	('Infinity', 'kc_money', '22P02'),
	('1e9', 'kc_money', '22P02'),
	('0x10', 'kc_money', '22P02'),
	('５', 'kc_money', '22P02'),					-- fullwidth digit
	('١٢٣', 'kc_money', '22P02'),					-- Arabic-Indic digits
	('9223372036854775808', 'kc_money', '22003'),
	('-9223372036854775809', 'kc_money', '22003'),
	('10000000000 tỷ', 'kc_money', '22003'),
	('99999999999999999999999999999999999999', 'kc_money', '22003'),
	-- numeric to kc_money (the cast, also on assignment): never rounded
	('1.5', 'kc_money(numeric)', '22P02'),
	('-0.5', 'kc_money(numeric)', '22P02'),
	('0.0000001', 'kc_money(numeric)', '22P02'),
	('1e19', 'kc_money(numeric)', '22003'),
	('-9223372036854775809', 'kc_money(numeric)', '22003'),
	('NaN', 'kc_money(numeric)', '22003'),
	('Infinity', 'kc_money(numeric)', '22003'),
	-- kc_plan
	('', 'kc_plan', '22P02'),
	('()', 'kc_plan', '22P02'),
	('(1,2', 'kc_plan', '22P02'),
	('1,2)', 'kc_plan', '22P02'),
	('(1,2,3)', 'kc_plan', '22P02'),
	('(1;2;3)', 'kc_plan', '22P02'),
	('(,)', 'kc_plan', '22P02'),
	('(1 ; )', 'kc_plan', '22P02'),
	('(abc,1)', 'kc_plan', '22P02'),
	('(1,5 tỷ; 2,5 đồng)', 'kc_plan', '22P02'),
	('(1;2) x', 'kc_plan', '22P02'),
	('(9223372036854775808,0)', 'kc_plan', '22003'),
	('(0; 10000000000 tỷ)', 'kc_plan', '22003'),
	-- kc_money_sumstate: (sum,count), |sum| <= 2^120, 0 <= count < 2^63
	('', 'kc_money_sumstate', '22P02'),
	('(1)', 'kc_money_sumstate', '22P02'),
	('(1,-1)', 'kc_money_sumstate', '22P02'),
	('(a,1)', 'kc_money_sumstate', '22P02'),
	('(,1)', 'kc_money_sumstate', '22P02'),
	('(1,2,3)', 'kc_money_sumstate', '22P02'),
	('(1,9223372036854775808)', 'kc_money_sumstate', '22P02'),
	('(1329227995784915872903807060280344577,1)', 'kc_money_sumstate', '22P02'),	-- 2^120 + 1
	('( 1,2)', 'kc_money_sumstate', '22P02'),
	('1,2', 'kc_money_sumstate', '22P02'),
	-- kc_plan_sumstate: (planned,actual,count)
	('', 'kc_plan_sumstate', '22P02'),
	('(1,2)', 'kc_plan_sumstate', '22P02'),
	('(1,2,-1)', 'kc_plan_sumstate', '22P02'),
	('(1,2,3,4)', 'kc_plan_sumstate', '22P02'),
	('(x,2,3)', 'kc_plan_sumstate', '22P02'),
	('(1,2,9223372036854775808)', 'kc_plan_sumstate', '22P02'),
	('(1,2,3', 'kc_plan_sumstate', '22P02'),
	-- kc_source: the enum's labels only, exactly
	('', 'kc_source', '22P02'),
	('National', 'kc_source', '22P02'),
	(' local', 'kc_source', '22P02'),
	('foreign', 'kc_source', '22P02'),
	-- text options
	('', 'kc_format unit', '22023'),
	('billion', 'kc_format unit', '22023'),
	('ty dong', 'kc_format unit', '22023'),
	('tỵ', 'kc_format unit', '22023'),
	('', 'kc_format rounding', '22023'),
	('half-up', 'kc_format rounding', '22023'),
	('round', 'kc_format rounding', '22023'),
	('-1', 'kc_format digits', '22023'),
	('19', 'kc_format digits', '22023'),
	('-1', 'kc_pct digits', '22023'),
	('17', 'kc_pct digits', '22023'),
	('ceil', 'kc_pct rounding', '22023'),
	('', 'kc_pct rounding', '22023'),
	('floor', 'kc_pct(part, whole) rounding', '22023'),
	('-1', 'kc_format_pct digits', '22023'),
	('19', 'kc_format_pct digits', '22023'),
	('fr', 'kc_source_label lang', '22023'),
	('', 'kc_source_label lang', '22023'),
	('VI', 'kc_source_label lang', '22023'),
	-- the rule-declaring functions' text arguments
	(NULL, 'kc_enforce_cap rule_name', '22004'),
	('{nosuch}', 'kc_enforce_cap child_columns', '42703'),
	('{plan_id,id}', 'kc_enforce_cap child_columns', '42830'),	-- as a foreign key's
	('{}', 'kc_enforce_cap child_columns', '22023'),
	('nosuch', 'kc_enforce_cap amount_column', '42703'),
	('title', 'kc_enforce_cap amount_column', '42804'),
	('', 'kc_enforce_cap amount_column', '42703'),
	('{nosuch}', 'kc_enforce_cap parent_columns', '42703'),
	('{title}', 'kc_enforce_cap parent_columns', '42804'),
	('nosuch', 'kc_enforce_cap limit_column', '42703'),
	('title', 'kc_enforce_cap limit_column', '42804'),
	('kc_test_bad.nosuch', 'kc_enforce_cap child_table', '42P01'),
	('nosuch', 'kc_enforce_support_cap category_column', '42703'),
	('', 'kc_enforce_support_cap category_column', '22004'),
	('cost', 'kc_enforce_support_cap category_column', '42804'),
	('title', 'kc_enforce_support_cap source_column', '42804'),
	('title', 'kc_enforce_support_cap approved_on_column', '42804'),
	('title', 'kc_enforce_support_cap cost_column', '42804'),
	('nosuch', 'kc_enforce_support_cap support_column', '42703'),
	('nosuch', 'kc_enforce_year_lock year_column', '42703'),
	('', 'kc_enforce_year_lock year_column', '22004'),
	('title', 'kc_enforce_year_lock year_column', '42804'),
	('', 'kc_close_year reason', '22023'),
	(E' \t\n', 'kc_close_year reason', '22023'),
	(NULL, 'kc_close_year reason', '22004'),
	('1899', 'kc_close_year year', '22023'),
	('10000', 'kc_close_year year', '22023'),
	(NULL, 'kc_close_year year', '22004'),
	('', 'kc_reopen_year reason', '22023'),
	('0', 'kc_reopen_year year', '22023');

CREATE FUNCTION pg_temp.kc_try(q text, OUT state text, OUT message text)
LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE q;
	state := '00000';
	message := 'no error';
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, message = MESSAGE_TEXT;
END $$;

-- Every entry, in order.
CREATE TEMP TABLE bad_result AS
SELECT v.id, v.fn, v.value, v.expected, r.state AS actual, r.message
FROM bad_value v JOIN bad_call c USING (fn),
	LATERAL pg_temp.kc_try(format(c.template, quote_nullable(v.value))) r;
SELECT id, fn, coalesce(quote_literal(value), 'NULL') AS value, expected, actual,
	CASE WHEN actual = expected THEN 'ok' ELSE 'MISMATCH' END AS verdict, message
FROM bad_result ORDER BY id;

-- The count.
SELECT count(*) AS entries, count(DISTINCT fn) AS functions_and_options,
	count(*) FILTER (WHERE actual = expected) AS ok,
	count(*) FILTER (WHERE actual <> expected) AS mismatch
FROM bad_result;
-- Every function and option of bad_call has at least one entry.
SELECT fn AS without_entries FROM bad_call c
WHERE NOT EXISTS (SELECT FROM bad_value v WHERE v.fn = c.fn);
-- Nothing was declared, closed or reopened by the failing calls.
SELECT (SELECT count(*) FROM kc_cap_rule WHERE rule_name LIKE 'kc_test_bad%') AS rules,
	(SELECT count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
	 WHERE c.relnamespace = 'kc_test_bad'::regnamespace) AS triggers,
	(SELECT count(*) FROM kc_closed_year WHERE year = 2001) AS closed_2001;

-- Binary input.  Each file is a binary COPY of one bytea value: the field
-- bytes of a one-column row, which COPY FROM hands to the target column's
-- recv function.  psql's \copy writes the files into results/.  After each
-- attempt, the error line shows the SQLSTATE (VERBOSITY sqlstate: \copy
-- does not set LAST_ERROR_SQLSTATE), and a query shows the one expected,
-- the rows loaded (0) and that the server still answers.
--   08P01  fewer bytes than the type reads ("insufficient data left in message")
--   22P03  bytes left over ("incorrect binary data format"), or a value out of range
--   22P02  an unknown enum label
CREATE TABLE kc_test_bad.bin (m kc_money, p kc_plan, ms kc_money_sumstate,
	ps kc_plan_sumstate, s kc_source);

-- well-formed files load (the method works)
\copy (SELECT '\x00000000000005dc'::bytea) TO 'results/bad_input.bin' WITH (FORMAT binary)
\copy kc_test_bad.bin (m) FROM 'results/bad_input.bin' WITH (FORMAT binary)
\copy (SELECT '\x00000000000000030000000000000002'::bytea) TO 'results/bad_input.bin' WITH (FORMAT binary)
\copy kc_test_bad.bin (p) FROM 'results/bad_input.bin' WITH (FORMAT binary)
\copy (SELECT '\x000000000000000000000000000005dc0000000000000001'::bytea) TO 'results/bad_input.bin' WITH (FORMAT binary)
\copy kc_test_bad.bin (ms) FROM 'results/bad_input.bin' WITH (FORMAT binary)
\copy (SELECT '\x0000000000000000000000000000000300000000000000000000000000000002000000000000000a'::bytea) TO 'results/bad_input.bin' WITH (FORMAT binary)
\copy kc_test_bad.bin (ps) FROM 'results/bad_input.bin' WITH (FORMAT binary)
\copy (SELECT convert_to('local', 'UTF8')) TO 'results/bad_input.bin' WITH (FORMAT binary)
\copy kc_test_bad.bin (s) FROM 'results/bad_input.bin' WITH (FORMAT binary)
SELECT m, p, ms, ps, s FROM kc_test_bad.bin;
TRUNCATE kc_test_bad.bin;

\set VERBOSITY sqlstate
-- kc_money: 4 bytes (too short)
\copy (SELECT '\x000005dc'::bytea) TO 'results/bad_input.bin' WITH (FORMAT binary)
\copy kc_test_bad.bin (m) FROM 'results/bad_input.bin' WITH (FORMAT binary)
SELECT 'kc_money, 4 bytes' AS input, '08P01' AS expected,
	(SELECT count(*) FROM kc_test_bad.bin) AS loaded, 1 AS alive;
-- kc_money: empty
\copy (SELECT '\x'::bytea) TO 'results/bad_input.bin' WITH (FORMAT binary)
\copy kc_test_bad.bin (m) FROM 'results/bad_input.bin' WITH (FORMAT binary)
SELECT 'kc_money, 0 bytes' AS input, '08P01' AS expected,
	(SELECT count(*) FROM kc_test_bad.bin) AS loaded, 1 AS alive;
-- kc_money: 9 bytes (one trailing byte)
\copy (SELECT '\x00000000000005dc00'::bytea) TO 'results/bad_input.bin' WITH (FORMAT binary)
\copy kc_test_bad.bin (m) FROM 'results/bad_input.bin' WITH (FORMAT binary)
SELECT 'kc_money, 9 bytes' AS input, '22P03' AS expected,
	(SELECT count(*) FROM kc_test_bad.bin) AS loaded, 1 AS alive;
-- kc_plan: 15 bytes
\copy (SELECT '\x000000000000000300000000000000'::bytea) TO 'results/bad_input.bin' WITH (FORMAT binary)
\copy kc_test_bad.bin (p) FROM 'results/bad_input.bin' WITH (FORMAT binary)
SELECT 'kc_plan, 15 bytes' AS input, '08P01' AS expected,
	(SELECT count(*) FROM kc_test_bad.bin) AS loaded, 1 AS alive;
-- kc_plan: 8 bytes (planned only)
\copy (SELECT '\x0000000000000003'::bytea) TO 'results/bad_input.bin' WITH (FORMAT binary)
\copy kc_test_bad.bin (p) FROM 'results/bad_input.bin' WITH (FORMAT binary)
SELECT 'kc_plan, 8 bytes' AS input, '08P01' AS expected,
	(SELECT count(*) FROM kc_test_bad.bin) AS loaded, 1 AS alive;
-- kc_plan: 24 bytes (a third field)
\copy (SELECT '\x000000000000000300000000000000020000000000000001'::bytea) TO 'results/bad_input.bin' WITH (FORMAT binary)
\copy kc_test_bad.bin (p) FROM 'results/bad_input.bin' WITH (FORMAT binary)
SELECT 'kc_plan, 24 bytes' AS input, '22P03' AS expected,
	(SELECT count(*) FROM kc_test_bad.bin) AS loaded, 1 AS alive;
-- kc_money_sumstate: 16 bytes (sum only)
\copy (SELECT '\x000000000000000000000000000005dc'::bytea) TO 'results/bad_input.bin' WITH (FORMAT binary)
\copy kc_test_bad.bin (ms) FROM 'results/bad_input.bin' WITH (FORMAT binary)
SELECT 'kc_money_sumstate, 16 bytes' AS input, '08P01' AS expected,
	(SELECT count(*) FROM kc_test_bad.bin) AS loaded, 1 AS alive;
-- kc_money_sumstate: 25 bytes
\copy (SELECT '\x000000000000000000000000000005dc000000000000000100'::bytea) TO 'results/bad_input.bin' WITH (FORMAT binary)
\copy kc_test_bad.bin (ms) FROM 'results/bad_input.bin' WITH (FORMAT binary)
SELECT 'kc_money_sumstate, 25 bytes' AS input, '22P03' AS expected,
	(SELECT count(*) FROM kc_test_bad.bin) AS loaded, 1 AS alive;
-- kc_money_sumstate: count -1
\copy (SELECT '\x000000000000000000000000000005dcffffffffffffffff'::bytea) TO 'results/bad_input.bin' WITH (FORMAT binary)
\copy kc_test_bad.bin (ms) FROM 'results/bad_input.bin' WITH (FORMAT binary)
SELECT 'kc_money_sumstate, count -1' AS input, '22P03' AS expected,
	(SELECT count(*) FROM kc_test_bad.bin) AS loaded, 1 AS alive;
-- kc_money_sumstate: count -2^63
\copy (SELECT '\x000000000000000000000000000005dc8000000000000000'::bytea) TO 'results/bad_input.bin' WITH (FORMAT binary)
\copy kc_test_bad.bin (ms) FROM 'results/bad_input.bin' WITH (FORMAT binary)
SELECT 'kc_money_sumstate, count -2^63' AS input, '22P03' AS expected,
	(SELECT count(*) FROM kc_test_bad.bin) AS loaded, 1 AS alive;
-- kc_plan_sumstate: 39 bytes
\copy (SELECT '\x0000000000000000000000000000000300000000000000000000000000000002000000000000'::bytea) TO 'results/bad_input.bin' WITH (FORMAT binary)
\copy kc_test_bad.bin (ps) FROM 'results/bad_input.bin' WITH (FORMAT binary)
SELECT 'kc_plan_sumstate, 39 bytes' AS input, '08P01' AS expected,
	(SELECT count(*) FROM kc_test_bad.bin) AS loaded, 1 AS alive;
-- kc_plan_sumstate: 41 bytes
\copy (SELECT '\x0000000000000000000000000000000300000000000000000000000000000002000000000000000aff'::bytea) TO 'results/bad_input.bin' WITH (FORMAT binary)
\copy kc_test_bad.bin (ps) FROM 'results/bad_input.bin' WITH (FORMAT binary)
SELECT 'kc_plan_sumstate, 41 bytes' AS input, '22P03' AS expected,
	(SELECT count(*) FROM kc_test_bad.bin) AS loaded, 1 AS alive;
-- kc_plan_sumstate: 48 bytes (8 left over after the count)
\copy (SELECT '\x00000000000000000000000000000003000000000000000000000000000000020000000000000000ffffffffffffffff'::bytea) TO 'results/bad_input.bin' WITH (FORMAT binary)
\copy kc_test_bad.bin (ps) FROM 'results/bad_input.bin' WITH (FORMAT binary)
SELECT 'kc_plan_sumstate, 48 bytes' AS input, '22P03' AS expected,
	(SELECT count(*) FROM kc_test_bad.bin) AS loaded, 1 AS alive;
-- kc_plan_sumstate: count -1
\copy (SELECT '\x0000000000000000000000000000000300000000000000000000000000000002ffffffffffffffff'::bytea) TO 'results/bad_input.bin' WITH (FORMAT binary)
\copy kc_test_bad.bin (ps) FROM 'results/bad_input.bin' WITH (FORMAT binary)
SELECT 'kc_plan_sumstate, count -1' AS input, '22P03' AS expected,
	(SELECT count(*) FROM kc_test_bad.bin) AS loaded, 1 AS alive;
-- kc_source: an unknown label, an empty one, a label in invalid UTF-8
\copy (SELECT convert_to('foreign', 'UTF8')) TO 'results/bad_input.bin' WITH (FORMAT binary)
\copy kc_test_bad.bin (s) FROM 'results/bad_input.bin' WITH (FORMAT binary)
SELECT 'kc_source, ''foreign''' AS input, '22P02' AS expected,
	(SELECT count(*) FROM kc_test_bad.bin) AS loaded, 1 AS alive;
\copy (SELECT '\x'::bytea) TO 'results/bad_input.bin' WITH (FORMAT binary)
\copy kc_test_bad.bin (s) FROM 'results/bad_input.bin' WITH (FORMAT binary)
SELECT 'kc_source, empty' AS input, '22P02' AS expected,
	(SELECT count(*) FROM kc_test_bad.bin) AS loaded, 1 AS alive;
\copy (SELECT '\x6c6fc3'::bytea) TO 'results/bad_input.bin' WITH (FORMAT binary)
\copy kc_test_bad.bin (s) FROM 'results/bad_input.bin' WITH (FORMAT binary)
SELECT 'kc_source, invalid UTF-8' AS input, '22021' AS expected,
	(SELECT count(*) FROM kc_test_bad.bin) AS loaded, 1 AS alive;
\set VERBOSITY default

DROP SCHEMA kc_test_bad CASCADE;
