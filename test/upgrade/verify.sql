-- test/upgrade/verify.sql -- after ALTER EXTENSION kc_ext UPDATE (or after a
-- dump and restore) of a database filled by fill.sql: the same values, and
-- every rule still enforced.
--
-- Run with:  psql -X -q -A -t -v ON_ERROR_STOP=1 -d DB -f test/upgrade/verify.sql
--
-- Prints one line per check: "ok: ...", "FAIL: ..." (or "skip: ...").
--   * every probe recorded by fill.sql gives the same value as then;
--   * every statement a rule refused then is refused now, with the same
--     SQLSTATE and constraint name; every statement it allowed is allowed;
--   * btree indexes built under the old version are still consistent with
--     the operator classes (amcheck's bt_index_check, when available);
--   * the extension is at its default version.

SET client_min_messages = warning;
SELECT n.nspname AS extschema
FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
WHERE e.extname = 'kc_ext' \gset
SET search_path = kc_upg, :"extschema", pg_catalog;
\set QUIET on

CREATE TEMP TABLE kc_result (seq serial, status text, name text, detail text);

\ir support.sql

DO $$
DECLARE
	v text;
	want text;
BEGIN
	SELECT default_version INTO want FROM pg_available_extensions WHERE name = 'kc_ext';
	SELECT extversion INTO v FROM pg_extension WHERE extname = 'kc_ext';
	IF v = want THEN
		PERFORM kc_upg.report('ok', format('kc_ext is at the default version %s (filled under %s)',
			v, (SELECT value FROM kc_upg.info WHERE key = 'filled under version')));
	ELSE
		PERFORM kc_upg.report('FAIL', 'kc_ext is at the default version', format('installed %s, default %s', v, want));
	END IF;
END
$$;

-- Same values.
DO $$
DECLARE
	p record;
	v text;
BEGIN
	FOR p IN SELECT * FROM kc_upg.probe ORDER BY name LOOP
		BEGIN
			EXECUTE p.query INTO STRICT v;
			IF v IS NOT DISTINCT FROM p.value THEN
				PERFORM kc_upg.report('ok', 'same ' || p.name);
			ELSE
				PERFORM kc_upg.report('FAIL', 'same ' || p.name,
					E'\n      before: ' || coalesce(kc_upg.shorten(p.value), 'NULL')
					|| E'\n      now:    ' || coalesce(kc_upg.shorten(v), 'NULL')
					-- lists of rows: the rows that differ
					|| coalesce(E'\n      rows only before: ' || kc_upg.shorten((
						SELECT string_agg(x, ' | ') FROM (SELECT unnest(string_to_array(p.value, ' | '))
						                                 EXCEPT ALL SELECT unnest(string_to_array(v, ' | '))) AS d(x))), '')
					|| coalesce(E'\n      rows only now:    ' || kc_upg.shorten((
						SELECT string_agg(x, ' | ') FROM (SELECT unnest(string_to_array(v, ' | '))
						                                 EXCEPT ALL SELECT unnest(string_to_array(p.value, ' | '))) AS d(x))), ''));
			END IF;
		EXCEPTION WHEN OTHERS THEN
			PERFORM kc_upg.report('FAIL', 'same ' || p.name, SQLSTATE || ': ' || SQLERRM);
		END;
	END LOOP;
END
$$;

-- Every rule still enforced.
DO $$
DECLARE
	c record;
	r record;
	ok boolean;
BEGIN
	FOR c IN SELECT * FROM kc_upg.rule_check ORDER BY seq LOOP
		IF c.kind = 'holds' THEN
			BEGIN
				EXECUTE c.stmt INTO STRICT ok;
				IF ok THEN
					PERFORM kc_upg.report('ok', c.name || ' (still)');
				ELSE
					PERFORM kc_upg.report('FAIL', c.name || ' (still)', coalesce(ok::text, 'NULL') || ' from: ' || c.stmt);
				END IF;
			EXCEPTION WHEN OTHERS THEN
				PERFORM kc_upg.report('FAIL', c.name || ' (still)', SQLSTATE || ': ' || SQLERRM);
			END;
			CONTINUE;
		END IF;
		r := kc_upg.try(c.stmt);
		IF c.kind = 'allowed' THEN
			IF r.st IS NULL THEN
				PERFORM kc_upg.report('ok', c.name || ' is still allowed');
			ELSE
				PERFORM kc_upg.report('FAIL', c.name || ' is still allowed', r.st || ': ' || r.msg);
			END IF;
		ELSIF r.st IS NULL THEN
			PERFORM kc_upg.report('FAIL', c.name || ' is still refused', 'the statement succeeded: ' || c.stmt);
		ELSIF r.st IS DISTINCT FROM c.want_sqlstate OR r.cname IS DISTINCT FROM c.want_constraint THEN
			PERFORM kc_upg.report('FAIL', c.name || ' is still refused the same way',
				format('before: %s constraint %s; now: %s constraint %s: %s',
					c.want_sqlstate, coalesce(c.want_constraint, '(none)'), r.st, coalesce(r.cname, '(none)'), r.msg));
		ELSE
			PERFORM kc_upg.report('ok', c.name || ' is still refused (' || r.st
				|| coalesce(', constraint ' || nullif(r.cname, ''), '') || ')');
		END IF;
	END LOOP;
END
$$;

-- Every cap rule's triggers are the default version's: found by the function
-- they run and the rule they name, named kc_cap_{row,truncate,parent}_<rule>,
-- row triggers firing on every UPDATE (no column list), none left under an
-- older name.
DO $$
DECLARE
	r record;
	bad text;
BEGIN
	FOR r IN SELECT rule_name, child_table, parent_table FROM kc_cap_rule ORDER BY 1 LOOP
		SELECT string_agg(format('%s on %s', g.tgname, g.tgrelid::regclass), ', ')
		INTO bad
		FROM pg_trigger g
		WHERE g.tgfoid IN ('kc_cap_child_row()'::regprocedure, 'kc_cap_child_truncate()'::regprocedure,
		                   'kc_cap_parent_row()'::regprocedure)
		  AND g.tgparentid = 0
		  AND g.tgargs = convert_to(r.rule_name, getdatabaseencoding()) || '\x00'::bytea
		  AND (g.tgname <> CASE g.tgfoid WHEN 'kc_cap_child_row()'::regprocedure THEN 'kc_cap_row_'
		                                 WHEN 'kc_cap_parent_row()'::regprocedure THEN 'kc_cap_parent_'
		                                 ELSE 'kc_cap_truncate_' END || r.rule_name
		       OR g.tgattr <> ''::int2vector);
		IF bad IS NOT NULL THEN
			PERFORM kc_upg.report('FAIL', format('cap rule %s has its 1.1 triggers', r.rule_name), bad);
		ELSIF (SELECT count(*) FROM pg_trigger g
		       WHERE g.tgparentid = 0 AND g.tgargs = convert_to(r.rule_name, getdatabaseencoding()) || '\x00'::bytea
		         AND g.tgname IN ('kc_cap_row_' || r.rule_name, 'kc_cap_parent_' || r.rule_name)
		         AND g.tgrelid IN (r.child_table, r.parent_table)) = 2 THEN
			PERFORM kc_upg.report('ok', format('cap rule %s has its 1.1 triggers (on every UPDATE, named by kind)', r.rule_name));
		ELSE
			PERFORM kc_upg.report('FAIL', format('cap rule %s has its 1.1 triggers', r.rule_name), 'row or parent trigger missing');
		END IF;
	END LOOP;
END
$$;

-- Indexes built under the old version agree with the operator classes now.
DO $$
DECLARE
	i record;
BEGIN
	IF NOT EXISTS (SELECT FROM pg_available_extensions WHERE name = 'amcheck') THEN
		PERFORM kc_upg.report('skip', 'index checks: amcheck is not installed (postgresql-contrib)');
		RETURN;
	END IF;
	CREATE EXTENSION IF NOT EXISTS amcheck SCHEMA pg_catalog;
	FOR i IN
		SELECT ic.oid::regclass AS idx
		FROM pg_index x JOIN pg_class ic ON ic.oid = x.indexrelid
		JOIN pg_class tc ON tc.oid = x.indrelid
		JOIN pg_am am ON am.oid = ic.relam AND am.amname = 'btree'
		WHERE tc.relnamespace = 'kc_upg'::regnamespace
		  AND EXISTS (SELECT FROM pg_attribute a
		              JOIN pg_depend d ON d.classid = 'pg_type'::regclass AND d.objid = a.atttypid AND d.deptype = 'e'
		              WHERE a.attrelid = x.indexrelid)
		ORDER BY 1
	LOOP
		BEGIN
			PERFORM bt_index_check(i.idx, true);
			PERFORM kc_upg.report('ok', format('btree index %s is consistent (bt_index_check)', i.idx));
		EXCEPTION WHEN OTHERS THEN
			PERFORM kc_upg.report('FAIL', format('btree index %s is consistent (bt_index_check)', i.idx), SQLSTATE || ': ' || SQLERRM);
		END;
	END LOOP;
END
$$;

SELECT status || ': ' || name || coalesce(' -- ' || detail, '') FROM pg_temp.kc_result ORDER BY seq;
