"""The W3C and community vocabularies dlgraph reuses, bundled so they resolve offline.

dlgraph never fetches a vocabulary from the network: ORG, PROV-O, SKOS, OWL-Time, FOAF,
DCMI terms and VANN ship as Turtle under ``dlgraph/data/vocab/`` (where each copy came
from and its licence: ``SOURCES.md`` there). schema.org is aligned to by IRI only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

from rdflib import Graph

from dlgraph.errors import EnvironmentProblem, UnknownNameError
from dlgraph.resources import data_file

__all__ = [
    "UNBUNDLED",
    "VOCABULARIES",
    "BundledVocabulary",
    "bundled_vocabularies",
    "resolve_import",
    "vocabulary",
]

VOCAB_FOLDER = "vocab"


@dataclass(frozen=True)
class BundledVocabulary:
    """One bundled vocabulary file and the IRIs it answers to.

    ``iris`` are the namespace, ontology and version IRIs as the vocabulary publishes
    them; :func:`bundled_vocabularies` adds their usual spelling variants.
    ``triples`` is the number of triples in the source copy, kept to check the bundle.
    """

    prefix: str
    title: str
    namespace: str
    filename: str
    iris: tuple[str, ...]
    triples: int


VOCABULARIES: tuple[BundledVocabulary, ...] = (
    BundledVocabulary(
        prefix="org",
        title="W3C Organization Ontology (ORG)",
        namespace="http://www.w3.org/ns/org#",
        filename="org.ttl",
        iris=("http://www.w3.org/ns/org#",),
        triples=748,
    ),
    BundledVocabulary(
        prefix="prov",
        title="W3C PROV Ontology (PROV-O) with its modules",
        namespace="http://www.w3.org/ns/prov#",
        filename="prov.ttl",
        # The PROV namespace document holds PROV-O and the five modules it imports.
        iris=(
            "http://www.w3.org/ns/prov#",
            "http://www.w3.org/ns/prov-20130430",
            "http://www.w3.org/ns/prov-o#",
            "http://www.w3.org/ns/prov-o-20130430",
            "http://www.w3.org/ns/prov-o-inverses#",
            "http://www.w3.org/ns/prov-o-inverses-20130430",
            "http://www.w3.org/ns/prov-aq#",
            "http://www.w3.org/TR/2013/NOTE-prov-aq-20130430/",
            "http://www.w3.org/ns/prov-dc#",
            "http://www.w3.org/ns/prov-dictionary#",
            "http://www.w3.org/ns/prov-links#",
            "http://www.w3.org/ns/prov-links-20130430",
        ),
        triples=1664,
    ),
    BundledVocabulary(
        prefix="skos",
        title="SKOS Simple Knowledge Organization System",
        namespace="http://www.w3.org/2004/02/skos/core#",
        filename="skos.ttl",
        iris=("http://www.w3.org/2004/02/skos/core#",),
        triples=252,
    ),
    BundledVocabulary(
        prefix="time",
        title="OWL-Time",
        namespace="http://www.w3.org/2006/time#",
        filename="time.ttl",
        iris=("http://www.w3.org/2006/time#", "http://www.w3.org/2006/time#2016"),
        triples=1296,
    ),
    BundledVocabulary(
        prefix="foaf",
        title="FOAF Vocabulary",
        namespace="http://xmlns.com/foaf/0.1/",
        filename="foaf.ttl",
        iris=("http://xmlns.com/foaf/0.1/",),
        triples=620,
    ),
    BundledVocabulary(
        prefix="dcterms",
        title="DCMI Metadata Terms",
        namespace="http://purl.org/dc/terms/",
        filename="dcterms.ttl",
        iris=("http://purl.org/dc/terms/",),
        triples=700,
    ),
    BundledVocabulary(
        prefix="vann",
        title="VANN: a vocabulary for annotating vocabulary descriptions",
        namespace="http://purl.org/vocab/vann/",
        filename="vann.ttl",
        iris=("http://purl.org/vocab/vann/",),
        triples=49,
    ),
)
"""Every bundled vocabulary, in the order of ``SOURCES.md``."""

_SCHEMA_REASON = (
    "dlgraph aligns to schema.org by IRI only and does not bundle it "
    "(why: dlgraph/data/vocab/SOURCES.md)"
)
UNBUNDLED: Mapping[str, str] = MappingProxyType(
    {"https://schema.org/": _SCHEMA_REASON, "http://schema.org/": _SCHEMA_REASON}
)
"""Namespaces dlgraph refers to but does not bundle, with the reason."""


def _variants(iri: str) -> tuple[str, ...]:
    """``iri`` with http and https, and with and without a closing ``#`` or ``/``."""
    bare = iri[:-1] if iri.endswith(("#", "/")) else iri
    spellings = (iri, bare) if bare != iri else (iri,)
    both: list[str] = []
    for spelling in spellings:
        for scheme in ("http://", "https://"):
            both.append(scheme + spelling.split("://", 1)[1])
    return tuple(dict.fromkeys(both))


@lru_cache(maxsize=1)
def _index() -> Mapping[str, BundledVocabulary]:
    index: dict[str, BundledVocabulary] = {}
    for entry in VOCABULARIES:
        for iri in entry.iris:
            for variant in _variants(iri):
                index.setdefault(variant, entry)
    return MappingProxyType(index)


def bundled_vocabularies() -> dict[str, str]:
    """Every IRI that resolves offline, mapped to its file name in ``data/vocab/``.

    The keys are namespace, ontology and version IRIs with their http/https and
    trailing ``#`` or ``/`` variants, e.g. ``http://www.w3.org/ns/prov-o`` -> ``prov.ttl``.
    """
    return {iri: entry.filename for iri, entry in _index().items()}


@lru_cache(maxsize=len(VOCABULARIES))
def _parsed(filename: str) -> Graph:
    try:
        text = data_file(VOCAB_FOLDER, filename).read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise EnvironmentProblem(
            f"the bundled vocabulary data/vocab/{filename} is missing from the dlgraph package",
            hint="reinstall dlgraph (pip install --force-reinstall dlgraph)",
        ) from error
    return Graph().parse(data=text, format="turtle")


def _copy(source: Graph) -> Graph:
    graph = Graph()
    for prefix, namespace in source.namespaces():
        graph.bind(prefix, namespace, override=True, replace=True)
    graph += source
    return graph


def vocabulary(iri: str) -> Graph:
    """A fresh rdflib Graph of the bundled vocabulary ``iri`` names, read offline.

    ``iri`` is any key of :func:`bundled_vocabularies`; anything else raises
    :class:`~dlgraph.errors.UnknownNameError`. Nothing is ever fetched.
    """
    entry = _index().get(str(iri).strip())
    if entry is None:
        raise UnknownNameError(f"no bundled copy of the vocabulary {iri!r}", hint=_hint(str(iri)))
    return _copy(_parsed(entry.filename))


def resolve_import(iri: str) -> Graph | None:
    """The bundled graph for an ``owl:imports`` target, or None when it is not bundled.

    For an imports resolver: a None means the caller decides (skip, or fetch if the
    user allowed the network); this function never touches the network.
    """
    entry = _index().get(str(iri).strip())
    if entry is None:
        return None
    return _copy(_parsed(entry.filename))


def _hint(iri: str) -> str:
    for namespace, reason in UNBUNDLED.items():
        if iri.startswith(namespace) or iri == namespace.rstrip("/"):
            return f"{reason}; nothing is fetched from the network"
    names = ", ".join(entry.namespace for entry in VOCABULARIES)
    return (
        f"bundled namespaces: {names} (also their ontology and version IRIs, "
        "http or https, with or without the closing # or /); "
        "dlgraph never fetches vocabularies from the network"
    )
