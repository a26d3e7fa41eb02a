"""Materialise what the ontology lets a reasoner infer from the data.

Three profiles: ``rl`` (OWL 2 RL rules), ``rdfs`` (RDFS rules, owlrl) and ``dl`` (OWL 2 DL
classification with HermiT through owlready2, needs Java). ``rl`` runs on reasonable (a
Rust OWL 2 RL reasoner, :mod:`dlgraph.reason.fast_rl`) where its result is owlrl's, and on owlrl
(pure Python) otherwise or with ``reasoner="owlrl"``.
The result is only what the data adds: triples the ontology entails on its own, the
ontology's and vocabularies' own terms, literal subjects and trivial facts (``x a
rdfs:Resource``, ``x owl:sameAs x``) are left out. Nothing is fetched: ``owl:imports``
is never followed.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, TypeAlias

from rdflib import BNode, Graph, URIRef
from rdflib import Literal as RdfLiteral
from rdflib.namespace import OWL, RDF, RDFS, XSD

from dlgraph.errors import UnknownNameError
from dlgraph.names import close_matches_hint
from dlgraph.ontology.graphs import ontology
from dlgraph.reason import fast_rl
from dlgraph.reason.hermit import run_hermit

__all__ = [
    "ENGINES",
    "PROFILES",
    "REASONERS",
    "Engine",
    "Profile",
    "Reasoner",
    "Reasoning",
    "infer",
]

Profile: TypeAlias = Literal["rl", "rdfs", "dl"]
Reasoner: TypeAlias = Literal["auto", "owlrl"]

REASONERS: dict[str, str] = {
    "auto": "rl on reasonable where it gives owlrl's result, otherwise owlrl",
    "owlrl": "always owlrl for rl and rdfs",
}
"""How ``rl`` is run."""

Engine: TypeAlias = Reasoner
"""The former name of :data:`Reasoner`."""
ENGINES = REASONERS
"""The former name of :data:`REASONERS`."""

PROFILES: dict[str, str] = {
    "rl": "OWL 2 RL rules (reasonable, Rust, where it equals owlrl; else owlrl)",
    "rdfs": "RDFS rules (owlrl, pure Python)",
    "dl": "OWL 2 DL classification with HermiT (owlready2, needs Java)",
}
"""The reasoning profiles and what runs each."""

_REFLEXIVE_NOISE = (
    OWL.sameAs,
    RDFS.subPropertyOf,
    RDFS.subClassOf,
    OWL.equivalentClass,
    OWL.equivalentProperty,
)
_TRIVIAL_TYPES = (RDFS.Resource, OWL.Thing, OWL.NamedIndividual)
_BUILTIN_SPACES = (str(RDF), str(RDFS), str(OWL), str(XSD))


@dataclass(frozen=True)
class Reasoning:
    """What a reasoning run found: the inferred triples and how it went."""

    profile: str
    inferred: Graph
    """Triples entailed by data plus ontology that neither states, nor the ontology alone."""
    seconds: float
    consistent: bool = True
    """False when HermiT found the data and ontology inconsistent (``dl`` only)."""
    unsatisfiable: tuple[str, ...] = ()
    """Classes HermiT found unsatisfiable (``dl`` only)."""
    explanation: str = ""
    reasoner: str = ""
    """What ran: ``reasonable``, ``owlrl`` or ``hermit``."""
    fallback: str = ""
    """Why owlrl ran although ``reasoner="auto"`` asked for reasonable (empty otherwise)."""

    def __len__(self) -> int:
        return len(self.inferred)

    @property
    def engine(self) -> str:
        """The former name of :attr:`reasoner`."""
        return self.reasoner


def _check_profile(profile: str) -> None:
    if profile not in PROFILES:
        raise UnknownNameError(
            f"unknown reasoning profile {profile!r}",
            hint=close_matches_hint(profile, PROFILES, "profiles"),
        )


def _copy(*graphs: Iterable[tuple[object, object, object]]) -> Graph:
    result = Graph()
    for graph in graphs:
        for triple in graph:
            result.add(triple)  # type: ignore[arg-type]
    return result


def _owlrl_closure(graph: Graph, profile: str) -> Graph:
    import owlrl

    semantics = owlrl.OWLRL_Semantics if profile == "rl" else owlrl.RDFS_Semantics
    closure = owlrl.DeductiveClosure(
        semantics, rdfs_closure=False, axiomatic_triples=False, datatype_axioms=False
    )
    closure.expand(graph)
    return graph


@lru_cache(maxsize=8)
def _ontology_entailments(profile: str, with_ontology: bool) -> frozenset[tuple[object, ...]]:
    """What the ontology entails on its own under ``profile`` (computed once per process)."""
    if not with_ontology:
        return frozenset()
    base = ontology("merged")
    if profile == "dl":
        result = run_hermit(base, infer_property_values=True)
        return frozenset(tuple(t) for t in base) | frozenset(tuple(t) for t in result.inferred)
    return frozenset(tuple(t) for t in _owlrl_closure(_copy(base), profile))


def infer(
    data: Graph,
    profile: str = "rl",
    *,
    with_ontology: bool = True,
    reasoner: str | None = None,
    engine: str | None = None,
) -> Reasoning:
    """Infer what ``data`` plus the merged dlgraph ontology entail under ``profile``.

    Returns the new triples only (see the module's description); ``data`` is unchanged.
    ``with_ontology=False`` reasons over the data alone (its own schema triples).
    ``reasoner="owlrl"`` (``engine`` is its former name) runs ``rl`` on owlrl even where
    reasonable would do. Raises EnvironmentProblem for ``dl`` when Java is missing.
    """
    _check_profile(profile)
    chosen = reasoner or engine or "auto"
    if chosen not in REASONERS:
        raise UnknownNameError(
            f"unknown reasoner {chosen!r}",
            hint=close_matches_hint(chosen, REASONERS, "reasoners"),
        )
    started = time.perf_counter()
    known = _ontology_entailments(profile, with_ontology)
    asserted = set(data)
    entailed: Iterable[tuple[object, object, object]]
    unsatisfiable: tuple[str, ...] = ()
    used, fallback = ("hermit" if profile == "dl" else "owlrl"), ""
    if profile == "rl" and chosen == "auto":
        entailed_fast, fallback = _fast_closure(known, asserted)
        if entailed_fast is not None:
            entailed, used = entailed_fast, "reasonable"
    if used == "hermit":
        result = run_hermit(_copy(_base(with_ontology), data), infer_property_values=True)
        if not result.consistent:
            return Reasoning(
                profile,
                Graph(),
                time.perf_counter() - started,
                consistent=False,
                explanation=result.explanation,
                reasoner=used,
            )
        entailed = result.inferred
        unsatisfiable = result.unsatisfiable
    elif used == "owlrl":
        entailed = _owlrl_closure(_copy(_base(with_ontology), data), profile)
    inferred = Graph()
    for prefix, namespace in data.namespaces():
        inferred.bind(prefix, namespace, override=False)
    schema_terms = (
        _ontology_terms(with_ontology) | set(data.predicates()) | set(data.objects(None, RDF.type))
    )
    kept = [
        triple
        for triple in entailed
        if triple not in known and triple not in asserted and not _is_noise(*triple, schema_terms)
    ]
    for triple in kept:
        inferred.add(triple)  # type: ignore[arg-type]
    return Reasoning(
        profile,
        inferred,
        time.perf_counter() - started,
        unsatisfiable=unsatisfiable,
        reasoner=used,
        fallback=fallback,
    )


def _base(with_ontology: bool) -> Graph:
    return ontology("merged") if with_ontology else Graph()


@lru_cache(maxsize=2)
def _ontology_terms(with_ontology: bool) -> frozenset[object]:
    """The ontology's subjects and class expressions: what is inferred about them is schema."""
    base = _base(with_ontology)
    return frozenset(base.subjects()) | {o for o in base.objects() if isinstance(o, BNode)}


def _fast_closure(
    known: frozenset[tuple[object, ...]], data: AbstractSet[tuple[object, object, object]]
) -> tuple[set[tuple[object, object, object]] | None, str]:
    """reasonable's closure of the (owlrl-closed) ontology plus ``data``, or why not."""
    if not fast_rl.available():
        return None, "reasonable is not installed"
    try:
        result = fast_rl.closure(known, data)  # type: ignore[arg-type]
    except fast_rl.NotApplicable as reason:
        return None, str(reason)
    return result, ""  # type: ignore[return-value]


def _is_noise(s: object, p: object, o: object, schema_terms: AbstractSet[object]) -> bool:
    """Whether an entailed triple says nothing about the data itself.

    ``schema_terms`` are the ontology's subjects and class expressions and the data's
    properties and classes: what is inferred about them is schema, not data.
    """
    if isinstance(s, RdfLiteral) or not isinstance(p, URIRef):
        return True
    if s in schema_terms or (isinstance(s, URIRef) and str(s).startswith(_BUILTIN_SPACES)):
        return True
    if s == o and p in _REFLEXIVE_NOISE:
        return True
    return p == RDF.type and (o in _TRIVIAL_TYPES or (isinstance(o, BNode) and o in schema_terms))
