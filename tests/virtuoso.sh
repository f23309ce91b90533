#!/bin/bash
# A real triple-store server: newskg's output pushed into Virtuoso open
# source (Debian virtuoso-opensource) with newskg push, and every example
# query answered there as newskg query answers it over the same files.
#
# The server runs on loopback ports with a throw-away database in a
# temporary folder (tests/lib/virtuoso.sh) and is shut down at the end.
# Checks:
#   - push puts one graph per article, with the article's statements;
#     pushing again replaces them (the server's count is unchanged);
#   - a refusal by the server (the authenticated endpoint, no password)
#     fails with the HTTP status and the server's message, exit 1;
#   - examples/wikidata/fetch.sh, with this server standing in for
#     Wikidata's endpoint (the machine has no route to Wikidata), brings
#     back the facts of exactly the linked items;
#   - examples/queries and examples/linked-data over the example articles
#     and the gold articles of ../shared give the same answers, compared as
#     tests/lib/compare_engines.sh says.  Queries run with the pushed graphs
#     as named graphs and, as default graph, their merge pushed with
#     --graph: Virtuoso's default graph is not an RDF merge of the named
#     graphs (a triple held by two graphs matches twice), newskg's is.
#
# usage: virtuoso.sh BUILD_DIR SOURCE_DIR NEWSKG_BINARY
set -u

build=$1
src=$2
bin=$3
known="$src/tests/data/virtuoso"
. "$src/tests/lib/compare_engines.sh"
. "$src/tests/lib/virtuoso.sh"

for tool in virtuoso-t isql-vt curl node; do
	command -v $tool > /dev/null 2>&1 ||
		{ echo "FAIL: $tool is needed; run tools/setup.sh" >&2; exit 1; }
done
canon() { node "$src/tools/node/oxigraph/query.mjs" "$@"; }
engine=virtuoso

trap 'virtuoso_stop; rm -rf "$ctmp"' EXIT
virtuoso_start "$ctmp/virtuoso" || exit 1
echo "virtuoso $(virtuoso-t -? 2>&1 | sed -n 's/.*Version \([0-9.]*\).*/\1/p' | head -n 1) on $VIRT_HTTP"
crud="$VIRT_HTTP/sparql-graph-crud"

# sparql QUERY [CURL_ARGS...]: JSON results from the server's /sparql.
sparql() {
	local q=$1
	shift
	curl -sS --fail-with-body -H 'Accept: application/sparql-results+json' \
		--data-urlencode "query=$q" "$@" "$VIRT_HTTP/sparql"
}

# engine_answer OUT SET QUERY.rq... -- DATA...: push DATA (each graph, and
# their merge as urn:newskg:test:SET.DIR, one per comparison), then ask
# every query.
engine_answer() {
	local out=$1 set=$2 rqs=() args=() jsons=() merged rq name g
	shift 2
	while [ "$1" != -- ]; do rqs+=("$1"); args+=(-q "$1"); shift; done
	shift
	merged="urn:newskg:test:$(basename "$(dirname "$out")")" # OUT is .../SET.DIR/other
	# Messages go where compare shows them when this fails.
	"$bin" push -e "$crud" "$@" || return 1
	"$bin" push -e "$crud" --graph "$merged" "$@" || return 1
	local dataset=(--data-urlencode "default-graph-uri=$merged")
	for g in $(for d in "$@"; do case $d in *.nq) graphs_of "$d" ;; esac; done); do
		dataset+=(--data-urlencode "named-graph-uri=$g")
	done
	for rq in "${rqs[@]}"; do
		name=$(basename "$rq" .rq)
		sparql "$(cat "$rq")" "${dataset[@]}" > "$out/$name.json" ||
			{ echo "$name: $(head -c 600 "$out/$name.json")" >&2; return 1; }
		jsons+=("$out/$name.json")
	done
	canon --canonicalize -o "$out" "${args[@]}" "${jsons[@]}"
}

# ---- push: one graph per article, replaced on a second push --------------
"$bin" extract -q -f nquads -o "$ctmp/examples.nq" "$src/examples/articles" || bad "extract examples"
count_graphs() { # GRAPH... -> "graph count" lines, sorted
	local q='SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g' args=() g
	for g in "$@"; do args+=(--data-urlencode "named-graph-uri=$g"); done
	sparql "$q" "${args[@]}" | python3 -c '
import json, sys
for b in json.load(sys.stdin)["results"]["bindings"]:
    print(b["g"]["value"], b["n"]["value"])' | sort
}
mapfile -t ex_graphs < <(graphs_of "$ctmp/examples.nq")
expected=$("$bin" query -r tsv -e 'SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g' \
	"$ctmp/examples.nq" | tail -n +2 | sed 's/^<\(.*\)>\t\(.*\)$/\1 \2/' | sort)
out=$("$bin" push -e "$crud" "$ctmp/examples.nq" 2>&1) || bad "push examples: $out"
echo "$out"
first=$(count_graphs "${ex_graphs[@]}")
[ "$first" = "$expected" ] || bad "Virtuoso's graphs after push are not newskg's:
$(diff <(echo "$expected") <(echo "$first"))"
# The second push in parallel: Virtuoso may deadlock two PUTs, and push
# must send them again until every graph is in.
"$bin" push -q -j 4 -e "$crud" "$ctmp/examples.nq" || bad "second push (-j 4)"
[ "$(count_graphs "${ex_graphs[@]}")" = "$first" ] || bad "a second push changed the graphs (duplicates?)"
[ ${#ex_graphs[@]} -gt 1 ] && [ -n "$first" ] || bad "no graphs pushed"

# ---- a refusal by the server ------------------------------------------------
msg=$("$bin" push -e "$VIRT_HTTP/sparql-graph-crud-auth" "$ctmp/examples.nq" 2>&1)
rc=$?
[ $rc = 1 ] || bad "push without a password to the authenticated endpoint: exit $rc, not 1"
echo "$msg" | grep -q "sparql-graph-crud-auth: graph <[^>]*>: HTTP 401" ||
	bad "no HTTP 401 message: $msg"
[ "$(echo "$msg" | grep -c 'HTTP 401')" = 1 ] || bad "a 401 must stop at the first graph: $msg"

# ---- examples/wikidata/fetch.sh, with this server standing in for Wikidata --
# A stand-in graph: an ISO code and a label for every item the examples link
# to, and an item they do not link to, which fetch.sh must not bring back.
wd=urn:newskg:test:wikidata
"$bin" query -r csv -e 'SELECT DISTINCT ?i WHERE { ?a <http://www.w3.org/2002/07/owl#sameAs> ?i }' \
	"$ctmp/examples.nq" | tail -n +2 | tr -d '\r' | grep '^http://www.wikidata.org/entity/' |
	awk '{ printf "<%s> <http://www.wikidata.org/prop/direct/P297> \"C%d\" .\n", $1, NR
	       printf "<%s> <http://www.w3.org/2000/01/rdf-schema#label> \"item %d\"@en .\n", $1, NR }' > "$ctmp/standin.nt"
echo '<http://www.wikidata.org/entity/Q1> <http://www.wikidata.org/prop/direct/P297> "NOT-ASKED" .' >> "$ctmp/standin.nt"
"$bin" push -q -e "$crud" --graph "$wd" "$ctmp/standin.nt" || bad "push the stand-in"
if WIKIDATA_ENDPOINT="$VIRT_HTTP/sparql?default-graph-uri=$wd" NEWSKG=$bin \
	sh "$src/examples/wikidata/fetch.sh" "$ctmp/examples.nq" > "$ctmp/fetched.ttl" 2> "$ctmp/fetch.err"; then
	local_rq="$src/examples/wikidata/accused-iso-codes-local.rq"
	"$bin" query -r tsv -q "$local_rq" "$ctmp/examples.nq" "$ctmp/fetched.ttl" > "$ctmp/wd.got" || bad "query over the fetched facts"
	"$bin" query -r tsv -q "$local_rq" "$ctmp/examples.nq" "$ctmp/standin.nt" > "$ctmp/wd.want"
	[ "$(wc -l < "$ctmp/wd.got")" -gt 1 ] || bad "fetch.sh: no rows over the fetched facts"
	cmp -s "$ctmp/wd.got" "$ctmp/wd.want" || bad "fetch.sh: other answers than over the stand-in itself:
$(diff "$ctmp/wd.want" "$ctmp/wd.got")"
	grep -q NOT-ASKED "$ctmp/fetched.ttl" && bad "fetch.sh brought back an item the graph does not link"
	# The SERVICE form is refused by newskg query, by name, never answered.
	"$bin" query -q "$src/examples/wikidata/accused-iso-codes.rq" "$ctmp/examples.nq" > /dev/null 2> "$ctmp/service.err"
	rc=$?
	[ $rc = 2 ] && grep -q SERVICE "$ctmp/service.err" ||
		bad "newskg query on the SERVICE query: exit $rc, $(cat "$ctmp/service.err")"
else
	bad "examples/wikidata/fetch.sh failed: $(cat "$ctmp/fetch.err")"
fi

# ---- the example queries ----------------------------------------------------
compare_all
