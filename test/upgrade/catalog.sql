-- test/upgrade/catalog.sql -- everything the extension kc_ext owns, one fact a line.
--
-- Run with:  psql -X -q -v ON_ERROR_STOP=1 -d DB -f test/upgrade/catalog.sql -o FILE
--
-- Lists every object that pg_depend ties to the extension (deptype 'e'),
-- named by pg_describe_object, with its definition, and the parts of those
-- objects that are not members themselves (columns, constraints, indexes,
-- triggers, policies, rules, operator family members, enum labels).  Each
-- line is "<object> | <fact> | <value>"; multi-line definitions (function
-- bodies, views) become one line per source line, numbered.  The output is
-- sorted bytewise and holds no OIDs, so the catalogs of two databases can
-- be compared with diff: a database where an old version was installed and
-- updated must print exactly what a fresh install prints.
--
-- search_path is pg_catalog only, so every name outside pg_catalog is
-- printed schema-qualified.

\pset format unaligned
\pset tuples_only on
\pset footer off
SET search_path = pg_catalog, pg_temp;
SET client_min_messages = warning;

WITH ext AS (
	SELECT e.oid, e.extname, e.extversion, e.extrelocatable, e.extnamespace,
	       e.extowner, e.extconfig, e.extcondition
	FROM pg_extension e WHERE e.extname = 'kc_ext'
),
member AS (
	SELECT d.classid, d.objid, d.objsubid,
	       pg_describe_object(d.classid, d.objid, d.objsubid) AS obj
	FROM pg_depend d, ext
	WHERE d.refclassid = 'pg_extension'::regclass AND d.refobjid = ext.oid
	  AND d.deptype = 'e'
),
-- A member's privileges, one line per grantee and privilege, so that the
-- order of the aclitem array does not matter; NULL means the defaults.
acl(obj, fact, acl) AS (
	SELECT m.obj, 'acl', p.proacl FROM member m JOIN pg_proc p ON m.classid = 'pg_proc'::regclass AND p.oid = m.objid
	UNION ALL
	SELECT m.obj, 'acl', t.typacl FROM member m JOIN pg_type t ON m.classid = 'pg_type'::regclass AND t.oid = m.objid
	UNION ALL
	SELECT m.obj, 'acl', c.relacl FROM member m JOIN pg_class c ON m.classid = 'pg_class'::regclass AND c.oid = m.objid
	UNION ALL
	SELECT m.obj, 'acl', n.nspacl FROM member m JOIN pg_namespace n ON m.classid = 'pg_namespace'::regclass AND n.oid = m.objid
	UNION ALL
	SELECT m.obj, 'column ' || quote_ident(a.attname) || ' acl', a.attacl
	FROM member m JOIN pg_attribute a ON m.classid = 'pg_class'::regclass AND a.attrelid = m.objid
	WHERE a.attnum > 0 AND NOT a.attisdropped AND a.attacl IS NOT NULL
	UNION ALL
	-- pg_init_privs: what pg_dump treats as the extension's own grants
	SELECT pg_describe_object(i.classoid, i.objoid, i.objsubid), 'initial acl (' || i.privtype::text || ')', i.initprivs
	FROM pg_init_privs i JOIN member m ON i.classoid = m.classid AND i.objoid = m.objid
),
-- Relations that belong to the extension, and their parts.
rel AS (
	SELECT m.obj, c.* FROM member m JOIN pg_class c ON m.classid = 'pg_class'::regclass AND c.oid = m.objid
),
-- Every object whose comment is printed: members, columns, constraints,
-- indexes, triggers, policies, rules of member relations.
commented(classoid, objoid, objsubid) AS (
	SELECT classid, objid, objsubid FROM member
	UNION SELECT 'pg_class'::regclass, r.oid, a.attnum FROM rel r JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped
	UNION SELECT 'pg_constraint'::regclass, co.oid, 0 FROM pg_constraint co WHERE co.conrelid IN (SELECT oid FROM rel) OR co.contypid IN (SELECT objid FROM member WHERE classid = 'pg_type'::regclass)
	UNION SELECT 'pg_class'::regclass, i.indexrelid, 0 FROM pg_index i WHERE i.indrelid IN (SELECT oid FROM rel)
	UNION SELECT 'pg_trigger'::regclass, tg.oid, 0 FROM pg_trigger tg WHERE tg.tgrelid IN (SELECT oid FROM rel) AND NOT tg.tgisinternal
	UNION SELECT 'pg_policy'::regclass, po.oid, 0 FROM pg_policy po WHERE po.polrelid IN (SELECT oid FROM rel)
	UNION SELECT 'pg_rewrite'::regclass, rw.oid, 0 FROM pg_rewrite rw WHERE rw.ev_class IN (SELECT oid FROM rel)
),
fact(obj, fact, val) AS (
	-- the extension itself
	SELECT 'extension ' || extname, 'version', extversion FROM ext
	UNION ALL SELECT 'extension ' || extname, 'relocatable', extrelocatable::text FROM ext
	UNION ALL SELECT 'extension ' || extname, 'schema', extnamespace::regnamespace::text FROM ext
	UNION ALL SELECT 'extension ' || extname, 'owner', pg_get_userbyid(extowner) FROM ext
	UNION ALL
	-- configuration tables and the filters pg_dump applies to their rows
	SELECT 'extension ' || ext.extname, 'configuration table ' || cfg.tbl::regclass::text,
	       'dump filter: ' || coalesce(nullif(ext.extcondition[cfg.n], ''), '(all rows)')
	FROM ext, unnest(ext.extconfig) WITH ORDINALITY AS cfg(tbl, n)
	UNION ALL
	-- every member, so that an object with no other fact still shows
	SELECT obj, 'member', 'yes' FROM member

	-- functions, procedures, aggregates
	UNION ALL
	SELECT m.obj, f.fact, f.val
	FROM member m JOIN pg_proc p ON m.classid = 'pg_proc'::regclass AND p.oid = m.objid,
	LATERAL (VALUES
		('kind', p.prokind::text),
		('owner', pg_get_userbyid(p.proowner)),
		('language', (SELECT lanname FROM pg_language WHERE oid = p.prolang)),
		('volatility', p.provolatile::text),
		('strict', p.proisstrict::text),
		('parallel', p.proparallel::text),
		('cost', p.procost::text),
		('rows', p.prorows::text),
		('security definer', p.prosecdef::text),
		('leakproof', p.proleakproof::text),
		('returns set', p.proretset::text),
		('result', pg_get_function_result(p.oid)),
		('arguments', pg_get_function_arguments(p.oid)),
		('support function', p.prosupport::regproc::text),
		('config', coalesce(array_to_string(p.proconfig, ', '), '(none)')),
		('source symbol', CASE WHEN p.prolang IN (12, 13) THEN p.prosrc || ' in ' || coalesce(p.probin, '(internal)') END)
	) AS f(fact, val)
	UNION ALL
	SELECT m.obj, 'definition ' || lpad(l.n::text, 4, '0'), l.line
	FROM member m JOIN pg_proc p ON m.classid = 'pg_proc'::regclass AND p.oid = m.objid AND p.prokind <> 'a',
	LATERAL regexp_split_to_table(pg_get_functiondef(p.oid), E'\n') WITH ORDINALITY AS l(line, n)
	UNION ALL
	SELECT m.obj, 'aggregate ' || f.fact, f.val
	FROM member m JOIN pg_aggregate a ON m.classid = 'pg_proc'::regclass AND a.aggfnoid = m.objid,
	LATERAL (VALUES
		('kind', a.aggkind::text),
		('direct args', a.aggnumdirectargs::text),
		('transfn', a.aggtransfn::regprocedure::text),
		('finalfn', nullif(a.aggfinalfn, 0)::regprocedure::text),
		('combinefn', nullif(a.aggcombinefn, 0)::regprocedure::text),
		('serialfn', nullif(a.aggserialfn, 0)::regprocedure::text),
		('deserialfn', nullif(a.aggdeserialfn, 0)::regprocedure::text),
		('msfunc', nullif(a.aggmtransfn, 0)::regprocedure::text),
		('minvfunc', nullif(a.aggminvtransfn, 0)::regprocedure::text),
		('mfinalfunc', nullif(a.aggmfinalfn, 0)::regprocedure::text),
		('finalfunc_extra', a.aggfinalextra::text),
		('mfinalfunc_extra', a.aggmfinalextra::text),
		('finalfunc_modify', a.aggfinalmodify::text),
		('mfinalfunc_modify', a.aggmfinalmodify::text),
		('sortop', nullif(a.aggsortop, 0)::regoperator::text),
		('stype', format_type(a.aggtranstype, NULL)),
		('sspace', a.aggtransspace::text),
		('mstype', nullif(a.aggmtranstype, 0)::regtype::text),
		('msspace', a.aggmtransspace::text),
		('initcond', a.agginitval),
		('minitcond', a.aggminitval)
	) AS f(fact, val)

	-- types
	UNION ALL
	SELECT m.obj, 'type ' || f.fact, f.val
	FROM member m JOIN pg_type t ON m.classid = 'pg_type'::regclass AND t.oid = m.objid,
	LATERAL (VALUES
		('owner', pg_get_userbyid(t.typowner)),
		('kind', t.typtype::text),
		('length', t.typlen::text),
		('by value', t.typbyval::text),
		('alignment', t.typalign::text),
		('storage', t.typstorage::text),
		('category', t.typcategory::text),
		('preferred', t.typispreferred::text),
		('delimiter', t.typdelim::text),
		('input', t.typinput::regprocedure::text),
		('output', t.typoutput::regprocedure::text),
		('receive', nullif(t.typreceive, 0)::regprocedure::text),
		('send', nullif(t.typsend, 0)::regprocedure::text),
		('typmod_in', nullif(t.typmodin, 0)::regprocedure::text),
		('typmod_out', nullif(t.typmodout, 0)::regprocedure::text),
		('analyze', nullif(t.typanalyze, 0)::regprocedure::text),
		('subscript', nullif(t.typsubscript, 0)::regprocedure::text),
		('element', nullif(t.typelem, 0)::regtype::text),
		('array type', nullif(t.typarray, 0)::regtype::text),
		('not null', t.typnotnull::text),
		('base type', nullif(t.typbasetype, 0)::regtype::text),
		('typmod', t.typtypmod::text),
		('default', coalesce(pg_get_expr(t.typdefaultbin, 0), t.typdefault)),
		('collation', (SELECT collname FROM pg_collation WHERE oid = nullif(t.typcollation, 0))),
		('relation', nullif(t.typrelid, 0)::regclass::text)
	) AS f(fact, val)
	UNION ALL
	-- enum labels in their order (rank, not the float sort order, which
	-- legitimately differs after ALTER TYPE ... ADD VALUE BEFORE)
	SELECT m.obj, 'enum label ' || lpad(rank() OVER (PARTITION BY e.enumtypid ORDER BY e.enumsortorder)::text, 3, '0'), e.enumlabel
	FROM member m JOIN pg_enum e ON m.classid = 'pg_type'::regclass AND e.enumtypid = m.objid
	UNION ALL
	SELECT m.obj, 'range ' || f.fact, f.val
	FROM member m JOIN pg_range r ON m.classid = 'pg_type'::regclass AND r.rngtypid = m.objid,
	LATERAL (VALUES
		('subtype', r.rngsubtype::regtype::text),
		('multirange', r.rngmultitypid::regtype::text),
		('opclass', (SELECT opcname FROM pg_opclass WHERE oid = r.rngsubopc)),
		('canonical', nullif(r.rngcanonical, 0)::regprocedure::text),
		('subdiff', nullif(r.rngsubdiff, 0)::regprocedure::text)
	) AS f(fact, val)
	UNION ALL
	-- domain constraints
	SELECT m.obj, 'constraint ' || quote_ident(co.conname), pg_get_constraintdef(co.oid) || CASE WHEN co.convalidated THEN '' ELSE ' (not validated)' END
	FROM member m JOIN pg_constraint co ON m.classid = 'pg_type'::regclass AND co.contypid = m.objid

	-- operators
	UNION ALL
	SELECT m.obj, 'operator ' || f.fact, f.val
	FROM member m JOIN pg_operator o ON m.classid = 'pg_operator'::regclass AND o.oid = m.objid,
	LATERAL (VALUES
		('owner', pg_get_userbyid(o.oprowner)),
		('kind', o.oprkind::text),
		('left', nullif(o.oprleft, 0)::regtype::text),
		('right', nullif(o.oprright, 0)::regtype::text),
		('result', nullif(o.oprresult, 0)::regtype::text),
		('function', nullif(o.oprcode::oid, 0)::regprocedure::text),
		('commutator', nullif(o.oprcom, 0)::regoperator::text),
		('negator', nullif(o.oprnegate, 0)::regoperator::text),
		('restrict', nullif(o.oprrest::oid, 0)::regprocedure::text),
		('join', nullif(o.oprjoin::oid, 0)::regprocedure::text),
		('hashes', o.oprcanhash::text),
		('merges', o.oprcanmerge::text)
	) AS f(fact, val)

	-- operator classes and families, with the families' members
	UNION ALL
	SELECT m.obj, 'opclass ' || f.fact, f.val
	FROM member m JOIN pg_opclass oc ON m.classid = 'pg_opclass'::regclass AND oc.oid = m.objid,
	LATERAL (VALUES
		('owner', pg_get_userbyid(oc.opcowner)),
		('method', (SELECT amname FROM pg_am WHERE oid = oc.opcmethod)),
		('input type', oc.opcintype::regtype::text),
		('default', oc.opcdefault::text),
		('family', pg_describe_object('pg_opfamily'::regclass, oc.opcfamily, 0)),
		('storage type', nullif(oc.opckeytype, 0)::regtype::text)
	) AS f(fact, val)
	UNION ALL
	SELECT m.obj, 'opfamily ' || f.fact, f.val
	FROM member m JOIN pg_opfamily ofa ON m.classid = 'pg_opfamily'::regclass AND ofa.oid = m.objid,
	LATERAL (VALUES
		('owner', pg_get_userbyid(ofa.opfowner)),
		('method', (SELECT amname FROM pg_am WHERE oid = ofa.opfmethod))
	) AS f(fact, val)
	UNION ALL
	SELECT pg_describe_object('pg_opfamily'::regclass, ao.amopfamily, 0),
	       'member operator ' || ao.amopstrategy || ' (' || ao.amoplefttype::regtype || ', ' || ao.amoprighttype::regtype || ')',
	       ao.amopopr::regoperator::text || ' purpose ' || ao.amoppurpose::text
	       || coalesce(' order family ' || pg_describe_object('pg_opfamily'::regclass, nullif(ao.amopsortfamily, 0), 0), '')
	       || ' (' || (SELECT deptype FROM pg_depend WHERE classid = 'pg_amop'::regclass AND objid = ao.oid AND refclassid IN ('pg_opclass'::regclass, 'pg_opfamily'::regclass) LIMIT 1)::text || ')'
	FROM pg_amop ao
	WHERE ao.amopfamily IN (SELECT objid FROM member WHERE classid = 'pg_opfamily'::regclass)
	UNION ALL
	SELECT pg_describe_object('pg_opfamily'::regclass, ap.amprocfamily, 0),
	       'member function ' || ap.amprocnum || ' (' || ap.amproclefttype::regtype || ', ' || ap.amprocrighttype::regtype || ')',
	       ap.amproc::regprocedure::text
	       || ' (' || (SELECT deptype FROM pg_depend WHERE classid = 'pg_amproc'::regclass AND objid = ap.oid AND refclassid IN ('pg_opclass'::regclass, 'pg_opfamily'::regclass) LIMIT 1)::text || ')'
	FROM pg_amproc ap
	WHERE ap.amprocfamily IN (SELECT objid FROM member WHERE classid = 'pg_opfamily'::regclass)

	-- casts
	UNION ALL
	SELECT m.obj, 'cast ' || f.fact, f.val
	FROM member m JOIN pg_cast ca ON m.classid = 'pg_cast'::regclass AND ca.oid = m.objid,
	LATERAL (VALUES
		('function', nullif(ca.castfunc, 0)::regprocedure::text),
		('context', CASE ca.castcontext WHEN 'i' THEN 'implicit' WHEN 'a' THEN 'assignment' WHEN 'e' THEN 'explicit' END),
		('method', CASE ca.castmethod WHEN 'f' THEN 'function' WHEN 'b' THEN 'binary-coercible' WHEN 'i' THEN 'in/out' END)
	) AS f(fact, val)

	-- tables, views, sequences, indexes
	UNION ALL
	SELECT r.obj, 'relation ' || f.fact, f.val
	FROM rel r,
	LATERAL (VALUES
		('kind', r.relkind::text),
		('owner', pg_get_userbyid(r.relowner)),
		('persistence', r.relpersistence::text),
		('row security', r.relrowsecurity::text),
		('force row security', r.relforcerowsecurity::text),
		('replica identity', r.relreplident::text),
		('options', array_to_string(r.reloptions, ', ')),
		('access method', (SELECT amname FROM pg_am WHERE oid = nullif(r.relam, 0))),
		('partition key', CASE WHEN r.relkind = 'p' THEN pg_get_partkeydef(r.oid) END),
		('partition of', (SELECT inhparent::regclass::text FROM pg_inherits WHERE inhrelid = r.oid LIMIT 1)),
		('partition bound', pg_get_expr(r.relpartbound, r.oid)),
		('row type', nullif(r.reltype, 0)::regtype::text),
		('index', CASE WHEN r.relkind IN ('i', 'I') THEN pg_get_indexdef(r.oid) END)
	) AS f(fact, val)
	UNION ALL
	-- columns by position among the live ones (a dropped column leaves a
	-- gap in attnum that a fresh install does not have)
	SELECT r.obj, 'column ' || lpad((SELECT count(*) FROM pg_attribute a2 WHERE a2.attrelid = a.attrelid
	                                  AND a2.attnum > 0 AND a2.attnum <= a.attnum AND NOT a2.attisdropped)::text, 3, '0')
	              || ' ' || quote_ident(a.attname),
	       format_type(a.atttypid, a.atttypmod)
	       || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END
	       || coalesce(' DEFAULT ' || pg_get_expr(ad.adbin, ad.adrelid), '')
	       || CASE a.attidentity WHEN 'a' THEN ' GENERATED ALWAYS AS IDENTITY' WHEN 'd' THEN ' GENERATED BY DEFAULT AS IDENTITY' ELSE '' END
	       || CASE a.attgenerated WHEN 's' THEN ' (STORED)' ELSE '' END
	       || CASE WHEN a.attcollation <> 0 AND a.attcollation <> (SELECT typcollation FROM pg_type WHERE oid = a.atttypid)
	               THEN ' COLLATE ' || (SELECT quote_ident(collname) FROM pg_collation WHERE oid = a.attcollation) ELSE '' END
	       || ' storage ' || a.attstorage::text
	       || CASE WHEN a.attstattarget <> -1 THEN ' statistics ' || a.attstattarget ELSE '' END
	       -- (this server stamps every column with an option pg_attver=<number>
	       -- that differs from one CREATE TABLE to the next: not compared)
	       || coalesce(' options ' || nullif(array_to_string(ARRAY(
	              SELECT o FROM unnest(a.attoptions) AS o WHERE o NOT LIKE 'pg\_attver=%' ORDER BY o), ', '), ''), '')
	FROM rel r JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped
	LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
	UNION ALL
	SELECT r.obj, 'constraint ' || quote_ident(co.conname),
	       pg_get_constraintdef(co.oid) || CASE WHEN co.convalidated THEN '' ELSE ' (not validated)' END
	FROM rel r JOIN pg_constraint co ON co.conrelid = r.oid
	UNION ALL
	SELECT r.obj, 'index ' || quote_ident(ic.relname),
	       pg_get_indexdef(i.indexrelid) || CASE WHEN i.indisclustered THEN ' (clustered)' ELSE '' END
	       || CASE WHEN i.indisreplident THEN ' (replica identity)' ELSE '' END
	FROM rel r JOIN pg_index i ON i.indrelid = r.oid JOIN pg_class ic ON ic.oid = i.indexrelid
	UNION ALL
	SELECT r.obj, 'trigger ' || quote_ident(tg.tgname),
	       pg_get_triggerdef(tg.oid) || CASE tg.tgenabled WHEN 'O' THEN '' ELSE ' (enabled: ' || tg.tgenabled::text || ')' END
	FROM rel r JOIN pg_trigger tg ON tg.tgrelid = r.oid AND NOT tg.tgisinternal
	UNION ALL
	SELECT r.obj, 'policy ' || quote_ident(po.polname),
	       CASE WHEN po.polpermissive THEN 'PERMISSIVE' ELSE 'RESTRICTIVE' END
	       || ' FOR ' || CASE po.polcmd WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT' WHEN 'w' THEN 'UPDATE' WHEN 'd' THEN 'DELETE' ELSE 'ALL' END
	       || ' TO ' || (SELECT string_agg(CASE WHEN ro = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(ro)) END, ', ' ORDER BY 1) FROM unnest(po.polroles) AS ro)
	       || coalesce(' USING (' || pg_get_expr(po.polqual, po.polrelid) || ')', '')
	       || coalesce(' WITH CHECK (' || pg_get_expr(po.polwithcheck, po.polrelid) || ')', '')
	FROM rel r JOIN pg_policy po ON po.polrelid = r.oid
	UNION ALL
	SELECT r.obj, 'rule ' || quote_ident(rw.rulename), pg_get_ruledef(rw.oid)
	FROM rel r JOIN pg_rewrite rw ON rw.ev_class = r.oid AND rw.rulename <> '_RETURN'
	UNION ALL
	SELECT r.obj, 'view definition ' || lpad(l.n::text, 4, '0'), l.line
	FROM rel r, LATERAL regexp_split_to_table(pg_get_viewdef(r.oid), E'\n') WITH ORDINALITY AS l(line, n)
	WHERE r.relkind IN ('v', 'm')
	UNION ALL
	SELECT r.obj, 'sequence ' || f.fact, f.val
	FROM rel r JOIN pg_sequence s ON s.seqrelid = r.oid,
	LATERAL (VALUES
		('type', s.seqtypid::regtype::text), ('start', s.seqstart::text),
		('increment', s.seqincrement::text), ('max', s.seqmax::text),
		('min', s.seqmin::text), ('cache', s.seqcache::text), ('cycle', s.seqcycle::text),
		('owned by', (SELECT pg_describe_object(refclassid, refobjid, refobjsubid) FROM pg_depend
		              WHERE classid = 'pg_class'::regclass AND objid = r.oid AND deptype IN ('a', 'i')
		                AND refclassid = 'pg_class'::regclass LIMIT 1))
	) AS f(fact, val)

	-- schemas, languages, and anything else: ownership where there is one
	UNION ALL
	SELECT m.obj, 'schema owner', pg_get_userbyid(n.nspowner)
	FROM member m JOIN pg_namespace n ON m.classid = 'pg_namespace'::regclass AND n.oid = m.objid

	-- comments (members and the parts of member relations)
	UNION ALL
	SELECT pg_describe_object(c.classoid, c.objoid, c.objsubid), 'comment', ds.description
	FROM commented c JOIN pg_description ds ON ds.classoid = c.classoid AND ds.objoid = c.objoid AND ds.objsubid = c.objsubid

	-- privileges
	UNION ALL
	SELECT a.obj, a.fact, 'default' FROM acl a WHERE a.acl IS NULL
	UNION ALL
	SELECT a.obj, a.fact,
	       CASE WHEN x.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(x.grantee) END
	       || ' ' || x.privilege_type || CASE WHEN x.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END
	       || ' (granted by ' || pg_get_userbyid(x.grantor) || ')'
	FROM acl a, LATERAL aclexplode(a.acl) AS x
	WHERE a.acl IS NOT NULL
)
SELECT l.line
FROM (SELECT obj || ' | ' || fact || ' | ' || coalesce(val, '(null)') AS line FROM fact) AS l
ORDER BY l.line COLLATE "C";
