-- test/upgrade/support.sql -- helpers for fill.sql and verify.sql (included
-- by both with \ir).  They live in schema kc_upg, so a dump of the filled
-- database carries them along; CREATE OR REPLACE lets verify.sql bring
-- them up to date.  Results go to the session's temporary table kc_result.

CREATE TABLE IF NOT EXISTS kc_upg.probe (
	name text PRIMARY KEY,
	query text NOT NULL,
	value text				-- the result under the version that filled the database
);

-- Statements that a rule must refuse (want_sqlstate, want_constraint: what
-- the version that filled the database answered) or must allow, and
-- invariants (a query that must return true).
CREATE TABLE IF NOT EXISTS kc_upg.rule_check (
	seq serial,
	name text PRIMARY KEY,
	kind text NOT NULL CHECK (kind IN ('refused', 'allowed', 'holds')),
	stmt text NOT NULL,
	want_sqlstate text,
	want_constraint text
);

CREATE OR REPLACE FUNCTION kc_upg.report(status text, name text, detail text DEFAULT NULL)
RETURNS void LANGUAGE sql AS $$
	INSERT INTO pg_temp.kc_result (status, name, detail) VALUES ($1, $2, $3)
$$;

-- Runs stmt and always rolls it back.  Returns NULL st when it succeeded,
-- else the SQLSTATE, constraint name and message of its error.  Deferred
-- constraints are checked before the rollback (SET CONSTRAINTS ALL IMMEDIATE).
-- With keep => true a statement that succeeds is kept.
CREATE OR REPLACE FUNCTION kc_upg.try(stmt text, keep boolean DEFAULT false,
	OUT st text, OUT cname text, OUT msg text)
LANGUAGE plpgsql AS $$
BEGIN
	BEGIN
		EXECUTE stmt;
		SET CONSTRAINTS ALL IMMEDIATE;
		IF NOT keep THEN
			RAISE EXCEPTION 'kc_upg: statement succeeded' USING ERRCODE = 'KCU00';
		END IF;
	EXCEPTION WHEN OTHERS THEN
		GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, cname = CONSTRAINT_NAME, msg = MESSAGE_TEXT;
		IF st = 'KCU00' THEN
			st := NULL; cname := NULL; msg := NULL;
		END IF;
	END;
END
$$;

CREATE OR REPLACE FUNCTION kc_upg.shorten(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE WHEN length(t) > 300 THEN left(t, 300) || '... (' || length(t) || ' characters, md5 ' || md5(t) || ')' ELSE t END
$$;

-- Registers a probe: a query returning one text value.  Its value is
-- computed by record_probes() at the end of fill.sql, in a transaction of
-- its own, after everything before it has committed (some state, such as
-- running totals, is only written at commit).  Not a check by itself:
-- verify.sql compares.
CREATE OR REPLACE FUNCTION kc_upg.add_probe(pname text, query text) RETURNS void
LANGUAGE sql AS $$
	INSERT INTO kc_upg.probe (name, query) VALUES (pname, query)
$$;

CREATE OR REPLACE FUNCTION kc_upg.record_probes() RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	p record;
	v text;
BEGIN
	FOR p IN SELECT * FROM kc_upg.probe ORDER BY name LOOP
		BEGIN
			EXECUTE p.query INTO STRICT v;
			UPDATE kc_upg.probe SET value = v WHERE name = p.name;
		EXCEPTION WHEN OTHERS THEN
			PERFORM kc_upg.report('FAIL', 'recording ' || p.name, SQLSTATE || ': ' || SQLERRM);
			DELETE FROM kc_upg.probe WHERE name = p.name;
		END;
	END LOOP;
END
$$;

-- A statement the rule must refuse.  want_sqlstate NULL: any specific
-- SQLSTATE the extension chose (not the catch-all P0001 or XX000) is
-- recorded and required from then on.
CREATE OR REPLACE FUNCTION kc_upg.add_refused(pname text, stmt text,
	want_sqlstate text DEFAULT NULL, want_constraint text DEFAULT NULL) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	r record;
BEGIN
	r := kc_upg.try(stmt);
	IF r.st IS NULL THEN
		PERFORM kc_upg.report('FAIL', pname || ' is refused', 'the statement succeeded: ' || stmt);
	ELSIF want_sqlstate IS NOT NULL AND r.st <> want_sqlstate THEN
		PERFORM kc_upg.report('FAIL', pname || ' is refused with ' || want_sqlstate, r.st || ': ' || r.msg);
	ELSIF want_sqlstate IS NULL AND r.st IN ('P0001', 'XX000', '42P01', '42703', '42883', '42601') THEN
		PERFORM kc_upg.report('FAIL', pname || ' is refused with a specific SQLSTATE', r.st || ': ' || r.msg);
	ELSIF want_constraint IS NOT NULL AND r.cname IS DISTINCT FROM want_constraint THEN
		PERFORM kc_upg.report('FAIL', pname || ' names constraint ' || want_constraint,
			'constraint ' || coalesce(r.cname, '(none)') || ': ' || r.msg);
	ELSE
		INSERT INTO kc_upg.rule_check (name, kind, stmt, want_sqlstate, want_constraint)
		VALUES (pname, 'refused', stmt, r.st, r.cname);
		PERFORM kc_upg.report('ok', pname || ' is refused (' || r.st || coalesce(', constraint ' || nullif(r.cname, ''), '') || ')');
	END IF;
END
$$;

-- A statement the rule must allow (run, then rolled back).
CREATE OR REPLACE FUNCTION kc_upg.add_allowed(pname text, stmt text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	r record;
BEGIN
	r := kc_upg.try(stmt);
	IF r.st IS NOT NULL THEN
		PERFORM kc_upg.report('FAIL', pname || ' is allowed', r.st || ': ' || r.msg);
	ELSE
		INSERT INTO kc_upg.rule_check (name, kind, stmt) VALUES (pname, 'allowed', stmt);
		PERFORM kc_upg.report('ok', pname || ' is allowed');
	END IF;
END
$$;

-- An invariant: a query returning true (checked now, and by verify.sql).
CREATE OR REPLACE FUNCTION kc_upg.add_holds(pname text, query text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	v boolean;
BEGIN
	EXECUTE query INTO STRICT v;
	IF v THEN
		INSERT INTO kc_upg.rule_check (name, kind, stmt) VALUES (pname, 'holds', query);
		PERFORM kc_upg.report('ok', pname);
	ELSE
		PERFORM kc_upg.report('FAIL', pname, coalesce(v::text, 'NULL') || ' from: ' || query);
	END IF;
EXCEPTION WHEN OTHERS THEN
	PERFORM kc_upg.report('FAIL', pname, SQLSTATE || ': ' || SQLERRM);
END
$$;

-- The text of a query's one value, 'NULL', or 'ERROR <sqlstate>': lets a
-- probe record what a function does with each sample, errors included.
CREATE OR REPLACE FUNCTION kc_upg.eval(q text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
	v text;
BEGIN
	EXECUTE q INTO v;
	RETURN coalesce(v, 'NULL');
EXCEPTION WHEN OTHERS THEN
	RETURN 'ERROR ' || SQLSTATE;
END
$$;

-- Is the function with this signature in the installed version?  When it
-- is not but kc_ext has a function of that name with other arguments, the
-- API changed and the test must follow: that is reported as a failure, not
-- skipped.  (overloaded => true for names such as sum, which kc_ext has for
-- several types, where another signature says nothing.)
CREATE OR REPLACE FUNCTION kc_upg.has(signature text, overloaded boolean DEFAULT false) RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
	others text;
BEGIN
	IF to_regprocedure(signature) IS NOT NULL THEN
		RETURN true;
	END IF;
	IF NOT overloaded THEN
		SELECT string_agg(p.oid::regprocedure::text, ', ') INTO others
		FROM pg_proc p JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
		     AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'kc_ext')
		WHERE p.proname = split_part(signature, '(', 1);
		IF others IS NOT NULL THEN
			PERFORM kc_upg.report('FAIL', format('kc_ext has %s, not %s', others, signature),
				'the API changed: update test/upgrade/fill*.sql');
		END IF;
	END IF;
	RETURN false;
END
$$;

-- Runs a statement that must succeed and be kept (filling data through
-- the rules); a failure is reported.
CREATE OR REPLACE FUNCTION kc_upg.run(pname text, stmt text) RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
	r record;
BEGIN
	r := kc_upg.try(stmt, true);
	IF r.st IS NOT NULL THEN
		PERFORM kc_upg.report('FAIL', pname, r.st || ': ' || r.msg);
		RETURN false;
	END IF;
	RETURN true;
END
$$;
