"""Quality checks of the dlgraph ontology: labels, definitions, declarations, roots,
domains and ranges, and DL consistency.

Each check returns findings rather than raising, so that ``dlgraph ontology --check``
can list them all and the tests can assert that there are none.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, TIME

from dlgraph.ontology.graphs import ontology
from dlgraph.ontology.labels import LANGUAGES
from dlgraph.ontology.namespaces import DL
from dlgraph.reason.hermit import java_available, reasoning_vocabularies, run_hermit

__all__ = [
    "ROOT_NAMESPACES",
    "QualityFinding",
    "check_declared",
    "check_domains_ranges",
    "check_labels",
    "check_ontology",
    "check_roots",
    "check_with_hermit",
    "dl_terms",
    "owl_thing_rooted",
]

ROOT_NAMESPACES = (str(ORG), str(PROV), str(FOAF), str(SKOS), str(TIME))
"""Vocabularies a dlgraph class must reach by rdfs:subClassOf (else owl:Thing, justified)."""

_DECLARATION_TYPES = {
    OWL.Class,
    OWL.ObjectProperty,
    OWL.DatatypeProperty,
    OWL.AnnotationProperty,
    OWL.NamedIndividual,
    RDFS.Datatype,
    SKOS.Concept,
    SKOS.ConceptScheme,
}


@dataclass(frozen=True)
class QualityFinding:
    """One defect: which check found it, on which term, and what is wrong."""

    check: str
    term: str
    message: str

    def __str__(self) -> str:
        return f"[{self.check}] {self.term}: {self.message}"


def dl_terms(graph: Graph) -> set[URIRef]:
    """Every IRI in the dl: namespace that the graph declares (gives an rdf:type)."""
    return {
        s
        for s in graph.subjects(RDF.type, None)
        if isinstance(s, URIRef) and str(s).startswith(str(DL))
    }


def _classes(graph: Graph) -> set[URIRef]:
    return {c for c in graph.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef)}


def check_labels(graph: Graph) -> list[QualityFinding]:
    """Every dl: term has rdfs:label in en, sv and da and an English skos:definition."""
    findings = []
    for term in sorted(dl_terms(graph)):
        langs = {o.language for o in graph.objects(term, RDFS.label) if isinstance(o, Literal)}
        for lang in LANGUAGES:
            if lang not in langs:
                findings.append(QualityFinding("labels", str(term), f"no rdfs:label in @{lang}"))
        defs = {o.language for o in graph.objects(term, SKOS.definition) if isinstance(o, Literal)}
        if "en" not in defs:
            findings.append(QualityFinding("labels", str(term), "no skos:definition in @en"))
    return findings


def check_declared(graph: Graph) -> list[QualityFinding]:
    """No dl: IRI is used anywhere without being declared with an rdf:type."""
    declared = dl_terms(graph)
    used: set[URIRef] = set()
    for triple in graph:
        for node in triple:
            if isinstance(node, URIRef) and str(node).startswith(str(DL)) and node != DL[""]:
                used.add(node)
    return [
        QualityFinding("declared", str(term), "used but not declared (no rdf:type)")
        for term in sorted(used - declared)
    ]


def _named_superclasses(graph: Graph, cls: URIRef) -> Iterable[URIRef]:
    for sup in graph.objects(cls, RDFS.subClassOf):
        if isinstance(sup, URIRef):
            yield sup
    for eq in graph.objects(cls, OWL.equivalentClass):
        if isinstance(eq, URIRef):
            yield eq


def _reaches(graph: Graph, cls: URIRef, goal: Callable[[URIRef], bool]) -> bool:
    seen: set[URIRef] = set()
    stack = [cls]
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        for sup in _named_superclasses(graph, current):
            if goal(sup):
                return True
            stack.append(sup)
    return False


def owl_thing_rooted(graph: Graph) -> set[URIRef]:
    """dl: classes whose only root is an explicit rdfs:subClassOf owl:Thing."""
    rooted = set()
    for cls in _classes(graph) & dl_terms(graph):
        in_vocab = _reaches(graph, cls, lambda c: str(c).startswith(ROOT_NAMESPACES))
        if not in_vocab and _reaches(graph, cls, lambda c: c == OWL.Thing):
            rooted.add(cls)
    return rooted


def check_roots(graph: Graph) -> list[QualityFinding]:
    """Every dl: class reaches an ORG, PROV-O, FOAF, SKOS or OWL-Time class.

    A class rooted at owl:Thing instead must say why in an ``rdfs:comment`` that starts
    with "Rooted at owl:Thing" (the README repeats those reasons).
    """
    findings = []
    rooted = owl_thing_rooted(graph)
    for cls in sorted(_classes(graph) & dl_terms(graph)):
        if _reaches(graph, cls, lambda c: str(c).startswith(ROOT_NAMESPACES)):
            continue
        if cls in rooted:
            reasons = [
                c
                for c in graph.objects(cls, RDFS.comment)
                if isinstance(c, Literal) and str(c).startswith("Rooted at owl:Thing")
            ]
            if not reasons:
                findings.append(
                    QualityFinding("roots", str(cls), "rooted at owl:Thing without a justification")
                )
            continue
        findings.append(
            QualityFinding(
                "roots", str(cls), "no superclass path to ORG, PROV-O, FOAF, SKOS, OWL-Time"
            )
        )
    return findings


def check_domains_ranges(graph: Graph) -> list[QualityFinding]:
    """Every dl: object or datatype property has an rdfs:domain and an rdfs:range."""
    findings = []
    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty):
        terms = dl_terms(graph)
        props = sorted(
            p for p in graph.subjects(RDF.type, kind) if isinstance(p, URIRef) and p in terms
        )
        for prop in props:
            for what in (RDFS.domain, RDFS.range):
                if graph.value(prop, what) is None:
                    name = "rdfs:domain" if what == RDFS.domain else "rdfs:range"
                    findings.append(QualityFinding("domains", str(prop), f"no {name}"))
    return findings


def check_with_hermit(graph: Graph, *, with_vocabularies: bool = True) -> list[QualityFinding]:
    """HermiT finds the ontology consistent and no named class unsatisfiable (needs Java).

    With ``with_vocabularies`` the bundled W3C vocabularies' axioms take part, so that,
    for example, PROV's disjointness of activities and entities is checked too.
    """
    result = run_hermit(graph + reasoning_vocabularies() if with_vocabularies else graph)
    if not result.consistent:
        return [QualityFinding("hermit", "ontology", f"inconsistent: {result.explanation}")]
    return [
        QualityFinding("hermit", iri, "unsatisfiable class (owl:Nothing)")
        for iri in result.unsatisfiable
    ]


def check_ontology(graph: Graph | None = None, *, reasoner: bool = True) -> list[QualityFinding]:
    """All quality checks on ``graph`` (default: the merged dlgraph ontology).

    With ``reasoner=True`` HermiT runs when Java is available; without Java that check
    is reported as a finding of its own rather than silently skipped.
    """
    g = graph if graph is not None else ontology("merged")
    findings = check_labels(g) + check_declared(g) + check_roots(g) + check_domains_ranges(g)
    if reasoner:
        if java_available():
            findings += check_with_hermit(g)
        else:
            findings.append(
                QualityFinding("hermit", "ontology", "not checked: no Java runtime on PATH")
            )
    return findings
