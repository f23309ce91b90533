#!/usr/bin/env bash
# The README's first command on examples/articles: exit 0, Turtle that
# rapper reads, and the facts the example articles were written to show.
set -u
build=$1 src=$2 bin=$3
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
"$bin" extract -f ntriples "$src/examples/articles" > "$work/out.nt" 2>"$work/err" || { cat "$work/err"; exit 1; }
fail=0
expect() { grep -q "$1" "$work/out.nt" || { echo "FAIL: expected $2"; fail=1; }; }
E=https://w3id.org/newskg/entity/ N=https://w3id.org/newskg/ontology#
expect "<${E}netherlands> <${N}accuses> <${E}russia>" "the Netherlands accuses Russia"
expect "<${E}russia> <${N}denies>" "Russia denies"
expect "<${E}japan> <${N}accuses> <${E}north-korea>" "Japan accuses North Korea (coordinated agents)"
expect "<${N}accuses> <${E}lazarus-group>" "Lazarus Group accused (reported speech)"
expect "<${E}north-korea> <${N}denies>" "North Korea denies"
expect "<${N}targets> <${E}gmail>" "the incident targets Gmail"
expect "Storm-9999" "an unknown group kept by its name"
expect "<http://www.w3.org/2002/07/owl#sameAs> <http://www.wikidata.org/entity/Q29999>" "the Netherlands linked to Wikidata (QID from shared/data)"
[ $fail -eq 0 ] && echo "examples: all expected facts present"
exit $fail
