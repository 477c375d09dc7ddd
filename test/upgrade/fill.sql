-- test/upgrade/fill.sql -- a database that uses every kc_ext type and rule,
-- filled under the version installed now (before ALTER EXTENSION UPDATE).
--
-- Run with:  psql -X -q -A -t -v ON_ERROR_STOP=1 -d DB -f test/upgrade/fill.sql
--
-- It works with whatever the installed version has: each feature is looked
-- up first (kc_upg.has, to_regtype, pg_extension.extconfig) and a
-- missing one prints "skip: ..." instead of being used.  It leaves, in
-- schema kc_upg:
--   probe(name, query, value)      a query and its result under this version;
--                                  verify.sql runs it again and compares
--   rule_check(name, stmt, ...)    statements that each rule must refuse (with
--                                  the SQLSTATE and constraint seen here) or
--                                  must allow; verify.sql runs them again
--   t_<type>                       every kc_ext type (and its array) stored,
--                                  indexed where the type has operator classes
--   ledger, fund_plan, allocation, payment, project, settled: data under
--                                  the rules that exist
-- and prints one line per check: "ok: ...", "FAIL: ..." or "skip: ...".
-- Every rule is exercised here too, under the old version: a statement
-- meant to be refused that is not refused fails already.

SET client_min_messages = warning;
SELECT n.nspname AS extschema, e.extversion AS extversion
FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
WHERE e.extname = 'kc_ext' \gset
CREATE SCHEMA kc_upg;
SET search_path = kc_upg, :"extschema", pg_catalog;
\set QUIET on

-- results of this run, printed at the end
CREATE TEMP TABLE kc_result (seq serial, status text, name text, detail text);

\ir support.sql

CREATE TABLE kc_upg.info (key text PRIMARY KEY, value text);
INSERT INTO kc_upg.info VALUES ('filled under version', :'extversion');

---------------------------------------------------------------------------
-- 1. Configuration tables: edit a shipped row of each (upgrades and dumps
--    must keep user edits).  Done first, before any rule is declared.
---------------------------------------------------------------------------
DO $$
DECLARE
	cfg regclass;
	col name;
	r record;
	shipped bigint;
BEGIN
	FOR cfg IN SELECT unnest(extconfig) FROM pg_extension WHERE extname = 'kc_ext' LOOP
		IF (SELECT relkind FROM pg_class WHERE oid = cfg) <> 'r' THEN
			CONTINUE;		-- a sequence: its value is probed below
		END IF;
		EXECUTE format('SELECT count(*) FROM %s', cfg) INTO shipped;
		IF shipped = 0 THEN
			CONTINUE;
		END IF;
		-- the last text column that no key or foreign key uses
		SELECT a.attname INTO col
		FROM pg_attribute a
		WHERE a.attrelid = cfg AND a.attnum > 0 AND NOT a.attisdropped
		  AND a.atttypid IN ('text'::regtype, 'varchar'::regtype)
		  AND NOT EXISTS (SELECT FROM pg_constraint c
		                  WHERE c.conrelid = cfg AND c.contype IN ('p', 'u', 'f', 'x')
		                    AND a.attnum = ANY (c.conkey))
		ORDER BY a.attnum DESC LIMIT 1;
		IF col IS NULL THEN
			PERFORM kc_upg.report('skip', format('edit a shipped row of %s', cfg),
				'no free text column to edit');
			CONTINUE;
		END IF;
		r := kc_upg.try(format(
			'UPDATE %1$s SET %2$I = coalesce(%2$I, '''') || %3$L WHERE ctid = (SELECT ctid FROM %1$s t ORDER BY t::text COLLATE "C" LIMIT 1)',
			cfg, col, ' [edited by the kc_ext upgrade test]'), true);
		IF r.st IS NULL THEN
			PERFORM kc_upg.report('ok', format('edited a shipped row of %s (column %I) under the old version', cfg, col));
		ELSE
			PERFORM kc_upg.report('FAIL', format('editing a shipped row of %s (column %I)', cfg, col),
				r.st || ': ' || r.msg);
		END IF;
	END LOOP;
END
$$;

---------------------------------------------------------------------------
-- 2. Every type: a table per type with sample values, arrays, indexes.
---------------------------------------------------------------------------
CREATE TABLE kc_upg.literal (typname text, n int, lit text, PRIMARY KEY (typname, n));
INSERT INTO kc_upg.literal
SELECT typname, n, lit FROM (VALUES
	('kc_money', ARRAY['0', '1', '-1', '345,5 tỷ', '8,198 tỷ đồng', '1.234.567 đồng', '12 triệu',
	                   '9223372036854775807', '-9223372036854775808']),
	('kc_plan', ARRAY['(345500000000,323000000000)', '(345,5 tỷ; 323 tỷ)', '(0,0)', '(-1,-2)',
	                  '(8,198 tỷ; 8,08 tỷ)', '(9223372036854775807,-9223372036854775808)'])
) AS v(typname, lits), unnest(v.lits) WITH ORDINALITY AS l(lit, n);

-- sample(typ, n, val): the text of each sample value of each type
CREATE TABLE kc_upg.sample (typ regtype, n int, val text, PRIMARY KEY (typ, n));

DO $$
DECLARE
	t record;
	l record;
	ok boolean;
	k int;
BEGIN
	FOR t IN
		SELECT ty.oid::regtype AS typ, ty.typname, ty.typtype, ty.typbasetype
		FROM pg_depend d JOIN pg_type ty ON ty.oid = d.objid
		WHERE d.classid = 'pg_type'::regclass AND d.deptype = 'e'
		  AND d.refclassid = 'pg_extension'::regclass
		  AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'kc_ext')
		  AND ty.typtype IN ('b', 'e', 'd', 'r')
		  -- array types: PostgreSQL 17 records them as members too, 15 does not
		  AND NOT EXISTS (SELECT FROM pg_type el WHERE el.typarray = ty.oid)
		ORDER BY ty.typname
	LOOP
		k := 0;
		IF t.typtype = 'e' THEN
			INSERT INTO kc_upg.sample
			SELECT t.typ, rank() OVER (ORDER BY enumsortorder), enumlabel
			FROM pg_enum WHERE enumtypid = t.typ;
			CONTINUE;
		END IF;
		FOR l IN SELECT lit FROM kc_upg.literal
		         WHERE typname = CASE t.typtype WHEN 'd' THEN format_type(t.typbasetype, NULL) ELSE t.typname END
		         ORDER BY n
		LOOP
			BEGIN
				k := k + 1;
				EXECUTE format('SELECT %L::%s::text', l.lit, t.typ) INTO STRICT l.lit;
				INSERT INTO kc_upg.sample VALUES (t.typ, k, l.lit);
			EXCEPTION WHEN OTHERS THEN
				IF t.typtype = 'd' THEN
					CONTINUE;	-- a domain refuses some of its base type's values
				END IF;
				PERFORM kc_upg.report('FAIL', format('sample %L of type %s', l.lit, t.typ), SQLSTATE || ': ' || SQLERRM);
			END;
		END LOOP;
	END LOOP;
END
$$;

-- Types that are the state of an aggregate (kc_money_sumstate, ...): their
-- samples are states the aggregate really reaches, computed with its
-- transition function from the samples of its argument types.
DO $$
DECLARE
	a record;
	st text;
	args text;
	k int;
	step int;
	nargs int;
	done text[] := '{}';
BEGIN
	FOR a IN
		SELECT p.oid::regprocedure AS agg, g.aggtransfn::regproc AS transfn, g.agginitval,
		       g.aggtranstype::regtype AS stype, p.proargtypes::regtype[] AS argtypes
		FROM pg_aggregate g JOIN pg_proc p ON p.oid = g.aggfnoid
		JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
		     AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'kc_ext')
		WHERE g.agginitval IS NOT NULL
		  AND EXISTS (SELECT FROM pg_depend d2 WHERE d2.classid = 'pg_type'::regclass
		              AND d2.objid = g.aggtranstype AND d2.deptype = 'e')
		ORDER BY p.oid::regprocedure::text
	LOOP
		IF EXISTS (SELECT FROM kc_upg.sample s WHERE s.typ = a.stype AND s.n < 1000) THEN
			CONTINUE;	-- a type with its own literals
		END IF;
		IF a.transfn::text || a.agginitval = ANY (done) THEN
			CONTINUE;	-- sum and avg share their transition function
		END IF;
		done := done || (a.transfn::text || a.agginitval);
		nargs := array_length(a.argtypes, 1);
		IF EXISTS (SELECT FROM unnest(a.argtypes) AS at WHERE NOT EXISTS (SELECT FROM kc_upg.sample s WHERE s.typ = at)) THEN
			PERFORM kc_upg.report('FAIL', format('state samples of %s', a.agg), 'an argument type has no samples');
			CONTINUE;
		END IF;
		k := coalesce((SELECT max(n) FROM kc_upg.sample WHERE typ = a.stype), 1000);
		st := a.agginitval;
		INSERT INTO kc_upg.sample VALUES (a.stype, k + 1, st) ON CONFLICT DO NOTHING;
		FOR step IN 1..6 LOOP
			-- the step-th sample of each argument type (cycling)
			SELECT string_agg(format('%L::%s', s.val, s.typ), ', ' ORDER BY i) INTO args
			FROM unnest(a.argtypes) WITH ORDINALITY AS at(typ, i)
			JOIN LATERAL (SELECT * FROM kc_upg.sample s WHERE s.typ = at.typ ORDER BY s.n
			              OFFSET ((step + i - 2) % (SELECT count(*) FROM kc_upg.sample s2 WHERE s2.typ = at.typ)) LIMIT 1) s ON true;
			BEGIN
				EXECUTE format('SELECT %s(%L::%s, %s)::text', a.transfn, st, a.stype, args) INTO STRICT st;
				INSERT INTO kc_upg.sample VALUES (a.stype, k + 1 + step, st) ON CONFLICT DO NOTHING;
			EXCEPTION WHEN numeric_value_out_of_range THEN
				NULL;		-- a step that would overflow the result: the state stays
			END;
		END LOOP;
	END LOOP;
END
$$;

DO $$
DECLARE
	t record;
	tbl text;
	btree boolean;
	hash boolean;
BEGIN
	FOR t IN
		SELECT ty.oid::regtype AS typ, ty.typname, ty.typsend::regproc AS send
		FROM pg_depend d JOIN pg_type ty ON ty.oid = d.objid
		WHERE d.classid = 'pg_type'::regclass AND d.deptype = 'e'
		  AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'kc_ext')
		  AND ty.typtype IN ('b', 'e', 'd', 'r')
		  -- array types: PostgreSQL 17 records them as members too, 15 does not
		  AND NOT EXISTS (SELECT FROM pg_type el WHERE el.typarray = ty.oid)
		ORDER BY ty.typname
	LOOP
		IF NOT EXISTS (SELECT FROM kc_upg.sample WHERE typ = t.typ) THEN
			PERFORM kc_upg.report('FAIL', format('type %s has no sample values', t.typ),
				'add literals for it to test/upgrade/fill.sql (table kc_upg.literal)');
			CONTINUE;
		END IF;
		tbl := format('kc_upg.%I', 't_' || t.typname);
		EXECUTE format('CREATE TABLE %s (id int PRIMARY KEY, v %s, va %s[])', tbl, t.typ, t.typ);
		EXECUTE format('INSERT INTO %s SELECT n, val::%s, NULL FROM kc_upg.sample WHERE typ = %L::regtype', tbl, t.typ, t.typ);
		EXECUTE format('INSERT INTO %s VALUES (0, NULL, (SELECT array_agg(val::%s ORDER BY n) FROM kc_upg.sample WHERE typ = %L::regtype))', tbl, t.typ, t.typ);
		EXECUTE format('INSERT INTO %s VALUES (-1, NULL, ''{}'')', tbl);
		btree := EXISTS (SELECT FROM pg_opclass WHERE opcintype = t.typ AND opcdefault
		                 AND opcmethod = (SELECT oid FROM pg_am WHERE amname = 'btree'));
		hash := EXISTS (SELECT FROM pg_opclass WHERE opcintype = t.typ AND opcdefault
		                AND opcmethod = (SELECT oid FROM pg_am WHERE amname = 'hash'));
		IF btree THEN
			EXECUTE format('CREATE INDEX %I ON %s (v)', 't_' || t.typname || '_btree', tbl);
		END IF;
		IF hash THEN
			EXECUTE format('CREATE INDEX %I ON %s USING hash (v)', 't_' || t.typname || '_hash', tbl);
		END IF;
		PERFORM kc_upg.add_probe(format('type %s: stored values as text', t.typ),
			format($q$SELECT string_agg(id || '=' || coalesce(v::text, 'NULL') || ' ' || coalesce(va::text, 'NULL'), '; ' ORDER BY id) FROM %s$q$, tbl));
		IF t.send IS NOT NULL THEN
			PERFORM kc_upg.add_probe(format('type %s: stored values in binary (%s)', t.typ, t.send),
				format($q$SELECT string_agg(id || '=' || coalesce(encode(%s(v), 'hex'), 'NULL'), '; ' ORDER BY id) FROM %s$q$, t.send, tbl));
		END IF;
		IF btree THEN
			PERFORM kc_upg.add_probe(format('type %s: order by its btree operator class', t.typ),
				format($q$SELECT string_agg(id::text, ' ' ORDER BY v, id) FROM %s WHERE v IS NOT NULL$q$, tbl));
		END IF;
		IF hash OR btree THEN
			PERFORM kc_upg.add_probe(format('type %s: equal values (self-join on =)', t.typ),
				format($q$SELECT count(*)::text FROM %1$s a JOIN %1$s b ON a.v = b.v$q$, tbl));
		END IF;
	END LOOP;
END
$$;

-- Every immutable function of kc_ext whose one or two arguments are all of
-- sampled types, applied to every sample (pair), and every aggregate of
-- kc_ext over a type's table, plain and as a moving window: new functions
-- and aggregates are picked up without changing this file.
DO $$
DECLARE
	f record;
	calls text;
BEGIN
	FOR f IN
		SELECT p.oid::regprocedure AS sig, p.oid::regproc AS fn, p.prokind, p.pronargs,
		       ARRAY(SELECT unnest(p.proargtypes::regtype[])) AS args	-- (oidvector counts from 0)
		FROM pg_proc p JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
		     AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'kc_ext')
		WHERE p.pronargs BETWEEN 1 AND 2 AND NOT p.proretset
		  AND (p.prokind = 'a' OR (p.prokind = 'f' AND p.provolatile = 'i'))
		  AND p.prorettype NOT IN ('cstring'::regtype, 'internal'::regtype, 'trigger'::regtype, 'void'::regtype)
		  AND NOT EXISTS (SELECT FROM unnest(p.proargtypes::regtype[]) AS a(t)
		                  WHERE NOT EXISTS (SELECT FROM kc_upg.sample s WHERE s.typ = a.t))
		ORDER BY 1::text
	LOOP
		IF f.prokind = 'a' THEN
			IF f.pronargs = 2 AND f.args[1] <> f.args[2] THEN
				CONTINUE;
			END IF;
			calls := CASE f.pronargs WHEN 1 THEN 'v' ELSE 'v, v' END;
			PERFORM kc_upg.add_probe(format('aggregate %s over the samples (plain, moving window)', f.sig),
				format($q$SELECT kc_upg.eval(%1$L) || ' / ' || kc_upg.eval(%2$L)$q$,
					format('SELECT %s(%s)::text FROM kc_upg.%I', f.fn, calls, 't_' || (SELECT typname FROM pg_type WHERE oid = f.args[1])),
					-- (the window over the first 7 rows: NULLs and moderate samples, so that
					-- the extreme ones do not turn the whole result into an overflow)
					format('SELECT string_agg(w::text, '' '' ORDER BY id) FROM (SELECT id, %s(%s) OVER (ORDER BY id ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS w FROM (SELECT * FROM kc_upg.%I ORDER BY id LIMIT 7) t) x',
					       f.fn, calls, 't_' || (SELECT typname FROM pg_type WHERE oid = f.args[1]))));
		ELSIF f.pronargs = 1 THEN
			PERFORM kc_upg.add_probe(format('function %s on every sample', f.sig),
				format($q$SELECT string_agg(kc_upg.eval(format('SELECT %s(%%L::%s)::text', val)), ' | ' ORDER BY n)
				          FROM kc_upg.sample WHERE typ = %L::regtype$q$, f.fn, f.args[1], f.args[1]));
		ELSE
			PERFORM kc_upg.add_probe(format('function %s on every pair of samples', f.sig),
				format($q$SELECT md5(string_agg(kc_upg.eval(format('SELECT %s(%%L::%s, %%L::%s)::text', a.val, b.val)), ' | ' ORDER BY a.n, b.n))
				          FROM kc_upg.sample a, kc_upg.sample b WHERE a.typ = %L::regtype AND b.typ = %L::regtype$q$,
				       f.fn, f.args[1], f.args[2], f.args[1], f.args[2]));
		END IF;
	END LOOP;
END
$$;

---------------------------------------------------------------------------
-- 3. Amounts, sources and plans with the aggregates and functions that
--    exist in this version.
---------------------------------------------------------------------------
CREATE TABLE kc_upg.ledger (
	id int PRIMARY KEY,
	year int NOT NULL,
	source kc_source NOT NULL,
	province text,
	planned kc_money NOT NULL,
	actual kc_money NOT NULL
);
INSERT INTO kc_upg.ledger
SELECT i, 2019 + i % 5,
       (enum_range(NULL::kc_source))[1 + i % 4],
       (ARRAY['Ninh Bình', 'Hà Nam', 'Nam Định', 'Thái Bình', NULL])[1 + i % 5],
       ((i * 7919) % 1000 + 1) * 1000000::bigint,
       ((i * 104729) % 1000) * 1000000::bigint - CASE WHEN i % 97 = 0 THEN 5000000000 ELSE 0 END
FROM generate_series(1, 3000) AS i;
CREATE INDEX ON kc_upg.ledger (planned);

SELECT kc_upg.add_probe('ledger: rows', $q$SELECT md5(string_agg(l::text, ';' ORDER BY id)) FROM kc_upg.ledger l$q$);
SELECT kc_upg.add_probe('ledger: sum, avg, min, max of kc_money by source (ROLLUP)', $q$
	SELECT string_agg(concat_ws(' ', source, sum_p, avg_p, min_a, max_a), '; ' ORDER BY source NULLS LAST)
	FROM (SELECT source, sum(planned) AS sum_p, avg(planned) AS avg_p, min(actual) AS min_a, max(actual) AS max_a
	      FROM kc_upg.ledger GROUP BY ROLLUP (source)) s$q$);
SELECT kc_upg.add_probe('ledger: moving sum(kc_money) over a window frame', $q$
	SELECT md5(string_agg(s::text, ';' ORDER BY id))
	FROM (SELECT id, sum(actual) OVER (ORDER BY id ROWS BETWEEN 5 PRECEDING AND CURRENT ROW) AS s FROM kc_upg.ledger) w$q$);
SELECT kc_upg.add_probe('ledger: kc_money arithmetic and casts', $q$
	SELECT md5(string_agg(concat_ws(' ', planned + actual, planned - actual, -actual, planned * 3, planned / 7,
	                                actual::bigint, actual::numeric), ';' ORDER BY id))
	FROM kc_upg.ledger$q$);

DO $$
BEGIN
	IF kc_upg.has('kc_format(kc_money,text,integer,text)') THEN
		PERFORM kc_upg.add_probe('ledger: kc_format of totals', $q$
			SELECT string_agg(kc_format(s, 'tỷ', 3, 'half_up') || ' / ' || kc_format(s), '; ' ORDER BY source)
			FROM (SELECT source, sum(planned) AS s FROM kc_upg.ledger GROUP BY source) t$q$);
	ELSE
		PERFORM kc_upg.report('skip', 'kc_format: not in this version');
	END IF;
	IF kc_upg.has('kc_source_label(kc_source,text)') THEN
		PERFORM kc_upg.add_probe('kc_source_label in vi and en', $q$
			SELECT string_agg(kc_source_label(s) || ' / ' || kc_source_label(s, 'en'), '; ' ORDER BY s)
			FROM unnest(enum_range(NULL::kc_source)) AS s$q$);
	ELSE
		PERFORM kc_upg.report('skip', 'kc_source_label: not in this version');
	END IF;

	IF to_regtype('kc_plan') IS NOT NULL AND kc_upg.has('kc_plan(kc_money,kc_money)') THEN
		CREATE TABLE kc_upg.ledger_plan AS
			SELECT id, year, source, province, kc_plan(planned, actual) AS plan FROM kc_upg.ledger;
		ALTER TABLE kc_upg.ledger_plan ADD PRIMARY KEY (id);
		PERFORM kc_upg.add_probe('ledger_plan: kc_plan values', $q$
			SELECT md5(string_agg(plan::text, ';' ORDER BY id)) FROM kc_upg.ledger_plan$q$);
		IF kc_upg.has('kc_planned(kc_plan)') THEN
			PERFORM kc_upg.add_probe('ledger_plan: kc_planned, kc_actual, kc_remaining, +', $q$
				SELECT md5(string_agg(concat_ws(' ', kc_planned(plan), kc_actual(plan), kc_remaining(plan), plan + plan), ';' ORDER BY id))
				FROM kc_upg.ledger_plan$q$);
		END IF;
		IF kc_upg.has('sum(kc_plan)', true) THEN
			PERFORM kc_upg.add_probe('ledger_plan: sum(kc_plan) by year and source (CUBE)', $q$
				SELECT string_agg(concat_ws(' ', year, source, s), '; ' ORDER BY year NULLS LAST, source NULLS LAST)
				FROM (SELECT year, source, sum(plan) AS s FROM kc_upg.ledger_plan GROUP BY CUBE (year, source)) t$q$);
			PERFORM kc_upg.add_probe('ledger_plan: moving sum(kc_plan) over a window frame', $q$
				SELECT md5(string_agg(s::text, ';' ORDER BY id))
				FROM (SELECT id, sum(plan) OVER (ORDER BY id ROWS BETWEEN 3 PRECEDING AND 2 FOLLOWING) AS s FROM kc_upg.ledger_plan) w$q$);
		ELSE
			PERFORM kc_upg.report('skip', 'sum(kc_plan): not in this version');
		END IF;
	ELSE
		PERFORM kc_upg.report('skip', 'kc_plan: not in this version');
	END IF;

	IF kc_upg.has('kc_fulfilment(kc_money,kc_money)') THEN
		PERFORM kc_upg.add_probe('ledger: kc_fulfilment by province and source (GROUPING SETS, FILTER)', $q$
			SELECT string_agg(concat_ws(' ', province, source, f, g), '; ' ORDER BY province NULLS LAST, source NULLS LAST)
			FROM (SELECT province, source, kc_fulfilment(planned, actual) AS f,
			             kc_fulfilment(planned, actual) FILTER (WHERE year = 2022) AS g
			      FROM kc_upg.ledger GROUP BY GROUPING SETS ((province), (source), ())) t$q$);
		IF kc_upg.has('kc_pct(kc_plan,integer,text)', true) THEN
			PERFORM kc_upg.add_probe('ledger: kc_pct of kc_fulfilment in every rounding mode', $q$
				SELECT string_agg(concat_ws(' ', source, kc_pct(f), kc_pct(f, 2, 'trunc'), kc_pct(f, 1, 'half_even'), kc_pct(f, 0, 'half_up')), '; ' ORDER BY source)
				FROM (SELECT source, kc_fulfilment(planned, actual) AS f FROM kc_upg.ledger GROUP BY source) t$q$);
		ELSE
			PERFORM kc_upg.report('skip', 'kc_pct(kc_plan, ...): not in this version');
		END IF;
	ELSE
		PERFORM kc_upg.report('skip', 'kc_fulfilment: not in this version');
	END IF;
	IF kc_upg.has('kc_pct(kc_money,kc_money,integer,text)', true) THEN
		PERFORM kc_upg.add_probe('ledger: kc_pct(part, whole) shares by source', $q$
			SELECT string_agg(concat_ws(' ', source, kc_pct(s, t, 2, 'half_up')), '; ' ORDER BY source)
			FROM (SELECT source, sum(planned) AS s, sum(sum(planned)) OVER () AS t FROM kc_upg.ledger GROUP BY source) x$q$);
	ELSE
		PERFORM kc_upg.report('skip', 'kc_pct(kc_money, kc_money, ...): not in this version');
	END IF;
	IF kc_upg.has('kc_format_pct(numeric,integer)') THEN
		PERFORM kc_upg.add_probe('kc_format_pct', $q$
			SELECT string_agg(kc_format_pct(p) || ' ' || kc_format_pct(p, 2), '; ' ORDER BY p)
			FROM unnest(ARRAY[93.48, 64.5, 55, 0, -1.25, 100.005]) AS p$q$);
	ELSE
		PERFORM kc_upg.report('skip', 'kc_format_pct: not in this version');
	END IF;
END
$$;

\ir fill_rules.sql

-- A rule API this file does not exercise is a gap in the upgrade test.
DO $$
DECLARE
	f text;
BEGIN
	FOR f IN
		SELECT p.oid::regprocedure::text
		FROM pg_proc p JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
		     AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'kc_ext')
		WHERE p.proname LIKE 'kc\_enforce\_%'
		  AND p.proname NOT IN ('kc_enforce_cap', 'kc_enforce_support_cap', 'kc_enforce_year_lock')
		ORDER BY 1
	LOOP
		PERFORM kc_upg.report('FAIL', format('rule %s is not exercised by the upgrade test', f),
			'add it to test/upgrade/fill_rules.sql');
	END LOOP;
END
$$;

---------------------------------------------------------------------------
-- 5. Configuration tables and sequences, as they are now (edited above,
--    rules declared since): an upgrade and a dump must keep every row.
---------------------------------------------------------------------------
DO $$
DECLARE
	cfg regclass;
BEGIN
	FOR cfg IN SELECT unnest(extconfig) FROM pg_extension WHERE extname = 'kc_ext' LOOP
		IF (SELECT relkind FROM pg_class WHERE oid = cfg) = 'S' THEN
			PERFORM kc_upg.add_probe(format('configuration sequence %s: last value', cfg),
				format('SELECT last_value || '' '' || is_called FROM %s', cfg));
		ELSE
			-- the columns the table has now: an update may add columns
			-- (kc_cap_rule.declared_by in 1.1), never lose or change these
			PERFORM kc_upg.add_probe(format('configuration table %s: rows', cfg),
				format('SELECT count(*) || '' rows: '' || coalesce(string_agg(r, '' | '' ORDER BY r COLLATE "C"), '''') FROM (SELECT ROW(%s)::text AS r FROM %s t) s',
					(SELECT string_agg(format('t.%I', attname), ', ' ORDER BY attnum)
					   FROM pg_attribute WHERE attrelid = cfg AND attnum > 0 AND NOT attisdropped),
					cfg));
		END IF;
	END LOOP;
END
$$;

-- Rules of every kind, by what enforces them: every trigger that runs a
-- kc_ext function (other than the guards 1.1 adds), with its table, when it
-- fires and its arguments; names are left out (1.1 renames cap triggers).
DO $$
BEGIN
	IF (SELECT count(*) FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
	    WHERE c.relnamespace = 'kc_upg'::regnamespace AND NOT g.tgisinternal) < 3 THEN
		PERFORM kc_upg.report('FAIL', 'the filled database has rule triggers to compare', 'fewer than 3 found');
	END IF;
END
$$;
SELECT kc_upg.add_probe('rule triggers of every kind (function, table, arguments)',
	$p$SELECT count(*) || ' triggers: ' || coalesce(string_agg(x, ' | ' ORDER BY x COLLATE "C"), '')
	   FROM (SELECT format('%s on %s (%s)', p.proname, g.tgrelid::regclass,
	                       encode(g.tgargs, 'escape')) AS x
	         FROM pg_trigger g JOIN pg_proc p ON p.oid = g.tgfoid
	         JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
	         JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'kc_ext'
	         WHERE g.tgparentid = 0 AND p.proname <> 'kc_inherit_guard'
	           AND g.tgrelid IN (SELECT c.oid FROM pg_class c WHERE c.relnamespace = 'kc_upg'::regnamespace)) s$p$);

-- every probe's value, now that everything above has committed
SELECT kc_upg.record_probes();

SELECT status || ': ' || name || coalesce(' -- ' || detail, '') FROM pg_temp.kc_result ORDER BY seq;
