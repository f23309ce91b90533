#!/usr/bin/env bash
# Incidents across one run, as data: tests/data/incidents/*.txt are short
# articles written for the project; expected.tsv gives, per article, the
# incident IRI it reports and that incident's year. The same thing hit in
# one year is one incident across articles; in another year it is another.
set -u
src=$2 bin=$3
dir="$src/tests/data/incidents"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
"$bin" extract --base x: -f nquads "$dir"/*.txt > "$work/out.nq" || { echo "extract failed"; exit 1; }
awk '
  $2 == "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>" && $3 == "<https://w3id.org/newskg/ontology#Incident>" {
    inc = $1; g = $4; gsub(/[<>]/, "", inc); gsub(/[<>]/, "", g); sub(/.*\//, "", g); pair[g "\t" inc] = 1 }
  $2 == "<https://w3id.org/newskg/ontology#year>" {
    inc = $1; gsub(/[<>]/, "", inc); y = $3; gsub(/"|\^\^.*/, "", y); year[inc] = y }
  END { for (p in pair) { split(p, f, "\t"); print p "\t" (f[2] in year ? year[f[2]] : "-") } }
' "$work/out.nq" | sort > "$work/got.tsv"
grep -v '^#' "$dir/expected.tsv" | sort > "$work/want.tsv"
if ! diff -u "$work/want.tsv" "$work/got.tsv"; then
  echo "incidents differ from $dir/expected.tsv (- expected, + got)"
  exit 1
fi
echo "$(wc -l < "$work/got.tsv") article incidents as expected"
