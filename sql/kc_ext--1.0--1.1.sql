-- kc_ext 1.0 -> 1.1
--
-- Security and rule soundness (issues 10 and 17).  Every object reference is
-- qualified (pg_catalog., @extschema@., OPERATOR(pg_catalog.x)), so nothing
-- a user plants in public or in the extension's schema is run by this script.

\echo Use "ALTER EXTENSION kc_ext UPDATE TO '1.1'" to load this file. \quit

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



-- ====================================================================
-- Install safety: qualified constraints and defaults
-- ====================================================================



-- ====================================================================
-- end of kc_ext 1.0 -> 1.1
-- ====================================================================
