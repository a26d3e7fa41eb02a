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


# --- the HTML report ----------------------------------------------------------------------

NAMED = """
@prefix dl: <https://w3id.org/dlgraph/ontology#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix ex: <https://example.org/r/> .
ex:school a dl:SchoolUnit ; rdfs:label "Anna Svenssons lärgrupp"@sv .
ex:anna a dl:Person ; foaf:name "Anna Svensson" ; foaf:givenName "Anna" ;
    dl:formalLeaderOf ex:school ; dl:evidence ex:q1 .
ex:bo a dl:Person ; foaf:name "Bo Ek" ; org:memberOf ex:school .
ex:pia a dl:Person ; foaf:name "P-7" ; dl:isPseudonym true ; org:memberOf ex:school .
ex:q1 a dl:Quote ; dl:quoteText "Anna said that Bo Ek should lead the group"@en .
"""


def _names_in(page: str) -> list[str]:
    """The names (and the quote) found in ``page``; ``anna`` in lower case is the IRI's."""
    return [name for name in ("Anna", "Svensson", "Bo Ek", "should lead") if name in page]


def test_the_html_report_shows_names_only_when_asked_and_never_with_redact() -> None:
    graph = Graph().parse(data=NAMED, format="turtle")
    plain = dlgraph.html_report(graph)
    everything = ["Anna", "Svensson", "Bo Ek", "should lead"]
    assert _names_in(plain) == everything  # a unit's label and a quote name them
    with dlgraph.show_values():
        named = dlgraph.html_report(graph)
        redacted = dlgraph.html_report(graph, redact=True)
    assert _names_in(named) == everything
    assert _names_in(redacted) == []
    assert "P-7" in redacted  # a pseudonym is shown
    assert "(left out of this report: --redact)" in redacted
    assert "ex:anna" in redacted or "https://example.org/r/anna" in redacted  # by id


def test_report_redact_on_the_example_with_names_leaves_none(tmp_path: Path) -> None:
    from conftest import EXAMPLES

    folder = tmp_path / "sweden"
    source = EXAMPLES / "sweden-covid-2020"
    folder.mkdir()
    for file in source.iterdir():
        (folder / file.name).write_bytes(file.read_bytes())
    people = (folder / "people.csv").read_text(encoding="utf-8")
    people = people.replace(" (pseudonym),true,", " Lindqvist,false,")  # real-looking names
    (folder / "people.csv").write_text(people, encoding="utf-8")
    names = [line.split(",")[1] for line in people.splitlines()[1:]]
    assert len(names) > 10 and all("Lindqvist" in name for name in names)
    graph = dlgraph.load(folder)
    with dlgraph.show_values():
        named = dlgraph.html_report(graph)
        page = dlgraph.html_report(graph, redact=True)
    assert all(name in named for name in names)
    assert "Lindqvist" not in page
    assert not any(name in page for name in names)
    assert "principal" in page  # a role, not a name


def test_the_report_command_redacts(tmp_path: Path) -> None:
    (tmp_path / "named.ttl").write_text(NAMED, encoding="utf-8")
    out = tmp_path / "report.html"
    args = ["--show-values", "report", str(tmp_path / "named.ttl"), "-o", str(out), "-q"]
    done = runner.invoke(app, [*args, "--redact"])
    assert done.exit_code == 0, done.stderr
    assert _names_in(out.read_text(encoding="utf-8")) == []
