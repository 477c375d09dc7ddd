-- test/upgrade/fill_rules.sql -- part of fill.sql (included with \ir):
-- data under every rule the installed version has, and for each rule the
-- statements it must refuse and allow.  A rule API that is missing prints
-- "skip: ...".

---------------------------------------------------------------------------
-- 4a. Parent/child caps: allocations within the plan, payments within the
--     allocation (kc_enforce_cap).
---------------------------------------------------------------------------
DO $$
BEGIN
	IF NOT kc_upg.has('kc_enforce_cap(text,regclass,text[],text,regclass,text[],text)') THEN
		PERFORM kc_upg.report('skip', 'cap rules: no kc_enforce_cap(text, regclass, text[], text, regclass, text[], text) in this version');
		RETURN;
	END IF;
	CREATE TABLE kc_upg.fund_plan (
		id int PRIMARY KEY, year int NOT NULL, source kc_source NOT NULL, approved kc_money);
	CREATE TABLE kc_upg.allocation (
		id int PRIMARY KEY, plan_id int REFERENCES kc_upg.fund_plan, amount kc_money);
	CREATE TABLE kc_upg.payment (
		id int PRIMARY KEY, allocation_id int REFERENCES kc_upg.allocation, amount kc_money);
	IF NOT kc_upg.run('declare cap rule kc_upg_allocation_within_plan',
		$s$SELECT kc_enforce_cap('kc_upg_allocation_within_plan', 'kc_upg.allocation', '{plan_id}', 'amount',
		                         'kc_upg.fund_plan', '{id}', 'approved')$s$)
	OR NOT kc_upg.run('declare cap rule kc_upg_payment_within_allocation',
		$s$SELECT kc_enforce_cap('kc_upg_payment_within_allocation', 'kc_upg.payment', '{allocation_id}', 'amount',
		                         'kc_upg.allocation', '{id}', 'amount')$s$)
	THEN
		RETURN;
	END IF;
	-- 20 plans of 1 tỷ; 5 allocations of 150 triệu each (headroom 250 triệu);
	-- one payment of 100 triệu per allocation (headroom 50 triệu)
	IF NOT kc_upg.run('fill fund_plan, allocation, payment under the cap rules', $s$
		INSERT INTO kc_upg.fund_plan
			SELECT i, 2020 + i % 4, (enum_range(NULL::kc_source))[1 + i % 4], '1 tỷ' FROM generate_series(1, 20) AS i;
		INSERT INTO kc_upg.allocation
			SELECT (p - 1) * 5 + k, p, '150 triệu' FROM generate_series(1, 20) AS p, generate_series(1, 5) AS k;
		INSERT INTO kc_upg.payment SELECT a, a, '100 triệu' FROM generate_series(1, 100) AS a;
		-- plan 3 full to the last đồng
		INSERT INTO kc_upg.allocation VALUES (1003, 3, '250 triệu');
		-- a child with no parent is not checked
		INSERT INTO kc_upg.allocation VALUES (3001, NULL, '999 tỷ');
		$s$)
	THEN
		RETURN;
	END IF;
	INSERT INTO kc_upg.info VALUES ('cap rules filled', 'yes');
END
$$;

-- the checks, in transactions of their own (the fill above has committed)
DO $$
BEGIN
	IF NOT EXISTS (SELECT FROM kc_upg.info WHERE key = 'cap rules filled') THEN
		RETURN;
	END IF;
	PERFORM kc_upg.add_refused('cap: an allocation one đồng above the plan''s headroom',
		$s$INSERT INTO kc_upg.allocation VALUES (1001, 1, 250000001)$s$, '23514', 'kc_upg_allocation_within_plan');
	PERFORM kc_upg.add_allowed('cap: an allocation exactly at the plan''s headroom',
		$s$INSERT INTO kc_upg.allocation VALUES (1001, 1, 250000000)$s$);
	PERFORM kc_upg.add_refused('cap: raising an allocation above the plan''s headroom',
		$s$UPDATE kc_upg.allocation SET amount = amount + 250000001 WHERE id = 1$s$, '23514', 'kc_upg_allocation_within_plan');
	PERFORM kc_upg.add_refused('cap: an INSERT ... SELECT whose rows together exceed the headroom',
		$s$INSERT INTO kc_upg.allocation SELECT 2000 + i, 2, '130 triệu' FROM generate_series(1, 2) AS i$s$, '23514', 'kc_upg_allocation_within_plan');
	PERFORM kc_upg.add_refused('cap: moving an allocation to a full plan',
		$s$UPDATE kc_upg.allocation SET plan_id = 3 WHERE id = 6$s$, '23514', 'kc_upg_allocation_within_plan');
	PERFORM kc_upg.add_refused('cap: lowering a plan below what is allocated',
		$s$UPDATE kc_upg.fund_plan SET approved = 749999999 WHERE id = 4$s$, '23514', 'kc_upg_allocation_within_plan');
	PERFORM kc_upg.add_allowed('cap: lowering a plan to exactly what is allocated',
		$s$UPDATE kc_upg.fund_plan SET approved = 750000000 WHERE id = 4$s$);
	PERFORM kc_upg.add_allowed('cap: headroom comes back after a DELETE',
		$s$DELETE FROM kc_upg.payment WHERE id = 10; DELETE FROM kc_upg.allocation WHERE id = 10;
		   INSERT INTO kc_upg.allocation VALUES (4001, 2, '400 triệu')$s$);
	PERFORM kc_upg.add_refused('cap: a payment one đồng above the allocation''s headroom',
		$s$INSERT INTO kc_upg.payment VALUES (1001, 7, 50000001)$s$, '23514', 'kc_upg_payment_within_allocation');
	PERFORM kc_upg.add_allowed('cap: a payment exactly at the allocation''s headroom',
		$s$INSERT INTO kc_upg.payment VALUES (1001, 7, 50000000)$s$);
	PERFORM kc_upg.add_refused('cap: lowering an allocation below what is paid',
		$s$UPDATE kc_upg.allocation SET amount = 99999999 WHERE id = 8$s$, '23514', 'kc_upg_payment_within_allocation');
	PERFORM kc_upg.add_allowed('cap: a child with a NULL reference is not checked',
		$s$INSERT INTO kc_upg.allocation VALUES (3002, NULL, '999 tỷ')$s$);

	PERFORM kc_upg.add_holds('cap: every plan holds at most its approved amount, every allocation at most its amount', $q$
		SELECT NOT EXISTS (SELECT FROM kc_upg.fund_plan p
		                   WHERE (SELECT sum(amount::bigint) FROM kc_upg.allocation a WHERE a.plan_id = p.id) > p.approved::bigint)
		   AND NOT EXISTS (SELECT FROM kc_upg.allocation a
		                   WHERE (SELECT sum(amount::bigint) FROM kc_upg.payment y WHERE y.allocation_id = a.id) > a.amount::bigint)$q$);
	IF to_regclass('kc_caps') IS NOT NULL
	   AND EXISTS (SELECT FROM pg_attribute WHERE attrelid = to_regclass('kc_caps') AND attname = 'total') THEN
		PERFORM kc_upg.add_holds('cap: the totals kc_caps reports equal the real sums', $q$
			SELECT (SELECT total FROM kc_caps WHERE rule_name = 'kc_upg_allocation_within_plan')
			         = (SELECT sum(amount::bigint) FROM kc_upg.allocation WHERE plan_id IS NOT NULL)
			   AND (SELECT total FROM kc_caps WHERE rule_name = 'kc_upg_payment_within_allocation')
			         = (SELECT sum(amount::bigint) FROM kc_upg.payment WHERE allocation_id IS NOT NULL)$q$);
	END IF;
	PERFORM kc_upg.add_probe('cap rules: plans, allocations, payments', $q$
		SELECT (SELECT md5(string_agg(t::text, ';' ORDER BY id)) FROM kc_upg.fund_plan t) || ' '
		    || (SELECT md5(string_agg(t::text, ';' ORDER BY id)) FROM kc_upg.allocation t) || ' '
		    || (SELECT md5(string_agg(t::text, ';' ORDER BY id)) FROM kc_upg.payment t)$q$);
	PERFORM kc_upg.add_probe('cap rules: allocated per plan', $q$
		SELECT string_agg(plan_id || '=' || s, ' ' ORDER BY plan_id)
		FROM (SELECT plan_id, sum(amount) AS s FROM kc_upg.allocation GROUP BY plan_id) t$q$);
	IF to_regclass('kc_caps') IS NOT NULL THEN
		PERFORM kc_upg.add_probe('cap rules: the kc_caps view', $q$
			SELECT string_agg(c::text, ' | ' ORDER BY c::text COLLATE "C") FROM kc_caps c$q$);
	ELSE
		PERFORM kc_upg.report('skip', 'cap rules: no kc_caps view in this version');
	END IF;
END
$$;

---------------------------------------------------------------------------
-- 4b. Support caps by project category (kc_enforce_support_cap): see
--     fill_support_cap.sql.
---------------------------------------------------------------------------
\ir fill_support_cap.sql

---------------------------------------------------------------------------
-- 4c. Closed years (kc_enforce_year_lock, kc_close_year): 2021 is closed,
--     2022 and 2023 are open.
---------------------------------------------------------------------------
DO $$
BEGIN
	IF NOT kc_upg.has('kc_enforce_year_lock(regclass,text)')
	   OR NOT kc_upg.has('kc_close_year(integer,text)') THEN
		PERFORM kc_upg.report('skip', 'closed years: no kc_enforce_year_lock(regclass, text) and kc_close_year(integer, text) in this version');
		RETURN;
	END IF;
	CREATE TABLE kc_upg.settled (id int PRIMARY KEY, year int NOT NULL, source kc_source, amount kc_money NOT NULL);
	INSERT INTO kc_upg.settled
		SELECT i, 2021 + i % 3, (enum_range(NULL::kc_source))[1 + i % 4], i * 1000000::bigint
		FROM generate_series(1, 300) AS i;
	IF NOT kc_upg.run('protect kc_upg.settled and close 2021', $s$
		SELECT kc_enforce_year_lock('kc_upg.settled', 'year');
		SELECT kc_close_year(2021, 'kc_ext upgrade test: the 2021 accounts are settled');
		$s$)
	THEN
		RETURN;
	END IF;
	INSERT INTO kc_upg.info VALUES ('closed years filled', 'yes');
END
$$;

DO $$
BEGIN
	IF NOT EXISTS (SELECT FROM kc_upg.info WHERE key = 'closed years filled') THEN
		RETURN;
	END IF;
	-- rows: id % 3 = 0 -> 2021 (closed), 1 -> 2022, 2 -> 2023
	PERFORM kc_upg.add_refused('closed year: INSERT into 2021',
		$s$INSERT INTO kc_upg.settled VALUES (1000, 2021, 'national', 1)$s$);
	PERFORM kc_upg.add_refused('closed year: UPDATE of a 2021 row',
		$s$UPDATE kc_upg.settled SET amount = amount + 1 WHERE id = 3$s$);
	PERFORM kc_upg.add_refused('closed year: UPDATE moving a 2023 row into 2021',
		$s$UPDATE kc_upg.settled SET year = 2021 WHERE id = 2$s$);
	PERFORM kc_upg.add_refused('closed year: UPDATE moving a 2021 row out to 2023',
		$s$UPDATE kc_upg.settled SET year = 2023 WHERE id = 6$s$);
	PERFORM kc_upg.add_refused('closed year: DELETE of a 2021 row',
		$s$DELETE FROM kc_upg.settled WHERE id = 9$s$);
	PERFORM kc_upg.add_refused('closed year: TRUNCATE of a table holding 2021 rows',
		$s$TRUNCATE kc_upg.settled$s$);
	PERFORM kc_upg.add_allowed('closed year: INSERT into 2023',
		$s$INSERT INTO kc_upg.settled VALUES (1000, 2023, 'local', 1)$s$);
	PERFORM kc_upg.add_allowed('closed year: UPDATE and DELETE of 2022 rows',
		$s$UPDATE kc_upg.settled SET amount = amount + 1 WHERE id = 1; DELETE FROM kc_upg.settled WHERE id = 4$s$);
	IF to_regclass('kc_year_lock_log') IS NOT NULL THEN
		PERFORM kc_upg.add_refused('closed year log: UPDATE of kc_year_lock_log',
			$s$UPDATE kc_year_lock_log SET reason = reason || ' (changed)'$s$);
		PERFORM kc_upg.add_refused('closed year log: DELETE from kc_year_lock_log',
			$s$DELETE FROM kc_year_lock_log$s$);
	ELSE
		PERFORM kc_upg.report('skip', 'closed year log: no kc_year_lock_log in this version');
	END IF;
	PERFORM kc_upg.add_probe('closed year: kc_upg.settled rows', $q$
		SELECT md5(string_agg(t::text, ';' ORDER BY id)) FROM kc_upg.settled t$q$);
END
$$;
