# Dump and restore of a database that uses every kc_ext type and rule:
# filled by test/upgrade/fill.sql under the oldest installable version
# (with a shipped configuration row edited and user rows added), updated to
# the default version, then
#   1. pg_dump -Fc | pg_restore into a new database,
#   2. pg_dump (plain SQL) | psql -v ON_ERROR_STOP=1 into another,
# each with no error and no warning on stderr, the extension's catalog equal
# to the source's (test/upgrade/catalog.sql), the same data and
# configuration rows and every rule still enforced (test/upgrade/verify.sql);
#   3. binary COPY of every kc_ext type (and its array) out of the source and
#      into a fresh database gives the same values, and the same bytes when
#      copied out again.
# Each check is counted; the last line is "N passed, M failed".
set -uo pipefail
. "$(dirname "$0")/../upgrade/lib.sh"
W=tmp/dump-restore
KC_WORK=$W
rm -rf "$W" && mkdir -p "$W"

default=$(kc_default_version)
oldest=$(kc_oldest_version)
if [ -z "$default" ] || [ -z "$oldest" ]; then
	kc_fail "kc_ext is not installed (no default version in pg_available_extensions): run make install"
	kc_finish; exit
fi

# The source database.
src=kc_dr_source
kc_newdb "$src"
if ! kc_psql "$src" -c "CREATE EXTENSION kc_ext VERSION '$oldest'" > "$W/source.log" 2>&1; then
	kc_fail "CREATE EXTENSION kc_ext VERSION '$oldest':"
	sed 's/^/    /' "$W/source.log"
	kc_finish; exit
fi
kc_sql_checks "source filled under $oldest" "$src" test/upgrade/fill.sql
if [ "$oldest" != "$default" ]; then
	kc_psql "$src" -c "ALTER EXTENSION kc_ext UPDATE" >> "$W/source.log" 2>&1 ||
		kc_fail "ALTER EXTENSION kc_ext UPDATE of the source database"
fi
configs=$(kc_value "$src" "SELECT coalesce(string_agg(c::regclass::text, ', '), '') FROM pg_extension, unnest(extconfig) AS c WHERE extname = 'kc_ext'")
if [ -n "$configs" ]; then
	kc_note "configuration tables and sequences: $configs"
else
	kc_skip "user-edited configuration rows: no configuration table (pg_extension_config_dump) yet"
fi
kc_catalog "$src" "$W/catalog-source.txt"

# kc_clean_stderr LABEL FILE: one check, the file must be empty
kc_clean_stderr() {
	if [ -s "$2" ]; then
		kc_fail "$1: no errors or warnings, but:"
		head -30 "$2" | sed 's/^/    /'
	else
		kc_pass "$1: no errors or warnings"
	fi
}

# 1. custom format
"$PGBIN/pg_dump" -Fc -d "$src" -f "$W/source.dump" 2> "$W/pg_dump-custom.err" ||
	echo "pg_dump exited $?" >> "$W/pg_dump-custom.err"
kc_clean_stderr "pg_dump -Fc" "$W/pg_dump-custom.err"
kc_newdb kc_dr_custom
"$PGBIN/pg_restore" -d kc_dr_custom "$W/source.dump" 2> "$W/pg_restore.err" ||
	echo "pg_restore exited $?" >> "$W/pg_restore.err"
kc_clean_stderr "pg_restore" "$W/pg_restore.err"
kc_catalog kc_dr_custom "$W/catalog-custom.txt"
kc_compare_catalogs "pg_restore: the extension's catalog = the source's" "$W/catalog-source.txt" "$W/catalog-custom.txt"
kc_sql_checks "after pg_restore" kc_dr_custom test/upgrade/verify.sql

# 2. plain SQL through psql
"$PGBIN/pg_dump" -Fp -d "$src" -f "$W/source.sql" 2> "$W/pg_dump-plain.err" ||
	echo "pg_dump exited $?" >> "$W/pg_dump-plain.err"
kc_clean_stderr "pg_dump (plain SQL)" "$W/pg_dump-plain.err"
kc_newdb kc_dr_plain
kc_psql kc_dr_plain -f "$W/source.sql" > /dev/null 2> "$W/psql-restore.err" ||
	echo "psql -v ON_ERROR_STOP=1 exited $?" >> "$W/psql-restore.err"
kc_clean_stderr "plain SQL restored with psql -v ON_ERROR_STOP=1" "$W/psql-restore.err"
kc_catalog kc_dr_plain "$W/catalog-plain.txt"
kc_compare_catalogs "plain SQL restore: the extension's catalog = the source's" "$W/catalog-source.txt" "$W/catalog-plain.txt"
kc_sql_checks "after the plain SQL restore" kc_dr_plain test/upgrade/verify.sql

# 3. binary COPY of every type, out of the source and into a fresh database
kc_newdb kc_dr_copy
kc_psql kc_dr_copy -c "CREATE EXTENSION kc_ext" -c "CREATE SCHEMA kc_copy" >/dev/null
tables=$(kc_value "$src" "
	SELECT t.typname || ' ' || t.oid::regtype::text
	FROM pg_depend d JOIN pg_type t ON t.oid = d.objid
	WHERE d.classid = 'pg_type'::regclass AND d.deptype = 'e'
	  AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'kc_ext')
	  AND t.typtype IN ('b', 'e', 'd', 'r')
	  -- array types: PostgreSQL 17 records them as members too, 15 does not
	  AND NOT EXISTS (SELECT FROM pg_type el WHERE el.typarray = t.oid)
	ORDER BY 1")
while read -r typname typ; do
	[ -n "$typname" ] || continue
	tbl="kc_upg.t_$typname"
	if [ -z "$(kc_value "$src" "SELECT to_regclass('$tbl')")" ]; then
		kc_fail "binary COPY of $typ: the source has no table $tbl (see fill.sql's report)"
		continue
	fi
	values="SELECT string_agg(id || '=' || coalesce(v::text, 'NULL') || ' ' || coalesce(va::text, 'NULL'), '; ' ORDER BY id) FROM"
	# (an array's binary form names its element type's OID, which differs
	# between databases: the byte comparison is of the values alone)
	if ! kc_psql "$src" -c "\\copy (SELECT id, v, va FROM $tbl ORDER BY id) TO '$W/$typname.bin' WITH (FORMAT binary)" \
			-c "\\copy (SELECT id, v FROM $tbl ORDER BY id) TO '$W/$typname.values.bin' WITH (FORMAT binary)" 2> "$W/copy-$typname.err" ||
	   ! kc_psql kc_dr_copy -c "CREATE TABLE kc_copy.t (id int, v $typ, va $typ[])" \
			-c "\\copy kc_copy.t FROM '$W/$typname.bin' WITH (FORMAT binary)" \
			-c "\\copy (SELECT id, v FROM kc_copy.t ORDER BY id) TO '$W/$typname.again.bin' WITH (FORMAT binary)" 2>> "$W/copy-$typname.err"; then
		kc_fail "binary COPY of $typ:"
		sed 's/^/    /' "$W/copy-$typname.err" | head -10
		kc_psql kc_dr_copy -c "DROP TABLE IF EXISTS kc_copy.t" >/dev/null 2>&1
		continue
	fi
	a=$(kc_value "$src" "$values $tbl")
	b=$(kc_value kc_dr_copy "$values kc_copy.t")
	if [ "$a" = "$b" ]; then
		kc_pass "binary COPY of $typ and $typ[] into another database: the same values ($(kc_value "$src" "SELECT count(*) FROM $tbl") rows)"
	else
		kc_fail "binary COPY of $typ and $typ[] into another database: the same values"
		printf '    source: %.300s\n    copy:   %.300s\n' "$a" "$b"
	fi
	if cmp -s "$W/$typname.values.bin" "$W/$typname.again.bin"; then
		kc_pass "binary COPY of $typ: copied out again, the same bytes"
	else
		kc_fail "binary COPY of $typ: copied out again, the same bytes ($(cmp "$W/$typname.values.bin" "$W/$typname.again.bin" 2>&1))"
	fi
	kc_psql kc_dr_copy -c "DROP TABLE kc_copy.t" >/dev/null
done <<< "$tables"

# whole tables: the amounts and plans, 3000 rows
for tbl in kc_upg.ledger kc_upg.ledger_plan; do
	if [ -z "$(kc_value "$src" "SELECT to_regclass('$tbl')")" ]; then
		kc_skip "binary COPY of $tbl: not filled (feature not in this version)"
		continue
	fi
	def=$(kc_value "$src" "SELECT string_agg(quote_ident(attname) || ' ' || format_type(atttypid, atttypmod), ', ' ORDER BY attnum) FROM pg_attribute WHERE attrelid = '$tbl'::regclass AND attnum > 0 AND NOT attisdropped")
	name=${tbl#kc_upg.}
	if kc_psql "$src" -c "\\copy (SELECT * FROM $tbl ORDER BY id) TO '$W/$name.bin' WITH (FORMAT binary)" 2> "$W/copy-$name.err" &&
	   kc_psql kc_dr_copy -c "CREATE TABLE kc_copy.$name ($def)" -c "\\copy kc_copy.$name FROM '$W/$name.bin' WITH (FORMAT binary)" 2>> "$W/copy-$name.err"; then
		a=$(kc_value "$src" "SELECT md5(string_agg(t::text, ';' ORDER BY id)) FROM $tbl t")
		b=$(kc_value kc_dr_copy "SELECT md5(string_agg(t::text, ';' ORDER BY id)) FROM kc_copy.$name t")
		if [ "$a" = "$b" ]; then
			kc_pass "binary COPY of $tbl into another database: the same rows"
		else
			kc_fail "binary COPY of $tbl into another database: the same rows (md5 $a, copy $b)"
		fi
	else
		kc_fail "binary COPY of $tbl:"
		sed 's/^/    /' "$W/copy-$name.err" | head -10
	fi
done

kc_finish
