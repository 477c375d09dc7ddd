-- demo/rls.sql -- row-level security for the reference schema (demo/schema.sql):
-- each province's Department of Industry and Trade (Sở Công Thương) sees and
-- writes only its own province's rows.  Load it after demo/schema.sql and
-- demo/rules.sql, as the owner of the tables, in the same schema.
--
-- Who acts for which province is data: province_role maps a province code
-- to a role; everyone with the privileges of that role (pg_has_role ...
-- 'USAGE': the role itself and its members) acts for that province.  A role
-- mapped to the pseudo-province TW (the ministry) acts for every province.
-- Add a mapping with CALL province_role_add('NB', 'kc_prov_nb'): it records
-- the mapping and grants the role what a province needs (USAGE on the
-- schema, SELECT on the reference data, the report views and the BI
-- views (*_bi), SELECT,
-- INSERT, UPDATE, DELETE on the four tables); the policies do the rest.
--
--   province      no RLS: reference data, everyone reads it
--   fund_plan     read: the province's own plans and the ministry's (TW)
--                 plans, which provinces allocate from; write: own only
--   project       the province's own projects
--   allocation    allocations to the province's own projects, against a
--                 plan the province can see
--   payment       payments under the province's own allocations
--
-- The views run with the rights of the reader (security_invoker), so the
-- reports and the BI views (*_bi) of a province role show that province only.
--
-- The cap rules (kc_enforce_cap in demo/rules.sql) keep counting every row,
-- also rows the writer cannot see: the triggers keep running totals and
-- read the limits as the tables' owner, ignoring row-level security, as
-- PostgreSQL's foreign-key checks do.  Two provinces allocating from one
-- national plan cannot, together, exceed it, though neither sees the
-- other's allocations.
--
-- The owner of the tables and superusers are not subject to these policies
-- (no FORCE ROW LEVEL SECURITY); loading data and kc_cap_rebuild work as
-- before.

CREATE TABLE province_role (
	province_code text NOT NULL REFERENCES province,
	role_name	regrole NOT NULL,
	PRIMARY KEY (province_code, role_name)
);
COMMENT ON TABLE province_role IS
	'Which role acts for which province under row-level security; a role mapped to TW (the ministry) acts for all.';
GRANT SELECT ON province, province_role TO PUBLIC;

-- The policies below repeat one test: "the current user acts for province
-- X", i.e. holds the privileges of a role mapped to X or to TW.  They are
-- written out (not a function) so that their names are bound when the
-- policy is created, whatever a reader's search_path.

ALTER TABLE fund_plan ENABLE ROW LEVEL SECURITY;
CREATE POLICY fund_plan_read ON fund_plan FOR SELECT
	USING (province_code = 'TW'
		   OR EXISTS (SELECT FROM province_role r
					  WHERE r.province_code IN (fund_plan.province_code, 'TW')
						AND pg_has_role(current_user, r.role_name, 'USAGE')));
CREATE POLICY fund_plan_write ON fund_plan FOR ALL
	USING (EXISTS (SELECT FROM province_role r
				   WHERE r.province_code IN (fund_plan.province_code, 'TW')
					 AND pg_has_role(current_user, r.role_name, 'USAGE')))
	WITH CHECK (EXISTS (SELECT FROM province_role r
						WHERE r.province_code IN (fund_plan.province_code, 'TW')
						  AND pg_has_role(current_user, r.role_name, 'USAGE')));

ALTER TABLE project ENABLE ROW LEVEL SECURITY;
CREATE POLICY project_own ON project FOR ALL
	USING (EXISTS (SELECT FROM province_role r
				   WHERE r.province_code IN (project.province_code, 'TW')
					 AND pg_has_role(current_user, r.role_name, 'USAGE')))
	WITH CHECK (EXISTS (SELECT FROM province_role r
						WHERE r.province_code IN (project.province_code, 'TW')
						  AND pg_has_role(current_user, r.role_name, 'USAGE')));

-- The subqueries on project and fund_plan are themselves filtered by those
-- tables' policies: an allocation is the province's when its project is.
ALTER TABLE allocation ENABLE ROW LEVEL SECURITY;
CREATE POLICY allocation_own ON allocation FOR ALL
	USING (EXISTS (SELECT FROM project p WHERE p.id = allocation.project_id))
	WITH CHECK (EXISTS (SELECT FROM project p WHERE p.id = allocation.project_id)
				AND EXISTS (SELECT FROM fund_plan f WHERE f.id = allocation.plan_id));

ALTER TABLE payment ENABLE ROW LEVEL SECURITY;
CREATE POLICY payment_own ON payment FOR ALL
	USING (EXISTS (SELECT FROM allocation a WHERE a.id = payment.allocation_id))
	WITH CHECK (EXISTS (SELECT FROM allocation a WHERE a.id = payment.allocation_id));

-- Every view of the schema, the BI views (*_bi) included: a province role
-- reading them sees its own rows only, as it does reading the tables.
ALTER VIEW plan_fulfilment SET (security_invoker = true);
ALTER VIEW report_by_source SET (security_invoker = true);
ALTER VIEW report_by_province SET (security_invoker = true);
ALTER VIEW province_bi SET (security_invoker = true);
ALTER VIEW fund_plan_bi SET (security_invoker = true);
ALTER VIEW project_bi SET (security_invoker = true);
ALTER VIEW allocation_bi SET (security_invoker = true);
ALTER VIEW payment_bi SET (security_invoker = true);
ALTER VIEW plan_fulfilment_bi SET (security_invoker = true);
ALTER VIEW report_rounding_bi SET (security_invoker = true);

-- CALL province_role_add(province_code, role): map and grant.  Created with
-- this schema's name written in, so that it works from any search_path.
DO $do$
BEGIN
	EXECUTE format($f$
CREATE PROCEDURE %1$I.province_role_add(code text, role regrole)
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $p$
BEGIN
	INSERT INTO %1$I.province_role (province_code, role_name) VALUES (code, role);
	EXECUTE format('GRANT USAGE ON SCHEMA %1$I TO %%s', role);
	EXECUTE format('GRANT SELECT ON %1$I.province, %1$I.province_role, %1$I.plan_fulfilment,'
				   ' %1$I.report_rounding, %1$I.report_by_source, %1$I.report_by_province,'
				   ' %1$I.province_bi, %1$I.fund_plan_bi, %1$I.project_bi, %1$I.allocation_bi,'
				   ' %1$I.payment_bi, %1$I.plan_fulfilment_bi, %1$I.report_rounding_bi TO %%s', role);
	EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %1$I.fund_plan, %1$I.project,'
				   ' %1$I.allocation, %1$I.payment TO %%s', role);
END $p$
$f$, current_schema());
END $do$;
COMMENT ON PROCEDURE province_role_add(text, regrole) IS
	'Lets a role act for a province under row-level security: records the mapping and grants the privileges a province needs.';
