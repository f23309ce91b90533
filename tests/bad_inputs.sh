#!/bin/bash
# Hostile and odd inputs, one case per file in tests/data/bad-inputs/:
# NAME.txt or NAME.jsonl is the input (or NAME.txt.gen / NAME.jsonl.gen, a
# bash snippet that writes it to "$1" at test time: the 100 MB ones are
# never committed), and NAME.EXT.expect says what newskg extract must do
# with it, one directive a line ('#' starts the description):
#
#   exit N          the exit status (0 ok, 1 some input bad, 2 usage)
#   args A...       options before the input (split on spaces)
#   stdin           feed the input on standard input instead of naming it
#   stderr REGEX    some stderr line matches (grep -E; $IN is the input's
#                   path as named in messages)
#   stderr-lines N  stderr has exactly N lines (default: the number of
#                   stderr directives: one line per problem)
#   stdout REGEX    the Turtle output matches
#   evidence        the output, parsed back by rdflib, has every evidence
#                   literal cut exactly from the article by its offsets,
#                   and titles and identifiers as given (lib/check_graph.py)
#   timeout S       seconds allowed (default 60)
#
# Whatever the case, the output must parse (rapper) and nothing may crash.
# Usage: bad_inputs.sh BUILD_DIR SOURCE_DIR NEWSKG_BINARY [NAME...]
set -u

NKG=${3:?usage: bad_inputs.sh BUILD_DIR SOURCE_DIR NEWSKG_BINARY [NAME...]}
src=${2:?}
shift 3
export NEWSKG_DATA_DIR=${NEWSKG_DATA_DIR:-$src/ontology}
data=$src/tests/data/bad-inputs
command -v rapper >/dev/null || { echo "rapper (raptor2-utils) not installed"; exit 77; }
python=/usr/bin/python3
"$python" -c 'import rdflib' 2>/dev/null || python=

T=$(mktemp -d "${TMPDIR:-/tmp}/nkg-bad-inputs.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
failures=0
cases=0

fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# One case: the expectation file $1.
run_case() {
	local expect=$1 name input want_rc=0 args=() use_stdin=0 timeout=60
	local n_stderr=0 want_lines= evidence=0 rc line key val ok=1 re n
	local -a err_res=() out_res=()
	name=$(basename "$expect" .expect)
	input=$T/$name
	if [ -f "$data/$name.gen" ]; then
		bash "$data/$name.gen" "$input" || { fail "$name: generator failed"; return; }
	else
		cp "$data/$name" "$input"
	fi
	while IFS= read -r line || [ -n "$line" ]; do
		case $line in '#'*|'') continue ;; esac
		key=${line%% *}
		val=${line#"$key"}
		val=${val# }
		case $key in
		exit) want_rc=$val ;;
		args) read -r -a args <<<"$val" ;;
		stdin) use_stdin=1 ;;
		stderr) err_res+=("$val"); n_stderr=$((n_stderr + 1)) ;;
		stderr-lines) want_lines=$val ;;
		stdout) out_res+=("$val") ;;
		evidence) evidence=1 ;;
		timeout) timeout=$val ;;
		*) fail "$name: unknown directive '$key'"; return ;;
		esac
	done <"$expect"
	want_lines=${want_lines:-$n_stderr}
	cases=$((cases + 1))

	if [ "$use_stdin" = 1 ]; then
		timeout "$timeout" "$NKG" extract "${args[@]}" <"$input" >"$T/out" 2>"$T/err"
	else
		timeout "$timeout" "$NKG" extract "${args[@]}" "$input" >"$T/out" 2>"$T/err"
	fi
	rc=$?
	if [ "$rc" = 124 ]; then
		fail "$name: not done in ${timeout}s"
		return
	fi
	[ "$rc" = "$want_rc" ] || { fail "$name: exit $rc, expected $want_rc"; ok=0; }
	for re in "${err_res[@]}"; do
		re=${re//\$IN/$(sed 's/[][\.*^$+?(){}|]/\\&/g' <<<"$input")}
		grep -Eq -- "$re" "$T/err" || { fail "$name: stderr lacks /$re/"; ok=0; }
	done
	# every run ends with a summary line; it is not an error line
	n=$(grep -Evc '^newskg: [0-9]+ articles \(' "$T/err")
	[ "$n" -eq "$want_lines" ] ||
		{ fail "$name: $n stderr lines, expected $want_lines"; ok=0; }
	for re in "${out_res[@]}"; do
		grep -Eq -- "$re" "$T/out" || { fail "$name: output lacks /$re/"; ok=0; }
	done
	rapper -q -i turtle -c "$T/out" >/dev/null 2>"$T/rapper" ||
		{ fail "$name: output is not valid Turtle: $(head -2 "$T/rapper")"; ok=0; }
	if [ "$evidence" = 1 ] && [ -n "$python" ]; then
		"$python" "$src/tests/lib/check_graph.py" turtle "$T/out" "$input" >"$T/check" ||
			{ fail "$name: $(head -3 "$T/check")"; ok=0; }
	fi
	[ "$ok" = 0 ] && sed 's/^/    stderr: /' "$T/err" | head -20
	[ "$ok" = 1 ] && echo "ok: $name: $(sed -n 's/^# *//p' "$expect" | head -1)"
	rm -f "$input" "$T/out" "$T/err"
}

if [ $# -gt 0 ]; then
	for n in "$@"; do run_case "$data/$n.expect"; done
else
	for e in "$data"/*.expect; do run_case "$e"; done
fi
[ -n "$python" ] || echo "note: rdflib (python3-rdflib) missing: evidence not checked"
if [ "$failures" -ne 0 ]; then
	echo "$failures check(s) failed in $cases cases"
	exit 1
fi
echo "all $cases bad-input cases passed"
