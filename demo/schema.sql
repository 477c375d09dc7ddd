-- demo/schema.sql -- a reference schema any ministry could start from.
--
-- Funding plans by year, province and source; projects (đề án khuyến công)
-- with their category, cost and approved support; allocations of plan money
-- to projects; payments (advances, payments, settlements).  Amounts are
-- kc_money, sources kc_source.  Needs CREATE EXTENSION kc_ext first; the
-- objects go into the current schema.

CREATE TABLE province (
	code		text PRIMARY KEY,
	name		text NOT NULL,
	region		text NOT NULL
);
COMMENT ON TABLE province IS 'Provinces, plus the pseudo-province TW for the ministry''s own units.';

CREATE TABLE fund_plan (
	id			bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	year		integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
	province_code text NOT NULL REFERENCES province,
	source		kc_source NOT NULL,
	approved	kc_money NOT NULL CHECK (approved >= 0),
	approved_on date,
	UNIQUE (year, province_code, source)
);
COMMENT ON TABLE fund_plan IS 'Kế hoạch kinh phí: the approved plan of one source in one province and year.';

CREATE TABLE project (
	id			bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	code		text NOT NULL UNIQUE,
	title		text NOT NULL,
	year		integer NOT NULL,
	province_code text NOT NULL REFERENCES province,
	category	text NOT NULL,
	source		kc_source NOT NULL,
	approved_on date NOT NULL,
	cost		kc_money NOT NULL CHECK (cost >= 0),
	support		kc_money NOT NULL CHECK (support >= 0)
);
COMMENT ON TABLE project IS 'Đề án khuyến công: a project with its total cost and the state support approved for it.';

CREATE TABLE allocation (
	id			bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	plan_id		bigint NOT NULL REFERENCES fund_plan,
	project_id	bigint NOT NULL REFERENCES project,
	amount		kc_money NOT NULL CHECK (amount >= 0),
	allocated_on date
);
CREATE INDEX ON allocation (plan_id);
CREATE INDEX ON allocation (project_id);
COMMENT ON TABLE allocation IS 'Plan money allocated to a project.';

CREATE TABLE payment (
	id			bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	allocation_id bigint NOT NULL REFERENCES allocation,
	kind		text NOT NULL CHECK (kind IN ('advance', 'payment', 'settlement')),
	amount		kc_money NOT NULL,
	paid_on		date
);
CREATE INDEX ON payment (allocation_id);
COMMENT ON TABLE payment IS 'Money paid out under an allocation: tạm ứng (advance), thanh toán (payment), quyết toán (settlement).';

-- What each plan line achieved: planned = the approved plan, actual = what
-- was paid out under its allocations.
CREATE VIEW plan_fulfilment AS
SELECT fp.id AS plan_id, fp.year, fp.province_code, fp.source,
	   fp.approved AS planned,
	   COALESCE(paid.amount, 0::kc_money) AS actual
FROM fund_plan fp
LEFT JOIN (SELECT a.plan_id, sum(p.amount) AS amount
		   FROM allocation a JOIN payment p ON p.allocation_id = a.id
		   GROUP BY a.plan_id) paid ON paid.plan_id = fp.id;

-- For BI tools that know nothing of kc_ext types: plain numeric and text.
CREATE VIEW report_by_source AS
SELECT year, source::text AS source, kc_source_label(source) AS source_label,
	   kc_planned(f)::numeric AS planned_dong,
	   kc_actual(f)::numeric AS actual_dong,
	   kc_pct(f, 2, 'half_up') AS fulfilment_pct
FROM (SELECT year, source, kc_fulfilment(planned, actual) AS f
	  FROM plan_fulfilment GROUP BY year, source) s;

CREATE VIEW report_by_province AS
SELECT s.year, s.province_code, pr.name AS province_name,
	   kc_planned(f)::numeric AS planned_dong,
	   kc_actual(f)::numeric AS actual_dong,
	   kc_pct(f, 2, 'half_up') AS fulfilment_pct
FROM (SELECT year, province_code, kc_fulfilment(planned, actual) AS f
	  FROM plan_fulfilment GROUP BY year, province_code) s
JOIN province pr ON pr.code = s.province_code;
