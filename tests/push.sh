#!/bin/bash
# newskg push against a Graph Store server written for the test
# (tests/lib/gsp_server.py): what goes over the wire, what a refusal looks
# like, when push stops and when it goes on.  The real server is in
# tests/virtuoso.sh.
#
# usage: push.sh BUILD_DIR SOURCE_DIR NEWSKG_BINARY
set -u

src=$2
bin=$3
fail=0
bad() { echo "FAIL: $*" >&2; fail=1; }
tmp=$(mktemp -d) || exit 1
server=
trap '[ -n "$server" ] && kill $server 2>/dev/null; rm -rf "$tmp"' EXIT

python3 "$src/tests/lib/gsp_server.py" "$tmp/port" "$tmp/log" &
server=$!
for _ in $(seq 1 50); do [ -s "$tmp/port" ] && break; sleep 0.1; done
[ -s "$tmp/port" ] || { echo "FAIL: the test server did not start" >&2; exit 1; }
url="http://127.0.0.1:$(cat "$tmp/port")"

# Three graphs; one IRI needs escaping in a query string; one graph is
# refused by the server (its IRI says "refuse").
cat > "$tmp/data.nq" <<'NQ'
<https://ex.org/a> <https://ex.org/p> "أ" <https://ex.org/g1> .
<https://ex.org/a> <https://ex.org/p> "b\nc"@ar <https://ex.org/g1> .
_:x <https://ex.org/p> "blank" <https://ex.org/g1> .
<https://ex.org/b> <https://ex.org/p> <https://ex.org/a> <https://ex.org/g?x=1&y=%41#f> .
<https://ex.org/a> <https://ex.org/p> "أ" <https://ex.org/g?x=1&y=%41#f> .
<https://ex.org/c> <https://ex.org/p> "c" <https://ex.org/refuse-me> .
NQ
grep -v refuse "$tmp/data.nq" > "$tmp/good.nq"

# run NAME EXPECTED_EXIT ARGS...: runs push, keeps stderr in $tmp/NAME.err
# and the requests it made in $tmp/NAME.log.
run() {
	local name=$1 want=$2 rc
	shift 2
	: > "$tmp/log"
	"$bin" push "$@" > "$tmp/$name.out" 2> "$tmp/$name.err"
	rc=$?
	cp "$tmp/log" "$tmp/$name.log"
	[ $rc = "$want" ] || bad "$name: exit $rc, not $want: $(cat "$tmp/$name.err")"
}
field() { python3 -c 'import json,sys; [print(json.loads(l).get(sys.argv[1])) for l in open(sys.argv[2])]' "$@" 2> /dev/null; }

# One PUT per graph, in IRI order, N-Triples, no Expect round trip.
run ok 0 -e "$url/store" "$tmp/good.nq"
[ "$(field graph "$tmp/ok.log")" = "https://ex.org/g1
https://ex.org/g?x=1&y=%41#f" ] || bad "graphs sent: $(field graph "$tmp/ok.log")"
[ "$(field type "$tmp/ok.log" | sort -u)" = application/n-triples ] || bad "content type: $(field type "$tmp/ok.log")"
[ "$(field expect "$tmp/ok.log" | sort -u)" = None ] || bad "Expect: 100-continue was sent"
grep -q 'pushed 2 graphs (5 statements' "$tmp/ok.err" || bad "summary: $(cat "$tmp/ok.err")"
# What the server got is the graph: the same RDF (isomorphic, by rdflib)
# as the file's graph g1, literals unchanged.
curl -s "$url/dump?graph=https%3A%2F%2Fex.org%2Fg1" > "$tmp/g1.nt"
/usr/bin/python3 - "$tmp/g1.nt" "$tmp/good.nq" <<'PY' || bad "the server's g1 is not the file's g1: $(cat "$tmp/g1.nt")"
import sys
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic
got = Graph().parse(sys.argv[1], format="nt")
ds = Dataset()
ds.parse(sys.argv[2], format="nquads")
want = Graph()
for t in ds.graph(URIRef("https://ex.org/g1")):
    want.add(t)
sys.exit(0 if len(got) == 3 and isomorphic(got, want) else 1)
PY

# A refused graph: its status and the server's message, on one line, with
# the markup gone; the other graphs are still sent.
run refused 1 -e "$url/store" "$tmp/data.nq"
[ "$(wc -l < "$tmp/refused.log")" = 3 ] || bad "after a 400, the other graphs must still go"
grep -qxF "newskg: $url/store: graph <https://ex.org/refuse-me>: HTTP 400: Bad Request line 3: غير مقبول" \
	"$tmp/refused.err" || bad "refusal message: $(cat "$tmp/refused.err")"
grep -q 'pushed 2 graphs .*; 1 not accepted' "$tmp/refused.err" || bad "refused summary: $(cat "$tmp/refused.err")"

# An endpoint with its own query string keeps it.
run query 0 -e "$url/store?x=1" "$tmp/good.nq"
[ "$(field query "$tmp/query.log" | head -n 1)" = "x=1&graph=https%3A%2F%2Fex.org%2Fg1" ] ||
	bad "query string: $(field query "$tmp/query.log")"

# Authentication: a 401 stops at once and says what to do; --user and
# NEWSKG_USER both work.
run noauth 1 -e "$url/auth" -j 4 "$tmp/good.nq"
[ "$(wc -l < "$tmp/noauth.log")" = 1 ] || bad "a 401 must stop at the first graph, even with -j 4"
grep -q 'HTTP 401 (the server wants a user: --user or NEWSKG_USER)' "$tmp/noauth.err" ||
	bad "401 message: $(cat "$tmp/noauth.err")"
run wrongauth 1 -e "$url/auth" -u u:x "$tmp/good.nq"
grep -q 'HTTP 401 (the user or password is wrong)' "$tmp/wrongauth.err" || bad "wrong password message: $(cat "$tmp/wrongauth.err")"
run auth 0 -e "$url/auth" --user u:p "$tmp/good.nq"
NEWSKG_USER=u:p run envauth 0 -e "$url/auth" "$tmp/good.nq"

# Not a Graph Store endpoint: stops at once.
run missing 1 -e "$url/missing" "$tmp/good.nq"
[ "$(wc -l < "$tmp/missing.log")" = 1 ] || bad "a 404 must stop at the first graph"
grep -qF "HTTP 404: Not Found Not Found No such endpoint (is this the server's Graph Store endpoint?)" \
	"$tmp/missing.err" || bad "404 message: $(cat "$tmp/missing.err")"

# Nobody listening, and a server slower than --timeout: network errors.
run refusedconn 1 -e "http://127.0.0.1:1/store" "$tmp/good.nq"
grep -q "^newskg: http://127.0.0.1:1/store: graph <https://ex.org/g1>: .*onnect" "$tmp/refusedconn.err" ||
	bad "connection refused message: $(cat "$tmp/refusedconn.err")"
[ "$(grep -c 'graph <' "$tmp/refusedconn.err")" = 1 ] || bad "a network error must stop at the first graph"
run slow 1 -e "$url/slow" --timeout 1 "$tmp/good.nq"
grep -qi 'timed out' "$tmp/slow.err" || bad "timeout message: $(cat "$tmp/slow.err")"

# Refusals that say "not now" (500, 503, ...) are sent again, up to 4
# times, a little later each time; PUT is idempotent.
run flaky 0 -e "$url/flaky" -j 4 "$tmp/good.nq"
[ "$(wc -l < "$tmp/flaky.log")" = 4 ] || bad "flaky: $(wc -l < "$tmp/flaky.log") requests, not 2 per graph"
grep -q 'pushed 2 graphs.* 2 requests sent again' "$tmp/flaky.err" || bad "flaky summary: $(cat "$tmp/flaky.err")"
run busy 1 -e "$url/busy" -j 1 "$tmp/good.nq"
[ "$(wc -l < "$tmp/busy.log")" = 8 ] || bad "busy: $(wc -l < "$tmp/busy.log") requests, not 4 per graph"
[ "$(grep -c 'HTTP 503: try later (4 tries)' "$tmp/busy.err")" = 2 ] || bad "busy messages: $(cat "$tmp/busy.err")"

# -j 4 sends the same graphs as one at a time (the order may differ).
run parallel 0 -e "$url/store" -j 4 "$tmp/good.nq"
[ "$(field graph "$tmp/parallel.log" | sort)" = "$(field graph "$tmp/ok.log" | sort)" ] || bad "-j 4 sent other graphs"

# --graph: the merge, each triple once, in one PUT.
run merged 0 -e "$url/store" --graph urn:x:all "$tmp/good.nq"
[ "$(field graph "$tmp/merged.log")" = urn:x:all ] || bad "--graph sent: $(field graph "$tmp/merged.log")"
grep -q 'pushed 1 graphs (4 statements' "$tmp/merged.err" || bad "merge is not 4 distinct triples: $(cat "$tmp/merged.err")"

# A body over 1 MB: curl would ask "Expect: 100-continue" and wait for
# the server's go-ahead on every such graph; push must not.
python3 -c 'import sys
for i in range(20000): print(f"<https://ex.org/s{i}> <https://ex.org/p> \"{i:060d}\" <https://ex.org/big> .")' > "$tmp/big.nq"
run big 0 -e "$url/store" "$tmp/big.nq"
[ "$(field expect "$tmp/big.log")" = None ] || bad "a large graph was sent with Expect: $(field expect "$tmp/big.log")"
[ "$(field bytes "$tmp/big.log")" -gt 1048576 ] || bad "the large graph is not over 1 MB"

# A bad file among good ones: reported with its position, the rest pushed.
printf '<https://ex.org/a> <https://ex.org/p> "x" <https://ex.org/g9> .\n<oops\n' > "$tmp/broken.nq"
run badfile 1 -e "$url/store" "$tmp/broken.nq" "$tmp/good.nq"
grep -q "broken.nq:2" "$tmp/badfile.err" || bad "bad file message: $(cat "$tmp/badfile.err")"
[ "$(wc -l < "$tmp/badfile.log")" = 2 ] || bad "the good file's graphs must still go"

# From a store instead of files.
"$bin" load -q --store "sqlite:$tmp/s.db" "$tmp/good.nq" || bad "load into sqlite"
run store 0 -e "$url/store" --store "sqlite:$tmp/s.db"
[ "$(field graph "$tmp/store.log")" = "$(field graph "$tmp/ok.log")" ] || bad "--store pushed other graphs"

# Usage errors: exit 2, nothing sent.
run u1 2 "$tmp/good.nq"
run u2 2 -e ftp://x/y "$tmp/good.nq"
run u3 2 -e "$url/store"
run u4 2 -e "$url/store" --store "sqlite:$tmp/s.db" "$tmp/good.nq"
run u5 2 -e "$url/store" --timeout soon "$tmp/good.nq"
run u6 2 -e "$url/store" --graph= "$tmp/good.nq"
run u7 2 -e "$url/store" -j 0 "$tmp/good.nq"
for u in u1 u2 u3 u4 u5 u6 u7; do
	[ -s "$tmp/$u.log" ] && bad "$u sent a request"
	[ "$(wc -l < "$tmp/$u.err")" = 1 ] || bad "$u: not one line: $(cat "$tmp/$u.err")"
done
"$bin" push --help | grep -q -- '--endpoint URL' || bad "push --help"

[ $fail = 0 ] && echo "ok: newskg push"
exit $fail
