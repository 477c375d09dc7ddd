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
			   @extschema@.kc_trigger_args(g.tgrelid::pg_catalog.regclass, g.tgname) AS args
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
-- Install safety: qualified constraints and defaults
-- ====================================================================



-- ====================================================================
-- end of kc_ext 1.0 -> 1.1
-- ====================================================================
