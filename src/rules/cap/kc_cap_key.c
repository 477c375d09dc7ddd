/*
 * kc_cap_key.c
 *		Keys of cap rules: read from a row as bytes that are equal exactly
 *		for equal keys, hashed and ordered the same way in every session,
 *		written as the canonical text[] kept in kc_cap_total, and described
 *		for error messages.
 */
#include "kc_cap.h"

#include "common/hashfn.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/guc.h"

/*
 * Read the key columns from `slot`.  Returns false when any is NULL (the
 * row is not checked, as with MATCH SIMPLE).  Otherwise fills vals and sets
 * keystr to bytes that are equal exactly for equal keys of this rule: the
 * rule's address, then each value's image (kc_enforce_cap only accepts key
 * types whose equality is image equality, so no output function is needed
 * on the per-row path).
 */
bool
cap_key_from_slot(CapRule *rule, TupleTableSlot *slot, const AttrNumber *atts,
				  Datum *vals, StringInfo keystr)
{
	bool		isnull;

	for (int i = 0; i < rule->nkeys; i++)
	{
		vals[i] = slot_getattr(slot, atts[i], &isnull);
		if (isnull)
			return false;
	}
	resetStringInfo(keystr);
	appendBinaryStringInfo(keystr, (const char *) &rule, sizeof(CapRule *));
	for (int i = 0; i < rule->nkeys; i++)
	{
		if (rule->key_byval[i])
			appendBinaryStringInfo(keystr, (const char *) &vals[i], sizeof(Datum));
		else if (rule->key_len[i] > 0)
			appendBinaryStringInfo(keystr, DatumGetPointer(vals[i]), rule->key_len[i]);
		else if (rule->key_len[i] == -1)
		{
			struct varlena *v = PG_DETOAST_DATUM_PACKED(vals[i]);
			int32		len = VARSIZE_ANY_EXHDR(v);

			appendBinaryStringInfo(keystr, (const char *) &len, sizeof(int32));
			appendBinaryStringInfo(keystr, VARDATA_ANY(v), len);
			if ((Pointer) v != DatumGetPointer(vals[i]))
				pfree(v);
		}
		else
		{
			const char *c = DatumGetCString(vals[i]);

			appendBinaryStringInfo(keystr, c, strlen(c) + 1);
		}
	}
	return true;
}

/*
 * The key as the text[] kept in kc_cap_total.parent_key: the canonical
 * text of each value, the same in every session.  Output functions of
 * dates, times, intervals, bytea, floats and money follow session settings
 * (DateStyle, TimeZone, IntervalStyle, bytea_output, extra_float_digits,
 * lc_monetary), which would give one parent several keys, so for such
 * types the settings are pinned (as pg_dump pins them) around the output.
 */
Datum
cap_key_array(CapRule *rule, const Datum *vals)
{
	Datum		elems[KC_CAP_MAX_KEYS];
	int			nest = -1;

	if (rule->key_needs_pinned_output)
	{
		static const char *const pinned[][2] = {
			{"DateStyle", "ISO, YMD"},
			{"IntervalStyle", "postgres"},
			{"TimeZone", "UTC"},
			{"bytea_output", "hex"},
			{"extra_float_digits", "1"},
			{"lc_monetary", "C"},
		};

		nest = NewGUCNestLevel();
		for (size_t i = 0; i < lengthof(pinned); i++)
			(void) set_config_option(pinned[i][0], pinned[i][1], PGC_USERSET,
									 PGC_S_SESSION, GUC_ACTION_SAVE, true, 0,
									 false);
	}
	for (int i = 0; i < rule->nkeys; i++)
		elems[i] = CStringGetTextDatum(OutputFunctionCall(&rule->key_out[i], vals[i]));
	if (nest >= 0)
		AtEOXact_GUC(true, nest);
	return PointerGetDatum(construct_array(elems, rule->nkeys, TEXTOID, -1, false,
										   TYPALIGN_INT));
}

static uint32
cap_key_hash(const void *key, Size keysize)
{
	const CapStrKey *k = key;

	return hash_bytes((const unsigned char *) k->str, k->len);
}

static int
cap_key_match(const void *a, const void *b, Size keysize)
{
	const CapStrKey *ka = a;
	const CapStrKey *kb = b;

	return (ka->len == kb->len && memcmp(ka->str, kb->str, ka->len) == 0) ? 0 : 1;
}

HTAB *
cap_key_hash_create(const char *name, Size entrysize, MemoryContext cxt)
{
	HASHCTL		ctl;

	ctl.keysize = sizeof(CapStrKey);
	ctl.entrysize = entrysize;
	ctl.hash = cap_key_hash;
	ctl.match = cap_key_match;
	ctl.hcxt = cxt;
	return hash_create(name, 64, &ctl,
					   HASH_ELEM | HASH_FUNCTION | HASH_COMPARE | HASH_CONTEXT);
}

static int
cap_key_cmp(const CapStrKey *a, const CapStrKey *b)
{
	int			c = memcmp(a->str, b->str, Min(a->len, b->len));

	if (c != 0)
		return c;
	return (a->len > b->len) - (a->len < b->len);
}

/*
 * Keys start with the rule's address, which differs between sessions:
 * order by rule name, then by the key's bytes, the same in every session.
 */
int
cap_key_order(const CapRule *ra, const CapStrKey *a, const CapRule *rb, const CapStrKey *b)
{
	int			c = (ra == rb) ? 0 : strcmp(ra->name, rb->name);
	CapStrKey	ka = {a->str + sizeof(CapRule *), a->len - (int) sizeof(CapRule *)};
	CapStrKey	kb = {b->str + sizeof(CapRule *), b->len - (int) sizeof(CapRule *)};

	return c ? c : cap_key_cmp(&ka, &kb);
}

/* "(plan_id)=(42)", like foreign-key errors. */
char *
cap_key_describe(CapRule *rule, const Datum *vals, bool parent)
{
	StringInfoData s;

	initStringInfo(&s);
	appendStringInfoChar(&s, '(');
	for (int i = 0; i < rule->nkeys; i++)
		appendStringInfo(&s, "%s%s", i ? ", " : "",
						 quote_identifier(parent ? rule->parent_cols[i] : rule->child_cols[i]));
	appendStringInfoString(&s, ")=(");
	for (int i = 0; i < rule->nkeys; i++)
		appendStringInfo(&s, "%s%s", i ? ", " : "",
						 OutputFunctionCall(&rule->key_out[i], vals[i]));
	appendStringInfoChar(&s, ')');
	return s.data;
}
