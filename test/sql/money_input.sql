-- kc_money input: every accepted notation, composed (NFC) and decomposed
-- (NFD) Vietnamese letters, no-break spaces, case; output is plain digits.
-- Decomposed spellings are built with U& escapes so that this file is
-- unambiguous; the IS NF?D NORMALIZED checks prove which form each one is.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS kc_ext;
RESET client_min_messages;

-- plain integers with an optional sign, surrounding whitespace
SELECT s, s::kc_money AS amount
FROM (VALUES ('0'), ('-0'), ('+0'), ('1500'), ('-1500'), ('+1500'), ('  42  '),
             (E'\t42\n'), ('007'),
             ('9223372036854775807'), ('-9223372036854775808')) v(s);

-- Vietnamese grouping with dots
SELECT s, s::kc_money AS amount
FROM (VALUES ('1.000 đồng'), ('345.500.000.000'), ('-1.234.567'),
             ('9.223.372.036.854.775.807'), ('-9.223.372.036.854.775.808')) v(s);

-- a currency word after the number, any case, with or without a space
SELECT s, s::kc_money AS amount
FROM (VALUES ('500 đồng'), ('500đồng'), ('500 ĐỒNG'), ('500 Đồng'), ('500 dong'),
             ('500 DONG'), ('500đ'), ('500 đ'), ('500 Đ'), ('500₫'), ('500 ₫'),
             ('500 VND'), ('500vnd'), ('500 Vnd'), ('500 VNĐ'), ('500vnđ'),
             ('-500 đồng')) v(s);

-- scale words, with and without diacritics, and a decimal comma
SELECT s, s::kc_money AS amount
FROM (VALUES ('500 nghìn'), ('500 ngàn'), ('500 nghin'), ('500 ngan'), ('500 NGHÌN'),
             ('500nghìn'), ('1,5 nghìn'), ('1,50 nghìn'),
             ('12 triệu'), ('12 triệu đồng'), ('12 trieu'), ('12 trieu dong'),
             ('12 TRIỆU ĐỒNG'), ('1.169 triệu'), ('1.234,5 triệu'), ('1,234567 triệu'),
             ('345,5 tỷ'), ('8,198 tỷ đồng'), ('8,198 tỉ'), ('8,198 ty'), ('8,198 TỶ'),
             ('8,198tỷ'), ('8,198 tỷ VND'), ('8,198 tỷ đ'), ('-8,198 tỷ'), ('+8,198 tỷ'),
             ('1.436 tỷ'), ('0,001 tỷ'), ('0,000000001 tỷ'), ('1,0 đồng'), ('7,000 đ'),
             ('9.223.372.036,854775807 tỷ'), ('-9.223.372.036,854775808 tỷ')) v(s);

-- decomposed (NFD) and composed (NFC) spellings read the same
WITH words(label, nfc, nfd) AS (VALUES
	('tỷ',    '8,198 tỷ',    U&'8,198 ty\0309'),
	('tỉ',    '8,198 tỉ',    U&'8,198 ti\0309'),
	('triệu', '12 triệu',    U&'12 trie\0323\0302u'),
	('nghìn', '500 nghìn',   U&'500 nghi\0300n'),
	('ngàn',  '500 ngàn',    U&'500 nga\0300n'),
	('đồng',  '500 đồng',    U&'500 \0111o\0302\0300ng'),
	('TỶ ĐỒNG', '8,198 TỶ ĐỒNG', U&'8,198 TY\0309 \0110O\0302\0300NG'))
SELECT label, nfc IS NFC NORMALIZED AS nfc_is_nfc, nfd IS NFD NORMALIZED AS nfd_is_nfd,
       nfc <> nfd AS different_bytes, nfc::kc_money AS from_nfc, nfd::kc_money AS from_nfd,
       nfc::kc_money = nfd::kc_money AS same
FROM words;

-- marks in non-canonical order, and half-composed letters (ê + dot below)
SELECT U&'12 trie\0302\0323u'::kc_money AS marks_swapped,
       U&'12 tri\00EA\0323u'::kc_money AS e_circumflex_dot_below,
       U&'500 \0111\00F4\0300ng'::kc_money AS o_circumflex_grave;

-- a no-break space (U+00A0) anywhere whitespace is allowed
SELECT U&'8,198\00A0tỷ'::kc_money AS nbsp_between,
       U&'\00A0\00A08,198 tỷ\00A0đồng\00A0'::kc_money AS nbsp_around,
       U&'12\00A0triệu \00A0 đồng'::kc_money AS nbsp_mixed;

-- output is plain digits whatever the locale settings
SET lc_monetary = 'C';
SET lc_numeric = 'C';
SELECT '1.234.567 đồng'::kc_money::text AS as_text, '-345,5 tỷ'::kc_money AS negative;
RESET lc_monetary;
RESET lc_numeric;

-- text in both directions, and the type in a table
SELECT ('345,5 tỷ'::kc_money)::text::kc_money = '345.500.000.000'::kc_money AS text_round_trip;
CREATE TABLE money_input_t (id int, amount kc_money);
INSERT INTO money_input_t VALUES (1, '8,198 tỷ đồng'), (2, '12 triệu'), (3, U&'500 nghi\0300n'),
	(4, '-1.500 đồng'), (5, NULL);
SELECT id, amount, pg_typeof(amount) FROM money_input_t ORDER BY id;
DROP TABLE money_input_t;

-- ASCII spellings also work in a database whose encoding is not UTF-8:
-- the parser sees only ASCII bytes there, as here.
SELECT convert_to('8,198 ty dong', 'LATIN1') = convert_to('8,198 ty dong', 'UTF8') AS ascii_only,
       '8,198 ty dong'::kc_money, '12 trieu VND'::kc_money, '500 nghin VND'::kc_money;

-- a LATIN1 database reads the ASCII spellings
SELECT current_database() AS regression_db \gset
SET client_min_messages = warning;
DROP DATABASE IF EXISTS money_latin1;
RESET client_min_messages;
CREATE DATABASE money_latin1 ENCODING 'LATIN1' TEMPLATE template0 LC_COLLATE 'C' LC_CTYPE 'C';
\c money_latin1
CREATE EXTENSION kc_ext;
SELECT pg_encoding_to_char(encoding) AS encoding FROM pg_database WHERE datname = current_database();
SELECT '8,198 ty dong'::kc_money AS ty, '12 trieu VND'::kc_money AS trieu,
       '500 nghin'::kc_money AS nghin, '1.234,5 ngan dong'::kc_money AS ngan,
       '-1.500 dong'::kc_money AS grouped;
-- kc_format writes the unit words in their ASCII spellings there (LATIN1
-- cannot hold "tỷ đồng"), and kc_money reads them back
SELECT kc_format(8198000000, 'ty') AS ty, kc_format(1234567, 'dong') AS dong,
       kc_format(12500000) AS auto, kc_format(-1500, 'nghin') AS nghin,
       kc_format(8198000000, 'ty')::kc_money AS read_back;
\c :regression_db
DROP DATABASE money_latin1;
