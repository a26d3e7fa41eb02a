"""OWL 2 RL materialisation of instance data with reasonable (Rust), where it equals owlrl.

reasonable 0.4 implements the OWL 2 RL rules that derive facts about individuals, but not
``prp-spo2`` (property chains), ``prp-key``, ``cls-maxc2``, ``cls-maxqc3/4``, ``cls-oo``,
``eq-ref``, the ``scm-*`` schema rules or the datatype rules, and it reports no
inconsistency to Python. :func:`closure` therefore runs it only where these gaps cannot
change what dlgraph keeps, and otherwise raises :class:`NotApplicable` so that the caller
runs owlrl instead:

* the schema arrives already closed by owlrl (dlgraph passes owlrl's closure of its
  ontology, computed once), so the missing schema rules have nothing left to add, and the
  data carries no schema of its own (no RDFS or OWL terms except labels, comments,
  ``owl:sameAs``, ontology headers and the types ``owl:NamedIndividual``/``owl:Thing``);
* the schema uses only OWL terms whose rules reasonable implements (:data:`SCHEMA_TERMS`);
  anything else (keys, cardinalities, enumerations, complements, negative assertions...)
  goes to owlrl;
* property chains (``prp-spo2``) are evaluated here and reasoning repeats to a fixpoint;
* where owlrl would report an inconsistency (a member of two disjoint classes, of
  ``owl:Nothing``, an ill-typed literal) or meets a literal in ``owl:sameAs``, owlrl runs,
  so that its error report is the one dlgraph keeps;
* terms Oxigraph's parser would reject (reasonable panics on them) go to owlrl.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
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
        OWL.InverseFunctionalProperty,
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
    """
    import reasonable

    schema_triples = [t for t in schema if _is_rdf(t)]
    data_triples = list(data)
    _check_schema(schema_triples)
    _check_data(data_triples)
    literals = _literal_index(schema_triples, data_triples)
    _check_terms(schema_triples, data_triples)
    reasoner = reasonable.PyReasoner()
    reasoner.from_graph(schema_triples)
    reasoner.from_graph(data_triples)
    result = _convert(reasoner.reason(), literals)
    chains = _chains(result)
    for _ in range(_MAX_ROUNDS):
        new = _chain_entailments(chains, result)
        if not new:
            break
        reasoner.from_graph(list(new))
        result = _convert(reasoner.reason(), literals)
    else:  # pragma: no cover - a chain fixpoint is reached long before
        raise NotApplicable("property chains did not reach a fixpoint")
    _check_consistency(result)
    return result


def _is_rdf(triple: Triple) -> bool:
    s, p, _ = triple
    return not isinstance(s, Literal) and isinstance(p, URIRef)


def _check_schema(triples: list[Triple]) -> None:
    for _, p, o in triples:
        for term in (p, o) if p == RDF.type else (p,):
            if isinstance(term, URIRef) and term.startswith(str(OWL)) and term not in SCHEMA_TERMS:
                raise NotApplicable(f"the schema uses {term.n3()}")


def _check_data(triples: list[Triple]) -> None:
    for s, p, o in triples:
        if isinstance(s, Literal) or not isinstance(p, URIRef):
            raise NotApplicable("the data has a literal subject or a non-IRI predicate")
        if p.startswith(_SCHEMA_SPACES) and p not in _DATA_PREDICATES:
            raise NotApplicable(f"the data states schema ({p.n3()})")
        if (
            p == RDF.type
            and isinstance(o, URIRef)
            and o.startswith(_VOCABULARY_SPACES)
            and o not in _DATA_TYPES
        ):
            raise NotApplicable(f"the data states schema (a {o.n3()})")
        if p == OWL.sameAs and isinstance(o, Literal):
            raise NotApplicable("the data has owl:sameAs with a literal")


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
                raise NotApplicable(f"the literals {index[key].n3()} and {o.n3()} would merge")
            converter = AltXSDToPYTHON.get(o.datatype) if o.datatype in OWL_RL_Datatypes else None
            if converter is not None:
                try:
                    converter(str(o))
                except Exception as error:  # owlrl reports it as an inconsistency
                    raise NotApplicable(f"ill-typed literal {o.n3()}") from error
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
                    raise NotApplicable(f"Oxigraph rejects {term.n3()}: {error}") from error


def _convert(
    triples: Iterable[tuple[Any, Any, Any]],
    literals: dict[tuple[str, str | None, str | None], Literal],
) -> set[Triple]:
    result: set[Triple] = set()
    for s, p, o in triples:
        if isinstance(o, Literal):
            found = literals.get(_literal_key(o))
            if found is None:
                raise NotApplicable(f"reasonable returned a literal not in the input: {o.n3()}")
            o = found
        result.add((s, p, o))
    return result


def _rdf_list(head: Node, first: dict[Node, list[Node]], rest: dict[Node, list[Node]]) -> list[Node]:
    items: list[Node] = []
    seen: set[Node] = set()
    while head != RDF.nil:
        if head in seen or len(first.get(head, ())) != 1 or len(rest.get(head, ())) != 1:
            raise NotApplicable(f"malformed property chain list at {head.n3()}")
        seen.add(head)
        items.append(first[head][0])
        head = rest[head][0]
    return items


def _chains(triples: set[Triple]) -> list[tuple[Node, list[Node]]]:
    first: dict[Node, list[Node]] = defaultdict(list)
    rest: dict[Node, list[Node]] = defaultdict(list)
    heads: list[tuple[Node, Node]] = []
    for s, p, o in triples:
        if p == RDF.first:
            first[s].append(o)
        elif p == RDF.rest:
            rest[s].append(o)
        elif p == OWL.propertyChainAxiom:
            heads.append((s, o))
    return [(p, _rdf_list(head, first, rest)) for p, head in heads]


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
            ends = {
                s: {z for y in objects for z in step.get(y, ())} for s, objects in ends.items()
            }
            ends = {s: objects for s, objects in ends.items() if objects}
        for s, objects in ends.items():
            for o in objects:
                if (s, prop, o) not in triples:
                    new.add((s, prop, o))
    return new


def _check_consistency(triples: set[Triple]) -> None:
    """Raise where owlrl would report an inconsistency (cls-nothing2, cax-dw, cax-adc)."""
    types: dict[Node, set[Node]] = defaultdict(set)
    disjoint: list[tuple[Node, Node]] = []
    all_disjoint: list[Node] = []
    for s, p, o in triples:
        if p == RDF.type:
            if o == OWL.Nothing:
                raise NotApplicable(f"{s.n3()} is a member of owl:Nothing")
            if o == OWL.AllDisjointClasses:
                all_disjoint.append(s)
            types[o].add(s)
        elif p == OWL.disjointWith:
            disjoint.append((s, o))
        elif p == OWL.sameAs and (isinstance(s, Literal) or isinstance(o, Literal)):
            raise NotApplicable("owl:sameAs with a literal")
    if all_disjoint:
        first = {s: o for s, p, o in triples if p == RDF.first}
        rest = {s: o for s, p, o in triples if p == RDF.rest}
        members = {s: o for s, p, o in triples if p == OWL.members}
        for axiom in all_disjoint:
            classes: list[Node] = []
            head = members.get(axiom, RDF.nil)
            while head != RDF.nil and head in first:
                classes.append(first[head])
                head = rest.get(head, RDF.nil)
            disjoint.extend(
                (a, b) for i, a in enumerate(classes) for b in classes[i + 1 :] if a != b
            )
    for a, b in disjoint:
        if types.get(a, set()) & types.get(b, set()):
            raise NotApplicable(f"an individual is in the disjoint classes {a.n3()} and {b.n3()}")
