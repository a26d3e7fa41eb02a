"""The one bridge between rdflib and pyoxigraph (Oxigraph's Python binding).

Everything that crosses between the two goes through here: terms (:mod:`.terms`), copies
of graphs into stores and back (:mod:`.copy`), Oxigraph's parser with dlgraph's limits
(:mod:`.reader`), an rdflib Dataset whose triples live in an Oxigraph store
(:mod:`.dataset`), and Oxigraph's errors as dlgraph's (:mod:`.errors`).
"""

from __future__ import annotations

from dlgraph.oxigraph.copy import copy_to_oxigraph, quads_of, to_dataset
from dlgraph.oxigraph.dataset import OxigraphBacking, oxigraph_backing, oxigraph_dataset
from dlgraph.oxigraph.reader import OXIGRAPH_FORMATS, FileQuads, load_file, parse_text
from dlgraph.oxigraph.terms import from_ox, to_ox, to_ox_graph_name

__all__ = [
    "OXIGRAPH_FORMATS",
    "FileQuads",
    "OxigraphBacking",
    "copy_to_oxigraph",
    "from_ox",
    "load_file",
    "oxigraph_backing",
    "oxigraph_dataset",
    "parse_text",
    "quads_of",
    "to_dataset",
    "to_ox",
    "to_ox_graph_name",
]
