"""Labels of resources for people, in a chosen language with fallbacks.

Researchers label things with ``rdfs:label``, ``foaf:name``, ``skos:prefLabel`` or
``dcterms:title``, in some languages and not others; a report or a page in Swedish should
still show every resource by some name. :class:`Labels` indexes the labels of one or more
graphs once, so that looking up thousands of resources stays cheap.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from dlgraph.ontology.namespaces import DCTERMS, DL, FOAF, PREFIXES, RDFS, SCHEMA, SKOS

__all__ = [
    "LABEL_PREDICATES",
    "LANGUAGES",
    "Labels",
    "compact_iri",
    "is_pseudonym",
    "language_order",
]

LANGUAGES: tuple[str, ...] = ("en", "sv", "da")
"""The languages dlgraph labels every term in, and the ones its pages are written in."""

LABEL_PREDICATES: tuple[URIRef, ...] = (
    SKOS.prefLabel,
    RDFS.label,
    FOAF.name,
    DCTERMS.title,
    SCHEMA.name,
)
"""Where labels are taken from, the first that has one in the wanted language winning."""


def language_order(lang: str) -> tuple[str, ...]:
    """The languages to try for ``lang``: itself, English, untagged, then the others."""
    order = [lang, "en", ""]
    order += [other for other in LANGUAGES if other not in order]
    return tuple(order)


def is_pseudonym(graphs: Iterable[Graph], node: Node) -> bool:
    """Whether a graph marks ``node`` (a person) ``dl:isPseudonym true``."""
    return any(v == Literal(True) for g in graphs for v in g.objects(node, DL.isPseudonym))


def compact_iri(node: Node) -> str:
    """``prefix:local`` for an IRI in a known namespace, else its last segment."""
    text = str(node)
    if not isinstance(node, URIRef):
        return text
    for prefix, namespace in PREFIXES.items():
        if text.startswith(namespace) and len(text) > len(namespace):
            return f"{prefix}:{text[len(namespace) :]}"
    for separator in ("#", "/", ":"):
        head, _, tail = text.rstrip("/#").rpartition(separator)
        if head and tail:
            return tail
    return text


class Labels:
    """The labels of every resource in some graphs, by language.

    For each resource and language the label of the earliest predicate of
    :data:`LABEL_PREDICATES` is kept (the alphabetically first when a predicate has
    several), so the choice does not depend on the order triples were read in.
    """

    def __init__(self, graphs: Iterable[Graph]) -> None:
        best: dict[Node, dict[str, tuple[int, str]]] = {}
        for graph in graphs:
            for rank, predicate in enumerate(LABEL_PREDICATES):
                for subject, value in graph.subject_objects(predicate):
                    if not isinstance(value, Literal):
                        continue
                    text = " ".join(str(value).split())
                    if not text:
                        continue
                    lang = (value.language or "").lower().split("-")[0]
                    by_lang = best.setdefault(subject, {})
                    candidate = (rank, text)
                    if lang not in by_lang or candidate < by_lang[lang]:
                        by_lang[lang] = candidate
        self._labels: dict[Node, dict[str, str]] = {
            node: {lang: text for lang, (_, text) in by_lang.items()}
            for node, by_lang in best.items()
        }

    def has_label(self, node: Node) -> bool:
        """Whether ``node`` has any label at all."""
        return node in self._labels

    def in_languages(self, node: Node) -> dict[str, str]:
        """Every label of ``node`` by language tag (``""`` for an untagged label)."""
        return dict(self._labels.get(node, {}))

    def exact(self, node: Node, lang: str) -> str | None:
        """The label of ``node`` in exactly ``lang``, or None."""
        return self._labels.get(node, {}).get(lang)

    def get(self, node: Node, lang: str = "en") -> str:
        """The label of ``node`` in ``lang``, else English, untagged, any; else its IRI."""
        by_lang = self._labels.get(node)
        if by_lang:
            for candidate in language_order(lang):
                if candidate in by_lang:
                    return by_lang[candidate]
            return by_lang[sorted(by_lang)[0]]
        if isinstance(node, BNode):
            return "_:" + str(node)[:8]
        return compact_iri(node)

    def text(self, values: Sequence[Node], lang: str) -> str | None:
        """The literal of ``values`` in ``lang`` (with the same fallbacks), or None."""
        literals = [value for value in values if isinstance(value, Literal)]
        if not literals:
            return None
        by_lang: dict[str, str] = {}
        for literal in sorted(literals, key=str):
            by_lang.setdefault((literal.language or "").lower().split("-")[0], str(literal))
        for candidate in language_order(lang):
            if candidate in by_lang:
                return by_lang[candidate]
        return by_lang[sorted(by_lang)[0]]
