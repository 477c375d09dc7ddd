-- kc_ext 1.1 -- kc_money: an exact, signed 64-bit whole number of đồng.
-- Every object is created in @extschema@, and every reference is qualified:
-- pg_catalog.f() and OPERATOR(pg_catalog.op) for built-ins, @extschema@.f()
-- with arguments of exactly the declared types for the extension's own
-- functions, in CHECK constraints, defaults and SQL and PL/pgSQL bodies
-- alike.  So nothing depends on the caller's search_path, and no function
-- or operator that another role created in public or in @extschema@ (an
-- exact-match look-alike such as >(numeric, integer) or nextval(text)) is
-- ever run by this script or by the objects it creates.

\echo Use "CREATE EXTENSION kc_ext" to load this file. \quit

CREATE TYPE @extschema@.kc_money;

CREATE FUNCTION @extschema@.kc_money_in(pg_catalog.cstring) RETURNS @extschema@.kc_money
	AS 'MODULE_PATHNAME', 'kc_money_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_money_out(@extschema@.kc_money) RETURNS pg_catalog.cstring
	AS 'MODULE_PATHNAME', 'kc_money_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
-- The binary form is bigint's: 8 bytes, big-endian.
CREATE FUNCTION @extschema@.kc_money_recv(pg_catalog.internal) RETURNS @extschema@.kc_money
	AS 'int8recv' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_money_send(@extschema@.kc_money) RETURNS pg_catalog.bytea
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
CREATE FUNCTION @extschema@.kc_money(pg_catalog.int2) RETURNS @extschema@.kc_money
	AS 'int28' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_money(pg_catalog.int4) RETURNS @extschema@.kc_money
	AS 'MODULE_PATHNAME', 'kc_money_from_int4' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_money(pg_catalog.numeric) RETURNS @extschema@.kc_money
	AS 'MODULE_PATHNAME', 'kc_money_from_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_money_numeric(@extschema@.kc_money) RETURNS pg_catalog.numeric
	AS 'MODULE_PATHNAME', 'kc_money_to_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

-- smallint too: drivers send small integer parameters as int2 (psycopg).
CREATE CAST (pg_catalog.int2 AS @extschema@.kc_money)
	WITH FUNCTION @extschema@.kc_money(pg_catalog.int2) AS IMPLICIT;
CREATE CAST (pg_catalog.int4 AS @extschema@.kc_money)
	WITH FUNCTION @extschema@.kc_money(pg_catalog.int4) AS IMPLICIT;
CREATE CAST (pg_catalog.int8 AS @extschema@.kc_money) WITHOUT FUNCTION AS IMPLICIT;
CREATE CAST (pg_catalog.numeric AS @extschema@.kc_money)
	WITH FUNCTION @extschema@.kc_money(pg_catalog.numeric) AS ASSIGNMENT;
CREATE CAST (@extschema@.kc_money AS pg_catalog.int8) WITHOUT FUNCTION AS ASSIGNMENT;
CREATE CAST (@extschema@.kc_money AS pg_catalog.numeric)
	WITH FUNCTION @extschema@.kc_money_numeric(@extschema@.kc_money) AS ASSIGNMENT;

-- Comparison and hashing: kc_money is an int8 by value, so the built-in
-- int8 functions are exact.
CREATE FUNCTION @extschema@.kc_money_eq(@extschema@.kc_money, @extschema@.kc_money) RETURNS pg_catalog.bool
	AS 'int8eq' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kc_money_ne(@extschema@.kc_money, @extschema@.kc_money) RETURNS pg_catalog.bool
	AS 'int8ne' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kc_money_lt(@extschema@.kc_money, @extschema@.kc_money) RETURNS pg_catalog.bool
	AS 'int8lt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kc_money_le(@extschema@.kc_money, @extschema@.kc_money) RETURNS pg_catalog.bool
	AS 'int8le' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kc_money_gt(@extschema@.kc_money, @extschema@.kc_money) RETURNS pg_catalog.bool
	AS 'int8gt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kc_money_ge(@extschema@.kc_money, @extschema@.kc_money) RETURNS pg_catalog.bool
	AS 'int8ge' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kc_money_cmp(@extschema@.kc_money, @extschema@.kc_money) RETURNS pg_catalog.int4
	AS 'btint8cmp' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kc_money_sortsupport(pg_catalog.internal) RETURNS pg_catalog.void
	AS 'btint8sortsupport' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_money_hash(@extschema@.kc_money) RETURNS pg_catalog.int4
	AS 'hashint8' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kc_money_hash_extended(@extschema@.kc_money, pg_catalog.int8) RETURNS pg_catalog.int8
	AS 'hashint8extended' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kc_money_smaller(@extschema@.kc_money, @extschema@.kc_money) RETURNS @extschema@.kc_money
	AS 'int8smaller' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_money_larger(@extschema@.kc_money, @extschema@.kc_money) RETURNS @extschema@.kc_money
	AS 'int8larger' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;

CREATE OPERATOR @extschema@.= (
	LEFTARG = @extschema@.kc_money, RIGHTARG = @extschema@.kc_money,
	FUNCTION = @extschema@.kc_money_eq, COMMUTATOR = OPERATOR(@extschema@.=),
	NEGATOR = OPERATOR(@extschema@.<>), RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel,
	HASHES, MERGES);
CREATE OPERATOR @extschema@.<> (
	LEFTARG = @extschema@.kc_money, RIGHTARG = @extschema@.kc_money,
	FUNCTION = @extschema@.kc_money_ne, COMMUTATOR = OPERATOR(@extschema@.<>),
	NEGATOR = OPERATOR(@extschema@.=), RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel);
CREATE OPERATOR @extschema@.< (
	LEFTARG = @extschema@.kc_money, RIGHTARG = @extschema@.kc_money,
	FUNCTION = @extschema@.kc_money_lt, COMMUTATOR = OPERATOR(@extschema@.>),
	NEGATOR = OPERATOR(@extschema@.>=), RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel);
CREATE OPERATOR @extschema@.<= (
	LEFTARG = @extschema@.kc_money, RIGHTARG = @extschema@.kc_money,
	FUNCTION = @extschema@.kc_money_le, COMMUTATOR = OPERATOR(@extschema@.>=),
	NEGATOR = OPERATOR(@extschema@.>), RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel);
CREATE OPERATOR @extschema@.> (
	LEFTARG = @extschema@.kc_money, RIGHTARG = @extschema@.kc_money,
	FUNCTION = @extschema@.kc_money_gt, COMMUTATOR = OPERATOR(@extschema@.<),
	NEGATOR = OPERATOR(@extschema@.<=), RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel);
CREATE OPERATOR @extschema@.>= (
	LEFTARG = @extschema@.kc_money, RIGHTARG = @extschema@.kc_money,
	FUNCTION = @extschema@.kc_money_ge, COMMUTATOR = OPERATOR(@extschema@.<=),
	NEGATOR = OPERATOR(@extschema@.<), RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel);

CREATE OPERATOR CLASS @extschema@.kc_money_ops
	DEFAULT FOR TYPE @extschema@.kc_money USING btree AS
		OPERATOR 1 @extschema@.<,
		OPERATOR 2 @extschema@.<=,
		OPERATOR 3 @extschema@.=,
		OPERATOR 4 @extschema@.>=,
		OPERATOR 5 @extschema@.>,
		FUNCTION 1 @extschema@.kc_money_cmp(@extschema@.kc_money, @extschema@.kc_money),
		FUNCTION 2 @extschema@.kc_money_sortsupport(pg_catalog.internal);

CREATE OPERATOR CLASS @extschema@.kc_money_hash_ops
	DEFAULT FOR TYPE @extschema@.kc_money USING hash AS
		OPERATOR 1 @extschema@.=,
		FUNCTION 1 @extschema@.kc_money_hash(@extschema@.kc_money),
		FUNCTION 2 @extschema@.kc_money_hash_extended(@extschema@.kc_money, pg_catalog.int8);

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
CREATE FUNCTION @extschema@.kc_money_mul_int8(@extschema@.kc_money, pg_catalog.int8) RETURNS @extschema@.kc_money
	AS 'MODULE_PATHNAME', 'kc_money_mul_int8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_money_mul_int4(@extschema@.kc_money, pg_catalog.int4) RETURNS @extschema@.kc_money
	AS 'MODULE_PATHNAME', 'kc_money_mul_int4' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_money_mul_int2(@extschema@.kc_money, pg_catalog.int2) RETURNS @extschema@.kc_money
	AS 'MODULE_PATHNAME', 'kc_money_mul_int2' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_money_div_int2(@extschema@.kc_money, pg_catalog.int2) RETURNS @extschema@.kc_money
	AS 'MODULE_PATHNAME', 'kc_money_div_int2' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_money_mul_numeric(@extschema@.kc_money, pg_catalog.numeric) RETURNS @extschema@.kc_money
	AS 'MODULE_PATHNAME', 'kc_money_mul_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_money_div_int8(@extschema@.kc_money, pg_catalog.int8) RETURNS @extschema@.kc_money
	AS 'MODULE_PATHNAME', 'kc_money_div_int8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_money_div_int4(@extschema@.kc_money, pg_catalog.int4) RETURNS @extschema@.kc_money
	AS 'MODULE_PATHNAME', 'kc_money_div_int4' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_money_div_numeric(@extschema@.kc_money, pg_catalog.numeric) RETURNS @extschema@.kc_money
	AS 'MODULE_PATHNAME', 'kc_money_div_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_money_div_money(@extschema@.kc_money, @extschema@.kc_money) RETURNS pg_catalog.numeric
	AS 'MODULE_PATHNAME', 'kc_money_div_money' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OPERATOR @extschema@.+ (LEFTARG = @extschema@.kc_money, RIGHTARG = @extschema@.kc_money,
	FUNCTION = @extschema@.kc_money_pl, COMMUTATOR = OPERATOR(@extschema@.+));
CREATE OPERATOR @extschema@.- (LEFTARG = @extschema@.kc_money, RIGHTARG = @extschema@.kc_money,
	FUNCTION = @extschema@.kc_money_mi);
CREATE OPERATOR @extschema@.- (RIGHTARG = @extschema@.kc_money, FUNCTION = @extschema@.kc_money_um);
CREATE OPERATOR @extschema@.* (LEFTARG = @extschema@.kc_money, RIGHTARG = pg_catalog.int8,
	FUNCTION = @extschema@.kc_money_mul_int8);
CREATE OPERATOR @extschema@.* (LEFTARG = @extschema@.kc_money, RIGHTARG = pg_catalog.int4,
	FUNCTION = @extschema@.kc_money_mul_int4);
CREATE OPERATOR @extschema@.* (LEFTARG = @extschema@.kc_money, RIGHTARG = pg_catalog.int2,
	FUNCTION = @extschema@.kc_money_mul_int2);
CREATE OPERATOR @extschema@./ (LEFTARG = @extschema@.kc_money, RIGHTARG = pg_catalog.int2,
	FUNCTION = @extschema@.kc_money_div_int2);
CREATE OPERATOR @extschema@.* (LEFTARG = @extschema@.kc_money, RIGHTARG = pg_catalog.numeric,
	FUNCTION = @extschema@.kc_money_mul_numeric);
CREATE OPERATOR @extschema@./ (LEFTARG = @extschema@.kc_money, RIGHTARG = pg_catalog.int8,
	FUNCTION = @extschema@.kc_money_div_int8);
CREATE OPERATOR @extschema@./ (LEFTARG = @extschema@.kc_money, RIGHTARG = pg_catalog.int4,
	FUNCTION = @extschema@.kc_money_div_int4);
CREATE OPERATOR @extschema@./ (LEFTARG = @extschema@.kc_money, RIGHTARG = pg_catalog.numeric,
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
CREATE FUNCTION @extschema@.kc_int2_mul_numeric(pg_catalog.int2, pg_catalog.numeric) RETURNS pg_catalog.numeric
	AS 'SELECT $1::pg_catalog.numeric OPERATOR(pg_catalog.*) $2'
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_int4_mul_numeric(pg_catalog.int4, pg_catalog.numeric) RETURNS pg_catalog.numeric
	AS 'SELECT $1::pg_catalog.numeric OPERATOR(pg_catalog.*) $2'
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_int8_mul_numeric(pg_catalog.int8, pg_catalog.numeric) RETURNS pg_catalog.numeric
	AS 'SELECT $1::pg_catalog.numeric OPERATOR(pg_catalog.*) $2'
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_int2_div_numeric(pg_catalog.int2, pg_catalog.numeric) RETURNS pg_catalog.numeric
	AS 'SELECT $1::pg_catalog.numeric OPERATOR(pg_catalog./) $2'
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_int4_div_numeric(pg_catalog.int4, pg_catalog.numeric) RETURNS pg_catalog.numeric
	AS 'SELECT $1::pg_catalog.numeric OPERATOR(pg_catalog./) $2'
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_int8_div_numeric(pg_catalog.int8, pg_catalog.numeric) RETURNS pg_catalog.numeric
	AS 'SELECT $1::pg_catalog.numeric OPERATOR(pg_catalog./) $2'
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR @extschema@.* (LEFTARG = pg_catalog.int2, RIGHTARG = pg_catalog.numeric,
	FUNCTION = @extschema@.kc_int2_mul_numeric);
CREATE OPERATOR @extschema@.* (LEFTARG = pg_catalog.int4, RIGHTARG = pg_catalog.numeric,
	FUNCTION = @extschema@.kc_int4_mul_numeric);
CREATE OPERATOR @extschema@.* (LEFTARG = pg_catalog.int8, RIGHTARG = pg_catalog.numeric,
	FUNCTION = @extschema@.kc_int8_mul_numeric);
CREATE OPERATOR @extschema@./ (LEFTARG = pg_catalog.int2, RIGHTARG = pg_catalog.numeric,
	FUNCTION = @extschema@.kc_int2_div_numeric);
CREATE OPERATOR @extschema@./ (LEFTARG = pg_catalog.int4, RIGHTARG = pg_catalog.numeric,
	FUNCTION = @extschema@.kc_int4_div_numeric);
CREATE OPERATOR @extschema@./ (LEFTARG = pg_catalog.int8, RIGHTARG = pg_catalog.numeric,
	FUNCTION = @extschema@.kc_int8_div_numeric);

-- Vietnamese notation.
CREATE FUNCTION @extschema@.kc_format(amount @extschema@.kc_money, unit pg_catalog.text DEFAULT 'auto',
		digits pg_catalog.int4 DEFAULT NULL, rounding pg_catalog.text DEFAULT 'half_up') RETURNS pg_catalog.text
	AS 'MODULE_PATHNAME', 'kc_money_format' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.kc_format(@extschema@.kc_money, pg_catalog.text, pg_catalog.int4, pg_catalog.text) IS
	'Writes an amount in Vietnamese notation: kc_format(''345,5 tỷ'', ''tỷ'') = ''345,5 tỷ đồng''. unit: đồng, nghìn, triệu, tỷ or auto; digits NULL = exact; rounding: half_up, half_even, trunc.';

-- Aggregates: 128-bit accumulation in a typed, fixed-size state.  The
-- transition functions are not STRICT: they skip NULL amounts themselves,
-- which saves the executor a null-check step per row.
CREATE TYPE @extschema@.kc_money_sumstate;
CREATE FUNCTION @extschema@.kc_money_sumstate_in(pg_catalog.cstring) RETURNS @extschema@.kc_money_sumstate
	AS 'MODULE_PATHNAME', 'kc_money_sumstate_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_money_sumstate_out(@extschema@.kc_money_sumstate) RETURNS pg_catalog.cstring
	AS 'MODULE_PATHNAME', 'kc_money_sumstate_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_money_sumstate_recv(pg_catalog.internal) RETURNS @extschema@.kc_money_sumstate
	AS 'MODULE_PATHNAME', 'kc_money_sumstate_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_money_sumstate_send(@extschema@.kc_money_sumstate) RETURNS pg_catalog.bytea
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
CREATE FUNCTION @extschema@.kc_money_avg_final(@extschema@.kc_money_sumstate) RETURNS pg_catalog.numeric
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
-- kc_source: the funding sources of the khuyến công programme.

CREATE TYPE @extschema@.kc_source AS ENUM ('national', 'local', 'counterpart', 'other');
COMMENT ON TYPE @extschema@.kc_source IS
	'Funding source: national (khuyến công quốc gia), local (khuyến công địa phương), counterpart (vốn đối ứng), other.';

CREATE FUNCTION @extschema@.kc_source_label(source @extschema@.kc_source, lang pg_catalog.text DEFAULT 'vi')
	RETURNS pg_catalog.text
	LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF lang OPERATOR(pg_catalog.=) 'vi' THEN
		RETURN CASE
			WHEN source OPERATOR(pg_catalog.=) 'national'::@extschema@.kc_source THEN 'Khuyến công quốc gia'
			WHEN source OPERATOR(pg_catalog.=) 'local'::@extschema@.kc_source THEN 'Khuyến công địa phương'
			WHEN source OPERATOR(pg_catalog.=) 'counterpart'::@extschema@.kc_source THEN 'Vốn đối ứng'
			ELSE 'Nguồn khác' END;
	ELSIF lang OPERATOR(pg_catalog.=) 'en' THEN
		RETURN CASE
			WHEN source OPERATOR(pg_catalog.=) 'national'::@extschema@.kc_source THEN 'National industrial promotion'
			WHEN source OPERATOR(pg_catalog.=) 'local'::@extschema@.kc_source THEN 'Local industrial promotion'
			WHEN source OPERATOR(pg_catalog.=) 'counterpart'::@extschema@.kc_source THEN 'Counterpart funds'
			ELSE 'Other sources' END;
	END IF;
	RAISE EXCEPTION 'unknown language "%" for kc_source_label', lang
		USING ERRCODE = 'invalid_parameter_value',
		      HINT = 'Use ''vi'' (Vietnamese) or ''en'' (English).';
END
$$;
-- kc_plan: a (planned, actual) pair; fulfilment percentages; aggregates.

CREATE TYPE @extschema@.kc_plan;
CREATE FUNCTION @extschema@.kc_plan_in(pg_catalog.cstring) RETURNS @extschema@.kc_plan
	AS 'MODULE_PATHNAME', 'kc_plan_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_plan_out(@extschema@.kc_plan) RETURNS pg_catalog.cstring
	AS 'MODULE_PATHNAME', 'kc_plan_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_plan_recv(pg_catalog.internal) RETURNS @extschema@.kc_plan
	AS 'MODULE_PATHNAME', 'kc_plan_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_plan_send(@extschema@.kc_plan) RETURNS pg_catalog.bytea
	AS 'MODULE_PATHNAME', 'kc_plan_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.kc_plan (
	INPUT = @extschema@.kc_plan_in,
	OUTPUT = @extschema@.kc_plan_out,
	RECEIVE = @extschema@.kc_plan_recv,
	SEND = @extschema@.kc_plan_send,
	INTERNALLENGTH = 16,
	ALIGNMENT = double,
	STORAGE = plain
);
COMMENT ON TYPE @extschema@.kc_plan IS
	'A (planned, actual) pair of kc_money: (345500000000,323000000000), or (345,5 tỷ; 323 tỷ) on input.';

CREATE FUNCTION @extschema@.kc_plan(planned @extschema@.kc_money, actual @extschema@.kc_money)
	RETURNS @extschema@.kc_plan
	AS 'MODULE_PATHNAME', 'kc_plan_make' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_planned(@extschema@.kc_plan) RETURNS @extschema@.kc_money
	AS 'MODULE_PATHNAME', 'kc_plan_planned' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_actual(@extschema@.kc_plan) RETURNS @extschema@.kc_money
	AS 'MODULE_PATHNAME', 'kc_plan_actual' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_remaining(@extschema@.kc_plan) RETURNS @extschema@.kc_money
	AS 'MODULE_PATHNAME', 'kc_plan_remaining' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_plan_pl(@extschema@.kc_plan, @extschema@.kc_plan) RETURNS @extschema@.kc_plan
	AS 'MODULE_PATHNAME', 'kc_plan_pl' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_plan_eq(@extschema@.kc_plan, @extschema@.kc_plan) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'kc_plan_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kc_plan_ne(@extschema@.kc_plan, @extschema@.kc_plan) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'kc_plan_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;

CREATE OPERATOR @extschema@.+ (LEFTARG = @extschema@.kc_plan, RIGHTARG = @extschema@.kc_plan,
	FUNCTION = @extschema@.kc_plan_pl, COMMUTATOR = OPERATOR(@extschema@.+));
CREATE OPERATOR @extschema@.= (LEFTARG = @extschema@.kc_plan, RIGHTARG = @extschema@.kc_plan,
	FUNCTION = @extschema@.kc_plan_eq, COMMUTATOR = OPERATOR(@extschema@.=),
	NEGATOR = OPERATOR(@extschema@.<>), RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel);
CREATE OPERATOR @extschema@.<> (LEFTARG = @extschema@.kc_plan, RIGHTARG = @extschema@.kc_plan,
	FUNCTION = @extschema@.kc_plan_ne, COMMUTATOR = OPERATOR(@extschema@.<>),
	NEGATOR = OPERATOR(@extschema@.=), RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel);

-- Percentages: exact, rounded once by the named mode; NULL when the whole is 0.
CREATE FUNCTION @extschema@.kc_pct(p @extschema@.kc_plan, digits pg_catalog.int4 DEFAULT 2,
		rounding pg_catalog.text DEFAULT 'half_up') RETURNS pg_catalog.numeric
	AS 'MODULE_PATHNAME', 'kc_pct_plan' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.kc_pct(@extschema@.kc_plan, pg_catalog.int4, pg_catalog.text) IS
	'100 × actual ÷ planned, exact, rounded to digits decimals by rounding (half_up, half_even, trunc); NULL when planned is 0.';
CREATE FUNCTION @extschema@.kc_pct(part @extschema@.kc_money, whole @extschema@.kc_money,
		digits pg_catalog.int4 DEFAULT 2, rounding pg_catalog.text DEFAULT 'half_up') RETURNS pg_catalog.numeric
	AS 'MODULE_PATHNAME', 'kc_pct_money' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.kc_pct(@extschema@.kc_money, @extschema@.kc_money, pg_catalog.int4, pg_catalog.text) IS
	'100 × part ÷ whole, exact, rounded to digits decimals by rounding (half_up, half_even, trunc); NULL when whole is 0.';
CREATE FUNCTION @extschema@.kc_format_pct(pct pg_catalog.numeric, digits pg_catalog.int4 DEFAULT NULL) RETURNS pg_catalog.text
	AS 'MODULE_PATHNAME', 'kc_format_pct' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.kc_format_pct(pg_catalog.numeric, pg_catalog.int4) IS
	'Writes a percentage in Vietnamese notation: 93,48%. digits NULL drops trailing zeros (64,5%, 55%).';

-- Aggregates over (planned, actual).
CREATE TYPE @extschema@.kc_plan_sumstate;
CREATE FUNCTION @extschema@.kc_plan_sumstate_in(pg_catalog.cstring) RETURNS @extschema@.kc_plan_sumstate
	AS 'MODULE_PATHNAME', 'kc_plan_sumstate_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_plan_sumstate_out(@extschema@.kc_plan_sumstate) RETURNS pg_catalog.cstring
	AS 'MODULE_PATHNAME', 'kc_plan_sumstate_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_plan_sumstate_recv(pg_catalog.internal) RETURNS @extschema@.kc_plan_sumstate
	AS 'MODULE_PATHNAME', 'kc_plan_sumstate_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_plan_sumstate_send(@extschema@.kc_plan_sumstate) RETURNS pg_catalog.bytea
	AS 'MODULE_PATHNAME', 'kc_plan_sumstate_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.kc_plan_sumstate (
	INPUT = @extschema@.kc_plan_sumstate_in,
	OUTPUT = @extschema@.kc_plan_sumstate_out,
	RECEIVE = @extschema@.kc_plan_sumstate_recv,
	SEND = @extschema@.kc_plan_sumstate_send,
	INTERNALLENGTH = 40,
	ALIGNMENT = double,
	STORAGE = plain
);
COMMENT ON TYPE @extschema@.kc_plan_sumstate IS
	'Transition state of kc_fulfilment and sum(kc_plan): (128-bit planned, 128-bit actual, count).';

CREATE FUNCTION @extschema@.kc_fulfilment_accum(@extschema@.kc_plan_sumstate, @extschema@.kc_money, @extschema@.kc_money)
	RETURNS @extschema@.kc_plan_sumstate
	AS 'MODULE_PATHNAME', 'kc_fulfilment_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_fulfilment_retract(@extschema@.kc_plan_sumstate, @extschema@.kc_money, @extschema@.kc_money)
	RETURNS @extschema@.kc_plan_sumstate
	AS 'MODULE_PATHNAME', 'kc_fulfilment_retract' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_plan_sum_accum(@extschema@.kc_plan_sumstate, @extschema@.kc_plan)
	RETURNS @extschema@.kc_plan_sumstate
	AS 'MODULE_PATHNAME', 'kc_plan_sum_accum' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_plan_sum_retract(@extschema@.kc_plan_sumstate, @extschema@.kc_plan)
	RETURNS @extschema@.kc_plan_sumstate
	AS 'MODULE_PATHNAME', 'kc_plan_sum_retract' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_plan_sumstate_combine(@extschema@.kc_plan_sumstate, @extschema@.kc_plan_sumstate)
	RETURNS @extschema@.kc_plan_sumstate
	AS 'MODULE_PATHNAME', 'kc_plan_sumstate_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_plan_sum_final(@extschema@.kc_plan_sumstate) RETURNS @extschema@.kc_plan
	AS 'MODULE_PATHNAME', 'kc_plan_sum_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE AGGREGATE @extschema@.kc_fulfilment(planned @extschema@.kc_money, actual @extschema@.kc_money) (
	SFUNC = @extschema@.kc_fulfilment_accum,
	STYPE = @extschema@.kc_plan_sumstate,
	FINALFUNC = @extschema@.kc_plan_sum_final,
	COMBINEFUNC = @extschema@.kc_plan_sumstate_combine,
	INITCOND = '(0,0,0)',
	MSFUNC = @extschema@.kc_fulfilment_accum,
	MINVFUNC = @extschema@.kc_fulfilment_retract,
	MSTYPE = @extschema@.kc_plan_sumstate,
	MFINALFUNC = @extschema@.kc_plan_sum_final,
	MINITCOND = '(0,0,0)',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.kc_fulfilment(@extschema@.kc_money, @extschema@.kc_money) IS
	'Adds up (planned, actual) into a kc_plan; a NULL side counts as 0, a row with both NULL is skipped.';
CREATE AGGREGATE @extschema@.sum(@extschema@.kc_plan) (
	SFUNC = @extschema@.kc_plan_sum_accum,
	STYPE = @extschema@.kc_plan_sumstate,
	FINALFUNC = @extschema@.kc_plan_sum_final,
	COMBINEFUNC = @extschema@.kc_plan_sumstate_combine,
	INITCOND = '(0,0,0)',
	MSFUNC = @extschema@.kc_plan_sum_accum,
	MINVFUNC = @extschema@.kc_plan_sum_retract,
	MSTYPE = @extschema@.kc_plan_sumstate,
	MFINALFUNC = @extschema@.kc_plan_sum_final,
	MINITCOND = '(0,0,0)',
	PARALLEL = SAFE
);
-- Declared cap rules: for every parent row, the sum of the children's
-- amount never exceeds the parent's limit (money allocated within the
-- approved plan, payments within the allocation).  Enforced by C triggers
-- (src/kc_cap_*.c) modelled on PostgreSQL's foreign-key triggers.

-- The rules.  An extension configuration table: pg_dump writes its rows,
-- and the triggers name their rule by rule_name, so a restore brings the
-- rules back and they keep being enforced.
CREATE TABLE @extschema@.kc_cap_rule (
	rule_name pg_catalog.text PRIMARY KEY,
	child_table pg_catalog.regclass NOT NULL,
	child_columns pg_catalog.text[] NOT NULL,
	amount_column pg_catalog.text NOT NULL,
	parent_table pg_catalog.regclass NOT NULL,
	parent_columns pg_catalog.text[] NOT NULL,
	limit_column pg_catalog.text NOT NULL
);
COMMENT ON TABLE @extschema@.kc_cap_rule IS
	'Cap rules declared with kc_enforce_cap; change them only through kc_enforce_cap and kc_drop_cap.';

-- The kept total per rule and key: the sum of the amounts of the child rows
-- whose reference equals parent_key (the key values as text).  Written by
-- the triggers (when a transaction first changes a key, and at its commit
-- for what later statements added); dumped with the rules, so a restore is
-- consistent with the restored rows.
CREATE TABLE @extschema@.kc_cap_total (
	rule_name pg_catalog.text NOT NULL,
	parent_key pg_catalog.text[] NOT NULL,
	total pg_catalog.numeric NOT NULL,
	PRIMARY KEY (rule_name, parent_key)
);
COMMENT ON TABLE @extschema@.kc_cap_total IS
	'Running totals kept by the cap rule triggers (one row per rule and key); kc_cap_rebuild recomputes them.';

SELECT pg_catalog.pg_extension_config_dump('@extschema@.kc_cap_rule', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.kc_cap_total', '');

-- Everyone may read the rules; only the functions below change them.
REVOKE ALL ON @extschema@.kc_cap_rule, @extschema@.kc_cap_total FROM PUBLIC;
GRANT SELECT ON @extschema@.kc_cap_rule, @extschema@.kc_cap_total TO PUBLIC;

CREATE FUNCTION @extschema@.kc_enforce_cap(
	rule_name pg_catalog.text, child_table pg_catalog.regclass, child_columns pg_catalog.text[], amount_column pg_catalog.text,
	parent_table pg_catalog.regclass, parent_columns pg_catalog.text[], limit_column pg_catalog.text)
	RETURNS pg_catalog.void
	AS 'MODULE_PATHNAME', 'kc_enforce_cap' LANGUAGE C VOLATILE;
COMMENT ON FUNCTION @extschema@.kc_enforce_cap(pg_catalog.text, pg_catalog.regclass, pg_catalog.text[], pg_catalog.text, pg_catalog.regclass, pg_catalog.text[], pg_catalog.text) IS
	'Declare a cap rule: for each parent row, sum(amount_column) over the child rows whose child_columns equal its parent_columns stays at most its limit_column. Only the owner of both tables may do it.';

CREATE FUNCTION @extschema@.kc_drop_cap(rule_name pg_catalog.text)
	RETURNS pg_catalog.void
	AS 'MODULE_PATHNAME', 'kc_drop_cap' LANGUAGE C VOLATILE;
COMMENT ON FUNCTION @extschema@.kc_drop_cap(pg_catalog.text) IS
	'Remove a cap rule, its triggers and its kept totals.';

CREATE FUNCTION @extschema@.kc_cap_rebuild(rule_name pg_catalog.text)
	RETURNS pg_catalog.void
	AS 'MODULE_PATHNAME', 'kc_cap_rebuild' LANGUAGE C VOLATILE;
COMMENT ON FUNCTION @extschema@.kc_cap_rebuild(pg_catalog.text) IS
	'Recompute the kept totals of a cap rule from the rows and check every limit (after the triggers were disabled, for example).';

CREATE FUNCTION @extschema@.kc_cap_child_row() RETURNS pg_catalog.trigger
	AS 'MODULE_PATHNAME', 'kc_cap_child_row' LANGUAGE C;
CREATE FUNCTION @extschema@.kc_cap_child_truncate() RETURNS pg_catalog.trigger
	AS 'MODULE_PATHNAME', 'kc_cap_child_truncate' LANGUAGE C;
CREATE FUNCTION @extschema@.kc_cap_parent_row() RETURNS pg_catalog.trigger
	AS 'MODULE_PATHNAME', 'kc_cap_parent_row' LANGUAGE C;

-- Only owners of the tables get anything done by these (checked inside);
-- PUBLIC keeps EXECUTE so that table owners who are not superusers can
-- declare rules on their own tables.

CREATE VIEW @extschema@.kc_caps AS
SELECT r.rule_name, r.child_table, r.child_columns, r.amount_column,
	r.parent_table, r.parent_columns, r.limit_column,
	(SELECT pg_catalog.count(*) FROM @extschema@.kc_cap_total t
	  WHERE t.rule_name OPERATOR(pg_catalog.=) r.rule_name
	    AND t.total OPERATOR(pg_catalog.<>) 0) AS keys_with_total,
	(SELECT pg_catalog.sum(t.total) FROM @extschema@.kc_cap_total t
	  WHERE t.rule_name OPERATOR(pg_catalog.=) r.rule_name) AS total
FROM @extschema@.kc_cap_rule r;
COMMENT ON VIEW @extschema@.kc_caps IS
	'The declared cap rules, with the number of keys that have a kept total and the sum of the kept totals.';
GRANT SELECT ON @extschema@.kc_caps TO PUBLIC;

-- kc_ext 1.1 -- support caps by project category.
--
-- The regulations cap the state support a project may receive: at most a
-- share of the project's cost and at most an amount, by category, in force
-- over a period, for a funding source (NULL: any) and a province (NULL:
-- nationwide).  The rules are data: two extension configuration tables,
-- shipped with the national caps as default rows.
--
-- Dump and restore.  pg_dump writes the data of a configuration table after
-- CREATE EXTENSION, which has already inserted the shipped defaults, so the
-- dumped rows must neither duplicate nor lose them:
--   * "shipped" marks a row the extension inserted; "edited" marks a
--     shipped row someone has since changed.  Only rows that are not plain
--     shipped defaults are dumped (WHERE NOT shipped OR edited): the
--     unchanged defaults come back from CREATE EXTENSION itself.
--   * Inserting a row whose key equals an unchanged shipped default
--     updates that default in place instead (a BEFORE INSERT trigger does
--     the UPDATE and skips the INSERT); this is how the restore brings back
--     a user's edit of a default, which stays marked shipped and edited.
--     Defaults are changed in place, not deleted and re-inserted, so the
--     rules referring to a category keep their foreign key.
--   * Shipped rows cannot be deleted (a deleted default would come back on
--     restore) and their keys cannot change; end a shipped rule by setting
--     effective_to, or clear its caps, instead.
--   * Users cannot set the flags: inserts get shipped = false unless they
--     replace a default, updates keep shipped and set edited on shipped rows.
-- Rule ids below 1000 are reserved for shipped rules; user rules draw from
-- a sequence starting at 1001 whose position is dumped too.

CREATE TABLE @extschema@.kc_project_category (
	code		pg_catalog.text PRIMARY KEY
		CONSTRAINT kc_project_category_code_check
		CHECK (code OPERATOR(pg_catalog.~) '^[a-z][a-z0-9_]{0,62}$'),
	name_vi		pg_catalog.text NOT NULL
		CONSTRAINT kc_project_category_name_vi_check
		CHECK (pg_catalog.btrim(name_vi) OPERATOR(pg_catalog.<>) ''),
	name_en		pg_catalog.text NOT NULL
		CONSTRAINT kc_project_category_name_en_check
		CHECK (pg_catalog.btrim(name_en) OPERATOR(pg_catalog.<>) ''),
	shipped		pg_catalog.bool NOT NULL DEFAULT false,
	edited		pg_catalog.bool NOT NULL DEFAULT false
);
COMMENT ON TABLE @extschema@.kc_project_category IS
	'Categories of khuyến công projects (nội dung hoạt động khuyến công); add rows for new categories.';

INSERT INTO @extschema@.kc_project_category (code, name_vi, name_en, shipped) VALUES
	('demonstration_model', 'Xây dựng mô hình trình diễn kỹ thuật', 'Technical demonstration model', true),
	('machinery_transfer', 'Ứng dụng máy móc thiết bị tiên tiến, chuyển giao công nghệ', 'Advanced machinery and technology transfer', true),
	('technology_line', 'Dây chuyền công nghệ', 'Technology line', true),
	('rural_business', 'Hỗ trợ thành lập doanh nghiệp công nghiệp nông thôn', 'New rural industrial business', true),
	('vocational_training', 'Đào tạo nghề, truyền nghề', 'Vocational training', true),
	('trade_fair', 'Hội chợ, triển lãm', 'Trade fair and exhibition', true),
	('product_contest', 'Bình chọn sản phẩm công nghiệp nông thôn tiêu biểu', 'Rural industrial product contest', true),
	('consulting', 'Tư vấn, hỗ trợ', 'Consulting', true),
	('cleaner_production', 'Sản xuất sạch hơn', 'Cleaner production', true),
	('industrial_cluster', 'Cụm công nghiệp', 'Industrial cluster', true),
	('digital_transformation', 'Chuyển đổi số', 'Digital transformation', true),
	('other', 'Khác', 'Other', true);

CREATE SEQUENCE @extschema@.kc_support_cap_rule_id_seq START WITH 1001;

CREATE TABLE @extschema@.kc_support_cap_rule (
	rule_id		pg_catalog.int8 PRIMARY KEY
		DEFAULT pg_catalog.nextval('@extschema@.kc_support_cap_rule_id_seq'::pg_catalog.regclass),
	category	pg_catalog.text NOT NULL REFERENCES @extschema@.kc_project_category (code),
	source		@extschema@.kc_source,
	province	pg_catalog.text,
	effective_from pg_catalog.date NOT NULL,
	effective_to pg_catalog.date,
	max_share	pg_catalog.numeric,
	max_amount	@extschema@.kc_money,
	legal_basis pg_catalog.text NOT NULL,
	shipped		pg_catalog.bool NOT NULL DEFAULT false,
	edited		pg_catalog.bool NOT NULL DEFAULT false,
	-- Backstops: the BEFORE trigger below refuses the same values first,
	-- with messages that name them (SQLSTATE 22023).
	CONSTRAINT kc_support_cap_rule_share_check
		CHECK (max_share OPERATOR(pg_catalog.>) 0 AND max_share OPERATOR(pg_catalog.<=) 1),
	CONSTRAINT kc_support_cap_rule_amount_check
		CHECK (max_amount OPERATOR(@extschema@.>=) 0::pg_catalog.int8::@extschema@.kc_money),
	CONSTRAINT kc_support_cap_rule_period_check
		CHECK (effective_to OPERATOR(pg_catalog.>=) effective_from),
	CONSTRAINT kc_support_cap_rule_province_check
		CHECK (pg_catalog.btrim(province) OPERATOR(pg_catalog.<>) ''),
	CONSTRAINT kc_support_cap_rule_legal_basis_check
		CHECK (pg_catalog.btrim(legal_basis) OPERATOR(pg_catalog.<>) '')
);
CREATE INDEX kc_support_cap_rule_category_idx
	ON @extschema@.kc_support_cap_rule (category, effective_from);
COMMENT ON TABLE @extschema@.kc_support_cap_rule IS
	'Caps on the state support of a project: at most max_share of its cost and at most max_amount, for a category, a source (NULL: any), a province (NULL: nationwide), from effective_from to effective_to (NULL: open), both days included.';

-- Shipped national caps.  Every row says what it rests on; the effective
-- dates of both circulars are from memory of their texts and should be
-- checked against the official gazette (the legal_basis says so).  The
-- caps are national (any source, nationwide); provinces add their own rows
-- for local money, which win over these.
INSERT INTO @extschema@.kc_support_cap_rule
	(rule_id, category, effective_from, effective_to, max_share, max_amount, legal_basis, shipped) VALUES
	(1, 'demonstration_model', '2014-04-04', '2018-05-11', NULL, 500000000,
	 'Thông tư liên tịch 26/2014/TTLT-BTC-BCT (ngày 18/02/2014): mô hình trình diễn kỹ thuật tối đa 500 triệu đồng/mô hình. Tỷ lệ tối đa theo chi phí: không ghi (chưa đối chiếu). Hiệu lực từ 04/04/2014 đến khi Thông tư 28/2018/TT-BTC thay thế: ngày chưa đối chiếu với văn bản gốc.', true),
	(2, 'machinery_transfer', '2014-04-04', '2018-05-11', NULL, 200000000,
	 'Thông tư liên tịch 26/2014/TTLT-BTC-BCT (ngày 18/02/2014): ứng dụng máy móc thiết bị tiên tiến, chuyển giao công nghệ tối đa 200 triệu đồng/cơ sở. Tỷ lệ tối đa theo chi phí: không ghi (chưa đối chiếu). Hiệu lực từ 04/04/2014 đến khi Thông tư 28/2018/TT-BTC thay thế: ngày chưa đối chiếu với văn bản gốc.', true),
	(3, 'demonstration_model', '2018-05-12', NULL, 0.30, 1000000000,
	 'Thông tư 28/2018/TT-BTC (ngày 28/03/2018), sửa đổi bởi Thông tư 64/2024/TT-BTC: mô hình trình diễn kỹ thuật tối đa 30% chi phí và 1.000 triệu đồng/mô hình. Hiệu lực 12/05/2018: ngày chưa đối chiếu với văn bản gốc. Nghị định 235/2025 (từ 15/10/2025) chưa được phản ánh.', true),
	(4, 'machinery_transfer', '2018-05-12', NULL, 0.50, 300000000,
	 'Thông tư 28/2018/TT-BTC (ngày 28/03/2018), sửa đổi bởi Thông tư 64/2024/TT-BTC: ứng dụng máy móc thiết bị tiên tiến, chuyển giao công nghệ tối đa 50% chi phí và 300 triệu đồng/cơ sở. Hiệu lực 12/05/2018: ngày chưa đối chiếu với văn bản gốc. Nghị định 235/2025 (từ 15/10/2025) chưa được phản ánh.', true),
	(5, 'technology_line', '2018-05-12', NULL, 0.50, 450000000,
	 'Thông tư 28/2018/TT-BTC (ngày 28/03/2018), sửa đổi bởi Thông tư 64/2024/TT-BTC: dây chuyền công nghệ tối đa 1,5 lần mức máy móc thiết bị, tức 450 triệu đồng; tỷ lệ 50% chi phí như máy móc thiết bị (giả định). Hiệu lực 12/05/2018: ngày chưa đối chiếu với văn bản gốc. Nghị định 235/2025 (từ 15/10/2025) chưa được phản ánh.', true),
	(6, 'rural_business', '2018-05-12', NULL, NULL, 10000000,
	 'Thông tư 28/2018/TT-BTC (ngày 28/03/2018), sửa đổi bởi Thông tư 64/2024/TT-BTC: hỗ trợ thành lập doanh nghiệp công nghiệp nông thôn tối đa 10 triệu đồng/doanh nghiệp. Hiệu lực 12/05/2018: ngày chưa đối chiếu với văn bản gốc. Nghị định 235/2025 (từ 15/10/2025) chưa được phản ánh.', true);

-- Row maintenance: clear errors for bad values, and the shipped/edited
-- bookkeeping described at the top.  Created after the defaults above.
CREATE FUNCTION @extschema@.kc_project_category_before_write() RETURNS pg_catalog.trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF TG_OP OPERATOR(pg_catalog.=) 'DELETE' THEN
		IF OLD.shipped THEN
			RAISE EXCEPTION 'cannot delete shipped project category "%"', OLD.code
				USING ERRCODE = 'feature_not_supported',
					  HINT = 'Shipped categories come back with CREATE EXTENSION; rename them instead.';
		END IF;
		RETURN OLD;
	END IF;
	IF NEW.code IS NULL OR NEW.code OPERATOR(pg_catalog.!~) '^[a-z][a-z0-9_]{0,62}$' THEN
		RAISE EXCEPTION 'invalid project category code "%"', NEW.code
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'A code is a lower-case letter followed by at most 62 lower-case letters, digits or underscores.';
	END IF;
	IF TG_OP OPERATOR(pg_catalog.=) 'UPDATE' THEN
		IF OLD.shipped THEN
			IF NEW.code OPERATOR(pg_catalog.<>) OLD.code THEN
				RAISE EXCEPTION 'cannot change the code of shipped project category "%"', OLD.code
					USING ERRCODE = 'feature_not_supported';
			END IF;
			NEW.shipped := true;
			NEW.edited := true;
		ELSE
			NEW.shipped := false;
			NEW.edited := false;
		END IF;
		RETURN NEW;
	END IF;
	-- INSERT of the code of an unchanged shipped default (a restore
	-- bringing back an edit): change the default in place instead.
	UPDATE @extschema@.kc_project_category
		SET name_vi = NEW.name_vi, name_en = NEW.name_en
		WHERE code OPERATOR(pg_catalog.=) NEW.code AND shipped AND NOT edited;
	IF FOUND THEN
		RETURN NULL;
	END IF;
	NEW.shipped := false;
	NEW.edited := false;
	RETURN NEW;
END $$;

CREATE TRIGGER kc_project_category_before_write
	BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.kc_project_category
	FOR EACH ROW EXECUTE FUNCTION @extschema@.kc_project_category_before_write();

CREATE FUNCTION @extschema@.kc_support_cap_rule_before_write() RETURNS pg_catalog.trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF TG_OP OPERATOR(pg_catalog.=) 'DELETE' THEN
		IF OLD.shipped THEN
			RAISE EXCEPTION 'cannot delete shipped support-cap rule %', OLD.rule_id
				USING ERRCODE = 'feature_not_supported',
					  DETAIL = 'Rule ' OPERATOR(pg_catalog.||) OLD.rule_id OPERATOR(pg_catalog.||) ': ' OPERATOR(pg_catalog.||) OLD.legal_basis,
					  HINT = 'Shipped rules come back with CREATE EXTENSION; end the rule by setting effective_to, or clear its max_share and max_amount.';
		END IF;
		RETURN OLD;
	END IF;
	IF NEW.max_share IS NOT NULL AND (NEW.max_share OPERATOR(pg_catalog.<=) 0 OR NEW.max_share OPERATOR(pg_catalog.>) 1) THEN
		RAISE EXCEPTION 'max_share % of support-cap rule % is out of range', NEW.max_share, NEW.rule_id
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'max_share is a fraction of the project''s cost: above 0 and at most 1 (0.3 means 30%); NULL means no share cap.';
	END IF;
	IF NEW.max_amount IS NOT NULL AND NEW.max_amount::pg_catalog.int8 OPERATOR(pg_catalog.<) 0 THEN
		RAISE EXCEPTION 'max_amount % of support-cap rule % is negative', NEW.max_amount, NEW.rule_id
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'max_amount is in đồng and at least 0; NULL means no amount cap.';
	END IF;
	IF NEW.effective_from IS NULL THEN
		RAISE EXCEPTION 'effective_from of support-cap rule % is missing', NEW.rule_id
			USING ERRCODE = 'not_null_violation';
	END IF;
	IF NEW.effective_to OPERATOR(pg_catalog.<) NEW.effective_from THEN
		RAISE EXCEPTION 'effective_to % of support-cap rule % is before its effective_from %',
			pg_catalog.to_char(NEW.effective_to, 'YYYY-MM-DD'), NEW.rule_id,
			pg_catalog.to_char(NEW.effective_from, 'YYYY-MM-DD')
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Both days are included: a one-day rule has effective_to = effective_from; NULL means open-ended.';
	END IF;
	IF NEW.province IS NOT NULL AND pg_catalog.btrim(NEW.province) OPERATOR(pg_catalog.=) '' THEN
		RAISE EXCEPTION 'province of support-cap rule % is blank', NEW.rule_id
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Use NULL for a nationwide rule.';
	END IF;
	IF NEW.legal_basis IS NULL OR pg_catalog.btrim(NEW.legal_basis) OPERATOR(pg_catalog.=) '' THEN
		RAISE EXCEPTION 'support-cap rule % has no legal basis', NEW.rule_id
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Cite the document the cap comes from, e.g. "Thông tư 28/2018/TT-BTC".';
	END IF;
	IF TG_OP OPERATOR(pg_catalog.=) 'UPDATE' THEN
		IF OLD.shipped THEN
			IF NEW.rule_id OPERATOR(pg_catalog.<>) OLD.rule_id THEN
				RAISE EXCEPTION 'cannot change the id of shipped support-cap rule %', OLD.rule_id
					USING ERRCODE = 'feature_not_supported';
			END IF;
			NEW.shipped := true;
			NEW.edited := true;
		ELSE
			NEW.shipped := false;
			NEW.edited := false;
		END IF;
		RETURN NEW;
	END IF;
	-- INSERT of the id of an unchanged shipped default (a restore bringing
	-- back an edit): change the default in place instead.  A restore brings
	-- back edited defaults one by one, and two of them may only fit together
	-- (a moved boundary), so the overlap check waits for the commit.
	IF EXISTS (SELECT FROM @extschema@.kc_support_cap_rule
			   WHERE rule_id OPERATOR(pg_catalog.=) NEW.rule_id AND shipped AND NOT edited) THEN
		SET CONSTRAINTS @extschema@.kc_support_cap_rule_no_overlap DEFERRED;
	END IF;
	UPDATE @extschema@.kc_support_cap_rule
		SET category = NEW.category, source = NEW.source, province = NEW.province,
			effective_from = NEW.effective_from, effective_to = NEW.effective_to,
			max_share = NEW.max_share, max_amount = NEW.max_amount,
			legal_basis = NEW.legal_basis
		WHERE rule_id OPERATOR(pg_catalog.=) NEW.rule_id AND shipped AND NOT edited;
	IF FOUND THEN
		RETURN NULL;
	END IF;
	NEW.shipped := false;
	NEW.edited := false;
	RETURN NEW;
END $$;

CREATE TRIGGER kc_support_cap_rule_before_write
	BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.kc_support_cap_rule
	FOR EACH ROW EXECUTE FUNCTION @extschema@.kc_support_cap_rule_before_write();

-- Overlapping rules for the same category, source and province are refused
-- (SQLSTATE 23P01, naming both rules).  The check runs after the statement's
-- rows are in place, under a lock that serialises rule writers, against the
-- latest committed state, so two sessions cannot add overlapping rules.  It
-- is a deferrable constraint trigger: to move the boundary between two
-- rules, SET CONSTRAINTS kc_support_cap_rule_no_overlap DEFERRED and update
-- both in one transaction (or update both in one statement).
CREATE FUNCTION @extschema@.kc_support_cap_rule_overlap() RETURNS pg_catalog.trigger
	AS 'MODULE_PATHNAME', 'kc_support_cap_rule_overlap' LANGUAGE C;

CREATE CONSTRAINT TRIGGER kc_support_cap_rule_no_overlap
	AFTER INSERT OR UPDATE ON @extschema@.kc_support_cap_rule
	DEFERRABLE INITIALLY IMMEDIATE
	FOR EACH ROW EXECUTE FUNCTION @extschema@.kc_support_cap_rule_overlap();

SELECT pg_catalog.pg_extension_config_dump('@extschema@.kc_project_category',
										   'WHERE NOT shipped OR edited');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.kc_support_cap_rule',
										   'WHERE NOT shipped OR edited');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.kc_support_cap_rule_id_seq', '');

-- Everybody may read the rules (they are public law and the check runs as
-- the writer of a project); only the owner, or whom the owner grants it,
-- may change them.
REVOKE ALL ON @extschema@.kc_project_category, @extschema@.kc_support_cap_rule FROM PUBLIC;
GRANT SELECT ON @extschema@.kc_project_category, @extschema@.kc_support_cap_rule TO PUBLIC;

-- The rule in force for a category, source and province on a day: a
-- province's own rule beats the nationwide one, a source-specific rule
-- beats an any-source one (province first).  No row: no rule, no cap.
CREATE FUNCTION @extschema@.kc_support_cap_rule_for(
	category pg_catalog.text, source @extschema@.kc_source, province pg_catalog.text, on_day pg_catalog.date)
RETURNS SETOF @extschema@.kc_support_cap_rule
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT r.*
	FROM @extschema@.kc_support_cap_rule r
	WHERE r.category OPERATOR(pg_catalog.=) $1
	  AND (r.source IS NULL OR r.source OPERATOR(pg_catalog.=) $2)
	  AND (r.province IS NULL OR r.province OPERATOR(pg_catalog.=) $3)
	  AND r.effective_from OPERATOR(pg_catalog.<=) $4
	  AND (r.effective_to IS NULL OR r.effective_to OPERATOR(pg_catalog.>=) $4)
	ORDER BY r.province IS NULL, r.source IS NULL
	LIMIT 1
$$;

-- The check itself (C): trigger arguments are the column names category,
-- source ('' for none), province ('' for none), approved_on, cost, support.
CREATE FUNCTION @extschema@.kc_support_cap_check() RETURNS pg_catalog.trigger
	AS 'MODULE_PATHNAME', 'kc_support_cap_check' LANGUAGE C;

-- The largest support the rule allows for a cost: the smaller of
-- floor(max_share * cost) and max_amount (NULL: no cap).  Comparing a whole
-- number of đồng with floor(share * cost) is the same as comparing it
-- exactly with share * cost.
CREATE FUNCTION @extschema@.kc_support_cap_limit(
	max_share pg_catalog.numeric, max_amount @extschema@.kc_money, cost @extschema@.kc_money)
RETURNS @extschema@.kc_money
LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
	SELECT CASE
		WHEN $1 IS NOT NULL AND $3 IS NOT NULL AND $2 IS NOT NULL
			THEN least(pg_catalog.floor($1 OPERATOR(pg_catalog.*) $3::pg_catalog.int8::pg_catalog.numeric)::pg_catalog.int8, $2::pg_catalog.int8)
		WHEN $1 IS NOT NULL AND $3 IS NOT NULL
			THEN pg_catalog.floor($1 OPERATOR(pg_catalog.*) $3::pg_catalog.int8::pg_catalog.numeric)::pg_catalog.int8
		ELSE $2::pg_catalog.int8
	END::@extschema@.kc_money
$$;

CREATE FUNCTION @extschema@.kc_column_type_of(tbl pg_catalog.regclass, col pg_catalog.text, what pg_catalog.text)
RETURNS pg_catalog.regtype
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	t pg_catalog.regtype;
BEGIN
	IF col IS NULL OR col OPERATOR(pg_catalog.=) '' THEN
		RAISE EXCEPTION 'the % column name is missing', what
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	SELECT a.atttypid INTO t FROM pg_catalog.pg_attribute a
	WHERE a.attrelid OPERATOR(pg_catalog.=) tbl AND a.attname OPERATOR(pg_catalog.=) col
	  AND a.attnum OPERATOR(pg_catalog.>) 0 AND NOT a.attisdropped;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'column "%" of relation % does not exist', col, tbl
			USING ERRCODE = 'undefined_column',
				  HINT = pg_catalog.format('Name the %s column of %s.', what, tbl);
	END IF;
	RETURN t;
END $$;

CREATE FUNCTION @extschema@.kc_enforce_support_cap(
	projects pg_catalog.regclass, category_column pg_catalog.text, source_column pg_catalog.text,
	province_column pg_catalog.text, approved_on_column pg_catalog.text, cost_column pg_catalog.text,
	support_column pg_catalog.text)
RETURNS pg_catalog.void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	kind pg_catalog."char";
	t pg_catalog.regtype;
	money_type pg_catalog.regtype := '@extschema@.kc_money'::pg_catalog.regtype;
	cols pg_catalog.text[];
BEGIN
	IF projects IS NULL THEN
		RAISE EXCEPTION 'the project table is missing' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	SELECT c.relkind INTO kind FROM pg_catalog.pg_class c WHERE c.oid OPERATOR(pg_catalog.=) projects;
	IF kind OPERATOR(pg_catalog.<>) ALL (ARRAY['r'::pg_catalog."char", 'p'::pg_catalog."char"]) THEN
		RAISE EXCEPTION '% is not a table', projects
			USING ERRCODE = 'wrong_object_type';
	END IF;

	t := @extschema@.kc_column_type_of(projects, category_column, 'category'::pg_catalog.text);
	IF t OPERATOR(pg_catalog.<>) ALL (ARRAY['pg_catalog.text'::pg_catalog.regtype, 'pg_catalog.varchar'::pg_catalog.regtype]) THEN
		RAISE EXCEPTION 'category column "%" of % has type %, not text', category_column, projects, t
			USING ERRCODE = 'datatype_mismatch',
				  HINT = 'The category column holds codes of kc_project_category.';
	END IF;
	cols := ARRAY[category_column];
	IF source_column IS NOT NULL THEN
		t := @extschema@.kc_column_type_of(projects, source_column, 'source'::pg_catalog.text);
		IF t OPERATOR(pg_catalog.<>) '@extschema@.kc_source'::pg_catalog.regtype THEN
			RAISE EXCEPTION 'source column "%" of % has type %, not kc_source', source_column, projects, t
				USING ERRCODE = 'datatype_mismatch',
					  HINT = 'Pass NULL as the source column when the table has none; then only any-source rules apply.';
		END IF;
		cols := cols OPERATOR(pg_catalog.||) source_column;
	END IF;
	IF province_column IS NOT NULL THEN
		t := @extschema@.kc_column_type_of(projects, province_column, 'province'::pg_catalog.text);
		IF t OPERATOR(pg_catalog.<>) ALL (ARRAY['pg_catalog.text'::pg_catalog.regtype, 'pg_catalog.varchar'::pg_catalog.regtype]) THEN
			RAISE EXCEPTION 'province column "%" of % has type %, not text', province_column, projects, t
				USING ERRCODE = 'datatype_mismatch',
					  HINT = 'Pass NULL as the province column when the table has none; then only nationwide rules apply.';
		END IF;
		cols := cols OPERATOR(pg_catalog.||) province_column;
	END IF;
	t := @extschema@.kc_column_type_of(projects, approved_on_column, 'approval date'::pg_catalog.text);
	IF t OPERATOR(pg_catalog.<>) 'pg_catalog.date'::pg_catalog.regtype THEN
		RAISE EXCEPTION 'approval date column "%" of % has type %, not date', approved_on_column, projects, t
			USING ERRCODE = 'datatype_mismatch';
	END IF;
	t := @extschema@.kc_column_type_of(projects, cost_column, 'cost'::pg_catalog.text);
	IF t OPERATOR(pg_catalog.<>) ALL (ARRAY[money_type, 'pg_catalog.int8'::pg_catalog.regtype]) THEN
		RAISE EXCEPTION 'cost column "%" of % has type %, not kc_money', cost_column, projects, t
			USING ERRCODE = 'datatype_mismatch';
	END IF;
	t := @extschema@.kc_column_type_of(projects, support_column, 'support'::pg_catalog.text);
	IF t OPERATOR(pg_catalog.<>) ALL (ARRAY[money_type, 'pg_catalog.int8'::pg_catalog.regtype]) THEN
		RAISE EXCEPTION 'support column "%" of % has type %, not kc_money', support_column, projects, t
			USING ERRCODE = 'datatype_mismatch';
	END IF;
	cols := cols OPERATOR(pg_catalog.||) approved_on_column OPERATOR(pg_catalog.||) cost_column
		OPERATOR(pg_catalog.||) support_column;

	IF EXISTS (SELECT 1 FROM pg_catalog.pg_trigger
			   WHERE tgrelid OPERATOR(pg_catalog.=) projects AND tgname OPERATOR(pg_catalog.=) 'kc_support_cap') THEN
		EXECUTE pg_catalog.format('DROP TRIGGER kc_support_cap ON %s', projects);
	END IF;
	EXECUTE pg_catalog.format('CREATE TRIGGER kc_support_cap AFTER INSERT OR UPDATE OF %s ON %s '
				   'FOR EACH ROW EXECUTE FUNCTION @extschema@.kc_support_cap_check(%L, %L, %L, %L, %L, %L)',
				   (SELECT pg_catalog.string_agg(DISTINCT pg_catalog.quote_ident(c), ', ') FROM pg_catalog.unnest(cols) c),
				   projects, category_column, coalesce(source_column, ''),
				   coalesce(province_column, ''), approved_on_column, cost_column,
				   support_column);
END $$;
COMMENT ON FUNCTION @extschema@.kc_enforce_support_cap(pg_catalog.regclass, pg_catalog.text, pg_catalog.text, pg_catalog.text, pg_catalog.text, pg_catalog.text, pg_catalog.text) IS
	'Checks every inserted or updated project row against the support-cap rule in force on its approval date (SQLSTATE 23514, constraint kc_support_cap). Rows no rule covers pass. Source and province columns may be NULL (none).';

-- Trigger arguments of a relation's trigger (C helper for the report below).
CREATE FUNCTION @extschema@.kc_trigger_args(rel pg_catalog.regclass, trigger_name pg_catalog.text)
RETURNS pg_catalog.text[]
	AS 'MODULE_PATHNAME', 'kc_trigger_args' LANGUAGE C STABLE STRICT;

-- Stored rows that the rules as they stand today would reject: rules may
-- change after a project was approved without touching stored rows.
CREATE FUNCTION @extschema@.kc_support_cap_violations(projects pg_catalog.regclass)
RETURNS TABLE (row_ctid pg_catalog.tid, category pg_catalog.text, approved_on pg_catalog.date,
			   cost @extschema@.kc_money, support @extschema@.kc_money,
			   rule_id pg_catalog.int8, legal_basis pg_catalog.text, cap @extschema@.kc_money,
			   project pg_catalog.jsonb)
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	args pg_catalog.text[];
BEGIN
	args := @extschema@.kc_trigger_args(projects, 'kc_support_cap'::pg_catalog.text);
	IF args IS NULL THEN
		RAISE EXCEPTION 'relation % has no support-cap check', projects
			USING ERRCODE = 'undefined_object',
				  HINT = 'Install it with kc_enforce_support_cap().';
	END IF;
	RETURN QUERY EXECUTE pg_catalog.format(
		'SELECT p.ctid, p.%1$I::pg_catalog.text, p.%4$I, p.%5$I::@extschema@.kc_money, p.%6$I::@extschema@.kc_money,
				r.rule_id, r.legal_basis,
				@extschema@.kc_support_cap_limit(r.max_share, r.max_amount, p.%5$I::@extschema@.kc_money),
				pg_catalog.to_jsonb(p)
		 FROM %7$s p
		 CROSS JOIN LATERAL @extschema@.kc_support_cap_rule_for(p.%1$I::pg_catalog.text, %2$s, %3$s, p.%4$I::pg_catalog.date) r
		 WHERE p.%6$I::pg_catalog.int8 OPERATOR(pg_catalog.>) @extschema@.kc_support_cap_limit(r.max_share, r.max_amount, p.%5$I::@extschema@.kc_money)::pg_catalog.int8
		 ORDER BY p.ctid',
		args[1],
		CASE WHEN args[2] OPERATOR(pg_catalog.=) '' THEN 'NULL::@extschema@.kc_source'
			 ELSE pg_catalog.format('p.%I::@extschema@.kc_source', args[2]) END,
		CASE WHEN args[3] OPERATOR(pg_catalog.=) '' THEN 'NULL::pg_catalog.text'
			 ELSE pg_catalog.format('p.%I::pg_catalog.text', args[3]) END,
		args[4], args[5], args[6], projects);
END $$;
COMMENT ON FUNCTION @extschema@.kc_support_cap_violations(pg_catalog.regclass) IS
	'Rows of a table checked by kc_enforce_support_cap that the support-cap rules as they stand now would reject, with the rule and the cap.';

-- kc_ext 1.1 -- closed years.
--
-- Once a year's accounts are settled (quyết toán), its rows stop changing.
-- kc_enforce_year_lock(tbl, year_column) protects a table; kc_close_year()
-- and kc_reopen_year() close and reopen a year for every protected table.
--
-- * A write that touches a closed year, by the old or the new row, fails
--   with SQLSTATE 55000 (object_not_in_prerequisite_state) and constraint
--   name kc_year_lock; TRUNCATE of a protected table holding rows of a
--   closed year fails the same way.
-- * Who may close and reopen: superusers, the owner of the extension, and
--   roles with the privileges of a role named kc_year_admin (the extension
--   creates no role: create it and grant it to the people who settle
--   accounts).  Everyone else gets 42501.
-- * The closed years and an append-only log (who, when, why) are
--   configuration tables, so pg_dump keeps them; nobody but their owner can
--   write them, the functions write them as the extension's owner, and the
--   log refuses UPDATE, DELETE and TRUNCATE from anyone.
-- * Concurrency: kc_close_year takes a SHARE lock on every protected table,
--   so it waits for writers in flight and holds new ones back until it
--   commits; the triggers read the closed years with a fresh snapshot, so
--   a REPEATABLE READ writer whose snapshot predates the closing still sees
--   it.  Protect tables before closing years.

CREATE TABLE @extschema@.kc_closed_year (
	year		pg_catalog.int4 PRIMARY KEY
		CONSTRAINT kc_closed_year_year_check
		CHECK (year OPERATOR(pg_catalog.>=) 1900 AND year OPERATOR(pg_catalog.<=) 9999),
	closed_at	pg_catalog.timestamptz NOT NULL,
	closed_by	pg_catalog.name NOT NULL,
	reason		pg_catalog.text NOT NULL
);
COMMENT ON TABLE @extschema@.kc_closed_year IS
	'Years whose accounts are settled: rows of protected tables in these years do not change. Written by kc_close_year and kc_reopen_year only.';

CREATE SEQUENCE @extschema@.kc_year_lock_log_entry_seq;

CREATE TABLE @extschema@.kc_year_lock_log (
	entry		pg_catalog.int8 PRIMARY KEY
		DEFAULT pg_catalog.nextval('@extschema@.kc_year_lock_log_entry_seq'::pg_catalog.regclass),
	year		pg_catalog.int4 NOT NULL,
	action		pg_catalog.text NOT NULL
		CONSTRAINT kc_year_lock_log_action_check
		CHECK (action OPERATOR(pg_catalog.=) ANY (ARRAY['close'::pg_catalog.text, 'reopen'::pg_catalog.text])),
	acting_role pg_catalog.name NOT NULL,		-- current_user of the caller
	session_role pg_catalog.name NOT NULL,		-- session_user of the caller
	logged_at	pg_catalog.timestamptz NOT NULL,
	reason		pg_catalog.text NOT NULL
);
COMMENT ON TABLE @extschema@.kc_year_lock_log IS
	'Append-only record of every closing and reopening of a year: who, when, why.';

SELECT pg_catalog.pg_extension_config_dump('@extschema@.kc_closed_year', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.kc_year_lock_log', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.kc_year_lock_log_entry_seq', '');

REVOKE ALL ON @extschema@.kc_closed_year, @extschema@.kc_year_lock_log FROM PUBLIC;
GRANT SELECT ON @extschema@.kc_closed_year, @extschema@.kc_year_lock_log TO PUBLIC;
REVOKE ALL ON SEQUENCE @extschema@.kc_year_lock_log_entry_seq FROM PUBLIC;

-- The log only grows (restore inserts rows, which is allowed).
CREATE FUNCTION @extschema@.kc_year_lock_log_append_only() RETURNS pg_catalog.trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	RAISE EXCEPTION 'the year-lock log is append-only: % is not allowed', TG_OP
		USING ERRCODE = 'insufficient_privilege',
			  HINT = 'Closing and reopening years add entries; nothing changes or removes them.';
END $$;
CREATE TRIGGER kc_year_lock_log_append_only
	BEFORE UPDATE OR DELETE ON @extschema@.kc_year_lock_log
	FOR EACH ROW EXECUTE FUNCTION @extschema@.kc_year_lock_log_append_only();
CREATE TRIGGER kc_year_lock_log_no_truncate
	BEFORE TRUNCATE ON @extschema@.kc_year_lock_log
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.kc_year_lock_log_append_only();

-- Writers cache the closed years for their transaction; a change of the
-- status table in this backend drops the cache (see kc_year_lock.c).
CREATE FUNCTION @extschema@.kc_year_lock_status_changed() RETURNS pg_catalog.trigger
	AS 'MODULE_PATHNAME', 'kc_year_lock_status_changed' LANGUAGE C;
CREATE TRIGGER kc_closed_year_changed
	AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.kc_closed_year
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.kc_year_lock_status_changed();

-- The triggers (C).  Argument: the year column's name.
CREATE FUNCTION @extschema@.kc_year_lock_row() RETURNS pg_catalog.trigger
	AS 'MODULE_PATHNAME', 'kc_year_lock_row' LANGUAGE C;
CREATE FUNCTION @extschema@.kc_year_lock_truncate() RETURNS pg_catalog.trigger
	AS 'MODULE_PATHNAME', 'kc_year_lock_truncate' LANGUAGE C;

-- Closing and reopening (C: they check the caller's privileges, lock the
-- protected tables and write the status and the log as the extension's
-- owner, with a pinned search_path).
CREATE FUNCTION @extschema@.kc_close_year(year pg_catalog.int4, reason pg_catalog.text) RETURNS pg_catalog.void
	AS 'MODULE_PATHNAME', 'kc_close_year' LANGUAGE C VOLATILE;
COMMENT ON FUNCTION @extschema@.kc_close_year(pg_catalog.int4, pg_catalog.text) IS
	'Closes a year for every table protected by kc_enforce_year_lock, after the writers in flight finish; logged with who, when and why. Superusers, the extension owner and members of role kc_year_admin only.';
CREATE FUNCTION @extschema@.kc_reopen_year(year pg_catalog.int4, reason pg_catalog.text) RETURNS pg_catalog.void
	AS 'MODULE_PATHNAME', 'kc_reopen_year' LANGUAGE C VOLATILE;
COMMENT ON FUNCTION @extschema@.kc_reopen_year(pg_catalog.int4, pg_catalog.text) IS
	'Reopens a closed year; logged with who, when and why. Superusers, the extension owner and members of role kc_year_admin only.';

CREATE FUNCTION @extschema@.kc_enforce_year_lock(tbl pg_catalog.regclass, year_column pg_catalog.text)
RETURNS pg_catalog.void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	kind pg_catalog."char";
	t pg_catalog.regtype;
	part pg_catalog.regclass;
BEGIN
	IF tbl IS NULL THEN
		RAISE EXCEPTION 'the table to protect is missing' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	SELECT c.relkind INTO kind FROM pg_catalog.pg_class c WHERE c.oid OPERATOR(pg_catalog.=) tbl;
	IF kind OPERATOR(pg_catalog.<>) ALL (ARRAY['r'::pg_catalog."char", 'p'::pg_catalog."char"]) THEN
		RAISE EXCEPTION '% is not a table', tbl USING ERRCODE = 'wrong_object_type';
	END IF;
	t := @extschema@.kc_column_type_of(tbl, year_column, 'year'::pg_catalog.text);
	IF t OPERATOR(pg_catalog.<>) ALL (ARRAY['pg_catalog.int2'::pg_catalog.regtype, 'pg_catalog.int4'::pg_catalog.regtype,
									 'pg_catalog.int8'::pg_catalog.regtype]) THEN
		RAISE EXCEPTION 'year column "%" of % has type %, not an integer', year_column, tbl, t
			USING ERRCODE = 'datatype_mismatch',
				  HINT = 'Protect a table by a column holding the year, e.g. the fiscal year of the row.';
	END IF;
	IF EXISTS (SELECT 1 FROM pg_catalog.pg_trigger
			   WHERE tgrelid OPERATOR(pg_catalog.=) tbl AND tgname OPERATOR(pg_catalog.=) 'kc_year_lock') THEN
		EXECUTE pg_catalog.format('DROP TRIGGER kc_year_lock ON %s', tbl);
	END IF;
	EXECUTE pg_catalog.format('CREATE TRIGGER kc_year_lock AFTER INSERT OR UPDATE OR DELETE ON %s '
				   'FOR EACH ROW EXECUTE FUNCTION @extschema@.kc_year_lock_row(%L)',
				   tbl, year_column);
	-- Row triggers are cloned to partitions, TRUNCATE triggers are not (a
	-- partition can be truncated on its own): put one on every partition.
	-- Partitions attached later: run kc_enforce_year_lock on the table again.
	-- (pg_partition_tree is empty for a table that is not partitioned.)
	FOR part IN SELECT tbl UNION SELECT p.relid FROM pg_catalog.pg_partition_tree(tbl) p LOOP
		IF EXISTS (SELECT 1 FROM pg_catalog.pg_trigger
				   WHERE tgrelid OPERATOR(pg_catalog.=) part AND tgname OPERATOR(pg_catalog.=) 'kc_year_lock_truncate') THEN
			EXECUTE pg_catalog.format('DROP TRIGGER kc_year_lock_truncate ON %s', part);
		END IF;
		EXECUTE pg_catalog.format('CREATE TRIGGER kc_year_lock_truncate BEFORE TRUNCATE ON %s '
					   'FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.kc_year_lock_truncate(%L)',
					   part, year_column);
	END LOOP;
END $$;
COMMENT ON FUNCTION @extschema@.kc_enforce_year_lock(pg_catalog.regclass, pg_catalog.text) IS
	'Protects a table: INSERT, UPDATE, DELETE touching a closed year (by old or new values) and TRUNCATE of closed-year rows fail with SQLSTATE 55000, constraint kc_year_lock.';

-- Which tables are protected, by which column.
CREATE FUNCTION @extschema@.kc_year_locked_tables()
RETURNS TABLE (tbl pg_catalog.regclass, year_column pg_catalog.text)
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT t.tgrelid::pg_catalog.regclass,
		   (@extschema@.kc_trigger_args(t.tgrelid::pg_catalog.regclass, t.tgname::pg_catalog.text))[1]
	FROM pg_catalog.pg_trigger t
	WHERE t.tgfoid OPERATOR(pg_catalog.=) '@extschema@.kc_year_lock_row()'::pg_catalog.regprocedure
	ORDER BY 1
$$;

-- ====================================================================
-- What 1.1 adds to and changes in 1.0's objects: the body of
-- kc_ext--1.0--1.1.sql, the same statements an updated database ran.
-- ====================================================================

-- kc_ext 1.0 -> 1.1
--
-- Security and rule soundness (issues 10 and 17).  Every object reference is
-- qualified (pg_catalog., @extschema@., OPERATOR(pg_catalog.x)), so nothing
-- a user plants in public or in the extension's schema is run by this script.


-- ====================================================================
-- Install safety: qualified constraints and defaults (first: the sections
-- below write to tables whose 1.0 constraints could run planted operators)
-- ====================================================================

-- 1.0 left operators and functions in its CHECK constraints, column
-- defaults and function bodies unqualified: CHECK (max_share > 0) bound to an
-- exact-match >(numeric, integer) found in the target schema, DEFAULT
-- nextval('...') to a nextval(text) there, and kc_year_locked_tables() to a
-- kc_trigger_args(regclass, name) planted in the extension's schema.  The
-- constraints and defaults are re-created with the same names and qualified
-- expressions (ADD CONSTRAINT checks the stored rows with the new, qualified
-- expression), and every SQL and PL/pgSQL function whose body had an
-- unqualified reference is replaced by the body of kc_ext--1.1.sql, text for
-- text, so that an updated database has exactly a fresh install's catalog.
-- Nothing here calls an unqualified name: this section runs safely in a
-- database where look-alikes were planted after 1.0 was installed.

ALTER TABLE @extschema@.kc_project_category
	DROP CONSTRAINT kc_project_category_code_check,
	ADD CONSTRAINT kc_project_category_code_check
		CHECK (code OPERATOR(pg_catalog.~) '^[a-z][a-z0-9_]{0,62}$'),
	DROP CONSTRAINT kc_project_category_name_vi_check,
	ADD CONSTRAINT kc_project_category_name_vi_check
		CHECK (pg_catalog.btrim(name_vi) OPERATOR(pg_catalog.<>) ''),
	DROP CONSTRAINT kc_project_category_name_en_check,
	ADD CONSTRAINT kc_project_category_name_en_check
		CHECK (pg_catalog.btrim(name_en) OPERATOR(pg_catalog.<>) '');

ALTER TABLE @extschema@.kc_support_cap_rule
	ALTER COLUMN rule_id
		SET DEFAULT pg_catalog.nextval('@extschema@.kc_support_cap_rule_id_seq'::pg_catalog.regclass),
	DROP CONSTRAINT kc_support_cap_rule_share_check,
	ADD CONSTRAINT kc_support_cap_rule_share_check
		CHECK (max_share OPERATOR(pg_catalog.>) 0 AND max_share OPERATOR(pg_catalog.<=) 1),
	DROP CONSTRAINT kc_support_cap_rule_amount_check,
	ADD CONSTRAINT kc_support_cap_rule_amount_check
		CHECK (max_amount OPERATOR(@extschema@.>=) 0::pg_catalog.int8::@extschema@.kc_money),
	DROP CONSTRAINT kc_support_cap_rule_period_check,
	ADD CONSTRAINT kc_support_cap_rule_period_check
		CHECK (effective_to OPERATOR(pg_catalog.>=) effective_from),
	DROP CONSTRAINT kc_support_cap_rule_province_check,
	ADD CONSTRAINT kc_support_cap_rule_province_check
		CHECK (pg_catalog.btrim(province) OPERATOR(pg_catalog.<>) ''),
	DROP CONSTRAINT kc_support_cap_rule_legal_basis_check,
	ADD CONSTRAINT kc_support_cap_rule_legal_basis_check
		CHECK (pg_catalog.btrim(legal_basis) OPERATOR(pg_catalog.<>) '');

ALTER TABLE @extschema@.kc_closed_year
	DROP CONSTRAINT kc_closed_year_year_check,
	ADD CONSTRAINT kc_closed_year_year_check
		CHECK (year OPERATOR(pg_catalog.>=) 1900 AND year OPERATOR(pg_catalog.<=) 9999);

ALTER TABLE @extschema@.kc_year_lock_log
	ALTER COLUMN entry
		SET DEFAULT pg_catalog.nextval('@extschema@.kc_year_lock_log_entry_seq'::pg_catalog.regclass),
	DROP CONSTRAINT kc_year_lock_log_action_check,
	ADD CONSTRAINT kc_year_lock_log_action_check
		CHECK (action OPERATOR(pg_catalog.=) ANY (ARRAY['close'::pg_catalog.text, 'reopen'::pg_catalog.text]));

-- The functions, with the bodies of kc_ext--1.1.sql.  (kc_caps and the six
-- arithmetic helpers were qualified in 1.0 already; C functions have no body.)

CREATE OR REPLACE FUNCTION @extschema@.kc_source_label(source @extschema@.kc_source, lang pg_catalog.text DEFAULT 'vi')
	RETURNS pg_catalog.text
	LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF lang OPERATOR(pg_catalog.=) 'vi' THEN
		RETURN CASE
			WHEN source OPERATOR(pg_catalog.=) 'national'::@extschema@.kc_source THEN 'Khuyến công quốc gia'
			WHEN source OPERATOR(pg_catalog.=) 'local'::@extschema@.kc_source THEN 'Khuyến công địa phương'
			WHEN source OPERATOR(pg_catalog.=) 'counterpart'::@extschema@.kc_source THEN 'Vốn đối ứng'
			ELSE 'Nguồn khác' END;
	ELSIF lang OPERATOR(pg_catalog.=) 'en' THEN
		RETURN CASE
			WHEN source OPERATOR(pg_catalog.=) 'national'::@extschema@.kc_source THEN 'National industrial promotion'
			WHEN source OPERATOR(pg_catalog.=) 'local'::@extschema@.kc_source THEN 'Local industrial promotion'
			WHEN source OPERATOR(pg_catalog.=) 'counterpart'::@extschema@.kc_source THEN 'Counterpart funds'
			ELSE 'Other sources' END;
	END IF;
	RAISE EXCEPTION 'unknown language "%" for kc_source_label', lang
		USING ERRCODE = 'invalid_parameter_value',
		      HINT = 'Use ''vi'' (Vietnamese) or ''en'' (English).';
END
$$;

CREATE OR REPLACE FUNCTION @extschema@.kc_project_category_before_write() RETURNS pg_catalog.trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF TG_OP OPERATOR(pg_catalog.=) 'DELETE' THEN
		IF OLD.shipped THEN
			RAISE EXCEPTION 'cannot delete shipped project category "%"', OLD.code
				USING ERRCODE = 'feature_not_supported',
					  HINT = 'Shipped categories come back with CREATE EXTENSION; rename them instead.';
		END IF;
		RETURN OLD;
	END IF;
	IF NEW.code IS NULL OR NEW.code OPERATOR(pg_catalog.!~) '^[a-z][a-z0-9_]{0,62}$' THEN
		RAISE EXCEPTION 'invalid project category code "%"', NEW.code
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'A code is a lower-case letter followed by at most 62 lower-case letters, digits or underscores.';
	END IF;
	IF TG_OP OPERATOR(pg_catalog.=) 'UPDATE' THEN
		IF OLD.shipped THEN
			IF NEW.code OPERATOR(pg_catalog.<>) OLD.code THEN
				RAISE EXCEPTION 'cannot change the code of shipped project category "%"', OLD.code
					USING ERRCODE = 'feature_not_supported';
			END IF;
			NEW.shipped := true;
			NEW.edited := true;
		ELSE
			NEW.shipped := false;
			NEW.edited := false;
		END IF;
		RETURN NEW;
	END IF;
	-- INSERT of the code of an unchanged shipped default (a restore
	-- bringing back an edit): change the default in place instead.
	UPDATE @extschema@.kc_project_category
		SET name_vi = NEW.name_vi, name_en = NEW.name_en
		WHERE code OPERATOR(pg_catalog.=) NEW.code AND shipped AND NOT edited;
	IF FOUND THEN
		RETURN NULL;
	END IF;
	NEW.shipped := false;
	NEW.edited := false;
	RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION @extschema@.kc_support_cap_rule_before_write() RETURNS pg_catalog.trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF TG_OP OPERATOR(pg_catalog.=) 'DELETE' THEN
		IF OLD.shipped THEN
			RAISE EXCEPTION 'cannot delete shipped support-cap rule %', OLD.rule_id
				USING ERRCODE = 'feature_not_supported',
					  DETAIL = 'Rule ' OPERATOR(pg_catalog.||) OLD.rule_id OPERATOR(pg_catalog.||) ': ' OPERATOR(pg_catalog.||) OLD.legal_basis,
					  HINT = 'Shipped rules come back with CREATE EXTENSION; end the rule by setting effective_to, or clear its max_share and max_amount.';
		END IF;
		RETURN OLD;
	END IF;
	IF NEW.max_share IS NOT NULL AND (NEW.max_share OPERATOR(pg_catalog.<=) 0 OR NEW.max_share OPERATOR(pg_catalog.>) 1) THEN
		RAISE EXCEPTION 'max_share % of support-cap rule % is out of range', NEW.max_share, NEW.rule_id
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'max_share is a fraction of the project''s cost: above 0 and at most 1 (0.3 means 30%); NULL means no share cap.';
	END IF;
	IF NEW.max_amount IS NOT NULL AND NEW.max_amount::pg_catalog.int8 OPERATOR(pg_catalog.<) 0 THEN
		RAISE EXCEPTION 'max_amount % of support-cap rule % is negative', NEW.max_amount, NEW.rule_id
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'max_amount is in đồng and at least 0; NULL means no amount cap.';
	END IF;
	IF NEW.effective_from IS NULL THEN
		RAISE EXCEPTION 'effective_from of support-cap rule % is missing', NEW.rule_id
			USING ERRCODE = 'not_null_violation';
	END IF;
	IF NEW.effective_to OPERATOR(pg_catalog.<) NEW.effective_from THEN
		RAISE EXCEPTION 'effective_to % of support-cap rule % is before its effective_from %',
			pg_catalog.to_char(NEW.effective_to, 'YYYY-MM-DD'), NEW.rule_id,
			pg_catalog.to_char(NEW.effective_from, 'YYYY-MM-DD')
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Both days are included: a one-day rule has effective_to = effective_from; NULL means open-ended.';
	END IF;
	IF NEW.province IS NOT NULL AND pg_catalog.btrim(NEW.province) OPERATOR(pg_catalog.=) '' THEN
		RAISE EXCEPTION 'province of support-cap rule % is blank', NEW.rule_id
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Use NULL for a nationwide rule.';
	END IF;
	IF NEW.legal_basis IS NULL OR pg_catalog.btrim(NEW.legal_basis) OPERATOR(pg_catalog.=) '' THEN
		RAISE EXCEPTION 'support-cap rule % has no legal basis', NEW.rule_id
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Cite the document the cap comes from, e.g. "Thông tư 28/2018/TT-BTC".';
	END IF;
	IF TG_OP OPERATOR(pg_catalog.=) 'UPDATE' THEN
		IF OLD.shipped THEN
			IF NEW.rule_id OPERATOR(pg_catalog.<>) OLD.rule_id THEN
				RAISE EXCEPTION 'cannot change the id of shipped support-cap rule %', OLD.rule_id
					USING ERRCODE = 'feature_not_supported';
			END IF;
			NEW.shipped := true;
			NEW.edited := true;
		ELSE
			NEW.shipped := false;
			NEW.edited := false;
		END IF;
		RETURN NEW;
	END IF;
	-- INSERT of the id of an unchanged shipped default (a restore bringing
	-- back an edit): change the default in place instead.  A restore brings
	-- back edited defaults one by one, and two of them may only fit together
	-- (a moved boundary), so the overlap check waits for the commit.
	IF EXISTS (SELECT FROM @extschema@.kc_support_cap_rule
			   WHERE rule_id OPERATOR(pg_catalog.=) NEW.rule_id AND shipped AND NOT edited) THEN
		SET CONSTRAINTS @extschema@.kc_support_cap_rule_no_overlap DEFERRED;
	END IF;
	UPDATE @extschema@.kc_support_cap_rule
		SET category = NEW.category, source = NEW.source, province = NEW.province,
			effective_from = NEW.effective_from, effective_to = NEW.effective_to,
			max_share = NEW.max_share, max_amount = NEW.max_amount,
			legal_basis = NEW.legal_basis
		WHERE rule_id OPERATOR(pg_catalog.=) NEW.rule_id AND shipped AND NOT edited;
	IF FOUND THEN
		RETURN NULL;
	END IF;
	NEW.shipped := false;
	NEW.edited := false;
	RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION @extschema@.kc_support_cap_rule_for(
	category pg_catalog.text, source @extschema@.kc_source, province pg_catalog.text, on_day pg_catalog.date)
RETURNS SETOF @extschema@.kc_support_cap_rule
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT r.*
	FROM @extschema@.kc_support_cap_rule r
	WHERE r.category OPERATOR(pg_catalog.=) $1
	  AND (r.source IS NULL OR r.source OPERATOR(pg_catalog.=) $2)
	  AND (r.province IS NULL OR r.province OPERATOR(pg_catalog.=) $3)
	  AND r.effective_from OPERATOR(pg_catalog.<=) $4
	  AND (r.effective_to IS NULL OR r.effective_to OPERATOR(pg_catalog.>=) $4)
	ORDER BY r.province IS NULL, r.source IS NULL
	LIMIT 1
$$;

CREATE OR REPLACE FUNCTION @extschema@.kc_support_cap_limit(
	max_share pg_catalog.numeric, max_amount @extschema@.kc_money, cost @extschema@.kc_money)
RETURNS @extschema@.kc_money
LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
	SELECT CASE
		WHEN $1 IS NOT NULL AND $3 IS NOT NULL AND $2 IS NOT NULL
			THEN least(pg_catalog.floor($1 OPERATOR(pg_catalog.*) $3::pg_catalog.int8::pg_catalog.numeric)::pg_catalog.int8, $2::pg_catalog.int8)
		WHEN $1 IS NOT NULL AND $3 IS NOT NULL
			THEN pg_catalog.floor($1 OPERATOR(pg_catalog.*) $3::pg_catalog.int8::pg_catalog.numeric)::pg_catalog.int8
		ELSE $2::pg_catalog.int8
	END::@extschema@.kc_money
$$;

CREATE OR REPLACE FUNCTION @extschema@.kc_column_type_of(tbl pg_catalog.regclass, col pg_catalog.text, what pg_catalog.text)
RETURNS pg_catalog.regtype
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	t pg_catalog.regtype;
BEGIN
	IF col IS NULL OR col OPERATOR(pg_catalog.=) '' THEN
		RAISE EXCEPTION 'the % column name is missing', what
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	SELECT a.atttypid INTO t FROM pg_catalog.pg_attribute a
	WHERE a.attrelid OPERATOR(pg_catalog.=) tbl AND a.attname OPERATOR(pg_catalog.=) col
	  AND a.attnum OPERATOR(pg_catalog.>) 0 AND NOT a.attisdropped;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'column "%" of relation % does not exist', col, tbl
			USING ERRCODE = 'undefined_column',
				  HINT = pg_catalog.format('Name the %s column of %s.', what, tbl);
	END IF;
	RETURN t;
END $$;

CREATE OR REPLACE FUNCTION @extschema@.kc_enforce_support_cap(
	projects pg_catalog.regclass, category_column pg_catalog.text, source_column pg_catalog.text,
	province_column pg_catalog.text, approved_on_column pg_catalog.text, cost_column pg_catalog.text,
	support_column pg_catalog.text)
RETURNS pg_catalog.void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	kind pg_catalog."char";
	t pg_catalog.regtype;
	money_type pg_catalog.regtype := '@extschema@.kc_money'::pg_catalog.regtype;
	cols pg_catalog.text[];
BEGIN
	IF projects IS NULL THEN
		RAISE EXCEPTION 'the project table is missing' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	SELECT c.relkind INTO kind FROM pg_catalog.pg_class c WHERE c.oid OPERATOR(pg_catalog.=) projects;
	IF kind OPERATOR(pg_catalog.<>) ALL (ARRAY['r'::pg_catalog."char", 'p'::pg_catalog."char"]) THEN
		RAISE EXCEPTION '% is not a table', projects
			USING ERRCODE = 'wrong_object_type';
	END IF;

	t := @extschema@.kc_column_type_of(projects, category_column, 'category'::pg_catalog.text);
	IF t OPERATOR(pg_catalog.<>) ALL (ARRAY['pg_catalog.text'::pg_catalog.regtype, 'pg_catalog.varchar'::pg_catalog.regtype]) THEN
		RAISE EXCEPTION 'category column "%" of % has type %, not text', category_column, projects, t
			USING ERRCODE = 'datatype_mismatch',
				  HINT = 'The category column holds codes of kc_project_category.';
	END IF;
	cols := ARRAY[category_column];
	IF source_column IS NOT NULL THEN
		t := @extschema@.kc_column_type_of(projects, source_column, 'source'::pg_catalog.text);
		IF t OPERATOR(pg_catalog.<>) '@extschema@.kc_source'::pg_catalog.regtype THEN
			RAISE EXCEPTION 'source column "%" of % has type %, not kc_source', source_column, projects, t
				USING ERRCODE = 'datatype_mismatch',
					  HINT = 'Pass NULL as the source column when the table has none; then only any-source rules apply.';
		END IF;
		cols := cols OPERATOR(pg_catalog.||) source_column;
	END IF;
	IF province_column IS NOT NULL THEN
		t := @extschema@.kc_column_type_of(projects, province_column, 'province'::pg_catalog.text);
		IF t OPERATOR(pg_catalog.<>) ALL (ARRAY['pg_catalog.text'::pg_catalog.regtype, 'pg_catalog.varchar'::pg_catalog.regtype]) THEN
			RAISE EXCEPTION 'province column "%" of % has type %, not text', province_column, projects, t
				USING ERRCODE = 'datatype_mismatch',
					  HINT = 'Pass NULL as the province column when the table has none; then only nationwide rules apply.';
		END IF;
		cols := cols OPERATOR(pg_catalog.||) province_column;
	END IF;
	t := @extschema@.kc_column_type_of(projects, approved_on_column, 'approval date'::pg_catalog.text);
	IF t OPERATOR(pg_catalog.<>) 'pg_catalog.date'::pg_catalog.regtype THEN
		RAISE EXCEPTION 'approval date column "%" of % has type %, not date', approved_on_column, projects, t
			USING ERRCODE = 'datatype_mismatch';
	END IF;
	t := @extschema@.kc_column_type_of(projects, cost_column, 'cost'::pg_catalog.text);
	IF t OPERATOR(pg_catalog.<>) ALL (ARRAY[money_type, 'pg_catalog.int8'::pg_catalog.regtype]) THEN
		RAISE EXCEPTION 'cost column "%" of % has type %, not kc_money', cost_column, projects, t
			USING ERRCODE = 'datatype_mismatch';
	END IF;
	t := @extschema@.kc_column_type_of(projects, support_column, 'support'::pg_catalog.text);
	IF t OPERATOR(pg_catalog.<>) ALL (ARRAY[money_type, 'pg_catalog.int8'::pg_catalog.regtype]) THEN
		RAISE EXCEPTION 'support column "%" of % has type %, not kc_money', support_column, projects, t
			USING ERRCODE = 'datatype_mismatch';
	END IF;
	cols := cols OPERATOR(pg_catalog.||) approved_on_column OPERATOR(pg_catalog.||) cost_column
		OPERATOR(pg_catalog.||) support_column;

	IF EXISTS (SELECT 1 FROM pg_catalog.pg_trigger
			   WHERE tgrelid OPERATOR(pg_catalog.=) projects AND tgname OPERATOR(pg_catalog.=) 'kc_support_cap') THEN
		EXECUTE pg_catalog.format('DROP TRIGGER kc_support_cap ON %s', projects);
	END IF;
	EXECUTE pg_catalog.format('CREATE TRIGGER kc_support_cap AFTER INSERT OR UPDATE OF %s ON %s '
				   'FOR EACH ROW EXECUTE FUNCTION @extschema@.kc_support_cap_check(%L, %L, %L, %L, %L, %L)',
				   (SELECT pg_catalog.string_agg(DISTINCT pg_catalog.quote_ident(c), ', ') FROM pg_catalog.unnest(cols) c),
				   projects, category_column, coalesce(source_column, ''),
				   coalesce(province_column, ''), approved_on_column, cost_column,
				   support_column);
END $$;

CREATE OR REPLACE FUNCTION @extschema@.kc_support_cap_violations(projects pg_catalog.regclass)
RETURNS TABLE (row_ctid pg_catalog.tid, category pg_catalog.text, approved_on pg_catalog.date,
			   cost @extschema@.kc_money, support @extschema@.kc_money,
			   rule_id pg_catalog.int8, legal_basis pg_catalog.text, cap @extschema@.kc_money,
			   project pg_catalog.jsonb)
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	args pg_catalog.text[];
BEGIN
	args := @extschema@.kc_trigger_args(projects, 'kc_support_cap'::pg_catalog.text);
	IF args IS NULL THEN
		RAISE EXCEPTION 'relation % has no support-cap check', projects
			USING ERRCODE = 'undefined_object',
				  HINT = 'Install it with kc_enforce_support_cap().';
	END IF;
	RETURN QUERY EXECUTE pg_catalog.format(
		'SELECT p.ctid, p.%1$I::pg_catalog.text, p.%4$I, p.%5$I::@extschema@.kc_money, p.%6$I::@extschema@.kc_money,
				r.rule_id, r.legal_basis,
				@extschema@.kc_support_cap_limit(r.max_share, r.max_amount, p.%5$I::@extschema@.kc_money),
				pg_catalog.to_jsonb(p)
		 FROM %7$s p
		 CROSS JOIN LATERAL @extschema@.kc_support_cap_rule_for(p.%1$I::pg_catalog.text, %2$s, %3$s, p.%4$I::pg_catalog.date) r
		 WHERE p.%6$I::pg_catalog.int8 OPERATOR(pg_catalog.>) @extschema@.kc_support_cap_limit(r.max_share, r.max_amount, p.%5$I::@extschema@.kc_money)::pg_catalog.int8
		 ORDER BY p.ctid',
		args[1],
		CASE WHEN args[2] OPERATOR(pg_catalog.=) '' THEN 'NULL::@extschema@.kc_source'
			 ELSE pg_catalog.format('p.%I::@extschema@.kc_source', args[2]) END,
		CASE WHEN args[3] OPERATOR(pg_catalog.=) '' THEN 'NULL::pg_catalog.text'
			 ELSE pg_catalog.format('p.%I::pg_catalog.text', args[3]) END,
		args[4], args[5], args[6], projects);
END $$;

CREATE OR REPLACE FUNCTION @extschema@.kc_enforce_year_lock(tbl pg_catalog.regclass, year_column pg_catalog.text)
RETURNS pg_catalog.void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	kind pg_catalog."char";
	t pg_catalog.regtype;
	part pg_catalog.regclass;
BEGIN
	IF tbl IS NULL THEN
		RAISE EXCEPTION 'the table to protect is missing' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	SELECT c.relkind INTO kind FROM pg_catalog.pg_class c WHERE c.oid OPERATOR(pg_catalog.=) tbl;
	IF kind OPERATOR(pg_catalog.<>) ALL (ARRAY['r'::pg_catalog."char", 'p'::pg_catalog."char"]) THEN
		RAISE EXCEPTION '% is not a table', tbl USING ERRCODE = 'wrong_object_type';
	END IF;
	t := @extschema@.kc_column_type_of(tbl, year_column, 'year'::pg_catalog.text);
	IF t OPERATOR(pg_catalog.<>) ALL (ARRAY['pg_catalog.int2'::pg_catalog.regtype, 'pg_catalog.int4'::pg_catalog.regtype,
									 'pg_catalog.int8'::pg_catalog.regtype]) THEN
		RAISE EXCEPTION 'year column "%" of % has type %, not an integer', year_column, tbl, t
			USING ERRCODE = 'datatype_mismatch',
				  HINT = 'Protect a table by a column holding the year, e.g. the fiscal year of the row.';
	END IF;
	IF EXISTS (SELECT 1 FROM pg_catalog.pg_trigger
			   WHERE tgrelid OPERATOR(pg_catalog.=) tbl AND tgname OPERATOR(pg_catalog.=) 'kc_year_lock') THEN
		EXECUTE pg_catalog.format('DROP TRIGGER kc_year_lock ON %s', tbl);
	END IF;
	EXECUTE pg_catalog.format('CREATE TRIGGER kc_year_lock AFTER INSERT OR UPDATE OR DELETE ON %s '
				   'FOR EACH ROW EXECUTE FUNCTION @extschema@.kc_year_lock_row(%L)',
				   tbl, year_column);
	-- Row triggers are cloned to partitions, TRUNCATE triggers are not (a
	-- partition can be truncated on its own): put one on every partition.
	-- Partitions attached later: run kc_enforce_year_lock on the table again.
	-- (pg_partition_tree is empty for a table that is not partitioned.)
	FOR part IN SELECT tbl UNION SELECT p.relid FROM pg_catalog.pg_partition_tree(tbl) p LOOP
		IF EXISTS (SELECT 1 FROM pg_catalog.pg_trigger
				   WHERE tgrelid OPERATOR(pg_catalog.=) part AND tgname OPERATOR(pg_catalog.=) 'kc_year_lock_truncate') THEN
			EXECUTE pg_catalog.format('DROP TRIGGER kc_year_lock_truncate ON %s', part);
		END IF;
		EXECUTE pg_catalog.format('CREATE TRIGGER kc_year_lock_truncate BEFORE TRUNCATE ON %s '
					   'FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.kc_year_lock_truncate(%L)',
					   part, year_column);
	END LOOP;
END $$;

CREATE OR REPLACE FUNCTION @extschema@.kc_year_locked_tables()
RETURNS TABLE (tbl pg_catalog.regclass, year_column pg_catalog.text)
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT t.tgrelid::pg_catalog.regclass,
		   (@extschema@.kc_trigger_args(t.tgrelid::pg_catalog.regclass, t.tgname::pg_catalog.text))[1]
	FROM pg_catalog.pg_trigger t
	WHERE t.tgfoid OPERATOR(pg_catalog.=) '@extschema@.kc_year_lock_row()'::pg_catalog.regprocedure
	ORDER BY 1
$$;

-- ====================================================================
-- Cap rules
-- ====================================================================

-- Who a rule belongs to once its tables are gone: the role that owned its
-- child table when it was declared (kc_drop_cap lets only that role, or a
-- superuser, drop such a rule).  Rules declared under 1.0 get the current
-- owner of their child table; NULL (superusers only) when it is gone.
ALTER TABLE @extschema@.kc_cap_rule ADD COLUMN declared_by pg_catalog.regrole;
UPDATE @extschema@.kc_cap_rule r SET declared_by = c.relowner::pg_catalog.regrole
	FROM pg_catalog.pg_class c
	WHERE c.oid OPERATOR(pg_catalog.=) r.child_table::pg_catalog.oid;

-- The triggers of every rule, again: 1.0 fired them on UPDATE OF the rule's
-- columns (a user's BEFORE trigger changing another column escaped) and
-- named them kc_cap_<rule>, kc_cap_<rule>_truncate and kc_cap_<rule>_parent
-- (rule "a_truncate" and rule "a" collided).  1.1 fires them on every
-- UPDATE and names them kc_cap_row_<rule>, kc_cap_truncate_<rule> and
-- kc_cap_parent_<rule>; triggers are found by the function they run and
-- the rule they name, never by their name.  Each keeps its enabled state.
DO $kc_cap_triggers$
DECLARE
	t record;
	fn_row pg_catalog.oid := '@extschema@.kc_cap_child_row()'::pg_catalog.regprocedure;
	fn_trunc pg_catalog.oid := '@extschema@.kc_cap_child_truncate()'::pg_catalog.regprocedure;
	fn_parent pg_catalog.oid := '@extschema@.kc_cap_parent_row()'::pg_catalog.regprocedure;
	rels pg_catalog.oid[] := '{}';
	fns pg_catalog.oid[] := '{}';
	states pg_catalog.text[] := '{}';
	rules pg_catalog.text[] := '{}';
	newname pg_catalog.text;
	rel pg_catalog.regclass;
	i pg_catalog.int4;
BEGIN
	FOR t IN
		SELECT g.tgrelid, g.tgname, g.tgfoid, g.tgenabled, r.rule_name
		FROM pg_catalog.pg_trigger g
		JOIN @extschema@.kc_cap_rule r
		  ON g.tgargs OPERATOR(pg_catalog.=) (pg_catalog.convert_to(r.rule_name, pg_catalog.getdatabaseencoding())
		                                      OPERATOR(pg_catalog.||) '\x00'::pg_catalog.bytea)
		WHERE g.tgfoid OPERATOR(pg_catalog.=) ANY (ARRAY[fn_row, fn_trunc, fn_parent])
		  AND g.tgparentid OPERATOR(pg_catalog.=) 0
		  AND g.tgnargs OPERATOR(pg_catalog.=) 1
		ORDER BY g.tgrelid, g.tgname
	LOOP
		EXECUTE pg_catalog.format('DROP TRIGGER %I ON %s', t.tgname, t.tgrelid::pg_catalog.regclass);
		rels := rels OPERATOR(pg_catalog.||) t.tgrelid;
		fns := fns OPERATOR(pg_catalog.||) t.tgfoid;
		states := states OPERATOR(pg_catalog.||) t.tgenabled::pg_catalog.text;
		rules := rules OPERATOR(pg_catalog.||) t.rule_name;
	END LOOP;
	FOR i IN 1 .. COALESCE(pg_catalog.array_length(rels, 1), 0) LOOP
		rel := rels[i]::pg_catalog.regclass;
		IF fns[i] OPERATOR(pg_catalog.=) fn_trunc THEN
			newname := 'kc_cap_truncate_' OPERATOR(pg_catalog.||) rules[i];
			EXECUTE pg_catalog.format('CREATE TRIGGER %I AFTER TRUNCATE ON %s FOR EACH STATEMENT'
				' EXECUTE FUNCTION @extschema@.kc_cap_child_truncate(%L)', newname, rel, rules[i]);
		ELSE
			newname := CASE WHEN fns[i] OPERATOR(pg_catalog.=) fn_row THEN 'kc_cap_row_' ELSE 'kc_cap_parent_' END
				OPERATOR(pg_catalog.||) rules[i];
			EXECUTE pg_catalog.format('CREATE TRIGGER %I AFTER INSERT OR DELETE OR UPDATE ON %s'
				' FOR EACH ROW EXECUTE FUNCTION @extschema@.%I(%L)', newname, rel,
				CASE WHEN fns[i] OPERATOR(pg_catalog.=) fn_row THEN 'kc_cap_child_row' ELSE 'kc_cap_parent_row' END,
				rules[i]);
		END IF;
		IF states[i] OPERATOR(pg_catalog.<>) 'O' THEN
			EXECUTE pg_catalog.format('ALTER TABLE %s %s TRIGGER %I', rel,
				CASE states[i] WHEN 'D' THEN 'DISABLE' WHEN 'R' THEN 'ENABLE REPLICA' ELSE 'ENABLE ALWAYS' END,
				newname);
		END IF;
	END LOOP;
END
$kc_cap_triggers$;

-- 1.0 kept the totals of a rule whose key is a date, time, interval, bytea,
-- float or money under the key's text in the writer's session settings
-- (DateStyle, TimeZone, ...), so one parent could have several totals.
-- 1.1 writes such keys in one canonical form; recompute those rules' totals
-- (kc_cap_rebuild also checks every limit).  A rule whose rows already
-- break it, or whose tables 1.1 no longer accepts (unlogged, temporary,
-- plain inheritance, a nondeterministic key collation), keeps its totals
-- and is reported: its writes fail until it is corrected or dropped.
DO $kc_cap_rekey$
DECLARE
	r record;
BEGIN
	FOR r IN
		SELECT k.rule_name FROM @extschema@.kc_cap_rule k
		WHERE EXISTS (
			SELECT 1 FROM pg_catalog.unnest(k.parent_columns) AS col(name)
			JOIN pg_catalog.pg_attribute a
			  ON a.attrelid OPERATOR(pg_catalog.=) k.parent_table::pg_catalog.oid
			 AND a.attname OPERATOR(pg_catalog.=) col.name::pg_catalog.name
			WHERE a.atttypid OPERATOR(pg_catalog.<>) ALL
				(ARRAY['pg_catalog.bool', 'pg_catalog."char"', 'pg_catalog.name', 'pg_catalog.int2',
				  'pg_catalog.int4', 'pg_catalog.int8', 'pg_catalog.oid', 'pg_catalog.text',
				  'pg_catalog.varchar', 'pg_catalog.bpchar', 'pg_catalog.uuid']::pg_catalog.regtype[]::pg_catalog.oid[]))
		ORDER BY k.rule_name
	LOOP
		BEGIN
			PERFORM @extschema@.kc_cap_rebuild(r.rule_name);
		EXCEPTION WHEN OTHERS THEN
			RAISE WARNING 'kc_ext 1.1: the kept totals of cap rule "%" could not be rebuilt: %', r.rule_name, SQLERRM
				USING HINT = 'Correct the rows or the tables, then run kc_cap_rebuild for this rule.';
		END;
	END LOOP;
END
$kc_cap_rekey$;



-- ====================================================================
-- Support caps and closed years
-- ====================================================================

-- Rules judge the row as stored, through inheritance; closed years cannot
-- be locked out by temporary tables.
--
-- * kc_support_cap fires on every UPDATE (1.0: UPDATE OF its columns, which
--   a BEFORE trigger changing a watched column escaped); the C check skips
--   rows whose watched columns did not change.  The triggers 1.0 installed
--   are rebuilt below with their names, arguments and enabled state.
-- * Plain inheritance: kc_enforce_year_lock and kc_enforce_support_cap put
--   their row trigger on every inheritance child too, and a statement
--   trigger (kc_inherit_guard) on each plain table refuses UPDATE and DELETE
--   through a parent while a child added later lacks the row trigger.
-- * kc_enforce_year_lock refuses temporary tables, and kc_close_year never
--   locks them (C).

CREATE FUNCTION @extschema@.kc_inherit_guard() RETURNS trigger
	AS 'MODULE_PATHNAME', 'kc_inherit_guard' LANGUAGE C;
COMMENT ON FUNCTION @extschema@.kc_inherit_guard() IS
	'Statement trigger: refuses UPDATE and DELETE through a table whose inheritance children lack its kc_ext row check (arguments: the row trigger''s name, the function that installs it).';

CREATE OR REPLACE FUNCTION @extschema@.kc_enforce_year_lock(
	tbl pg_catalog.regclass, year_column pg_catalog.text)
RETURNS pg_catalog.void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	kind pg_catalog."char";
	t pg_catalog.regtype;
	rels pg_catalog.regclass[];
	rel pg_catalog.regclass;
	part pg_catalog.regclass;
BEGIN
	IF tbl IS NULL THEN
		RAISE EXCEPTION 'the table to protect is missing' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	SELECT c.relkind INTO kind FROM pg_catalog.pg_class c
	WHERE c.oid OPERATOR(pg_catalog.=) tbl;
	IF kind IS NULL OR (kind OPERATOR(pg_catalog.<>) 'r' AND kind OPERATOR(pg_catalog.<>) 'p') THEN
		RAISE EXCEPTION '% is not a table', tbl USING ERRCODE = 'wrong_object_type';
	END IF;
	t := @extschema@.kc_column_type_of(tbl, year_column, 'year');
	IF t OPERATOR(pg_catalog.<>) 'pg_catalog.int2'::pg_catalog.regtype
	   AND t OPERATOR(pg_catalog.<>) 'pg_catalog.int4'::pg_catalog.regtype
	   AND t OPERATOR(pg_catalog.<>) 'pg_catalog.int8'::pg_catalog.regtype THEN
		RAISE EXCEPTION 'year column "%" of % has type %, not an integer', year_column, tbl, t
			USING ERRCODE = 'datatype_mismatch',
				  HINT = 'Protect a table by a column holding the year, e.g. the fiscal year of the row.';
	END IF;

	-- The table and, for a plain table, its inheritance children at every
	-- depth: UPDATE and DELETE on a parent change the children's rows, and
	-- row triggers fire on the table that stores the row.  (A partitioned
	-- table's partitions get the row trigger by cloning.)
	rels := ARRAY[tbl];
	IF kind OPERATOR(pg_catalog.=) 'r' THEN
		rels := rels OPERATOR(pg_catalog.||) ARRAY(
			WITH RECURSIVE d(relid) AS (
				SELECT i.inhrelid FROM pg_catalog.pg_inherits i
				WHERE i.inhparent OPERATOR(pg_catalog.=) tbl
				UNION
				SELECT i.inhrelid FROM pg_catalog.pg_inherits i
				JOIN d ON i.inhparent OPERATOR(pg_catalog.=) d.relid)
			SELECT d.relid::pg_catalog.regclass FROM d ORDER BY d.relid);
	END IF;

	-- A temporary table belongs to one session: kc_close_year does not lock
	-- it (so that no session can make closing wait on it), hence cannot
	-- protect it.
	SELECT c.oid::pg_catalog.regclass INTO rel FROM pg_catalog.pg_class c
	WHERE c.oid OPERATOR(pg_catalog.=) ANY (rels::pg_catalog.oid[])
	  AND c.relpersistence OPERATOR(pg_catalog.=) 't'
	ORDER BY c.oid LIMIT 1;
	IF rel IS NOT NULL THEN
		RAISE EXCEPTION 'cannot protect temporary table %', rel
			USING ERRCODE = 'feature_not_supported',
				  DETAIL = CASE WHEN rel OPERATOR(pg_catalog.=) tbl THEN 'Closed years protect permanent tables.'
							ELSE pg_catalog.format('It is an inheritance child of %s.', tbl) END,
				  HINT = 'A temporary table belongs to one session and goes away with it; keep rows that must stay settled in a permanent table.';
	END IF;

	FOREACH rel IN ARRAY rels LOOP
		IF EXISTS (SELECT 1 FROM pg_catalog.pg_trigger g
				   WHERE g.tgrelid OPERATOR(pg_catalog.=) rel
				     AND g.tgname OPERATOR(pg_catalog.=) 'kc_year_lock') THEN
			EXECUTE pg_catalog.format('DROP TRIGGER kc_year_lock ON %s', rel);
		END IF;
		EXECUTE pg_catalog.format('CREATE TRIGGER kc_year_lock AFTER INSERT OR UPDATE OR DELETE ON %s '
								  'FOR EACH ROW EXECUTE FUNCTION @extschema@.kc_year_lock_row(%L)',
								  rel, year_column);
		IF kind OPERATOR(pg_catalog.=) 'r' THEN
			EXECUTE pg_catalog.format('CREATE OR REPLACE TRIGGER kc_year_lock_inherit '
									  'BEFORE UPDATE OR DELETE ON %s FOR EACH STATEMENT '
									  'EXECUTE FUNCTION @extschema@.kc_inherit_guard(%L, %L)',
									  rel, 'kc_year_lock', 'kc_enforce_year_lock');
		END IF;
	END LOOP;
	-- Row triggers are cloned to partitions, TRUNCATE triggers are not (a
	-- partition can be truncated on its own): put one on every partition and
	-- every inheritance child.  Partitions attached later: run
	-- kc_enforce_year_lock on the table again.  (pg_partition_tree is empty
	-- for a table that is not partitioned.)
	FOR part IN SELECT r.r FROM pg_catalog.unnest(rels) r
				UNION SELECT p.relid FROM pg_catalog.pg_partition_tree(tbl) p LOOP
		IF EXISTS (SELECT 1 FROM pg_catalog.pg_trigger g
				   WHERE g.tgrelid OPERATOR(pg_catalog.=) part
				     AND g.tgname OPERATOR(pg_catalog.=) 'kc_year_lock_truncate') THEN
			EXECUTE pg_catalog.format('DROP TRIGGER kc_year_lock_truncate ON %s', part);
		END IF;
		EXECUTE pg_catalog.format('CREATE TRIGGER kc_year_lock_truncate BEFORE TRUNCATE ON %s '
								  'FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.kc_year_lock_truncate(%L)',
								  part, year_column);
	END LOOP;
END $$;

CREATE OR REPLACE FUNCTION @extschema@.kc_enforce_support_cap(
	projects pg_catalog.regclass, category_column pg_catalog.text,
	source_column pg_catalog.text, province_column pg_catalog.text,
	approved_on_column pg_catalog.text, cost_column pg_catalog.text,
	support_column pg_catalog.text)
RETURNS pg_catalog.void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	kind pg_catalog."char";
	t pg_catalog.regtype;
	money_type pg_catalog.regtype := '@extschema@.kc_money'::pg_catalog.regtype;
	text_type pg_catalog.regtype := 'pg_catalog.text'::pg_catalog.regtype;
	varchar_type pg_catalog.regtype := 'pg_catalog.varchar'::pg_catalog.regtype;
	int8_type pg_catalog.regtype := 'pg_catalog.int8'::pg_catalog.regtype;
	rels pg_catalog.regclass[];
	rel pg_catalog.regclass;
BEGIN
	IF projects IS NULL THEN
		RAISE EXCEPTION 'the project table is missing' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	SELECT c.relkind INTO kind FROM pg_catalog.pg_class c
	WHERE c.oid OPERATOR(pg_catalog.=) projects;
	IF kind IS NULL OR (kind OPERATOR(pg_catalog.<>) 'r' AND kind OPERATOR(pg_catalog.<>) 'p') THEN
		RAISE EXCEPTION '% is not a table', projects
			USING ERRCODE = 'wrong_object_type';
	END IF;

	t := @extschema@.kc_column_type_of(projects, category_column, 'category');
	IF t OPERATOR(pg_catalog.<>) text_type AND t OPERATOR(pg_catalog.<>) varchar_type THEN
		RAISE EXCEPTION 'category column "%" of % has type %, not text', category_column, projects, t
			USING ERRCODE = 'datatype_mismatch',
				  HINT = 'The category column holds codes of kc_project_category.';
	END IF;
	IF source_column IS NOT NULL THEN
		t := @extschema@.kc_column_type_of(projects, source_column, 'source');
		IF t OPERATOR(pg_catalog.<>) '@extschema@.kc_source'::pg_catalog.regtype THEN
			RAISE EXCEPTION 'source column "%" of % has type %, not kc_source', source_column, projects, t
				USING ERRCODE = 'datatype_mismatch',
					  HINT = 'Pass NULL as the source column when the table has none; then only any-source rules apply.';
		END IF;
	END IF;
	IF province_column IS NOT NULL THEN
		t := @extschema@.kc_column_type_of(projects, province_column, 'province');
		IF t OPERATOR(pg_catalog.<>) text_type AND t OPERATOR(pg_catalog.<>) varchar_type THEN
			RAISE EXCEPTION 'province column "%" of % has type %, not text', province_column, projects, t
				USING ERRCODE = 'datatype_mismatch',
					  HINT = 'Pass NULL as the province column when the table has none; then only nationwide rules apply.';
		END IF;
	END IF;
	t := @extschema@.kc_column_type_of(projects, approved_on_column, 'approval date');
	IF t OPERATOR(pg_catalog.<>) 'pg_catalog.date'::pg_catalog.regtype THEN
		RAISE EXCEPTION 'approval date column "%" of % has type %, not date', approved_on_column, projects, t
			USING ERRCODE = 'datatype_mismatch';
	END IF;
	t := @extschema@.kc_column_type_of(projects, cost_column, 'cost');
	IF t OPERATOR(pg_catalog.<>) money_type AND t OPERATOR(pg_catalog.<>) int8_type THEN
		RAISE EXCEPTION 'cost column "%" of % has type %, not kc_money', cost_column, projects, t
			USING ERRCODE = 'datatype_mismatch';
	END IF;
	t := @extschema@.kc_column_type_of(projects, support_column, 'support');
	IF t OPERATOR(pg_catalog.<>) money_type AND t OPERATOR(pg_catalog.<>) int8_type THEN
		RAISE EXCEPTION 'support column "%" of % has type %, not kc_money', support_column, projects, t
			USING ERRCODE = 'datatype_mismatch';
	END IF;

	-- The table and its inheritance children at every depth (see
	-- kc_enforce_year_lock); partitions get the row trigger by cloning.
	rels := ARRAY[projects];
	IF kind OPERATOR(pg_catalog.=) 'r' THEN
		rels := rels OPERATOR(pg_catalog.||) ARRAY(
			WITH RECURSIVE d(relid) AS (
				SELECT i.inhrelid FROM pg_catalog.pg_inherits i
				WHERE i.inhparent OPERATOR(pg_catalog.=) projects
				UNION
				SELECT i.inhrelid FROM pg_catalog.pg_inherits i
				JOIN d ON i.inhparent OPERATOR(pg_catalog.=) d.relid)
			SELECT d.relid::pg_catalog.regclass FROM d ORDER BY d.relid);
	END IF;

	-- On every UPDATE, not UPDATE OF the rule's columns: a BEFORE trigger
	-- may change a watched column the statement does not name.  The check
	-- skips rows whose watched columns did not change.
	FOREACH rel IN ARRAY rels LOOP
		IF EXISTS (SELECT 1 FROM pg_catalog.pg_trigger g
				   WHERE g.tgrelid OPERATOR(pg_catalog.=) rel
				     AND g.tgname OPERATOR(pg_catalog.=) 'kc_support_cap') THEN
			EXECUTE pg_catalog.format('DROP TRIGGER kc_support_cap ON %s', rel);
		END IF;
		EXECUTE pg_catalog.format('CREATE TRIGGER kc_support_cap AFTER INSERT OR UPDATE ON %s '
								  'FOR EACH ROW EXECUTE FUNCTION @extschema@.kc_support_cap_check(%L, %L, %L, %L, %L, %L)',
								  rel, category_column, coalesce(source_column, ''),
								  coalesce(province_column, ''), approved_on_column, cost_column,
								  support_column);
		IF kind OPERATOR(pg_catalog.=) 'r' THEN
			EXECUTE pg_catalog.format('CREATE OR REPLACE TRIGGER kc_support_cap_inherit '
									  'BEFORE UPDATE ON %s FOR EACH STATEMENT '
									  'EXECUTE FUNCTION @extschema@.kc_inherit_guard(%L, %L)',
									  rel, 'kc_support_cap', 'kc_enforce_support_cap');
		END IF;
	END LOOP;
END $$;

-- The triggers 1.0 installed in users' tables.  Support caps: rebuilt on
-- every UPDATE, keeping name, arguments and enabled state (a partitioned
-- table's trigger is rebuilt on the table, which clones it to the
-- partitions again).  Both rules: the inheritance guard on plain tables;
-- an inheritance child that lacks the row trigger then makes UPDATE and
-- DELETE through its parent fail until kc_enforce_* is run again (not done
-- here: that would change tables their owners have not looked at).
-- Temporary tables of other sessions are left alone.
DO $$
DECLARE
	r record;
BEGIN
	FOR r IN
		SELECT pg_catalog.format('%I.%I', n.nspname, c.relname) AS qname,
			   g.tgname, g.tgenabled,
			   @extschema@.kc_trigger_args(g.tgrelid::pg_catalog.regclass, g.tgname::pg_catalog.text) AS args
		FROM pg_catalog.pg_trigger g
		JOIN pg_catalog.pg_class c ON c.oid OPERATOR(pg_catalog.=) g.tgrelid
		JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) c.relnamespace
		WHERE g.tgfoid OPERATOR(pg_catalog.=) '@extschema@.kc_support_cap_check()'::pg_catalog.regprocedure
		  AND g.tgparentid OPERATOR(pg_catalog.=) 0::pg_catalog.oid
		  AND c.relpersistence OPERATOR(pg_catalog.<>) 't'
		ORDER BY g.tgrelid, g.tgname
	LOOP
		EXECUTE pg_catalog.format('DROP TRIGGER %I ON %s', r.tgname, r.qname);
		EXECUTE pg_catalog.format('CREATE TRIGGER %I AFTER INSERT OR UPDATE ON %s '
								  'FOR EACH ROW EXECUTE FUNCTION @extschema@.kc_support_cap_check(%L, %L, %L, %L, %L, %L)',
								  r.tgname, r.qname, r.args[1], r.args[2], r.args[3],
								  r.args[4], r.args[5], r.args[6]);
		IF r.tgenabled OPERATOR(pg_catalog.<>) 'O' THEN
			EXECUTE pg_catalog.format('ALTER TABLE %s %s TRIGGER %I', r.qname,
				CASE WHEN r.tgenabled OPERATOR(pg_catalog.=) 'D' THEN 'DISABLE'
					 WHEN r.tgenabled OPERATOR(pg_catalog.=) 'R' THEN 'ENABLE REPLICA'
					 ELSE 'ENABLE ALWAYS' END,
				r.tgname);
		END IF;
	END LOOP;

	FOR r IN
		SELECT pg_catalog.format('%I.%I', n.nspname, c.relname) AS qname,
			   g.tgname,
			   CASE WHEN g.tgfoid OPERATOR(pg_catalog.=) '@extschema@.kc_year_lock_row()'::pg_catalog.regprocedure
					THEN 'BEFORE UPDATE OR DELETE' ELSE 'BEFORE UPDATE' END AS events,
			   CASE WHEN g.tgfoid OPERATOR(pg_catalog.=) '@extschema@.kc_year_lock_row()'::pg_catalog.regprocedure
					THEN 'kc_enforce_year_lock' ELSE 'kc_enforce_support_cap' END AS enforce
		FROM pg_catalog.pg_trigger g
		JOIN pg_catalog.pg_class c ON c.oid OPERATOR(pg_catalog.=) g.tgrelid
		JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) c.relnamespace
		WHERE g.tgfoid OPERATOR(pg_catalog.=) ANY (ARRAY[
				'@extschema@.kc_year_lock_row()'::pg_catalog.regprocedure,
				'@extschema@.kc_support_cap_check()'::pg_catalog.regprocedure]::pg_catalog.oid[])
		  AND g.tgparentid OPERATOR(pg_catalog.=) 0::pg_catalog.oid
		  AND c.relkind OPERATOR(pg_catalog.=) 'r'
		  AND NOT c.relispartition
		  AND c.relpersistence OPERATOR(pg_catalog.<>) 't'
		ORDER BY g.tgrelid, g.tgname
	LOOP
		EXECUTE pg_catalog.format('CREATE OR REPLACE TRIGGER %I %s ON %s FOR EACH STATEMENT '
								  'EXECUTE FUNCTION @extschema@.kc_inherit_guard(%L, %L)',
								  r.tgname OPERATOR(pg_catalog.||) '_inherit', r.events, r.qname,
								  r.tgname, r.enforce);
	END LOOP;
END $$;

-- ALTER TABLE can change a rule's values without firing a row trigger:
-- ALTER COLUMN ... TYPE ... USING rewrites every amount or limit, ATTACH
-- PARTITION brings rows in, SET DEFAULT ... on a new column fills it.  After
-- every ALTER TABLE of a table of a cap rule (or of one of its partitions),
-- the rule's kept totals are recomputed and every limit checked, inside the
-- same transaction: a change that breaks the rule fails with 23514 and is
-- rolled back, a change that removes or retypes a column the rule needs in
-- a way it cannot follow fails with the rule's error.  It creates nothing
-- (a pg_restore runs ALTER TABLE before the dump's CREATE TRIGGER, and the
-- rules' rows are restored in the data section, before any ALTER TABLE of
-- the post-data section).  SECURITY DEFINER so that the owner of one of the
-- tables may alter it although kc_cap_recheck asks for ownership of both,
-- as kc_cap_rebuild does: it reads each user table as that
-- table's owner in a security-restricted operation, so nothing of the
-- caller's runs with more privilege (see src/kc_cap_rule.c); this function
-- reads only the catalogs and kc_cap_rule.  Event trigger functions cannot
-- be called directly.
CREATE FUNCTION @extschema@.kc_cap_recheck(rule_name pg_catalog.text)
	RETURNS pg_catalog.void
	AS 'MODULE_PATHNAME', 'kc_cap_recheck' LANGUAGE C VOLATILE;
COMMENT ON FUNCTION @extschema@.kc_cap_recheck(pg_catalog.text) IS
	'kc_cap_rebuild without creating TRIGGERs: what the event trigger kc_cap_alter_recheck runs after ALTER TABLE.';
REVOKE ALL ON FUNCTION @extschema@.kc_cap_recheck(pg_catalog.text) FROM PUBLIC;

CREATE FUNCTION @extschema@.kc_cap_alter_recheck() RETURNS event_trigger
	LANGUAGE plpgsql SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $kc_recheck$
DECLARE
	r record;
BEGIN
	FOR r IN
		SELECT DISTINCT k.rule_name
		FROM pg_catalog.pg_event_trigger_ddl_commands() c
		JOIN @extschema@.kc_cap_rule k
		  ON c.objid OPERATOR(pg_catalog.=) k.child_table::pg_catalog.oid
		  OR c.objid OPERATOR(pg_catalog.=) k.parent_table::pg_catalog.oid
		  OR c.objid OPERATOR(pg_catalog.=) ANY (ARRAY(
		       SELECT p.relid FROM pg_catalog.pg_partition_tree(k.child_table) p
		       UNION ALL
		       SELECT p.relid FROM pg_catalog.pg_partition_tree(k.parent_table) p))
		WHERE c.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
		  AND c.command_tag OPERATOR(pg_catalog.=) 'ALTER TABLE'
		  AND pg_catalog.to_regclass(k.child_table::pg_catalog.oid::pg_catalog.regclass::pg_catalog.text) IS NOT NULL
		ORDER BY 1
	LOOP
		PERFORM @extschema@.kc_cap_recheck(r.rule_name);
	END LOOP;
END
$kc_recheck$;
COMMENT ON FUNCTION @extschema@.kc_cap_alter_recheck() IS
	'Event trigger function: after ALTER TABLE of a table of a cap rule, recompute the rule''s kept totals and check every limit.';
REVOKE ALL ON FUNCTION @extschema@.kc_cap_alter_recheck() FROM PUBLIC;

CREATE EVENT TRIGGER kc_cap_alter_recheck ON ddl_command_end
	WHEN TAG IN ('ALTER TABLE')
	EXECUTE FUNCTION @extschema@.kc_cap_alter_recheck();

-- ====================================================================
-- Disabled rule triggers are logged
-- ====================================================================

-- An owner may disable the triggers of its own tables (PostgreSQL allows
-- it, and kc_ext cannot forbid it); a superuser may also skip triggers
-- with session_replication_role.  What kc_ext can do is make it visible:
-- after every ALTER TABLE that leaves a trigger of a kc_ext rule on the
-- table not firing in ordinary sessions (DISABLE, or ENABLE REPLICA), the
-- server log records a LOG line, and the client a WARNING, naming the
-- table, the trigger, the rule and the role.  The function reads only the
-- catalogs and runs as the caller (event triggers are not SECURITY
-- DEFINER).
CREATE FUNCTION @extschema@.kc_rule_trigger_watch() RETURNS event_trigger
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $kc_watch$
DECLARE
	t record;
BEGIN
	FOR t IN
		SELECT DISTINCT g.tgrelid::pg_catalog.regclass AS rel, g.tgname, g.tgenabled,
			p.proname
		FROM pg_catalog.pg_event_trigger_ddl_commands() c
		JOIN pg_catalog.pg_trigger g ON g.tgrelid OPERATOR(pg_catalog.=) c.objid
		JOIN pg_catalog.pg_proc p ON p.oid OPERATOR(pg_catalog.=) g.tgfoid
		WHERE c.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
		  AND p.pronamespace OPERATOR(pg_catalog.=) '@extschema@'::pg_catalog.regnamespace
		  AND p.proname OPERATOR(pg_catalog.=) ANY (ARRAY['kc_cap_child_row', 'kc_cap_child_truncate',
				'kc_cap_parent_row', 'kc_support_cap_check', 'kc_year_lock_row',
				'kc_year_lock_truncate', 'kc_inherit_guard']::pg_catalog.name[])
		  AND g.tgenabled OPERATOR(pg_catalog.=) ANY (ARRAY['D', 'R']::pg_catalog."char"[])
		ORDER BY 1, 2
	LOOP
		RAISE LOG 'kc_ext: trigger "%" on table % (%) is %, so its rule is not enforced there; changed by role "%" (session role "%")',
			t.tgname, t.rel, t.proname,
			CASE t.tgenabled WHEN 'D' THEN 'disabled' ELSE 'enabled for replica sessions only' END,
			current_user, session_user;
		RAISE WARNING 'trigger "%" on table % is %: the kc_ext rule it carries is not enforced on this table',
			t.tgname, t.rel,
			CASE t.tgenabled WHEN 'D' THEN 'disabled' ELSE 'enabled for replica sessions only' END
			USING HINT = pg_catalog.format('ALTER TABLE %s ENABLE TRIGGER %I%s', t.rel, t.tgname,
				CASE WHEN t.proname OPERATOR(pg_catalog.~~) 'kc\_cap\_%'
				     THEN '; then run kc_cap_rebuild for its rule: rows written meanwhile were not counted.'
				     ELSE '.' END);
	END LOOP;
END
$kc_watch$;
COMMENT ON FUNCTION @extschema@.kc_rule_trigger_watch() IS
	'Event trigger function: logs (LOG, and WARNING to the client) every ALTER TABLE after which a trigger of a kc_ext rule is disabled.';
REVOKE ALL ON FUNCTION @extschema@.kc_rule_trigger_watch() FROM PUBLIC;

CREATE EVENT TRIGGER kc_rule_trigger_watch ON ddl_command_end
	WHEN TAG IN ('ALTER TABLE')
	EXECUTE FUNCTION @extschema@.kc_rule_trigger_watch();

-- A cap rule counts the rows of its own tables and their partitions, not of
-- tables linked by INHERITS, so it refuses such tables when it is declared
-- and fails closed when it loads.  A link made later (CREATE TABLE ...
-- INHERITS, ALTER TABLE ... INHERIT) is refused right away: otherwise rows
-- written straight into the new inheritance child would escape the rule
-- while the parent's sum counts them.
CREATE FUNCTION @extschema@.kc_cap_inheritance_guard() RETURNS event_trigger
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $kc_guard$
DECLARE
	t record;
BEGIN
	FOR t IN
		WITH RECURSIVE touched AS (
			SELECT c.objid AS relid FROM pg_catalog.pg_event_trigger_ddl_commands() c
			WHERE c.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
		), up(child, ancestor) AS (
			SELECT i.inhrelid, i.inhparent FROM pg_catalog.pg_inherits i
			JOIN pg_catalog.pg_class k ON k.oid OPERATOR(pg_catalog.=) i.inhrelid
			WHERE i.inhrelid OPERATOR(pg_catalog.=) ANY (SELECT relid FROM touched)
			  AND NOT k.relispartition
			UNION
			SELECT up.child, i.inhparent FROM up
			JOIN pg_catalog.pg_inherits i ON i.inhrelid OPERATOR(pg_catalog.=) up.ancestor
		)
		SELECT r.rule_name, up.child::pg_catalog.regclass AS child, up.ancestor::pg_catalog.regclass AS ancestor
		FROM up JOIN @extschema@.kc_cap_rule r
		  ON up.ancestor OPERATOR(pg_catalog.=) ANY (ARRAY[r.child_table::pg_catalog.oid, r.parent_table::pg_catalog.oid])
		ORDER BY 1, 2
		LIMIT 1
	LOOP
		RAISE EXCEPTION 'table % cannot inherit from %: % is a table of cap rule "%"',
			t.child, t.ancestor, t.ancestor, t.rule_name
			USING ERRCODE = 'feature_not_supported',
				DETAIL = 'A cap rule counts the rows of its own tables and their partitions only; rows of an inheritance child would escape it.',
				HINT = 'Use declarative partitioning (PARTITION BY ... / ATTACH PARTITION) instead of INHERITS.';
	END LOOP;
	-- a table of a rule made an inheritance child of another table
	FOR t IN
		SELECT r.rule_name, i.inhrelid::pg_catalog.regclass AS child, i.inhparent::pg_catalog.regclass AS ancestor
		FROM pg_catalog.pg_event_trigger_ddl_commands() c
		JOIN pg_catalog.pg_inherits i ON i.inhrelid OPERATOR(pg_catalog.=) c.objid
		JOIN pg_catalog.pg_class k ON k.oid OPERATOR(pg_catalog.=) i.inhrelid AND NOT k.relispartition
		JOIN @extschema@.kc_cap_rule r
		  ON i.inhrelid OPERATOR(pg_catalog.=) ANY (ARRAY[r.child_table::pg_catalog.oid, r.parent_table::pg_catalog.oid])
		WHERE c.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
		ORDER BY 1, 2
		LIMIT 1
	LOOP
		RAISE EXCEPTION 'table % cannot inherit from %: % is a table of cap rule "%"',
			t.child, t.ancestor, t.child, t.rule_name
			USING ERRCODE = 'feature_not_supported',
				DETAIL = 'A cap rule''s tables take part in no plain inheritance.',
				HINT = 'Drop the rule with kc_drop_cap first, or use declarative partitioning.';
	END LOOP;
END
$kc_guard$;
COMMENT ON FUNCTION @extschema@.kc_cap_inheritance_guard() IS
	'Event trigger function: refuses CREATE TABLE ... INHERITS and ALTER TABLE ... INHERIT that would link a table to a table of a cap rule.';
REVOKE ALL ON FUNCTION @extschema@.kc_cap_inheritance_guard() FROM PUBLIC;

CREATE EVENT TRIGGER kc_cap_inheritance_guard ON ddl_command_end
	WHEN TAG IN ('CREATE TABLE', 'ALTER TABLE')
	EXECUTE FUNCTION @extschema@.kc_cap_inheritance_guard();

-- ====================================================================
-- BI: unambiguous money input, numeric comparisons, units, composite kc_plan
-- ====================================================================
-- (Issue 12.)  Ambiguous text such as '12.345' is refused by kc_money's
-- input function (C, src/core/kc_parse.c); nothing to change here for it.
-- kc_plan stays the 1.0 base type in this section: turning it into a
-- composite type needs every user object that depends on it or on its
-- functions (views over kc_fulfilment/kc_planned, columns, policies,
-- user functions) to be rebuilt by the update, which is not done here.

-- kc_money compared with numeric, exactly (C: the amount becomes a numeric,
-- numeric_cmp compares; nothing is rounded, so 10 < 10.5 < 11).  In the
-- btree family of kc_money, so a kc_money index serves amount > 1.5e9.
-- Not in the hash family: numeric hashes differently from int8, so these
-- are neither HASHES nor MERGES (a merge join would need numeric's own
-- ordering in this family).
CREATE FUNCTION @extschema@.kc_money_numeric_eq(@extschema@.kc_money, pg_catalog.numeric) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'kc_money_numeric_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kc_numeric_money_eq(pg_catalog.numeric, @extschema@.kc_money) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'kc_numeric_money_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kc_money_numeric_ne(@extschema@.kc_money, pg_catalog.numeric) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'kc_money_numeric_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kc_numeric_money_ne(pg_catalog.numeric, @extschema@.kc_money) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'kc_numeric_money_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kc_money_numeric_lt(@extschema@.kc_money, pg_catalog.numeric) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'kc_money_numeric_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kc_numeric_money_lt(pg_catalog.numeric, @extschema@.kc_money) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'kc_numeric_money_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kc_money_numeric_le(@extschema@.kc_money, pg_catalog.numeric) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'kc_money_numeric_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kc_numeric_money_le(pg_catalog.numeric, @extschema@.kc_money) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'kc_numeric_money_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kc_money_numeric_gt(@extschema@.kc_money, pg_catalog.numeric) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'kc_money_numeric_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kc_numeric_money_gt(pg_catalog.numeric, @extschema@.kc_money) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'kc_numeric_money_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kc_money_numeric_ge(@extschema@.kc_money, pg_catalog.numeric) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'kc_money_numeric_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kc_numeric_money_ge(pg_catalog.numeric, @extschema@.kc_money) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'kc_numeric_money_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kc_money_numeric_cmp(@extschema@.kc_money, pg_catalog.numeric) RETURNS pg_catalog.int4
	AS 'MODULE_PATHNAME', 'kc_money_numeric_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kc_numeric_money_cmp(pg_catalog.numeric, @extschema@.kc_money) RETURNS pg_catalog.int4
	AS 'MODULE_PATHNAME', 'kc_numeric_money_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE OPERATOR @extschema@.= (LEFTARG = @extschema@.kc_money, RIGHTARG = pg_catalog.numeric,
	FUNCTION = @extschema@.kc_money_numeric_eq, COMMUTATOR = OPERATOR(@extschema@.=),
	NEGATOR = OPERATOR(@extschema@.<>), RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel);
CREATE OPERATOR @extschema@.= (LEFTARG = pg_catalog.numeric, RIGHTARG = @extschema@.kc_money,
	FUNCTION = @extschema@.kc_numeric_money_eq, COMMUTATOR = OPERATOR(@extschema@.=),
	NEGATOR = OPERATOR(@extschema@.<>), RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel);
CREATE OPERATOR @extschema@.<> (LEFTARG = @extschema@.kc_money, RIGHTARG = pg_catalog.numeric,
	FUNCTION = @extschema@.kc_money_numeric_ne, COMMUTATOR = OPERATOR(@extschema@.<>),
	NEGATOR = OPERATOR(@extschema@.=), RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel);
CREATE OPERATOR @extschema@.<> (LEFTARG = pg_catalog.numeric, RIGHTARG = @extschema@.kc_money,
	FUNCTION = @extschema@.kc_numeric_money_ne, COMMUTATOR = OPERATOR(@extschema@.<>),
	NEGATOR = OPERATOR(@extschema@.=), RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel);
CREATE OPERATOR @extschema@.< (LEFTARG = @extschema@.kc_money, RIGHTARG = pg_catalog.numeric,
	FUNCTION = @extschema@.kc_money_numeric_lt, COMMUTATOR = OPERATOR(@extschema@.>),
	NEGATOR = OPERATOR(@extschema@.>=), RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel);
CREATE OPERATOR @extschema@.< (LEFTARG = pg_catalog.numeric, RIGHTARG = @extschema@.kc_money,
	FUNCTION = @extschema@.kc_numeric_money_lt, COMMUTATOR = OPERATOR(@extschema@.>),
	NEGATOR = OPERATOR(@extschema@.>=), RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel);
CREATE OPERATOR @extschema@.<= (LEFTARG = @extschema@.kc_money, RIGHTARG = pg_catalog.numeric,
	FUNCTION = @extschema@.kc_money_numeric_le, COMMUTATOR = OPERATOR(@extschema@.>=),
	NEGATOR = OPERATOR(@extschema@.>), RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel);
CREATE OPERATOR @extschema@.<= (LEFTARG = pg_catalog.numeric, RIGHTARG = @extschema@.kc_money,
	FUNCTION = @extschema@.kc_numeric_money_le, COMMUTATOR = OPERATOR(@extschema@.>=),
	NEGATOR = OPERATOR(@extschema@.>), RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel);
CREATE OPERATOR @extschema@.> (LEFTARG = @extschema@.kc_money, RIGHTARG = pg_catalog.numeric,
	FUNCTION = @extschema@.kc_money_numeric_gt, COMMUTATOR = OPERATOR(@extschema@.<),
	NEGATOR = OPERATOR(@extschema@.<=), RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel);
CREATE OPERATOR @extschema@.> (LEFTARG = pg_catalog.numeric, RIGHTARG = @extschema@.kc_money,
	FUNCTION = @extschema@.kc_numeric_money_gt, COMMUTATOR = OPERATOR(@extschema@.<),
	NEGATOR = OPERATOR(@extschema@.<=), RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel);
CREATE OPERATOR @extschema@.>= (LEFTARG = @extschema@.kc_money, RIGHTARG = pg_catalog.numeric,
	FUNCTION = @extschema@.kc_money_numeric_ge, COMMUTATOR = OPERATOR(@extschema@.<=),
	NEGATOR = OPERATOR(@extschema@.<), RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel);
CREATE OPERATOR @extschema@.>= (LEFTARG = pg_catalog.numeric, RIGHTARG = @extschema@.kc_money,
	FUNCTION = @extschema@.kc_numeric_money_ge, COMMUTATOR = OPERATOR(@extschema@.<=),
	NEGATOR = OPERATOR(@extschema@.<), RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel);
ALTER OPERATOR FAMILY @extschema@.kc_money_ops USING btree ADD
	OPERATOR 1 @extschema@.< (@extschema@.kc_money, pg_catalog.numeric),
	OPERATOR 2 @extschema@.<= (@extschema@.kc_money, pg_catalog.numeric),
	OPERATOR 3 @extschema@.= (@extschema@.kc_money, pg_catalog.numeric),
	OPERATOR 4 @extschema@.>= (@extschema@.kc_money, pg_catalog.numeric),
	OPERATOR 5 @extschema@.> (@extschema@.kc_money, pg_catalog.numeric),
	FUNCTION 1 (@extschema@.kc_money, pg_catalog.numeric) @extschema@.kc_money_numeric_cmp(@extschema@.kc_money, pg_catalog.numeric),
	OPERATOR 1 @extschema@.< (pg_catalog.numeric, @extschema@.kc_money),
	OPERATOR 2 @extschema@.<= (pg_catalog.numeric, @extschema@.kc_money),
	OPERATOR 3 @extschema@.= (pg_catalog.numeric, @extschema@.kc_money),
	OPERATOR 4 @extschema@.>= (pg_catalog.numeric, @extschema@.kc_money),
	OPERATOR 5 @extschema@.> (pg_catalog.numeric, @extschema@.kc_money),
	FUNCTION 1 (pg_catalog.numeric, @extschema@.kc_money) @extschema@.kc_numeric_money_cmp(pg_catalog.numeric, @extschema@.kc_money);

-- kc_money compared with smallint, integer and bigint by exact-match
-- operators (the built-in int8/int4/int2 functions: kc_money is an int8).
-- Without them "amount > 1000" would be ambiguous now that kc_money > numeric
-- exists (integer casts implicitly both to kc_money and to numeric).  In the
-- btree family (index scans for amount > 1000, as before) and, for =, in the
-- hash family with the integer types' own hash functions, which agree with
-- int8's on every value (as in PostgreSQL's integer_ops).
CREATE FUNCTION @extschema@.kc_money_int2_eq(@extschema@.kc_money, pg_catalog.int2) RETURNS pg_catalog.bool
	AS 'int82eq' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kc_int2_money_eq(pg_catalog.int2, @extschema@.kc_money) RETURNS pg_catalog.bool
	AS 'int28eq' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kc_money_int2_ne(@extschema@.kc_money, pg_catalog.int2) RETURNS pg_catalog.bool
	AS 'int82ne' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kc_int2_money_ne(pg_catalog.int2, @extschema@.kc_money) RETURNS pg_catalog.bool
	AS 'int28ne' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kc_money_int2_lt(@extschema@.kc_money, pg_catalog.int2) RETURNS pg_catalog.bool
	AS 'int82lt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kc_int2_money_lt(pg_catalog.int2, @extschema@.kc_money) RETURNS pg_catalog.bool
	AS 'int28lt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kc_money_int2_le(@extschema@.kc_money, pg_catalog.int2) RETURNS pg_catalog.bool
	AS 'int82le' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kc_int2_money_le(pg_catalog.int2, @extschema@.kc_money) RETURNS pg_catalog.bool
	AS 'int28le' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kc_money_int2_gt(@extschema@.kc_money, pg_catalog.int2) RETURNS pg_catalog.bool
	AS 'int82gt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kc_int2_money_gt(pg_catalog.int2, @extschema@.kc_money) RETURNS pg_catalog.bool
	AS 'int28gt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kc_money_int2_ge(@extschema@.kc_money, pg_catalog.int2) RETURNS pg_catalog.bool
	AS 'int82ge' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kc_int2_money_ge(pg_catalog.int2, @extschema@.kc_money) RETURNS pg_catalog.bool
	AS 'int28ge' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kc_money_int2_cmp(@extschema@.kc_money, pg_catalog.int2) RETURNS pg_catalog.int4
	AS 'btint82cmp' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kc_int2_money_cmp(pg_catalog.int2, @extschema@.kc_money) RETURNS pg_catalog.int4
	AS 'btint28cmp' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE OPERATOR @extschema@.= (LEFTARG = @extschema@.kc_money, RIGHTARG = pg_catalog.int2,
	FUNCTION = @extschema@.kc_money_int2_eq, COMMUTATOR = OPERATOR(@extschema@.=),
	NEGATOR = OPERATOR(@extschema@.<>), RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel, HASHES);
CREATE OPERATOR @extschema@.= (LEFTARG = pg_catalog.int2, RIGHTARG = @extschema@.kc_money,
	FUNCTION = @extschema@.kc_int2_money_eq, COMMUTATOR = OPERATOR(@extschema@.=),
	NEGATOR = OPERATOR(@extschema@.<>), RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel, HASHES);
CREATE OPERATOR @extschema@.<> (LEFTARG = @extschema@.kc_money, RIGHTARG = pg_catalog.int2,
	FUNCTION = @extschema@.kc_money_int2_ne, COMMUTATOR = OPERATOR(@extschema@.<>),
	NEGATOR = OPERATOR(@extschema@.=), RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel);
CREATE OPERATOR @extschema@.<> (LEFTARG = pg_catalog.int2, RIGHTARG = @extschema@.kc_money,
	FUNCTION = @extschema@.kc_int2_money_ne, COMMUTATOR = OPERATOR(@extschema@.<>),
	NEGATOR = OPERATOR(@extschema@.=), RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel);
CREATE OPERATOR @extschema@.< (LEFTARG = @extschema@.kc_money, RIGHTARG = pg_catalog.int2,
	FUNCTION = @extschema@.kc_money_int2_lt, COMMUTATOR = OPERATOR(@extschema@.>),
	NEGATOR = OPERATOR(@extschema@.>=), RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel);
CREATE OPERATOR @extschema@.< (LEFTARG = pg_catalog.int2, RIGHTARG = @extschema@.kc_money,
	FUNCTION = @extschema@.kc_int2_money_lt, COMMUTATOR = OPERATOR(@extschema@.>),
	NEGATOR = OPERATOR(@extschema@.>=), RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel);
CREATE OPERATOR @extschema@.<= (LEFTARG = @extschema@.kc_money, RIGHTARG = pg_catalog.int2,
	FUNCTION = @extschema@.kc_money_int2_le, COMMUTATOR = OPERATOR(@extschema@.>=),
	NEGATOR = OPERATOR(@extschema@.>), RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel);
CREATE OPERATOR @extschema@.<= (LEFTARG = pg_catalog.int2, RIGHTARG = @extschema@.kc_money,
	FUNCTION = @extschema@.kc_int2_money_le, COMMUTATOR = OPERATOR(@extschema@.>=),
	NEGATOR = OPERATOR(@extschema@.>), RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel);
CREATE OPERATOR @extschema@.> (LEFTARG = @extschema@.kc_money, RIGHTARG = pg_catalog.int2,
	FUNCTION = @extschema@.kc_money_int2_gt, COMMUTATOR = OPERATOR(@extschema@.<),
	NEGATOR = OPERATOR(@extschema@.<=), RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel);
CREATE OPERATOR @extschema@.> (LEFTARG = pg_catalog.int2, RIGHTARG = @extschema@.kc_money,
	FUNCTION = @extschema@.kc_int2_money_gt, COMMUTATOR = OPERATOR(@extschema@.<),
	NEGATOR = OPERATOR(@extschema@.<=), RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel);
CREATE OPERATOR @extschema@.>= (LEFTARG = @extschema@.kc_money, RIGHTARG = pg_catalog.int2,
	FUNCTION = @extschema@.kc_money_int2_ge, COMMUTATOR = OPERATOR(@extschema@.<=),
	NEGATOR = OPERATOR(@extschema@.<), RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel);
CREATE OPERATOR @extschema@.>= (LEFTARG = pg_catalog.int2, RIGHTARG = @extschema@.kc_money,
	FUNCTION = @extschema@.kc_int2_money_ge, COMMUTATOR = OPERATOR(@extschema@.<=),
	NEGATOR = OPERATOR(@extschema@.<), RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel);
CREATE FUNCTION @extschema@.kc_money_int4_eq(@extschema@.kc_money, pg_catalog.int4) RETURNS pg_catalog.bool
	AS 'int84eq' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kc_int4_money_eq(pg_catalog.int4, @extschema@.kc_money) RETURNS pg_catalog.bool
	AS 'int48eq' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kc_money_int4_ne(@extschema@.kc_money, pg_catalog.int4) RETURNS pg_catalog.bool
	AS 'int84ne' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kc_int4_money_ne(pg_catalog.int4, @extschema@.kc_money) RETURNS pg_catalog.bool
	AS 'int48ne' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kc_money_int4_lt(@extschema@.kc_money, pg_catalog.int4) RETURNS pg_catalog.bool
	AS 'int84lt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kc_int4_money_lt(pg_catalog.int4, @extschema@.kc_money) RETURNS pg_catalog.bool
	AS 'int48lt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kc_money_int4_le(@extschema@.kc_money, pg_catalog.int4) RETURNS pg_catalog.bool
	AS 'int84le' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kc_int4_money_le(pg_catalog.int4, @extschema@.kc_money) RETURNS pg_catalog.bool
	AS 'int48le' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kc_money_int4_gt(@extschema@.kc_money, pg_catalog.int4) RETURNS pg_catalog.bool
	AS 'int84gt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kc_int4_money_gt(pg_catalog.int4, @extschema@.kc_money) RETURNS pg_catalog.bool
	AS 'int48gt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kc_money_int4_ge(@extschema@.kc_money, pg_catalog.int4) RETURNS pg_catalog.bool
	AS 'int84ge' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kc_int4_money_ge(pg_catalog.int4, @extschema@.kc_money) RETURNS pg_catalog.bool
	AS 'int48ge' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kc_money_int4_cmp(@extschema@.kc_money, pg_catalog.int4) RETURNS pg_catalog.int4
	AS 'btint84cmp' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kc_int4_money_cmp(pg_catalog.int4, @extschema@.kc_money) RETURNS pg_catalog.int4
	AS 'btint48cmp' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE OPERATOR @extschema@.= (LEFTARG = @extschema@.kc_money, RIGHTARG = pg_catalog.int4,
	FUNCTION = @extschema@.kc_money_int4_eq, COMMUTATOR = OPERATOR(@extschema@.=),
	NEGATOR = OPERATOR(@extschema@.<>), RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel, HASHES);
CREATE OPERATOR @extschema@.= (LEFTARG = pg_catalog.int4, RIGHTARG = @extschema@.kc_money,
	FUNCTION = @extschema@.kc_int4_money_eq, COMMUTATOR = OPERATOR(@extschema@.=),
	NEGATOR = OPERATOR(@extschema@.<>), RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel, HASHES);
CREATE OPERATOR @extschema@.<> (LEFTARG = @extschema@.kc_money, RIGHTARG = pg_catalog.int4,
	FUNCTION = @extschema@.kc_money_int4_ne, COMMUTATOR = OPERATOR(@extschema@.<>),
	NEGATOR = OPERATOR(@extschema@.=), RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel);
CREATE OPERATOR @extschema@.<> (LEFTARG = pg_catalog.int4, RIGHTARG = @extschema@.kc_money,
	FUNCTION = @extschema@.kc_int4_money_ne, COMMUTATOR = OPERATOR(@extschema@.<>),
	NEGATOR = OPERATOR(@extschema@.=), RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel);
CREATE OPERATOR @extschema@.< (LEFTARG = @extschema@.kc_money, RIGHTARG = pg_catalog.int4,
	FUNCTION = @extschema@.kc_money_int4_lt, COMMUTATOR = OPERATOR(@extschema@.>),
	NEGATOR = OPERATOR(@extschema@.>=), RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel);
CREATE OPERATOR @extschema@.< (LEFTARG = pg_catalog.int4, RIGHTARG = @extschema@.kc_money,
	FUNCTION = @extschema@.kc_int4_money_lt, COMMUTATOR = OPERATOR(@extschema@.>),
	NEGATOR = OPERATOR(@extschema@.>=), RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel);
CREATE OPERATOR @extschema@.<= (LEFTARG = @extschema@.kc_money, RIGHTARG = pg_catalog.int4,
	FUNCTION = @extschema@.kc_money_int4_le, COMMUTATOR = OPERATOR(@extschema@.>=),
	NEGATOR = OPERATOR(@extschema@.>), RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel);
CREATE OPERATOR @extschema@.<= (LEFTARG = pg_catalog.int4, RIGHTARG = @extschema@.kc_money,
	FUNCTION = @extschema@.kc_int4_money_le, COMMUTATOR = OPERATOR(@extschema@.>=),
	NEGATOR = OPERATOR(@extschema@.>), RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel);
CREATE OPERATOR @extschema@.> (LEFTARG = @extschema@.kc_money, RIGHTARG = pg_catalog.int4,
	FUNCTION = @extschema@.kc_money_int4_gt, COMMUTATOR = OPERATOR(@extschema@.<),
	NEGATOR = OPERATOR(@extschema@.<=), RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel);
CREATE OPERATOR @extschema@.> (LEFTARG = pg_catalog.int4, RIGHTARG = @extschema@.kc_money,
	FUNCTION = @extschema@.kc_int4_money_gt, COMMUTATOR = OPERATOR(@extschema@.<),
	NEGATOR = OPERATOR(@extschema@.<=), RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel);
CREATE OPERATOR @extschema@.>= (LEFTARG = @extschema@.kc_money, RIGHTARG = pg_catalog.int4,
	FUNCTION = @extschema@.kc_money_int4_ge, COMMUTATOR = OPERATOR(@extschema@.<=),
	NEGATOR = OPERATOR(@extschema@.<), RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel);
CREATE OPERATOR @extschema@.>= (LEFTARG = pg_catalog.int4, RIGHTARG = @extschema@.kc_money,
	FUNCTION = @extschema@.kc_int4_money_ge, COMMUTATOR = OPERATOR(@extschema@.<=),
	NEGATOR = OPERATOR(@extschema@.<), RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel);
CREATE FUNCTION @extschema@.kc_money_int8_eq(@extschema@.kc_money, pg_catalog.int8) RETURNS pg_catalog.bool
	AS 'int8eq' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kc_int8_money_eq(pg_catalog.int8, @extschema@.kc_money) RETURNS pg_catalog.bool
	AS 'int8eq' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kc_money_int8_ne(@extschema@.kc_money, pg_catalog.int8) RETURNS pg_catalog.bool
	AS 'int8ne' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kc_int8_money_ne(pg_catalog.int8, @extschema@.kc_money) RETURNS pg_catalog.bool
	AS 'int8ne' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kc_money_int8_lt(@extschema@.kc_money, pg_catalog.int8) RETURNS pg_catalog.bool
	AS 'int8lt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kc_int8_money_lt(pg_catalog.int8, @extschema@.kc_money) RETURNS pg_catalog.bool
	AS 'int8lt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kc_money_int8_le(@extschema@.kc_money, pg_catalog.int8) RETURNS pg_catalog.bool
	AS 'int8le' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kc_int8_money_le(pg_catalog.int8, @extschema@.kc_money) RETURNS pg_catalog.bool
	AS 'int8le' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kc_money_int8_gt(@extschema@.kc_money, pg_catalog.int8) RETURNS pg_catalog.bool
	AS 'int8gt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kc_int8_money_gt(pg_catalog.int8, @extschema@.kc_money) RETURNS pg_catalog.bool
	AS 'int8gt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kc_money_int8_ge(@extschema@.kc_money, pg_catalog.int8) RETURNS pg_catalog.bool
	AS 'int8ge' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kc_int8_money_ge(pg_catalog.int8, @extschema@.kc_money) RETURNS pg_catalog.bool
	AS 'int8ge' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kc_money_int8_cmp(@extschema@.kc_money, pg_catalog.int8) RETURNS pg_catalog.int4
	AS 'btint8cmp' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kc_int8_money_cmp(pg_catalog.int8, @extschema@.kc_money) RETURNS pg_catalog.int4
	AS 'btint8cmp' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE OPERATOR @extschema@.= (LEFTARG = @extschema@.kc_money, RIGHTARG = pg_catalog.int8,
	FUNCTION = @extschema@.kc_money_int8_eq, COMMUTATOR = OPERATOR(@extschema@.=),
	NEGATOR = OPERATOR(@extschema@.<>), RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel, HASHES);
CREATE OPERATOR @extschema@.= (LEFTARG = pg_catalog.int8, RIGHTARG = @extschema@.kc_money,
	FUNCTION = @extschema@.kc_int8_money_eq, COMMUTATOR = OPERATOR(@extschema@.=),
	NEGATOR = OPERATOR(@extschema@.<>), RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel, HASHES);
CREATE OPERATOR @extschema@.<> (LEFTARG = @extschema@.kc_money, RIGHTARG = pg_catalog.int8,
	FUNCTION = @extschema@.kc_money_int8_ne, COMMUTATOR = OPERATOR(@extschema@.<>),
	NEGATOR = OPERATOR(@extschema@.=), RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel);
CREATE OPERATOR @extschema@.<> (LEFTARG = pg_catalog.int8, RIGHTARG = @extschema@.kc_money,
	FUNCTION = @extschema@.kc_int8_money_ne, COMMUTATOR = OPERATOR(@extschema@.<>),
	NEGATOR = OPERATOR(@extschema@.=), RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel);
CREATE OPERATOR @extschema@.< (LEFTARG = @extschema@.kc_money, RIGHTARG = pg_catalog.int8,
	FUNCTION = @extschema@.kc_money_int8_lt, COMMUTATOR = OPERATOR(@extschema@.>),
	NEGATOR = OPERATOR(@extschema@.>=), RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel);
CREATE OPERATOR @extschema@.< (LEFTARG = pg_catalog.int8, RIGHTARG = @extschema@.kc_money,
	FUNCTION = @extschema@.kc_int8_money_lt, COMMUTATOR = OPERATOR(@extschema@.>),
	NEGATOR = OPERATOR(@extschema@.>=), RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel);
CREATE OPERATOR @extschema@.<= (LEFTARG = @extschema@.kc_money, RIGHTARG = pg_catalog.int8,
	FUNCTION = @extschema@.kc_money_int8_le, COMMUTATOR = OPERATOR(@extschema@.>=),
	NEGATOR = OPERATOR(@extschema@.>), RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel);
CREATE OPERATOR @extschema@.<= (LEFTARG = pg_catalog.int8, RIGHTARG = @extschema@.kc_money,
	FUNCTION = @extschema@.kc_int8_money_le, COMMUTATOR = OPERATOR(@extschema@.>=),
	NEGATOR = OPERATOR(@extschema@.>), RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel);
CREATE OPERATOR @extschema@.> (LEFTARG = @extschema@.kc_money, RIGHTARG = pg_catalog.int8,
	FUNCTION = @extschema@.kc_money_int8_gt, COMMUTATOR = OPERATOR(@extschema@.<),
	NEGATOR = OPERATOR(@extschema@.<=), RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel);
CREATE OPERATOR @extschema@.> (LEFTARG = pg_catalog.int8, RIGHTARG = @extschema@.kc_money,
	FUNCTION = @extschema@.kc_int8_money_gt, COMMUTATOR = OPERATOR(@extschema@.<),
	NEGATOR = OPERATOR(@extschema@.<=), RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel);
CREATE OPERATOR @extschema@.>= (LEFTARG = @extschema@.kc_money, RIGHTARG = pg_catalog.int8,
	FUNCTION = @extschema@.kc_money_int8_ge, COMMUTATOR = OPERATOR(@extschema@.<=),
	NEGATOR = OPERATOR(@extschema@.<), RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel);
CREATE OPERATOR @extschema@.>= (LEFTARG = pg_catalog.int8, RIGHTARG = @extschema@.kc_money,
	FUNCTION = @extschema@.kc_int8_money_ge, COMMUTATOR = OPERATOR(@extschema@.<=),
	NEGATOR = OPERATOR(@extschema@.<), RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel);
ALTER OPERATOR FAMILY @extschema@.kc_money_ops USING btree ADD
	OPERATOR 1 @extschema@.< (@extschema@.kc_money, pg_catalog.int2),
	OPERATOR 2 @extschema@.<= (@extschema@.kc_money, pg_catalog.int2),
	OPERATOR 3 @extschema@.= (@extschema@.kc_money, pg_catalog.int2),
	OPERATOR 4 @extschema@.>= (@extschema@.kc_money, pg_catalog.int2),
	OPERATOR 5 @extschema@.> (@extschema@.kc_money, pg_catalog.int2),
	FUNCTION 1 (@extschema@.kc_money, pg_catalog.int2) @extschema@.kc_money_int2_cmp(@extschema@.kc_money, pg_catalog.int2),
	OPERATOR 1 @extschema@.< (pg_catalog.int2, @extschema@.kc_money),
	OPERATOR 2 @extschema@.<= (pg_catalog.int2, @extschema@.kc_money),
	OPERATOR 3 @extschema@.= (pg_catalog.int2, @extschema@.kc_money),
	OPERATOR 4 @extschema@.>= (pg_catalog.int2, @extschema@.kc_money),
	OPERATOR 5 @extschema@.> (pg_catalog.int2, @extschema@.kc_money),
	FUNCTION 1 (pg_catalog.int2, @extschema@.kc_money) @extschema@.kc_int2_money_cmp(pg_catalog.int2, @extschema@.kc_money),
	OPERATOR 1 @extschema@.< (@extschema@.kc_money, pg_catalog.int4),
	OPERATOR 2 @extschema@.<= (@extschema@.kc_money, pg_catalog.int4),
	OPERATOR 3 @extschema@.= (@extschema@.kc_money, pg_catalog.int4),
	OPERATOR 4 @extschema@.>= (@extschema@.kc_money, pg_catalog.int4),
	OPERATOR 5 @extschema@.> (@extschema@.kc_money, pg_catalog.int4),
	FUNCTION 1 (@extschema@.kc_money, pg_catalog.int4) @extschema@.kc_money_int4_cmp(@extschema@.kc_money, pg_catalog.int4),
	OPERATOR 1 @extschema@.< (pg_catalog.int4, @extschema@.kc_money),
	OPERATOR 2 @extschema@.<= (pg_catalog.int4, @extschema@.kc_money),
	OPERATOR 3 @extschema@.= (pg_catalog.int4, @extschema@.kc_money),
	OPERATOR 4 @extschema@.>= (pg_catalog.int4, @extschema@.kc_money),
	OPERATOR 5 @extschema@.> (pg_catalog.int4, @extschema@.kc_money),
	FUNCTION 1 (pg_catalog.int4, @extschema@.kc_money) @extschema@.kc_int4_money_cmp(pg_catalog.int4, @extschema@.kc_money),
	OPERATOR 1 @extschema@.< (@extschema@.kc_money, pg_catalog.int8),
	OPERATOR 2 @extschema@.<= (@extschema@.kc_money, pg_catalog.int8),
	OPERATOR 3 @extschema@.= (@extschema@.kc_money, pg_catalog.int8),
	OPERATOR 4 @extschema@.>= (@extschema@.kc_money, pg_catalog.int8),
	OPERATOR 5 @extschema@.> (@extschema@.kc_money, pg_catalog.int8),
	FUNCTION 1 (@extschema@.kc_money, pg_catalog.int8) @extschema@.kc_money_int8_cmp(@extschema@.kc_money, pg_catalog.int8),
	OPERATOR 1 @extschema@.< (pg_catalog.int8, @extschema@.kc_money),
	OPERATOR 2 @extschema@.<= (pg_catalog.int8, @extschema@.kc_money),
	OPERATOR 3 @extschema@.= (pg_catalog.int8, @extschema@.kc_money),
	OPERATOR 4 @extschema@.>= (pg_catalog.int8, @extschema@.kc_money),
	OPERATOR 5 @extschema@.> (pg_catalog.int8, @extschema@.kc_money),
	FUNCTION 1 (pg_catalog.int8, @extschema@.kc_money) @extschema@.kc_int8_money_cmp(pg_catalog.int8, @extschema@.kc_money);
ALTER OPERATOR FAMILY @extschema@.kc_money_hash_ops USING hash ADD
	OPERATOR 1 @extschema@.= (@extschema@.kc_money, pg_catalog.int2),
	OPERATOR 1 @extschema@.= (pg_catalog.int2, @extschema@.kc_money),
	FUNCTION 1 (pg_catalog.int2, pg_catalog.int2) pg_catalog.hashint2(pg_catalog.int2),
	FUNCTION 2 (pg_catalog.int2, pg_catalog.int2) pg_catalog.hashint2extended(pg_catalog.int2, pg_catalog.int8),
	OPERATOR 1 @extschema@.= (@extschema@.kc_money, pg_catalog.int4),
	OPERATOR 1 @extschema@.= (pg_catalog.int4, @extschema@.kc_money),
	FUNCTION 1 (pg_catalog.int4, pg_catalog.int4) pg_catalog.hashint4(pg_catalog.int4),
	FUNCTION 2 (pg_catalog.int4, pg_catalog.int4) pg_catalog.hashint4extended(pg_catalog.int4, pg_catalog.int8),
	OPERATOR 1 @extschema@.= (@extschema@.kc_money, pg_catalog.int8),
	OPERATOR 1 @extschema@.= (pg_catalog.int8, @extschema@.kc_money),
	FUNCTION 1 (pg_catalog.int8, pg_catalog.int8) pg_catalog.hashint8(pg_catalog.int8),
	FUNCTION 2 (pg_catalog.int8, pg_catalog.int8) pg_catalog.hashint8extended(pg_catalog.int8, pg_catalog.int8);

-- For the same reason integer against numeric would become ambiguous
-- ("WHERE year_total < 2.5", "SELECT 1 < 2.5": numeric < numeric or
-- kc_money < numeric?).  As 1.0 did for * and /, exact-match operators give
-- back the built-in meaning: SQL functions the planner inlines to
-- $1::numeric op $2, so plans are what they were without kc_ext.
CREATE FUNCTION @extschema@.kc_int2_numeric_eq(pg_catalog.int2, pg_catalog.numeric) RETURNS pg_catalog.bool
	AS 'SELECT $1::pg_catalog.numeric OPERATOR(pg_catalog.=) $2'
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_numeric_int2_eq(pg_catalog.numeric, pg_catalog.int2) RETURNS pg_catalog.bool
	AS 'SELECT $1 OPERATOR(pg_catalog.=) $2::pg_catalog.numeric'
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_int2_numeric_ne(pg_catalog.int2, pg_catalog.numeric) RETURNS pg_catalog.bool
	AS 'SELECT $1::pg_catalog.numeric OPERATOR(pg_catalog.<>) $2'
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_numeric_int2_ne(pg_catalog.numeric, pg_catalog.int2) RETURNS pg_catalog.bool
	AS 'SELECT $1 OPERATOR(pg_catalog.<>) $2::pg_catalog.numeric'
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_int2_numeric_lt(pg_catalog.int2, pg_catalog.numeric) RETURNS pg_catalog.bool
	AS 'SELECT $1::pg_catalog.numeric OPERATOR(pg_catalog.<) $2'
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_numeric_int2_lt(pg_catalog.numeric, pg_catalog.int2) RETURNS pg_catalog.bool
	AS 'SELECT $1 OPERATOR(pg_catalog.<) $2::pg_catalog.numeric'
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_int2_numeric_le(pg_catalog.int2, pg_catalog.numeric) RETURNS pg_catalog.bool
	AS 'SELECT $1::pg_catalog.numeric OPERATOR(pg_catalog.<=) $2'
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_numeric_int2_le(pg_catalog.numeric, pg_catalog.int2) RETURNS pg_catalog.bool
	AS 'SELECT $1 OPERATOR(pg_catalog.<=) $2::pg_catalog.numeric'
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_int2_numeric_gt(pg_catalog.int2, pg_catalog.numeric) RETURNS pg_catalog.bool
	AS 'SELECT $1::pg_catalog.numeric OPERATOR(pg_catalog.>) $2'
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_numeric_int2_gt(pg_catalog.numeric, pg_catalog.int2) RETURNS pg_catalog.bool
	AS 'SELECT $1 OPERATOR(pg_catalog.>) $2::pg_catalog.numeric'
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_int2_numeric_ge(pg_catalog.int2, pg_catalog.numeric) RETURNS pg_catalog.bool
	AS 'SELECT $1::pg_catalog.numeric OPERATOR(pg_catalog.>=) $2'
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_numeric_int2_ge(pg_catalog.numeric, pg_catalog.int2) RETURNS pg_catalog.bool
	AS 'SELECT $1 OPERATOR(pg_catalog.>=) $2::pg_catalog.numeric'
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR @extschema@.= (LEFTARG = pg_catalog.int2, RIGHTARG = pg_catalog.numeric,
	FUNCTION = @extschema@.kc_int2_numeric_eq, COMMUTATOR = OPERATOR(@extschema@.=),
	NEGATOR = OPERATOR(@extschema@.<>), RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel);
CREATE OPERATOR @extschema@.= (LEFTARG = pg_catalog.numeric, RIGHTARG = pg_catalog.int2,
	FUNCTION = @extschema@.kc_numeric_int2_eq, COMMUTATOR = OPERATOR(@extschema@.=),
	NEGATOR = OPERATOR(@extschema@.<>), RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel);
CREATE OPERATOR @extschema@.<> (LEFTARG = pg_catalog.int2, RIGHTARG = pg_catalog.numeric,
	FUNCTION = @extschema@.kc_int2_numeric_ne, COMMUTATOR = OPERATOR(@extschema@.<>),
	NEGATOR = OPERATOR(@extschema@.=), RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel);
CREATE OPERATOR @extschema@.<> (LEFTARG = pg_catalog.numeric, RIGHTARG = pg_catalog.int2,
	FUNCTION = @extschema@.kc_numeric_int2_ne, COMMUTATOR = OPERATOR(@extschema@.<>),
	NEGATOR = OPERATOR(@extschema@.=), RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel);
CREATE OPERATOR @extschema@.< (LEFTARG = pg_catalog.int2, RIGHTARG = pg_catalog.numeric,
	FUNCTION = @extschema@.kc_int2_numeric_lt, COMMUTATOR = OPERATOR(@extschema@.>),
	NEGATOR = OPERATOR(@extschema@.>=), RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel);
CREATE OPERATOR @extschema@.< (LEFTARG = pg_catalog.numeric, RIGHTARG = pg_catalog.int2,
	FUNCTION = @extschema@.kc_numeric_int2_lt, COMMUTATOR = OPERATOR(@extschema@.>),
	NEGATOR = OPERATOR(@extschema@.>=), RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel);
CREATE OPERATOR @extschema@.<= (LEFTARG = pg_catalog.int2, RIGHTARG = pg_catalog.numeric,
	FUNCTION = @extschema@.kc_int2_numeric_le, COMMUTATOR = OPERATOR(@extschema@.>=),
	NEGATOR = OPERATOR(@extschema@.>), RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel);
CREATE OPERATOR @extschema@.<= (LEFTARG = pg_catalog.numeric, RIGHTARG = pg_catalog.int2,
	FUNCTION = @extschema@.kc_numeric_int2_le, COMMUTATOR = OPERATOR(@extschema@.>=),
	NEGATOR = OPERATOR(@extschema@.>), RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel);
CREATE OPERATOR @extschema@.> (LEFTARG = pg_catalog.int2, RIGHTARG = pg_catalog.numeric,
	FUNCTION = @extschema@.kc_int2_numeric_gt, COMMUTATOR = OPERATOR(@extschema@.<),
	NEGATOR = OPERATOR(@extschema@.<=), RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel);
CREATE OPERATOR @extschema@.> (LEFTARG = pg_catalog.numeric, RIGHTARG = pg_catalog.int2,
	FUNCTION = @extschema@.kc_numeric_int2_gt, COMMUTATOR = OPERATOR(@extschema@.<),
	NEGATOR = OPERATOR(@extschema@.<=), RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel);
CREATE OPERATOR @extschema@.>= (LEFTARG = pg_catalog.int2, RIGHTARG = pg_catalog.numeric,
	FUNCTION = @extschema@.kc_int2_numeric_ge, COMMUTATOR = OPERATOR(@extschema@.<=),
	NEGATOR = OPERATOR(@extschema@.<), RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel);
CREATE OPERATOR @extschema@.>= (LEFTARG = pg_catalog.numeric, RIGHTARG = pg_catalog.int2,
	FUNCTION = @extschema@.kc_numeric_int2_ge, COMMUTATOR = OPERATOR(@extschema@.<=),
	NEGATOR = OPERATOR(@extschema@.<), RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel);
CREATE FUNCTION @extschema@.kc_int4_numeric_eq(pg_catalog.int4, pg_catalog.numeric) RETURNS pg_catalog.bool
	AS 'SELECT $1::pg_catalog.numeric OPERATOR(pg_catalog.=) $2'
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_numeric_int4_eq(pg_catalog.numeric, pg_catalog.int4) RETURNS pg_catalog.bool
	AS 'SELECT $1 OPERATOR(pg_catalog.=) $2::pg_catalog.numeric'
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_int4_numeric_ne(pg_catalog.int4, pg_catalog.numeric) RETURNS pg_catalog.bool
	AS 'SELECT $1::pg_catalog.numeric OPERATOR(pg_catalog.<>) $2'
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_numeric_int4_ne(pg_catalog.numeric, pg_catalog.int4) RETURNS pg_catalog.bool
	AS 'SELECT $1 OPERATOR(pg_catalog.<>) $2::pg_catalog.numeric'
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_int4_numeric_lt(pg_catalog.int4, pg_catalog.numeric) RETURNS pg_catalog.bool
	AS 'SELECT $1::pg_catalog.numeric OPERATOR(pg_catalog.<) $2'
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_numeric_int4_lt(pg_catalog.numeric, pg_catalog.int4) RETURNS pg_catalog.bool
	AS 'SELECT $1 OPERATOR(pg_catalog.<) $2::pg_catalog.numeric'
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_int4_numeric_le(pg_catalog.int4, pg_catalog.numeric) RETURNS pg_catalog.bool
	AS 'SELECT $1::pg_catalog.numeric OPERATOR(pg_catalog.<=) $2'
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_numeric_int4_le(pg_catalog.numeric, pg_catalog.int4) RETURNS pg_catalog.bool
	AS 'SELECT $1 OPERATOR(pg_catalog.<=) $2::pg_catalog.numeric'
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_int4_numeric_gt(pg_catalog.int4, pg_catalog.numeric) RETURNS pg_catalog.bool
	AS 'SELECT $1::pg_catalog.numeric OPERATOR(pg_catalog.>) $2'
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_numeric_int4_gt(pg_catalog.numeric, pg_catalog.int4) RETURNS pg_catalog.bool
	AS 'SELECT $1 OPERATOR(pg_catalog.>) $2::pg_catalog.numeric'
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_int4_numeric_ge(pg_catalog.int4, pg_catalog.numeric) RETURNS pg_catalog.bool
	AS 'SELECT $1::pg_catalog.numeric OPERATOR(pg_catalog.>=) $2'
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_numeric_int4_ge(pg_catalog.numeric, pg_catalog.int4) RETURNS pg_catalog.bool
	AS 'SELECT $1 OPERATOR(pg_catalog.>=) $2::pg_catalog.numeric'
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR @extschema@.= (LEFTARG = pg_catalog.int4, RIGHTARG = pg_catalog.numeric,
	FUNCTION = @extschema@.kc_int4_numeric_eq, COMMUTATOR = OPERATOR(@extschema@.=),
	NEGATOR = OPERATOR(@extschema@.<>), RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel);
CREATE OPERATOR @extschema@.= (LEFTARG = pg_catalog.numeric, RIGHTARG = pg_catalog.int4,
	FUNCTION = @extschema@.kc_numeric_int4_eq, COMMUTATOR = OPERATOR(@extschema@.=),
	NEGATOR = OPERATOR(@extschema@.<>), RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel);
CREATE OPERATOR @extschema@.<> (LEFTARG = pg_catalog.int4, RIGHTARG = pg_catalog.numeric,
	FUNCTION = @extschema@.kc_int4_numeric_ne, COMMUTATOR = OPERATOR(@extschema@.<>),
	NEGATOR = OPERATOR(@extschema@.=), RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel);
CREATE OPERATOR @extschema@.<> (LEFTARG = pg_catalog.numeric, RIGHTARG = pg_catalog.int4,
	FUNCTION = @extschema@.kc_numeric_int4_ne, COMMUTATOR = OPERATOR(@extschema@.<>),
	NEGATOR = OPERATOR(@extschema@.=), RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel);
CREATE OPERATOR @extschema@.< (LEFTARG = pg_catalog.int4, RIGHTARG = pg_catalog.numeric,
	FUNCTION = @extschema@.kc_int4_numeric_lt, COMMUTATOR = OPERATOR(@extschema@.>),
	NEGATOR = OPERATOR(@extschema@.>=), RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel);
CREATE OPERATOR @extschema@.< (LEFTARG = pg_catalog.numeric, RIGHTARG = pg_catalog.int4,
	FUNCTION = @extschema@.kc_numeric_int4_lt, COMMUTATOR = OPERATOR(@extschema@.>),
	NEGATOR = OPERATOR(@extschema@.>=), RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel);
CREATE OPERATOR @extschema@.<= (LEFTARG = pg_catalog.int4, RIGHTARG = pg_catalog.numeric,
	FUNCTION = @extschema@.kc_int4_numeric_le, COMMUTATOR = OPERATOR(@extschema@.>=),
	NEGATOR = OPERATOR(@extschema@.>), RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel);
CREATE OPERATOR @extschema@.<= (LEFTARG = pg_catalog.numeric, RIGHTARG = pg_catalog.int4,
	FUNCTION = @extschema@.kc_numeric_int4_le, COMMUTATOR = OPERATOR(@extschema@.>=),
	NEGATOR = OPERATOR(@extschema@.>), RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel);
CREATE OPERATOR @extschema@.> (LEFTARG = pg_catalog.int4, RIGHTARG = pg_catalog.numeric,
	FUNCTION = @extschema@.kc_int4_numeric_gt, COMMUTATOR = OPERATOR(@extschema@.<),
	NEGATOR = OPERATOR(@extschema@.<=), RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel);
CREATE OPERATOR @extschema@.> (LEFTARG = pg_catalog.numeric, RIGHTARG = pg_catalog.int4,
	FUNCTION = @extschema@.kc_numeric_int4_gt, COMMUTATOR = OPERATOR(@extschema@.<),
	NEGATOR = OPERATOR(@extschema@.<=), RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel);
CREATE OPERATOR @extschema@.>= (LEFTARG = pg_catalog.int4, RIGHTARG = pg_catalog.numeric,
	FUNCTION = @extschema@.kc_int4_numeric_ge, COMMUTATOR = OPERATOR(@extschema@.<=),
	NEGATOR = OPERATOR(@extschema@.<), RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel);
CREATE OPERATOR @extschema@.>= (LEFTARG = pg_catalog.numeric, RIGHTARG = pg_catalog.int4,
	FUNCTION = @extschema@.kc_numeric_int4_ge, COMMUTATOR = OPERATOR(@extschema@.<=),
	NEGATOR = OPERATOR(@extschema@.<), RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel);
CREATE FUNCTION @extschema@.kc_int8_numeric_eq(pg_catalog.int8, pg_catalog.numeric) RETURNS pg_catalog.bool
	AS 'SELECT $1::pg_catalog.numeric OPERATOR(pg_catalog.=) $2'
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_numeric_int8_eq(pg_catalog.numeric, pg_catalog.int8) RETURNS pg_catalog.bool
	AS 'SELECT $1 OPERATOR(pg_catalog.=) $2::pg_catalog.numeric'
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_int8_numeric_ne(pg_catalog.int8, pg_catalog.numeric) RETURNS pg_catalog.bool
	AS 'SELECT $1::pg_catalog.numeric OPERATOR(pg_catalog.<>) $2'
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_numeric_int8_ne(pg_catalog.numeric, pg_catalog.int8) RETURNS pg_catalog.bool
	AS 'SELECT $1 OPERATOR(pg_catalog.<>) $2::pg_catalog.numeric'
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_int8_numeric_lt(pg_catalog.int8, pg_catalog.numeric) RETURNS pg_catalog.bool
	AS 'SELECT $1::pg_catalog.numeric OPERATOR(pg_catalog.<) $2'
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_numeric_int8_lt(pg_catalog.numeric, pg_catalog.int8) RETURNS pg_catalog.bool
	AS 'SELECT $1 OPERATOR(pg_catalog.<) $2::pg_catalog.numeric'
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_int8_numeric_le(pg_catalog.int8, pg_catalog.numeric) RETURNS pg_catalog.bool
	AS 'SELECT $1::pg_catalog.numeric OPERATOR(pg_catalog.<=) $2'
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_numeric_int8_le(pg_catalog.numeric, pg_catalog.int8) RETURNS pg_catalog.bool
	AS 'SELECT $1 OPERATOR(pg_catalog.<=) $2::pg_catalog.numeric'
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_int8_numeric_gt(pg_catalog.int8, pg_catalog.numeric) RETURNS pg_catalog.bool
	AS 'SELECT $1::pg_catalog.numeric OPERATOR(pg_catalog.>) $2'
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_numeric_int8_gt(pg_catalog.numeric, pg_catalog.int8) RETURNS pg_catalog.bool
	AS 'SELECT $1 OPERATOR(pg_catalog.>) $2::pg_catalog.numeric'
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_int8_numeric_ge(pg_catalog.int8, pg_catalog.numeric) RETURNS pg_catalog.bool
	AS 'SELECT $1::pg_catalog.numeric OPERATOR(pg_catalog.>=) $2'
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_numeric_int8_ge(pg_catalog.numeric, pg_catalog.int8) RETURNS pg_catalog.bool
	AS 'SELECT $1 OPERATOR(pg_catalog.>=) $2::pg_catalog.numeric'
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR @extschema@.= (LEFTARG = pg_catalog.int8, RIGHTARG = pg_catalog.numeric,
	FUNCTION = @extschema@.kc_int8_numeric_eq, COMMUTATOR = OPERATOR(@extschema@.=),
	NEGATOR = OPERATOR(@extschema@.<>), RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel);
CREATE OPERATOR @extschema@.= (LEFTARG = pg_catalog.numeric, RIGHTARG = pg_catalog.int8,
	FUNCTION = @extschema@.kc_numeric_int8_eq, COMMUTATOR = OPERATOR(@extschema@.=),
	NEGATOR = OPERATOR(@extschema@.<>), RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel);
CREATE OPERATOR @extschema@.<> (LEFTARG = pg_catalog.int8, RIGHTARG = pg_catalog.numeric,
	FUNCTION = @extschema@.kc_int8_numeric_ne, COMMUTATOR = OPERATOR(@extschema@.<>),
	NEGATOR = OPERATOR(@extschema@.=), RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel);
CREATE OPERATOR @extschema@.<> (LEFTARG = pg_catalog.numeric, RIGHTARG = pg_catalog.int8,
	FUNCTION = @extschema@.kc_numeric_int8_ne, COMMUTATOR = OPERATOR(@extschema@.<>),
	NEGATOR = OPERATOR(@extschema@.=), RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel);
CREATE OPERATOR @extschema@.< (LEFTARG = pg_catalog.int8, RIGHTARG = pg_catalog.numeric,
	FUNCTION = @extschema@.kc_int8_numeric_lt, COMMUTATOR = OPERATOR(@extschema@.>),
	NEGATOR = OPERATOR(@extschema@.>=), RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel);
CREATE OPERATOR @extschema@.< (LEFTARG = pg_catalog.numeric, RIGHTARG = pg_catalog.int8,
	FUNCTION = @extschema@.kc_numeric_int8_lt, COMMUTATOR = OPERATOR(@extschema@.>),
	NEGATOR = OPERATOR(@extschema@.>=), RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel);
CREATE OPERATOR @extschema@.<= (LEFTARG = pg_catalog.int8, RIGHTARG = pg_catalog.numeric,
	FUNCTION = @extschema@.kc_int8_numeric_le, COMMUTATOR = OPERATOR(@extschema@.>=),
	NEGATOR = OPERATOR(@extschema@.>), RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel);
CREATE OPERATOR @extschema@.<= (LEFTARG = pg_catalog.numeric, RIGHTARG = pg_catalog.int8,
	FUNCTION = @extschema@.kc_numeric_int8_le, COMMUTATOR = OPERATOR(@extschema@.>=),
	NEGATOR = OPERATOR(@extschema@.>), RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel);
CREATE OPERATOR @extschema@.> (LEFTARG = pg_catalog.int8, RIGHTARG = pg_catalog.numeric,
	FUNCTION = @extschema@.kc_int8_numeric_gt, COMMUTATOR = OPERATOR(@extschema@.<),
	NEGATOR = OPERATOR(@extschema@.<=), RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel);
CREATE OPERATOR @extschema@.> (LEFTARG = pg_catalog.numeric, RIGHTARG = pg_catalog.int8,
	FUNCTION = @extschema@.kc_numeric_int8_gt, COMMUTATOR = OPERATOR(@extschema@.<),
	NEGATOR = OPERATOR(@extschema@.<=), RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel);
CREATE OPERATOR @extschema@.>= (LEFTARG = pg_catalog.int8, RIGHTARG = pg_catalog.numeric,
	FUNCTION = @extschema@.kc_int8_numeric_ge, COMMUTATOR = OPERATOR(@extschema@.<=),
	NEGATOR = OPERATOR(@extschema@.<), RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel);
CREATE OPERATOR @extschema@.>= (LEFTARG = pg_catalog.numeric, RIGHTARG = pg_catalog.int8,
	FUNCTION = @extschema@.kc_numeric_int8_ge, COMMUTATOR = OPERATOR(@extschema@.<=),
	NEGATOR = OPERATOR(@extschema@.<), RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel);

-- An amount in a unit, as an exact numeric: kc_in_unit(3200000000, 'tỷ') is
-- 3.2 (amount / 1e9 stays whole-đồng money arithmetic: 3).
CREATE FUNCTION @extschema@.kc_in_unit(amount @extschema@.kc_money, unit pg_catalog.text) RETURNS pg_catalog.numeric
	AS 'MODULE_PATHNAME', 'kc_in_unit' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.kc_in_unit(@extschema@.kc_money, pg_catalog.text) IS
	'The amount in đồng, nghìn, triệu or tỷ as an exact numeric (3,2 tỷ -> 3.2)';

-- ====================================================================
-- Rules: one list, one way to drop
-- ====================================================================

-- Every rule of every kind, one row each.  Cap rules are rows of
-- kc_cap_rule; a support cap or a year lock is the trigger that
-- kc_enforce_support_cap or kc_enforce_year_lock installed on a table (and,
-- for a plain table, on its inheritance children), so the list follows the
-- catalog, pg_dump and pg_restore with no second copy to keep in step.
-- Their names are the kind and the table: 'support_cap:schema.table',
-- 'year_lock:schema.table'.
CREATE VIEW @extschema@.kc_rules AS
SELECT 'cap'::pg_catalog.text AS kind,
	r.rule_name,
	ARRAY[pg_catalog.format('%I.%I', cn.nspname, cc.relname),
		  pg_catalog.format('%I.%I', pn.nspname, pc.relname)] AS tables,
	pg_catalog.format('sum(%I) of %I.%I grouped by (%s) <= %I of the %I.%I row with (%s)',
		r.amount_column, cn.nspname, cc.relname,
		pg_catalog.array_to_string(r.child_columns, ', '),
		r.limit_column, pn.nspname, pc.relname,
		pg_catalog.array_to_string(r.parent_columns, ', ')) AS checks
FROM @extschema@.kc_cap_rule r
LEFT JOIN pg_catalog.pg_class cc ON cc.oid OPERATOR(pg_catalog.=) r.child_table::pg_catalog.oid
LEFT JOIN pg_catalog.pg_namespace cn ON cn.oid OPERATOR(pg_catalog.=) cc.relnamespace
LEFT JOIN pg_catalog.pg_class pc ON pc.oid OPERATOR(pg_catalog.=) r.parent_table::pg_catalog.oid
LEFT JOIN pg_catalog.pg_namespace pn ON pn.oid OPERATOR(pg_catalog.=) pc.relnamespace
UNION ALL
SELECT k.kind,
	k.kind OPERATOR(pg_catalog.||) ':' OPERATOR(pg_catalog.||) pg_catalog.format('%I.%I', n.nspname, c.relname),
	ARRAY(SELECT pg_catalog.format('%I.%I', n2.nspname, c2.relname)
		  FROM pg_catalog.pg_trigger g2
		  JOIN pg_catalog.pg_class c2 ON c2.oid OPERATOR(pg_catalog.=) g2.tgrelid
		  JOIN pg_catalog.pg_namespace n2 ON n2.oid OPERATOR(pg_catalog.=) c2.relnamespace
		  WHERE g2.tgfoid OPERATOR(pg_catalog.=) g.tgfoid AND g2.tgparentid OPERATOR(pg_catalog.=) 0
		    AND (g2.tgrelid OPERATOR(pg_catalog.=) g.tgrelid
		         OR g2.tgrelid OPERATOR(pg_catalog.=) ANY (
		            SELECT i.inhrelid FROM pg_catalog.pg_inherits i
		            WHERE i.inhparent OPERATOR(pg_catalog.=) g.tgrelid))
		  ORDER BY g2.tgrelid OPERATOR(pg_catalog.<>) g.tgrelid, 1),
	CASE k.kind
	WHEN 'year_lock' THEN pg_catalog.format('no row whose %I is a closed year (kc_closed_year) is written, deleted or truncated',
		(@extschema@.kc_trigger_args(g.tgrelid::pg_catalog.regclass, g.tgname::pg_catalog.text))[1])
	ELSE pg_catalog.format('%I within the support caps of kc_support_cap_rule for category %I, source %I, province %I, approved on %I, cost %I',
		(@extschema@.kc_trigger_args(g.tgrelid::pg_catalog.regclass, g.tgname::pg_catalog.text))[6],
		(@extschema@.kc_trigger_args(g.tgrelid::pg_catalog.regclass, g.tgname::pg_catalog.text))[1],
		(@extschema@.kc_trigger_args(g.tgrelid::pg_catalog.regclass, g.tgname::pg_catalog.text))[2],
		(@extschema@.kc_trigger_args(g.tgrelid::pg_catalog.regclass, g.tgname::pg_catalog.text))[3],
		(@extschema@.kc_trigger_args(g.tgrelid::pg_catalog.regclass, g.tgname::pg_catalog.text))[4],
		(@extschema@.kc_trigger_args(g.tgrelid::pg_catalog.regclass, g.tgname::pg_catalog.text))[5])
	END
FROM pg_catalog.pg_trigger g
JOIN (VALUES ('year_lock'::pg_catalog.text, '@extschema@.kc_year_lock_row()'::pg_catalog.regprocedure),
			 ('support_cap', '@extschema@.kc_support_cap_check()'::pg_catalog.regprocedure)) k(kind, fn)
  ON g.tgfoid OPERATOR(pg_catalog.=) k.fn::pg_catalog.oid
JOIN pg_catalog.pg_class c ON c.oid OPERATOR(pg_catalog.=) g.tgrelid
JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) c.relnamespace
WHERE g.tgparentid OPERATOR(pg_catalog.=) 0
  -- an inheritance child carries its parent's rule, not one of its own
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_inherits i
				  JOIN pg_catalog.pg_trigger gp ON gp.tgrelid OPERATOR(pg_catalog.=) i.inhparent
				   AND gp.tgfoid OPERATOR(pg_catalog.=) g.tgfoid
				  WHERE i.inhrelid OPERATOR(pg_catalog.=) g.tgrelid AND NOT c.relispartition);
COMMENT ON VIEW @extschema@.kc_rules IS
	'Every rule of every kind (cap, support_cap, year_lock): its name, the tables it covers and what it checks. kc_drop_rule(rule_name) removes one.';
GRANT SELECT ON @extschema@.kc_rules TO PUBLIC;

-- Remove a rule of any kind and everything it installed.  Runs as the
-- caller: dropping triggers needs ownership of the tables, as declaring
-- them did (kc_drop_cap checks its own).
CREATE FUNCTION @extschema@.kc_drop_rule(rule_name pg_catalog.text)
RETURNS pg_catalog.void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $kc_drop$
DECLARE
	kind pg_catalog.text;
	tbl pg_catalog.regclass;
	g record;
BEGIN
	IF rule_name IS NULL THEN
		RAISE EXCEPTION 'argument rule_name of kc_drop_rule must not be NULL'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF EXISTS (SELECT 1 FROM @extschema@.kc_cap_rule r WHERE r.rule_name OPERATOR(pg_catalog.=) kc_drop_rule.rule_name) THEN
		PERFORM @extschema@.kc_drop_cap(rule_name);
		RETURN;
	END IF;
	SELECT r.kind INTO kind FROM @extschema@.kc_rules r
	WHERE r.rule_name OPERATOR(pg_catalog.=) kc_drop_rule.rule_name;
	IF kind IS NULL THEN
		RAISE EXCEPTION 'rule "%" does not exist', rule_name
			USING ERRCODE = 'undefined_object',
				  HINT = 'The view kc_rules lists the rules of every kind.';
	END IF;
	tbl := pg_catalog.to_regclass(pg_catalog.substr(rule_name, pg_catalog.length(kind) OPERATOR(pg_catalog.+) 2));
	-- the rule's triggers on the table, its partitions and its inheritance
	-- children, found by the function they run
	FOR g IN
		SELECT gt.tgname, gt.tgrelid::pg_catalog.regclass AS rel
		FROM pg_catalog.pg_trigger gt
		WHERE gt.tgparentid OPERATOR(pg_catalog.=) 0
		  AND (gt.tgrelid OPERATOR(pg_catalog.=) tbl
		       OR gt.tgrelid OPERATOR(pg_catalog.=) ANY (
		          SELECT p.relid FROM pg_catalog.pg_partition_tree(tbl) p)
		       OR gt.tgrelid OPERATOR(pg_catalog.=) ANY (
		          WITH RECURSIVE d(relid) AS (
		              SELECT i.inhrelid FROM pg_catalog.pg_inherits i WHERE i.inhparent OPERATOR(pg_catalog.=) tbl
		              UNION
		              SELECT i.inhrelid FROM pg_catalog.pg_inherits i JOIN d ON i.inhparent OPERATOR(pg_catalog.=) d.relid)
		          SELECT d.relid FROM d))
		  AND (CASE kind
		       WHEN 'year_lock' THEN
		           gt.tgfoid OPERATOR(pg_catalog.=) ANY (ARRAY['@extschema@.kc_year_lock_row()'::pg_catalog.regprocedure,
		                                                    '@extschema@.kc_year_lock_truncate()'::pg_catalog.regprocedure]::pg_catalog.oid[])
		           OR (gt.tgfoid OPERATOR(pg_catalog.=) '@extschema@.kc_inherit_guard()'::pg_catalog.regprocedure::pg_catalog.oid
		               AND gt.tgname OPERATOR(pg_catalog.=) 'kc_year_lock_inherit')
		       ELSE
		           gt.tgfoid OPERATOR(pg_catalog.=) '@extschema@.kc_support_cap_check()'::pg_catalog.regprocedure::pg_catalog.oid
		           OR (gt.tgfoid OPERATOR(pg_catalog.=) '@extschema@.kc_inherit_guard()'::pg_catalog.regprocedure::pg_catalog.oid
		               AND gt.tgname OPERATOR(pg_catalog.=) 'kc_support_cap_inherit')
		       END)
		ORDER BY gt.tgrelid, gt.tgname
	LOOP
		EXECUTE pg_catalog.format('DROP TRIGGER %I ON %s', g.tgname, g.rel);
	END LOOP;
	IF kind OPERATOR(pg_catalog.=) 'year_lock' THEN
		RAISE LOG 'kc_ext: rule "%" dropped by role "%" (session role "%"): closed years no longer protect %',
			rule_name, current_user, session_user, tbl;
	END IF;
END
$kc_drop$;
COMMENT ON FUNCTION @extschema@.kc_drop_rule(pg_catalog.text) IS
	'Remove a rule of any kind (see kc_rules) and every trigger it installed. Needs ownership of its tables.';

-- ====================================================================
-- end of kc_ext 1.0 -> 1.1
-- ====================================================================
-- @@ 1.2 changes: the body of kc_ext--1.1--1.2.sql is appended below at release @@

-- kc_ext 1.1 -> 1.2
--
-- Every object reference is qualified (pg_catalog., @extschema@.,
-- OPERATOR(pg_catalog.x)), so nothing a user plants in public or in the
-- extension's schema is run by this script.  After every change here run
-- tools/full-script.sh 1.2 1.1 (the full script sql/kc_ext--1.2.sql is 1.1's
-- objects followed by this body).


-- ====================================================================
-- Messages: errors raised by the extension's SQL functions go through the
-- C message catalogue (issue 14)
-- ====================================================================

-- PL/pgSQL's RAISE sends its text as written: the errors of the
-- extension's PL/pgSQL functions stayed English under any lc_messages.  They
-- now take their texts from kc_message(msgid, args), which looks
-- msgid up in kc_ext's message catalogue (src/kc_message.c lists every text
-- these functions pass, so that xgettext extracts them into po/kc_ext.pot)
-- and puts the arguments' text into its %s placeholders.  RAISE itself stays:
-- the same SQLSTATEs, the same English texts, the same CONTEXT line ("...
-- at RAISE"; an error thrown from inside a called function would add the
-- call's SQL statement to it).  Each function below is the last
-- definition kc_ext--1.1.sql gives it, with its volatility, SET search_path
-- and privileges as they were (CREATE OR REPLACE keeps grants and
-- comments); only the RAISE statements changed.  A value RAISE printed with
-- % is passed as its text (::pg_catalog.text, the same output function), a
-- NULL as <NULL> as RAISE prints it.  Every call names the exact signature
-- (text, text[]): no variadic form and no default, which a function planted
-- in the extension's schema as kc_message(text, text) or kc_message(text)
-- would win over (suite 72-lookalike plants them); (text, text[]) itself
-- is taken by kc_ext's own.

CREATE FUNCTION @extschema@.kc_message(msgid pg_catalog.text, args pg_catalog.text[])
	RETURNS pg_catalog.text
	AS 'MODULE_PATHNAME', 'kc_message' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.kc_message(pg_catalog.text, pg_catalog.text[]) IS
	'The text of a message of kc_ext''s SQL functions in the language of lc_messages (kc_ext''s catalogue), its %s placeholders replaced by args.';

CREATE OR REPLACE FUNCTION @extschema@.kc_source_label(source @extschema@.kc_source, lang pg_catalog.text DEFAULT 'vi')
	RETURNS pg_catalog.text
	LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF lang OPERATOR(pg_catalog.=) 'vi' THEN
		RETURN CASE
			WHEN source OPERATOR(pg_catalog.=) 'national'::@extschema@.kc_source THEN 'Khuyến công quốc gia'
			WHEN source OPERATOR(pg_catalog.=) 'local'::@extschema@.kc_source THEN 'Khuyến công địa phương'
			WHEN source OPERATOR(pg_catalog.=) 'counterpart'::@extschema@.kc_source THEN 'Vốn đối ứng'
			ELSE 'Nguồn khác' END;
	ELSIF lang OPERATOR(pg_catalog.=) 'en' THEN
		RETURN CASE
			WHEN source OPERATOR(pg_catalog.=) 'national'::@extschema@.kc_source THEN 'National industrial promotion'
			WHEN source OPERATOR(pg_catalog.=) 'local'::@extschema@.kc_source THEN 'Local industrial promotion'
			WHEN source OPERATOR(pg_catalog.=) 'counterpart'::@extschema@.kc_source THEN 'Counterpart funds'
			ELSE 'Other sources' END;
	END IF;
	RAISE EXCEPTION USING MESSAGE = @extschema@.kc_message('unknown language "%s" for kc_source_label'::pg_catalog.text,
				ARRAY[lang::pg_catalog.text]::pg_catalog.text[]),
			ERRCODE = 'invalid_parameter_value',
			HINT = @extschema@.kc_message('Use ''vi'' (Vietnamese) or ''en'' (English).'::pg_catalog.text, ARRAY[]::pg_catalog.text[]);
END
$$;

CREATE OR REPLACE FUNCTION @extschema@.kc_project_category_before_write() RETURNS pg_catalog.trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF TG_OP OPERATOR(pg_catalog.=) 'DELETE' THEN
		IF OLD.shipped THEN
			RAISE EXCEPTION USING MESSAGE = @extschema@.kc_message('cannot delete shipped project category "%s"'::pg_catalog.text,
						ARRAY[OLD.code::pg_catalog.text]::pg_catalog.text[]),
					ERRCODE = 'feature_not_supported',
					HINT = @extschema@.kc_message('Shipped categories come back with CREATE EXTENSION; rename them instead.'::pg_catalog.text, ARRAY[]::pg_catalog.text[]);
		END IF;
		RETURN OLD;
	END IF;
	IF NEW.code IS NULL OR NEW.code OPERATOR(pg_catalog.!~) '^[a-z][a-z0-9_]{0,62}$' THEN
		RAISE EXCEPTION USING MESSAGE = @extschema@.kc_message('invalid project category code "%s"'::pg_catalog.text,
					ARRAY[NEW.code::pg_catalog.text]::pg_catalog.text[]),
				ERRCODE = 'invalid_parameter_value',
				HINT = @extschema@.kc_message('A code is a lower-case letter followed by at most 62 lower-case letters, digits or underscores.'::pg_catalog.text, ARRAY[]::pg_catalog.text[]);
	END IF;
	IF TG_OP OPERATOR(pg_catalog.=) 'UPDATE' THEN
		IF OLD.shipped THEN
			IF NEW.code OPERATOR(pg_catalog.<>) OLD.code THEN
				RAISE EXCEPTION USING MESSAGE = @extschema@.kc_message('cannot change the code of shipped project category "%s"'::pg_catalog.text,
							ARRAY[OLD.code::pg_catalog.text]::pg_catalog.text[]),
						ERRCODE = 'feature_not_supported';
			END IF;
			NEW.shipped := true;
			NEW.edited := true;
		ELSE
			NEW.shipped := false;
			NEW.edited := false;
		END IF;
		RETURN NEW;
	END IF;
	-- INSERT of the code of an unchanged shipped default (a restore
	-- bringing back an edit): change the default in place instead.
	UPDATE @extschema@.kc_project_category
		SET name_vi = NEW.name_vi, name_en = NEW.name_en
		WHERE code OPERATOR(pg_catalog.=) NEW.code AND shipped AND NOT edited;
	IF FOUND THEN
		RETURN NULL;
	END IF;
	NEW.shipped := false;
	NEW.edited := false;
	RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION @extschema@.kc_support_cap_rule_before_write() RETURNS pg_catalog.trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF TG_OP OPERATOR(pg_catalog.=) 'DELETE' THEN
		IF OLD.shipped THEN
			RAISE EXCEPTION USING MESSAGE = @extschema@.kc_message('cannot delete shipped support-cap rule %s'::pg_catalog.text,
						ARRAY[OLD.rule_id::pg_catalog.text]::pg_catalog.text[]),
					ERRCODE = 'feature_not_supported',
					DETAIL = @extschema@.kc_message('Rule %s: %s'::pg_catalog.text,
						ARRAY[OLD.rule_id::pg_catalog.text, OLD.legal_basis]::pg_catalog.text[]),
					HINT = @extschema@.kc_message('Shipped rules come back with CREATE EXTENSION; end the rule by setting effective_to, or clear its max_share and max_amount.'::pg_catalog.text, ARRAY[]::pg_catalog.text[]);
		END IF;
		RETURN OLD;
	END IF;
	IF NEW.max_share IS NOT NULL AND (NEW.max_share OPERATOR(pg_catalog.<=) 0 OR NEW.max_share OPERATOR(pg_catalog.>) 1) THEN
		RAISE EXCEPTION USING MESSAGE = @extschema@.kc_message('max_share %s of support-cap rule %s is out of range'::pg_catalog.text,
					ARRAY[NEW.max_share::pg_catalog.text, NEW.rule_id::pg_catalog.text]::pg_catalog.text[]),
				ERRCODE = 'invalid_parameter_value',
				HINT = @extschema@.kc_message('max_share is a fraction of the project''s cost: above 0 and at most 1 (0.3 means 30%); NULL means no share cap.'::pg_catalog.text, ARRAY[]::pg_catalog.text[]);
	END IF;
	IF NEW.max_amount IS NOT NULL AND NEW.max_amount::pg_catalog.int8 OPERATOR(pg_catalog.<) 0 THEN
		RAISE EXCEPTION USING MESSAGE = @extschema@.kc_message('max_amount %s of support-cap rule %s is negative'::pg_catalog.text,
					ARRAY[NEW.max_amount::pg_catalog.text, NEW.rule_id::pg_catalog.text]::pg_catalog.text[]),
				ERRCODE = 'invalid_parameter_value',
				HINT = @extschema@.kc_message('max_amount is in đồng and at least 0; NULL means no amount cap.'::pg_catalog.text, ARRAY[]::pg_catalog.text[]);
	END IF;
	IF NEW.effective_from IS NULL THEN
		RAISE EXCEPTION USING MESSAGE = @extschema@.kc_message('effective_from of support-cap rule %s is missing'::pg_catalog.text,
					ARRAY[NEW.rule_id::pg_catalog.text]::pg_catalog.text[]),
				ERRCODE = 'not_null_violation';
	END IF;
	IF NEW.effective_to OPERATOR(pg_catalog.<) NEW.effective_from THEN
		RAISE EXCEPTION USING MESSAGE = @extschema@.kc_message('effective_to %s of support-cap rule %s is before its effective_from %s'::pg_catalog.text,
					ARRAY[pg_catalog.to_char(NEW.effective_to, 'YYYY-MM-DD'), NEW.rule_id::pg_catalog.text,
					pg_catalog.to_char(NEW.effective_from, 'YYYY-MM-DD')]::pg_catalog.text[]),
				ERRCODE = 'invalid_parameter_value',
				HINT = @extschema@.kc_message('Both days are included: a one-day rule has effective_to = effective_from; NULL means open-ended.'::pg_catalog.text, ARRAY[]::pg_catalog.text[]);
	END IF;
	IF NEW.province IS NOT NULL AND pg_catalog.btrim(NEW.province) OPERATOR(pg_catalog.=) '' THEN
		RAISE EXCEPTION USING MESSAGE = @extschema@.kc_message('province of support-cap rule %s is blank'::pg_catalog.text,
					ARRAY[NEW.rule_id::pg_catalog.text]::pg_catalog.text[]),
				ERRCODE = 'invalid_parameter_value',
				HINT = @extschema@.kc_message('Use NULL for a nationwide rule.'::pg_catalog.text, ARRAY[]::pg_catalog.text[]);
	END IF;
	IF NEW.legal_basis IS NULL OR pg_catalog.btrim(NEW.legal_basis) OPERATOR(pg_catalog.=) '' THEN
		RAISE EXCEPTION USING MESSAGE = @extschema@.kc_message('support-cap rule %s has no legal basis'::pg_catalog.text,
					ARRAY[NEW.rule_id::pg_catalog.text]::pg_catalog.text[]),
				ERRCODE = 'invalid_parameter_value',
				HINT = @extschema@.kc_message('Cite the document the cap comes from, e.g. "Thông tư 28/2018/TT-BTC".'::pg_catalog.text, ARRAY[]::pg_catalog.text[]);
	END IF;
	IF TG_OP OPERATOR(pg_catalog.=) 'UPDATE' THEN
		IF OLD.shipped THEN
			IF NEW.rule_id OPERATOR(pg_catalog.<>) OLD.rule_id THEN
				RAISE EXCEPTION USING MESSAGE = @extschema@.kc_message('cannot change the id of shipped support-cap rule %s'::pg_catalog.text,
							ARRAY[OLD.rule_id::pg_catalog.text]::pg_catalog.text[]),
						ERRCODE = 'feature_not_supported';
			END IF;
			NEW.shipped := true;
			NEW.edited := true;
		ELSE
			NEW.shipped := false;
			NEW.edited := false;
		END IF;
		RETURN NEW;
	END IF;
	-- INSERT of the id of an unchanged shipped default (a restore bringing
	-- back an edit): change the default in place instead.  A restore brings
	-- back edited defaults one by one, and two of them may only fit together
	-- (a moved boundary), so the overlap check waits for the commit.
	IF EXISTS (SELECT FROM @extschema@.kc_support_cap_rule
			   WHERE rule_id OPERATOR(pg_catalog.=) NEW.rule_id AND shipped AND NOT edited) THEN
		SET CONSTRAINTS @extschema@.kc_support_cap_rule_no_overlap DEFERRED;
	END IF;
	UPDATE @extschema@.kc_support_cap_rule
		SET category = NEW.category, source = NEW.source, province = NEW.province,
			effective_from = NEW.effective_from, effective_to = NEW.effective_to,
			max_share = NEW.max_share, max_amount = NEW.max_amount,
			legal_basis = NEW.legal_basis
		WHERE rule_id OPERATOR(pg_catalog.=) NEW.rule_id AND shipped AND NOT edited;
	IF FOUND THEN
		RETURN NULL;
	END IF;
	NEW.shipped := false;
	NEW.edited := false;
	RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION @extschema@.kc_column_type_of(tbl pg_catalog.regclass, col pg_catalog.text, what pg_catalog.text)
RETURNS pg_catalog.regtype
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	t pg_catalog.regtype;
BEGIN
	IF col IS NULL OR col OPERATOR(pg_catalog.=) '' THEN
		RAISE EXCEPTION USING MESSAGE = @extschema@.kc_message('the %s column name is missing'::pg_catalog.text,
					ARRAY[@extschema@.kc_message(what::pg_catalog.text, ARRAY[]::pg_catalog.text[])]::pg_catalog.text[]),
				ERRCODE = 'null_value_not_allowed';
	END IF;
	SELECT a.atttypid INTO t FROM pg_catalog.pg_attribute a
	WHERE a.attrelid OPERATOR(pg_catalog.=) tbl AND a.attname OPERATOR(pg_catalog.=) col
	  AND a.attnum OPERATOR(pg_catalog.>) 0 AND NOT a.attisdropped;
	IF NOT FOUND THEN
		RAISE EXCEPTION USING MESSAGE = @extschema@.kc_message('column "%s" of relation %s does not exist'::pg_catalog.text,
					ARRAY[col::pg_catalog.text, tbl::pg_catalog.text]::pg_catalog.text[]),
				ERRCODE = 'undefined_column',
				HINT = @extschema@.kc_message('Name the %s column of %s.'::pg_catalog.text,
					ARRAY[@extschema@.kc_message(what::pg_catalog.text, ARRAY[]::pg_catalog.text[]), tbl::pg_catalog.text]::pg_catalog.text[]);
	END IF;
	RETURN t;
END $$;

CREATE OR REPLACE FUNCTION @extschema@.kc_support_cap_violations(projects pg_catalog.regclass)
RETURNS TABLE (row_ctid pg_catalog.tid, category pg_catalog.text, approved_on pg_catalog.date,
			   cost @extschema@.kc_money, support @extschema@.kc_money,
			   rule_id pg_catalog.int8, legal_basis pg_catalog.text, cap @extschema@.kc_money,
			   project pg_catalog.jsonb)
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	args pg_catalog.text[];
BEGIN
	args := @extschema@.kc_trigger_args(projects, 'kc_support_cap'::pg_catalog.text);
	IF args IS NULL THEN
		RAISE EXCEPTION USING MESSAGE = @extschema@.kc_message('relation %s has no support-cap check'::pg_catalog.text,
					ARRAY[projects::pg_catalog.text]::pg_catalog.text[]),
				ERRCODE = 'undefined_object',
				HINT = @extschema@.kc_message('Install it with kc_enforce_support_cap().'::pg_catalog.text, ARRAY[]::pg_catalog.text[]);
	END IF;
	RETURN QUERY EXECUTE pg_catalog.format(
		'SELECT p.ctid, p.%1$I::pg_catalog.text, p.%4$I, p.%5$I::@extschema@.kc_money, p.%6$I::@extschema@.kc_money,
				r.rule_id, r.legal_basis,
				@extschema@.kc_support_cap_limit(r.max_share, r.max_amount, p.%5$I::@extschema@.kc_money),
				pg_catalog.to_jsonb(p)
		 FROM %7$s p
		 CROSS JOIN LATERAL @extschema@.kc_support_cap_rule_for(p.%1$I::pg_catalog.text, %2$s, %3$s, p.%4$I::pg_catalog.date) r
		 WHERE p.%6$I::pg_catalog.int8 OPERATOR(pg_catalog.>) @extschema@.kc_support_cap_limit(r.max_share, r.max_amount, p.%5$I::@extschema@.kc_money)::pg_catalog.int8
		 ORDER BY p.ctid',
		args[1],
		CASE WHEN args[2] OPERATOR(pg_catalog.=) '' THEN 'NULL::@extschema@.kc_source'
			 ELSE pg_catalog.format('p.%I::@extschema@.kc_source', args[2]) END,
		CASE WHEN args[3] OPERATOR(pg_catalog.=) '' THEN 'NULL::pg_catalog.text'
			 ELSE pg_catalog.format('p.%I::pg_catalog.text', args[3]) END,
		args[4], args[5], args[6], projects);
END $$;

CREATE OR REPLACE FUNCTION @extschema@.kc_year_lock_log_append_only() RETURNS pg_catalog.trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	RAISE EXCEPTION USING MESSAGE = @extschema@.kc_message('the year-lock log is append-only: %s is not allowed'::pg_catalog.text,
				ARRAY[TG_OP::pg_catalog.text]::pg_catalog.text[]),
			ERRCODE = 'insufficient_privilege',
			HINT = @extschema@.kc_message('Closing and reopening years add entries; nothing changes or removes them.'::pg_catalog.text, ARRAY[]::pg_catalog.text[]);
END $$;

CREATE OR REPLACE FUNCTION @extschema@.kc_enforce_year_lock(
	tbl pg_catalog.regclass, year_column pg_catalog.text)
RETURNS pg_catalog.void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	kind pg_catalog."char";
	t pg_catalog.regtype;
	rels pg_catalog.regclass[];
	rel pg_catalog.regclass;
	part pg_catalog.regclass;
BEGIN
	IF tbl IS NULL THEN
		RAISE EXCEPTION USING MESSAGE = @extschema@.kc_message('the table to protect is missing'::pg_catalog.text, ARRAY[]::pg_catalog.text[]),
				ERRCODE = 'null_value_not_allowed';
	END IF;
	SELECT c.relkind INTO kind FROM pg_catalog.pg_class c
	WHERE c.oid OPERATOR(pg_catalog.=) tbl;
	IF kind IS NULL OR (kind OPERATOR(pg_catalog.<>) 'r' AND kind OPERATOR(pg_catalog.<>) 'p') THEN
		RAISE EXCEPTION USING MESSAGE = @extschema@.kc_message('%s is not a table'::pg_catalog.text,
					ARRAY[tbl::pg_catalog.text]::pg_catalog.text[]),
				ERRCODE = 'wrong_object_type';
	END IF;
	t := @extschema@.kc_column_type_of(tbl, year_column, 'year');
	IF t OPERATOR(pg_catalog.<>) 'pg_catalog.int2'::pg_catalog.regtype
	   AND t OPERATOR(pg_catalog.<>) 'pg_catalog.int4'::pg_catalog.regtype
	   AND t OPERATOR(pg_catalog.<>) 'pg_catalog.int8'::pg_catalog.regtype THEN
		RAISE EXCEPTION USING MESSAGE = @extschema@.kc_message('year column "%s" of %s has type %s, not an integer'::pg_catalog.text,
					ARRAY[year_column::pg_catalog.text, tbl::pg_catalog.text, t::pg_catalog.text]::pg_catalog.text[]),
				ERRCODE = 'datatype_mismatch',
				HINT = @extschema@.kc_message('Protect a table by a column holding the year, e.g. the fiscal year of the row.'::pg_catalog.text, ARRAY[]::pg_catalog.text[]);
	END IF;

	-- The table and, for a plain table, its inheritance children at every
	-- depth: UPDATE and DELETE on a parent change the children's rows, and
	-- row triggers fire on the table that stores the row.  (A partitioned
	-- table's partitions get the row trigger by cloning.)
	rels := ARRAY[tbl];
	IF kind OPERATOR(pg_catalog.=) 'r' THEN
		rels := rels OPERATOR(pg_catalog.||) ARRAY(
			WITH RECURSIVE d(relid) AS (
				SELECT i.inhrelid FROM pg_catalog.pg_inherits i
				WHERE i.inhparent OPERATOR(pg_catalog.=) tbl
				UNION
				SELECT i.inhrelid FROM pg_catalog.pg_inherits i
				JOIN d ON i.inhparent OPERATOR(pg_catalog.=) d.relid)
			SELECT d.relid::pg_catalog.regclass FROM d ORDER BY d.relid);
	END IF;

	-- A temporary table belongs to one session: kc_close_year does not lock
	-- it (so that no session can make closing wait on it), hence cannot
	-- protect it.
	SELECT c.oid::pg_catalog.regclass INTO rel FROM pg_catalog.pg_class c
	WHERE c.oid OPERATOR(pg_catalog.=) ANY (rels::pg_catalog.oid[])
	  AND c.relpersistence OPERATOR(pg_catalog.=) 't'
	ORDER BY c.oid LIMIT 1;
	IF rel IS NOT NULL THEN
		RAISE EXCEPTION USING MESSAGE = @extschema@.kc_message('cannot protect temporary table %s'::pg_catalog.text,
					ARRAY[rel::pg_catalog.text]::pg_catalog.text[]),
				ERRCODE = 'feature_not_supported',
				DETAIL = CASE WHEN rel OPERATOR(pg_catalog.=) tbl
							THEN @extschema@.kc_message('Closed years protect permanent tables.'::pg_catalog.text, ARRAY[]::pg_catalog.text[])
							ELSE @extschema@.kc_message('It is an inheritance child of %s.'::pg_catalog.text, ARRAY[tbl::pg_catalog.text]::pg_catalog.text[]) END,
				HINT = @extschema@.kc_message('A temporary table belongs to one session and goes away with it; keep rows that must stay settled in a permanent table.'::pg_catalog.text, ARRAY[]::pg_catalog.text[]);
	END IF;

	FOREACH rel IN ARRAY rels LOOP
		IF EXISTS (SELECT 1 FROM pg_catalog.pg_trigger g
				   WHERE g.tgrelid OPERATOR(pg_catalog.=) rel
				     AND g.tgname OPERATOR(pg_catalog.=) 'kc_year_lock') THEN
			EXECUTE pg_catalog.format('DROP TRIGGER kc_year_lock ON %s', rel);
		END IF;
		EXECUTE pg_catalog.format('CREATE TRIGGER kc_year_lock AFTER INSERT OR UPDATE OR DELETE ON %s '
								  'FOR EACH ROW EXECUTE FUNCTION @extschema@.kc_year_lock_row(%L)',
								  rel, year_column);
		IF kind OPERATOR(pg_catalog.=) 'r' THEN
			EXECUTE pg_catalog.format('CREATE OR REPLACE TRIGGER kc_year_lock_inherit '
									  'BEFORE UPDATE OR DELETE ON %s FOR EACH STATEMENT '
									  'EXECUTE FUNCTION @extschema@.kc_inherit_guard(%L, %L)',
									  rel, 'kc_year_lock', 'kc_enforce_year_lock');
		END IF;
	END LOOP;
	-- Row triggers are cloned to partitions, TRUNCATE triggers are not (a
	-- partition can be truncated on its own): put one on every partition and
	-- every inheritance child.  Partitions attached later: run
	-- kc_enforce_year_lock on the table again.  (pg_partition_tree is empty
	-- for a table that is not partitioned.)
	FOR part IN SELECT r.r FROM pg_catalog.unnest(rels) r
				UNION SELECT p.relid FROM pg_catalog.pg_partition_tree(tbl) p LOOP
		IF EXISTS (SELECT 1 FROM pg_catalog.pg_trigger g
				   WHERE g.tgrelid OPERATOR(pg_catalog.=) part
				     AND g.tgname OPERATOR(pg_catalog.=) 'kc_year_lock_truncate') THEN
			EXECUTE pg_catalog.format('DROP TRIGGER kc_year_lock_truncate ON %s', part);
		END IF;
		EXECUTE pg_catalog.format('CREATE TRIGGER kc_year_lock_truncate BEFORE TRUNCATE ON %s '
								  'FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.kc_year_lock_truncate(%L)',
								  part, year_column);
	END LOOP;
END $$;

CREATE OR REPLACE FUNCTION @extschema@.kc_enforce_support_cap(
	projects pg_catalog.regclass, category_column pg_catalog.text,
	source_column pg_catalog.text, province_column pg_catalog.text,
	approved_on_column pg_catalog.text, cost_column pg_catalog.text,
	support_column pg_catalog.text)
RETURNS pg_catalog.void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	kind pg_catalog."char";
	t pg_catalog.regtype;
	money_type pg_catalog.regtype := '@extschema@.kc_money'::pg_catalog.regtype;
	text_type pg_catalog.regtype := 'pg_catalog.text'::pg_catalog.regtype;
	varchar_type pg_catalog.regtype := 'pg_catalog.varchar'::pg_catalog.regtype;
	int8_type pg_catalog.regtype := 'pg_catalog.int8'::pg_catalog.regtype;
	rels pg_catalog.regclass[];
	rel pg_catalog.regclass;
BEGIN
	IF projects IS NULL THEN
		RAISE EXCEPTION USING MESSAGE = @extschema@.kc_message('the project table is missing'::pg_catalog.text, ARRAY[]::pg_catalog.text[]),
				ERRCODE = 'null_value_not_allowed';
	END IF;
	SELECT c.relkind INTO kind FROM pg_catalog.pg_class c
	WHERE c.oid OPERATOR(pg_catalog.=) projects;
	IF kind IS NULL OR (kind OPERATOR(pg_catalog.<>) 'r' AND kind OPERATOR(pg_catalog.<>) 'p') THEN
		RAISE EXCEPTION USING MESSAGE = @extschema@.kc_message('%s is not a table'::pg_catalog.text,
					ARRAY[projects::pg_catalog.text]::pg_catalog.text[]),
				ERRCODE = 'wrong_object_type';
	END IF;

	t := @extschema@.kc_column_type_of(projects, category_column, 'category');
	IF t OPERATOR(pg_catalog.<>) text_type AND t OPERATOR(pg_catalog.<>) varchar_type THEN
		RAISE EXCEPTION USING MESSAGE = @extschema@.kc_message('category column "%s" of %s has type %s, not text'::pg_catalog.text,
					ARRAY[category_column::pg_catalog.text, projects::pg_catalog.text, t::pg_catalog.text]::pg_catalog.text[]),
				ERRCODE = 'datatype_mismatch',
				HINT = @extschema@.kc_message('The category column holds codes of kc_project_category.'::pg_catalog.text, ARRAY[]::pg_catalog.text[]);
	END IF;
	IF source_column IS NOT NULL THEN
		t := @extschema@.kc_column_type_of(projects, source_column, 'source');
		IF t OPERATOR(pg_catalog.<>) '@extschema@.kc_source'::pg_catalog.regtype THEN
			RAISE EXCEPTION USING MESSAGE = @extschema@.kc_message('source column "%s" of %s has type %s, not kc_source'::pg_catalog.text,
						ARRAY[source_column::pg_catalog.text, projects::pg_catalog.text, t::pg_catalog.text]::pg_catalog.text[]),
					ERRCODE = 'datatype_mismatch',
					HINT = @extschema@.kc_message('Pass NULL as the source column when the table has none; then only any-source rules apply.'::pg_catalog.text, ARRAY[]::pg_catalog.text[]);
		END IF;
	END IF;
	IF province_column IS NOT NULL THEN
		t := @extschema@.kc_column_type_of(projects, province_column, 'province');
		IF t OPERATOR(pg_catalog.<>) text_type AND t OPERATOR(pg_catalog.<>) varchar_type THEN
			RAISE EXCEPTION USING MESSAGE = @extschema@.kc_message('province column "%s" of %s has type %s, not text'::pg_catalog.text,
						ARRAY[province_column::pg_catalog.text, projects::pg_catalog.text, t::pg_catalog.text]::pg_catalog.text[]),
					ERRCODE = 'datatype_mismatch',
					HINT = @extschema@.kc_message('Pass NULL as the province column when the table has none; then only nationwide rules apply.'::pg_catalog.text, ARRAY[]::pg_catalog.text[]);
		END IF;
	END IF;
	t := @extschema@.kc_column_type_of(projects, approved_on_column, 'approval date');
	IF t OPERATOR(pg_catalog.<>) 'pg_catalog.date'::pg_catalog.regtype THEN
		RAISE EXCEPTION USING MESSAGE = @extschema@.kc_message('approval date column "%s" of %s has type %s, not date'::pg_catalog.text,
					ARRAY[approved_on_column::pg_catalog.text, projects::pg_catalog.text, t::pg_catalog.text]::pg_catalog.text[]),
				ERRCODE = 'datatype_mismatch';
	END IF;
	t := @extschema@.kc_column_type_of(projects, cost_column, 'cost');
	IF t OPERATOR(pg_catalog.<>) money_type AND t OPERATOR(pg_catalog.<>) int8_type THEN
		RAISE EXCEPTION USING MESSAGE = @extschema@.kc_message('cost column "%s" of %s has type %s, not kc_money'::pg_catalog.text,
					ARRAY[cost_column::pg_catalog.text, projects::pg_catalog.text, t::pg_catalog.text]::pg_catalog.text[]),
				ERRCODE = 'datatype_mismatch';
	END IF;
	t := @extschema@.kc_column_type_of(projects, support_column, 'support');
	IF t OPERATOR(pg_catalog.<>) money_type AND t OPERATOR(pg_catalog.<>) int8_type THEN
		RAISE EXCEPTION USING MESSAGE = @extschema@.kc_message('support column "%s" of %s has type %s, not kc_money'::pg_catalog.text,
					ARRAY[support_column::pg_catalog.text, projects::pg_catalog.text, t::pg_catalog.text]::pg_catalog.text[]),
				ERRCODE = 'datatype_mismatch';
	END IF;

	-- The table and its inheritance children at every depth (see
	-- kc_enforce_year_lock); partitions get the row trigger by cloning.
	rels := ARRAY[projects];
	IF kind OPERATOR(pg_catalog.=) 'r' THEN
		rels := rels OPERATOR(pg_catalog.||) ARRAY(
			WITH RECURSIVE d(relid) AS (
				SELECT i.inhrelid FROM pg_catalog.pg_inherits i
				WHERE i.inhparent OPERATOR(pg_catalog.=) projects
				UNION
				SELECT i.inhrelid FROM pg_catalog.pg_inherits i
				JOIN d ON i.inhparent OPERATOR(pg_catalog.=) d.relid)
			SELECT d.relid::pg_catalog.regclass FROM d ORDER BY d.relid);
	END IF;

	-- On every UPDATE, not UPDATE OF the rule's columns: a BEFORE trigger
	-- may change a watched column the statement does not name.  The check
	-- skips rows whose watched columns did not change.
	FOREACH rel IN ARRAY rels LOOP
		IF EXISTS (SELECT 1 FROM pg_catalog.pg_trigger g
				   WHERE g.tgrelid OPERATOR(pg_catalog.=) rel
				     AND g.tgname OPERATOR(pg_catalog.=) 'kc_support_cap') THEN
			EXECUTE pg_catalog.format('DROP TRIGGER kc_support_cap ON %s', rel);
		END IF;
		EXECUTE pg_catalog.format('CREATE TRIGGER kc_support_cap AFTER INSERT OR UPDATE ON %s '
								  'FOR EACH ROW EXECUTE FUNCTION @extschema@.kc_support_cap_check(%L, %L, %L, %L, %L, %L)',
								  rel, category_column, coalesce(source_column, ''),
								  coalesce(province_column, ''), approved_on_column, cost_column,
								  support_column);
		IF kind OPERATOR(pg_catalog.=) 'r' THEN
			EXECUTE pg_catalog.format('CREATE OR REPLACE TRIGGER kc_support_cap_inherit '
									  'BEFORE UPDATE ON %s FOR EACH STATEMENT '
									  'EXECUTE FUNCTION @extschema@.kc_inherit_guard(%L, %L)',
									  rel, 'kc_support_cap', 'kc_enforce_support_cap');
		END IF;
	END LOOP;
END $$;

CREATE OR REPLACE FUNCTION @extschema@.kc_rule_trigger_watch() RETURNS event_trigger
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $kc_watch$
DECLARE
	t record;
BEGIN
	FOR t IN
		SELECT DISTINCT g.tgrelid::pg_catalog.regclass AS rel, g.tgname, g.tgenabled,
			p.proname
		FROM pg_catalog.pg_event_trigger_ddl_commands() c
		JOIN pg_catalog.pg_trigger g ON g.tgrelid OPERATOR(pg_catalog.=) c.objid
		JOIN pg_catalog.pg_proc p ON p.oid OPERATOR(pg_catalog.=) g.tgfoid
		WHERE c.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
		  AND p.pronamespace OPERATOR(pg_catalog.=) '@extschema@'::pg_catalog.regnamespace
		  AND p.proname OPERATOR(pg_catalog.=) ANY (ARRAY['kc_cap_child_row', 'kc_cap_child_truncate',
				'kc_cap_parent_row', 'kc_support_cap_check', 'kc_year_lock_row',
				'kc_year_lock_truncate', 'kc_inherit_guard']::pg_catalog.name[])
		  AND g.tgenabled OPERATOR(pg_catalog.=) ANY (ARRAY['D', 'R']::pg_catalog."char"[])
		ORDER BY 1, 2
	LOOP
		RAISE LOG USING MESSAGE = CASE t.tgenabled
			WHEN 'D' THEN @extschema@.kc_message('kc_ext: trigger "%s" on table %s (%s) is disabled, so its rule is not enforced there; changed by role "%s" (session role "%s")'::pg_catalog.text,
				ARRAY[t.tgname::pg_catalog.text, t.rel::pg_catalog.text, t.proname::pg_catalog.text,
				current_user::pg_catalog.text, session_user::pg_catalog.text]::pg_catalog.text[])
			ELSE @extschema@.kc_message('kc_ext: trigger "%s" on table %s (%s) is enabled for replica sessions only, so its rule is not enforced there; changed by role "%s" (session role "%s")'::pg_catalog.text,
				ARRAY[t.tgname::pg_catalog.text, t.rel::pg_catalog.text, t.proname::pg_catalog.text,
				current_user::pg_catalog.text, session_user::pg_catalog.text]::pg_catalog.text[]) END;
		RAISE WARNING USING MESSAGE = CASE t.tgenabled
			WHEN 'D' THEN @extschema@.kc_message('trigger "%s" on table %s is disabled: the kc_ext rule it carries is not enforced on this table'::pg_catalog.text,
				ARRAY[t.tgname::pg_catalog.text, t.rel::pg_catalog.text]::pg_catalog.text[])
			ELSE @extschema@.kc_message('trigger "%s" on table %s is enabled for replica sessions only: the kc_ext rule it carries is not enforced on this table'::pg_catalog.text,
				ARRAY[t.tgname::pg_catalog.text, t.rel::pg_catalog.text]::pg_catalog.text[]) END,
			HINT = CASE WHEN t.proname OPERATOR(pg_catalog.~~) 'kc\_cap\_%'
				THEN @extschema@.kc_message('ALTER TABLE %s ENABLE TRIGGER %s; then run kc_cap_rebuild for its rule: rows written meanwhile were not counted.'::pg_catalog.text,
					ARRAY[t.rel::pg_catalog.text, pg_catalog.quote_ident(t.tgname)]::pg_catalog.text[])
				ELSE @extschema@.kc_message('ALTER TABLE %s ENABLE TRIGGER %s.'::pg_catalog.text,
					ARRAY[t.rel::pg_catalog.text, pg_catalog.quote_ident(t.tgname)]::pg_catalog.text[]) END;
	END LOOP;
END
$kc_watch$;

CREATE OR REPLACE FUNCTION @extschema@.kc_cap_inheritance_guard() RETURNS event_trigger
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $kc_guard$
DECLARE
	t record;
BEGIN
	FOR t IN
		WITH RECURSIVE touched AS (
			SELECT c.objid AS relid FROM pg_catalog.pg_event_trigger_ddl_commands() c
			WHERE c.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
		), up(child, ancestor) AS (
			SELECT i.inhrelid, i.inhparent FROM pg_catalog.pg_inherits i
			JOIN pg_catalog.pg_class k ON k.oid OPERATOR(pg_catalog.=) i.inhrelid
			WHERE i.inhrelid OPERATOR(pg_catalog.=) ANY (SELECT relid FROM touched)
			  AND NOT k.relispartition
			UNION
			SELECT up.child, i.inhparent FROM up
			JOIN pg_catalog.pg_inherits i ON i.inhrelid OPERATOR(pg_catalog.=) up.ancestor
		)
		SELECT r.rule_name, up.child::pg_catalog.regclass AS child, up.ancestor::pg_catalog.regclass AS ancestor
		FROM up JOIN @extschema@.kc_cap_rule r
		  ON up.ancestor OPERATOR(pg_catalog.=) ANY (ARRAY[r.child_table::pg_catalog.oid, r.parent_table::pg_catalog.oid])
		ORDER BY 1, 2
		LIMIT 1
	LOOP
		RAISE EXCEPTION USING MESSAGE = @extschema@.kc_message('table %s cannot inherit from %s: %s is a table of cap rule "%s"'::pg_catalog.text,
					ARRAY[t.child::pg_catalog.text, t.ancestor::pg_catalog.text, t.ancestor::pg_catalog.text, t.rule_name::pg_catalog.text]::pg_catalog.text[]),
				ERRCODE = 'feature_not_supported',
				DETAIL = @extschema@.kc_message('A cap rule counts the rows of its own tables and their partitions only; rows of an inheritance child would escape it.'::pg_catalog.text, ARRAY[]::pg_catalog.text[]),
				HINT = @extschema@.kc_message('Use declarative partitioning (PARTITION BY ... / ATTACH PARTITION) instead of INHERITS.'::pg_catalog.text, ARRAY[]::pg_catalog.text[]);
	END LOOP;
	-- a table of a rule made an inheritance child of another table
	FOR t IN
		SELECT r.rule_name, i.inhrelid::pg_catalog.regclass AS child, i.inhparent::pg_catalog.regclass AS ancestor
		FROM pg_catalog.pg_event_trigger_ddl_commands() c
		JOIN pg_catalog.pg_inherits i ON i.inhrelid OPERATOR(pg_catalog.=) c.objid
		JOIN pg_catalog.pg_class k ON k.oid OPERATOR(pg_catalog.=) i.inhrelid AND NOT k.relispartition
		JOIN @extschema@.kc_cap_rule r
		  ON i.inhrelid OPERATOR(pg_catalog.=) ANY (ARRAY[r.child_table::pg_catalog.oid, r.parent_table::pg_catalog.oid])
		WHERE c.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
		ORDER BY 1, 2
		LIMIT 1
	LOOP
		RAISE EXCEPTION USING MESSAGE = @extschema@.kc_message('table %s cannot inherit from %s: %s is a table of cap rule "%s"'::pg_catalog.text,
					ARRAY[t.child::pg_catalog.text, t.ancestor::pg_catalog.text, t.child::pg_catalog.text, t.rule_name::pg_catalog.text]::pg_catalog.text[]),
				ERRCODE = 'feature_not_supported',
				DETAIL = @extschema@.kc_message('A cap rule''s tables take part in no plain inheritance.'::pg_catalog.text, ARRAY[]::pg_catalog.text[]),
				HINT = @extschema@.kc_message('Drop the rule with kc_drop_cap first, or use declarative partitioning.'::pg_catalog.text, ARRAY[]::pg_catalog.text[]);
	END LOOP;
END
$kc_guard$;

CREATE OR REPLACE FUNCTION @extschema@.kc_drop_rule(rule_name pg_catalog.text)
RETURNS pg_catalog.void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $kc_drop$
DECLARE
	kind pg_catalog.text;
	tbl pg_catalog.regclass;
	g record;
BEGIN
	IF rule_name IS NULL THEN
		RAISE EXCEPTION USING MESSAGE = @extschema@.kc_message('argument rule_name of kc_drop_rule must not be NULL'::pg_catalog.text, ARRAY[]::pg_catalog.text[]),
				ERRCODE = 'null_value_not_allowed';
	END IF;
	IF EXISTS (SELECT 1 FROM @extschema@.kc_cap_rule r WHERE r.rule_name OPERATOR(pg_catalog.=) kc_drop_rule.rule_name) THEN
		PERFORM @extschema@.kc_drop_cap(rule_name);
		RETURN;
	END IF;
	SELECT r.kind INTO kind FROM @extschema@.kc_rules r
	WHERE r.rule_name OPERATOR(pg_catalog.=) kc_drop_rule.rule_name;
	IF kind IS NULL THEN
		RAISE EXCEPTION USING MESSAGE = @extschema@.kc_message('rule "%s" does not exist'::pg_catalog.text,
					ARRAY[rule_name::pg_catalog.text]::pg_catalog.text[]),
				ERRCODE = 'undefined_object',
				HINT = @extschema@.kc_message('The view kc_rules lists the rules of every kind.'::pg_catalog.text, ARRAY[]::pg_catalog.text[]);
	END IF;
	tbl := pg_catalog.to_regclass(pg_catalog.substr(rule_name, pg_catalog.length(kind) OPERATOR(pg_catalog.+) 2));
	-- the rule's triggers on the table, its partitions and its inheritance
	-- children, found by the function they run
	FOR g IN
		SELECT gt.tgname, gt.tgrelid::pg_catalog.regclass AS rel
		FROM pg_catalog.pg_trigger gt
		WHERE gt.tgparentid OPERATOR(pg_catalog.=) 0
		  AND (gt.tgrelid OPERATOR(pg_catalog.=) tbl
		       OR gt.tgrelid OPERATOR(pg_catalog.=) ANY (
		          SELECT p.relid FROM pg_catalog.pg_partition_tree(tbl) p)
		       OR gt.tgrelid OPERATOR(pg_catalog.=) ANY (
		          WITH RECURSIVE d(relid) AS (
		              SELECT i.inhrelid FROM pg_catalog.pg_inherits i WHERE i.inhparent OPERATOR(pg_catalog.=) tbl
		              UNION
		              SELECT i.inhrelid FROM pg_catalog.pg_inherits i JOIN d ON i.inhparent OPERATOR(pg_catalog.=) d.relid)
		          SELECT d.relid FROM d))
		  AND (CASE kind
		       WHEN 'year_lock' THEN
		           gt.tgfoid OPERATOR(pg_catalog.=) ANY (ARRAY['@extschema@.kc_year_lock_row()'::pg_catalog.regprocedure,
		                                                    '@extschema@.kc_year_lock_truncate()'::pg_catalog.regprocedure]::pg_catalog.oid[])
		           OR (gt.tgfoid OPERATOR(pg_catalog.=) '@extschema@.kc_inherit_guard()'::pg_catalog.regprocedure::pg_catalog.oid
		               AND gt.tgname OPERATOR(pg_catalog.=) 'kc_year_lock_inherit')
		       ELSE
		           gt.tgfoid OPERATOR(pg_catalog.=) '@extschema@.kc_support_cap_check()'::pg_catalog.regprocedure::pg_catalog.oid
		           OR (gt.tgfoid OPERATOR(pg_catalog.=) '@extschema@.kc_inherit_guard()'::pg_catalog.regprocedure::pg_catalog.oid
		               AND gt.tgname OPERATOR(pg_catalog.=) 'kc_support_cap_inherit')
		       END)
		ORDER BY gt.tgrelid, gt.tgname
	LOOP
		EXECUTE pg_catalog.format('DROP TRIGGER %I ON %s', g.tgname, g.rel);
	END LOOP;
	IF kind OPERATOR(pg_catalog.=) 'year_lock' THEN
		RAISE LOG USING MESSAGE = @extschema@.kc_message('kc_ext: rule "%s" dropped by role "%s" (session role "%s"): closed years no longer protect %s'::pg_catalog.text,
					ARRAY[rule_name::pg_catalog.text, current_user::pg_catalog.text, session_user::pg_catalog.text, tbl::pg_catalog.text]::pg_catalog.text[]);
	END IF;
END
$kc_drop$;

-- ====================================================================
-- Rules: one life cycle for every kind (issue 15)
-- ====================================================================

-- A kept total is rewritten by every transaction that touches its key
-- (src/rules/cap/kc_cap_total.c): room left on each page lets those
-- updates stay heap-only, with no new index entries.
ALTER TABLE @extschema@.kc_cap_total SET (fillfactor = 50);

-- ====================================================================
-- BI: kc_plan as a composite type (issue 12)
-- ====================================================================

-- ====================================================================
-- end of kc_ext 1.1 -> 1.2
-- ====================================================================
