#!/usr/bin/env bash
# Installs what newskg needs to build and test, from Debian packages, and
# only what is missing (apt-get update runs once, and only when needed).
# With --fuzz, also clang and its libFuzzer runtime for the fuzz targets
# (fuzz/, README "Fuzzing"; CI runs them).
#   usage: tools/setup.sh [--fuzz]
set -euo pipefail
pkgs=(build-essential cmake pkg-config librdf0-dev librdf-storage-sqlite libsqlite3-dev libraptor2-dev librasqal3-dev
      libicu-dev libcurl4-gnutls-dev raptor2-utils python3-rdflib graphviz
      curl virtuoso-opensource)
# The interoperability tests run independent RDF tools from npm; the
# machine image may bring its own Node.js, which Debian's must not replace.
command -v npm >/dev/null 2>&1 || pkgs+=(nodejs npm)
[ "${1:-}" = --fuzz ] && pkgs+=(clang libclang-rt-14-dev)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi
