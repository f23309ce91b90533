#!/bin/bash
# Minted IRIs are valid and literals round-trip, whatever Unicode the
# articles hold: random ids, urls, titles, dates and texts
# (lib/random_articles.py) go through newskg extract in every RDF syntax;
# rapper and rdflib must parse each output, every IRI in it must be
# absolute and well-formed, every evidence literal must be exactly the code
# points [beginIndex, endIndex) of its article, and titles and ids must
# come back character for character (lib/check_graph.py).  Each url that
# is not an IRI must be reported once (exit 1), and nothing else.
#
# The seeds are fixed so a failure can be replayed; NKG_PROPERTY_SEED adds
# one of your choice.  RDF/XML is fed no C0 controls (XML 1.0 cannot carry
# them; raptor drops them with a warning).
# Usage: iri_literals.sh BUILD_DIR SOURCE_DIR NEWSKG_BINARY
set -u

NKG=${3:?usage: iri_literals.sh BUILD_DIR SOURCE_DIR NEWSKG_BINARY}
src=${2:?}
export NEWSKG_DATA_DIR=${NEWSKG_DATA_DIR:-$src/ontology}
python=/usr/bin/python3
command -v rapper >/dev/null || { echo "rapper (raptor2-utils) not installed"; exit 77; }
"$python" -c 'import rdflib' 2>/dev/null || { echo "python3-rdflib not installed"; exit 77; }

T=$(mktemp -d "${TMPDIR:-/tmp}/nkg-iri-literals.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# check SEED FORMAT [--no-controls]
check() {
	local seed=$1 fmt=$2 opt=${3:-} in bad rc errs
	in=$T/s$seed$opt.jsonl
	[ -f "$in" ] || "$python" "$src/tests/lib/random_articles.py" "$seed" 200 $opt >"$in" 2>"$in.bad"
	bad=$(cat "$in.bad")
	"$NKG" extract -f "$fmt" "$in" >"$T/out" 2>"$T/err"
	rc=$?
	errs=$(grep -Evc '^newskg: [0-9]+ articles \(' "$T/err") # less the summary line
	[ "$rc" = $((bad > 0)) ] || fail "seed $seed $fmt: exit $rc with $bad bad urls"
	[ "$errs" = "$bad" ] || fail "seed $seed $fmt: $errs messages for $bad bad urls: $(grep -v '"url"' "$T/err" | head -2)"
	rapper -q -i "$fmt" -c "$T/out" >/dev/null 2>"$T/rapper" ||
		{ fail "seed $seed $fmt: rapper: $(head -2 "$T/rapper")"; return; }
	if "$python" "$src/tests/lib/check_graph.py" "$fmt" "$T/out" "$in" >"$T/check" 2>&1; then
		echo "ok: seed $seed $fmt${opt:+ $opt}: $(cat "$T/check")"
	else
		fail "seed $seed $fmt: $(tail -3 "$T/check")"
	fi
}

for seed in 1 2 3 ${NKG_PROPERTY_SEED:-}; do
	check "$seed" ntriples
	check "$seed" nquads
	check "$seed" rdfxml --no-controls
	check "$seed" turtle
done

# A CR without an LF in a JSON title or id: raptor's Turtle writer put it
# raw into a "..." literal, which Turtle forbids; newskg's writer escapes it.
printf '{"id": "cr", "title": "a\\rb", "text": "نفت الصين أي علاقة لها بالهجوم."}\n' >"$T/cr.jsonl"
"$NKG" extract -q -f turtle "$T/cr.jsonl" >"$T/cr.ttl" 2>/dev/null
if rapper -q -i turtle -c "$T/cr.ttl" >/dev/null 2>&1 && grep -q '"a\\rb"' "$T/cr.ttl"; then
	echo "ok: a CR in a Turtle literal is escaped"
else
	fail "a CR in a Turtle literal: $(grep title "$T/cr.ttl")"
fi

if [ "$failures" -ne 0 ]; then
	echo "$failures check(s) failed"
	exit 1
fi
echo "IRIs and literals round-trip in every syntax"
