-- test/upgrade/fill_support_cap.sql -- part of fill.sql (included from
-- fill_rules.sql): support caps by project category
-- (kc_enforce_support_cap, rules in kc_support_cap_rule, categories in
-- kc_project_category).  Besides the shipped national rules it adds a
-- user's category, a province's own rule, and edits a shipped rule (so
-- that an upgrade or a dump that loses user edits shows).
DO $$
BEGIN
	IF NOT kc_upg.has('kc_enforce_support_cap(regclass,text,text,text,text,text,text)') THEN
		PERFORM kc_upg.report('skip', 'support caps: no kc_enforce_support_cap(regclass, text, text, text, text, text, text) in this version');
		RETURN;
	END IF;
	IF to_regclass('kc_support_cap_rule') IS NULL OR to_regclass('kc_project_category') IS NULL THEN
		PERFORM kc_upg.report('FAIL', 'support caps: kc_enforce_support_cap exists but kc_support_cap_rule or kc_project_category does not',
			'test/upgrade/fill_support_cap.sql needs the new names');
		RETURN;
	END IF;

	-- user rows in the configuration tables: a category, a province's rule
	IF NOT kc_upg.run('support caps: add a category and a province''s own rule', $s$
		INSERT INTO kc_project_category (code, name_vi, name_en)
			VALUES ('kc_upg_test', 'Hạng mục thử nghiệm nâng cấp', 'Upgrade test category');
		INSERT INTO kc_support_cap_rule (category, source, province, effective_from, max_share, max_amount, legal_basis)
			VALUES ('demonstration_model', 'local', 'Ninh Bình', '2020-01-01', 0.40, 600000000,
			        'Nghị quyết HĐND tỉnh Ninh Bình (test row of the kc_ext upgrade test)'),
			       ('kc_upg_test', NULL, NULL, '2020-01-01', NULL, 7000000,
			        'kc_ext upgrade test: a cap on a user category');
		$s$)
	THEN
		RETURN;
	END IF;

	CREATE TABLE kc_upg.project (
		id int PRIMARY KEY,
		category text NOT NULL,
		source kc_source,
		province text,
		approved_on date NOT NULL,
		cost kc_money NOT NULL,
		support kc_money NOT NULL
	);
	IF NOT kc_upg.run('support caps: kc_enforce_support_cap on kc_upg.project',
		$s$SELECT kc_enforce_support_cap('kc_upg.project', 'category', 'source', 'province', 'approved_on', 'cost', 'support')$s$)
	THEN
		RETURN;
	END IF;
	IF NOT kc_upg.run('support caps: fill kc_upg.project within the caps', $s$
		INSERT INTO kc_upg.project VALUES
			(1, 'demonstration_model', 'national', 'Hà Nam', '2023-03-01', '2 tỷ', '600 triệu'),
			(2, 'demonstration_model', 'local', 'Ninh Bình', '2023-03-01', '1 tỷ', '400 triệu'),
			(3, 'demonstration_model', 'national', NULL, '2016-06-01', '5 tỷ', '500 triệu'),
			(4, 'machinery_transfer', 'national', 'Nam Định', '2022-07-15', '500 triệu', '250 triệu'),
			(5, 'rural_business', 'local', 'Thái Bình', '2021-01-04', '50 triệu', '10 triệu'),
			(6, 'trade_fair', 'national', NULL, '2022-01-01', '3 tỷ', '3 tỷ'),
			(7, 'kc_upg_test', NULL, NULL, '2022-01-01', '20 triệu', '7 triệu');
		INSERT INTO kc_upg.project
			SELECT 100 + i, 'machinery_transfer', (enum_range(NULL::kc_source))[1 + i % 4], NULL,
			       DATE '2019-01-01' + i, (i * 1000000)::bigint, (i * 500000)::bigint
			FROM generate_series(1, 500) AS i;
		$s$)
	THEN
		RETURN;
	END IF;

	-- a user's edit of a shipped rule: rural_business now capped at 8 triệu
	-- (project 5, approved under 10 triệu, becomes a reported violation)
	IF NOT kc_upg.run('support caps: edit a shipped rule (rural_business max_amount)', $s$
		UPDATE kc_support_cap_rule SET max_amount = '8 triệu'
		WHERE category = 'rural_business' AND province IS NULL AND source IS NULL AND effective_to IS NULL;
		$s$)
	THEN
		RETURN;
	END IF;
	INSERT INTO kc_upg.info VALUES ('support caps filled', 'yes');
END
$$;

DO $$
BEGIN
	IF NOT EXISTS (SELECT FROM kc_upg.info WHERE key = 'support caps filled') THEN
		RETURN;
	END IF;
	PERFORM kc_upg.add_refused('support cap: 30% of the cost plus one đồng (national rule)',
		$s$INSERT INTO kc_upg.project VALUES (1000, 'demonstration_model', 'national', 'Hà Nam', '2023-03-01', '2 tỷ', 600000001)$s$,
		'23514', 'kc_support_cap');
	PERFORM kc_upg.add_allowed('support cap: exactly 30% of the cost',
		$s$INSERT INTO kc_upg.project VALUES (1000, 'demonstration_model', 'national', 'Hà Nam', '2023-03-01', '2 tỷ', '600 triệu')$s$);
	PERFORM kc_upg.add_refused('support cap: the amount cap plus one đồng (1.000 triệu)',
		$s$INSERT INTO kc_upg.project VALUES (1000, 'demonstration_model', NULL, NULL, '2023-03-01', '10 tỷ', 1000000001)$s$,
		'23514', 'kc_support_cap');
	PERFORM kc_upg.add_refused('support cap: the older 26/2014 cap (500 triệu) before 2018',
		$s$INSERT INTO kc_upg.project VALUES (1000, 'demonstration_model', NULL, NULL, '2016-06-01', '10 tỷ', 500000001)$s$,
		'23514', 'kc_support_cap');
	PERFORM kc_upg.add_allowed('support cap: a province''s own rule (40%) beats the national 30%',
		$s$INSERT INTO kc_upg.project VALUES (1000, 'demonstration_model', 'local', 'Ninh Bình', '2023-03-01', '1 tỷ', '400 triệu')$s$);
	PERFORM kc_upg.add_refused('support cap: a province''s own rule plus one đồng',
		$s$INSERT INTO kc_upg.project VALUES (1000, 'demonstration_model', 'local', 'Ninh Bình', '2023-03-01', '1 tỷ', 400000001)$s$,
		'23514', 'kc_support_cap');
	PERFORM kc_upg.add_refused('support cap: the user-edited shipped rule (8 triệu)',
		$s$INSERT INTO kc_upg.project VALUES (1000, 'rural_business', 'local', NULL, '2023-03-01', '50 triệu', 8000001)$s$,
		'23514', 'kc_support_cap');
	PERFORM kc_upg.add_refused('support cap: a user category''s rule',
		$s$INSERT INTO kc_upg.project VALUES (1000, 'kc_upg_test', NULL, NULL, '2023-03-01', '50 triệu', 7000001)$s$,
		'23514', 'kc_support_cap');
	PERFORM kc_upg.add_refused('support cap: an UPDATE raising the support above the cap',
		$s$UPDATE kc_upg.project SET support = support + 1 WHERE id = 4$s$,
		'23514', 'kc_support_cap');
	PERFORM kc_upg.add_allowed('support cap: a category no rule covers',
		$s$INSERT INTO kc_upg.project VALUES (1000, 'consulting', 'national', NULL, '2023-03-01', '1 tỷ', '1 tỷ')$s$);
	PERFORM kc_upg.add_refused('support cap rules: an overlapping rule',
		$s$INSERT INTO kc_support_cap_rule (category, effective_from, max_share, legal_basis)
		   VALUES ('demonstration_model', '2019-01-01', 0.5, 'overlaps the shipped rule')$s$, '23P01');
	PERFORM kc_upg.add_refused('support cap rules: a share above 1',
		$s$INSERT INTO kc_support_cap_rule (category, province, effective_from, max_share, legal_basis)
		   VALUES ('consulting', 'Hà Nam', '2019-01-01', 1.5, 'bad share')$s$, '22023');

	PERFORM kc_upg.add_probe('support caps: kc_upg.project rows', $q$
		SELECT md5(string_agg(p::text, ';' ORDER BY id)) FROM kc_upg.project p$q$);
	IF kc_upg.has('kc_support_cap_violations(regclass)') THEN
		PERFORM kc_upg.add_probe('support caps: kc_support_cap_violations (projects the rules of today reject)', $q$
			SELECT count(*) || ': ' || coalesce(string_agg(concat_ws(' ', category, approved_on, cost, support, rule_id, cap), '; '
			                                       ORDER BY approved_on, category), '')
			FROM kc_support_cap_violations('kc_upg.project')$q$);
	ELSE
		PERFORM kc_upg.report('skip', 'support caps: no kc_support_cap_violations(regclass) in this version');
	END IF;
END
$$;
