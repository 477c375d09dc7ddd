-- kc_ext 1.0 -> 1.1
--
-- Security and rule soundness (issues 10 and 17).  Every object reference is
-- qualified (pg_catalog., @extschema@., OPERATOR(pg_catalog.x)), so nothing
-- a user plants in public or in the extension's schema is run by this script.

\echo Use "ALTER EXTENSION kc_ext UPDATE TO '1.1'" to load this file. \quit

-- ====================================================================
-- Cap rules
-- ====================================================================



-- ====================================================================
-- Support caps and closed years
-- ====================================================================



-- ====================================================================
-- Install safety: qualified constraints and defaults
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
-- end of kc_ext 1.0 -> 1.1
-- ====================================================================
