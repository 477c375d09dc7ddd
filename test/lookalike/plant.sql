-- test/lookalike/plant.sql -- plants look-alikes into schema :'schema', as
-- the role running it (test/suites/72-lookalike.sh runs it as the ordinary
-- role that owns the database, which can create objects in public).
--
-- Variables (space-separated lists generated from kc_ext's scripts and C
-- sources by the suite): ops (operator symbols), types (type names), funcs
-- (function names called), ext (the extension's schema, or '' before
-- CREATE EXTENSION).  Plants, for every operator symbol and every pair of
-- those types with no exact operator in pg_catalog or the target schema, an
-- operator; for every called function of pg_catalog or the extension, a
-- variant of each signature with one argument replaced by each of the types
-- (nextval(text), kc_trigger_args(regclass, name), ...); a domain named
-- like every type; views named like the catalogs the scripts read.  Each
-- runs la.hit(), which logs the call into la.calls (INSERT granted to
-- PUBLIC), raises a WARNING 'kc_lookalike_called: ...' (seen even when the
-- transaction then fails) and tries ALTER ROLE <the planting role> SUPERUSER.
-- Prints one line: the number of objects planted.

\set ON_ERROR_STOP 1
SET search_path = pg_catalog, pg_temp;
SET client_min_messages = warning;
SELECT set_config('kc_la.schema', :'schema', false), set_config('kc_la.ops', :'ops', false),
	   set_config('kc_la.types', :'types', false), set_config('kc_la.funcs', :'funcs', false),
	   set_config('kc_la.ext', :'ext', false), set_config('kc_la.reserved', :'reserved', false), set_config('kc_la.role', current_user, false) \gset kc_la_

CREATE SCHEMA IF NOT EXISTS la;
GRANT USAGE ON SCHEMA la TO PUBLIC;
CREATE TABLE IF NOT EXISTS la.calls (what text, called_by name, at timestamptz);
GRANT SELECT, INSERT ON la.calls TO PUBLIC;
CREATE TABLE IF NOT EXISTS la.planted (what text);
CREATE OR REPLACE FUNCTION la.hit(what text) RETURNS boolean
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $f$
BEGIN
	RAISE WARNING 'kc_lookalike_called: % (as %)', what, current_user;
	INSERT INTO la.calls VALUES (what, current_user, clock_timestamp());
	BEGIN
		EXECUTE format('ALTER ROLE %I SUPERUSER', (SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = 'la'));
	EXCEPTION WHEN OTHERS THEN
		NULL;
	END;
	RETURN true;
END $f$;

DO $do$
DECLARE
	sch text := current_setting('kc_la.schema');
	nsp oid := sch::regnamespace;
	ext text := current_setting('kc_la.ext');
	typs regtype[];
	optyps regtype[];
	op text;
	a regtype;
	b regtype;
	t regtype;
	ret text;
	fname text;
	n int := 0;
	p record;
	args regtype[];
	i int;
	sig text;
	body text;
	nm text;
BEGIN
	SELECT array_agg(DISTINCT r ORDER BY r) INTO typs
	FROM (SELECT CASE WHEN x LIKE 'kc\_%' THEN CASE WHEN current_setting('kc_la.ext') <> ''
										  THEN to_regtype(format('%I.%s', current_setting('kc_la.ext'), x)) END
					  ELSE to_regtype(x) END r FROM unnest(string_to_array(btrim(current_setting('kc_la.types')), ' ')) x WHERE x <> '') s
	WHERE r IS NOT NULL AND (SELECT typtype FROM pg_type WHERE oid = r) NOT IN ('p', 'c')
	  AND r::text NOT LIKE '%sumstate';	-- internal states: no operators, not passed around
	SELECT array_agg(r) INTO optyps FROM unnest(typs) r
	WHERE r::text NOT IN ('bytea', 'jsonb', 'tid', 'timestamp with time zone', 'character varying');

	-- operators: over the types the scripts compare and compute with
	FOREACH op IN ARRAY array_remove(string_to_array(current_setting('kc_la.ops'), ' '), '') LOOP
		FOREACH a IN ARRAY optyps LOOP
			FOREACH b IN ARRAY optyps || ARRAY[NULL::regtype] LOOP
				IF b IS NULL THEN	-- a prefix operator: op a
					IF op NOT IN ('-', '+') OR EXISTS (SELECT FROM pg_operator o WHERE o.oprname = op
							AND o.oprleft = 0 AND o.oprright = a
							AND o.oprnamespace IN ('pg_catalog'::regnamespace, nsp)) THEN
						CONTINUE;
					END IF;
				ELSIF format('%s:%s:%s', op, (SELECT typname FROM pg_type WHERE oid = a), (SELECT typname FROM pg_type WHERE oid = b))
						  = ANY (string_to_array(current_setting('kc_la.reserved'), ' ')) THEN
					CONTINUE;	-- kc_ext creates it: a collision would only make CREATE EXTENSION fail
				ELSIF EXISTS (SELECT FROM pg_operator o WHERE o.oprname = op
							  AND o.oprleft = a AND o.oprright = b
							  AND o.oprnamespace IN ('pg_catalog'::regnamespace, nsp)) THEN
					CONTINUE;
				END IF;
				ret := CASE WHEN op IN ('=', '<>', '<', '<=', '>', '>=', '~', '!~', '~~', '!~~') THEN 'boolean'
							WHEN op = '||' THEN 'text' ELSE a::text END;
				n := n + 1;
				fname := 'op_' || n || '_' || md5(sch || op || a || coalesce(b::text, ''));
				IF b IS NULL THEN	-- prefix: op a
					sig := format('%s.%s(NONE, %s)', sch, op, a);
					EXECUTE format('CREATE FUNCTION la.%I(%s) RETURNS %s LANGUAGE plpgsql AS %L',
								   fname, a, ret, format('BEGIN PERFORM la.hit(%L); RETURN NULL; END', 'operator ' || sig));
					EXECUTE format('CREATE OPERATOR %I.%s (RIGHTARG = %s, FUNCTION = la.%I)', sch, op, a, fname);
				ELSE
					sig := format('%s.%s(%s, %s)', sch, op, a, b);
					EXECUTE format('CREATE FUNCTION la.%I(%s, %s) RETURNS %s LANGUAGE plpgsql AS %L',
								   fname, a, b, ret, format('BEGIN PERFORM la.hit(%L); RETURN NULL; END', 'operator ' || sig));
					EXECUTE format('CREATE OPERATOR %I.%s (LEFTARG = %s, RIGHTARG = %s, FUNCTION = la.%I)', sch, op, a, b, fname);
				END IF;
				INSERT INTO la.planted VALUES ('operator ' || sig);
			END LOOP;
		END LOOP;
	END LOOP;

	-- functions: each signature of a called name, one argument replaced
	FOR p IN
		SELECT pr.proname, ARRAY(SELECT unnest(pr.proargtypes::regtype[])) AS args, pr.prorettype::regtype AS ret, pr.proretset
		FROM pg_proc pr
		WHERE pr.proname = ANY (string_to_array(current_setting('kc_la.funcs'), ' '))
		  AND (pr.pronamespace = 'pg_catalog'::regnamespace
			   OR (ext <> '' AND pr.pronamespace = ext::regnamespace))
		  AND pr.pronargs <= 4
		  AND NOT EXISTS (SELECT FROM unnest(pr.proargtypes::oid[]) x JOIN pg_type ty ON ty.oid = x
						  WHERE x::regtype::text IN ('internal', 'cstring', 'trigger', 'event_trigger', 'language_handler'))
	LOOP
		FOR i IN 0 .. coalesce(array_length(p.args, 1), 0) LOOP
			FOREACH t IN ARRAY CASE WHEN i = 0 THEN ARRAY[NULL::regtype] ELSE typs END LOOP
				args := p.args;
				IF i > 0 THEN
					args[i] := t;
				END IF;
				-- remaining polymorphic arguments become concrete
				SELECT coalesce(array_agg(CASE WHEN (SELECT typtype FROM pg_type WHERE oid = x) = 'p'
												THEN (CASE WHEN x::text LIKE '%array' THEN 'text[]' ELSE 'text' END)::regtype
												ELSE x END ORDER BY k), '{}')
				  INTO args FROM unnest(args) WITH ORDINALITY u(x, k);
				sig := format('%I.%I(%s)', sch, p.proname, array_to_string(args, ', '));
				IF to_regprocedure(sig) IS NOT NULL
				   OR to_regprocedure(format('pg_catalog.%I(%s)', p.proname, array_to_string(args, ', '))) IS NOT NULL THEN
					CONTINUE;
				END IF;
				ret := CASE WHEN (SELECT typtype FROM pg_type WHERE oid = p.ret) = 'p' AND p.ret::text <> 'void'
							THEN 'text' ELSE p.ret::text END;
				body := format('BEGIN PERFORM la.hit(%L); RETURN%s; END', 'function ' || sig,
							   CASE WHEN p.proretset OR ret = 'void' THEN '' ELSE ' NULL' END);
				EXECUTE format('CREATE FUNCTION %s RETURNS %s%s LANGUAGE plpgsql AS %L',
							   sig, CASE WHEN p.proretset THEN 'SETOF ' ELSE '' END, ret, body);
				INSERT INTO la.planted VALUES ('function ' || sig);
				n := n + 1;
			END LOOP;
		END LOOP;
	END LOOP;

	-- types: a domain named like each type name, whose CHECK calls la.hit
	FOREACH nm IN ARRAY array_remove(string_to_array(current_setting('kc_la.types'), ' '), '') LOOP
		nm := regexp_replace(nm, '^.*\.', '');
		nm := btrim(nm, '"');
		IF nm LIKE '%[]' OR to_regtype(format('%I.%I', sch, nm)) IS NOT NULL
		   OR to_regtype(format('pg_catalog.%I', nm)) IS NULL	-- built-in type names only
		   OR to_regclass(format('pg_catalog.%I', nm)) IS NOT NULL THEN	-- views below
			CONTINUE;
		END IF;
		EXECUTE format('CREATE DOMAIN %I.%I AS pg_catalog.text CHECK (la.hit(%L))', sch, nm, 'type ' || sch || '.' || nm);
		INSERT INTO la.planted VALUES ('type ' || sch || '.' || nm);
		n := n + 1;
	END LOOP;

	-- the catalogs the scripts read
	FOREACH nm IN ARRAY ARRAY['pg_trigger', 'pg_attribute', 'pg_class', 'pg_namespace', 'pg_proc'] LOOP
		IF to_regclass(format('%I.%I', sch, nm)) IS NULL THEN
			EXECUTE format('CREATE VIEW %I.%I AS SELECT %s FROM pg_catalog.%I c WHERE la.hit(%L)',
						   sch, nm, (SELECT string_agg('c.' || quote_ident(attname), ', ' ORDER BY attnum)
									 FROM pg_attribute WHERE attrelid = format('pg_catalog.%I', nm)::regclass
									   AND attnum > 0 AND atttypid <> 'anyarray'::regtype),
						   nm, 'view ' || sch || '.' || nm);
			INSERT INTO la.planted VALUES ('view ' || sch || '.' || nm);
			n := n + 1;
		END IF;
	END LOOP;
	RAISE NOTICE 'planted % look-alikes in %', n, sch;
END
$do$;
SELECT count(*) AS planted FROM la.planted \gset
\echo planted :planted
