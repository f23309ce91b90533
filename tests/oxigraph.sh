#!/bin/bash
# A second SPARQL engine: every example query gives the same answer on
# Oxigraph (npm package "oxigraph", JS/WASM) as on newskg query (rasqal),
# over the same newskg output.
#
#   examples/queries/*.rq      over the N-Quads of examples/articles
#   examples/linked-data/*.rq  over those N-Quads and linked-data/actors.ttl
# and the same again over the N-Quads of the gold articles of ../shared
# (seeds and dev; that part is skipped only where ../shared is absent).
#
# Both answers go through tools/node/oxigraph/query.mjs's canonical form
# (newskg's -r json and Oxigraph's JSON results, each term in N-Triples form;
# ordered where the query's ORDER BY fixes the order, else a multiset; the
# comment at the top of query.mjs says why not rasqal's TSV byte for byte).
# Any difference fails, with its diff, unless tests/data/oxigraph/SET.NAME.known
# records it (see known_matches; lines starting with "#" say its cause): a
# known wrong answer of rasqal, shown in full on every run, never hidden. A
# known difference that is gone, or is not as recorded, fails too.
#
# Oxigraph is installed with npm ci from the committed package-lock.json into
# BUILD_DIR/node-oxigraph, once per lock file.
#
# usage: oxigraph.sh BUILD_DIR SOURCE_DIR NEWSKG_BINARY
set -u

build=$1
src=$2
bin=$3
shared="$src/../shared"
pkg="$src/tools/node/oxigraph"
known="$src/tests/data/oxigraph"
fail=0
bad() { echo "FAIL: $*" >&2; fail=1; }

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
	echo "FAIL: node and npm are needed to run Oxigraph (npm package oxigraph); run tools/setup.sh" >&2
	exit 1
fi

# Install, or reuse the install made from the same lock file (installed.lock
# is a copy of the committed lock, written once npm ci has succeeded).
inst="$build/node-oxigraph"
if ! cmp -s "$pkg/package-lock.json" "$inst/installed.lock" ||
	! [ -f "$inst/node_modules/oxigraph/package.json" ]; then
	rm -rf "$inst" && mkdir -p "$inst" || exit 1
	cp "$pkg/package.json" "$pkg/package-lock.json" "$inst/" || exit 1
	if ! npm ci --prefix "$inst" --no-audit --no-fund --loglevel=error > "$inst/npm.log" 2>&1; then
		echo "FAIL: npm ci --prefix $inst could not install oxigraph (network? registry?):" >&2
		tail -n 20 "$inst/npm.log" >&2
		exit 1
	fi
	cp "$pkg/package-lock.json" "$inst/installed.lock" || exit 1
fi
cp "$pkg/query.mjs" "$inst/query.mjs" || exit 1
ox() { node "$inst/query.mjs" "$@"; }
echo "oxigraph $(sed -n 's/^  "version": "\(.*\)",$/\1/p' "$inst/node_modules/oxigraph/package.json")"

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
n=0
nknown=0
used_known=" "

# known_matches KNOWN NEWSKG OXIGRAPH DIFF: is this difference the recorded one?
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
	local out="$tmp/$set.$(basename "$dir")" rq name args=() jsons=()
	mkdir -p "$out/ox" "$out/nk" "$out/nkjson"
	for rq in "$dir"/*.rq; do args+=(-q "$rq"); done
	# Oxigraph: one process loads the data once and answers every query.
	if ! ox -o "$out/ox" "${args[@]}" "$@" 2> "$out/ox.err"; then
		bad "oxigraph on $set $(basename "$dir"):"
		cat "$out/ox.err" >&2
		return
	fi
	for rq in "$dir"/*.rq; do
		name=$(basename "$rq" .rq)
		if ! "$bin" query -r json -q "$rq" "$@" > "$out/nkjson/$name.json" 2> "$out/nk.err"; then
			bad "newskg query $name ($set) failed:"
			head -n 20 "$out/nk.err" >&2
			echo '{"head":{"vars":["newskg_failed"]},"results":{"bindings":[]}}' > "$out/nkjson/$name.json"
		fi
		jsons+=("$out/nkjson/$name.json")
	done
	ox --canonicalize -o "$out/nk" "${args[@]}" "${jsons[@]}" || { bad "canonical form of newskg's $set results"; return; }
	for rq in "$dir"/*.rq; do
		name=$(basename "$rq" .rq)
		local k="$known/$set.$name.known"
		n=$((n + 1))
		diff -u --label "newskg query: $name ($set)" --label "oxigraph: $name ($set)" \
			"$out/nk/$name.txt" "$out/ox/$name.txt" > "$out/$name.diff"
		if [ ! -s "$out/$name.diff" ]; then
			[ -f "$k" ] && bad "$name ($set): the known difference ${k#$src/} is gone; delete that file"
		elif [ -f "$k" ] && known_matches "$k" "$out/nk/$name.txt" "$out/ox/$name.txt" "$out/$name.diff"; then
			nknown=$((nknown + 1))
			echo "KNOWN DIFFERENCE $name ($set), see ${k#$src/}:"
			sed -n 's/^# \{0,1\}/  | /p' "$k"
			sed 's/^/  /' "$out/$name.diff"
		elif [ -f "$k" ]; then
			bad "$name ($set): newskg and oxigraph answer differently, and not as ${k#$src/} records:"
			cat "$out/$name.diff" >&2
		else
			bad "$name ($set): newskg and oxigraph answer differently:"
			cat "$out/$name.diff" >&2
		fi
		[ -f "$k" ] && used_known+="$set.$name.known "
	done
}

# The example graph.
"$bin" extract -q -f nquads -o "$tmp/examples.nq" "$src/examples/articles" || bad "extract examples"
compare examples "$src/examples/queries" "$tmp/examples.nq"
compare examples "$src/examples/linked-data" "$tmp/examples.nq" "$src/examples/linked-data/actors.ttl"

# The gold articles (real news): the same queries on real data.
if [ -d "$shared/corpus/seeds" ] && [ -d "$shared/corpus/dev" ]; then
	"$bin" extract -q -f nquads -o "$tmp/gold.nq" "$shared/corpus/seeds" "$shared/corpus/dev" ||
		bad "extract the gold articles"
	compare gold "$src/examples/queries" "$tmp/gold.nq"
	compare gold "$src/examples/linked-data" "$tmp/gold.nq" "$src/examples/linked-data/actors.ttl"
else
	echo "skip: $shared is absent; compared on the examples only"
fi

# A recorded difference for a query that no longer exists is stale too.
for k in "$known"/*.known; do
	[ -e "$k" ] || continue
	case $used_known in *" $(basename "$k") "*) ;; *)
		# gold.* are only checked where ../shared is present.
		case $(basename "$k") in gold.*) [ -d "$shared/corpus/seeds" ] || continue ;; esac
		bad "${k#$src/} names no query that was compared; delete it" ;;
	esac
done

[ $fail = 0 ] && echo "ok: $n query answers compared, the same on both engines but $nknown known difference(s) above"
exit $fail
