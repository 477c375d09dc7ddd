-- test/move/cap_totals.sql -- kc_upg.cap_totals_fresh(): are the kept
-- totals of every cap rule (kc_cap_total) the sums of the rows?  Every rule
-- is rebuilt from its rows with kc_cap_rebuild (which sets the kept totals
-- to 0 and adds the sums, keeping the rows) inside a subtransaction that is
-- rolled back; true when the rebuild changes nothing.  Needs schema kc_upg
-- and kc_ext's schema on the search_path.
CREATE OR REPLACE FUNCTION kc_upg.cap_totals_fresh() RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
	kept text;
	fresh text;
	r record;
BEGIN
	SELECT string_agg(format('%s %s %s', rule_name, parent_key, total), ' | ' ORDER BY rule_name, parent_key::text COLLATE "C")
	INTO kept FROM kc_cap_total;
	BEGIN
		FOR r IN SELECT rule_name FROM kc_cap_rule ORDER BY 1 LOOP
			PERFORM kc_cap_rebuild(r.rule_name);
		END LOOP;
		SELECT string_agg(format('%s %s %s', rule_name, parent_key, total), ' | ' ORDER BY rule_name, parent_key::text COLLATE "C")
		INTO fresh FROM kc_cap_total;
		RAISE EXCEPTION USING ERRCODE = 'KCU01', MESSAGE = coalesce(fresh, '');
	EXCEPTION WHEN SQLSTATE 'KCU01' THEN
		fresh := SQLERRM;
	END;
	RETURN coalesce(kept, '') = fresh AND (SELECT count(*) FROM kc_cap_rule) > 0;
END
$$;
