"""Reports leave the data's values out unless asked: the SHACL report in Turtle, the
messages of every report format, and the HTML report with ``--redact``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from typer.testing import CliRunner

import dlgraph
from dlgraph.cli import app
from dlgraph.ontology.namespaces import RDFS, SH

runner = CliRunner()
SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix dl: <https://w3id.org/dlgraph/ontology#> .
<http://e/NameShape> a sh:NodeShape ; sh:targetSubjectsOf foaf:name ;
    sh:property [ sh:path foaf:name ; sh:maxLength 3 ] ;
    sh:property [ sh:path foaf:name ; sh:in ( "Bo" "Li" ) ] ;
    sh:property [ sh:path foaf:knows ; sh:class dl:Unit ] .
"""
DATA = (
    '<http://e/pia> <http://xmlns.com/foaf/0.1/name> "Pia Jensen" .\n'
    "<http://e/pia> <http://xmlns.com/foaf/0.1/knows> <http://e/bo> .\n"
    "<http://e/pia> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
    "<https://w3id.org/dlgraph/ontology#Person> .\n"
)


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("values")
    (folder / "shapes.ttl").write_text(SHAPES, encoding="utf-8")
    (folder / "data.nt").write_text(DATA, encoding="utf-8")
    return folder / "data.nt", folder / "shapes.ttl"


@pytest.fixture(scope="module")
def report(files: tuple[Path, Path]) -> dlgraph.ValidationReport:
    data, shapes = files
    return dlgraph.validate(data, extra_shapes=[shapes], with_ontology=False, engine="pyshacl")


def test_the_turtle_report_leaves_literal_values_out_and_stays_a_shacl_report(
    files: tuple[Path, Path], report: dlgraph.ValidationReport
) -> None:
    data, shapes = files
    args = ["validate", str(data), "--shapes", str(shapes), "--format", "turtle"]
    done = runner.invoke(app, [*args, "--engine", "pyshacl"])
    assert done.exit_code == 1, done.stderr
    page = done.stdout
    assert "Jensen" not in page
    written = Graph().parse(data=page, format="turtle")
    results = list(written.objects(None, SH.result))
    assert len(results) == 3
    for result in results:  # what SHACL requires of each result (section 3.6.2)
        assert len(list(written.objects(result, SH.focusNode))) == 1
        assert len(list(written.objects(result, SH.resultSeverity))) == 1
        assert len(list(written.objects(result, SH.sourceConstraintComponent))) == 1
        assert len(list(written.objects(result, SH.value))) <= 1
    values = list(written.objects(None, SH.value))
    assert values == [URIRef("http://e/bo")]  # an IRI is kept, literals are not
    notes = {str(note) for note in written.objects(None, RDFS.comment)}
    assert notes == {"sh:value left out: a literal of 10 characters (--show-values shows it)"}
    with dlgraph.show_values():
        shown = Graph().parse(data=report.to_turtle(), format="turtle")
    assert Literal("Pia Jensen") in set(shown.objects(None, SH.value))


@pytest.mark.parametrize("fmt", ["text", "json", "turtle"])
def test_no_report_format_quotes_a_value_in_its_messages(
    report: dlgraph.ValidationReport, fmt: str
) -> None:
    page = report.serialize(fmt)
    assert "Jensen" not in page
    assert 'Literal(\\"Bo\\")' in page or 'Literal("Bo")' in page  # the shape's own values
    with dlgraph.show_values():
        assert 'Value Literal(\\"Pia Jensen\\")' in report.serialize(fmt) or (
            'Value Literal("Pia Jensen")' in report.serialize(fmt)
        )


def test_a_report_built_with_values_shown_writes_turtle_without_them(
    files: tuple[Path, Path],
) -> None:
    data, shapes = files
    with dlgraph.show_values():
        report = dlgraph.validate(data, extra_shapes=[shapes], with_ontology=False)
    assert "Jensen" not in report.to_turtle()
    assert all("Jensen" not in r["message"] for r in json.loads(report.to_json())["results"])
