
-- kc_ext 1.0 -- closed years.
--
-- Once a year's accounts are settled (quyết toán), its rows stop changing.
-- kc_enforce_year_lock(tbl, year_column) protects a table; kc_close_year()
-- and kc_reopen_year() close and reopen a year for every protected table.
--
-- * A write that touches a closed year, by the old or the new row, fails
--   with SQLSTATE 55000 (object_not_in_prerequisite_state) and constraint
--   name kc_year_lock; TRUNCATE of a protected table holding rows of a
--   closed year fails the same way.
-- * Who may close and reopen: superusers, the owner of the extension, and
--   roles with the privileges of a role named kc_year_admin (the extension
--   creates no role: create it and grant it to the people who settle
--   accounts).  Everyone else gets 42501.
-- * The closed years and an append-only log (who, when, why) are
--   configuration tables, so pg_dump keeps them; nobody but their owner can
--   write them, the functions write them as the extension's owner, and the
--   log refuses UPDATE, DELETE and TRUNCATE from anyone.
-- * Concurrency: kc_close_year takes a SHARE lock on every protected table,
--   so it waits for writers in flight and holds new ones back until it
--   commits; the triggers read the closed years with a fresh snapshot, so
--   a REPEATABLE READ writer whose snapshot predates the closing still sees
--   it.  Protect tables before closing years.

CREATE TABLE @extschema@.kc_closed_year (
	year		integer PRIMARY KEY
		CONSTRAINT kc_closed_year_year_check CHECK (year BETWEEN 1900 AND 9999),
	closed_at	timestamptz NOT NULL,
	closed_by	name NOT NULL,
	reason		text NOT NULL
);
COMMENT ON TABLE @extschema@.kc_closed_year IS
	'Years whose accounts are settled: rows of protected tables in these years do not change. Written by kc_close_year and kc_reopen_year only.';

CREATE SEQUENCE @extschema@.kc_year_lock_log_entry_seq;

CREATE TABLE @extschema@.kc_year_lock_log (
	entry		bigint PRIMARY KEY
		DEFAULT nextval('@extschema@.kc_year_lock_log_entry_seq'),
	year		integer NOT NULL,
	action		text NOT NULL
		CONSTRAINT kc_year_lock_log_action_check CHECK (action IN ('close', 'reopen')),
	acting_role name NOT NULL,		-- current_user of the caller
	session_role name NOT NULL,		-- session_user of the caller
	logged_at	timestamptz NOT NULL,
	reason		text NOT NULL
);
COMMENT ON TABLE @extschema@.kc_year_lock_log IS
	'Append-only record of every closing and reopening of a year: who, when, why.';

SELECT pg_catalog.pg_extension_config_dump('@extschema@.kc_closed_year', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.kc_year_lock_log', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.kc_year_lock_log_entry_seq', '');

REVOKE ALL ON @extschema@.kc_closed_year, @extschema@.kc_year_lock_log FROM PUBLIC;
GRANT SELECT ON @extschema@.kc_closed_year, @extschema@.kc_year_lock_log TO PUBLIC;
REVOKE ALL ON SEQUENCE @extschema@.kc_year_lock_log_entry_seq FROM PUBLIC;

-- The log only grows (restore inserts rows, which is allowed).
CREATE FUNCTION @extschema@.kc_year_lock_log_append_only() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	RAISE EXCEPTION 'the year-lock log is append-only: % is not allowed', TG_OP
		USING ERRCODE = 'insufficient_privilege',
			  HINT = 'Closing and reopening years add entries; nothing changes or removes them.';
END $$;
CREATE TRIGGER kc_year_lock_log_append_only
	BEFORE UPDATE OR DELETE ON @extschema@.kc_year_lock_log
	FOR EACH ROW EXECUTE FUNCTION @extschema@.kc_year_lock_log_append_only();
CREATE TRIGGER kc_year_lock_log_no_truncate
	BEFORE TRUNCATE ON @extschema@.kc_year_lock_log
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.kc_year_lock_log_append_only();

-- Writers cache the closed years for their transaction; a change of the
-- status table in this backend drops the cache (see kc_year_lock.c).
CREATE FUNCTION @extschema@.kc_year_lock_status_changed() RETURNS trigger
	AS 'MODULE_PATHNAME', 'kc_year_lock_status_changed' LANGUAGE C;
CREATE TRIGGER kc_closed_year_changed
	AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.kc_closed_year
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.kc_year_lock_status_changed();

-- The triggers (C).  Argument: the year column's name.
CREATE FUNCTION @extschema@.kc_year_lock_row() RETURNS trigger
	AS 'MODULE_PATHNAME', 'kc_year_lock_row' LANGUAGE C;
CREATE FUNCTION @extschema@.kc_year_lock_truncate() RETURNS trigger
	AS 'MODULE_PATHNAME', 'kc_year_lock_truncate' LANGUAGE C;

-- Closing and reopening (C: they check the caller's privileges, lock the
-- protected tables and write the status and the log as the extension's
-- owner, with a pinned search_path).
CREATE FUNCTION @extschema@.kc_close_year(year integer, reason text) RETURNS void
	AS 'MODULE_PATHNAME', 'kc_close_year' LANGUAGE C VOLATILE;
COMMENT ON FUNCTION @extschema@.kc_close_year(integer, text) IS
	'Closes a year for every table protected by kc_enforce_year_lock, after the writers in flight finish; logged with who, when and why. Superusers, the extension owner and members of role kc_year_admin only.';
CREATE FUNCTION @extschema@.kc_reopen_year(year integer, reason text) RETURNS void
	AS 'MODULE_PATHNAME', 'kc_reopen_year' LANGUAGE C VOLATILE;
COMMENT ON FUNCTION @extschema@.kc_reopen_year(integer, text) IS
	'Reopens a closed year; logged with who, when and why. Superusers, the extension owner and members of role kc_year_admin only.';

CREATE FUNCTION @extschema@.kc_enforce_year_lock(tbl regclass, year_column text)
RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	kind "char";
	t regtype;
	part regclass;
BEGIN
	IF tbl IS NULL THEN
		RAISE EXCEPTION 'the table to protect is missing' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	SELECT c.relkind INTO kind FROM pg_class c WHERE c.oid = tbl;
	IF kind NOT IN ('r', 'p') THEN
		RAISE EXCEPTION '% is not a table', tbl USING ERRCODE = 'wrong_object_type';
	END IF;
	t := @extschema@.kc_column_type_of(tbl, year_column, 'year');
	IF t NOT IN ('smallint'::regtype, 'integer'::regtype, 'bigint'::regtype) THEN
		RAISE EXCEPTION 'year column "%" of % has type %, not an integer', year_column, tbl, t
			USING ERRCODE = 'datatype_mismatch',
				  HINT = 'Protect a table by a column holding the year, e.g. the fiscal year of the row.';
	END IF;
	IF EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = tbl AND tgname = 'kc_year_lock') THEN
		EXECUTE format('DROP TRIGGER kc_year_lock ON %s', tbl);
	END IF;
	EXECUTE format('CREATE TRIGGER kc_year_lock AFTER INSERT OR UPDATE OR DELETE ON %s '
				   'FOR EACH ROW EXECUTE FUNCTION @extschema@.kc_year_lock_row(%L)',
				   tbl, year_column);
	-- Row triggers are cloned to partitions, TRUNCATE triggers are not (a
	-- partition can be truncated on its own): put one on every partition.
	-- Partitions attached later: run kc_enforce_year_lock on the table again.
	-- (pg_partition_tree is empty for a table that is not partitioned.)
	FOR part IN SELECT tbl UNION SELECT p.relid FROM pg_partition_tree(tbl) p LOOP
		IF EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = part AND tgname = 'kc_year_lock_truncate') THEN
			EXECUTE format('DROP TRIGGER kc_year_lock_truncate ON %s', part);
		END IF;
		EXECUTE format('CREATE TRIGGER kc_year_lock_truncate BEFORE TRUNCATE ON %s '
					   'FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.kc_year_lock_truncate(%L)',
					   part, year_column);
	END LOOP;
END $$;
COMMENT ON FUNCTION @extschema@.kc_enforce_year_lock(regclass, text) IS
	'Protects a table: INSERT, UPDATE, DELETE touching a closed year (by old or new values) and TRUNCATE of closed-year rows fail with SQLSTATE 55000, constraint kc_year_lock.';

-- Which tables are protected, by which column.
CREATE FUNCTION @extschema@.kc_year_locked_tables()
RETURNS TABLE (tbl regclass, year_column text)
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT t.tgrelid::regclass, (@extschema@.kc_trigger_args(t.tgrelid::regclass, t.tgname))[1]
	FROM pg_trigger t
	WHERE t.tgfoid = '@extschema@.kc_year_lock_row()'::regprocedure
	ORDER BY 1
$$;
