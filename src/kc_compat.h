/*
 * kc_compat.h
 *		Differences between the PostgreSQL major versions kc_ext builds
 *		against (15, 16 and 17), in one place.
 *
 * Every PG_VERSION_NUM test of kc_ext belongs here, not in the .c files:
 * the code is written against the newest API where a one-line mapping
 * exists, or against a kc_ macro when the old and new spellings cannot be
 * mapped onto each other.  Included by kc_ext.h, after postgres.h.
 *
 * What changed, release by release:
 *
 * 16: pg_class_ownercheck() and the other per-catalog owner checks were
 *	   replaced by object_ownercheck(classid, objectid, roleid).  The
 *	   varlena macros (VARDATA_ANY, VARSIZE_ANY, ...) moved from postgres.h
 *	   to varatt.h, which postgres.h no longer includes.
 * 17: PGPROC's local transaction id moved into the embedded virtual
 *	   transaction id: MyProc->lxid became MyProc->vxid.lxid.
 */
#ifndef KC_COMPAT_H
#define KC_COMPAT_H

#include "postgres.h"

#if PG_VERSION_NUM < 150000
#error "kc_ext needs PostgreSQL 15 or later"
#endif

/* 16: the varlena macros live in varatt.h */
#if PG_VERSION_NUM >= 160000
#include "varatt.h"
#endif

/*
 * 16: object_ownercheck.  On 15 it is mapped onto pg_class_ownercheck, the
 * only class kc_ext checks ownership of; any other class fails to compile
 * on 15 rather than silently checking the wrong catalog.
 */
#if PG_VERSION_NUM < 160000
#include "catalog/pg_class.h"
#include "utils/acl.h"
#define object_ownercheck(classid, objectid, roleid) \
	(StaticAssertExpr((classid) == RelationRelationId, \
					  "kc_compat.h maps object_ownercheck only for pg_class on 15"), \
	 pg_class_ownercheck((objectid), (roleid)))
#endif

/*
 * 17: the local transaction id of this backend's current transaction
 * (MyProc comes from storage/proc.h, which the callers include).
 */
#if PG_VERSION_NUM >= 170000
#define KC_MY_LXID()	(MyProc->vxid.lxid)
#else
#define KC_MY_LXID()	(MyProc->lxid)
#endif

/*
 * 16: simple_heap_update reports which indexes need new entries
 * (TU_UpdateIndexes: none for a heap-only update, only the summarizing
 * ones, or all).  On 15 a heap-only update needs none, any other all.
 * Callers include access/heapam.h.
 */
#if PG_VERSION_NUM >= 160000
#define KC_SIMPLE_HEAP_UPDATE(rel, otid, tup, all_indexes, summarizing) \
	do { \
		TU_UpdateIndexes kc_u_; \
		simple_heap_update((rel), (otid), (tup), &kc_u_); \
		(all_indexes) = (kc_u_ == TU_All); \
		(summarizing) = (kc_u_ == TU_Summarizing); \
	} while (0)
#else
#define KC_SIMPLE_HEAP_UPDATE(rel, otid, tup, all_indexes, summarizing) \
	do { \
		simple_heap_update((rel), (otid), (tup)); \
		(all_indexes) = !HeapTupleIsHeapOnly(tup); \
		(summarizing) = false; \
	} while (0)
#endif

/*
 * 16: PG_FUNCTION_INFO_V1 declares the function itself PGDLLEXPORT (15 only
 * its pg_finfo_ record), and fmgr.h declares _PG_init so.  kc_ext builds
 * with -fvisibility=hidden, so on 15 both are declared here.
 */
#if PG_VERSION_NUM < 160000
#include "fmgr.h"
#undef PG_FUNCTION_INFO_V1
#define PG_FUNCTION_INFO_V1(funcname) \
extern PGDLLEXPORT Datum funcname(PG_FUNCTION_ARGS); \
extern PGDLLEXPORT const Pg_finfo_record * CppConcat(pg_finfo_,funcname)(void); \
const Pg_finfo_record * \
CppConcat(pg_finfo_,funcname) (void) \
{ \
	static const Pg_finfo_record my_finfo = { 1 }; \
	return &my_finfo; \
} \
extern int no_such_variable
extern PGDLLEXPORT void _PG_init(void);
#endif

#endif							/* KC_COMPAT_H */
