#!/usr/bin/env bash
# bench/gen_corpus.py: deterministic, well-formed JSON Lines, unique ids, a
# different seed gives other articles, and newskg finds accusations, denials
# and targets in what it writes.  Its usage errors exit 2 with one line.
# Skips (77) where ../shared (the real articles it recombines) or rdflib is
# absent.
# usage: gen_corpus.sh BUILD_DIR SOURCE_DIR NEWSKG_BIN
set -u
src=$2 bin=$3
gen="$src/bench/gen_corpus.py"
shared="$src/../shared/corpus"
if [ ! -d "$shared/seeds" ] || [ ! -d "$shared/dev" ]; then
  echo "skip: $shared is absent (a user's clone); CI always has it"
  exit 77
fi
if ! /usr/bin/python3 -c 'import rdflib' 2>/dev/null; then
  echo "skip: python3-rdflib is not installed (tools/setup.sh installs it)"
  exit 77
fi
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
fail=0
check() { if eval "$2"; then echo "ok   $1"; else echo "FAIL $1"; fail=1; fi; }
py() { /usr/bin/python3 "$gen" "$@"; }

py --articles 200 --per-file 70 --out "$work/a" 2>"$work/a.log"; rc=$?
check "writes 200 articles in 3 files" '[ $rc -eq 0 ] && [ "$(ls "$work/a" | tr "\n" " ")" = "part-00000.jsonl part-00001.jsonl part-00002.jsonl " ]'
check "one summary line on stderr" '[ "$(wc -l < "$work/a.log")" -eq 1 ] && grep -q "200 articles" "$work/a.log"'
py --articles 200 --per-file 70 --out "$work/b" 2>/dev/null
check "same arguments: byte-identical" 'diff -r "$work/a" "$work/b" >/dev/null'
py --articles 200 --per-file 70 --out "$work/c" --seed 2 2>/dev/null
check "another seed: other articles" '! cmp -s "$work/a/part-00000.jsonl" "$work/c/part-00000.jsonl"'

check "every line a JSON object with id, url, title, date, text; ids unique" \
  '/usr/bin/python3 - "$work/a" <<"PY"
import json, os, re, sys
d = sys.argv[1]
ids = []
for f in sorted(os.listdir(d)):
    for line in open(os.path.join(d, f), encoding="utf-8"):
        o = json.loads(line)
        assert list(o) == ["id", "url", "title", "date", "text"], list(o)
        assert re.fullmatch(r"gen-\d{7}", o["id"]) and re.fullmatch(r"20(1\d|2[0-5])-\d\d-\d\d", o["date"])
        assert o["text"].startswith(o["title"] + "\n") and 1000 < len(o["text"].encode()) < 9000
        ids.append(o["id"])
assert len(ids) == 200 and len(set(ids)) == 200, len(set(ids))
PY'

"$bin" extract -f ntriples "$work/a" >"$work/a.nt" 2>"$work/extract.log"; rc=$?
check "newskg extract exits 0 on them" '[ $rc -eq 0 ]'
for rel in accuses denies targets; do
  n=$(grep -c "ontology#$rel>" "$work/a.nt")
  check "extract finds $rel ($n)" '[ "$n" -ge 100 ]'
done

py --articles 12 --per-file 5 --format txt --out "$work/t" 2>/dev/null
check "--format txt: 12 files in 3 directories, title on the first line" \
  '[ "$(find "$work/t" -name "gen-*.txt" | wc -l)" -eq 12 ] && [ -f "$work/t/00002/gen-0000012.txt" ] &&
   [ "$(head -1 "$work/t/00000/gen-0000001.txt")" = "$(/usr/bin/python3 -c "import json,sys; print(json.loads(open(sys.argv[1]).readline())[\"title\"])" "$work/a/part-00000.jsonl")" ]'

usage() {  # description, then arguments: exit 2 and one line on stderr
  local what=$1; shift
  py "$@" >/dev/null 2>"$work/err"; local rc=$?
  check "$what: exit 2, one line" '[ $rc -eq 2 ] && [ "$(wc -l < "$work/err")" -eq 1 ]'
}
usage "missing corpus dir" --articles 5 --out "$work/e1" --corpus "$work/nowhere"
usage "N not a number" --articles many --out "$work/e2"
usage "N zero" --articles 0 --out "$work/e3"
usage "no --out" --articles 5
usage "non-empty out dir" --articles 5 --out "$work/a"
usage "out dir inside the repository" --articles 5 --out "$src/bench/generated"
check "nothing written into the repository" '[ ! -e "$src/bench/generated" ]'
exit $fail
