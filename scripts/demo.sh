#!/usr/bin/env bash
# The main job on the embedded default (no server): check the ontology, then load,
# validate, query and convert the bundled case studies. Called by `make demo`.
set -euo pipefail
venv="${1:-.venv}"
dl="$PWD/$venv/bin/dlgraph"
cd "$(dirname "$0")/.."
out="out"
mkdir -p "$out"
say() { printf '\n== %s\n' "$*" >&2; }

say "dlgraph $("$dl" --version | cut -d' ' -f2): ontology quality checks"
"$dl" ontology --check

say "the Swedish case (covid-19, 2020): summary counts"
"$dl" stats examples/sweden-covid-2020

say "validation of the coherent cases (no violation expected)"
"$dl" validate examples/sweden-covid-2020 --format text | tail -n 1
"$dl" validate examples/denmark-icdp --format text | tail -n 1

say "validation of the deliberately incoherent Danish case (violations expected: exit 1)"
set +e
"$dl" validate examples/denmark-icdp-incoherent --lang da
code=$?
set -e
[ "$code" -eq 1 ] || { echo "expected exit 1 from the incoherent case, got $code" >&2; exit 1; }

say "which acts were taken on the actor's own initiative during the crisis?"
"$dl" query examples/sweden-covid-2020 --named own-initiative-acts --format table | head -n 20

say "which organisational rooms connect which units?"
"$dl" query examples/sweden-covid-2020 --named room-connections --format csv > "$out/room-connections.csv"
wc -l < "$out/room-connections.csv" | xargs echo "rows written to $out/room-connections.csv:" >&2

say "the Swedish case as Turtle, with OWL 2 RL inferences kept apart"
"$dl" convert examples/sweden-covid-2020 -o "$out/sweden-covid-2020.ttl" --quiet
"$dl" reason examples/sweden-covid-2020 -o "$out/sweden-covid-2020-inferred.trig" --quiet
"$dl" validate examples/sweden-covid-2020 --format json > "$out/sweden-covid-2020-validation.json"

say "an HTML report of the Swedish case, and the ontology's documentation"
"$dl" report examples/sweden-covid-2020 -o "$out/sweden-covid-2020.html"
"$dl" docs -o "$out/docs"

say "done; outputs in $out/ (open $out/sweden-covid-2020.html in a browser)"
ls -1 "$out" >&2
