-- kc_plan: a (planned, actual) pair; fulfilment percentages; aggregates.

CREATE TYPE @extschema@.kc_plan;
CREATE FUNCTION @extschema@.kc_plan_in(cstring) RETURNS @extschema@.kc_plan
	AS 'MODULE_PATHNAME', 'kc_plan_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_plan_out(@extschema@.kc_plan) RETURNS cstring
	AS 'MODULE_PATHNAME', 'kc_plan_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_plan_recv(internal) RETURNS @extschema@.kc_plan
	AS 'MODULE_PATHNAME', 'kc_plan_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_plan_send(@extschema@.kc_plan) RETURNS bytea
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
CREATE FUNCTION @extschema@.kc_plan_eq(@extschema@.kc_plan, @extschema@.kc_plan) RETURNS boolean
	AS 'MODULE_PATHNAME', 'kc_plan_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.kc_plan_ne(@extschema@.kc_plan, @extschema@.kc_plan) RETURNS boolean
	AS 'MODULE_PATHNAME', 'kc_plan_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;

CREATE OPERATOR @extschema@.+ (LEFTARG = @extschema@.kc_plan, RIGHTARG = @extschema@.kc_plan,
	FUNCTION = @extschema@.kc_plan_pl, COMMUTATOR = OPERATOR(@extschema@.+));
CREATE OPERATOR @extschema@.= (LEFTARG = @extschema@.kc_plan, RIGHTARG = @extschema@.kc_plan,
	FUNCTION = @extschema@.kc_plan_eq, COMMUTATOR = OPERATOR(@extschema@.=),
	NEGATOR = OPERATOR(@extschema@.<>), RESTRICT = eqsel, JOIN = eqjoinsel);
CREATE OPERATOR @extschema@.<> (LEFTARG = @extschema@.kc_plan, RIGHTARG = @extschema@.kc_plan,
	FUNCTION = @extschema@.kc_plan_ne, COMMUTATOR = OPERATOR(@extschema@.<>),
	NEGATOR = OPERATOR(@extschema@.=), RESTRICT = neqsel, JOIN = neqjoinsel);

-- Percentages: exact, rounded once by the named mode; NULL when the whole is 0.
CREATE FUNCTION @extschema@.kc_pct(p @extschema@.kc_plan, digits integer DEFAULT 2,
		rounding text DEFAULT 'half_up') RETURNS numeric
	AS 'MODULE_PATHNAME', 'kc_pct_plan' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.kc_pct(@extschema@.kc_plan, integer, text) IS
	'100 × actual ÷ planned, exact, rounded to digits decimals by rounding (half_up, half_even, trunc); NULL when planned is 0.';
CREATE FUNCTION @extschema@.kc_pct(part @extschema@.kc_money, whole @extschema@.kc_money,
		digits integer DEFAULT 2, rounding text DEFAULT 'half_up') RETURNS numeric
	AS 'MODULE_PATHNAME', 'kc_pct_money' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.kc_pct(@extschema@.kc_money, @extschema@.kc_money, integer, text) IS
	'100 × part ÷ whole, exact, rounded to digits decimals by rounding (half_up, half_even, trunc); NULL when whole is 0.';
CREATE FUNCTION @extschema@.kc_format_pct(pct numeric, digits integer DEFAULT NULL) RETURNS text
	AS 'MODULE_PATHNAME', 'kc_format_pct' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.kc_format_pct(numeric, integer) IS
	'Writes a percentage in Vietnamese notation: 93,48%. digits NULL drops trailing zeros (64,5%, 55%).';

-- Aggregates over (planned, actual).
CREATE TYPE @extschema@.kc_plan_sumstate;
CREATE FUNCTION @extschema@.kc_plan_sumstate_in(cstring) RETURNS @extschema@.kc_plan_sumstate
	AS 'MODULE_PATHNAME', 'kc_plan_sumstate_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_plan_sumstate_out(@extschema@.kc_plan_sumstate) RETURNS cstring
	AS 'MODULE_PATHNAME', 'kc_plan_sumstate_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_plan_sumstate_recv(internal) RETURNS @extschema@.kc_plan_sumstate
	AS 'MODULE_PATHNAME', 'kc_plan_sumstate_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.kc_plan_sumstate_send(@extschema@.kc_plan_sumstate) RETURNS bytea
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
