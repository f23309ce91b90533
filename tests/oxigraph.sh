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
# How answers are compared, and how a known difference is recorded
# (tests/data/oxigraph/SET.NAME.known): tests/lib/compare_engines.sh.
#
# Oxigraph is installed with npm ci from the committed package-lock.json into
# BUILD_DIR/node-oxigraph, once per lock file.
#
# usage: oxigraph.sh BUILD_DIR SOURCE_DIR NEWSKG_BINARY
set -u

build=$1
src=$2
bin=$3
pkg="$src/tools/node/oxigraph"
known="$src/tests/data/oxigraph"
. "$src/tests/lib/compare_engines.sh"

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
canon() { node "$inst/query.mjs" "$@"; }
echo "oxigraph $(sed -n 's/^  "version": "\(.*\)",$/\1/p' "$inst/node_modules/oxigraph/package.json")"

engine=oxigraph
# One process loads the data once and answers every query.
engine_answer() {
	local out=$1 set=$2 args=()
	shift 2
	while [ "$1" != -- ]; do args+=(-q "$1"); shift; done
	shift
	canon -o "$out" "${args[@]}" "$@"
}

# The example and the gold articles.
compare_all
