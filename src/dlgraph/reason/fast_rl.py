"""OWL 2 RL materialisation of instance data with reasonable (Rust), where it equals owlrl.

reasonable 0.4 implements the OWL 2 RL rules that derive facts about individuals, but not
``prp-spo2`` (property chains), ``prp-key``, ``cls-maxc2``, ``cls-maxqc3/4``, ``cls-oo``,
``eq-ref``, the ``scm-*`` schema rules or the datatype rules; its ``prp-ifp`` makes any
two subjects of an inverse-functional property ``owl:sameAs`` whatever their objects; and
it reports no inconsistency to Python. :func:`closure` therefore runs it only where these
gaps cannot change what dlgraph keeps, and otherwise raises :class:`NotApplicable` so
that the caller runs owlrl instead:

* the schema arrives already closed by owlrl (dlgraph passes owlrl's closure of its
  ontology, computed once), so the missing schema rules have nothing left to add, and the
  data carries no schema of its own (no RDFS or OWL terms except labels, comments,
  ``owl:sameAs``, ontology headers and the types ``owl:NamedIndividual``/``owl:Thing``);
* the schema uses only OWL terms whose rules reasonable implements correctly
  (:data:`SCHEMA_TERMS`); anything else (keys, cardinalities, enumerations, complements,
  negative assertions, inverse-functional properties...) goes to owlrl;
* property chains (``prp-spo2``) are evaluated here and reasoning repeats to a fixpoint;
* where owlrl would report an inconsistency (a member of two disjoint classes, of
  ``owl:Nothing``, an ill-typed literal), meets a literal in ``owl:sameAs`` or an
  inferred ``owl:sameAs`` that would rewrite the schema, owlrl runs, so that its result
  (with its error report) is the one dlgraph keeps;
* terms Oxigraph's parser would reject (reasonable panics on them) go to owlrl.
"""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from typing import Any, TypeAlias

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD
from rdflib.term import Node

__all__ = ["SCHEMA_TERMS", "NotApplicable", "available", "closure"]

Triple: TypeAlias = tuple[Node, Node, Node]

SCHEMA_TERMS: frozenset[URIRef] = frozenset(
    {
        # class and property axioms whose instance rules reasonable implements
        OWL.equivalentClass,
        OWL.equivalentProperty,
        OWL.inverseOf,
        OWL.sameAs,
        OWL.intersectionOf,
        OWL.unionOf,
        OWL.someValuesFrom,
        OWL.allValuesFrom,
        OWL.hasValue,
        OWL.onProperty,
        OWL.propertyChainAxiom,
        OWL.disjointWith,
        OWL.members,
        OWL.Class,
        OWL.Restriction,
        OWL.Thing,
        OWL.Nothing,
        OWL.NamedIndividual,
        OWL.ObjectProperty,
        OWL.DatatypeProperty,
        OWL.AnnotationProperty,
        OWL.OntologyProperty,
        OWL.FunctionalProperty,
        # not owl:InverseFunctionalProperty: reasonable 0.4.4's prp-ifp makes any two
        # subjects of such a property owl:sameAs, whatever their objects
        OWL.TransitiveProperty,
        OWL.SymmetricProperty,
        OWL.AllDisjointClasses,
        OWL.DeprecatedClass,
        OWL.DeprecatedProperty,
        OWL.deprecated,
        # ontology headers and annotations: no rule reads them
        OWL.Ontology,
        OWL.imports,
        OWL.versionIRI,
        OWL.versionInfo,
        OWL.priorVersion,
        OWL.backwardCompatibleWith,
        OWL.incompatibleWith,
    }
)
"""The OWL terms the schema may use for the fast path; any other OWL term goes to owlrl."""

_DATA_PREDICATES = frozenset(
    {
        RDFS.label,
        RDFS.comment,
        RDFS.seeAlso,
        RDFS.isDefinedBy,
        OWL.sameAs,
        OWL.imports,
        OWL.versionIRI,
        OWL.versionInfo,
        OWL.priorVersion,
    }
)
_DATA_TYPES = frozenset({OWL.NamedIndividual, OWL.Thing, OWL.Ontology, RDFS.Resource})
_SCHEMA_SPACES = (str(RDFS), str(OWL), str(XSD))
_VOCABULARY_SPACES = (str(RDF), str(RDFS), str(OWL), str(XSD))
_MAX_ROUNDS = 100


def _show(term: Node) -> str:
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    return repr(str(term)) if isinstance(term, Literal) else str(term)


class NotApplicable(Exception):
    """The fast path cannot promise owlrl's result here; the message says why."""


def available() -> bool:
    """Whether reasonable is installed."""
    try:
        import reasonable  # noqa: F401
    except ImportError:
        return False
    return True


def closure(schema: Iterable[Triple], data: Iterable[Triple]) -> set[Triple]:
    """The OWL 2 RL closure of ``schema`` (closed already) plus ``data`` (instances only).

    Raises NotApplicable when the result could differ from owlrl's (see the module).
    Python's cyclic garbage collector is paused meanwhile: the closure is hundreds of
    thousands of new tuples and terms, none of them in a cycle, and each collection would
    scan them all again (with it, 290 k triples took four times as long).
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        return _closure(schema, data)
    finally:
        if paused:
            gc.enable()


def _closure(schema: Iterable[Triple], data: Iterable[Triple]) -> set[Triple]:
    import reasonable

    schema_triples = [t for t in schema if _is_rdf(t)]
    data_triples = list(data)
    schema_terms = {term for triple in schema_triples for term in triple}
    _check_schema(schema_triples)
    _check_data(data_triples, schema_terms)
    literals = _literal_index(schema_triples, data_triples)
    _check_terms(schema_triples, data_triples)
    reasoner = reasonable.PyReasoner()
    reasoner.from_graph(schema_triples)
    reasoner.from_graph(data_triples)
    result = _convert(reasoner.reason(), literals)
    chains = _chains(set(schema_triples))
    for _ in range(_MAX_ROUNDS):
        new = _chain_entailments(chains, result)
        if not new:
            break
        reasoner.from_graph(list(new))
        result = _convert(reasoner.reason(), literals)
    else:  # pragma: no cover - a chain fixpoint is reached long before
        raise NotApplicable("property chains did not reach a fixpoint")
    _check_consistency(result, schema_terms)
    return result


def _is_rdf(triple: Triple) -> bool:
    s, p, _ = triple
    return not isinstance(s, Literal) and isinstance(p, URIRef)


def _check_schema(triples: list[Triple]) -> None:
    for _, p, o in triples:
        for term in (p, o) if p == RDF.type else (p,):
            if (
                isinstance(term, URIRef)
                and str(term).startswith(str(OWL))
                and term not in SCHEMA_TERMS
            ):
                raise NotApplicable(f"the schema uses {_show(term)}")


def _check_data(triples: list[Triple], schema_terms: set[Node]) -> None:
    for s, p, o in triples:
        if isinstance(s, Literal) or not isinstance(p, URIRef):
            raise NotApplicable("the data has a literal subject or a non-IRI predicate")
        if str(p).startswith(_SCHEMA_SPACES) and p not in _DATA_PREDICATES:
            raise NotApplicable(f"the data states schema ({_show(p)})")
        if (
            p == RDF.type
            and isinstance(o, URIRef)
            and str(o).startswith(_VOCABULARY_SPACES)
            and o not in _DATA_TYPES
        ):
            raise NotApplicable(f"the data states schema (a {_show(o)})")
        if p == _SAME and (isinstance(o, Literal) or s in schema_terms or o in schema_terms):
            raise NotApplicable(f"the data equates {_show(s)} and {_show(o)} (owl:sameAs)")


def _literal_key(literal: Literal) -> tuple[str, str | None, str | None]:
    language = literal.language.lower() if literal.language else None
    datatype = literal.datatype or (None if language else XSD.string)
    return str(literal), language, str(datatype) if datatype else None


def _literal_index(*groups: list[Triple]) -> dict[tuple[str, str | None, str | None], Literal]:
    """rdflib's literal for each literal as Oxigraph sees it (plain = xsd:string)."""
    from owlrl.DatatypeHandling import AltXSDToPYTHON
    from owlrl.XsdDatatypes import OWL_RL_Datatypes

    index: dict[tuple[str, str | None, str | None], Literal] = {}
    for triples in groups:
        for _, _, o in triples:
            if not isinstance(o, Literal):
                continue
            key = _literal_key(o)
            if index.setdefault(key, o) != o:
                raise NotApplicable(f"the literals {_show(index[key])} and {_show(o)} would merge")
            converter = AltXSDToPYTHON.get(o.datatype) if o.datatype in OWL_RL_Datatypes else None
            if converter is not None:
                try:
                    converter(str(o))
                except Exception as error:  # owlrl reports it as an inconsistency
                    raise NotApplicable(f"ill-typed literal {_show(o)}") from error
    return index


def _check_terms(*groups: list[Triple]) -> None:
    """Every term must pass Oxigraph's parser: reasonable panics on the others."""
    import pyoxigraph

    seen: set[Node] = set()
    for triples in groups:
        for triple in triples:
            for term in triple:
                if term in seen:
                    continue
                seen.add(term)
                try:
                    if isinstance(term, URIRef):
                        pyoxigraph.NamedNode(str(term))
                    elif isinstance(term, BNode):
                        pyoxigraph.BlankNode(str(term))
                    elif isinstance(term, Literal) and term.language:
                        pyoxigraph.Literal(str(term), language=term.language)
                    elif isinstance(term, Literal) and term.datatype:
                        pyoxigraph.NamedNode(str(term.datatype))
                except ValueError as error:
                    raise NotApplicable(f"Oxigraph rejects {_show(term)}: {error}") from error


def _convert(
    triples: Iterable[tuple[Any, Any, Any]],
    literals: dict[tuple[str, str | None, str | None], Literal],
) -> set[Triple]:
    result: set[Triple] = set()
    for s, p, o in triples:
        if isinstance(o, Literal):
            found = literals.get(_literal_key(o))
            if found is None:
                raise NotApplicable(f"reasonable returned a literal not in the input: {_show(o)}")
            o = found
        result.add((s, p, o))
    return result


_TYPE, _FIRST, _REST, _NIL = RDF.type, RDF.first, RDF.rest, RDF.nil
_CHAIN, _SAME, _DISJOINT, _MEMBERS = (
    OWL.propertyChainAxiom,
    OWL.sameAs,
    OWL.disjointWith,
    OWL.members,
)
_NOTHING, _ALL_DISJOINT = OWL.Nothing, OWL.AllDisjointClasses


class _Scan:
    """What the chain and consistency rules need from a closure, read in one pass."""

    def __init__(self, triples: set[Triple], schema_terms: AbstractSet[Node] = frozenset()) -> None:
        self.first: dict[Node, list[Node]] = defaultdict(list)
        self.rest: dict[Node, list[Node]] = defaultdict(list)
        self.members: dict[Node, Node] = {}
        self.chains: list[tuple[Node, Node]] = []
        self.disjoint: list[tuple[Node, Node]] = []
        self.all_disjoint: list[Node] = []
        self.types: dict[Node, set[Node]] = defaultdict(set)
        for s, p, o in triples:
            if p == _TYPE:
                self.types[o].add(s)
            elif p == _FIRST:
                self.first[s].append(o)
            elif p == _REST:
                self.rest[s].append(o)
            elif p == _CHAIN:
                self.chains.append((s, o))
            elif p == _DISJOINT:
                self.disjoint.append((s, o))
            elif p == _MEMBERS:
                self.members[s] = o
            elif p == _SAME and s != o:
                if isinstance(s, Literal) or isinstance(o, Literal):
                    raise NotApplicable("owl:sameAs with a literal")
                if s in schema_terms or o in schema_terms:
                    raise NotApplicable(f"{_show(s)} owl:sameAs {_show(o)} changes the schema")

    def rdf_list(self, head: Node) -> list[Node]:
        items: list[Node] = []
        seen: set[Node] = set()
        while head != _NIL:
            first, rest = self.first.get(head, ()), self.rest.get(head, ())
            if head in seen or len(first) != 1 or len(rest) != 1:
                raise NotApplicable(f"malformed RDF list at {_show(head)}")
            seen.add(head)
            items.append(first[0])
            head = rest[0]
        return items


def _chains(triples: set[Triple]) -> list[tuple[Node, list[Node]]]:
    scan = _Scan(triples)
    return [(p, scan.rdf_list(head)) for p, head in scan.chains]


def _chain_entailments(chains: list[tuple[Node, list[Node]]], triples: set[Triple]) -> set[Triple]:
    """prp-spo2: what the property chains add to ``triples``."""
    if not chains:
        return set()
    wanted = {p for _, chain in chains for p in chain}
    by_property: dict[Node, dict[Node, set[Node]]] = {p: defaultdict(set) for p in wanted}
    for s, p, o in triples:
        if p in wanted:
            by_property[p][s].add(o)
    new: set[Triple] = set()
    for prop, chain in chains:
        if not chain:
            continue
        ends = {s: set(objects) for s, objects in by_property[chain[0]].items()}
        for link in chain[1:]:
            step = by_property[link]
            ends = {s: {z for y in objects for z in step.get(y, ())} for s, objects in ends.items()}
            ends = {s: objects for s, objects in ends.items() if objects}
        for s, objects in ends.items():
            for o in objects:
                if (s, prop, o) not in triples:
                    new.add((s, prop, o))
    return new


def _check_consistency(triples: set[Triple], schema_terms: AbstractSet[Node]) -> None:
    """Raise where owlrl would report an inconsistency (cls-nothing2, cax-dw, cax-adc).

    Also where an inferred owl:sameAs touches a schema term: the rules that would then
    rewrite the schema are owlrl's schema rules, which reasonable does not have.
    """
    scan = _Scan(triples, schema_terms)
    if scan.types.get(_NOTHING):
        raise NotApplicable("an individual is a member of owl:Nothing")
    disjoint = list(scan.disjoint)
    for axiom in scan.types.get(_ALL_DISJOINT, ()):
        classes = scan.rdf_list(scan.members.get(axiom, _NIL))
        disjoint.extend((a, b) for i, a in enumerate(classes) for b in classes[i + 1 :])
    for a, b in disjoint:
        if scan.types.get(a, set()) & scan.types.get(b, set()):
            raise NotApplicable(
                f"an individual is in the disjoint classes {_show(a)} and {_show(b)}"
            )
