"""The dlgraph ontology, its namespaces and the W3C vocabularies it builds on.

Exports :func:`ontology` (the ontology as an rdflib Graph, offline from the package),
:func:`bind_prefixes`, the namespaces (``DL``, ``DLSH``, ``PREFIXES``, ...), the bundled
W3C vocabularies (:func:`vocabulary`, :func:`bundled_vocabularies`,
:func:`resolve_import`), and the labelling of terms (:mod:`dlgraph.ontology.labels`).
"""

from __future__ import annotations

from dlgraph.ontology.graphs import (
    ONTOLOGY_FILES,
    OntologyPart,
    bind_prefixes,
    ontology,
    serialize_ontology,
)
from dlgraph.ontology.namespaces import DL, DLSH, ONTOLOGY_IRI, PREFIXES
from dlgraph.ontology.vocab import (
    BundledVocabulary,
    bundled_vocabularies,
    resolve_import,
    vocabulary,
)

__all__ = [
    "DL",
    "DLSH",
    "ONTOLOGY_FILES",
    "ONTOLOGY_IRI",
    "PREFIXES",
    "BundledVocabulary",
    "OntologyPart",
    "bind_prefixes",
    "bundled_vocabularies",
    "ontology",
    "resolve_import",
    "serialize_ontology",
    "vocabulary",
]
