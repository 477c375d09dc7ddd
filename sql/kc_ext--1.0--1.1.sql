-- kc_ext 1.0 -> 1.1
--
-- Security and rule soundness (issues 10 and 17).  Every object reference is
-- qualified (pg_catalog., @extschema@., OPERATOR(pg_catalog.x)), so nothing
-- a user plants in public or in the extension's schema is run by this script.

\echo Use "ALTER EXTENSION kc_ext UPDATE TO '1.1'" to load this file. \quit

-- ====================================================================
-- Cap rules
-- ====================================================================



-- ====================================================================
-- Support caps and closed years
-- ====================================================================



-- ====================================================================
-- Install safety: qualified constraints and defaults
-- ====================================================================



-- ====================================================================
-- end of kc_ext 1.0 -> 1.1
-- ====================================================================
