#!/usr/bin/env bash
# The streaming writers (N-Triples, N-Quads, Turtle) write the same graph
# as the whole-graph path through Redland (RDF/XML here), and the same
# bytes whatever the number of threads.
#  - each syntax parses back with rapper;
#  - N-Triples and Turtle hold exactly the triples of the RDF/XML output,
#    and N-Triples writes no line twice;
#  - N-Quads, its graph names dropped, is that same graph; every graph is
#    named by an article that is in it;
#  - -j 1, -j 2 and -j 4 give byte-identical output, on the gold articles
#    and on a few hundred copies of them (ids and dates changed).
set -u
build=$1 src=$2 bin=$3
shared="$src/../shared/corpus"
[ -d "$shared/seeds" ] || { echo "skip: $shared is absent"; exit 77; }
command -v rapper >/dev/null || { echo "skip: rapper (raptor2-utils) not installed"; exit 77; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }
inputs=("$shared/seeds" "$shared/dev" "$src/examples/articles")

canon() { rapper -q -i "$1" -o ntriples "$2" | LC_ALL=C sort -u; }

"$bin" extract -q -f rdfxml "${inputs[@]}" >"$work/g.rdf" || bad "extract -f rdfxml"
canon rdfxml "$work/g.rdf" >"$work/ref.nt"
[ -s "$work/ref.nt" ] || bad "the reference graph is empty"
for fmt in ntriples turtle nquads; do
	"$bin" extract -q -f $fmt "${inputs[@]}" >"$work/g.$fmt" || { bad "extract -f $fmt"; continue; }
	rapper -q -i $fmt -c "$work/g.$fmt" 2>/dev/null || bad "$fmt does not parse back"
done
canon ntriples "$work/g.ntriples" | cmp -s - "$work/ref.nt" || bad "N-Triples is not the graph RDF/XML holds"
canon turtle "$work/g.turtle" | cmp -s - "$work/ref.nt" || bad "Turtle is not the graph RDF/XML holds"
[ "$(wc -l <"$work/g.ntriples")" -eq "$(LC_ALL=C sort -u "$work/g.ntriples" | wc -l)" ] ||
	bad "N-Triples repeats a line"
canon nquads "$work/g.nquads" | cmp -s - "$work/ref.nt" ||
	bad "N-Quads without its graph names is not the graph RDF/XML holds"
# every graph name is an article of that graph
awk '{print $NF == "." ? $(NF-1) : ""}' "$work/g.nquads" | LC_ALL=C sort -u >"$work/graphs"
while read -r g; do
	grep -qF "$g <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/newskg/ontology#Article> $g ." "$work/g.nquads" ||
		bad "graph $g holds no article of that name"
done <"$work/graphs"
[ "$(wc -l <"$work/graphs")" -ge 16 ] || bad "fewer graphs than articles"

# a few hundred articles: copies of the gold ones under other names, as
# JSON Lines so that ids, urls and dates differ
i=0
for f in "$shared"/seeds/*.txt "$shared"/dev/*.txt; do
	/usr/bin/python3 - "$f" "$i" >>"$work/many.jsonl" <<'PY'
import json, sys
text = open(sys.argv[1], encoding="utf-8").read()
for k in range(30):
    n = int(sys.argv[2]) * 100 + k
    rec = {"id": "copy-%d" % n, "date": "20%02d-01-%02d" % (10 + k % 15, 1 + k % 28), "text": text}
    if k % 3 == 0:
        rec["url"] = "https://example.org/news/%d" % n
    print(json.dumps(rec, ensure_ascii=False))
PY
	i=$((i + 1))
done
for fmt in nquads ntriples turtle; do
	for in in gold many; do
		if [ $in = gold ]; then set -- "${inputs[@]}"; else set -- "$work/many.jsonl"; fi
		"$bin" extract -q -j 1 -f $fmt "$@" >"$work/j1" || bad "-j 1 -f $fmt ($in)"
		for j in 2 4; do
			"$bin" extract -q -j $j -f $fmt "$@" >"$work/j$j" || bad "-j $j -f $fmt ($in)"
			cmp -s "$work/j1" "$work/j$j" || bad "-j $j differs from -j 1 for $fmt ($in)"
		done
	done
done
[ "$(grep -c '"copy-' "$work/j1")" -eq "$(wc -l <"$work/many.jsonl")" ] ||
	bad "not every copy came out"

[ $fail -eq 0 ] && echo "streaming writers: the same graph as Redland's, the same bytes at every -j"
exit $fail
