#!/bin/bash
# The CLI on bad input: every problem is one line on stderr naming the file
# (and line and byte offset), the good inputs beside it are still written,
# the exit status is 1 for bad input and 2 for bad usage, and an output
# file is never left half-written.
# Usage: cli_errors.sh BUILD_DIR SOURCE_DIR NEWSKG_BINARY
set -u

NKG=${3:?usage: cli_errors.sh BUILD_DIR SOURCE_DIR NEWSKG_BINARY}
export NEWSKG_DATA_DIR=${NEWSKG_DATA_DIR:-${2:?}/ontology}
command -v rapper >/dev/null || { echo "rapper (raptor2-utils) not installed"; exit 77; }

T=$(mktemp -d "${TMPDIR:-/tmp}/nkg-cli-errors.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
failures=0

fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
ok() { echo "ok: $*"; }

# run EXPECTED_RC NAME ARGS...: runs newskg with stdout in $T/out, stderr
# in $T/err.
run() {
	local want=$1 name=$2 rc
	shift 2
	"$NKG" "$@" >"$T/out" 2>"$T/err"
	rc=$?
	if [ "$rc" -ne "$want" ]; then
		fail "$name: exit $rc, expected $want"
		sed 's/^/    stderr: /' "$T/err"
		return 1
	fi
	return 0
}

# err_has NAME REGEX: stderr has a line matching REGEX.
err_has() {
	grep -Eq -- "$2" "$T/err" || { fail "$1: stderr lacks /$2/"; sed 's/^/    stderr: /' "$T/err"; return 1; }
}

# err_lines NAME N: stderr has exactly N error lines (one per error),
# besides the summary line that ends every run that is not --quiet.
SUMMARY='^newskg: [0-9]+ articles \('
err_lines() {
	local n
	n=$(grep -Evc "$SUMMARY" "$T/err")
	[ "$n" -eq "$2" ] || { fail "$1: $n stderr lines, expected $2"; sed 's/^/    stderr: /' "$T/err"; return 1; }
}

# turtle_ok NAME FILE: FILE parses as Turtle.
turtle_ok() {
	rapper -q -i turtle -c "$2" >/dev/null 2>"$T/rapper.err" ||
		{ fail "$1: output is not valid Turtle: $(head -3 "$T/rapper.err")"; return 1; }
}

# Inputs: sentences written for this test, not news text.
S1='اتهمت الولايات المتحدة روسيا بشن هجوم إلكتروني على شركة مايكروسوفت.'
S2='نفت الصين أي علاقة لها بالهجوم على وزارة الخارجية.'
printf 'خبر أول\n%s\n' "$S1" >"$T/good.txt"
printf 'خبر ثان\n%s\n' "$S2" >"$T/other.txt"
printf 'عنوان\nنص \xd8 مقطوع\n' >"$T/badutf8.txt"     # a lead byte without its continuation
: >"$T/empty.txt"
printf 'text\0with a NUL byte\n' >"$T/binary.txt"
printf '{"id":"j1","text":"%s"}\n{"id":"j2","text":"unterminated\n{"id":"j3","text":"%s"}\n' \
	"$S1" "$S2" >"$T/news.jsonl"

# 1. Invalid UTF-8: file and byte offset named, the good file still written.
# "عنوان\n" is 11 bytes, "نص " 5 more: the bad byte is at offset 16.
if run 1 utf8 extract "$T/good.txt" "$T/badutf8.txt"; then
	err_has utf8 "^newskg: $T/badutf8.txt: byte 16: invalid UTF-8" &&
	err_lines utf8 1 &&
	turtle_ok utf8 "$T/out" &&
	{ grep -q "good.txt" "$T/out" || fail "utf8: good.txt missing from the output"; } &&
	ok "invalid UTF-8"
fi

# 2. Empty file.
if run 1 empty extract "$T/empty.txt" "$T/good.txt"; then
	err_has empty "^newskg: $T/empty.txt: .*empty" && err_lines empty 1 &&
	turtle_ok empty "$T/out" && grep -q "good.txt" "$T/out" && ok "empty file"
fi

# 3. Binary file (NUL at byte 4).
if run 1 binary extract "$T/binary.txt" "$T/good.txt"; then
	err_has binary "^newskg: $T/binary.txt: byte 4: .*NUL" && err_lines binary 1 &&
	turtle_ok binary "$T/out" && grep -q "good.txt" "$T/out" && ok "binary file"
fi

# 4. A broken JSON line among good ones: line 2, the good lines extracted.
# The string of line 2 opens 18 bytes into it.
off=$(( $(printf '{"id":"j1","text":"%s"}\n' "$S1" | wc -c) + 18 ))
if run 1 json extract "$T/news.jsonl"; then
	err_has json "^newskg: $T/news.jsonl:2: byte $off: unterminated string" &&
	err_lines json 1 && turtle_ok json "$T/out" &&
	{ grep -q 'j1' "$T/out" && grep -q 'j3' "$T/out" || fail "json: good lines j1/j3 missing"; } &&
	ok "broken JSON line"
fi

# 5. Missing file.
if run 1 missing extract "$T/nope.txt" "$T/good.txt"; then
	err_has missing "^newskg: $T/nope.txt: .*No such file" && err_lines missing 1 &&
	turtle_ok missing "$T/out" && ok "missing file"
fi

# 6. All of them at once: one line each, the two good files still written.
if run 1 all extract "$T/good.txt" "$T/badutf8.txt" "$T/empty.txt" "$T/binary.txt" \
	"$T/news.jsonl" "$T/nope.txt" "$T/other.txt"; then
	err_lines all 5 && turtle_ok all "$T/out" &&
	{ grep -q "other.txt" "$T/out" || fail "all: other.txt missing"; } && ok "all bad inputs together"
fi

# 7. A directory: found recursively; its bad file reported, the rest kept.
mkdir -p "$T/dir/sub"
cp "$T/good.txt" "$T/dir/a.txt"
cp "$T/badutf8.txt" "$T/dir/sub/b.txt"
cp "$T/news.jsonl" "$T/dir/sub/c.jsonl"
if run 1 dir extract "$T/dir"; then
	err_has dir "^newskg: $T/dir/sub/b.txt: byte 16:" &&
	err_has dir "^newskg: $T/dir/sub/c.jsonl:2: byte $off:" &&
	err_lines dir 2 && turtle_ok dir "$T/out" && grep -q "dir/a.txt" "$T/out" &&
	ok "directory"
fi

# 8. Standard input: plain text and JSON Lines, "-" named as <stdin>.
if "$NKG" extract <"$T/good.txt" >"$T/out" 2>"$T/err"; then
	turtle_ok stdin "$T/out" && ok "stdin text"
else
	fail "stdin text: exit $?"
fi
"$NKG" extract - <"$T/news.jsonl" >"$T/out" 2>"$T/err"
if [ $? -eq 1 ]; then
	err_has stdin-json "^newskg: <stdin>:2: byte $off: unterminated string" &&
	turtle_ok stdin-json "$T/out" && ok "stdin JSON Lines"
else
	fail "stdin JSON Lines: wrong exit status"
fi

# 9. Usage errors: exit 2, one line, a hint to --help, nothing on stdout.
for args in "extract --frobnicate" "extract -f klingon" "extract -f" "extract --max-article-bytes lots" \
	"extract --base example.org/id/" "extract --base" "extract -j" \
	"frobnicate" "--frobnicate" "query --frobnicate" "query -r klingon -e ASK{}" \
	"query -e ASK{} -q x.rq" "load" "load --store sqlite:" "load -s memory" \
	"push" "push -e ftp://x/y" "push -e http://127.0.0.1:9/ --timeout soon"; do
	# shellcheck disable=SC2086
	if run 2 "usage ($args)" $args "$T/good.txt"; then
		err_lines "usage ($args)" 1 && err_has "usage ($args)" "^newskg: .*--help" &&
		{ [ ! -s "$T/out" ] || fail "usage ($args): wrote to stdout"; } && ok "usage error: $args"
	fi
done
run 0 help --help && grep -q extract "$T/out" && ok "--help"
run 0 extract-help extract --help && grep -q -- --format "$T/out" && ok "extract --help"
run 0 version --version && grep -Eq '^newskg [0-9]' "$T/out" && ok "--version"

# 10. -o into a directory that does not exist: exit 1, no file anywhere.
if run 1 nodir extract -o "$T/no/such/dir/out.ttl" "$T/good.txt"; then
	err_has nodir "^newskg: .*$T/no/such/dir/out.ttl" && err_lines nodir 1 &&
	{ [ ! -e "$T/no" ] || fail "nodir: something was created"; } && ok "-o into a missing directory"
fi

# 11. -o /dev/full: the write fails and says why.
if [ -c /dev/full ]; then
	if run 1 devfull extract -o /dev/full "$T/good.txt"; then
		err_has devfull "^newskg: .*/dev/full.*No space left" && err_lines devfull 1 && ok "-o /dev/full"
	fi
	"$NKG" extract "$T/good.txt" >/dev/full 2>"$T/err"
	if [ $? -eq 1 ]; then
		err_has stdout-full "No space left" && ok "stdout on /dev/full"
	else
		fail "stdout on /dev/full: wrong exit status"
	fi
fi

# 12. -o FILE: written whole on success, with no temporary left behind.
if run 0 output extract -o "$T/graph.ttl" "$T/good.txt"; then
	turtle_ok output "$T/graph.ttl" && [ ! -s "$T/out" ] &&
	[ "$(find "$T" -maxdepth 1 -name '.graph.ttl.*' | wc -l)" -eq 0 ] && ok "-o FILE"
fi

# 13. An existing output file is untouched when the write fails: a file size
# limit (with SIGXFSZ ignored, write(2) fails with EFBIG) stops the output
# after 1 KiB; the many articles make it much larger than that.
for i in $(seq 1 300); do
	printf '{"id":"a%d","text":"%s"}\n' "$i" "$S1"
done >"$T/many.jsonl"
echo "previous content" >"$T/keep.ttl"
(
	trap '' XFSZ
	ulimit -f 1
	"$NKG" extract -o "$T/keep.ttl" "$T/many.jsonl" >"$T/out" 2>"$T/err"
)
rc=$?
if [ "$rc" -ne 1 ]; then
	fail "keep: exit $rc, expected 1"
elif [ "$(cat "$T/keep.ttl")" != "previous content" ]; then
	fail "keep: the existing output was changed"
elif [ "$(find "$T" -maxdepth 1 -name '.keep.ttl.*' | wc -l)" -ne 0 ]; then
	fail "keep: temporary file left behind"
else
	err_has keep "^newskg: cannot write '$T/keep.ttl'" && err_lines keep 1 && ok "existing output kept on failure"
fi

# 14. A usage error never touches the output either.
if run 2 keep-usage extract -f klingon -o "$T/keep.ttl" "$T/good.txt"; then
	[ "$(cat "$T/keep.ttl")" = "previous content" ] && ok "output kept on usage error" ||
		fail "keep-usage: output changed"
fi

# 15. A run with bad input still replaces -o with the good part (exit 1).
if run 1 partial extract -o "$T/keep.ttl" "$T/good.txt" "$T/empty.txt"; then
	turtle_ok partial "$T/keep.ttl" && grep -q "good.txt" "$T/keep.ttl" && ok "-o with some bad input"
fi

# 16. Every run that is not --quiet ends with one summary line counting
# what it read and the errors; --quiet prints nothing at all.
if run 1 summary extract "$T/good.txt" "$T/other.txt" "$T/empty.txt"; then
	tail -1 "$T/err" | grep -Eq '^newskg: 2 articles \([0-9.]+ [KM]?B\) in [0-9.]+ s: [0-9]+ sentences, [0-9]+ actors, [0-9]+ accusations, [0-9]+ denials, [0-9]+ incidents, [0-9]+ statements, 1 errors$' &&
		ok "summary line" || fail "summary: last line is '$(tail -1 "$T/err")'"
fi
if run 1 quiet extract -q "$T/good.txt" "$T/empty.txt"; then
	[ -s "$T/err" ] && fail "quiet: stderr is not empty" || ok "--quiet prints nothing"
fi

# 17. -j takes a number of threads from 1 to 256.
for bad in 0 -1 x 257 2x; do
	run 2 "jobs $bad" extract -j "$bad" "$T/good.txt" && err_has "jobs $bad" "bad --jobs" && err_lines "jobs $bad" 1
done
run 0 jobs extract --jobs=3 "$T/good.txt" && grep -q "good.txt" "$T/out" && ok "--jobs=3"

# 18. On a terminal (script(1) gives one), a progress bar is drawn on
# stderr and cleared before an error line or the summary; it is never
# drawn when stderr is not a terminal (every run above).
if command -v script >/dev/null; then
	script -qec "'$NKG' extract -o '$T/tty.ttl' '$T/good.txt' '$T/empty.txt' '$T/many.jsonl'" /dev/null >"$T/tty" 2>&1
	tr '\r' '\n' <"$T/tty" | sed 's/\x1b\[K//g' >"$T/tty.lines"
	if ! grep -Eq '^newskg: \[[#.]+\] +[0-9]+% [0-9]+ articles, .* MB/s, ETA ' "$T/tty.lines"; then
		fail "tty: no progress bar"; sed 's/^/    tty: /' "$T/tty.lines" | head -5
	elif ! grep -Eq '^newskg: [^[]*empty.txt: empty file$' "$T/tty.lines"; then
		fail "tty: the error line shares its line with the bar"; sed 's/^/    tty: /' "$T/tty.lines" | head -5
	elif ! grep -Eq '^newskg: 301 articles ' "$T/tty.lines"; then
		fail "tty: no summary on a line of its own"
	else
		ok "progress bar on a terminal"
	fi
	grep -q $'\r' "$T/err" && fail "a progress bar drawn on a file"
fi

if [ "$failures" -ne 0 ]; then
	echo "$failures check(s) failed"
	exit 1
fi
echo "all CLI error checks passed"
