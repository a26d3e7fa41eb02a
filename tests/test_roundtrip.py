"""Property: for every format, loading what dlgraph wrote gives back the same graph."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

import dlgraph
from dlgraph import FORMATS

EX = "http://example.org/"
XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")

names = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=6)
iris = names.map(lambda n: URIRef(EX + n))
# RDF/XML writes a property as an XML element, so its IRI must end in an XML name.
properties = names.map(lambda n: URIRef(EX + "p" + n))
blank = st.sampled_from([BNode(f"b{i}") for i in range(4)])
# Characters XML 1.0 can carry unchanged (no C0 controls but tab and newline, no CR).
text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff")
    | st.sampled_from(["\n", "\t", '"', "'", "\\", "<", "&", "@"]),
    max_size=20,
)
literals = st.one_of(
    text.map(Literal),
    st.tuples(text, st.sampled_from(["en", "sv", "da", "en-gb"])).map(
        lambda t: Literal(t[0], lang=t[1])
    ),
    st.integers(min_value=-(10**12), max_value=10**12).map(Literal),
    st.booleans().map(Literal),
    st.dates().map(lambda d: Literal(d.isoformat(), datatype=XSD_DATE)),
)
subjects = st.one_of(iris, blank)
objects = st.one_of(iris, blank, literals)
triples = st.lists(st.tuples(subjects, properties, objects), max_size=12)


def as_graph(statements: list[tuple[URIRef | BNode, URIRef, URIRef | BNode | Literal]]) -> Graph:
    graph = Graph(identifier=URIRef(EX + "graph"))
    for statement in statements:
        graph.add(statement)
    return graph


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(statements=triples)
def test_triples_round_trip(fmt: str, statements: list[tuple[URIRef, URIRef, Literal]]) -> None:
    original = as_graph(statements)
    written = dlgraph.load(original).serialize(fmt)
    again = dlgraph.load(written, format=fmt)
    assert isomorphic(again.union(), original)


@pytest.mark.parametrize("fmt", sorted(name for name, f in FORMATS.items() if f.quads))
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(graphs=st.dictionaries(names, triples, min_size=1, max_size=3))
def test_named_graphs_round_trip(
    fmt: str, graphs: dict[str, list[tuple[URIRef, URIRef, Literal]]]
) -> None:
    dataset = Dataset()
    for name, statements in graphs.items():
        target = dataset.graph(URIRef(EX + "g/" + name))
        for s, p, o in statements:
            # blank nodes are not shared between graphs in this property
            s2 = BNode(f"{name}{s}") if isinstance(s, BNode) else s
            o2 = BNode(f"{name}{o}") if isinstance(o, BNode) else o
            target.add((s2, p, o2))
    original = dlgraph.load(dataset)
    again = dlgraph.load(original.serialize(fmt), format=fmt)
    assert again.graph_names() == original.graph_names()
    for name in original.graph_names():
        assert isomorphic(again.named_graph(name), original.named_graph(name)), name


def test_rdfxml_refuses_properties_without_an_xml_name() -> None:
    graph = Graph()
    graph.add((URIRef(EX + "a"), URIRef(EX + "0"), URIRef(EX + "b")))
    with pytest.raises(dlgraph.InputError, match="cannot be written as RDF/XML"):
        dlgraph.load(graph).serialize("xml")
