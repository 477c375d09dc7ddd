-- test/upgrade/fill_support_cap.sql -- part of fill.sql (included from
-- fill_rules.sql): support caps by project category.
DO $$
BEGIN
	IF to_regprocedure('kc_enforce_support_cap(regclass,text,text,text,text,text,text)') IS NULL THEN
		PERFORM kc_upg.report('skip', 'support caps: no kc_enforce_support_cap(regclass, text, text, text, text, text, text) in this version');
		RETURN;
	END IF;
	PERFORM kc_upg.report('FAIL', 'support caps: kc_enforce_support_cap exists but test/upgrade/fill_support_cap.sql does not exercise it yet');
END
$$;
