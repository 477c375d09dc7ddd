-- kc_ext 1.1 -> 1.2
--
-- Every object reference is qualified (pg_catalog., @extschema@.,
-- OPERATOR(pg_catalog.x)), so nothing a user plants in public or in the
-- extension's schema is run by this script.  After every change here run
-- tools/full-script.sh 1.2 1.1 (the full script sql/kc_ext--1.2.sql is 1.1's
-- objects followed by this body).

\echo Use "ALTER EXTENSION kc_ext UPDATE TO '1.2'" to load this file. \quit

-- ====================================================================
-- Messages: errors raised by the extension's SQL functions go through the
-- C message catalogue (issue 14)
-- ====================================================================

-- ====================================================================
-- Rules: one life cycle for every kind (issue 15)
-- ====================================================================

-- A kept total is rewritten by every transaction that touches its key
-- (src/rules/cap/kc_cap_total.c): room left on each page lets those
-- updates stay heap-only, with no new index entries.
ALTER TABLE @extschema@.kc_cap_total SET (fillfactor = 50);

-- ====================================================================
-- BI: kc_plan as a composite type (issue 12)
-- ====================================================================

-- ====================================================================
-- end of kc_ext 1.1 -> 1.2
-- ====================================================================
