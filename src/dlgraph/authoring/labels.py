"""Built-in names by their labels: a role, act kind, value, risk, challenge or resource
kind may be written by its English, Swedish or Danish label from the ontology
(``förstelärare``, ``rektor``, ``vejleder``, ``tillit``), in any case, as well as by its
short name. The context maps each short name to its concept; the ontology labels it."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from rdflib import Graph, URIRef
from rdflib.namespace import RDFS, SKOS

from dlgraph.authoring.format import VOCABULARY, case_context
from dlgraph.ontology.graphs import ontology
from dlgraph.ontology.namespaces import PREFIXES

__all__ = ["LABELLED", "labels_of", "resolve"]

LABELLED = ("role", "act-kind", "value", "risk", "challenge", "resource-kind")
"""The categories of built-in names that may be written by a label."""

_LABEL_PROPERTIES = (RDFS.label, SKOS.prefLabel, SKOS.altLabel)


def _iri(term: str) -> URIRef:
    prefix, _, local = term.partition(":")
    return URIRef(str(PREFIXES[prefix]) + local) if prefix in PREFIXES else URIRef(term)


@cache
def labels_of(category: str) -> dict[str, str]:
    """The labels of a category's built-in names, case-folded, each to its short name.

    Empty for a category whose names are not written by labels; a label two names share
    is left out (it would not say which).
    """
    if category not in LABELLED:
        return {}
    graph: Graph = ontology("base")
    context = case_context()
    found: dict[str, set[str]] = {}
    for name in VOCABULARY[category]:
        term = context.get(name)
        iri = term.get("@id") if isinstance(term, dict) else term
        if not isinstance(iri, str):
            continue
        for prop in _LABEL_PROPERTIES:
            for label in graph.objects(_iri(iri), prop):
                found.setdefault(" ".join(str(label).split()).casefold(), set()).add(name)
    return {label: next(iter(names)) for label, names in found.items() if len(names) == 1}


def resolve(text: str, categories: Iterable[str]) -> str | None:
    """The short name ``text`` stands for in ``categories``: the name in another case, or
    a label in en, sv or da; None when it is neither."""
    wanted = " ".join(text.split()).casefold()
    for category in categories:
        for name in VOCABULARY[category]:
            if name.casefold() == wanted:
                return name
    for category in categories:
        labelled = labels_of(category).get(wanted)
        if labelled is not None:
            return labelled
    return None
