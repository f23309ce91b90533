#!/usr/bin/env bash
# Runs one libFuzzer target for a while, at the lowest CPU priority.
#
#   fuzz/run.sh TARGET SECONDS [LIBFUZZER_OPTION]...
#
# TARGET is one of reader json normalize segment extract lexicon (fuzz/).
# The fuzz build is made first if it is missing (clang; build-fuzz/, or
# $NKG_FUZZ_BUILD).  The corpus grows in build-fuzz/corpus/TARGET across
# runs and starts from the project's own examples and lexicon and from
# tests/data/fuzz/TARGET; crash, leak and timeout inputs are written to
# build-fuzz/artifacts/TARGET/.  Prints one summary line (executions,
# coverage, time) and exits non-zero when the fuzzer found something: copy
# the input into tests/data/fuzz/TARGET/ with a name that says what it is,
# fix the bug, and ctest replays it from then on.
set -euo pipefail

target=${1:?usage: fuzz/run.sh TARGET SECONDS [LIBFUZZER_OPTION]...}
seconds=${2:?usage: fuzz/run.sh TARGET SECONDS [LIBFUZZER_OPTION]...}
shift 2
src=$(cd "$(dirname "$0")/.." && pwd)
build=${NKG_FUZZ_BUILD:-$src/build-fuzz}
bin=$build/fuzz/fuzz_$target
[ -f "$src/fuzz/fuzz_$target.c" ] || { echo "run.sh: no target '$target' (fuzz/fuzz_$target.c)" >&2; exit 2; }

# Made, or brought up to date with the sources, first.
if [ ! -f "$build/CMakeCache.txt" ]; then
	command -v clang >/dev/null || { echo "run.sh: clang is needed (bash tools/setup.sh --fuzz)" >&2; exit 2; }
	CC=clang cmake -S "$src" -B "$build" -DNKG_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
nice -n 19 cmake --build "$build" -j2 --target "fuzz_$target" >/dev/null

corpus=$build/corpus/$target
seeds=$build/seeds/$target
artifacts=$build/artifacts/$target
mkdir -p "$corpus" "$artifacts"
rm -rf "$seeds" && mkdir -p "$seeds"
# Seeds: our own text only (examples/, ontology/lexicon/), never news.
case $target in
lexicon)
	cp "$src"/ontology/lexicon/*.ttl "$seeds"/
	# Each entity or trigger alone, with the prefixes: small inputs the
	# fuzzer can mutate quickly.
	for f in "$src"/ontology/lexicon/*.ttl; do
		awk -v out="$seeds/$(basename "$f" .ttl)" '
			/^@prefix/ { pre = pre $0 "\n"; next }
			/^[a-z]+:[^ ]* a / { if (n < 40) { n++; file = out "-" n ".ttl"; printf "%s\n", pre > file } }
			file && n <= 40 { print >> file }
			/ \.$/ { if (file) close(file); file = "" }' "$f"
	done ;;
*)
	cp "$src"/examples/articles/* "$seeds"/ ;;
esac
regress=$src/tests/data/fuzz/$target
dict=()
[ -f "$src/fuzz/$target.dict" ] && dict=(-dict="$src/fuzz/$target.dict")

export NEWSKG_DATA_DIR=$src/ontology
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
# Leaks inside the shipped raptor and librdf, not newskg's.
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$src/tests/lsan.supp:print_suppressions=0}
log=$build/artifacts/$target.log
start=$(date +%s)
set +e
nice -n 19 "$bin" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 \
	-print_final_stats=1 -artifact_prefix="$artifacts/" "${dict[@]}" "$@" \
	"$corpus" "$seeds" "$regress" >"$log" 2>&1
rc=$?
set -e
elapsed=$(( $(date +%s) - start ))
last=$(grep -E '^#[0-9]+' "$log" | tail -1)
execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
corp=$(sed -n 's/.* corp: \([0-9]*\).*/\1/p' <<<"$last")
echo "fuzz $target: ${execs:-?} executions in ${elapsed}s, cov ${cov:-?} ft ${ft:-?}, corpus ${corp:-?} (log $log)"
if [ "$rc" -ne 0 ]; then
	grep -E 'ERROR|fuzz check failed|runtime error|SUMMARY' "$log" | head -5 >&2
	grep -E 'Test unit written to' "$log" >&2 || true
	echo "fuzz $target: FOUND A PROBLEM (exit $rc); see $log" >&2
	exit 1
fi
