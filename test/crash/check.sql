-- test/crash/check.sql -- what must hold after the server was killed and
-- restarted (run by test/suites/60-crash.sh).  One line per check:
-- pass (t/f) | what | detail.  Needs psql variable sum2021 (the checksum of
-- the closed year taken before the load) and a table crash_recorded (kind,
-- id, ref, amount) holding every row the clients saw committed.  Everything
-- is read in one REPEATABLE READ snapshot.
\set ON_ERROR_STOP 1
\pset format unaligned
\pset tuples_only on
\pset fieldsep '|'
BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY;

-- 1. No parent above its limit, recomputed from the child tables.
SELECT count(*) FILTER (WHERE s.total > s.lim) = 0,
	   'allocation_within_plan: no plan above its approved amount',
	   format('%s plans, %s above the limit, %s filled to 95%% or more, largest fill %s%%',
			  count(*), count(*) FILTER (WHERE s.total > s.lim),
			  count(*) FILTER (WHERE s.total >= 0.95 * s.lim AND s.lim > 0),
			  coalesce(round(max(100 * s.total / nullif(s.lim, 0)), 2), 0))
FROM (SELECT fp.id, fp.approved::bigint::numeric AS lim,
			 coalesce(sum(a.amount::bigint::numeric), 0) AS total
	  FROM fund_plan fp LEFT JOIN allocation a ON a.plan_id = fp.id
	  GROUP BY fp.id) s;

SELECT count(*) FILTER (WHERE s.total > s.lim) = 0,
	   'payment_within_allocation: no allocation paid beyond its amount',
	   format('%s allocations with payments, %s above the limit',
			  count(*), count(*) FILTER (WHERE s.total > s.lim))
FROM (SELECT a.id, a.amount::bigint::numeric AS lim,
			 sum(p.amount::bigint::numeric) AS total
	  FROM allocation a JOIN payment p ON p.allocation_id = a.id
	  GROUP BY a.id) s;

-- 2. Every kept total equals the real sum (keys on either side only count
--    as a difference when the other side is not zero).
SELECT count(*) = 0,
	   'allocation_within_plan: every kept total in kc_cap_total equals the real sum',
	   format('%s keys differ%s; %s kept totals',
			  count(*),
			  coalesce(': ' || string_agg(format('%s kept %s real %s', k, kept, real), ', '), ''),
			  (SELECT count(*) FROM kc_cap_total WHERE rule_name = 'allocation_within_plan'))
FROM (SELECT coalesce(t.parent_key, s.k) AS k, coalesce(t.total, 0) AS kept, coalesce(s.real, 0) AS real
	  FROM (SELECT parent_key, total FROM kc_cap_total WHERE rule_name = 'allocation_within_plan') t
	  FULL JOIN (SELECT ARRAY[plan_id::text] AS k, sum(amount::bigint::numeric) AS real
				 FROM allocation GROUP BY plan_id) s ON s.k = t.parent_key) d
WHERE kept <> real;

SELECT count(*) = 0,
	   'payment_within_allocation: every kept total in kc_cap_total equals the real sum',
	   format('%s keys differ%s; %s kept totals',
			  count(*),
			  coalesce(': ' || string_agg(format('%s kept %s real %s', k, kept, real), ', '), ''),
			  (SELECT count(*) FROM kc_cap_total WHERE rule_name = 'payment_within_allocation'))
FROM (SELECT coalesce(t.parent_key, s.k) AS k, coalesce(t.total, 0) AS kept, coalesce(s.real, 0) AS real
	  FROM (SELECT parent_key, total FROM kc_cap_total WHERE rule_name = 'payment_within_allocation') t
	  FULL JOIN (SELECT ARRAY[allocation_id::text] AS k, sum(amount::bigint::numeric) AS real
				 FROM payment GROUP BY allocation_id) s ON s.k = t.parent_key) d
WHERE kept <> real;

-- 3. The closed year is unchanged.
SELECT md5 = :'sum2021', 'closed year 2021 unchanged (checksum of its plans, projects, allocations, payments, closing)',
	   format('%s rows, md5 %s', n, md5)
FROM (SELECT count(*) AS n, md5(string_agg(r, E'\n' ORDER BY r)) AS md5
	  FROM crash_closed_2021) c;

-- 4. Nothing committed is lost: every row a client saw committed is there,
--    with the plan (allocation) and amount it was written with.
SELECT count(*) FILTER (WHERE a.id IS NULL OR a.plan_id <> r.ref OR a.amount::bigint <> r.amount) = 0,
	   'every committed allocation is present, unchanged',
	   format('%s recorded, %s missing, %s changed', count(*),
			  count(*) FILTER (WHERE a.id IS NULL),
			  count(*) FILTER (WHERE a.plan_id <> r.ref OR a.amount::bigint <> r.amount))
FROM crash_recorded r LEFT JOIN allocation a ON a.id = r.id
WHERE r.kind = 'a';

SELECT count(*) FILTER (WHERE p.id IS NULL OR p.allocation_id <> r.ref OR p.amount::bigint <> r.amount) = 0,
	   'every committed payment is present, unchanged',
	   format('%s recorded, %s missing, %s changed', count(*),
			  count(*) FILTER (WHERE p.id IS NULL),
			  count(*) FILTER (WHERE p.allocation_id <> r.ref OR p.amount::bigint <> r.amount))
FROM crash_recorded r LEFT JOIN payment p ON p.id = r.id
WHERE r.kind = 'p';

COMMIT;
