"""The ontology terms a researcher codes, as a tree of codes with stable GUIDs.

The tree follows the ontology (``rdfs:subClassOf``, ``rdfs:subPropertyOf``,
``skos:broader``, ``skos:topConceptOf`` and the members of a class); a term's GUID is a
UUID 5 of its IRI, so the same term has the same GUID in every export and language.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from dlgraph.ontology import DL, ontology
from dlgraph.ontology.labels import LANGUAGES

__all__ = ["ROOTS", "Term", "code_terms", "term_guid", "terms_by_guid"]

ROOTS: tuple[URIRef, ...] = (
    DL.ActKindScheme,
    DL.LeadershipAct,
    DL.RoleScheme,
    DL.Mandate,
    DL.OrganisationalRoom,
    DL.Aim,
    DL.Risk,
    DL.Challenge,
    DL.Situation,
    DL.TrustRelation,
    DL.Advice,
)
"""The tops of the codebook, in its order; a top the ontology lacks is left out."""

_PARTS: dict[URIRef, tuple[URIRef, ...]] = {
    DL.Mandate: (DL.LeadershipTask, DL.Resource, DL.direction, DL.frames, DL.roomForAction),
    DL.Resource: (DL.ResourceKindScheme,),
}
"""Codes placed under a term that the ontology relates by a property, not a hierarchy:
the parts of a mandate (task, resources, direction, frames, room for action)."""

_NARROWER = (RDFS.subClassOf, RDFS.subPropertyOf, SKOS.broader, SKOS.topConceptOf)


@dataclass(frozen=True)
class Term:
    """One code: the term's IRI, labels and definitions by language, and its children."""

    iri: URIRef
    labels: dict[str, str]
    definitions: dict[str, str]
    codable: bool
    children: tuple[Term, ...]

    @property
    def guid(self) -> str:
        """The code's GUID, derived from the IRI."""
        return term_guid(self.iri)

    def label(self, lang: str) -> str:
        """The label in ``lang``, else in English, else the IRI's local name."""
        return self.labels.get(lang) or self.labels.get("en") or self.iri.rsplit("#", 1)[-1]

    def definition(self, lang: str) -> str | None:
        """The definition in ``lang``, else in English, else None."""
        return self.definitions.get(lang) or self.definitions.get("en")

    def walk(self) -> Iterator[Term]:
        """This term and every term below it, depth first."""
        yield self
        for child in self.children:
            yield from child.walk()


def term_guid(iri: str) -> str:
    """The stable GUID of an ontology term: UUID 5 of its IRI in the URL namespace."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, str(iri)))


def _texts(graph: Graph, iri: URIRef, predicate: URIRef) -> dict[str, str]:
    texts: dict[str, str] = {}
    for value in graph.objects(iri, predicate):
        if isinstance(value, Literal) and value.language in LANGUAGES:
            texts.setdefault(str(value.language), str(value))
    return texts


def _children(graph: Graph, iri: URIRef) -> list[URIRef]:
    found: set[URIRef] = set(_PARTS.get(iri, ()))
    for predicate in _NARROWER:
        found.update(s for s in graph.subjects(predicate, iri) if isinstance(s, URIRef))
    for member in graph.subjects(RDF.type, iri):
        if isinstance(member, URIRef) and (member, SKOS.broader, None) not in graph:
            found.add(member)
    ordered = [child for child in _PARTS.get(iri, ()) if child in found]
    rest = sorted(c for c in found if c not in ordered and str(c).startswith(str(DL)))
    return ordered + rest


def _term(graph: Graph, iri: URIRef, seen: set[URIRef]) -> Term:
    seen.add(iri)
    kids = [child for child in _children(graph, iri) if child not in seen]
    seen.update(kids)
    built = tuple(_term(graph, child, seen - {child}) for child in kids)
    for child in built:
        seen.update(term.iri for term in child.walk())
    return Term(
        iri=iri,
        labels=_texts(graph, iri, RDFS.label),
        definitions=_texts(graph, iri, SKOS.definition),
        codable=(iri, RDF.type, SKOS.ConceptScheme) not in graph,
        children=built,
    )


@cache
def code_terms() -> tuple[Term, ...]:
    """The codebook's trees, one per top of :data:`ROOTS` that the ontology defines."""
    graph = ontology()
    seen: set[URIRef] = set()
    trees = []
    for root in ROOTS:
        if (root, None, None) in graph and root not in seen:
            tree = _term(graph, root, seen)
            seen.update(term.iri for term in tree.walk())
            trees.append(tree)
    return tuple(trees)


@cache
def terms_by_guid() -> dict[str, Term]:
    """Every code of the codebook by its GUID (lower case, without braces)."""
    return {term.guid: term for tree in code_terms() for term in tree.walk()}
