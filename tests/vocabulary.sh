#!/usr/bin/env bash
# Every term of the newskg ontology namespace that the output uses, as a
# predicate or as a class, is declared in ontology/newskg.ttl: analysts
# load the ontology beside the data and reason with its domains and ranges.
# Checked on the example articles, the incident tests and, where present,
# the seeds.
set -u
src=$2 bin=$3
N='https://w3id.org/newskg/ontology#'
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
inputs=("$src/examples/articles" "$src/tests/data/incidents")
[ -d "$src/../shared/corpus/seeds" ] && inputs+=("$src/../shared/corpus/seeds")
"$bin" extract -q -f ntriples -o "$work/out.nt" "${inputs[@]}" || { echo "extract failed"; exit 1; }
rapper -q -i turtle -o ntriples "$src/ontology/newskg.ttl" > "$work/onto.nt" || { echo "ontology does not parse"; exit 1; }
awk -v n="<$N" '
  index($2, n) == 1 { print $2 }
  $2 == "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>" && index($3, n) == 1 { print $3 }
' "$work/out.nt" | sort -u > "$work/used"
awk -v n="<$N" '
  $2 == "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>" && index($1, n) == 1 { print $1 }
' "$work/onto.nt" | sort -u > "$work/declared"
[ -s "$work/used" ] || { echo "no ontology term in the output: the check would prove nothing"; exit 1; }
missing=$(comm -23 "$work/used" "$work/declared")
if [ -n "$missing" ]; then
	echo "used in the output but not declared in ontology/newskg.ttl:"
	echo "$missing"
	exit 1
fi
echo "ok: $(wc -l < "$work/used") ontology terms used, all declared"
