-- Money is never silently misread (issue 12).  Drivers that send numbers as
-- untyped text (node-postgres, psqlODBC, R, LibreOffice) write twelve point
-- three four five as '12.345', which Vietnamese notation reads as 12345
-- đồng.  A bare number with a single dot followed by exactly three digits
-- (the first group 1-3 digits not starting with 0), and no comma, unit or
-- currency word, has both readings: refused with 22P02 and a hint.  Every
-- other form keeps its one reading.
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

-- ambiguous: refused, naming the value, with a hint how to write it
\x on
SELECT v.input, e.* FROM (VALUES ('12.345'), ('-1.500')) v(input),
	LATERAL pg_temp.money_err(v.input) e;
\x off
SELECT v.input, e.state, e.message FROM (VALUES ('1.000'), ('+1.500'), ('123.456'),
	('999.999'), ('  12.345  '), (U&'\00A012.345')) v(input),
	LATERAL pg_temp.money_err(v.input) e;

-- the same amounts written unambiguously are read as Vietnamese notation
SELECT s, s::kc_money AS amount
FROM (VALUES ('12345'), ('12.345 đồng'), ('12.345đ'), ('12.345 VND'), ('12.345 ₫'),
             ('-1.500 đồng'), ('1.234.567'), ('-1.234.567'), ('1.000.000'),
             ('345,5 tỷ'), ('1.234,5 triệu'), ('12.345 nghìn'), ('0,125 tỷ')) v(s);

-- a machine decimal that cannot be Vietnamese grouping: with a fraction it
-- is not a whole number of đồng (nothing about thousands dots) ...
\x on
SELECT v.input, e.* FROM (VALUES ('2.5'), ('0.125')) v(input),
	LATERAL pg_temp.money_err(v.input) e;
\x off
SELECT v.input, e.state, e.message FROM (VALUES ('12.34'), ('-0.5'), ('1.2345'),
	('1234.567'), ('1000000000.5')) v(input),
	LATERAL pg_temp.money_err(v.input) e;
-- ... and with an all-zero fraction (not three digits) it is that number
SELECT s, s::kc_money AS amount
FROM (VALUES ('2.0'), ('-2.00'), ('1500.0'), ('1000000000.0000')) v(s);
-- three zeros after one dot, where it cannot be grouping, look like a
-- mistyped grouping: refused, not guessed
SELECT v.input, e.state, e.message FROM (VALUES ('1000.000'), ('0.000')) v(input),
	LATERAL pg_temp.money_err(v.input) e;

-- the paths a driver takes: an untyped parameter, a literal into a column,
-- text COPY; bigint refuses the same text, numeric keeps 12.345
CREATE TABLE money_amb_t (id int, amount kc_money);
PREPARE money_amb_ins(int, unknown) AS INSERT INTO money_amb_t VALUES ($1, $2);
EXECUTE money_amb_ins(1, '12.345');
EXECUTE money_amb_ins(2, '12.345 đồng');
INSERT INTO money_amb_t VALUES (3, '2.5');
INSERT INTO money_amb_t VALUES (4, '2.0');
COPY money_amb_t FROM stdin;
5	12.345
\.
COPY money_amb_t FROM stdin;
6	1.234.567
\.
SELECT id, amount FROM money_amb_t ORDER BY id;
SELECT '12.345'::bigint;
SELECT '12.345'::numeric AS numeric_reading;
DROP TABLE money_amb_t;

-- kc_plan literals follow the same rule, naming the field
SELECT '(12.345; 1)'::kc_plan;
SELECT '(1; -1.500)'::kc_plan;
SELECT '(12.345,1)'::kc_plan;
SELECT '(2.5; 1)'::kc_plan;
SELECT '(12.345 đồng; 1.234.567)'::kc_plan AS plan,
       '(345,5 tỷ; 323 tỷ)'::kc_plan AS report_2022;

-- what kc_format writes reads back as the same amount, also below a
-- million (kc_format always writes a unit word)
SELECT a, kc_format(a::kc_money, u) AS written,
       kc_format(a::kc_money, u)::kc_money = a::kc_money AS reads_back
FROM (VALUES (12345, 'đồng'), (-1500, 'đồng'), (999999, 'auto'), (1000, 'auto'),
             (12345, 'nghìn'), (1234567, 'auto')) v(a, u);
