#!/bin/bash
# Every example query gives its expected result, from files and from the
# sqlite store; every query in tests/data/queries/*.rq is refused with the
# message its "# expect:" line gives and exit status 2, and every query in
# tests/data/queries/accepted/ runs and gives the rows of its .tsv.
#
#   examples/queries/NAME.rq      over the graph of examples/articles
#   examples/linked-data/NAME.rq  over that graph and linked-data/actors.ttl
# each with NAME.tsv beside it (SPARQL TSV, as rasqal writes it).
#
# usage: queries.sh BUILD_DIR SOURCE_DIR NEWSKG_BINARY
set -u

src=$2
bin=$3
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*" >&2; fail=1; }
n=0

"$bin" extract -q -o "$tmp/kg.ttl" "$src/examples/articles" || bad "extract turtle"
"$bin" extract -q -f nquads -o "$tmp/kg.nq" "$src/examples/articles" || bad "extract nquads"
"$bin" load -q -s "sqlite:$tmp/kg.db" "$tmp/kg.nq" "$src/examples/linked-data/actors.ttl" ||
	bad "load the store"

# check NAME.rq WHERE DATA...: WHERE names the run in messages.
check() {
	local rq=$1 where=$2 expected=${1%.rq}.tsv
	shift 2
	if ! "$bin" query -r tsv -q "$rq" "$@" > "$tmp/out" 2> "$tmp/err"; then
		# All of it: under the sanitizers the cause is a stack, not a line.
		bad "$(basename "$rq") ($where) failed:"
		head -n 80 "$tmp/err" >&2
	elif ! diff -u "$expected" "$tmp/out" > "$tmp/diff"; then
		bad "$(basename "$rq") ($where) differs from $(basename "$expected"):"
		head -n 20 "$tmp/diff" >&2
	fi
	n=$((n + 1))
}

for rq in "$src"/examples/queries/*.rq; do
	# GRAPH needs the article graphs: N-Quads, not the merged Turtle.
	grep -q 'GRAPH' "$rq" || check "$rq" turtle "$tmp/kg.ttl"
	check "$rq" nquads "$tmp/kg.nq"
	check "$rq" sqlite -s "sqlite:$tmp/kg.db"
done
for rq in "$src"/examples/linked-data/*.rq; do
	check "$rq" turtle "$tmp/kg.ttl" "$src/examples/linked-data/actors.ttl"
	check "$rq" nquads "$tmp/kg.nq" "$src/examples/linked-data/actors.ttl"
	check "$rq" sqlite -s "sqlite:$tmp/kg.db"
done

# Valid queries that look like refused ones must run, with their results.
for rq in "$src"/tests/data/queries/accepted/*.rq; do
	check "$rq" nquads "$tmp/kg.nq"
done

# Refusals: the message names the construct; exit status 2; no results.
for rq in "$src"/tests/data/queries/*.rq; do
	want=$(sed -n 's/^# expect: //p' "$rq")
	"$bin" query -r tsv -q "$rq" "$tmp/kg.nq" > "$tmp/out" 2> "$tmp/err"
	rc=$?
	[ $rc = 2 ] || bad "$(basename "$rq"): exit $rc, expected 2"
	grep -qF -- "$want" "$tmp/err" || bad "$(basename "$rq"): expected '$want', got: $(cat "$tmp/err")"
	[ -s "$tmp/out" ] && bad "$(basename "$rq"): refused but printed results"
	[ "$(wc -l < "$tmp/err")" = 1 ] || bad "$(basename "$rq"): more than one line of error"
	n=$((n + 1))
done

[ $fail = 0 ] && echo "ok: $n query runs"
exit $fail
