#!/usr/bin/env bash
# bench/extract.sh: newskg extract at archive scale.
#
# Generates corpora of N articles with bench/gen_corpus.py (kept in the
# work directory and reused; the text never enters the sources), then
#  1. nkg_extract_bench on each size: per stage (read, the ICU
#     normalisation floor, segment, match, rules, resolve, write per
#     format) articles/s, MB/s, MB/s per CPU second, sentences/s,
#     statements/s and peak RSS, each cut in a child process of its own;
#     every format at the smallest size, the streaming ones above it;
#  2. scaling: CPU per article and peak RSS of each streaming format at
#     the two largest sizes, side by side;
#  3. threads: `newskg extract -f nquads` with -j 1 and -j N (default 2)
#     on the JOBS_SIZE corpus, wall time and whether the bytes are equal;
#  4. Turtle for the largest corpus: peak RSS of newskg, then rapper
#     parses it back and counts the statements.
# All figures of one report come from one run on one machine: compare
# ratios, not absolute numbers, across machines.
#
# Environment:
#   BUILD_DIR  build directory (default build/ in the checkout; built if needed)
#   WORK_DIR   corpora, outputs, report (default $BUILD_DIR/bench-work/extract)
#   SIZES      corpus sizes, ascending (default "1000 10000 100000")
#   JOBS       threads for step 3 (default 2)
#   CUT_RUNS   rounds of the cuts in step 1 (round robin): the least disturbed
#              run of each is shown, and the median ratio to the floor (5)
#   RUNS       alternating runs of step 3 (default 7): the machine is
#              shared, so the best and the median are reported, and what
#              two independent runs side by side get from it
#   JOBS_SIZE  corpus for step 3 (default: the middle size)
#   SEED       generator seed (default 1)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
build=${BUILD_DIR:-$root/build}
work=${WORK_DIR:-$build/bench-work/extract}
read -r -a sizes <<<"${SIZES:-1000 10000 100000}"
jobs=${JOBS:-2}
RUNS=${RUNS:-7}
CUT_RUNS=${CUT_RUNS:-5}
seed=${SEED:-1}
n_sizes=${#sizes[@]}
jobs_size=${JOBS_SIZE:-${sizes[$(( n_sizes > 1 ? n_sizes - 2 : 0 ))]}}
largest=${sizes[$((n_sizes - 1))]}
mkdir -p "$work"
report="$work/report.txt"
newskg="$build/newskg"
bench="$build/bench/nkg_extract_bench"

if [ ! -x "$newskg" ] || [ ! -x "$bench" ]; then
	cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	cmake --build "$build" -j2 --target newskg_cli nkg_extract_bench >/dev/null
fi
command -v rapper >/dev/null || { echo "extract.sh: rapper (raptor2-utils) is needed" >&2; exit 2; }

corpus() { echo "$work/gen-$1-seed$seed"; }
for n in "${sizes[@]}"; do
	d=$(corpus "$n")
	if [ ! -f "$d/.complete" ]; then
		rm -rf "$d"
		/usr/bin/python3 "$here/gen_corpus.py" --articles "$n" --seed "$seed" --out "$d" >&2
		touch "$d/.complete"
	fi
done

# peak RSS (KB) and seconds of a command, its output discarded
timed() {
	/usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" "$@" >/dev/null
	cat "$work/time.txt"
}

{
	echo "newskg extract at archive scale, $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) CPUs"
	echo "newskg $(git -C "$root" describe --always --dirty 2>/dev/null || echo '?'); corpora from bench/gen_corpus.py --seed $seed"
	echo "MB = 10^6 bytes of article text; RSS = peak resident set of the process"
	for n in "${sizes[@]}"; do
		# nquads:null: the same run into a stream that keeps nothing, newskg
		# without the file system (at 100k the file is 2.4 GB)
		formats=ntriples,nquads,turtle,nquads:null
		[ "$n" = "${sizes[0]}" ] && formats=ntriples,nquads,turtle,nquads:null,rdfxml,json,dot
		echo
		echo "== $n articles: stages (nkg_extract_bench -r $CUT_RUNS -f $formats -o $work)"
		"$bench" -r "$CUT_RUNS" -f "$formats" -o "$work" "$(corpus "$n")" | tee "$work/stages-$n.txt"
	done

	if [ "$n_sizes" -ge 2 ]; then
		small=${sizes[$((n_sizes - 2))]}
		echo
		echo "== scaling: $small -> $largest articles (from the stage tables)"
		printf "%-19s %14s %14s %8s %12s %12s %8s\n" "cut" "ms/article@$small" "ms/article@$largest" "ratio" \
			"RSS MB@$small" "RSS MB@$largest" "ratio"
		for cut in resolve "write ntriples" "write nquads" "write turtle" "write nquads (null)"; do
			a=$(awk -v c="$cut" 'index($0, c) == 1 && substr($0, length(c) + 1) ~ /^ +[0-9]/' "$work/stages-$small.txt")
			b=$(awk -v c="$cut" 'index($0, c) == 1 && substr($0, length(c) + 1) ~ /^ +[0-9]/' "$work/stages-$largest.txt")
			# after the name: wall, cpu, articles/s, MB/s, MB/s/cpu, sentences/s, statements/s, RSS, /floor
			set -- $a; shift $(( $# - 9 )); ca=$2; ra=$8
			set -- $b; shift $(( $# - 9 )); cb=$2; rb=$8
			awk -v c="$cut" -v ca="$ca" -v cb="$cb" -v ra="$ra" -v rb="$rb" -v na="$small" -v nb="$largest" 'BEGIN {
				pa = ca / na * 1000; pb = cb / nb * 1000
				printf "%-19s %14.3f %14.3f %8.2f %12.1f %12.1f %8.2f\n", c, pa, pb, pb / pa, ra, rb, rb / ra }'
		done
	fi

	echo
	echo "== threads: newskg extract -f nquads on $jobs_size articles, -j 1 and -j $jobs alternating, $RUNS runs each"
	d=$(corpus "$jobs_size")
	: >"$work/threads.txt"
	# the bytes compared once; the timed runs write to /dev/null, so that
	# the kernel writing the page cache back does not take a core from them
	"$newskg" extract -q -j 1 -f nquads -o "$work/j1.nq" "$d"
	"$newskg" extract -q -j "$jobs" -f nquads -o "$work/jn.nq" "$d"
	same=no; cmp -s "$work/j1.nq" "$work/jn.nq" && same=yes
	rm -f "$work/j1.nq" "$work/jn.nq"
	for r in $(seq 1 "$RUNS"); do
		read -r w1 u1 s1 m1 < <(timed "$newskg" extract -q -j 1 -f nquads -o /dev/null "$d")
		read -r wn un sn mn < <(timed "$newskg" extract -q -j "$jobs" -f nquads -o /dev/null "$d")
		# the machine's own parallelism at that moment: two -j 1 runs at once
		( timed "$newskg" extract -q -j 1 -f nquads -o /dev/null "$d" >"$work/pair1.txt" ) &
		timed "$newskg" extract -q -j 1 -f nquads -o /dev/null "$d" >"$work/pair2.txt"
		wait
		read -r p1 _ < "$work/pair1.txt"; read -r p2 _ < "$work/pair2.txt"
		echo "$w1 $wn $u1 $s1 $un $sn $m1 $mn $same $p1 $p2" >>"$work/threads.txt"
	done
	/usr/bin/python3 - "$work/threads.txt" "$jobs" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
j = sys.argv[2]
w1 = [float(r[0]) for r in rows]; wn = [float(r[1]) for r in rows]
c1 = [float(r[2]) + float(r[3]) for r in rows]; cn = [float(r[4]) + float(r[5]) for r in rows]
m1 = max(float(r[6]) for r in rows) / 1024; mn = max(float(r[7]) for r in rows) / 1024
same = "yes" if all(r[8] == "yes" for r in rows) else "NO"
cap = [2 * float(r[0]) / max(float(r[9]), float(r[10])) for r in rows]
med = statistics.median
print("-j 1: wall best %.2f s, median %.2f s; %.2f s CPU per run; %.1f MB RSS" % (min(w1), med(w1), med(c1), m1))
print("-j %s: wall best %.2f s, median %.2f s; %.2f s CPU per run; %.1f MB RSS" % (j, min(wn), med(wn), med(cn), mn))
print("speed-up -j %s over -j 1: %.2fx best to best, %.2fx median to median; byte-identical output: %s"
      % (j, min(w1) / min(wn), med(w1) / med(wn), same))
print("the machine, two -j 1 runs side by side: %.2fx the work of one in the same time"
      " (median; 2.00 = two whole cores)" % med(cap))
PY
	echo
	echo "== Turtle for $largest articles"
	d=$(corpus "$largest")
	read -r wt ut st mt < <(timed "$newskg" extract -q -f turtle -o "$work/all.ttl" "$d")
	count=$(rapper -i turtle -c "$work/all.ttl" 2>&1 | grep -Eo 'returned [0-9]+ triples' || echo "failed")
	awk -v w="$wt" -v m="$mt" -v b="$(stat -c %s "$work/all.ttl")" -v c="$count" 'BEGIN {
		printf "newskg: %.2f s, %.1f MB RSS, %.1f MB of Turtle; rapper parsed it back: %s\n", w, m / 1024, b / 1e6, c }'
	rm -f "$work/all.ttl"
} 2>&1 | tee "$report"
echo "report: $report" >&2
