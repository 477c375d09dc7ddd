# kc_ext's message catalogue (issue 14).  Fails when a message of the C
# sources (errmsg, errdetail, errhint, _() and gettext_noop texts, among
# them the table of src/kc_message.c) has no Vietnamese translation or a
# fuzzy one, when a kc_message() text of the SQL scripts is missing from the
# catalogue, when po/vi.po does not compile with msgfmt --check (placeholders
# as in the English), when the installed kc_ext-NN.mo is missing, older than
# po/vi.po or not its translation, and when the server does not answer in
# Vietnamese.  Last line: "N passed, M failed".
set -uo pipefail
pass=0; fail=0
ok() { pass=$((pass + 1)); echo "ok: $*"; }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
PG_CONFIG=${PG_CONFIG:-pg_config}
for tool in xgettext msgmerge msgfmt msgunfmt python3; do
	command -v "$tool" >/dev/null 2>&1 || { bad "$tool is missing (Debian: apt-get install gettext python3)"; echo "$pass passed, $fail failed"; exit 1; }
done
w=tmp/messages; rm -rf "$w"; mkdir -p "$w"

# 1. The template, extracted the way make init-po does (nls.mk's triggers).
rm -f po/kc_ext.pot
if make -s PG_CONFIG="$PG_CONFIG" init-po >"$w/xgettext.log" 2>&1 && [ -s po/kc_ext.pot ]; then
	cp po/kc_ext.pot "$w/kc_ext.pot"
	n=$(grep -c '^msgid "..*"' "$w/kc_ext.pot")
	ok "xgettext extracted $n messages from the C sources ($(grep -c '^#: ' "$w/kc_ext.pot") places)"
else
	bad "make init-po failed: $(tail -3 "$w/xgettext.log")"; echo "$pass passed, $fail failed"; exit 1
fi

# 2. vi.po itself: compiles with the format checks, nothing fuzzy or untranslated.
stats=$(LC_ALL=C msgfmt --check --statistics -o "$w/vi.mo" po/vi.po 2>&1)
rc=$?
if [ "$rc" -eq 0 ] && ! grep -qE 'fuzzy|untranslated' <<<"$stats" && grep -qE '^[0-9]+ translated messages\.$' <<<"$stats"; then
	ok "po/vi.po compiles with msgfmt --check: $stats"
else
	bad "po/vi.po: $stats"
fi

# 3. Every message of the sources has a translation in vi.po: merged with
# the fresh template, nothing is new (untranslated) or guessed (fuzzy).
if msgmerge --quiet --no-fuzzy-matching -o "$w/merged.vi-po" po/vi.po "$w/kc_ext.pot" 2>"$w/msgmerge.log"; then
	mstats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$w/merged.vi-po" 2>&1)
	translated=$(sed -nE 's/^([0-9]+) translated message.*/\1/p' <<<"$mstats")
	if ! grep -qE 'fuzzy|untranslated' <<<"$mstats" && [ "${translated:-0}" -eq "$n" ]; then
		ok "all $n messages of the sources are translated, none fuzzy ($mstats)"
	else
		bad "messages of the sources without a Vietnamese translation: $mstats"
		msgattrib --untranslated --only-fuzzy --no-wrap "$w/merged.vi-po" 2>/dev/null | grep '^msgid' | head -20
		msgattrib --untranslated --no-wrap "$w/merged.vi-po" 2>/dev/null | grep '^msgid "..*"' | head -20
	fi
	obsolete=$(grep -c '^#~ msgid' "$w/merged.vi-po" || true)
	# not counted: a translation no message uses harms nothing (make
	# update-po marks it obsolete)
	echo "note: po/vi.po translates $obsolete message(s) the sources do not have"
else
	bad "msgmerge failed: $(cat "$w/msgmerge.log")"
fi

# 4. The texts the PL/pgSQL functions pass to kc_message() are in the catalogue.
python3 - "$w/kc_ext.pot" sql/kc_ext--*.sql >"$w/sql-msgids.txt" <<'PY'
import re, sys
pot = open(sys.argv[1], encoding='utf-8').read()
ids = set(re.sub(r'\\(.)', lambda m: {'n': '\n', 't': '\t'}.get(m.group(1), m.group(1)), x)
          for x in re.findall(r'^msgid "(.*)"$', pot, re.M))
seen = missing = 0
for f in sys.argv[2:]:
    for lit in re.findall(r"kc_message\('((?:[^']|'')*)'", open(f, encoding='utf-8').read()):
        seen += 1
        t = lit.replace("''", "'")
        if t not in ids:
            missing += 1
            print('missing: %s: %s' % (f, t))
print('seen %d missing %d' % (seen, missing))
PY
sqlres=$(tail -1 "$w/sql-msgids.txt")
if grep -qE '^seen [1-9][0-9]* missing 0$' <<<"$sqlres"; then
	ok "every kc_message() text of the SQL scripts is in the catalogue ($sqlres)"
else
	bad "kc_message() texts missing from src/kc_message.c: $(head -5 "$w/sql-msgids.txt")"
fi

# 4b. No function of the current version raises a text of its own: in the
# full install script of default_version, the last definition of every
# function (the one a database ends with) has no RAISE with a literal
# format; each goes through kc_message().  (DO blocks run once, at install
# or update, and are not functions.)
ver=$(sed -n "s/^default_version *= *'\(.*\)'.*/\1/p" kc_ext.control)
python3 - "sql/kc_ext--$ver.sql" >"$w/raise.txt" <<'PY'
import re, sys
s = open(sys.argv[1], encoding='utf-8').read()
last = {}
for m in re.finditer(r'^CREATE (?:OR REPLACE )?FUNCTION (@extschema@\.\w+)\(', s, re.M):
    t = re.compile(r"AS (\$\w*\$)|AS 'MODULE_PATHNAME'").search(s, m.end())
    if t.group(1) is None:
        last[m.group(1)] = None
        continue
    e = s.index(t.group(1), t.end())
    last[m.group(1)] = s[t.end():e]
bad = []
for name, body in sorted(last.items()):
    if body and re.search(r"\bRAISE\s+(EXCEPTION|WARNING|NOTICE|LOG|INFO)?\s*'", body):
        bad.append(name)
print('functions %d with English RAISE %d %s' % (len(last), len(bad), ' '.join(bad)))
PY
rres=$(tail -1 "$w/raise.txt")
if grep -qE '^functions [1-9][0-9]* with English RAISE 0 $' <<<"$rres"; then
	ok "no function of kc_ext $ver raises an untranslated text (${rres% with*} read)"
else
	bad "functions of kc_ext $ver that RAISE an English text instead of kc_message(): ${rres#*RAISE }"
fi

# 5. The installed catalogue: <localedir>/vi/LC_MESSAGES/kc_ext-NN.mo, not
# older than po/vi.po and holding exactly its translations.
major=$("$PG_CONFIG" --version | sed -n 's/^PostgreSQL \([0-9][0-9]*\).*/\1/p')
mo="$("$PG_CONFIG" --localedir)/vi/LC_MESSAGES/kc_ext-$major.mo"
if [ ! -f "$mo" ]; then
	bad "$mo is not installed (make install)"
elif [ "$mo" -ot po/vi.po ]; then
	bad "$mo is older than po/vi.po (make install)"
elif ! cmp -s <(msgunfmt "$mo") <(msgunfmt "$w/vi.mo"); then
	bad "$mo is not po/vi.po compiled (make install)"
else
	ok "$mo is installed, newer than po/vi.po and its translation"
fi

# 6. The server answers in Vietnamese (needs the vi_VN.UTF-8 locale), and
# in English otherwise, with one SQLSTATE.
if [ -n "${PGHOST:-}" ]; then
	out=$(psql -X -qAt -v ON_ERROR_STOP=0 2>&1 <<'SQL'
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS kc_ext;
\set VERBOSITY verbose
SET lc_messages = 'vi_VN.UTF-8';
SELECT '12.345'::kc_money;
SET lc_messages = 'C';
SELECT '12.345'::kc_money;
SQL
)
	if grep -qF 'ERROR:  22P02: số tiền "12.345" không rõ nghĩa' <<<"$out" &&
	   grep -qF 'ERROR:  22P02: amount "12.345" is ambiguous' <<<"$out"; then
		ok "the server answers in Vietnamese under lc_messages = 'vi_VN.UTF-8' and in English under 'C', SQLSTATE 22P02 in both"
	else
		bad "the server's messages: $(head -8 <<<"$out")"
	fi
else
	bad "no cluster (PGHOST unset): run through tools/run.sh test"
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
