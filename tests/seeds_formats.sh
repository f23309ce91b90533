#!/usr/bin/env bash
# Every output format of every seed article parses back: raptor's rapper for
# all RDF syntaxes, rdflib for Turtle; the same input gives identical bytes.
set -u
build=$1 src=$2 bin=$3
seeds="$src/../shared/corpus/seeds"
[ -d "$seeds" ] || { echo "skip: $seeds is absent"; exit 77; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
fail=0
for f in "$seeds"/*.txt; do
  for fmt in turtle:turtle ntriples:ntriples nquads:nquads rdfxml:rdfxml json:json; do
    out=${fmt%%:*} syn=${fmt##*:}
    "$bin" extract -f "$out" "$f" > "$work/a" 2>"$work/err" || { echo "FAIL extract -f $out $f: $(cat "$work/err")"; fail=1; continue; }
    "$bin" extract -f "$out" "$f" > "$work/b" 2>/dev/null
    cmp -s "$work/a" "$work/b" || { echo "FAIL $out not byte-identical for $f"; fail=1; }
    n=$(rapper -q -i "$syn" -c "$work/a" 2>&1) || { echo "FAIL rapper -i $syn on $f: $n"; fail=1; }
    if [ "$out" = turtle ]; then
      /usr/bin/python3 -c 'import rdflib,sys; rdflib.Graph().parse(sys.argv[1], format="turtle")' "$work/a" \
        || { echo "FAIL rdflib on $f"; fail=1; }
    fi
  done
done
[ $fail -eq 0 ] && echo "all formats of all seeds parse back"
exit $fail
