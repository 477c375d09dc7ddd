-- Declared cap rules: for every parent row, the sum of the children's
-- amount never exceeds the parent's limit (money allocated within the
-- approved plan, payments within the allocation).  Enforced by C triggers
-- (src/kc_cap_*.c) modelled on PostgreSQL's foreign-key triggers.

-- The rules.  An extension configuration table: pg_dump writes its rows,
-- and the triggers name their rule by rule_name, so a restore brings the
-- rules back and they keep being enforced.
CREATE TABLE @extschema@.kc_cap_rule (
	rule_name text PRIMARY KEY,
	child_table regclass NOT NULL,
	child_columns text[] NOT NULL,
	amount_column text NOT NULL,
	parent_table regclass NOT NULL,
	parent_columns text[] NOT NULL,
	limit_column text NOT NULL
);
COMMENT ON TABLE @extschema@.kc_cap_rule IS
	'Cap rules declared with kc_enforce_cap; change them only through kc_enforce_cap and kc_drop_cap.';

-- The kept total per rule and key: the sum of the amounts of the child rows
-- whose reference equals parent_key (the key values as text).  Written by
-- the triggers (when a transaction first changes a key, and at its commit
-- for what later statements added); dumped with the rules, so a restore is
-- consistent with the restored rows.
CREATE TABLE @extschema@.kc_cap_total (
	rule_name text NOT NULL,
	parent_key text[] NOT NULL,
	total numeric NOT NULL,
	PRIMARY KEY (rule_name, parent_key)
);
COMMENT ON TABLE @extschema@.kc_cap_total IS
	'Running totals kept by the cap rule triggers (one row per rule and key); kc_cap_rebuild recomputes them.';

SELECT pg_catalog.pg_extension_config_dump('@extschema@.kc_cap_rule', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.kc_cap_total', '');

-- Everyone may read the rules; only the functions below change them.
REVOKE ALL ON @extschema@.kc_cap_rule, @extschema@.kc_cap_total FROM PUBLIC;
GRANT SELECT ON @extschema@.kc_cap_rule, @extschema@.kc_cap_total TO PUBLIC;

CREATE FUNCTION @extschema@.kc_enforce_cap(
	rule_name text, child_table regclass, child_columns text[], amount_column text,
	parent_table regclass, parent_columns text[], limit_column text)
	RETURNS void
	AS 'MODULE_PATHNAME', 'kc_enforce_cap' LANGUAGE C VOLATILE;
COMMENT ON FUNCTION @extschema@.kc_enforce_cap(text, regclass, text[], text, regclass, text[], text) IS
	'Declare a cap rule: for each parent row, sum(amount_column) over the child rows whose child_columns equal its parent_columns stays at most its limit_column. Only the owner of both tables may do it.';

CREATE FUNCTION @extschema@.kc_drop_cap(rule_name text)
	RETURNS void
	AS 'MODULE_PATHNAME', 'kc_drop_cap' LANGUAGE C VOLATILE;
COMMENT ON FUNCTION @extschema@.kc_drop_cap(text) IS
	'Remove a cap rule, its triggers and its kept totals.';

CREATE FUNCTION @extschema@.kc_cap_rebuild(rule_name text)
	RETURNS void
	AS 'MODULE_PATHNAME', 'kc_cap_rebuild' LANGUAGE C VOLATILE;
COMMENT ON FUNCTION @extschema@.kc_cap_rebuild(text) IS
	'Recompute the kept totals of a cap rule from the rows and check every limit (after the triggers were disabled, for example).';

CREATE FUNCTION @extschema@.kc_cap_child_row() RETURNS trigger
	AS 'MODULE_PATHNAME', 'kc_cap_child_row' LANGUAGE C;
CREATE FUNCTION @extschema@.kc_cap_child_truncate() RETURNS trigger
	AS 'MODULE_PATHNAME', 'kc_cap_child_truncate' LANGUAGE C;
CREATE FUNCTION @extschema@.kc_cap_parent_row() RETURNS trigger
	AS 'MODULE_PATHNAME', 'kc_cap_parent_row' LANGUAGE C;

-- Only owners of the tables get anything done by these (checked inside);
-- PUBLIC keeps EXECUTE so that table owners who are not superusers can
-- declare rules on their own tables.

CREATE VIEW @extschema@.kc_caps AS
SELECT r.rule_name, r.child_table, r.child_columns, r.amount_column,
	r.parent_table, r.parent_columns, r.limit_column,
	(SELECT pg_catalog.count(*) FROM @extschema@.kc_cap_total t
	  WHERE t.rule_name OPERATOR(pg_catalog.=) r.rule_name
	    AND t.total OPERATOR(pg_catalog.<>) 0) AS keys_with_total,
	(SELECT pg_catalog.sum(t.total) FROM @extschema@.kc_cap_total t
	  WHERE t.rule_name OPERATOR(pg_catalog.=) r.rule_name) AS total
FROM @extschema@.kc_cap_rule r;
COMMENT ON VIEW @extschema@.kc_caps IS
	'The declared cap rules, with the number of keys that have a kept total and the sum of the kept totals.';
GRANT SELECT ON @extschema@.kc_caps TO PUBLIC;
