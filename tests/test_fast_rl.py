"""The fast OWL 2 RL path (reasonable plus property chains) keeps exactly owlrl's inferences.

Each test runs both engines on the same data and compares the inferred triples dlgraph
keeps; where the fast path cannot promise owlrl's result it must say so and run owlrl.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS

import dlgraph
from conftest import ROOT
from dlgraph import DL, synthesize
from dlgraph.ontology.namespaces import PROV
from dlgraph.reason import fast_rl
from dlgraph.reason.infer import _is_noise, _owlrl_closure, infer

pytestmark = pytest.mark.skipif(not fast_rl.available(), reason="reasonable is not installed")

EXAMPLES = ["patterns.ttl", "denmark-icdp", "denmark-icdp-incoherent", "sweden-covid-2020"]
EX = "https://example.org/fast-rl/"
XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")
XSD_STRING = URIRef("http://www.w3.org/2001/XMLSchema#string")


def ex(name: str) -> URIRef:
    return URIRef(EX + name)


def _both(data: Graph) -> tuple[dlgraph.Reasoning, dlgraph.Reasoning]:
    return infer(data, "rl", engine="owlrl"), infer(data, "rl")


@pytest.mark.parametrize("name", EXAMPLES)
def test_identical_to_owlrl_on_every_example(name: str) -> None:
    data = dlgraph.load(ROOT / "examples" / name).union(inferred=False)
    baseline, fast = _both(data)
    assert (baseline.engine, fast.engine, fast.fallback) == ("owlrl", "reasonable", "")
    assert len(baseline.inferred) > 50
    assert set(fast.inferred) == set(baseline.inferred)


@pytest.mark.slow
def test_identical_to_owlrl_on_a_synthetic_town(tmp_path: Path) -> None:
    path = tmp_path / "town.nt"
    synthesize(1, path, seed=0)
    data = dlgraph.load(path).union(inferred=False)
    baseline, fast = _both(data)
    assert fast.engine == "reasonable", fast.fallback
    assert len(baseline.inferred) > 4000
    assert set(fast.inferred) == set(baseline.inferred)


def test_property_chains_are_followed() -> None:
    """reasonable 0.4.4 has no prp-spo2; dlgraph adds it (delegation -> actedOnBehalfOf)."""
    data = dlgraph.load(ROOT / "tests" / "data" / "reasoning.ttl").union(inferred=False)
    result = infer(data, "rl")
    assert result.engine == "reasonable"
    assert (
        URIRef("https://example.org/reasoning/pia"),
        PROV.actedOnBehalfOf,
        URIRef("https://example.org/reasoning/leader"),
    ) in result.inferred


def _town_fragment() -> Graph:
    graph = Graph()
    graph.add((ex("task"), RDF.type, DL.LeadershipTask))
    graph.add((ex("task"), RDFS.label, Literal("a task")))
    return graph


@pytest.mark.parametrize(
    ("extra", "reason"),
    [
        ((ex("task"), RDF.type, DL.Mandate), "disjoint classes"),
        ((ex("task"), RDF.type, OWL.Nothing), "schema"),
        ((ex("C"), RDFS.subClassOf, DL.LeadershipTask), "schema"),
        ((ex("C"), RDF.type, OWL.Class), "schema"),
        ((ex("task"), DL.startDate, Literal("not a date", datatype=XSD_DATE)), "ill-typed"),
        ((ex("task"), OWL.sameAs, DL.Principal), "owl:sameAs"),
        ((ex("task"), OWL.sameAs, Literal("x")), "owl:sameAs"),
        ((URIRef("https://example.org/not an iri"), RDF.type, DL.LeadershipTask), "Oxigraph"),
        ((ex("task"), RDFS.label, Literal("x", datatype=XSD_STRING)), "would merge"),
    ],
)
def test_what_reasonable_cannot_promise_runs_on_owlrl(
    extra: tuple[URIRef, URIRef, URIRef | Literal],
    reason: str,
    capfd: pytest.CaptureFixture[str],
) -> None:
    data = _town_fragment()
    if reason == "would merge":
        data.add((ex("other"), RDFS.label, Literal("x")))
    data.add(extra)
    result = infer(data, "rl")
    assert result.engine == "owlrl"
    assert reason in result.fallback
    out, err = capfd.readouterr()
    assert "panicked" not in out + err


def test_an_inferred_member_of_nothing_is_left_to_owlrl() -> None:
    schema = Graph()
    schema.add((ex("C"), RDFS.subClassOf, OWL.Nothing))
    closed = set(_owlrl_closure(_copy_graph(schema), "rl"))
    data = Graph()
    data.add((ex("x"), RDF.type, ex("C")))
    with pytest.raises(fast_rl.NotApplicable, match="owl:Nothing"):
        fast_rl.closure(closed, data)  # type: ignore[arg-type]
    data.remove((ex("x"), RDF.type, ex("C")))
    data.add((ex("x"), RDF.type, ex("D")))
    assert (ex("x"), RDF.type, ex("D")) in fast_rl.closure(closed, data)  # type: ignore[arg-type]


def test_engine_owlrl_and_unknown_engines() -> None:
    data = _town_fragment()
    assert infer(data, "rl", engine="owlrl").engine == "owlrl"
    assert infer(data, "rdfs").engine == "owlrl"
    with pytest.raises(dlgraph.errors.UnknownNameError):
        infer(data, "rl", engine="fast")


# --- random schemas: reasonable + chains against owlrl on the same small TBox and ABox ---

CLASSES = [ex(f"C{i}") for i in range(4)]
PROPERTIES = [ex(f"p{i}") for i in range(4)]
PEOPLE = [ex(f"a{i}") for i in range(5)]

_class = st.sampled_from(CLASSES)
_property = st.sampled_from(PROPERTIES)
_person = st.sampled_from(PEOPLE)
_axiom = st.one_of(
    st.tuples(st.just("sub"), _class, _class),
    st.tuples(st.just("subp"), _property, _property),
    st.tuples(st.just("domain"), _property, _class),
    st.tuples(st.just("range"), _property, _class),
    st.tuples(st.just("inverse"), _property, _property),
    st.tuples(st.just("eqc"), _class, _class),
    st.tuples(st.just("eqp"), _property, _property),
    st.tuples(
        st.just("kind"),
        _property,
        st.sampled_from(
            [
                OWL.TransitiveProperty,
                OWL.SymmetricProperty,
                OWL.FunctionalProperty,
                OWL.InverseFunctionalProperty,
            ]
        ),
    ),
    st.tuples(st.just("svf"), _class, _property, _class),
    st.tuples(st.just("avf"), _class, _property, _class),
    st.tuples(st.just("hv"), _class, _property, _person),
    st.tuples(st.just("int"), _class, _class, _class),
    st.tuples(st.just("uni"), _class, _class, _class),
    st.tuples(st.just("chain"), _property, st.lists(_property, min_size=2, max_size=3)),
    st.tuples(st.just("disjoint"), _class, _class),
)
_fact = st.one_of(
    st.tuples(st.just("type"), _person, _class),
    st.tuples(st.just("rel"), _person, _property, _person),
)


def _schema(axioms: list[tuple[object, ...]]) -> Graph:
    graph = Graph()
    for axiom in axioms:
        kind, *args = axiom
        if kind == "sub":
            graph.add((args[0], RDFS.subClassOf, args[1]))  # type: ignore[arg-type]
        elif kind == "subp":
            graph.add((args[0], RDFS.subPropertyOf, args[1]))  # type: ignore[arg-type]
        elif kind in ("domain", "range"):
            graph.add((args[0], RDFS[kind], args[1]))  # type: ignore[arg-type]
        elif kind == "inverse":
            graph.add((args[0], OWL.inverseOf, args[1]))  # type: ignore[arg-type]
        elif kind == "eqc":
            graph.add((args[0], OWL.equivalentClass, args[1]))  # type: ignore[arg-type]
        elif kind == "eqp":
            graph.add((args[0], OWL.equivalentProperty, args[1]))  # type: ignore[arg-type]
        elif kind == "kind":
            graph.add((args[0], RDF.type, args[1]))  # type: ignore[arg-type]
        elif kind in ("svf", "avf", "hv"):
            restriction = BNode()
            value = {"svf": OWL.someValuesFrom, "avf": OWL.allValuesFrom, "hv": OWL.hasValue}
            graph.add((restriction, RDF.type, OWL.Restriction))
            graph.add((restriction, OWL.onProperty, args[1]))  # type: ignore[arg-type]
            graph.add((restriction, value[kind], args[2]))  # type: ignore[arg-type]
            graph.add((args[0], OWL.equivalentClass, restriction))  # type: ignore[arg-type]
        elif kind in ("int", "uni"):
            expression, head = BNode(), BNode()
            Collection(graph, head, [args[1], args[2]])  # type: ignore[list-item]
            keyword = OWL.intersectionOf if kind == "int" else OWL.unionOf
            graph.add((expression, keyword, head))
            graph.add((args[0], OWL.equivalentClass, expression))  # type: ignore[arg-type]
        elif kind == "chain":
            head = BNode()
            Collection(graph, head, list(args[1]))  # type: ignore[arg-type]
            graph.add((args[0], OWL.propertyChainAxiom, head))  # type: ignore[arg-type]
        elif kind == "disjoint":
            graph.add((args[0], OWL.disjointWith, args[1]))  # type: ignore[arg-type]
    return graph


def _facts(facts: list[tuple[object, ...]]) -> Graph:
    graph = Graph()
    for kind, *args in facts:
        if kind == "type":
            graph.add((args[0], RDF.type, args[1]))  # type: ignore[arg-type]
        else:
            graph.add((args[0], args[1], args[2]))  # type: ignore[arg-type]
    return graph


def _kept(
    closure: set[tuple[object, ...]], schema: Graph, closed: set[tuple[object, ...]], data: Graph
) -> set[tuple[object, ...]]:
    """What dlgraph would keep: the filter of :func:`dlgraph.reason.infer.infer`."""
    terms = (
        set(schema.subjects())
        | {o for o in schema.objects() if isinstance(o, BNode)}
        | set(data.predicates())
        | set(data.objects(None, RDF.type))
    )
    asserted = set(data)
    return {
        t for t in closure if t not in closed and t not in asserted and not _is_noise(*t, terms)
    }


@cache
def _owlrl_schema_closure(schema_nt: str) -> frozenset[tuple[object, ...]]:
    graph = Graph().parse(data=schema_nt, format="nt")
    return frozenset(_owlrl_closure(graph, "rl"))


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.lists(_axiom, min_size=1, max_size=8), st.lists(_fact, min_size=1, max_size=10))
def test_random_schemas_and_facts_match_owlrl(
    axioms: list[tuple[object, ...]], facts: list[tuple[object, ...]]
) -> None:
    schema, data = _schema(axioms), _facts(facts)
    closed = set(_owlrl_closure(_copy_graph(schema), "rl"))
    baseline = set(_owlrl_closure(_copy_graph(schema, data), "rl"))
    try:
        fast = fast_rl.closure(closed, data)  # type: ignore[arg-type]
    except fast_rl.NotApplicable as reason:
        # only inconsistencies or schema rewrites may send the data to owlrl here
        assert any(word in str(reason) for word in ("disjoint", "owl:Nothing", "schema")), reason
        return
    assert _kept(fast, schema, closed, data) == _kept(baseline, schema, closed, data)  # type: ignore[arg-type]


def _copy_graph(*graphs: Graph) -> Graph:
    result = Graph()
    for graph in graphs:
        for triple in graph:
            result.add(triple)
    return result
