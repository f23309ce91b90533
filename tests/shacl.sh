#!/usr/bin/env bash
# SHACL-valid output (issue 5): the graph newskg writes for every gold article
# (../shared/corpus/seeds and dev), the example articles and the stdin / JSON Lines
# corner cases conforms to ontology/shapes.ttl, checked by an engine that shares no
# code with newskg: rdf-validate-shacl from npm (tools/node/shacl/, installed into
# BUILD_DIR/node-shacl with `npm ci`, reused while package-lock.json is unchanged).
#
# Then the shapes are tested as data: every tests/data/shacl/*.ttl is a small graph
# with `# expect: SUBSTRING` lines at its top. ok-*.ttl must conform (exit 0), every
# other file is broken on purpose and must fail (exit 1, as validated alone). Each expected substring must
# occur in an output line, and each Violation line must match one of them, so a broken
# graph breaks exactly what it says. A parse error must give exit 2.
#
# Without npm the test fails (tools/setup.sh installs it); without ../shared it runs
# everything else and then reports itself skipped (77).
set -u
build=$1 src=$2 bin=$3
pkg="$src/tools/node/shacl"
shapes="$src/ontology/shapes.ttl"
inst="$build/node-shacl"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
fail=0
t0=$(date +%s)

for tool in node npm; do
	command -v "$tool" >/dev/null 2>&1 || {
		echo "FAIL: $tool not found; the SHACL check needs Node.js and npm (run tools/setup.sh)"
		exit 1
	}
done

# ---- install the validator (once per package-lock.json)
if [ -d "$inst/node_modules" ] && cmp -s "$pkg/package-lock.json" "$inst/.installed-lock"; then
	echo "validator: reusing $inst"
else
	rm -rf "$inst"; mkdir -p "$inst"
	cp "$pkg/package.json" "$pkg/package-lock.json" "$inst/"
	# --ignore-scripts: nothing in this tree needs an install script; none may run.
	if ! (cd "$inst" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) > "$work/npm.log" 2>&1; then
		echo "FAIL: npm ci in $inst failed:"; cat "$work/npm.log"
		exit 1
	fi
	cp "$pkg/package-lock.json" "$inst/.installed-lock"
	echo "validator: installed into $inst ($(( $(date +%s) - t0 )) s)"
fi
# The script lives beside its node_modules so that its imports resolve.
cp "$pkg/validate.mjs" "$inst/validate.mjs"
validate() { node "$inst/validate.mjs" "$@"; }

# ---- the validator can fail: usage and parse errors are exit 2
validate > /dev/null 2>&1; rc=$?
[ $rc -eq 2 ] || { echo "FAIL: validate.mjs without arguments: exit $rc, want 2"; fail=1; }
printf '@prefix : <x#> .\n:a :b .\n:broken\n' > "$work/garbage.ttl"
validate "$shapes" "$work/garbage.ttl" > /dev/null 2>&1; rc=$?
[ $rc -eq 2 ] || { echo "FAIL: validate.mjs on a Turtle syntax error: exit $rc, want 2"; fail=1; }

# ---- newskg's output conforms
inputs=("$src/examples/articles")
have_shared=0
if [ -d "$src/../shared/corpus/seeds" ]; then
	have_shared=1
	inputs+=("$src"/../shared/corpus/seeds/*.txt "$src"/../shared/corpus/dev/*.txt)
fi
"$bin" extract -q -f nquads -o "$work/out.nq" "${inputs[@]}" \
	|| { echo "FAIL: newskg extract on ${inputs[*]}"; exit 1; }
# Corner cases of the Article node: an article from stdin (file "-"), a JSON Lines
# record with nothing but text (no title, no url, no date). Sentences written here.
sentence='اتهمت هولندا روسيا بالوقوف وراء الهجوم الإلكتروني على وزارة الخارجية.'
printf '%s\n' "$sentence" | "$bin" extract -q -f nquads -o "$work/stdin.nq" \
	|| { echo "FAIL: newskg extract from stdin"; exit 1; }
printf '{"text":"%s"}\n' "$sentence" > "$work/bare.jsonl"
"$bin" extract -q -f nquads -o "$work/bare.nq" "$work/bare.jsonl" \
	|| { echo "FAIL: newskg extract on a bare JSON Lines record"; exit 1; }

# The check proves something only if the output has what the shapes are about.
for class in Accusation Denial Incident Article State; do
	grep -q "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/newskg/ontology#$class>" "$work/out.nq" \
		|| { echo "FAIL: no nkg:$class in the output: the SHACL check would prove nothing"; fail=1; }
done
statements=$(grep -c '#type> <https://w3id.org/newskg/ontology#\(Accusation\|Denial\)>' "$work/out.nq")

validate --each-graph "$shapes" "$work/out.nq" "$work/stdin.nq" "$work/bare.nq" > "$work/report" 2> "$work/summary"; rc=$?
if [ $rc -ne 0 ]; then
	echo "FAIL: newskg output does not conform to ontology/shapes.ttl (exit $rc):"
	grep -v '^Warning' "$work/report"; cat "$work/summary"
	fail=1
else
	echo "ok: output of ${#inputs[@]} input(s) (+ stdin, bare JSON Lines), $statements statement nodes, conforms: $(cat "$work/summary")"
	# Warnings are known gaps (see ontology/shapes.ttl), shown, not failed.
	echo "  warnings (nodes, shape, message):"
	grep '^Warning' "$work/report" | sed 's/.* shape=\([^ ]*\) .*message=\(".*"\).*/\1 \2/' | sort | uniq -c | sed 's/^/  /'
fi

# ---- the shapes as data: broken graphs fail with the violations they announce
# All graphs in one node process (--each-file: each file validated alone, its own exit
# status on stderr), since node's start-up costs more than a small graph's validation.
validate --each-file "$shapes" "$src"/tests/data/shacl/*.ttl > "$work/data.out" 2> "$work/data.err"
n=0
for f in "$src"/tests/data/shacl/*.ttl; do
	name=$(basename "$f" .ttl); n=$((n + 1))
	o="$work/data-$name"
	grep " file=$name\.ttl\$" "$work/data.out" | sed 's/ file=[^ ]*$//' > "$o.out"
	rc=$(sed -n "s/^validate\.mjs: $name\.ttl: exit \([0-9]*\) .*/\1/p" "$work/data.err")
	case $name in ok-*) want=0 ;; *) want=1 ;; esac
	if [ "$rc" != $want ]; then
		echo "FAIL: $name: exit ${rc:-none}, want $want"; cat "$o.out" "$work/data.err"; fail=1; continue
	fi
	sed -n 's/^# expect: //p' "$f" > "$work/expects"
	[ $want -eq 0 ] || [ -s "$work/expects" ] || { echo "FAIL: $name: no '# expect:' line"; fail=1; }
	while IFS= read -r e; do
		grep -qF -- "$e" "$o.out" || { echo "FAIL: $name: no result line contains: $e"; fail=1; }
	done < "$work/expects"
	grep '^Violation' "$o.out" | while IFS= read -r line; do
		hit=0
		while IFS= read -r e; do case $line in *"$e"*) hit=1; break ;; esac; done < "$work/expects"
		[ $hit -eq 1 ] || echo "$line"
	done > "$work/unexpected"
	if [ -s "$work/unexpected" ]; then
		echo "FAIL: $name: violations no '# expect:' line announces:"; cat "$work/unexpected"; fail=1
	fi
done
[ $n -ge 10 ] || { echo "FAIL: only $n graphs in tests/data/shacl"; fail=1; }
# And the plain exit status, one file alone, both ways.
validate "$shapes" "$src/tests/data/shacl/ok-minimal.ttl" > /dev/null 2>&1; rc=$?
[ $rc -eq 0 ] || { echo "FAIL: ok-minimal.ttl alone: exit $rc, want 0"; fail=1; }
validate "$shapes" "$src/tests/data/shacl/accusation-without-accused.ttl" > /dev/null 2>&1; rc=$?
[ $rc -eq 1 ] || { echo "FAIL: accusation-without-accused.ttl alone: exit $rc, want 1"; fail=1; }
echo "shapes as data: $n graphs checked"

echo "time: $(( $(date +%s) - t0 )) s"
[ $fail -eq 0 ] || exit 1
if [ $have_shared -eq 0 ]; then
	echo "skipped the gold articles: ../shared/corpus is absent"
	exit 77
fi
echo "ok"
