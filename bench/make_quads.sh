#!/usr/bin/env bash
# make_quads.sh [-u] OUT.nq N_STATEMENTS [NEWSKG]
#
# Writes an N-Quads file of at least N_STATEMENTS statements that looks like
# a real newskg archive, for bench/store_bench.
#
# 1. The articles of ../shared/corpus/seeds, ../shared/corpus/dev and
#    examples/articles are read where they are (never copied into the
#    repository) and put, one JSON line each, into a temporary JSON Lines
#    file with a placeholder date, so that newskg itself writes the date
#    triples (dcterms:date on the article, nkg:date on each statement node)
#    as it does for a dated archive.
# 2. `newskg extract -f nquads` turns them into one graph per article.
# 3. That output is replicated until there are N_STATEMENTS statements:
#    copy C appends "-cC" to every IRI under https://w3id.org/newskg/id/
#    (graphs, articles, statement nodes, incidents, unnamed voices) and gives
#    each article its own date (2010-2024); the actor IRIs under
#    https://w3id.org/newskg/entity/ are kept, so every actor is shared by
#    many article graphs, as in a real archive.
#
# -u also makes each copy's texts its own (" [cC]" is appended to every
#    nkg:evidence, dcterms:title and dcterms:identifier), as in a real
#    archive where no two articles share a sentence.  Without it the copies
#    share those literals, which flatters stores that look literals up
#    without an index (Redland's sqlite storage; see bench/README.md).
#
# Only whole copies are written, so the file holds between N and N plus one
# copy (about 1,800 statements) statements.  Nothing is written inside the
# repository unless OUT is.  The statement count goes to stderr.
set -euo pipefail

usage() { echo "usage: $0 [-u] OUT.nq N_STATEMENTS [NEWSKG]" >&2; exit 2; }
unique=0
if [ "${1:-}" = -u ]; then
	unique=1
	shift
fi
[ $# -ge 2 ] && [ $# -le 3 ] || usage
out=$1
want=$2
case $want in '' | *[!0-9]*) usage ;; esac

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
newskg=${3:-${NEWSKG:-$root/build/newskg}}
shared=${NKG_SHARED:-$root/../shared}
[ -x "$newskg" ] || { echo "$0: no newskg binary at $newskg (build first)" >&2; exit 1; }

articles=()
for dir in "$shared/corpus/seeds" "$shared/corpus/dev" "$root/examples/articles"; do
	[ -d "$dir" ] || { echo "$0: $dir: no such directory" >&2; exit 1; }
	for f in "$dir"/*.txt; do
		[ -e "$f" ] && articles+=("$f")
	done
done
[ ${#articles[@]} -gt 0 ] || { echo "$0: no articles found" >&2; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/nkg-quads.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

PLACEHOLDER=1999-01-01

# One JSON line per article: id (the file name, as for a .txt input), title
# (the first line that is not blank, trimmed, as for a .txt input), date,
# text (the whole file).
for f in "${articles[@]}"; do
	id=$(basename "$f" .txt)
	LC_ALL=C awk -v id="$id" -v date="$PLACEHOLDER" '
		function esc(s) {
			gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s)
			gsub(/\t/, "\\t", s); gsub(/\r/, "\\r", s)
			return s
		}
		{
			text = text (NR > 1 ? "\\n" : "") esc($0)
			if (!have_title && $0 ~ /[^ \t\r\f\v]/) {
				t = $0; sub(/^[ \t\r\f\v]+/, "", t); sub(/[ \t\r\f\v]+$/, "", t)
				title = esc(t); have_title = 1
			}
		}
		END {
			# a final newline in the file is part of the text
			printf "{\"id\":\"%s\",\"title\":\"%s\",\"date\":\"%s\",\"text\":\"%s%s\"}\n",
			       esc(id), title, date, text, ends_nl ? "\\n" : ""
		}' ends_nl="$(tail -c1 "$f" | od -An -c | grep -q '\\n' && echo 1 || echo 0)" "$f"
done > "$tmp/articles.jsonl"

# Relative path: nkg:file is the same on every run.
(cd "$tmp" && "$newskg" extract -f nquads -o base.nq articles.jsonl)
base=$(wc -l < "$tmp/base.nq")
[ "$base" -gt 0 ] || { echo "$0: newskg wrote no statements" >&2; exit 1; }
grep -q "\"$PLACEHOLDER\"" "$tmp/base.nq" ||
	{ echo "$0: newskg wrote no dates; the generator needs updating" >&2; exit 1; }
copies=$(( (want + base - 1) / base ))
[ "$copies" -ge 1 ] || copies=1

LC_ALL=C awk -v out="$out" -v copies="$copies" -v uniq="$unique" -v ph="\"$PLACEHOLDER\"" '
	{
		line[NR] = $0
		# the graph is the last IRI on the line
		g = $0; sub(/ \.$/, "", g); sub(/.* </, "<", g)
		if (!(g in gi)) gi[g] = ngraphs++
		gk[NR] = gi[g]
	}
	END {
		for (c = 1; c <= copies; c++) {
			for (i = 1; i <= NR; i++) {
				l = line[i]
				gsub(/<https:\/\/w3id\.org\/newskg\/id\/[^>]*/, "&-c" c, l)
				if (uniq && l ~ /(ontology#evidence|terms\/title|terms\/identifier)> "/) {
					# before the closing quote of the literal
					k = match(l, /"(@[A-Za-z-]+)? <[^>]*> \.$/)
					if (k) l = substr(l, 1, k - 1) " [c" c "]" substr(l, k)
				}
				if (index(l, ph)) {
					n = (c - 1) * ngraphs + gk[i]
					d = sprintf("\"%04d-%02d-%02d\"", 2010 + n % 15,
					            1 + int(n / 15) % 12, 1 + int(n / 180) % 28)
					sub(ph, d, l)
				}
				print l
			}
		}
		printf "%s: %d statements (%d copies of %d articles, %d statements each)\n",
		       out, copies * NR, copies, ngraphs, NR > "/dev/stderr"
	}' "$tmp/base.nq" > "$out.tmp"
mv "$out.tmp" "$out"
