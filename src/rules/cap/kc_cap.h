/*
 * kc_cap.h
 *		Declared cap rules: "the sum of a child column under each parent row
 *		never exceeds the parent's limit column".
 *
 * The pieces, one file each:
 *	kc_cap_amount.c    amounts (int128 for kc_money/bigint, numeric otherwise)
 *	kc_cap_rule.c      rule descriptors loaded from kc_cap_rule, their
 *	                   queries (through kc_rule_spi.c), invalidation
 *	kc_cap_total.c     adding to a kept total (the row writers meet on)
 *	kc_cap_parent.c    reading a parent's limit straight from its unique index
 *	kc_cap_key.c       keys: bytes, hashing, order, canonical text, descriptions
 *	kc_cap_statement.c per-statement deltas, applied at the statement's end
 *	kc_cap_cache.c     the per-transaction cache of kept totals and limits,
 *	                   savepoints, the write-back at commit
 *	kc_cap_trigger.c   the trigger functions
 *	kc_cap_declare.c   kc_enforce_cap, kc_drop_cap, kc_cap_rebuild
 *
 * Calls go one way: trigger -> statement -> cache -> total, rule, key, amount;
 * rule -> parent;
 * declare -> cache, rule, key.
 */
#ifndef KC_CAP_H
#define KC_CAP_H

#include "kc_ext.h"
#include "rules/kc_rule_spi.h"

#include "access/tupdesc.h"
#include "executor/spi.h"
#include "executor/tuptable.h"
#include "utils/numeric.h"
#include "utils/hsearch.h"
#include "utils/rel.h"

/* At most this many key columns (a unique index has at most 32). */
#define KC_CAP_MAX_KEYS 32
/* Rule names leave room for the "kc_cap_" prefix and "_truncate" suffix. */
#define KC_CAP_MAX_NAME 47
/* Trigger names: prefix + rule name; no prefix is a prefix of another. */
#define KC_CAP_TRG_ROW		"kc_cap_row_"
#define KC_CAP_TRG_TRUNCATE	"kc_cap_truncate_"
#define KC_CAP_TRG_PARENT	"kc_cap_parent_"

/*
 * An amount: exact 128-bit integer when the rule's amount and limit are
 * kc_money or bigint, numeric when either is numeric.
 */
/* palloc and dynahash only guarantee 8-byte alignment */
typedef kc_int128 cap_int128 __attribute__((aligned(8)));

typedef struct CapAmt
{
	bool		isnum;
	cap_int128	i;
	Numeric		n;				/* when isnum */
} CapAmt;

/* Where the key and amount columns are in one relation (partitions differ). */
typedef struct CapRelMap
{
	Oid			relid;
	bool		parent;			/* positions of the parent's columns */
	AttrNumber	keyatt[KC_CAP_MAX_KEYS];
	AttrNumber	amtatt;
} CapRelMap;

/* A loaded rule.  Kept forever per name; `valid` false means reload. */
typedef struct CapRule
{
	char		name[NAMEDATALEN];	/* hash key */
	bool		valid;
	uint64		generation;		/* bumped on every reload */
	MemoryContext cxt;			/* everything below */
	Oid			child_relid;
	Oid			parent_relid;
	Oid			parent_owner;
	int			nkeys;
	char	   *child_cols[KC_CAP_MAX_KEYS];
	char	   *parent_cols[KC_CAP_MAX_KEYS];
	char	   *amount_col;
	char	   *limit_col;
	Oid			key_types[KC_CAP_MAX_KEYS];
	int16		key_len[KC_CAP_MAX_KEYS];
	bool		key_byval[KC_CAP_MAX_KEYS];
	FmgrInfo	key_out[KC_CAP_MAX_KEYS];
	Oid			amount_type;
	Oid			limit_type;
	bool		numeric_mode;
	bool		key_needs_pinned_output;	/* a key's text depends on GUCs */
	char	   *read_sql;		/* SELECT limit, tableoid FROM parent ... */
	/* the direct read of the parent's limit (kc_cap_parent.c) */
	bool		parent_direct_checked;
	bool		parent_direct_ok;
	Oid			parent_index;
	AttrNumber	parent_limit_att;
	int			parent_index_col[KC_CAP_MAX_KEYS];	/* key i -> index column */
	RegProcedure parent_eq_proc[KC_CAP_MAX_KEYS];	/* by index column */
	Oid			parent_eq_coll[KC_CAP_MAX_KEYS];	/* by index column */
	List	   *relmaps;		/* CapRelMap * */
} CapRule;

/* A key's bytes (see cap_key_from_slot): the hash key of the caches. */
typedef struct CapStrKey
{
	const char *str;
	int			len;
} CapStrKey;

/* kc_cap_amount.c */
extern CapAmt cap_amt_zero(bool isnum);
extern CapAmt cap_amt_copy(CapAmt a, MemoryContext cxt);
extern CapAmt cap_amt_from_datum(const CapRule *rule, Datum d, Oid typid);
extern CapAmt cap_amt_from_numeric(const CapRule *rule, Datum n);
extern CapAmt cap_amt_add(CapAmt a, CapAmt b, bool negate_b);
extern int	cap_amt_sign(CapAmt a);
extern int	cap_amt_cmp(CapAmt a, CapAmt b);
extern Datum cap_amt_to_numeric(CapAmt a);
extern char *cap_amt_describe(CapAmt a);

/* kc_cap_rule.c */
extern void kc_cap_module_init(void);
extern void kc_cap_init_for(Oid fn_oid);
extern Oid	cap_ext_schema(void);
extern Oid	cap_total_relid(void);
extern Oid	cap_total_owner(void);
extern CapRule *cap_rule_get(const char *name, bool missing_ok);
extern void cap_rule_invalidate(const char *name);
extern CapRelMap *cap_rule_relmap(CapRule *rule, Relation rel, bool parent);
/* kc_cap_parent.c */
extern bool cap_read_parent_direct(CapRule *rule, const Datum *keyvals,
								   bool *found, bool *limit_null,
								   CapAmt *limit);

/* kc_cap_total.c */
extern uint64 cap_total_add(Datum *args, bool upsert, Datum *new_total);

/* kc_cap_key.c */
extern bool cap_key_from_slot(CapRule *rule, TupleTableSlot *slot,
							  const AttrNumber *atts, Datum *vals,
							  StringInfo keystr);
extern Datum cap_key_array(CapRule *rule, const Datum *vals);
extern char *cap_key_describe(CapRule *rule, const Datum *vals, bool parent);
extern HTAB *cap_key_hash_create(const char *name, Size entrysize,
								 MemoryContext cxt);
extern int	cap_key_order(const CapRule *ra, const CapStrKey *a,
						  const CapRule *rb, const CapStrKey *b);
extern Oid	cap_rel_owner(Oid relid);
extern uint64 cap_total_add_spi(Datum *args, bool upsert, Datum *new_total);
extern uint64 cap_ext_query(const char *sql, int nargs, Oid *argtypes,
							Datum *args, KcSnapshot snapshot, int expect,
							const char *what);
extern uint64 cap_table_query(Oid relid, const char *sql, const char *what);
extern bool cap_read_parent(CapRule *rule, const Datum *keyvals,
							bool *limit_null, CapAmt *limit);
extern void cap_check_rule_table(const char *rule, Oid relid, const char *what);
extern void cap_check_key_collation(const char *rule, Oid relid, const char *col);
extern Oid	cap_trigger_function(const char *fname);

/* kc_cap_statement.c */
extern void cap_pending_add(CapRule *rule, const Datum *keyvals,
							StringInfo keystr, CapAmt delta);
extern void cap_install_hooks(void);

/* kc_cap_cache.c */
extern void cap_cache_apply(CapRule *rule, const Datum *keyvals,
							const CapStrKey *key, CapAmt delta);
extern void cap_cache_register_callbacks(void);
extern void cap_parent_changed(CapRule *rule, Relation parent_rel,
							   const Datum *keyvals, StringInfo keystr,
							   bool exists, bool limit_null, CapAmt limit,
							   bool check);
extern void cap_cache_forget_rule(const char *rule_name);

/* kc_cap_declare.c */
extern void cap_rebuild_totals(CapRule *rule, bool check);

#endif							/* KC_CAP_H */
