"""How dlgraph names a node for people: the languages, the label predicates, the IRI
shortener, and :class:`Labels`, which the validation report and the HTML report share.

Researchers label things with ``skos:prefLabel``, ``rdfs:label``, ``foaf:name``,
``dcterms:title`` or ``schema:name``, in some languages and not others; a report in
Swedish should still show every node by some name, and the same name in every report.
A person's name is personal data: unless values may be shown (:mod:`dlgraph.privacy`) a
person is named by its IRI, except when the graph marks it ``dl:isPseudonym true`` (the
name is then a pseudonym, as :func:`dlgraph.anonymize` and ``pseudonym: true`` in the
case format make).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

from dlgraph.anonymize.pseudonyms import PERSON_ONLY_PROPERTIES, is_person
from dlgraph.ontology.namespaces import DCTERMS, DL, FOAF, PREFIXES, RDFS, SCHEMA, SKOS
from dlgraph.privacy import showing_values

__all__ = [
    "LABELLING_PREDICATES",
    "LABEL_PREDICATES",
    "LANGUAGES",
    "LANGUAGE_NAMES",
    "Labels",
    "blank_node_text",
    "compact_iri",
    "is_pseudonym",
    "language_order",
    "pick_text",
]

LANGUAGES: tuple[str, ...] = ("en", "sv", "da")
"""The languages dlgraph labels every term in, writes its messages, reports and pages
in, and asks named queries to be described in."""

LANGUAGE_NAMES: Mapping[str, str] = {"en": "English", "sv": "Swedish", "da": "Danish"}
"""The English name of each of :data:`LANGUAGES`."""

LABEL_PREDICATES: tuple[URIRef, ...] = (
    SKOS.prefLabel,
    RDFS.label,
    FOAF.name,
    DCTERMS.title,
    SCHEMA.name,
)
"""Where labels are taken from, the first that has one in the wanted language winning."""

LABELLING_PREDICATES: tuple[URIRef, ...] = (
    *LABEL_PREDICATES,
    RDF.type,
    DL.isPseudonym,
    *PERSON_ONLY_PROPERTIES,
)
"""Every predicate :class:`Labels` reads: the labels, and what says whether a node is a
person (types, person-only properties) and a pseudonym. For readers that copy only
those triples of the nodes to label out of a store."""


def language_order(lang: str) -> tuple[str, ...]:
    """The languages to try for ``lang``: itself, English, untagged, then the others."""
    order = [lang, "en", ""]
    order += [other for other in LANGUAGES if other not in order]
    return tuple(order)


_LOCAL_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_\-]*(?:\.[A-Za-z0-9_\-]+)*$")


def compact_iri(
    node: Node, prefixes: Mapping[str, str] | None = None, *, short: bool = False
) -> str:
    """``prefix:local`` for an IRI in a known namespace; blank nodes as ``_:id``.

    The longest matching namespace of ``prefixes`` (dlgraph's when None) wins, and the
    local part must be a plain name. Any other IRI is written ``<iri>`` (valid SPARQL,
    for property paths), or with ``short`` by its last segment (for pictures). A
    literal is written as in Turtle.
    """
    if isinstance(node, BNode):
        return f"_:{node}"
    if isinstance(node, Literal):
        return node.n3()
    text = str(node)
    best: tuple[str, str] | None = None
    for prefix, namespace in (prefixes if prefixes is not None else PREFIXES).items():
        if text.startswith(namespace) and (best is None or len(namespace) > len(best[1])):
            local = text[len(namespace) :]
            if _LOCAL_NAME.match(local):
                best = (prefix, namespace)
    if best is not None:
        return f"{best[0]}:{text[len(best[1]) :]}"
    if short:
        for separator in ("#", "/", ":"):
            head, _, tail = text.rstrip("/#").rpartition(separator)
            if head and tail:
                return tail
    return f"<{text}>" if not short else text


def is_pseudonym(graphs: Iterable[Graph], node: Node) -> bool:
    """Whether a graph marks ``node`` (a person) ``dl:isPseudonym true``."""
    return any(v == Literal(True) for g in graphs for v in g.objects(node, DL.isPseudonym))


def _language(literal: Literal) -> str:
    """The primary language subtag of a literal, lower-case (``""`` when untagged)."""
    return (literal.language or "").lower().split("-")[0]


def _in_order(by_lang: Mapping[str, str], lang: str) -> str:
    for candidate in language_order(lang):
        if candidate in by_lang:
            return by_lang[candidate]
    return by_lang[sorted(by_lang)[0]]


def pick_text(values: Iterable[Node], lang: str) -> str | None:
    """The literal of ``values`` in ``lang``, else English, untagged, any; or None.

    Of several in one language the alphabetically first is taken.
    """
    by_lang: dict[str, str] = {}
    for literal in sorted((v for v in values if isinstance(v, Literal)), key=str):
        by_lang.setdefault(_language(literal), str(literal))
    return _in_order(by_lang, lang) if by_lang else None


_BLANK_NODE = {"en": "[blank node]", "sv": "[anonym nod]", "da": "[anonym knude]"}


def blank_node_text(lang: str = "en") -> str:
    """How a blank node without a label or a type is named, in ``lang``."""
    return _BLANK_NODE.get(lang, _BLANK_NODE["en"])


class Labels:
    """The labels of the nodes of some graphs, by language, looked up once per node.

    For each node and language the label of the earliest predicate of
    :data:`LABEL_PREDICATES` is kept (the alphabetically first when a predicate has
    several), so the choice does not depend on the order triples were read in.
    """

    def __init__(self, graphs: Iterable[Graph]) -> None:
        self._graphs = tuple(graphs)
        self._labels: dict[Node, dict[str, str]] = {}
        self._private: dict[Node, bool] = {}

    def _all(self, node: Node) -> dict[str, str]:
        """Every label of ``node`` by language, whoever it names."""
        if node not in self._labels:
            best: dict[str, tuple[int, str]] = {}
            for graph in self._graphs:
                for rank, predicate in enumerate(LABEL_PREDICATES):
                    for value in graph.objects(node, predicate):
                        if not isinstance(value, Literal):
                            continue
                        text = " ".join(str(value).split())
                        if not text:
                            continue
                        lang = _language(value)
                        candidate = (rank, text)
                        if lang not in best or candidate < best[lang]:
                            best[lang] = candidate
            self._labels[node] = {lang: text for lang, (_, text) in best.items()}
        return self._labels[node]

    def _in_languages(self, node: Node) -> dict[str, str]:
        """The labels of ``node`` that may be shown: none of a person, unless allowed."""
        if showing_values():
            return self._all(node)
        if node not in self._private:
            self._private[node] = any(is_person(g, node) for g in self._graphs) and not (
                is_pseudonym(self._graphs, node)
            )
        return {} if self._private[node] else self._all(node)

    def has_label(self, node: Node) -> bool:
        """Whether ``node`` has a label that may be shown."""
        return bool(self._in_languages(node))

    def label(self, node: Node, lang: str = "en") -> str | None:
        """The label of ``node`` in ``lang``, else English, untagged, any; or None.

        A blank node without a label is described by its types (``[dl:Mandate]``); an
        IRI without one, or a person whose name may not be shown, has None.
        """
        if isinstance(node, Literal):
            return None
        by_lang = self._in_languages(node)
        if by_lang:
            return _in_order(by_lang, lang)
        if isinstance(node, BNode):
            types = sorted(
                {compact_iri(t) for g in self._graphs for t in g.objects(node, RDF.type)}
            )
            return f"[{', '.join(types)}]" if types else blank_node_text(lang)
        return None

    def get(self, node: Node, lang: str = "en") -> str:
        """The label of ``node`` in ``lang`` (:meth:`label`), else its IRI shortened."""
        found = self.label(node, lang)
        return found if found is not None else compact_iri(node, short=True)

    def text(self, values: Sequence[Node], lang: str) -> str | None:
        """The literal of ``values`` in ``lang`` (:func:`pick_text`), or None."""
        return pick_text(values, lang)
