-- The per-backend cache of cap rules keeps nothing for names that are no
-- rule (issue 17: 20,000 distinct unknown names took 67 MB of a backend).
-- A trigger naming an unknown rule fails every write; after 2,000 of them
-- the backend holds no more rule contexts than before.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS kc_ext;
DROP SCHEMA IF EXISTS kc_test_ccb CASCADE;
RESET client_min_messages;
CREATE SCHEMA kc_test_ccb;
CREATE TABLE kc_test_ccb.c (pid int, amount bigint);

SELECT count(*) AS rule_contexts_before FROM pg_backend_memory_contexts
WHERE name = 'kc_cap rule' \gset
DO $$
DECLARE
	failed int := 0;
BEGIN
	FOR i IN 1..2000 LOOP
		EXECUTE format('CREATE TRIGGER t AFTER INSERT ON kc_test_ccb.c FOR EACH ROW
		                EXECUTE FUNCTION kc_cap_child_row(%L)', 'kc_test_ccb_unknown_' || i);
		BEGIN
			INSERT INTO kc_test_ccb.c VALUES (1, 1);
		EXCEPTION WHEN undefined_object THEN
			failed := failed + 1;
		END;
		DROP TRIGGER t ON kc_test_ccb.c;
	END LOOP;
	RAISE NOTICE 'writes refused: %', failed;
END $$;
SELECT count(*) - :rule_contexts_before AS rule_contexts_added
FROM pg_backend_memory_contexts WHERE name = 'kc_cap rule';
SELECT count(*) AS rows_written FROM kc_test_ccb.c;

SET client_min_messages = warning;
DROP SCHEMA kc_test_ccb CASCADE;
RESET client_min_messages;
