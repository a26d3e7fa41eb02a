"""The dlgraph ontology as shipped in the package: base module, alignment and merged."""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

from rdflib import Graph, Namespace

from dlgraph.errors import UnknownNameError
from dlgraph.ontology.namespaces import PREFIXES
from dlgraph.resources import data_file

__all__ = [
    "ONTOLOGY_FILES",
    "SERIALIZATIONS",
    "OntologyPart",
    "bind_prefixes",
    "ontology",
    "serialize_ontology",
]

OntologyPart = Literal["base", "alignment", "merged"]

ONTOLOGY_FILES: dict[str, tuple[str, ...]] = {
    "base": ("dlgraph.ttl",),
    "alignment": ("dlgraph-align.ttl",),
    "merged": ("dlgraph.ttl", "dlgraph-align.ttl"),
}
"""Which source files make up each part; ``merged`` is what validation and reasoning use."""


SERIALIZATIONS: dict[str, str] = {
    "turtle": "turtle",
    "ttl": "turtle",
    "json-ld": "json-ld",
    "jsonld": "json-ld",
    "rdf/xml": "xml",
    "rdfxml": "xml",
    "xml": "xml",
    "n-triples": "nt",
    "ntriples": "nt",
    "nt": "nt",
}
"""Output format names accepted for the ontology, mapped to rdflib serializer names."""


def bind_prefixes(graph: Graph) -> Graph:
    """Bind dlgraph's usual prefixes on ``graph`` and return it."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, Namespace(namespace), override=True, replace=True)
    return graph


@lru_cache(maxsize=4)
def _parsed(part: OntologyPart) -> Graph:
    graph = bind_prefixes(Graph())
    for name in ONTOLOGY_FILES[part]:
        graph.parse(data=data_file("ontology", name).read_text(encoding="utf-8"), format="turtle")
    return graph


def ontology(part: OntologyPart = "merged") -> Graph:
    """A fresh rdflib Graph of the dlgraph ontology, read offline from the package.

    ``base`` is dlgraph's own axioms, ``alignment`` the cross-vocabulary module
    (mappings to national vocabularies and schema.org), ``merged`` both.
    """
    if part not in ONTOLOGY_FILES:
        raise UnknownNameError(
            f"unknown ontology part {part!r}", hint=f"use one of: {', '.join(ONTOLOGY_FILES)}"
        )
    copy = bind_prefixes(Graph())
    for triple in _parsed(part):
        copy.add(triple)
    return copy


def serialize_ontology(part: OntologyPart = "merged", fmt: str = "turtle") -> str:
    """The ontology as text in Turtle, JSON-LD, RDF/XML or N-Triples."""
    rdflib_format = SERIALIZATIONS.get(fmt.lower())
    if rdflib_format is None:
        raise UnknownNameError(
            f"unknown ontology format {fmt!r}",
            hint="use one of: turtle, json-ld, rdf/xml, n-triples",
        )
    graph = ontology(part)
    if rdflib_format == "json-ld":
        context = dict(PREFIXES)
        return graph.serialize(format="json-ld", context=context, auto_compact=True)
    return graph.serialize(format=rdflib_format)
