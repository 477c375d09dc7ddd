-- kc_ext 1.0 -- kc_money: an exact, signed 64-bit whole number of đồng.
-- Every object is created in, and every reference qualified with,
-- @extschema@, so nothing depends on the caller's search_path.

\echo Use "CREATE EXTENSION kc_ext" to load this file. \quit

CREATE TYPE @extschema@.kc_money;

CREATE FUNCTION @extschema@.kc_money_in(cstring) RETURNS @extschema@.kc_money
	AS 'MODULE_PATHNAME', 'kc_money_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_money_out(@extschema@.kc_money) RETURNS cstring
	AS 'MODULE_PATHNAME', 'kc_money_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
-- The binary form is bigint's: 8 bytes, big-endian.
CREATE FUNCTION @extschema@.kc_money_recv(internal) RETURNS @extschema@.kc_money
	AS 'int8recv' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_money_send(@extschema@.kc_money) RETURNS bytea
	AS 'int8send' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.kc_money (
	INPUT = @extschema@.kc_money_in,
	OUTPUT = @extschema@.kc_money_out,
	RECEIVE = @extschema@.kc_money_recv,
	SEND = @extschema@.kc_money_send,
	INTERNALLENGTH = 8,
	PASSEDBYVALUE,
	ALIGNMENT = double,
	STORAGE = plain,
	CATEGORY = 'N'
);
COMMENT ON TYPE @extschema@.kc_money IS
	'An exact amount of Vietnamese đồng: a signed 64-bit whole number. Reads "345,5 tỷ", "1.234.567 đồng", "12 triệu"; writes plain digits.';

-- Casts.  Integers become kc_money implicitly (amount + 1000 works);
-- numeric only on assignment and only when it is whole (22P02 otherwise);
-- kc_money becomes bigint or numeric on assignment or explicitly.
CREATE FUNCTION @extschema@.kc_money(smallint) RETURNS @extschema@.kc_money
	AS 'int28' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_money(integer) RETURNS @extschema@.kc_money
	AS 'MODULE_PATHNAME', 'kc_money_from_int4' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_money(numeric) RETURNS @extschema@.kc_money
	AS 'MODULE_PATHNAME', 'kc_money_from_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_money_numeric(@extschema@.kc_money) RETURNS numeric
	AS 'MODULE_PATHNAME', 'kc_money_to_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

-- smallint too: drivers send small integer parameters as int2 (psycopg).
CREATE CAST (smallint AS @extschema@.kc_money)
	WITH FUNCTION @extschema@.kc_money(smallint) AS IMPLICIT;
CREATE CAST (integer AS @extschema@.kc_money)
	WITH FUNCTION @extschema@.kc_money(integer) AS IMPLICIT;
CREATE CAST (bigint AS @extschema@.kc_money) WITHOUT FUNCTION AS IMPLICIT;
CREATE CAST (numeric AS @extschema@.kc_money)
	WITH FUNCTION @extschema@.kc_money(numeric) AS ASSIGNMENT;
CREATE CAST (@extschema@.kc_money AS bigint) WITHOUT FUNCTION AS ASSIGNMENT;
CREATE CAST (@extschema@.kc_money AS numeric)
	WITH FUNCTION @extschema@.kc_money_numeric(@extschema@.kc_money) AS ASSIGNMENT;

-- Comparison and hashing: kc_money is an int8 by value, so the built-in
-- int8 functions are exact.
CREATE FUNCTION @extschema@.kc_money_eq(@extschema@.kc_money, @extschema@.kc_money) RETURNS boolean
	AS 'int8eq' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kc_money_ne(@extschema@.kc_money, @extschema@.kc_money) RETURNS boolean
	AS 'int8ne' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kc_money_lt(@extschema@.kc_money, @extschema@.kc_money) RETURNS boolean
	AS 'int8lt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kc_money_le(@extschema@.kc_money, @extschema@.kc_money) RETURNS boolean
	AS 'int8le' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kc_money_gt(@extschema@.kc_money, @extschema@.kc_money) RETURNS boolean
	AS 'int8gt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kc_money_ge(@extschema@.kc_money, @extschema@.kc_money) RETURNS boolean
	AS 'int8ge' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kc_money_cmp(@extschema@.kc_money, @extschema@.kc_money) RETURNS integer
	AS 'btint8cmp' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kc_money_sortsupport(internal) RETURNS void
	AS 'btint8sortsupport' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_money_hash(@extschema@.kc_money) RETURNS integer
	AS 'hashint8' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kc_money_hash_extended(@extschema@.kc_money, bigint) RETURNS bigint
	AS 'hashint8extended' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kc_money_smaller(@extschema@.kc_money, @extschema@.kc_money) RETURNS @extschema@.kc_money
	AS 'int8smaller' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_money_larger(@extschema@.kc_money, @extschema@.kc_money) RETURNS @extschema@.kc_money
	AS 'int8larger' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;

CREATE OPERATOR @extschema@.= (
	LEFTARG = @extschema@.kc_money, RIGHTARG = @extschema@.kc_money,
	FUNCTION = @extschema@.kc_money_eq, COMMUTATOR = OPERATOR(@extschema@.=),
	NEGATOR = OPERATOR(@extschema@.<>), RESTRICT = eqsel, JOIN = eqjoinsel,
	HASHES, MERGES);
CREATE OPERATOR @extschema@.<> (
	LEFTARG = @extschema@.kc_money, RIGHTARG = @extschema@.kc_money,
	FUNCTION = @extschema@.kc_money_ne, COMMUTATOR = OPERATOR(@extschema@.<>),
	NEGATOR = OPERATOR(@extschema@.=), RESTRICT = neqsel, JOIN = neqjoinsel);
CREATE OPERATOR @extschema@.< (
	LEFTARG = @extschema@.kc_money, RIGHTARG = @extschema@.kc_money,
	FUNCTION = @extschema@.kc_money_lt, COMMUTATOR = OPERATOR(@extschema@.>),
	NEGATOR = OPERATOR(@extschema@.>=), RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
CREATE OPERATOR @extschema@.<= (
	LEFTARG = @extschema@.kc_money, RIGHTARG = @extschema@.kc_money,
	FUNCTION = @extschema@.kc_money_le, COMMUTATOR = OPERATOR(@extschema@.>=),
	NEGATOR = OPERATOR(@extschema@.>), RESTRICT = scalarlesel, JOIN = scalarlejoinsel);
CREATE OPERATOR @extschema@.> (
	LEFTARG = @extschema@.kc_money, RIGHTARG = @extschema@.kc_money,
	FUNCTION = @extschema@.kc_money_gt, COMMUTATOR = OPERATOR(@extschema@.<),
	NEGATOR = OPERATOR(@extschema@.<=), RESTRICT = scalargtsel, JOIN = scalargtjoinsel);
CREATE OPERATOR @extschema@.>= (
	LEFTARG = @extschema@.kc_money, RIGHTARG = @extschema@.kc_money,
	FUNCTION = @extschema@.kc_money_ge, COMMUTATOR = OPERATOR(@extschema@.<=),
	NEGATOR = OPERATOR(@extschema@.<), RESTRICT = scalargesel, JOIN = scalargejoinsel);

CREATE OPERATOR CLASS @extschema@.kc_money_ops
	DEFAULT FOR TYPE @extschema@.kc_money USING btree AS
		OPERATOR 1 @extschema@.<,
		OPERATOR 2 @extschema@.<=,
		OPERATOR 3 @extschema@.=,
		OPERATOR 4 @extschema@.>=,
		OPERATOR 5 @extschema@.>,
		FUNCTION 1 @extschema@.kc_money_cmp(@extschema@.kc_money, @extschema@.kc_money),
		FUNCTION 2 @extschema@.kc_money_sortsupport(internal);

CREATE OPERATOR CLASS @extschema@.kc_money_hash_ops
	DEFAULT FOR TYPE @extschema@.kc_money USING hash AS
		OPERATOR 1 @extschema@.=,
		FUNCTION 1 @extschema@.kc_money_hash(@extschema@.kc_money),
		FUNCTION 2 @extschema@.kc_money_hash_extended(@extschema@.kc_money, bigint);

-- Arithmetic: overflow raises 22003, division by zero 22012.  Results that
-- are not whole đồng are rounded half away from zero.
CREATE FUNCTION @extschema@.kc_money_pl(@extschema@.kc_money, @extschema@.kc_money) RETURNS @extschema@.kc_money
	AS 'MODULE_PATHNAME', 'kc_money_pl' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_money_mi(@extschema@.kc_money, @extschema@.kc_money) RETURNS @extschema@.kc_money
	AS 'MODULE_PATHNAME', 'kc_money_mi' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_money_um(@extschema@.kc_money) RETURNS @extschema@.kc_money
	AS 'MODULE_PATHNAME', 'kc_money_um' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.abs(@extschema@.kc_money) RETURNS @extschema@.kc_money
	AS 'MODULE_PATHNAME', 'kc_money_abs' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_money_mul_int8(@extschema@.kc_money, bigint) RETURNS @extschema@.kc_money
	AS 'MODULE_PATHNAME', 'kc_money_mul_int8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_money_mul_int4(@extschema@.kc_money, integer) RETURNS @extschema@.kc_money
	AS 'MODULE_PATHNAME', 'kc_money_mul_int4' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_money_mul_int2(@extschema@.kc_money, smallint) RETURNS @extschema@.kc_money
	AS 'MODULE_PATHNAME', 'kc_money_mul_int2' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_money_div_int2(@extschema@.kc_money, smallint) RETURNS @extschema@.kc_money
	AS 'MODULE_PATHNAME', 'kc_money_div_int2' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_money_mul_numeric(@extschema@.kc_money, numeric) RETURNS @extschema@.kc_money
	AS 'MODULE_PATHNAME', 'kc_money_mul_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_money_div_int8(@extschema@.kc_money, bigint) RETURNS @extschema@.kc_money
	AS 'MODULE_PATHNAME', 'kc_money_div_int8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_money_div_int4(@extschema@.kc_money, integer) RETURNS @extschema@.kc_money
	AS 'MODULE_PATHNAME', 'kc_money_div_int4' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_money_div_numeric(@extschema@.kc_money, numeric) RETURNS @extschema@.kc_money
	AS 'MODULE_PATHNAME', 'kc_money_div_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_money_div_money(@extschema@.kc_money, @extschema@.kc_money) RETURNS numeric
	AS 'MODULE_PATHNAME', 'kc_money_div_money' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OPERATOR @extschema@.+ (LEFTARG = @extschema@.kc_money, RIGHTARG = @extschema@.kc_money,
	FUNCTION = @extschema@.kc_money_pl, COMMUTATOR = OPERATOR(@extschema@.+));
CREATE OPERATOR @extschema@.- (LEFTARG = @extschema@.kc_money, RIGHTARG = @extschema@.kc_money,
	FUNCTION = @extschema@.kc_money_mi);
CREATE OPERATOR @extschema@.- (RIGHTARG = @extschema@.kc_money, FUNCTION = @extschema@.kc_money_um);
CREATE OPERATOR @extschema@.* (LEFTARG = @extschema@.kc_money, RIGHTARG = bigint,
	FUNCTION = @extschema@.kc_money_mul_int8);
CREATE OPERATOR @extschema@.* (LEFTARG = @extschema@.kc_money, RIGHTARG = integer,
	FUNCTION = @extschema@.kc_money_mul_int4);
CREATE OPERATOR @extschema@.* (LEFTARG = @extschema@.kc_money, RIGHTARG = smallint,
	FUNCTION = @extschema@.kc_money_mul_int2);
CREATE OPERATOR @extschema@./ (LEFTARG = @extschema@.kc_money, RIGHTARG = smallint,
	FUNCTION = @extschema@.kc_money_div_int2);
CREATE OPERATOR @extschema@.* (LEFTARG = @extschema@.kc_money, RIGHTARG = numeric,
	FUNCTION = @extschema@.kc_money_mul_numeric);
CREATE OPERATOR @extschema@./ (LEFTARG = @extschema@.kc_money, RIGHTARG = bigint,
	FUNCTION = @extschema@.kc_money_div_int8);
CREATE OPERATOR @extschema@./ (LEFTARG = @extschema@.kc_money, RIGHTARG = integer,
	FUNCTION = @extschema@.kc_money_div_int4);
CREATE OPERATOR @extschema@./ (LEFTARG = @extschema@.kc_money, RIGHTARG = numeric,
	FUNCTION = @extschema@.kc_money_div_numeric);
CREATE OPERATOR @extschema@./ (LEFTARG = @extschema@.kc_money, RIGHTARG = @extschema@.kc_money,
	FUNCTION = @extschema@.kc_money_div_money);

-- The implicit casts integer -> kc_money (needed for amount + 1000 and
-- kc_format(8198000000, 'tỷ')) make kc_money * numeric and kc_money / numeric
-- candidates for integer * numeric as well, and PostgreSQL could no longer
-- choose between them and numeric * numeric: "select 2 * 2.5" failed with
-- "operator is not unique" in every database with kc_ext installed.  These
-- exact-match operators restore the built-in meaning (numeric arithmetic,
-- inlined by the planner) for smallint, integer and bigint.
CREATE FUNCTION @extschema@.kc_int2_mul_numeric(smallint, numeric) RETURNS numeric
	AS 'SELECT $1::pg_catalog.numeric OPERATOR(pg_catalog.*) $2'
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_int4_mul_numeric(integer, numeric) RETURNS numeric
	AS 'SELECT $1::pg_catalog.numeric OPERATOR(pg_catalog.*) $2'
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_int8_mul_numeric(bigint, numeric) RETURNS numeric
	AS 'SELECT $1::pg_catalog.numeric OPERATOR(pg_catalog.*) $2'
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_int2_div_numeric(smallint, numeric) RETURNS numeric
	AS 'SELECT $1::pg_catalog.numeric OPERATOR(pg_catalog./) $2'
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_int4_div_numeric(integer, numeric) RETURNS numeric
	AS 'SELECT $1::pg_catalog.numeric OPERATOR(pg_catalog./) $2'
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_int8_div_numeric(bigint, numeric) RETURNS numeric
	AS 'SELECT $1::pg_catalog.numeric OPERATOR(pg_catalog./) $2'
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR @extschema@.* (LEFTARG = smallint, RIGHTARG = numeric,
	FUNCTION = @extschema@.kc_int2_mul_numeric);
CREATE OPERATOR @extschema@.* (LEFTARG = integer, RIGHTARG = numeric,
	FUNCTION = @extschema@.kc_int4_mul_numeric);
CREATE OPERATOR @extschema@.* (LEFTARG = bigint, RIGHTARG = numeric,
	FUNCTION = @extschema@.kc_int8_mul_numeric);
CREATE OPERATOR @extschema@./ (LEFTARG = smallint, RIGHTARG = numeric,
	FUNCTION = @extschema@.kc_int2_div_numeric);
CREATE OPERATOR @extschema@./ (LEFTARG = integer, RIGHTARG = numeric,
	FUNCTION = @extschema@.kc_int4_div_numeric);
CREATE OPERATOR @extschema@./ (LEFTARG = bigint, RIGHTARG = numeric,
	FUNCTION = @extschema@.kc_int8_div_numeric);

-- Vietnamese notation.
CREATE FUNCTION @extschema@.kc_format(amount @extschema@.kc_money, unit text DEFAULT 'auto',
		digits integer DEFAULT NULL, rounding text DEFAULT 'half_up') RETURNS text
	AS 'MODULE_PATHNAME', 'kc_money_format' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.kc_format(@extschema@.kc_money, text, integer, text) IS
	'Writes an amount in Vietnamese notation: kc_format(''345,5 tỷ'', ''tỷ'') = ''345,5 tỷ đồng''. unit: đồng, nghìn, triệu, tỷ or auto; digits NULL = exact; rounding: half_up, half_even, trunc.';

-- Aggregates: 128-bit accumulation in a typed, fixed-size state.  The
-- transition functions are not STRICT: they skip NULL amounts themselves,
-- which saves the executor a null-check step per row.
CREATE TYPE @extschema@.kc_money_sumstate;
CREATE FUNCTION @extschema@.kc_money_sumstate_in(cstring) RETURNS @extschema@.kc_money_sumstate
	AS 'MODULE_PATHNAME', 'kc_money_sumstate_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_money_sumstate_out(@extschema@.kc_money_sumstate) RETURNS cstring
	AS 'MODULE_PATHNAME', 'kc_money_sumstate_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_money_sumstate_recv(internal) RETURNS @extschema@.kc_money_sumstate
	AS 'MODULE_PATHNAME', 'kc_money_sumstate_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_money_sumstate_send(@extschema@.kc_money_sumstate) RETURNS bytea
	AS 'MODULE_PATHNAME', 'kc_money_sumstate_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.kc_money_sumstate (
	INPUT = @extschema@.kc_money_sumstate_in,
	OUTPUT = @extschema@.kc_money_sumstate_out,
	RECEIVE = @extschema@.kc_money_sumstate_recv,
	SEND = @extschema@.kc_money_sumstate_send,
	INTERNALLENGTH = 24,
	ALIGNMENT = double,
	STORAGE = plain
);
COMMENT ON TYPE @extschema@.kc_money_sumstate IS
	'Transition state of sum(kc_money) and avg(kc_money): (128-bit sum, count).';

CREATE FUNCTION @extschema@.kc_money_sum_accum(@extschema@.kc_money_sumstate, @extschema@.kc_money)
	RETURNS @extschema@.kc_money_sumstate
	AS 'MODULE_PATHNAME', 'kc_money_sum_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_money_sum_retract(@extschema@.kc_money_sumstate, @extschema@.kc_money)
	RETURNS @extschema@.kc_money_sumstate
	AS 'MODULE_PATHNAME', 'kc_money_sum_retract' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_money_sumstate_combine(@extschema@.kc_money_sumstate, @extschema@.kc_money_sumstate)
	RETURNS @extschema@.kc_money_sumstate
	AS 'MODULE_PATHNAME', 'kc_money_sumstate_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_money_sum_final(@extschema@.kc_money_sumstate) RETURNS @extschema@.kc_money
	AS 'MODULE_PATHNAME', 'kc_money_sum_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_money_avg_final(@extschema@.kc_money_sumstate) RETURNS numeric
	AS 'MODULE_PATHNAME', 'kc_money_avg_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE AGGREGATE @extschema@.sum(@extschema@.kc_money) (
	SFUNC = @extschema@.kc_money_sum_accum,
	STYPE = @extschema@.kc_money_sumstate,
	FINALFUNC = @extschema@.kc_money_sum_final,
	COMBINEFUNC = @extschema@.kc_money_sumstate_combine,
	INITCOND = '(0,0)',
	MSFUNC = @extschema@.kc_money_sum_accum,
	MINVFUNC = @extschema@.kc_money_sum_retract,
	MSTYPE = @extschema@.kc_money_sumstate,
	MFINALFUNC = @extschema@.kc_money_sum_final,
	MINITCOND = '(0,0)',
	PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.avg(@extschema@.kc_money) (
	SFUNC = @extschema@.kc_money_sum_accum,
	STYPE = @extschema@.kc_money_sumstate,
	FINALFUNC = @extschema@.kc_money_avg_final,
	COMBINEFUNC = @extschema@.kc_money_sumstate_combine,
	INITCOND = '(0,0)',
	MSFUNC = @extschema@.kc_money_sum_accum,
	MINVFUNC = @extschema@.kc_money_sum_retract,
	MSTYPE = @extschema@.kc_money_sumstate,
	MFINALFUNC = @extschema@.kc_money_avg_final,
	MINITCOND = '(0,0)',
	PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.min(@extschema@.kc_money) (
	SFUNC = @extschema@.kc_money_smaller,
	STYPE = @extschema@.kc_money,
	COMBINEFUNC = @extschema@.kc_money_smaller,
	SORTOP = OPERATOR(@extschema@.<),
	PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.max(@extschema@.kc_money) (
	SFUNC = @extschema@.kc_money_larger,
	STYPE = @extschema@.kc_money,
	COMBINEFUNC = @extschema@.kc_money_larger,
	SORTOP = OPERATOR(@extschema@.>),
	PARALLEL = SAFE
);
