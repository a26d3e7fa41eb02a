"""Pseudonymising persons: keyed, stable across files, irreversible, structure kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import FOAF, RDF
from typer.testing import CliRunner

import dlgraph
from dlgraph import DL, anonymize
from dlgraph.anonymize.pseudonyms import read_key
from dlgraph.cli import app
from dlgraph.ontology.namespaces import SCHEMA

runner = CliRunner()
KEY = b"a long secret key for the tests, not a real one"

CASE = """
@prefix dl: <https://w3id.org/dlgraph/ontology#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix schema: <https://schema.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix ex: <https://example.org/case/> .

ex:pia a dl:Person ;
    foaf:name "Pia Jensen" ;
    foaf:givenName "Pia" ;
    foaf:familyName "Jensen" ;
    rdfs:label "Pia Jensen"@da ;
    foaf:mbox <mailto:pia@skole.dk> ;
    schema:telephone "+45 12 34 56 78" .
ex:ole a foaf:Person ; foaf:name "Ole Hansen" .
ex:school a dl:SchoolUnit ; rdfs:label "Nordskolen"@da .
ex:act a dl:LeadershipAct ; dl:actor ex:pia ;
    rdfs:comment "Pia Jensen stepped forward."@en .
ex:quote a dl:Quote ;
    dl:quoteText "Pia tog ansvar, sagde Ole Hansen."@da ;
    dl:quotedFrom ex:source .
ex:membership dl:member ex:ole ; dl:unit ex:school .
"""

PERSONAL = ("Pia", "Jensen", "Ole Hansen", "pia@skole.dk", "12 34 56 78")


def _text(graph: Graph) -> str:
    return graph.serialize(format="nt")


def test_personal_values_are_gone_and_structure_is_kept() -> None:
    source = Graph().parse(data=CASE, format="turtle")
    result = anonymize(source, KEY)
    text = _text(result.graph)
    for value in PERSONAL:
        assert value not in text
    assert "https://example.org/case/pia" not in text
    assert "Nordskolen" in text  # not a person
    assert len(result.graph) == len(source) + 2  # two dl:isPseudonym marks
    assert set(result.graph.predicates()) == set(source.predicates()) | {DL.isPseudonym}
    persons = set(result.graph.subjects(DL.isPseudonym, Literal(True)))
    assert len(persons) == 2
    assert all(str(p).startswith("https://example.org/case/person-") for p in persons)
    (actor,) = result.graph.objects(URIRef("https://example.org/case/act"), DL.actor)
    assert actor in persons and (actor, RDF.type, DL.Person) in result.graph
    assert result.persons == 2
    assert result.replaced == {
        "person IRIs": 2,
        "foaf:name": 2,
        "foaf:givenName": 1,
        "foaf:familyName": 1,
        "rdfs:label": 1,
        "foaf:mbox": 1,
        "schema:telephone": 1,
        "names inside rdfs:comment": 1,
        "names inside dl:quoteText": 1,
    }
    summary = result.summary()
    for value in PERSONAL:
        assert value not in summary
    assert isomorphic(source, Graph().parse(data=CASE, format="turtle"))  # input unchanged


def test_same_key_same_pseudonyms_across_files_other_key_other_pseudonyms() -> None:
    one = anonymize(Graph().parse(data=CASE, format="turtle"), KEY).graph
    other_file = Graph().parse(
        data="@prefix foaf: <http://xmlns.com/foaf/0.1/> .\n"
        '<https://example.org/case/pia> a foaf:Person ; foaf:name "Pia Jensen" .\n',
        format="turtle",
    )
    two = anonymize(other_file, KEY).graph
    name_one = {(s, o) for s, o in one.subject_objects(FOAF.name)}
    name_two = {(s, o) for s, o in two.subject_objects(FOAF.name)}
    assert name_two <= name_one
    assert isomorphic(anonymize(Graph().parse(data=CASE, format="turtle"), KEY).graph, one)
    third = anonymize(Graph().parse(data=CASE, format="turtle"), b"another key").graph
    assert not set(third.subject_objects(FOAF.name)) & name_one


def test_without_a_key_the_pseudonyms_are_random() -> None:
    source = Graph().parse(data=CASE, format="turtle")
    first, second = anonymize(source), anonymize(source)
    assert not first.keyed and "random key" in first.summary()
    assert set(first.graph.subject_objects(FOAF.name)) != set(
        second.graph.subject_objects(FOAF.name)
    )


def test_pseudonyms_keep_language_and_kind_of_value() -> None:
    result = anonymize(Graph().parse(data=CASE, format="turtle"), KEY).graph
    (mbox,) = result.objects(None, FOAF.mbox)
    assert isinstance(mbox, URIRef) and str(mbox).endswith("@example.invalid")
    (phone,) = result.objects(None, SCHEMA.telephone)
    assert isinstance(phone, Literal) and str(phone).startswith("+000 ")
    danish = [
        o
        for o in result.objects(None, URIRef("http://www.w3.org/2000/01/rdf-schema#label"))
        if isinstance(o, Literal) and str(o).startswith("Person ")
    ]
    assert [o.language for o in danish] == ["da"]


def test_named_graphs_are_kept() -> None:
    graph = dlgraph.load(CASE, graph_name="https://example.org/municipality/1")
    result = anonymize(graph.dataset, KEY)
    assert isinstance(result.graph, Dataset)
    names = {str(g.identifier) for g in result.graph.graphs() if len(g)}
    assert "https://example.org/municipality/1" in names


def test_key_file_and_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    key_file = tmp_path / "key"
    key_file.write_bytes(b"from-file\n")
    monkeypatch.setenv("DLGRAPH_ANON_KEY", "from-env")
    assert read_key(key_file) == b"from-file"
    assert read_key() == b"from-env"
    monkeypatch.delenv("DLGRAPH_ANON_KEY")
    assert read_key() is None
    (tmp_path / "empty").write_text("")
    with pytest.raises(dlgraph.InputError, match="empty"):
        read_key(tmp_path / "empty")
    with pytest.raises(dlgraph.InputError, match="cannot read the key file"):
        read_key(tmp_path / "missing")


def test_cli_anonymize_reports_counts_never_values(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "case.ttl"
    source.write_text(CASE)
    out = tmp_path / "anon.ttl"
    key_file = tmp_path / "key"
    key_file.write_bytes(KEY)
    result = runner.invoke(
        app, ["anonymize", str(source), "-o", str(out), "--key-file", str(key_file)]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr.splitlines()[:3] == [
        "persons pseudonymised: 2",
        "  foaf:familyName: 1",
        "  foaf:givenName: 1",
    ]
    for value in PERSONAL:
        assert value not in result.stderr
        assert value not in out.read_text()
    again = tmp_path / "again.ttl"
    monkeypatch.setenv("DLGRAPH_ANON_KEY", KEY.decode())
    assert runner.invoke(app, ["anonymize", str(source), "-o", str(again)]).exit_code == 0
    assert isomorphic(Graph().parse(out), Graph().parse(again))
    shown = runner.invoke(app, ["anonymize", str(source), "-o", str(again), "--show-mapping", "-q"])
    assert "Pia Jensen\tPerson " in shown.stderr


def test_cli_anonymize_errors(tmp_path: Path) -> None:
    source = tmp_path / "case.ttl"
    source.write_text(CASE)
    result = runner.invoke(
        app, ["anonymize", str(source), "-o", str(tmp_path / "x.ttl"), "--key-file", "nope"]
    )
    assert result.exit_code == 2
    assert result.stderr.startswith("error: nope: cannot read the key file")
