#!/bin/sh
# Fetches from Wikidata what it says about the actors newskg linked to it,
# as Turtle that newskg query can read beside the graph:
#
#   examples/wikidata/fetch.sh out.nq > wikidata.ttl
#   newskg query -q examples/wikidata/accused-iso-codes-local.rq out.nq wikidata.ttl
#
# One CONSTRUCT query to Wikidata's public endpoint (WIKIDATA_ENDPOINT to
# use another), with the linked items in VALUES: it asks only for the
# items in the graph, so it works with any SPARQL engine here, including
# newskg's, which has no SERVICE.  Facts fetched: the English label, the
# ISO 3166-1 alpha-2 code (P297) and the country (P17).
#
# usage: fetch.sh GRAPH_FILE...   (newskg's output, any RDF syntax)
set -eu
endpoint=${WIKIDATA_ENDPOINT:-https://query.wikidata.org/sparql}
newskg=${NEWSKG:-newskg}
[ $# -gt 0 ] || { echo "usage: $0 GRAPH_FILE..." >&2; exit 2; }

items=$("$newskg" query -r csv -e '
  PREFIX owl: <http://www.w3.org/2002/07/owl#>
  SELECT DISTINCT ?item WHERE { ?actor owl:sameAs ?item .
    FILTER (STRSTARTS(STR(?item), "http://www.wikidata.org/entity/")) }' "$@" |
  tail -n +2 | tr -d '\r' | sed 's/^/</; s/$/>/' | tr '\n' ' ')
[ -n "$items" ] || { echo "$0: no actor linked to Wikidata in $*" >&2; exit 1; }

# Wikidata's endpoint refuses requests without a User-Agent that says who
# is asking (its usage policy).
curl -sS --fail-with-body -H 'Accept: text/turtle' \
  -A 'newskg-example/0.1 (https://w3id.org/newskg)' \
  --data-urlencode "query=
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX wdt:  <http://www.wikidata.org/prop/direct/>
CONSTRUCT { ?item rdfs:label ?label ; wdt:P297 ?iso ; wdt:P17 ?country }
WHERE {
  VALUES ?item { $items }
  OPTIONAL { ?item rdfs:label ?label . FILTER (lang(?label) = \"en\") }
  OPTIONAL { ?item wdt:P297 ?iso }
  OPTIONAL { ?item wdt:P17 ?country }
}" "$endpoint"
