#!/usr/bin/env bash
# bench/virtuoso.sh: an N-Quads archive of $STATEMENTS statements (default
# 1,000,000, made by bench/make_quads.sh) into Virtuoso two ways, each into
# its own fresh server (tests/lib/virtuoso.sh):
#   1. Virtuoso's bulk loader (ld_dir + rdf_loader_run + checkpoint), the
#      fastest way in, run on the server's own machine;
#   2. newskg push -j 1 and -j 4: the same file read by newskg, one HTTP
#      PUT per graph, one at a time or four at once.
# Reports seconds and statements/s for each, their ratio, and checks that
# both servers end up with the same number of statements in the same
# number of graphs.
#
# Environment: BUILD_DIR (default build/), WORK_DIR (default
# $BUILD_DIR/bench-work; the data file is reused from bench/run.sh when it
# is there), STATEMENTS.  Needs virtuoso-opensource (tools/setup.sh).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
build=${BUILD_DIR:-$root/build}
work=${WORK_DIR:-$build/bench-work}
statements=${STATEMENTS:-1000000}
. "$root/tests/lib/virtuoso.sh"

cmake --build "$build" --target newskg_cli -j2 > /dev/null
mkdir -p "$work"
data=$work/quads-$statements.nq
[ -s "$data" ] || "$here/make_quads.sh" "$data" "$statements" "$build/newskg"
lines=$(wc -l < "$data")
graphs=$(graphs_of "$data" | wc -l)
echo "data: $data, $lines statements, $graphs graphs, $(du -m "$data" | cut -f1) MiB"

now() { date +%s.%N; }
# count: statements and graphs the server holds under newskg's graph IRIs.
count() {
	curl -s -H 'Accept: text/csv' "$VIRT_HTTP/sparql" --data-urlencode \
		'query=SELECT (COUNT(*) AS ?n) (COUNT(DISTINCT ?g) AS ?g) WHERE { GRAPH ?g { ?s ?p ?o } FILTER (STRSTARTS(STR(?g), "https://w3id.org/newskg/")) }' |
		tail -n 1 | tr -d '"'
}
report() { # NAME SECONDS COUNT
	printf '%-36s %9.2f s %10.0f statements/s   server holds %s (statements,graphs)\n' \
		"$1" "$2" "$(echo "$lines / $2" | bc -l)" "$3"
}

servers=$(mktemp -d "$work/virtuoso.XXXXXX")
trap 'virtuoso_stop; rm -rf "$servers"' EXIT

echo "== 1. bulk loader"
virtuoso_start "$servers/bulk"
ln "$data" "$servers/bulk/data.nq" 2> /dev/null || cp "$data" "$servers/bulk/data.nq"
t0=$(now)
virtuoso_isql "ld_dir('$servers/bulk', 'data.nq', 'urn:newskg:bench:default');" > /dev/null
virtuoso_isql "rdf_loader_run();" > /dev/null
virtuoso_isql "checkpoint;" > /dev/null
t1=$(now)
bulk_s=$(echo "$t1 - $t0" | bc -l)
bulk_n=$(count)
report "bulk loader (ld_dir)" "$bulk_s" "$bulk_n"
virtuoso_stop

# newskg push, each run into a fresh server: -j 1 (one PUT at a time) and
# the default -j 4.
for jobs in 1 4; do
	echo "== newskg push -j $jobs"
	virtuoso_start "$servers/push$jobs"
	t0=$(now)
	"$build/newskg" push -j "$jobs" -e "$VIRT_HTTP/sparql-graph-crud" "$data" 2>&1 | tee "$servers/push.log"
	virtuoso_isql "checkpoint;" > /dev/null
	t1=$(now)
	push_s=$(echo "$t1 - $t0" | bc -l)
	push_n=$(count)
	report "newskg push -j $jobs (read + PUT)" "$push_s" "$push_n"
	sent=$(sed -n 's/.* in \([0-9.]*\) s;.*/\1/p' "$servers/push.log")
	[ -n "$sent" ] && printf '  of which the PUTs: %.2f s, %.1f ms per graph; reading the file: %.2f s\n' \
		"$sent" "$(echo "$sent * 1000 / $graphs" | bc -l)" "$(echo "$push_s - $sent" | bc -l)"
	printf '  push -j %d / bulk loader: %.1f x the time\n' "$jobs" "$(echo "$push_s / $bulk_s" | bc -l)"
	[ "$bulk_n" = "$push_n" ] || { echo "MISMATCH: the servers hold different data" >&2; exit 1; }
	virtuoso_stop
done
echo "all servers held the same count"
