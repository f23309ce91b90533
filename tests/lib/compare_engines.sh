# Sourced by tests/oxigraph.sh and tests/virtuoso.sh: the same example
# queries on newskg query (rasqal) and on another SPARQL engine, over the
# same newskg output, compared answer by answer.
#
# Both answers go through tools/node/oxigraph/query.mjs's canonical form
# (standard SPARQL JSON results, each term in N-Triples form; ordered where
# the query's ORDER BY fixes the order, else a multiset; the comment at the
# top of query.mjs says why not rasqal's TSV byte for byte).  Any difference
# fails, with its diff, unless $known/SET.NAME.known records it (see
# known_matches; lines starting with "#" say its cause): a known wrong answer
# of one engine, shown in full on every run, never hidden.  A known
# difference that is gone, or is not as recorded, fails too.
#
# The sourcing script sets:
#   bin        the newskg binary
#   src        the source directory
#   engine     the other engine's name, for messages
#   known      the directory of its .known files
# and defines
#   canon ARGS...  runs tools/node/oxigraph/query.mjs (node PATH/query.mjs)
#   engine_answer OUTDIR SET QUERY.rq... -- DATA...
# which writes OUTDIR/NAME.txt, in the canonical form, for each NAME.rq.
# Then it calls compare_all (or compare for each query set and finish).

fail=0
bad() { echo "FAIL: $*" >&2; fail=1; }
n=0
nknown=0
used_known=" "
ctmp=$(mktemp -d) || exit 1
trap 'rm -rf "$ctmp"' EXIT

# known_matches KNOWN NEWSKG OTHER DIFF: is this difference the recorded one?
# KNOWN is "#" lines (the cause), then either a line "columns: ?v ..." (the
# answers may differ in those columns only: same rows, same order, same
# values elsewhere) or the exact diff (for answers that differ as a whole).
known_matches() {
	local cols
	cols=$(sed -n 's/^columns: //p' "$1")
	if [ -z "$cols" ]; then
		grep -v '^#' "$1" | cmp -s - "$4"
		return
	fi
	mask() { # blank the given columns (named on the header, line 2)
		awk -F'\t' -v OFS='\t' -v cols=" $cols " '
			FNR == 2 { for (i = 1; i <= NF; i++) if (index(cols, " " $i " ")) m[i] = 1 }
			FNR > 2 { for (i in m) $i = "(masked)" } { print }' "$1"
	}
	# Every named column must exist, and the rest must be equal.
	for c in $cols; do sed -n 2p "$2" | tr '\t' '\n' | grep -qxF -- "$c" || return 1; done
	cmp -s <(mask "$2") <(mask "$3")
}

# compare SET DIR DATA...: every DIR/*.rq over DATA, on both engines.
compare() {
	local set=$1 dir=$2
	shift 2
	local out="$ctmp/$set.$(basename "$dir")" rq name args=() rqs=() jsons=()
	mkdir -p "$out/other" "$out/nk" "$out/nkjson"
	for rq in "$dir"/*.rq; do args+=(-q "$rq"); rqs+=("$rq"); done
	if ! engine_answer "$out/other" "$set" "${rqs[@]}" -- "$@" 2> "$out/other.err"; then
		bad "$engine on $set $(basename "$dir"):"
		cat "$out/other.err" >&2
		return
	fi
	for rq in "${rqs[@]}"; do
		name=$(basename "$rq" .rq)
		if ! "$bin" query -r json -q "$rq" "$@" > "$out/nkjson/$name.json" 2> "$out/nk.err"; then
			bad "newskg query $name ($set) failed:"
			head -n 20 "$out/nk.err" >&2
			echo '{"head":{"vars":["newskg_failed"]},"results":{"bindings":[]}}' > "$out/nkjson/$name.json"
		fi
		jsons+=("$out/nkjson/$name.json")
	done
	canon --canonicalize -o "$out/nk" "${args[@]}" "${jsons[@]}" || { bad "canonical form of newskg's $set results"; return; }
	for rq in "${rqs[@]}"; do
		name=$(basename "$rq" .rq)
		local k="$known/$set.$name.known"
		n=$((n + 1))
		diff -u --label "newskg query: $name ($set)" --label "$engine: $name ($set)" \
			"$out/nk/$name.txt" "$out/other/$name.txt" > "$out/$name.diff"
		if [ ! -s "$out/$name.diff" ]; then
			[ -f "$k" ] && bad "$name ($set): the known difference ${k#$src/} is gone; delete that file"
		elif [ -f "$k" ] && known_matches "$k" "$out/nk/$name.txt" "$out/other/$name.txt" "$out/$name.diff"; then
			nknown=$((nknown + 1))
			echo "KNOWN DIFFERENCE $name ($set), see ${k#$src/}:"
			sed -n 's/^# \{0,1\}/  | /p' "$k"
			sed 's/^/  /' "$out/$name.diff"
		elif [ -f "$k" ]; then
			bad "$name ($set): newskg and $engine answer differently, and not as ${k#$src/} records:"
			cat "$out/$name.diff" >&2
		else
			bad "$name ($set): newskg and $engine answer differently:"
			cat "$out/$name.diff" >&2
		fi
		[ -f "$k" ] && used_known+="$set.$name.known "
	done
}

# finish SHARED_PRESENT: a recorded difference for a query that was not
# compared is stale (gold.* only count where ../shared is present); prints
# the summary and exits with the verdict.
finish() {
	local k
	for k in "$known"/*.known; do
		[ -e "$k" ] || continue
		case $used_known in *" $(basename "$k") "*) ;; *)
			case $(basename "$k") in gold.*) [ "$1" = 1 ] || continue ;; esac
			bad "${k#$src/} names no query that was compared; delete it" ;;
		esac
	done
	[ $fail = 0 ] && echo "ok: $n query answers compared, the same on newskg and $engine but $nknown known difference(s) above"
	exit $fail
}

# compare_all: examples/queries and examples/linked-data over the example
# articles, and over the gold articles of ../shared (seeds and dev) where
# they are; then finish.
compare_all() {
	local shared="$src/../shared" have_gold=0
	"$bin" extract -q -f nquads -o "$ctmp/examples.nq" "$src/examples/articles" || bad "extract examples"
	compare examples "$src/examples/queries" "$ctmp/examples.nq"
	compare examples "$src/examples/linked-data" "$ctmp/examples.nq" "$src/examples/linked-data/actors.ttl"
	if [ -d "$shared/corpus/seeds" ] && [ -d "$shared/corpus/dev" ]; then
		have_gold=1
		"$bin" extract -q -f nquads -o "$ctmp/gold.nq" "$shared/corpus/seeds" "$shared/corpus/dev" ||
			bad "extract the gold articles"
		compare gold "$src/examples/queries" "$ctmp/gold.nq"
		compare gold "$src/examples/linked-data" "$ctmp/gold.nq" "$src/examples/linked-data/actors.ttl"
	else
		echo "skip: $shared is absent; compared on the examples only"
	fi
	finish $have_gold
}
