#!/usr/bin/env bash
# bench/run.sh [QUERY_DIR...]
#
# Builds newskg and nkg_store_bench, generates an N-Quads archive of at
# least $STATEMENTS statements (default 1,000,000) with bench/make_quads.sh,
# and runs the store benchmark with every *.rq of the query directories:
# by default bench/queries, and examples/queries when it holds queries.
#
# Environment:
#   BUILD_DIR   build directory (default: build/ in the checkout)
#   WORK_DIR    where the data, the sqlite file and the results go
#               (default: $BUILD_DIR/bench-work; never inside the sources)
#   STATEMENTS  size of the generated archive (default 1000000)
#   RUNS        runs per query and store (default 3)
#   SLOW        a run slower than this many seconds is not repeated (60)
#   LIMIT       give up when one run takes longer than this (default 1800)
#
# The report is printed and kept in $WORK_DIR/report.txt; each query's
# results on each store are in $WORK_DIR/results/.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
build=${BUILD_DIR:-$root/build}
work=${WORK_DIR:-$build/bench-work}
statements=${STATEMENTS:-1000000}
runs=${RUNS:-3}
slow=${SLOW:-60}
limit=${LIMIT:-1800}
start=$(date +%s)

dirs=("$@")
if [ ${#dirs[@]} -eq 0 ]; then
	dirs=("$here/queries")
	if compgen -G "$root/examples/queries/*.rq" > /dev/null; then
		dirs+=("$root/examples/queries")
	fi
fi
queries=()
for d in "${dirs[@]}"; do
	[ -d "$d" ] || { echo "$0: $d: not a directory" >&2; exit 2; }
	for q in "$d"/*.rq; do
		[ -e "$q" ] && queries+=("$q")
	done
done
[ ${#queries[@]} -gt 0 ] || { echo "$0: no *.rq in ${dirs[*]}" >&2; exit 2; }

echo "== build ($build)"
if [ ! -f "$build/CMakeCache.txt" ]; then
	cmake -S "$root" -B "$build" > /dev/null
fi
cmake --build "$build" --target newskg_cli nkg_store_bench -j2 > /dev/null

mkdir -p "$work/results"
data=$work/quads-$statements.nq
echo "== data ($data)"
"$here/make_quads.sh" "$data" "$statements" "$build/newskg"

echo "== bench (${#queries[@]} queries, $runs runs each)"
set +e
"$build/bench/nkg_store_bench" -n "$runs" -s "$slow" -T "$limit" -d "$work" \
	-o "$work/results" "$data" "${queries[@]}" | tee "$work/report.txt"
status=${PIPESTATUS[0]}
set -e

end=$(date +%s)
echo "run.sh total: $((end - start)) s (build, data, bench)" | tee -a "$work/report.txt"
exit "$status"
