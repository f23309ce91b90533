#!/bin/bash
# The sqlite store: loading replaces an article's graph and never
# duplicates it; `extract --store` and `load` agree; a bad file is reported
# and the others are loaded; a load killed with SIGKILL half-way leaves
# the store as it was, and the next load completes.
#
# usage: store.sh BUILD_DIR SOURCE_DIR NEWSKG_BINARY
set -u

src=$2
bin=$3
seeds=$src/../shared/corpus/seeds
[ -d "$seeds" ] || { echo "no $seeds: skipped"; exit 77; }

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*" >&2; fail=1; }

count() { # STORE -> number of statements, over all graphs
	"$bin" query -r tsv -s "sqlite:$1" \
		-e 'SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }' | tail -n 1 |
		sed 's/"\([0-9]*\)".*/\1/'
}

"$bin" extract -q -f nquads -o "$tmp/seeds.nq" "$seeds"/*.txt || bad "extract seeds"
quads=$(wc -l < "$tmp/seeds.nq")

# -- reloading never duplicates -------------------------------------------
"$bin" load -q -s "sqlite:$tmp/a.db" "$tmp/seeds.nq" || bad "first load"
n1=$(count "$tmp/a.db")
[ "$n1" = "$quads" ] || bad "store holds $n1 statements, the file $quads"
"$bin" load -q -s "sqlite:$tmp/a.db" "$tmp/seeds.nq" || bad "second load"
"$bin" load -q -s "sqlite:$tmp/a.db" "$tmp/seeds.nq" || bad "third load"
n2=$(count "$tmp/a.db")
[ "$n2" = "$n1" ] || bad "reloading the seeds changed the count: $n1 -> $n2"

# -- newskg's indexes: made with the store, added to one that lacks them --
indexes() { # STORE -> names of newskg's indexes, one line
	/usr/bin/python3 -c 'import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
print(" ".join(sorted(r[0] for r in db.execute(
    "SELECT name FROM sqlite_master WHERE type = ? AND name LIKE ?", ("index", "nkg_%")))))' "$1"
}
want="nkg_blanks_blank nkg_literals_text nkg_triples_bp nkg_triples_c nkg_triples_pl nkg_triples_po nkg_triples_sp"
[ "$(indexes "$tmp/a.db")" = "$want" ] || bad "indexes of a new store: '$(indexes "$tmp/a.db")'"
/usr/bin/python3 -c 'import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for (n,) in db.execute("SELECT name FROM sqlite_master WHERE name LIKE ?", ("nkg_%",)).fetchall():
    db.execute("DROP INDEX " + n)
db.commit()' "$tmp/a.db"
[ "$(count "$tmp/a.db")" = "$n1" ] || bad "count after dropping the indexes"
[ "$(indexes "$tmp/a.db")" = "$want" ] || bad "indexes not added back on open: '$(indexes "$tmp/a.db")'"

# -- extract --store writes the same graphs --------------------------------
"$bin" extract -q --store "sqlite:$tmp/b.db" "$seeds"/*.txt || bad "extract --store"
n3=$(count "$tmp/b.db")
[ "$n3" = "$n1" ] || bad "extract --store: $n3 statements, load: $n1"
"$bin" load -q -s "sqlite:$tmp/b.db" "$tmp/seeds.nq" || bad "load over extract"
n4=$(count "$tmp/b.db")
[ "$n4" = "$n1" ] || bad "load after extract --store duplicated: $n4"

# -- one article's Turtle replaces that article's graph -------------------
one=$(ls "$seeds"/*.txt | head -n 1)
"$bin" extract -q -o "$tmp/one.ttl" "$one" || bad "extract one"
"$bin" load -q -s "sqlite:$tmp/a.db" "$tmp/one.ttl" || bad "load one.ttl"
n5=$(count "$tmp/a.db")
[ "$n5" = "$n1" ] || bad "one article's Turtle added a graph: $n1 -> $n5"

# -- a bad file is reported; the good ones are loaded ----------------------
printf '<http://e/a> <http://e/p> <http://e/b> <http://e/g> .\n<http://e/c> <http://e/p> "x <http://e/g> .\n' > "$tmp/broken.nq"
printf '<http://e/a> <http://e/p> <http://e/b> <http://e/g2> .\n' > "$tmp/good.nq"
"$bin" load -s "sqlite:$tmp/c.db" "$tmp/broken.nq" "$tmp/good.nq" 2> "$tmp/err"
rc=$?
[ $rc = 1 ] || bad "load with a broken file: exit $rc, expected 1"
grep -q "broken.nq:2" "$tmp/err" || bad "no file:line in: $(cat "$tmp/err")"
[ "$(count "$tmp/c.db")" = 1 ] || bad "broken file: expected only good.nq's statement"

# -- SIGKILL during a load ---------------------------------------------------
# 60 renamed copies of the seeds: a load of some seconds.
for i in $(seq 1 60); do
	sed "s|/id/\([a-z]*\)/|/id/\1/c$i-|g" "$tmp/seeds.nq"
done > "$tmp/big.nq"
big=$(wc -l < "$tmp/big.nq")
"$bin" load -q -s "sqlite:$tmp/a.db" "$tmp/big.nq" &
pid=$!
# Wait until the transaction is writing (SQLite's journal exists).
for _ in $(seq 1 200); do
	[ -e "$tmp/a.db-journal" ] && break
	sleep 0.05
done
sleep 0.5
if kill -0 $pid 2>/dev/null; then
	kill -9 $pid
	wait $pid 2>/dev/null
	n6=$(count "$tmp/a.db")
	[ "$n6" = "$n1" ] || bad "after SIGKILL the store holds $n6, expected $n1"
else
	bad "the load finished before it could be killed; make big.nq bigger"
fi
"$bin" load -q -s "sqlite:$tmp/a.db" "$tmp/big.nq" || bad "load after the kill"
n7=$(count "$tmp/a.db")
[ "$n7" = $((n1 + big)) ] || bad "after the kill and a full load: $n7, expected $((n1 + big))"

[ $fail = 0 ] && echo "ok: $n1 statements, stable over reloads; kill left $n1; then $n7"
exit $fail
