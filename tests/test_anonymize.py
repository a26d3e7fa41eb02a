"""Pseudonymising persons: keyed, stable across files, irreversible, structure kept."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import FOAF, OWL, RDF, RDFS, SKOS
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


# --- names the graph itself gives, wherever and however they are written -------------

LEAKS = """
@prefix dl: <https://w3id.org/dlgraph/ontology#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix schema: <https://schema.org/> .
@prefix ex: <https://example.org/case/> .
@prefix annas: <https://example.org/people/anna-svensson/> .

<https://example.org/graphs/anna-svensson> {
  ex:anna a dl:Person ; foaf:name "Anna Svensson" ; foaf:givenName "Anna" ;
      foaf:familyName "Svensson" ; foaf:mbox <mailto:anna.svensson@skola.se> ;
      schema:telephone "+46 70 123 45 67" ;
      owl:sameAs <https://people.example.net/anna_svensson/profile> .
  ex:bo a dl:Person ; foaf:name "Bo Ek" ; foaf:givenName "Bo" .
  ex:js a foaf:Person ; foaf:name "J. Smith Jr." .
  ex:asa a dl:Person ; foaf:name "\u00c5sa \u00d6berg" .
  ex:anne a dl:Person ; foaf:name "Anne Hansen" .
  ex:group a dl:LearningGroup ; rdfs:label "Anna Svensson's learning group"@en ;
      skos:prefLabel "Annas team"@sv , "Annes hold"@da .
  ex:membership-anna-svensson dl:member ex:anna ; dl:unit ex:school .
  ex:school a dl:SchoolUnit ; rdfs:label "Nordskolen"@sv .
  ex:anna\\/role dl:heldBy ex:anna .
  annas:page rdfs:comment "a page" .
  <https://example.org/x/Anna%20Svensson> rdfs:comment "percent-encoded" .
  <https://example.org/x/%C3%85sa-%C3%96berg> rdfs:comment "percent-encoded NFC" .
  <https://example.org/x/A%CC%8Asa_O%CC%88berg> rdfs:comment "percent-encoded NFD" .
  <https://example.org/x/annaSvensson> rdfs:comment "camel case" .
  <https://example.org/x/annasvensson> rdfs:comment "run together" .
  <https://example.org/x/asa-oberg> rdfs:comment "diacritics dropped" .
  _:annasvensson rdfs:comment "a blank node named after her" .
  ex:quote a dl:Quote ;
      dl:quoteText '''ANNA SVENSSON sa att Bo ville bo i stan. Annes bil. Skriv till
 anna.svensson@skola.se eller mailto:anna.svensson%40skola.se, ring 070-123 45 67.
 J. Smith Jr. kom. \u00c5sa \u00d6bergs grupp. Svenssonarna kom. Det sa Karin.'''@sv ;
      dl:quoteText "A\u030asa O\u0308berg said Anna's idea was good."@en ;
      rdfs:seeAlso "https://example.org/case/anna"^^xsd:anyURI ;
      rdfs:comment "https://example.org/case/anna" , "bo" , "BO EK" , "asa.oberg kom" .
}
"""

LONG_NAMES = ("anna", "svensson", "smith", "åsa", "asa", "aasa", "öberg", "oberg", "oeberg")
LONG_NAMES += ("anne", "hansen", "annasvensson")
"""Every word in the output that starts with one of these is a leak."""


def _words(text: str) -> set[str]:
    """The words of ``text`` (letters only, camelCase cut), NFC and case-folded."""
    text = unicodedata.normalize("NFC", unquote(text))
    text = re.sub(r"(?<=[a-zåäöæø])(?=[A-ZÅÄÖÆØ])", " ", text)
    return {w.casefold() for w in re.findall(r"[^\W\d_]+", text)}


def _assert_no_names(text: str, *, allowed_lower: str = "") -> None:
    """No long name, and no short name in its given spelling or capitals, in ``text``."""
    words = _words(text)
    leaked = sorted(w for w in words for name in LONG_NAMES if w.startswith(name))
    assert not leaked, leaked
    assert not re.search(r"\b(?:Bo|BO|Ek|EK)\b", unicodedata.normalize("NFC", unquote(text)))
    assert "anna.svensson" not in text.casefold() and "123 45 67" not in text


def _terms(graph: Graph) -> Iterator[str]:
    for quad in Dataset().parse(data=graph.serialize(format="nquads"), format="nquads").quads():
        for term in quad:
            if term is not None:
                yield str(term.identifier if isinstance(term, Graph) else term)


def test_no_form_of_a_name_survives_in_any_literal_or_iri() -> None:
    source = dlgraph.load(LEAKS, format="trig").dataset
    result = anonymize(source, KEY)
    for term in _terms(result.graph):
        _assert_no_names(term)
    for _prefix, namespace in result.graph.namespaces():
        _assert_no_names(str(namespace))
    assert "annas" not in {prefix for prefix, _ in result.graph.namespaces()}
    text = result.graph.serialize(format="trig")
    assert "Nordskolen" in text and "ville bo i stan" in text  # not names: kept
    assert result.left == {
        "lower-case words equal to a short name, kept as words (dl:quoteText)": 1,
        "capitalised words the graph does not give as a name (dl:quoteText)": 1,
    }
    assert result.left_words == ("Karin",)
    for value in ("Anna", "Svensson", "Karin", "Bo"):
        assert value not in result.summary()


def test_one_pseudonym_per_person_in_iris_names_and_text() -> None:
    result = anonymize(dlgraph.load(LEAKS, format="trig").dataset, KEY).graph
    (anna,) = {s for s in result.subjects(FOAF.familyName, None)}
    token = str(anna).rsplit("person-", 1)[1]
    assert set(result.objects(anna, FOAF.name)) == {Literal(f"Person {token}")}
    assert set(result.objects(anna, FOAF.givenName)) == {Literal(f"Person {token}")}
    texts = [str(o) for o in result.objects(None, DL.quoteText)]
    assert any(t.startswith(f"Person {token} sa att Person ") for t in texts)
    assert any(f"Person {token}'s idea" in t for t in texts)
    labels = {str(o) for o in result.objects(None, SKOS.prefLabel)}
    assert f"Person {token}:s team" in labels
    graphs = {str(g.identifier) for g in result.graphs() if len(g)}
    assert f"https://example.org/graphs/person-{token}" in graphs
    (alias,) = result.objects(anna, OWL.sameAs)
    assert str(alias).endswith(f"person-{token}")
    member = URIRef(f"https://example.org/case/membership-person-{token}")
    assert (member, DL.member, anna) in result
    assert str(next(iter(result.objects(None, RDFS.seeAlso)))) == str(anna)
    assert (URIRef(f"{anna}/role"), DL.heldBy, anna) in result


def test_short_names_go_as_names_and_stay_as_ordinary_words() -> None:
    source = Graph().parse(
        data="@prefix foaf: <http://xmlns.com/foaf/0.1/> .\n"
        '<https://example.org/bo> a foaf:Person ; foaf:givenName "Bo" .\n'
        '<https://example.org/q> <https://example.org/says> "Bo vill bo i stan, sa BO." , "bo" .\n',
        format="turtle",
    )
    result = anonymize(source, KEY)
    says = {str(o) for o in result.graph.objects(None, URIRef("https://example.org/says"))}
    (person,) = result.graph.subjects(FOAF.givenName, None)
    name = f"Person {str(person).rsplit('person-', 1)[1]}"
    assert says == {f"{name} vill bo i stan, sa {name}.", name}
    assert result.left == {
        "lower-case words equal to a short name, kept as words (https://example.org/says)": 1
    }


def test_a_name_two_persons_share_gets_a_pseudonym_of_its_own() -> None:
    source = Graph().parse(
        data="@prefix foaf: <http://xmlns.com/foaf/0.1/> .\n"
        '<https://example.org/a> a foaf:Person ; foaf:name "Anna Berg" .\n'
        '<https://example.org/b> a foaf:Person ; foaf:name "Anna Lund" .\n'
        '<https://example.org/q> <https://example.org/says> "Anna kom, Anna Lund också." .\n',
        format="turtle",
    )
    result = anonymize(source, KEY).graph
    tokens = {str(s).rsplit("person-", 1)[1] for s in result.subjects(FOAF.name, None)}
    (said,) = result.objects(None, URIRef("https://example.org/says"))
    first, second = re.findall(r"Person ([0-9a-f]{12})", str(said))
    assert second in tokens and first not in tokens and "Anna" not in str(said)


def test_text_without_names_is_kept_byte_for_byte_and_rewritten_text_is_nfc() -> None:
    nfd = unicodedata.normalize("NFD", "Skolan på Åsgatan")
    source = Graph()
    person = URIRef("https://example.org/p")
    source.add((person, RDF.type, FOAF.Person))
    source.add((person, FOAF.name, Literal("Åsa Öberg")))
    source.add((URIRef("https://example.org/s"), RDFS.comment, Literal(nfd)))
    source.add((URIRef("https://example.org/t"), RDFS.comment, Literal(nfd + ", sa Åsa")))
    result = anonymize(source, KEY).graph
    kept = str(result.value(URIRef("https://example.org/s"), RDFS.comment))
    assert kept == nfd
    changed = str(result.value(URIRef("https://example.org/t"), RDFS.comment))
    assert changed == unicodedata.normalize("NFC", changed) and "Åsa" not in changed
    assert changed.startswith("Skolan på Åsgatan, sa Person ")


@pytest.mark.parametrize("suffix", [".ttl", ".trig", ".nt", ".nq", ".jsonld", ".rdf"])
def test_cli_leaves_no_name_in_any_output_format(tmp_path: Path, suffix: str) -> None:
    source = tmp_path / "case.trig"
    source.write_text(LEAKS, encoding="utf-8")
    key_file = tmp_path / "key"
    key_file.write_bytes(KEY)
    out = tmp_path / f"anon{suffix}"
    result = runner.invoke(
        app, ["anonymize", str(source), "-o", str(out), "--key-file", str(key_file)]
    )
    assert result.exit_code == 0, result.output
    _assert_no_names(out.read_text(encoding="utf-8"))
    for term in _terms(dlgraph.load(out).dataset):
        _assert_no_names(term)
    assert "left as written, review before publishing:" in result.stderr
    assert "Karin" not in result.stderr and "Anna" not in result.stderr
    shown = runner.invoke(
        app,
        ["anonymize", str(source), "-o", str(out), "--key-file", str(key_file), "--show-values"],
    )
    assert "words left: Karin" in shown.stderr


def test_values_that_are_not_text_are_kept_and_names_in_bytes_are_reported() -> None:
    source = Graph().parse(
        data="@prefix foaf: <http://xmlns.com/foaf/0.1/> .\n"
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        '<https://example.org/t> a foaf:Person ; foaf:name "True Svensson" .\n'
        "<https://example.org/x> <https://example.org/flag> true ;\n"
        '  <https://example.org/blob> "VHJ1ZSBTdmVuc3Nvbg=="^^xsd:base64Binary ;\n'
        '  <https://example.org/bad> "Svensson"^^xsd:integer ;\n'
        '  <https://example.org/tagged> "hej"@sv-x-svensson .\n',
        format="turtle",
    )
    result = anonymize(source, KEY)
    x = URIRef("https://example.org/x")
    assert result.graph.value(x, URIRef("https://example.org/flag")) == Literal(True)
    bad = result.graph.value(x, URIRef("https://example.org/bad"))
    assert bad is not None and "Svensson" not in str(bad)  # ill-typed: rewritten as text
    assert result.left == {
        "names inside binary values, not rewritten (https://example.org/blob)": 1,
        "names inside language tags, not rewritten (https://example.org/tagged)": 1,
    }
    assert result.left_words == ("True Svensson", "svensson")


def test_roles_given_as_names_vocabularies_and_schemes_are_not_taken_for_names() -> None:
    source = Graph().parse(
        data="@prefix foaf: <http://xmlns.com/foaf/0.1/> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        '<https://example.org/t> a foaf:Person ; foaf:name "Teacher 1.0.2" .\n'
        '<https://example.org/n> a foaf:Person ; foaf:name "School nurse N (pseudonym)" .\n'
        '<https://example.org/o> a foaf:Person ; foaf:name "Http Org" .\n'
        '<https://example.org/people/p7/> a foaf:Person ; foaf:name "Eva Lind" .\n'
        '<https://example.org/people/p7/role> rdfs:comment "the school nurse and a teacher,'
        ' Teacher 1.0.2 and School nurse N (pseudonym)" .\n',
        format="turtle",
    )
    result = anonymize(source, KEY).graph
    (comment,) = result.objects(None, RDFS.comment)
    assert re.fullmatch(
        r"the school nurse and a teacher, Person [0-9a-f]{12} and Person [0-9a-f]{12}\)",
        str(comment),
    )
    (role,) = result.subjects(RDFS.comment, None)
    (eva,) = result.subjects(FOAF.name, Literal(f"Person {str(role).split('person-')[1][:12]}"))
    assert str(role) == f"{eva}role" and str(eva).endswith("/")
    assert str(role).startswith("https://example.org/people/")  # scheme and .org kept
    assert set(result.predicates()) == set(source.predicates()) | {DL.isPseudonym}
