"""Messages and reports leave personal data out unless asked (--show-values)."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import dlgraph
from dlgraph import ParseError
from dlgraph.cli import app
from dlgraph.load.parse import parse_document

runner = CliRunner()
NAME_AS_PREDICATE = (
    '<http://e/x> <http://e/y> <http://e/z> .\n<http://e/pia> "Pia Jensen" <http://e/o> .\n'
)
BAD_DATE = (
    "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
    '<http://e/pia> <http://e/born> "Pia Jensen"^^xsd:date .\n'
)


def test_a_parse_error_does_not_quote_a_string() -> None:
    with pytest.raises(ParseError) as caught:
        parse_document(NAME_AS_PREDICATE, "turtle", source="case.ttl")
    assert "Jensen" not in str(caught.value)
    assert caught.value.token == '"…'
    assert caught.value.line == 2
    with dlgraph.show_values(), pytest.raises(ParseError) as shown:
        parse_document(NAME_AS_PREDICATE, "turtle", source="case.ttl")
    assert shown.value.token is not None and shown.value.token.startswith('"Pia')
    assert '"Pia Jensen" is not a valid predicate' in str(shown.value)


def test_cli_hides_and_shows_values(tmp_path: Path) -> None:
    path = tmp_path / "case.ttl"
    path.write_text(NAME_AS_PREDICATE)
    hidden = runner.invoke(app, ["stats", str(path)])
    assert hidden.exit_code == 2 and "Pia" not in hidden.stderr
    assert hidden.stderr.startswith(f"error: {path}:2:")
    shown = runner.invoke(app, ["--show-values", "stats", str(path)])
    assert shown.exit_code == 2 and '"Pia' in shown.stderr
    again = runner.invoke(app, ["stats", str(path)])
    assert "Pia" not in again.stderr  # the switch does not stick between runs


def test_ill_formed_literals_are_not_logged(
    caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    with caplog.at_level(logging.WARNING):
        graph = dlgraph.load(BAD_DATE)
    assert len(graph) == 1
    assert "Pia" not in caplog.text
    # rdflib also warns (warnings.warn) about odd booleans, with the value: the real
    # command, in its own process, prints none of it.
    path = tmp_path / "odd.ttl"
    path.write_text(
        BAD_DATE
        + '<http://e/pia> <http://e/b> "Pia"^^<http://www.w3.org/2001/XMLSchema#boolean> .\n'
    )
    script = "import sys; from dlgraph.cli import main; sys.argv[0] = 'dlgraph'; main()"
    done = subprocess.run(
        [sys.executable, "-c", script, "stats", str(path), "-f", "csv"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Pia" not in done.stderr and "Traceback" not in done.stderr


SHAPE = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
<http://e/NameShape> a sh:NodeShape ; sh:targetSubjectsOf foaf:name ;
    sh:property [ sh:path foaf:name ; sh:maxLength 3 ] .
"""
DATA = (
    '<http://e/pia> <http://xmlns.com/foaf/0.1/name> "Pia Jensen" .\n'
    "<http://e/pia> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
    "<https://w3id.org/dlgraph/ontology#Person> .\n"
)


def test_validation_reports_leave_literal_values_out(tmp_path: Path) -> None:
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(SHAPE)
    report = dlgraph.validate(DATA, extra_shapes=[shapes], with_ontology=False)
    assert not report.conforms
    assert "Jensen" not in report.to_text()
    assert "Jensen" not in report.to_json()
    (result,) = json.loads(report.to_json())["results"]
    assert result["value"] == {"type": "literal", "value": None, "redacted": True, "length": 10}
    with dlgraph.show_values():
        shown_report = dlgraph.validate(DATA, extra_shapes=[shapes], with_ontology=False)
        assert "Pia Jensen (<http://e/pia>)" in shown_report.to_text()
        assert "Pia Jensen" in report.to_json()  # the value; the label was not kept
    data = tmp_path / "data.nt"
    data.write_text(DATA)
    hidden = runner.invoke(app, ["validate", str(data), "--shapes", str(shapes)])
    assert hidden.exit_code == 1 and "Jensen" not in hidden.stdout
    shown = runner.invoke(app, ["--show-values", "validate", str(data), "--shapes", str(shapes)])
    assert shown.exit_code == 1 and "Pia Jensen" in shown.stdout
