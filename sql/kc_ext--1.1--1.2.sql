-- kc_ext 1.1 -> 1.2
--
-- Every object reference is qualified (pg_catalog., @extschema@.,
-- OPERATOR(pg_catalog.x)), so nothing a user plants in public or in the
-- extension's schema is run by this script.  After every change here run
-- tools/full-script.sh 1.2 1.1 (the full script sql/kc_ext--1.2.sql is 1.1's
-- objects followed by this body).

\echo Use "ALTER EXTENSION kc_ext UPDATE TO '1.2'" to load this file. \quit

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
