"""The compiled engine (SHACL as SPARQL on Oxigraph) gives pySHACL's report."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

import dlgraph
from conftest import ROOT, TEST_DATA
from dlgraph import UnknownNameError
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
