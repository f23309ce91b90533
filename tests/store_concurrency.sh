#!/bin/bash
# A query that runs while a load is writing the sqlite store sees the store
# as it was before the load or as it is after it, never half of it: an
# article graph is replaced (delete, then add, in the load's one
# transaction) while queries keep counting that graph's statements and the
# whole store's.  Each count must be the old one or the new one, and the
# load must succeed although queries hold read locks beside it.  A query
# may fail "database is locked" (a known limit, below), never see a mix.
#
# usage: store_concurrency.sh BUILD_DIR SOURCE_DIR NEWSKG_BINARY
set -u

src=$2
bin=$3
export NEWSKG_DATA_DIR=${NEWSKG_DATA_DIR:-$src/ontology}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/nkg-store-conc.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*" >&2; fail=1; }

G='<https://w3id.org/newskg/id/article/ex01-ministry-hack>'
q_graph="SELECT (COUNT(*) AS ?n) WHERE { GRAPH $G { ?s ?p ?o } }"
q_all='SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }'
count() { # QUERY -> the count, or "error: ..." on stdout
	local out
	if out=$("$bin" query -r tsv -s "sqlite:$tmp/kg.db" -e "$1" 2>&1); then
		tail -n 1 <<<"$out" | sed 's/"\([0-9]*\)".*/\1/'
	else
		echo "error: $(tail -n 1 <<<"$out")"
	fi
}

"$bin" extract -q -f nquads -o "$tmp/ex.nq" "$src"/examples/articles || bad "extract"
# Version 1 of the article's graph, then version 2: each evidence also
# under a second property, so the sizes differ and any half-way state of
# the replacement (the old graph deleted, the new one partly added) shows.
grep -F " $G ." "$tmp/ex.nq" >"$tmp/v1.nq"
{ cat "$tmp/v1.nq"; sed 's|ontology#evidence>|ontology#evidence2>|' "$tmp/v1.nq" | grep evidence2; } >"$tmp/v2.nq"
# Other articles' graphs in the same load, so that it writes for seconds.
for i in $(seq 1 40); do
	sed "s|/id/\([a-z]*\)/|/id/\1/c$i-|g" "$tmp/ex.nq"
done | grep -vF " $G ." >"$tmp/filler.nq"

"$bin" load -q -s "sqlite:$tmp/kg.db" "$tmp/v1.nq" || bad "first load"
old_g=$(count "$q_graph")
old_all=$(count "$q_all")
[ "$old_g" = "$(wc -l <"$tmp/v1.nq")" ] || bad "version 1: $old_g statements"

"$bin" load -q -s "sqlite:$tmp/kg.db" "$tmp/v2.nq" "$tmp/filler.nq" 2>"$tmp/load.err" &
pid=$!
: >"$tmp/seen"
while kill -0 "$pid" 2>/dev/null; do
	echo "graph $(count "$q_graph")" >>"$tmp/seen"
	echo "all $(count "$q_all")" >>"$tmp/seen"
done
wait "$pid" || bad "the load failed beside the queries: $(head -2 "$tmp/load.err")"
new_g=$(count "$q_graph")
new_all=$(count "$q_all")
[ "$new_g" = "$(wc -l <"$tmp/v2.nq")" ] || bad "version 2: $new_g statements"
[ "$new_all" -gt "$old_all" ] 2>/dev/null || bad "the load added nothing: $old_all -> $new_all"

n=$(wc -l <"$tmp/seen")
locked=0
[ "$n" -ge 10 ] || bad "only $n queries ran during the load: make it longer"
while read -r what val; do
	case $what:$val in
	graph:"$old_g" | graph:"$new_g" | all:"$old_all" | all:"$new_all") ;;
	*:"error: "*"database is locked") locked=$((locked + 1)) ;;
	*:error*) bad "a query during the load failed: $val" ;;
	*) bad "a query during the load saw half of it: $what = $val (old $old_g/$old_all, new $new_g/$new_all)" ;;
	esac
done <"$tmp/seen"
old_seen=$(grep -c -e "^graph $old_g\$" -e "^all $old_all\$" "$tmp/seen")
[ $fail = 0 ] && echo "ok: $n queries during the load saw the old store ($old_seen) or the new one ($((n - old_seen - locked))), never a mix"
# Known limit, not half a store: once a load outgrows SQLite's page cache
# it writes to the database file before it commits, under an exclusive
# lock, and queries then fail "database is locked" (after newskg's 10 s
# busy timeout) until it commits.  Seen with 100,000 statements, or under
# the sanitizers.  WAL journal mode would let them read the last commit.
[ "$locked" -gt 0 ] && echo "note: $locked queries found the store locked by the load (known limit)"
exit $fail
