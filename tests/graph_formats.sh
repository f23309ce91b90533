#!/bin/bash
# Every output format parses back with a reader that is not our writer:
# rapper (turtle, ntriples, nquads, rdfxml, json), rdflib (Turtle; N-Quads
# with a named graph on every quad) and graphviz (dot, when installed).
# Writing twice gives the same bytes.
#
# usage: graph_formats.sh BUILD_DIR SOURCE_DIR NEWSKG_BINARY
#
# The files come from `newskg extract -f FORMAT` on an article written for
# this test.  While the CLI cannot extract yet, they come from the graph
# unit test (BUILD_DIR/tests/test_graph with NKG_TEST_DUMP_DIR); with
# neither, the test is skipped (exit 77).
set -u

build=$1
bin=$3
formats="turtle ntriples nquads rdfxml json dot"
python=/usr/bin/python3

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

fail=0
bad() { echo "FAIL: $*" >&2; fail=1; }

# Written for this test; no news text.  "The foreign ministry of Estonia
# accused a hacker group linked to Russia of an attack on the servers of a
# water company.  Moscow denied the accusations."
cat > "$tmp/article.txt" <<'EOF'
اختبار الصيغ
اتهمت وزارة الخارجية في إستونيا مجموعة قرصنة مرتبطة بروسيا بشن هجوم إلكتروني على خوادم شركة للمياه. ونفت موسكو هذه الاتهامات.
EOF

# Writes $tmp/out1.FORMAT and $tmp/out2.FORMAT; returns 1 when the CLI
# cannot extract yet.
from_cli() {
	local f n
	[ -x "$bin" ] || return 1
	for f in $formats; do
		for n in 1 2; do
			if ! "$bin" extract -f "$f" "$tmp/article.txt" \
			     > "$tmp/out$n.$f" 2> "$tmp/err"; then
				if grep -qi "not available" "$tmp/err"; then
					return 1
				fi
				bad "newskg extract -f $f: $(head -n 3 "$tmp/err")"
			fi
		done
	done
	echo "formats written by $bin"
}

from_unit_test() {
	local f n t="$build/tests/test_graph"
	[ -x "$t" ] || return 1
	for n in 1 2; do
		mkdir -p "$tmp/dump$n"
		NKG_TEST_DUMP_DIR="$tmp/dump$n" "$t" > /dev/null || return 1
		for f in $formats; do
			cp "$tmp/dump$n/graph.$f" "$tmp/out$n.$f" || return 1
		done
	done
	echo "newskg extract not available yet: formats written by $t"
}

if ! from_cli && ! from_unit_test; then
	echo "SKIP: newskg extract is not available and $build/tests/test_graph is missing"
	exit 77
fi

for f in $formats; do
	out=$tmp/out1.$f
	[ -s "$out" ] || { bad "$f: empty output"; continue; }
	cmp -s "$out" "$tmp/out2.$f" || bad "$f: two runs differ"
	case $f in
	dot)
		if command -v dot > /dev/null; then
			dot -Tsvg "$out" > /dev/null 2> "$tmp/err" ||
				bad "dot: graphviz rejects it: $(head -n 3 "$tmp/err")"
		else
			echo "graphviz not installed: dot output not checked"
		fi
		continue ;;
	esac
	if ! rapper -q -i "$f" -c "$out" > /dev/null 2> "$tmp/err" || [ -s "$tmp/err" ]; then
		bad "$f: rapper -i $f rejects it: $(head -n 3 "$tmp/err")"
	fi
done

if [ -x "$python" ] && "$python" -c 'import rdflib' 2> /dev/null; then
	"$python" - "$tmp/out1.turtle" "$tmp/out1.nquads" <<'EOF' || bad "rdflib check failed"
import sys
import rdflib
g = rdflib.Graph()
g.parse(sys.argv[1], format="turtle")
assert len(g) > 0, "no triples in the Turtle"
ds = rdflib.Dataset()
ds.parse(sys.argv[2], format="nquads")
quads = list(ds.quads((None, None, None, None)))
assert quads, "no quads"
unnamed = [q for q in quads if q[3] is None or q[3] == rdflib.graph.DATASET_DEFAULT_GRAPH_ID]
assert not unnamed, "%d quads without a named graph" % len(unnamed)
assert len(set(q[:3] for q in quads)) == len(g), "N-Quads and Turtle differ: %d vs %d triples" % (len(set(q[:3] for q in quads)), len(g))
print("rdflib: %d triples, %d quads in %d graphs" % (len(g), len(quads), len(set(q[3] for q in quads))))
EOF
else
	echo "python3-rdflib not installed: Turtle not checked with rdflib"
fi

exit $fail
