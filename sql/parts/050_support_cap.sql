
-- kc_ext 1.0 -- support caps by project category.
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
	code		text PRIMARY KEY
		CONSTRAINT kc_project_category_code_check
		CHECK (code ~ '^[a-z][a-z0-9_]{0,62}$'),
	name_vi		text NOT NULL
		CONSTRAINT kc_project_category_name_vi_check CHECK (btrim(name_vi) <> ''),
	name_en		text NOT NULL
		CONSTRAINT kc_project_category_name_en_check CHECK (btrim(name_en) <> ''),
	shipped		boolean NOT NULL DEFAULT false,
	edited		boolean NOT NULL DEFAULT false
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
	rule_id		bigint PRIMARY KEY
		DEFAULT nextval('@extschema@.kc_support_cap_rule_id_seq'),
	category	text NOT NULL REFERENCES @extschema@.kc_project_category (code),
	source		@extschema@.kc_source,
	province	text,
	effective_from date NOT NULL,
	effective_to date,
	max_share	numeric,
	max_amount	@extschema@.kc_money,
	legal_basis text NOT NULL,
	shipped		boolean NOT NULL DEFAULT false,
	edited		boolean NOT NULL DEFAULT false,
	-- Backstops: the BEFORE trigger below refuses the same values first,
	-- with messages that name them (SQLSTATE 22023).
	CONSTRAINT kc_support_cap_rule_share_check
		CHECK (max_share > 0 AND max_share <= 1),
	CONSTRAINT kc_support_cap_rule_amount_check
		CHECK (max_amount >= 0::bigint),
	CONSTRAINT kc_support_cap_rule_period_check
		CHECK (effective_to >= effective_from),
	CONSTRAINT kc_support_cap_rule_province_check
		CHECK (btrim(province) <> ''),
	CONSTRAINT kc_support_cap_rule_legal_basis_check
		CHECK (btrim(legal_basis) <> '')
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
CREATE FUNCTION @extschema@.kc_project_category_before_write() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF TG_OP = 'DELETE' THEN
		IF OLD.shipped THEN
			RAISE EXCEPTION 'cannot delete shipped project category "%"', OLD.code
				USING ERRCODE = 'feature_not_supported',
					  HINT = 'Shipped categories come back with CREATE EXTENSION; rename them instead.';
		END IF;
		RETURN OLD;
	END IF;
	IF NEW.code IS NULL OR NEW.code !~ '^[a-z][a-z0-9_]{0,62}$' THEN
		RAISE EXCEPTION 'invalid project category code "%"', NEW.code
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'A code is a lower-case letter followed by at most 62 lower-case letters, digits or underscores.';
	END IF;
	IF TG_OP = 'UPDATE' THEN
		IF OLD.shipped THEN
			IF NEW.code <> OLD.code THEN
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
		WHERE code = NEW.code AND shipped AND NOT edited;
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

CREATE FUNCTION @extschema@.kc_support_cap_rule_before_write() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF TG_OP = 'DELETE' THEN
		IF OLD.shipped THEN
			RAISE EXCEPTION 'cannot delete shipped support-cap rule %', OLD.rule_id
				USING ERRCODE = 'feature_not_supported',
					  DETAIL = 'Rule ' || OLD.rule_id || ': ' || OLD.legal_basis,
					  HINT = 'Shipped rules come back with CREATE EXTENSION; end the rule by setting effective_to, or clear its max_share and max_amount.';
		END IF;
		RETURN OLD;
	END IF;
	IF NEW.max_share IS NOT NULL AND (NEW.max_share <= 0 OR NEW.max_share > 1) THEN
		RAISE EXCEPTION 'max_share % of support-cap rule % is out of range', NEW.max_share, NEW.rule_id
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'max_share is a fraction of the project''s cost: above 0 and at most 1 (0.3 means 30%); NULL means no share cap.';
	END IF;
	IF NEW.max_amount IS NOT NULL AND NEW.max_amount::bigint < 0 THEN
		RAISE EXCEPTION 'max_amount % of support-cap rule % is negative', NEW.max_amount, NEW.rule_id
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'max_amount is in đồng and at least 0; NULL means no amount cap.';
	END IF;
	IF NEW.effective_from IS NULL THEN
		RAISE EXCEPTION 'effective_from of support-cap rule % is missing', NEW.rule_id
			USING ERRCODE = 'not_null_violation';
	END IF;
	IF NEW.effective_to < NEW.effective_from THEN
		RAISE EXCEPTION 'effective_to % of support-cap rule % is before its effective_from %',
			pg_catalog.to_char(NEW.effective_to, 'YYYY-MM-DD'), NEW.rule_id,
			pg_catalog.to_char(NEW.effective_from, 'YYYY-MM-DD')
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Both days are included: a one-day rule has effective_to = effective_from; NULL means open-ended.';
	END IF;
	IF NEW.province IS NOT NULL AND pg_catalog.btrim(NEW.province) = '' THEN
		RAISE EXCEPTION 'province of support-cap rule % is blank', NEW.rule_id
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Use NULL for a nationwide rule.';
	END IF;
	IF NEW.legal_basis IS NULL OR pg_catalog.btrim(NEW.legal_basis) = '' THEN
		RAISE EXCEPTION 'support-cap rule % has no legal basis', NEW.rule_id
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Cite the document the cap comes from, e.g. "Thông tư 28/2018/TT-BTC".';
	END IF;
	IF TG_OP = 'UPDATE' THEN
		IF OLD.shipped THEN
			IF NEW.rule_id <> OLD.rule_id THEN
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
			   WHERE rule_id = NEW.rule_id AND shipped AND NOT edited) THEN
		SET CONSTRAINTS @extschema@.kc_support_cap_rule_no_overlap DEFERRED;
	END IF;
	UPDATE @extschema@.kc_support_cap_rule
		SET category = NEW.category, source = NEW.source, province = NEW.province,
			effective_from = NEW.effective_from, effective_to = NEW.effective_to,
			max_share = NEW.max_share, max_amount = NEW.max_amount,
			legal_basis = NEW.legal_basis
		WHERE rule_id = NEW.rule_id AND shipped AND NOT edited;
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
CREATE FUNCTION @extschema@.kc_support_cap_rule_overlap() RETURNS trigger
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
	category text, source @extschema@.kc_source, province text, on_day date)
RETURNS SETOF @extschema@.kc_support_cap_rule
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT r.*
	FROM @extschema@.kc_support_cap_rule r
	WHERE r.category = $1
	  AND (r.source IS NULL OR r.source = $2)
	  AND (r.province IS NULL OR r.province = $3)
	  AND r.effective_from <= $4
	  AND (r.effective_to IS NULL OR r.effective_to >= $4)
	ORDER BY r.province IS NULL, r.source IS NULL
	LIMIT 1
$$;

-- The check itself (C): trigger arguments are the column names category,
-- source ('' for none), province ('' for none), approved_on, cost, support.
CREATE FUNCTION @extschema@.kc_support_cap_check() RETURNS trigger
	AS 'MODULE_PATHNAME', 'kc_support_cap_check' LANGUAGE C;

-- The largest support the rule allows for a cost: the smaller of
-- floor(max_share * cost) and max_amount (NULL: no cap).  Comparing a whole
-- number of đồng with floor(share * cost) is the same as comparing it
-- exactly with share * cost.
CREATE FUNCTION @extschema@.kc_support_cap_limit(
	max_share numeric, max_amount @extschema@.kc_money, cost @extschema@.kc_money)
RETURNS @extschema@.kc_money
LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
	SELECT CASE
		WHEN $1 IS NOT NULL AND $3 IS NOT NULL AND $2 IS NOT NULL
			THEN least(floor($1 * $3::bigint::numeric)::bigint, $2::bigint)
		WHEN $1 IS NOT NULL AND $3 IS NOT NULL
			THEN floor($1 * $3::bigint::numeric)::bigint
		ELSE $2::bigint
	END::@extschema@.kc_money
$$;

CREATE FUNCTION @extschema@.kc_column_type_of(tbl regclass, col text, what text)
RETURNS regtype
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	t regtype;
BEGIN
	IF col IS NULL OR col = '' THEN
		RAISE EXCEPTION 'the % column name is missing', what
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	SELECT a.atttypid INTO t FROM pg_attribute a
	WHERE a.attrelid = tbl AND a.attname = col AND a.attnum > 0 AND NOT a.attisdropped;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'column "%" of relation % does not exist', col, tbl
			USING ERRCODE = 'undefined_column',
				  HINT = format('Name the %s column of %s.', what, tbl);
	END IF;
	RETURN t;
END $$;

CREATE FUNCTION @extschema@.kc_enforce_support_cap(
	projects regclass, category_column text, source_column text,
	province_column text, approved_on_column text, cost_column text,
	support_column text)
RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	kind "char";
	t regtype;
	money_type regtype := '@extschema@.kc_money'::regtype;
	cols text[];
BEGIN
	IF projects IS NULL THEN
		RAISE EXCEPTION 'the project table is missing' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	SELECT c.relkind INTO kind FROM pg_class c WHERE c.oid = projects;
	IF kind NOT IN ('r', 'p') THEN
		RAISE EXCEPTION '% is not a table', projects
			USING ERRCODE = 'wrong_object_type';
	END IF;

	t := @extschema@.kc_column_type_of(projects, category_column, 'category');
	IF t NOT IN ('text'::regtype, 'varchar'::regtype) THEN
		RAISE EXCEPTION 'category column "%" of % has type %, not text', category_column, projects, t
			USING ERRCODE = 'datatype_mismatch',
				  HINT = 'The category column holds codes of kc_project_category.';
	END IF;
	cols := ARRAY[category_column];
	IF source_column IS NOT NULL THEN
		t := @extschema@.kc_column_type_of(projects, source_column, 'source');
		IF t <> '@extschema@.kc_source'::regtype THEN
			RAISE EXCEPTION 'source column "%" of % has type %, not kc_source', source_column, projects, t
				USING ERRCODE = 'datatype_mismatch',
					  HINT = 'Pass NULL as the source column when the table has none; then only any-source rules apply.';
		END IF;
		cols := cols || source_column;
	END IF;
	IF province_column IS NOT NULL THEN
		t := @extschema@.kc_column_type_of(projects, province_column, 'province');
		IF t NOT IN ('text'::regtype, 'varchar'::regtype) THEN
			RAISE EXCEPTION 'province column "%" of % has type %, not text', province_column, projects, t
				USING ERRCODE = 'datatype_mismatch',
					  HINT = 'Pass NULL as the province column when the table has none; then only nationwide rules apply.';
		END IF;
		cols := cols || province_column;
	END IF;
	t := @extschema@.kc_column_type_of(projects, approved_on_column, 'approval date');
	IF t <> 'date'::regtype THEN
		RAISE EXCEPTION 'approval date column "%" of % has type %, not date', approved_on_column, projects, t
			USING ERRCODE = 'datatype_mismatch';
	END IF;
	t := @extschema@.kc_column_type_of(projects, cost_column, 'cost');
	IF t NOT IN (money_type, 'bigint'::regtype) THEN
		RAISE EXCEPTION 'cost column "%" of % has type %, not kc_money', cost_column, projects, t
			USING ERRCODE = 'datatype_mismatch';
	END IF;
	t := @extschema@.kc_column_type_of(projects, support_column, 'support');
	IF t NOT IN (money_type, 'bigint'::regtype) THEN
		RAISE EXCEPTION 'support column "%" of % has type %, not kc_money', support_column, projects, t
			USING ERRCODE = 'datatype_mismatch';
	END IF;
	cols := cols || approved_on_column || cost_column || support_column;

	IF EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = projects AND tgname = 'kc_support_cap') THEN
		EXECUTE format('DROP TRIGGER kc_support_cap ON %s', projects);
	END IF;
	EXECUTE format('CREATE TRIGGER kc_support_cap AFTER INSERT OR UPDATE OF %s ON %s '
				   'FOR EACH ROW EXECUTE FUNCTION @extschema@.kc_support_cap_check(%L, %L, %L, %L, %L, %L)',
				   (SELECT string_agg(DISTINCT quote_ident(c), ', ') FROM unnest(cols) c),
				   projects, category_column, coalesce(source_column, ''),
				   coalesce(province_column, ''), approved_on_column, cost_column,
				   support_column);
END $$;
COMMENT ON FUNCTION @extschema@.kc_enforce_support_cap(regclass, text, text, text, text, text, text) IS
	'Checks every inserted or updated project row against the support-cap rule in force on its approval date (SQLSTATE 23514, constraint kc_support_cap). Rows no rule covers pass. Source and province columns may be NULL (none).';

-- Trigger arguments of a relation's trigger (C helper for the report below).
CREATE FUNCTION @extschema@.kc_trigger_args(rel regclass, trigger_name text)
RETURNS text[]
	AS 'MODULE_PATHNAME', 'kc_trigger_args' LANGUAGE C STABLE STRICT;

-- Stored rows that the rules as they stand today would reject: rules may
-- change after a project was approved without touching stored rows.
CREATE FUNCTION @extschema@.kc_support_cap_violations(projects regclass)
RETURNS TABLE (row_ctid tid, category text, approved_on date,
			   cost @extschema@.kc_money, support @extschema@.kc_money,
			   rule_id bigint, legal_basis text, cap @extschema@.kc_money,
			   project jsonb)
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	args text[];
BEGIN
	args := @extschema@.kc_trigger_args(projects, 'kc_support_cap');
	IF args IS NULL THEN
		RAISE EXCEPTION 'relation % has no support-cap check', projects
			USING ERRCODE = 'undefined_object',
				  HINT = 'Install it with kc_enforce_support_cap().';
	END IF;
	RETURN QUERY EXECUTE format(
		'SELECT p.ctid, p.%1$I::text, p.%4$I, p.%5$I::@extschema@.kc_money, p.%6$I::@extschema@.kc_money,
				r.rule_id, r.legal_basis,
				@extschema@.kc_support_cap_limit(r.max_share, r.max_amount, p.%5$I::@extschema@.kc_money),
				to_jsonb(p)
		 FROM %7$s p
		 CROSS JOIN LATERAL @extschema@.kc_support_cap_rule_for(p.%1$I::text, %2$s, %3$s, p.%4$I) r
		 WHERE p.%6$I::bigint > @extschema@.kc_support_cap_limit(r.max_share, r.max_amount, p.%5$I::@extschema@.kc_money)::bigint
		 ORDER BY p.ctid',
		args[1],
		CASE WHEN args[2] = '' THEN 'NULL::@extschema@.kc_source' ELSE format('p.%I', args[2]) END,
		CASE WHEN args[3] = '' THEN 'NULL::text' ELSE format('p.%I::text', args[3]) END,
		args[4], args[5], args[6], projects);
END $$;
COMMENT ON FUNCTION @extschema@.kc_support_cap_violations(regclass) IS
	'Rows of a table checked by kc_enforce_support_cap that the support-cap rules as they stand now would reject, with the rule and the cap.';
