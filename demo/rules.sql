-- demo/rules.sql -- the allocation rules of the reference schema, declared
-- once and enforced by kc_ext inside the database.

-- Money allocated to projects never exceeds the approved plan of its source;
-- money paid out never exceeds what a project was allocated.
SELECT kc_enforce_cap('allocation_within_plan', 'allocation', '{plan_id}', 'amount',
                      'fund_plan', '{id}', 'approved');
SELECT kc_enforce_cap('payment_within_allocation', 'payment', '{allocation_id}', 'amount',
                      'allocation', '{id}', 'amount');

-- State support per project is capped by category (Circular 28/2018/TT-BTC
-- and the rules in kc_support_cap_rule, in force on the approval date).
SELECT kc_enforce_support_cap('project', 'category', 'source', 'province_code',
                              'approved_on', 'cost', 'support');

-- Settled years stay closed.
SELECT kc_enforce_year_lock('fund_plan', 'year');
SELECT kc_enforce_year_lock('project', 'year');
