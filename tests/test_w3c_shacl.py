"""The W3C SHACL test suite (Core and SHACL-SPARQL), run through dlgraph's validation engine.

Manifest-driven: every ``sht:Validate`` entry reachable from the suite's top manifest
becomes one test. Each runs :func:`dlgraph.validate.pyshacl_engine.run_shacl` (the entry point that
:func:`dlgraph.validate` uses underneath) with the entry's own data and shapes graphs,
without dlgraph's ontology or shapes, and compares the outcome with ``mf:result``:

* ``sht:Failure``: the engine must refuse the shapes (``ShapesError``);
* a ``sh:ValidationReport``: the same ``sh:conforms``, and the same results up to blank
  nodes. Each result is reduced to a signature of its focus node, value, path (with the
  structure of a complex path), severity, source shape and constraint component, blank
  nodes standing for the structure they describe; the sorted lists of signatures must be
  equal, so duplicated and missing results count. The messages the suite expects of a
  result must be among those the engine gives it.

The suite lives in ``<repo root>/../shared/w3c/shacl-test-suite``; without it the tests
are skipped with that reason. Cases the engine is known to fail are marked xfail with
the reason (strict: a case that starts passing must be unmarked).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from conftest import W3C, need_w3c, w3c_missing
from dlgraph import ShapesError
from dlgraph.ontology.namespaces import RDF, SH
from dlgraph.oxigraph.copy import copy_to_oxigraph
from dlgraph.validate.compiled import UnsupportedShapes, compile_shapes, run_compiled
from dlgraph.validate.outcome import EngineOutcome
from dlgraph.validate.pyshacl_engine import run_shacl

SUITE = W3C / "shacl-test-suite"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
SHT = Namespace("http://www.w3.org/ns/shacl-test#")

COMPARED = (
    SH.focusNode,
    SH.value,
    SH.resultPath,
    SH.resultSeverity,
    SH.sourceShape,
    SH.sourceConstraintComponent,
)
"""The properties of a result that must agree (sh:resultMessage is checked apart)."""

# The suite tests ill-formed literals on purpose; rdflib warns when it reads them.
ILL_FORMED = "ignore:Parsing weird boolean"
pytestmark = pytest.mark.filterwarnings(ILL_FORMED)

XFAIL: dict[str, str] = {
    "core/property/uniqueLang-002": (
        'pySHACL takes sh:uniqueLang "1"^^xsd:boolean for true and reports the duplicate '
        "language; SHACL activates the constraint only with the literal true, so the suite "
        "expects no result"
    ),
    "sparql/pre-binding/shapesGraph-001": (
        "pySHACL does not support the pre-bound variable $shapesGraph in SPARQL constraints "
        "(it raises NotImplementedError, which the engine reports as ShapesError)"
    ),
}
"""Cases the engine fails, with the reason; listed in the README's conformance notes."""


@dataclass(frozen=True)
class Case:
    """One sht:Validate entry of the suite."""

    name: str
    manifest: Path
    entry: URIRef
    data: Path
    shapes: Path


def _path_of(uri: Node) -> Path:
    return Path(unquote(urlparse(str(uri)).path))


def _manifest_graph(manifest: Path) -> Graph:
    return Graph().parse(manifest, format="turtle")


def _collect(manifest: Path) -> list[Case]:
    graph = _manifest_graph(manifest)
    cases: list[Case] = []
    for include in sorted(graph.objects(None, MF.include), key=str):
        cases.extend(_collect(_path_of(include)))
    for entries in graph.objects(None, MF.entries):
        for entry in Collection(graph, entries):
            if (entry, RDF.type, SHT.Validate) not in graph or not isinstance(entry, URIRef):
                continue
            action = graph.value(entry, MF.action)
            data = graph.value(action, SHT.dataGraph)
            shapes = graph.value(action, SHT.shapesGraph)
            relative = manifest.relative_to(SUITE).with_suffix("")
            name = f"{relative.parent}/{str(entry).rsplit('/', 1)[-1]}"
            cases.append(Case(name, manifest, entry, _path_of(data), _path_of(shapes)))
    return cases


def _params() -> list[object]:
    if not (SUITE / "manifest.ttl").is_file():
        return [
            pytest.param(
                None,
                marks=w3c_missing(SUITE),
                id="suite-missing",
            )
        ]
    params: list[object] = []
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Parsing weird boolean")
        cases = _collect(SUITE / "manifest.ttl")
    for case in cases:
        marks = (
            [pytest.mark.xfail(reason=XFAIL[case.name], strict=True)] if case.name in XFAIL else []
        )
        params.append(pytest.param(case, marks=marks, id=case.name))
    return params


Signature = tuple[tuple[str, object], ...]


def _canonical(graph: Graph, node: Node) -> object:
    """A blank node as the sorted structure it describes (a path, a list); IRIs and
    literals as themselves. Blank nodes that describe nothing are all alike: results are
    compared up to blank nodes."""
    if not isinstance(node, BNode):
        return node.n3()
    described = sorted(
        (str(predicate), repr(_canonical(graph, obj)))
        for predicate, obj in graph.predicate_objects(node)
    )
    return ("_:", tuple(described))


def _results(
    report: Graph, report_node: Node, shapes: Graph
) -> list[tuple[Signature, frozenset[Literal]]]:
    """Each result of the report as its compared signature and its messages."""
    results = []
    for result in report.objects(report_node, SH.result):
        signature: list[tuple[str, object]] = []
        for predicate in COMPARED:
            for obj in report.objects(result, predicate):
                value: object
                if predicate == SH.resultPath:
                    described = report if (obj, None, None) in report else shapes
                    value = _canonical(described, obj)
                elif predicate == SH.sourceShape and isinstance(obj, BNode):
                    # An anonymous shape is told apart by its path, where it has one.
                    paths = shapes.objects(obj, SH.path)
                    value = ("shape", tuple(sorted(repr(_canonical(shapes, p)) for p in paths)))
                elif isinstance(obj, BNode):
                    value = "_:"  # a node of the data graph: compared up to blank nodes
                else:
                    value = obj.n3()
                signature.append((str(predicate), repr(value)))
        messages = frozenset(
            m for m in report.objects(result, SH.resultMessage) if isinstance(m, Literal)
        )
        results.append((tuple(sorted(signature)), messages))
    return sorted(results, key=lambda pair: pair[0])


@pytest.mark.parametrize("case", _params())
def test_w3c_shacl(case: Case) -> None:
    manifest = _manifest_graph(case.manifest)
    data = manifest if case.data == case.manifest else Graph().parse(case.data, format="turtle")
    shapes = (
        manifest if case.shapes == case.manifest else Graph().parse(case.shapes, format="turtle")
    )
    expected = manifest.value(case.entry, MF.result)

    if expected == SHT.Failure:
        with pytest.raises(ShapesError):
            run_shacl(data, shapes)
        return

    outcome = run_shacl(data, shapes)
    assert expected is not None
    expected_conforms = manifest.value(expected, SH.conforms)
    assert expected_conforms is not None
    assert outcome.conforms == expected_conforms.toPython()

    report_nodes = list(outcome.report.subjects(RDF.type, SH.ValidationReport))
    assert len(report_nodes) == 1
    actual = _results(outcome.report, report_nodes[0], shapes)
    wanted = _results(manifest, expected, shapes)
    assert [signature for signature, _ in actual] == [signature for signature, _ in wanted]
    for (_, actual_messages), (_, wanted_messages) in zip(actual, wanted, strict=True):
        assert wanted_messages <= actual_messages


# -------------------------------------------------------------------------------------
# The compiled engine (SHACL as SPARQL on Oxigraph) on the cases it compiles
# -------------------------------------------------------------------------------------

COMPILED_XFAIL: dict[str, str] = {}
"""Cases the compiled engine compiles but answers differently from the suite."""


def _compiled_outcome(data: Graph, shapes: Graph) -> EngineOutcome:
    return run_compiled(copy_to_oxigraph(data), shapes)


@pytest.mark.parametrize("case", _params())
def test_w3c_shacl_compiled(case: Case) -> None:
    """The compiled engine gives the suite's results on every case it compiles.

    A case whose shapes use a feature outside the compiled subset is skipped with that
    reason (``engine="auto"`` hands such shapes to pySHACL); ``test_compiled_subset``
    keeps the subset from shrinking unnoticed.
    """
    manifest = _manifest_graph(case.manifest)
    data = manifest if case.data == case.manifest else Graph().parse(case.data, format="turtle")
    shapes = (
        manifest if case.shapes == case.manifest else Graph().parse(case.shapes, format="turtle")
    )
    expected = manifest.value(case.entry, MF.result)
    try:
        compile_shapes(shapes)
    except UnsupportedShapes as error:
        if expected == SHT.Failure:
            return  # refused, as the suite wants
        pytest.skip(f"outside the compiled subset: {error.message}")
    except ShapesError:
        assert expected == SHT.Failure
        return
    if expected == SHT.Failure:
        with pytest.raises(ShapesError):
            _compiled_outcome(data, shapes)
        return
    outcome = _compiled_outcome(data, shapes)
    assert expected is not None
    expected_conforms = manifest.value(expected, SH.conforms)
    assert expected_conforms is not None
    assert outcome.conforms == expected_conforms.toPython()
    report_nodes = list(outcome.report.subjects(RDF.type, SH.ValidationReport))
    actual = _results(outcome.report, report_nodes[0], shapes)
    wanted = _results(manifest, expected, shapes)
    assert [signature for signature, _ in actual] == [signature for signature, _ in wanted]


def test_compiled_subset() -> None:
    """The compiled engine keeps compiling at least the cases it compiles today."""
    need_w3c("shacl-test-suite", "manifest.ttl")
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Parsing weird boolean")
        cases = _collect(SUITE / "manifest.ttl")
    compiled = []
    for case in cases:
        manifest = _manifest_graph(case.manifest)
        shapes = (
            manifest
            if case.shapes == case.manifest
            else Graph().parse(case.shapes, format="turtle")
        )
        try:
            compile_shapes(shapes)
        except ShapesError:
            continue
        compiled.append(case.name)
    assert len(compiled) >= COMPILED_AT_LEAST, sorted(compiled)


COMPILED_AT_LEAST = 27
