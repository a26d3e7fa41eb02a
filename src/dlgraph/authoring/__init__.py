"""The researcher case format and the data written for it.

``format`` describes the format (sections, keys, value types, built-in names) and derives
its JSON Schema; ``case`` reads and checks case files (YAML with CSV lists) into RDF and
JSON-LD, worded by ``messages``, reading CSV files as spreadsheets save them with
``tables``, a whole case as one workbook with ``book`` and built-in names by their
labels with ``labels``; ``starter`` writes the
starter case of ``dlgraph new``;
``synth`` generates synthetic school systems with known findings. The reading and the
starter are exported here for the rest of dlgraph.
"""

from __future__ import annotations

from dlgraph.authoring.case import (
    case_language,
    case_problems,
    case_to_graph,
    case_to_jsonld,
    load_case,
    load_case_text,
    load_placed_case,
)
from dlgraph.authoring.starter import new_case

__all__ = [
    "case_language",
    "case_problems",
    "case_to_graph",
    "case_to_jsonld",
    "load_case",
    "load_case_text",
    "load_placed_case",
    "new_case",
]
