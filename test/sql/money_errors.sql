-- kc_money input errors: every kind, with its SQLSTATE, message (naming
-- the offending input), detail and hint.  Nothing is ever rounded.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS kc_ext;
RESET client_min_messages;
CREATE FUNCTION pg_temp.money_err(input text,
	OUT state text, OUT message text, OUT detail text, OUT hint text)
LANGUAGE plpgsql AS $$
BEGIN
	PERFORM input::kc_money;
	state := '00000';
	message := 'no error';
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, message = MESSAGE_TEXT,
		detail = PG_EXCEPTION_DETAIL, hint = PG_EXCEPTION_HINT;
END $$;
\x on

-- empty input, lone and doubled signs, no digits: 22P02
SELECT v.input, e.* FROM (VALUES (''), ('   '), (U&'\00A0'), ('-'), ('+'), ('--5'), ('+-5'),
	('- 5'), ('abc'), ('tỷ'), ('đồng'), (',5 tỷ'), ('1,'), ('1,5,5 tỷ'), ('1,5.3 tỷ')) v(input),
	LATERAL pg_temp.money_err(v.input) e;

-- misplaced grouping dots: 22P02, with the decimal-comma hint.  A bare
-- number with one dot that cannot be grouping ('1.2345', '1234.567',
-- '12.34', '0.500') is a machine decimal: "not a whole number of đồng",
-- with nothing about thousands dots (test/sql/money_ambiguity.sql)
SELECT v.input, e.* FROM (VALUES ('1.23.456'), ('1.'), ('1..234'), ('1.5 tỷ'), ('1.2345'),
	('1234.567'), ('12.34'), ('0.125 tỷ'), ('0.500')) v(input),
	LATERAL pg_temp.money_err(v.input) e;

-- unknown words and trailing garbage: 22P02
SELECT v.input, e.* FROM (VALUES ('5 abc'), ('500x'), ('1500-'), ('5 USD'), ('5 $'),
	('5 tỷ tỷ'), ('5 đồng tỷ'), ('5 tỷ đồng đồng'), ('5 tỵ'), ('5 ti'), ('12 34'),
	('5 tỷ.')) v(input),
	LATERAL pg_temp.money_err(v.input) e;

-- not a whole number of đồng: 22P02, never rounded
SELECT v.input, e.* FROM (VALUES ('1,5 đồng'), ('1,5'), ('1,234'), ('0,0000000001 tỷ'),
	('1,2345 nghìn'), ('-0,5 đ'), ('1,0000001 triệu')) v(input),
	LATERAL pg_temp.money_err(v.input) e;

-- out of range: 22003
SELECT v.input, e.* FROM (VALUES ('9223372036854775808'), ('-9223372036854775809'),
	('9.223.372.036.854.775.808'), ('9223372037 tỷ'), ('9.223.372.036,854775808 tỷ'),
	('99999999999999999999999999999999999999999')) v(input),
	LATERAL pg_temp.money_err(v.input) e;
\x off

-- the same errors as a client sees them (message, detail, hint, position)
SELECT ''::kc_money;
SELECT '1,5 đồng'::kc_money;
SELECT '1.23.456'::kc_money;
SELECT '5 abc'::kc_money;
SELECT '9223372036854775808'::kc_money;

-- errors in a COPY or INSERT name the value
CREATE TABLE money_errors_t (amount kc_money);
INSERT INTO money_errors_t VALUES ('0,0000000001 tỷ');
INSERT INTO money_errors_t VALUES ('12 triệu'), ('12 trieu xyz');
SELECT count(*) AS rows_after_failed_inserts FROM money_errors_t;
DROP TABLE money_errors_t;
