#!/usr/bin/env bash
# The main job on the embedded default (no server): check the ontology, then run dlgraph
# over the bundled examples. Called by `make demo` after set-up.
set -euo pipefail
venv="${1:-.venv}"
dl="$venv/bin/dlgraph"
cd "$(dirname "$0")/.."
out="out"
mkdir -p "$out"
echo "== dlgraph $("$dl" --version | cut -d' ' -f2): ontology quality checks" >&2
"$dl" ontology --check
"$dl" ontology --format json-ld -o "$out/dlgraph.jsonld"
echo "== done; outputs in $out/" >&2
