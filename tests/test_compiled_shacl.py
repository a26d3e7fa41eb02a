"""The compiled engine (SHACL as SPARQL on Oxigraph) gives pySHACL's report."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from rdflib import BNode, Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.term import Node

import dlgraph
from conftest import ROOT, TEST_DATA
from dlgraph import UnknownNameError
from dlgraph.errors import ShapesError
from dlgraph.ontology.namespaces import SH
from dlgraph.validate.api import shapes_graph
from dlgraph.validate.compiled import UnsupportedShapes, compile_shapes

RULES = TEST_DATA / "shapes"
RULE_FILES = sorted(RULES.glob("rule*/*.ttl"))
EXAMPLES = sorted(
    p for p in (ROOT / "examples").rglob("*") if p.suffix in (".ttl", ".yaml") and p.is_file()
)


def test_dlgraph_shapes_all_compile() -> None:
    checks = compile_shapes(shapes_graph())
    shapes = {str(c.shape).rsplit("#", 1)[-1] for c in checks}
    assert len(shapes) >= 20
    assert all("?this" in c.query for c in checks)


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_rule_graphs_same_report(path: Path) -> None:
    graph = Graph().parse(path)
    reference = dlgraph.validate(graph, engine="pyshacl")
    assert dlgraph.validate(graph, engine="oxigraph").results == reference.results


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_examples_same_report(path: Path) -> None:
    graph = dlgraph.load(path)
    for lang in ("en", "sv"):
        reference = dlgraph.validate(graph, engine="pyshacl", lang=lang)
        fast = dlgraph.validate(graph, engine="oxigraph", lang=lang)
        assert fast.results == reference.results
        assert fast.to_text() == reference.to_text()


def test_unknown_engine() -> None:
    with pytest.raises(UnknownNameError):
        dlgraph.validate(Graph(), engine="fast")  # type: ignore[arg-type]


def test_unsupported_shapes_fall_back_under_auto_and_fail_under_oxigraph() -> None:
    extra = Graph().parse(
        data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix ex: <https://example.org/> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        ex:S a sh:NodeShape ; sh:targetNode ex:a ;
            sh:property [ sh:path ex:p ; sh:datatype xsd:integer ] .
        """,
        format="turtle",
    )
    data = Graph().parse(
        data='<https://example.org/a> <https://example.org/p> "x" .', format="turtle"
    )
    with pytest.raises(UnsupportedShapes):
        dlgraph.validate(data, engine="oxigraph", extra_shapes=[extra])
    auto = dlgraph.validate(data, engine="auto", extra_shapes=[extra])
    assert auto.results == dlgraph.validate(data, engine="pyshacl", extra_shapes=[extra]).results
    assert len(auto.for_rule(None)) == 1


_DATATYPE_SHAPE = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <https://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:S a sh:NodeShape ; sh:targetNode ex:a ;
    sh:property [ sh:path ex:p ; sh:datatype xsd:integer ] .
"""


@pytest.mark.parametrize("as_file", [False, True], ids=["graph", "file"])
def test_auto_falls_back_to_pyshacl_above_the_threshold(
    as_file: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above the size threshold ``auto`` tries the compiled engine, then pySHACL."""
    fast = importlib.import_module("dlgraph.validate.from_file")
    api = importlib.import_module("dlgraph.validate.api")
    engines = importlib.import_module("dlgraph.validate.engines")

    tried: list[str] = []

    def spy(original: object, name: str) -> object:
        def run(*args: object, **kwargs: object) -> object:
            tried.append(name)
            return original(*args, **kwargs)  # type: ignore[operator]

        return run

    monkeypatch.setattr(api, "choose_engine", spy(engines.choose_engine, "graph"))
    monkeypatch.setattr(fast, "choose_engine", spy(engines.choose_engine, "file"))
    monkeypatch.setattr(engines, "AUTO_ENGINE_THRESHOLD", 1)
    extra = Graph().parse(data=_DATATYPE_SHAPE, format="turtle")
    path = tmp_path / "data.ttl"
    path.write_text('<https://example.org/a> <https://example.org/p> "x" .\n', encoding="utf-8")
    data: object = path if as_file else Graph().parse(path)

    auto = dlgraph.validate(data, engine="auto", extra_shapes=[extra])  # type: ignore[arg-type]

    # A file is tried on the fast path first, then (read into rdflib) on the graph path.
    assert tried == (["file", "graph"] if as_file else ["graph"])
    reference = dlgraph.validate(Graph().parse(path), engine="pyshacl", extra_shapes=[extra])
    assert auto.results == reference.results
    assert [r.constraint_component for r in auto.results] == [
        URIRef("http://www.w3.org/ns/shacl#DatatypeConstraintComponent")
    ]
    with pytest.raises(UnsupportedShapes):
        dlgraph.validate(data, engine="oxigraph", extra_shapes=[extra])  # type: ignore[arg-type]


_ANCHOR_SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <https://example.org/> .
ex:Paired a sh:NodeShape ;
    sh:targetSubjectsOf ex:from ;
    sh:sparql [
        sh:select \"\"\"
            SELECT $this ?value WHERE {
              $this <https://example.org/from> ?start ; <https://example.org/to> ?value .
              FILTER (?value != "FILTER (") BIND ("x)" AS ?note)
              FILTER NOT EXISTS {
                ?start <https://example.org/in> ?group . ?value <https://example.org/in> ?group .
                FILTER (?group != <https://example.org/ignored>)
              }
            }
        \"\"\" ] .
ex:Counted a sh:NodeShape ;
    sh:targetClass ex:Group ;
    sh:sparql [
        sh:select \"\"\"
            SELECT $this WHERE {
              OPTIONAL {
                ?member <https://example.org/in> $this .
                ?member <https://example.org/unit> ?unit
              }
            }
            GROUP BY $this
            HAVING (COUNT(DISTINCT ?unit) < 2)
        \"\"\" ] .
"""

_ANCHOR_DATA = """
@prefix ex: <https://example.org/> .
ex:d1 ex:from ex:a ; ex:to ex:b .
ex:d2 ex:from ex:a ; ex:to ex:c .
ex:d3 ex:from ex:c ; ex:to ex:b .
ex:d4 ex:from ex:a ; ex:to "FILTER (" .
ex:a ex:in ex:g1 , ex:ignored . ex:b ex:in ex:g1 , ex:ignored . ex:c ex:in ex:ignored .
ex:g1 a ex:Group . ex:g2 a ex:Group . ex:g3 a ex:Group .
ex:a ex:unit ex:u1 , ex:u2 . ex:b ex:in ex:g2 ; ex:unit ex:u1 . ex:c ex:in ex:g2 ; ex:unit ex:u1 .
"""


def test_anchored_left_joins_keep_pyshacl_results() -> None:
    """Repeated target and triple patterns in the compiled left joins change no result."""
    extra = Graph().parse(data=_ANCHOR_SHAPES, format="turtle")
    data = Graph().parse(data=_ANCHOR_DATA, format="turtle")
    checks = [c for c in compile_shapes(extra) if "example.org" in str(c.shape)]
    paired = next(c for c in checks if str(c.shape).endswith("Paired"))
    counted = next(c for c in checks if str(c.shape).endswith("Counted"))
    # The EXISTS block does not name $this: the group's triple patterns join it.
    assert paired.query.count("<https://example.org/from> ?start") == 2
    # The OPTIONAL starts from the target.
    assert counted.query.count("rdf-schema#subClassOf>* <https://example.org/Group>") == 2
    reference = dlgraph.validate(data, engine="pyshacl", extra_shapes=[extra], with_ontology=False)
    fast = dlgraph.validate(data, engine="oxigraph", extra_shapes=[extra], with_ontology=False)
    assert fast.results == reference.results
    found = sorted((str(r.focus_node).rsplit("/", 1)[-1], str(r.value)) for r in fast.results)
    assert found == [
        ("d2", "https://example.org/c"),  # a and c share only the ignored group
        ("g2", "https://example.org/g2"),  # b and c come from one unit
        ("g3", "https://example.org/g3"),
    ]


_NESTED_SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <https://example.org/> .
ex:Placed a sh:NodeShape ;
    sh:targetClass ex:Group ;
    sh:sparql [
        sh:select \"\"\"
            SELECT $this WHERE {
              OPTIONAL {
                ?member <https://example.org/in> $this .
                ?member <https://example.org/unit> ?unit .
                OPTIONAL {
                  SELECT $this ?unit ?place WHERE { ?unit <https://example.org/under>+ ?place }
                }
                BIND (COALESCE(?place, ?unit) AS ?where)
              }
            }
            GROUP BY $this
            HAVING (COUNT(DISTINCT ?where) < 2)
        \"\"\" ] .
"""

_NESTED_DATA = """
@prefix ex: <https://example.org/> .
ex:g1 a ex:Group . ex:g2 a ex:Group .
ex:a ex:in ex:g1 ; ex:unit ex:team1 . ex:b ex:in ex:g1 ; ex:unit ex:school1 .
ex:c ex:in ex:g2 ; ex:unit ex:team1 . ex:d ex:in ex:g2 ; ex:unit ex:school2 .
ex:team1 ex:under ex:school1 .
"""


def test_a_nested_select_without_this_is_compiled_and_one_with_it_is_not() -> None:
    """A sub-select whose group does not use $this means the same for every focus node;
    one whose group does would need pre-binding inside it, which the join does not give."""
    extra = Graph().parse(data=_NESTED_SHAPES, format="turtle")
    data = Graph().parse(data=_NESTED_DATA, format="turtle")
    reference = dlgraph.validate(data, engine="pyshacl", extra_shapes=[extra], with_ontology=False)
    fast = dlgraph.validate(data, engine="oxigraph", extra_shapes=[extra], with_ontology=False)
    assert fast.results == reference.results
    # g1's team lies in school1, its other member's unit: one place; g2 has two.
    assert [str(r.focus_node) for r in fast.results] == ["https://example.org/g1"]
    under = "?unit <https://example.org/under>+ ?place"
    using = _NESTED_SHAPES.replace(under, f"{under} . ?place <https://example.org/has> $this")
    with pytest.raises(UnsupportedShapes, match="nested SELECT"):
        compile_shapes(Graph().parse(data=using, format="turtle"))
    # SHACL 5.3.1: a sub-select returns the pre-bound $this (pySHACL refuses it too).
    hiding = _NESTED_SHAPES.replace("SELECT $this ?unit ?place", "SELECT ?unit ?place")
    with pytest.raises(ShapesError, match="does not select") as refused:
        compile_shapes(Graph().parse(data=hiding, format="turtle"))
    assert not isinstance(refused.value, UnsupportedShapes)


def _left_to_the_engine(report: Graph) -> Graph:
    """The report without the descriptions of blank ``sh:sourceConstraint`` nodes.

    SHACL 5.3.2 makes the constraint node the value of ``sh:sourceConstraint``; whether
    its triples (its query text, messages, prefixes) are copied into the report is left
    to the engine: pySHACL copies them, the compiled engine does not. Everything else,
    the path of ``sh:resultPath`` among it (SHACL 3.6.2.3), must be the same.
    """
    dropped: set[Node] = set()
    todo = [c for c in report.objects(None, SH.sourceConstraint) if isinstance(c, BNode)]
    while todo:
        node = todo.pop()
        if node in dropped:
            continue
        dropped.add(node)
        todo.extend(o for o in report.objects(node, None) if isinstance(o, BNode))
    kept = Graph()
    for triple in report:
        if triple[0] not in dropped:
            kept.add(triple)
    return kept


@pytest.fixture(scope="module")
def town(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("town") / "town.nt"
    dlgraph.synthesize(1, path, seed=0)
    return path


@pytest.mark.parametrize("source", [*EXAMPLES, "town"], ids=lambda p: getattr(p, "name", p))
def test_report_graphs_of_both_engines_are_isomorphic(source: Path | str, town: Path) -> None:
    path = town if source == "town" else Path(source)
    graph = dlgraph.load(path)
    reference = dlgraph.validate(graph, engine="pyshacl").graph
    compiled = [dlgraph.validate(graph, engine="oxigraph").graph]
    if path.suffix == ".nt":
        compiled.append(dlgraph.validate(path, engine="oxigraph").graph)  # read by Oxigraph
    for report in compiled:
        assert isomorphic(_left_to_the_engine(report), _left_to_the_engine(reference))
    if source == "town":
        # The town has results whose path is not an IRI: each is written out in full.
        paths = list(reference.objects(None, SH.resultPath))
        assert any(isinstance(p, BNode) for p in paths)
        for report in compiled:
            for p in report.objects(None, SH.resultPath):
                assert not isinstance(p, BNode) or (p, None, None) in report


def test_a_path_that_is_not_an_iri_is_written_in_full_in_the_turtle_report() -> None:
    graph = Graph().parse(RULES / "rule1" / "fails-no-mandate.ttl")
    text = dlgraph.validate(graph, engine="oxigraph").to_turtle()
    assert "sh:resultPath [ ]" not in text
    assert (
        "sh:resultPath [ sh:alternativePath ( dl:hasMandate [ sh:inversePath dl:forTask ] ) ]"
        in text
    )
