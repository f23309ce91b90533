#!/bin/bash
# Output files under faults: whatever stops a write (a full device, a file
# size limit, a full file system, a signal), newskg extract -o exits 1 with
# one line naming the file and the reason, leaves no temporary file, and an
# existing output stays as it was.  Complements cli_errors.sh (which covers
# Turtle on /dev/full and the file size limit once): here every format,
# paths that cannot be files, symbolic links, signals, and a real full file
# system (a 64 KiB tmpfs, in a private mount namespace, where allowed).
# Usage: output_safety.sh BUILD_DIR SOURCE_DIR NEWSKG_BINARY
set -u

NKG=${3:?usage: output_safety.sh BUILD_DIR SOURCE_DIR NEWSKG_BINARY}
export NEWSKG_DATA_DIR=${NEWSKG_DATA_DIR:-${2:?}/ontology}
T=$(mktemp -d "${TMPDIR:-/tmp}/nkg-output-safety.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
ok() { echo "ok: $*"; }
formats="turtle ntriples nquads rdfxml json dot"

# temps DIR: temporary files newskg left in DIR.
temps() { find "$1" -maxdepth 1 -name '.*.??????' | wc -l; }

# Input written for this test: 400 articles (output of ~1 MB).
S1='اتهمت الولايات المتحدة روسيا بشن هجوم إلكتروني على شركة مايكروسوفت.'
for i in $(seq 1 400); do printf '{"id":"a%d","text":"%s"}\n' "$i" "$S1"; done >"$T/many.jsonl"

# 1. /dev/full in every format: the write fails and says so.
for f in $formats; do
	"$NKG" extract -f "$f" -o /dev/full "$T/many.jsonl" >"$T/out" 2>"$T/err"
	rc=$?
	if [ $rc -eq 1 ] && grep -q "No space left on device" "$T/err" && [ "$(wc -l <"$T/err")" -eq 1 ]; then
		ok "-f $f -o /dev/full"
	else
		fail "-f $f -o /dev/full: exit $rc: $(head -2 "$T/err")"
	fi
done

# 2. A file size limit (EFBIG: no byte may be written) in every format:
# the existing file kept.
for f in $formats; do
	echo "previous content" >"$T/keep.out"
	( trap '' XFSZ; ulimit -f 0; "$NKG" extract -f "$f" -o "$T/keep.out" "$T/many.jsonl" >/dev/null 2>"$T/err" )
	rc=$?
	if [ $rc -ne 1 ]; then
		fail "-f $f under ulimit -f: exit $rc"
	elif [ "$(cat "$T/keep.out")" != "previous content" ]; then
		fail "-f $f under ulimit -f: the existing output changed"
	elif [ "$(temps "$T")" -ne 0 ]; then
		fail "-f $f under ulimit -f: a temporary file was left"
	else
		ok "-f $f: a write cut by a size limit keeps the old file"
	fi
done

# 3. Paths that cannot be written: a directory, a path through a file.
mkdir "$T/adir"
"$NKG" extract -o "$T/adir" "$T/many.jsonl" >/dev/null 2>"$T/err"
[ $? -eq 1 ] && grep -q "^newskg: cannot write '$T/adir': Is a directory$" "$T/err" &&
	[ "$(temps "$T/adir")" -eq 0 ] && ok "-o a directory" || fail "-o a directory: $(cat "$T/err")"
echo x >"$T/afile"
"$NKG" extract -o "$T/afile/out.ttl" "$T/many.jsonl" >/dev/null 2>"$T/err"
[ $? -eq 1 ] && grep -q "afile/out.ttl.*Not a directory" "$T/err" && [ "$(cat "$T/afile")" = x ] &&
	ok "-o through a file" || fail "-o through a file: $(cat "$T/err")"

# 4. A symbolic link: the file it points to is replaced, the link kept.
echo old >"$T/real.ttl"
ln -s real.ttl "$T/link.ttl"
if "$NKG" extract -o "$T/link.ttl" "$T/many.jsonl" 2>"$T/err" && [ -L "$T/link.ttl" ] &&
	grep -q nkg:Article "$T/real.ttl" && [ "$(temps "$T")" -eq 0 ]; then
	ok "-o a symbolic link: its target replaced, the link kept"
else
	fail "-o a symbolic link: $(cat "$T/err")"
fi

# 5. Signals while the graph is being made: SIGTERM and SIGINT remove the
# temporary file; SIGKILL cannot, but the old output still stands.  The
# articles come through a pipe that stays open, so the run is surely
# still going (waiting for more) when the signal comes, however fast it is.
for i in $(seq 1 300); do printf '{"id":"b%d","text":"%s"}\n' "$i" "$S1"; done >"$T/big.jsonl"
mkfifo "$T/in.fifo"
for sig in TERM INT HUP KILL; do
	echo "previous content" >"$T/sig.ttl"
	(cat "$T/big.jsonl"; exec sleep 60) >"$T/in.fifo" &
	feeder=$!
	"$NKG" extract -o "$T/sig.ttl" - <"$T/in.fifo" 2>/dev/null &
	pid=$!
	for _ in $(seq 1 100); do [ "$(temps "$T")" -ne 0 ] && break; sleep 0.02; done
	sleep 0.2
	if ! kill -0 $pid 2>/dev/null; then
		fail "SIG$sig: the run ended before the signal"
		kill $feeder 2>/dev/null
		continue
	fi
	kill -s "$sig" $pid
	wait $pid 2>/dev/null
	kill $feeder 2>/dev/null
	wait $feeder 2>/dev/null
	left=$(temps "$T")
	if [ "$(cat "$T/sig.ttl")" != "previous content" ]; then
		fail "SIG$sig: the existing output changed"
	elif [ "$sig" != KILL ] && [ "$left" -ne 0 ]; then
		fail "SIG$sig: a temporary file was left"
	else
		[ "$sig" = KILL ] && [ "$left" -ne 0 ] && note=" (SIGKILL leaves its temporary file: nothing can remove it)" || note=
		ok "SIG$sig mid-run: the old output stands$note"
	fi
	find "$T" -maxdepth 1 -name '.sig.ttl.??????' -delete
done

# 6. A real full file system: a 64 KiB tmpfs, mounted in a private mount
# namespace (it vanishes with the test), as root or in a user namespace.
fs_test='
	d=$1; nkg=$2; in=$3
	mount -t tmpfs -o size=64k tmpfs "$d" 2>/dev/null || exit 77
	echo "previous content" >"$d/out.ttl"
	"$nkg" extract -o "$d/out.ttl" "$in" >/dev/null 2>"$d.err"
	echo "rc=$? content=$(cat "$d/out.ttl") temps=$(find "$d" -name ".out.ttl.*" | wc -l)"'
mkdir "$T/small"
res=
for how in "unshare -m" "unshare -rm"; do
	res=$($how sh -c "$fs_test" sh "$T/small" "$NKG" "$T/many.jsonl" 2>/dev/null) && break
	res=
done
if [ -z "$res" ]; then
	echo "skipped: no small file system can be mounted here (unshare/mount not allowed)"
elif [ "$res" = "rc=1 content=previous content temps=0" ] &&
	grep -q "^newskg: cannot write '$T/small/out.ttl': No space left on device$" "$T/small.err"; then
	ok "a full file system: exit 1, the old file kept, no temporary file"
else
	fail "a full file system: $res: $(cat "$T/small.err")"
fi

if [ "$failures" -ne 0 ]; then
	echo "$failures check(s) failed"
	exit 1
fi
echo "all output safety checks passed"
