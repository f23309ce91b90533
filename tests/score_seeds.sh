#!/usr/bin/env bash
# The gold seeds (../shared/corpus/seeds), scored by ../shared/eval/score.py
# with rdflib: micro-F1 >= 0.90 and every relation >= 0.85.  The dev corpus
# is scored and printed too, without a threshold (its target comes later).
set -u
build=$1 src=$2 bin=$3
shared="$src/../shared"
if [ ! -d "$shared/corpus/seeds" ] || [ ! -f "$shared/eval/score.py" ]; then
  echo "skip: $shared is absent (a user's clone); CI always has it"
  exit 77
fi
if ! /usr/bin/python3 -c 'import rdflib' 2>/dev/null; then
  [ "$(id -u)" -eq 0 ] && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-rdflib >/dev/null
fi
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
mkdir -p "$work/build"; ln -s "$bin" "$work/build/newskg"; ln -s "$src/ontology" "$work/ontology"
/usr/bin/python3 "$shared/eval/score.py" "$shared/corpus/dev" --checkout "$work" || true
/usr/bin/python3 "$shared/eval/score.py" "$shared/corpus/seeds" --checkout "$work" --json > "$work/seeds.json" || exit 1
/usr/bin/python3 - "$work/seeds.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
ok = r['errors'] == 0 and r['micro']['f1'] >= 0.90
for rel, v in sorted(r['relations'].items()):
    print(f"seeds {rel:8s} F1 {v['f1']:.3f}")
    ok = ok and v['f1'] >= 0.85
print(f"seeds micro-F1 {r['micro']['f1']:.3f} (need >= 0.90, each relation >= 0.85)")
sys.exit(0 if ok else 1)
PY
