"""The researcher case format: reading, errors with file/line/key, CSV lists, the starter
case and `dlgraph new`, and the patterns example against its Turtle twin."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import FOAF, ORG, PROV, RDF, RDFS
from typer.testing import CliRunner

import dlgraph
from conftest import EXAMPLES
from dlgraph import DL, AuthoringError, InputError
from dlgraph.authoring import (
    case_problems,
    case_to_graph,
    case_to_jsonld,
    load_case,
    load_case_text,
    new_case,
)
from dlgraph.cli import app

HEAD = "case: t\nbase: https://example.org/t/\n"
T = "https://example.org/t/"
# plain namespaces: pytest trips over the closed ones when it inspects module globals
TIME = Namespace("http://www.w3.org/2006/time#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")


def _error(text: str, name: str = "case.yaml", folder: Path | None = None) -> AuthoringError:
    with pytest.raises(AuthoringError) as caught:
        load_case_text(text, source_name=name, base_dir=folder)
    return caught.value


# (name, YAML text, exact error text, line, key)
BAD_CASES = [
    (
        "unknown top-level key",
        HEAD + "peple:\n  - id: a\n",
        "case.yaml:3:1: unknown key 'peple'\ndid you mean 'people'?",
        3,
        "peple",
    ),
    (
        "unknown key of an item",
        HEAD + "people:\n  - id: a\n    pseudonm: true\n",
        "case.yaml:5:5: unknown key 'pseudonm' in people[1]\ndid you mean 'pseudonym'?",
        5,
        "pseudonm",
    ),
    (
        "not a boolean",
        HEAD + "people:\n  - id: a\n    pseudonym: maybe\n",
        "case.yaml:5:16: 'pseudonym' must be true or false, not 'maybe'",
        5,
        "pseudonym",
    ),
    (
        "a number where text belongs",
        HEAD + "people:\n  - id: a\n    name: 12\n",
        "case.yaml:5:11: 'name' must be text, not a number\nput the value in quotes",
        5,
        "name",
    ),
    (
        "an undefined person",
        HEAD + "people:\n  - id: anna\nunits:\n  - id: u1\n"
        "memberships:\n  - person: ana\n    unit: u1\n    role: teacher\n",
        "case.yaml:8:13: 'ana' is not defined: 'person' takes a person\ndid you mean 'anna'?",
        8,
        "person",
    ),
    (
        "a unit where a person belongs",
        HEAD + "people:\n  - id: anna\nunits:\n  - id: u1\n"
        "memberships:\n  - person: u1\n    unit: u1\n    role: teacher\n",
        "case.yaml:8:13: 'u1' is a unit, but 'person' takes a person",
        8,
        "person",
    ),
    (
        "an undefined unit, defined later in the file",
        HEAD + "memberships:\n  - person: anna\n    unit: school\n    role: teacher\n"
        "people:\n  - id: anna\nunits:\n  - id: schools\n",
        "case.yaml:5:11: 'school' is not defined: 'unit' takes a unit or room\n"
        "did you mean 'schools'?",
        5,
        "unit",
    ),
    (
        "a misspelt role",
        HEAD + "people:\n  - id: anna\nunits:\n  - id: u1\n"
        "memberships:\n  - person: anna\n    unit: u1\n    role: techer\n",
        "case.yaml:10:11: 'techer' is not defined: 'role' takes a role\ndid you mean 'teacher'?",
        10,
        "role",
    ),
    (
        "a kind of act where a value belongs",
        HEAD + "people:\n  - id: a\nacts:\n  - actor: a\n    aligned_with: [coordinating]\n",
        "case.yaml:7:20: 'coordinating' is a built-in act kind, but 'aligned_with' takes a "
        "value or goal",
        7,
        "aligned_with",
    ),
    (
        "no base",
        "case: t\n",
        "case.yaml:1:1: missing key 'base'\nThe IRI every local id is appended to; ends with '/'.",
        1,
        "base",
    ),
    (
        "a base that is not an IRI",
        "case: t\nbase: example.org/t\n",
        "case.yaml:2:7: 'example.org/t' is not a usable base IRI\n"
        "give an http(s) IRI that ends with '/', e.g. https://example.org/my-case/",
        2,
        "base",
    ),
    (
        "a base with no value",
        "case: t\nbase:\n",
        "case.yaml:2:6: 'base' has no value\nThe IRI every local id is appended to; ends with '/'.",
        2,
        "base",
    ),
    (
        "a base that urllib cannot split",
        "case: t\nbase: https://[example.org/t/\n",
        "case.yaml:2:7: 'https://[example.org/t/' is not a usable base IRI\n"
        "give an http(s) IRI that ends with '/', e.g. https://example.org/my-case/",
        2,
        "base",
    ),
    (
        "an id used twice",
        HEAD + "people:\n  - id: a\nunits:\n  - id: a\n",
        "case.yaml:6:9: the id 'a' is already used by people[1]\n"
        "ids are unique in a case; people[1] is at case.yaml:4",
        6,
        "id",
    ),
    (
        "an item without id",
        HEAD + "people:\n  - name: X\n",
        "case.yaml:4:5: people[1] has no id\ngive it one, e.g. id: person-1",
        4,
        "id",
    ),
    (
        "a required key missing",
        HEAD + "quotes:\n  - id: q\n    text: x\n    locator: p. 1\n",
        # the hint says what a source is and how to write one, not the schema's words
        "case.yaml:4:5: quotes[1] lacks 'source'\nevery quote needs 'source': the id of the "
        "publication, document, interview or observation its words come from, listed under "
        "sources: (- id: interview-1, kind: interview, title: ...); then write source: "
        "interview-1",
        4,
        "source",
    ),
    (
        "an impossible date",
        HEAD + "periods:\n  - id: p\n    start: 2020-02-30\n",
        "case.yaml:5:12: '2020-02-30' is not a date YYYY-MM-DD",
        5,
        "start",
    ),
    (
        "an interval that ends before it starts",
        HEAD + "units:\n  - id: u\npeople:\n  - id: a\nmemberships:\n  - person: a\n"
        "    unit: u\n    role: teacher\n    during: 2020-03-01/2020-01-01\n",
        "case.yaml:11:13: the interval '2020-03-01/2020-01-01' ends before it starts",
        11,
        "during",
    ),
    (
        "a misspelt kind",
        HEAD + "units:\n  - id: u\n    kind: scool-unit\n",
        "case.yaml:5:11: 'scool-unit' is not a kind of unit\ndid you mean 'school-unit'?",
        5,
        "kind",
    ),
    (
        "broken YAML",
        HEAD + "people: [\n",
        "case.yaml:4:1: not valid YAML: expected the node content, but found '<stream end>'",
        4,
        None,
    ),
    (
        "a value id that is a built-in name",
        HEAD + "values:\n  - id: trust\n",
        "case.yaml:4:9: the id 'trust' of values is a built-in name of the format\n"
        "choose another id, e.g. with a prefix: my-trust",
        4,
        "id",
    ),
    (
        "a key given twice",
        HEAD + "people:\n  - id: a\n    name: A\n    name: B\n",
        "case.yaml:6:5: duplicate key 'name'\nfirst given on line 5",
        6,
        "name",
    ),
    (
        "a section that is not a list",
        HEAD + "people:\n  id: a\n",
        "case.yaml:4:3: 'people' must be a list of items (lines starting with '- ') or the "
        "path of a CSV file",
        4,
        "people",
    ),
    (
        "a language map with a bad tag",
        HEAD + "units:\n  - id: u\n    name: {english: U}\n",
        "case.yaml:5:12: 'english' is not a language tag such as en, sv, da\n"
        "write 'name' as words, or as {en: ..., sv: ...}",
        5,
        "name",
    ),
    (
        "an unknown key inside an association",
        HEAD + "people:\n  - id: a\nmandates:\n  - id: m\n"
        "acts:\n  - actor: a\n    association: {agent: a, plna: m}\n",
        "case.yaml:9:29: unknown key 'plna' in 'association'\ndid you mean 'plan'?",
        9,
        "plna",
    ),
    (
        "an empty file",
        "",
        "case.yaml:1:1: the case file is empty\nstart from `dlgraph new CASE-NAME`",
        1,
        None,
    ),
]


@pytest.mark.parametrize(
    ("text", "message", "line", "key"),
    [case[1:] for case in BAD_CASES],
    ids=[case[0] for case in BAD_CASES],
)
def test_bad_case_names_file_line_and_key(
    text: str, message: str, line: int, key: str | None
) -> None:
    error = _error(text)
    assert str(error) == message
    assert (error.source, error.line, error.key) == ("case.yaml", line, key)
    assert error.exit_code == 2


def test_more_problems_are_counted_in_the_hint() -> None:
    error = _error(HEAD + "people:\n  - id: a\n    nme: A\n    pseudonim: true\n")
    assert str(error) == (
        "case.yaml:5:5: unknown key 'nme' in people[1]\ndid you mean 'name'?\n"
        "(1 more problem(s) in this case after this one)"
    )


def test_case_problems_lists_every_problem(tmp_path: Path) -> None:
    case = tmp_path / "c.yaml"
    case.write_text(HEAD + "people:\n  - id: a\n    nme: A\n  - id: a\n", encoding="utf-8")
    problems = case_problems(case)
    assert [(p.line, p.key) for p in problems] == [(5, "nme"), (6, "id")]
    assert case_problems(EXAMPLES / "patterns.yaml") == []


# --- CSV ------------------------------------------------------------------------------


def _csv_case(tmp_path: Path, rows: str, section: str = "people") -> Path:
    (tmp_path / "list.csv").write_text(rows, encoding="utf-8")
    case = tmp_path / "case.yaml"
    case.write_text(HEAD + f"units:\n  - id: u1\n{section}: list.csv\n", encoding="utf-8")
    return case


CSV_CASES = [
    (
        "unknown column",
        "people",
        "id,nmae\na,A\n",
        "list.csv:1: unknown column 'nmae' in the header of people\ndid you mean 'name'?",
        1,
        "nmae",
    ),
    (
        "not a boolean",
        "people",
        "id,name,pseudonym\na,A,true\nb,B,perhaps\n",
        "list.csv:3: row 2, column 'pseudonym': 'perhaps' is not true or false",
        3,
        "pseudonym",
    ),
    (
        "an undefined unit",
        "people",
        "id,formal_leader_of\na,u2\n",
        "list.csv:2: row 1, column 'formal_leader_of': 'u2' is not defined: "
        "'formal_leader_of' takes a unit",
        2,
        "formal_leader_of",
    ),
    (
        "a required column missing in a row",
        "memberships",
        "person,unit,role\n,u1,teacher\n",
        "list.csv:2: row 1, column 'person': memberships row 1 lacks 'person'\n"
        "every membership needs 'person': write the id of a person after it, e.g. person: "
        "person-1",
        2,
        "person",
    ),
    (
        "a nested key in a CSV file",
        "acts",
        "actor,association\nu1,x\n",
        "list.csv:1: 'association' cannot be given in a CSV file\n"
        "write the acts that need it in the YAML file",
        1,
        "association",
    ),
]


@pytest.mark.parametrize(
    ("section", "rows", "message", "line", "key"),
    [case[1:] for case in CSV_CASES],
    ids=[case[0] for case in CSV_CASES],
)
def test_bad_csv_names_file_row_and_column(
    tmp_path: Path, section: str, rows: str, message: str, line: int, key: str
) -> None:
    case = _csv_case(tmp_path, rows, section)
    with dlgraph.show_values(), pytest.raises(AuthoringError) as caught:
        load_case(case)  # the values of a CSV file are shown only when asked
    assert str(caught.value) == str(tmp_path / message)
    assert (caught.value.line, caught.value.key) == (line, key)


def test_missing_csv_file_is_named(tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    case.write_text(HEAD + "people: nobody.csv\n", encoding="utf-8")
    with pytest.raises(AuthoringError) as caught:
        load_case(case)
    assert str(caught.value) == (
        f"{case}:3:9: cannot read the CSV file nobody.csv: No such file or directory"
    )


def test_csv_rows_and_yaml_items_mix_in_one_section(tmp_path: Path) -> None:
    (tmp_path / "more.csv").write_text(
        'id,name,pseudonym,formal_leader_of\nb,Bea (pseudonym),yes,u1\n,,,\nc,"Carl, C.",FALSE,\n',
        encoding="utf-8",
    )
    case = tmp_path / "case.yaml"
    case.write_text(
        HEAD + "units:\n  - id: u1\npeople:\n  - id: a\n    name: Ann\n  - more.csv\n",
        encoding="utf-8",
    )
    graph = load_case(case)
    people = set(graph.subjects(RDF.type, DL.Person))
    assert people == {URIRef(T + "a"), URIRef(T + "b"), URIRef(T + "c")}
    assert (URIRef(T + "c"), FOAF.name, Literal("Carl, C.")) in graph
    assert (URIRef(T + "b"), DL.isPseudonym, Literal(True)) in graph
    assert (URIRef(T + "c"), DL.isPseudonym, Literal(False)) in graph
    assert (URIRef(T + "b"), DL.formalLeaderOf, URIRef(T + "u1")) in graph


def test_a_csv_file_alone_is_not_a_case(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text("id\na\n", encoding="utf-8")
    with pytest.raises(AuthoringError, match="a CSV file is one list of a case"):
        load_case(path)


# --- what the format means ------------------------------------------------------------


def test_values_become_the_ontology_terms_the_context_maps_them_to() -> None:
    graph = load_case_text(
        HEAD
        + "language: sv\n"
        + "units:\n  - id: u\n    kind: upper-secondary-school\n"
        + "    name: {en: School U, da: Skole U}\n    formal_leader: [p]\n"
        + "people:\n  - id: p\n    name: P\n"
        + "values:\n  - id: v\n    name: Tillit\n"
        + "acts:\n  - id: a\n    actor: p\n    kind: [structuring, translating]\n"
        + "    time: 2020-03-18\n    during: 2020-03-01/..\n    aligned_with: [trust, v]\n"
    )
    u, p, a, v = (URIRef(T + n) for n in "upav")
    assert (u, RDF.type, DL.UpperSecondarySchool) in graph
    assert (u, RDFS.label, Literal("School U", lang="en")) in graph
    assert (u, RDFS.label, Literal("Skole U", lang="da")) in graph
    assert (p, DL.formalLeaderOf, u) in graph
    assert (p, FOAF.name, Literal("P")) in graph
    assert (v, RDFS.label, Literal("Tillit", lang="sv")) in graph
    assert set(graph.objects(a, DL.actKind)) == {DL.Structuring, DL.Translating}
    assert set(graph.objects(a, DL.alignedWith)) == {DL.Trust, v}
    assert (a, PROV.startedAtTime, Literal("2020-03-18T00:00:00", datatype=XSD.dateTime)) in (graph)
    (interval,) = graph.objects(a, DL.inPeriod)
    assert isinstance(interval, BNode)
    assert (interval, RDF.type, TIME.Interval) in graph
    assert list(graph.objects(interval, TIME.hasEnd)) == []
    (start,) = graph.objects(interval, TIME.hasBeginning)
    assert (start, TIME.inXSDDate, Literal("2020-03-01", datatype=XSD.date)) in graph


def test_quotes_take_the_language_of_their_source() -> None:
    graph = load_case_text(
        HEAD + "sources:\n  - id: s\n    language: da\n"
        "quotes:\n  - id: q\n    source: s\n    text: Hvad er mandatet?\n    locator: l. 28\n"
        "  - id: r\n    source: s\n    language: sv\n    text: Mandat\n    locator: l. 1\n"
    )
    assert (URIRef(T + "q"), DL.quoteText, Literal("Hvad er mandatet?", lang="da")) in graph
    assert (URIRef(T + "r"), DL.quoteText, Literal("Mandat", lang="sv")) in graph
    assert (URIRef(T + "q"), DL.locator, Literal("l. 28")) in graph


def test_memberships_without_id_are_blank_nodes() -> None:
    graph = load_case_text(
        HEAD + "units:\n  - id: u\npeople:\n  - id: p\n"
        "memberships:\n  - {person: p, unit: u, role: icdp-supervisor}\n"
    )
    (membership,) = graph.subjects(RDF.type, ORG.Membership)
    assert isinstance(membership, BNode)
    assert (membership, ORG.role, DL.ICDPSupervisor) in graph


def test_the_jsonld_document_inlines_the_shipped_context() -> None:
    document = case_to_jsonld(EXAMPLES / "patterns.yaml")
    context = document["@context"]
    assert isinstance(context, list) and all(isinstance(part, dict) for part in context)
    assert context[1] == {"@base": "https://example.org/patterns/", "@language": "en"}
    again = Graph().parse(data=json.dumps(document), format="json-ld")
    assert isomorphic(again, load_case(EXAMPLES / "patterns.yaml"))


def test_patterns_yaml_is_the_same_graph_as_patterns_ttl() -> None:
    from_yaml = case_to_graph(EXAMPLES / "patterns.yaml")
    from_turtle = Graph().parse(EXAMPLES / "patterns.ttl")
    assert len(from_yaml) == len(from_turtle)
    assert isomorphic(from_yaml, from_turtle)


def test_dlgraph_load_reads_case_files() -> None:
    graph = dlgraph.load(EXAMPLES / "patterns.yaml")
    assert len(graph) == len(load_case(EXAMPLES / "patterns.yaml"))


def test_load_case_accepts_a_string_path() -> None:
    assert len(load_case(str(EXAMPLES / "patterns.yaml"))) == 81


# --- the starter case -----------------------------------------------------------------


def test_new_case_writes_a_starter_that_loads(tmp_path: Path) -> None:
    files = new_case("my-case", tmp_path)
    assert [f.name for f in files] == [
        "my-case.yaml",
        "people.csv",
        "memberships.csv",
        "acts.csv",
        "case.schema.json",
    ]
    graph = load_case(files[0])
    assert (URIRef("https://example.org/dlgraph/my-case/act-1"), RDF.type, DL.LeadershipAct) in (
        graph
    )
    assert "case: my-case" in files[0].read_text(encoding="utf-8")


def test_new_case_refuses_to_overwrite(tmp_path: Path) -> None:
    new_case("c", tmp_path)
    with pytest.raises(InputError, match="already exists and is not empty"):
        new_case("c", tmp_path)
    with pytest.raises(InputError, match="not a usable case name"):
        new_case("../c", tmp_path)


def test_cli_new_lists_the_files_and_exits_0(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["new", "demo", "-o", str(tmp_path)])
    assert result.exit_code == 0
    folder = tmp_path / "demo"
    assert result.stdout.splitlines() == [
        str(folder / name)
        for name in ("demo.yaml", "people.csv", "memberships.csv", "acts.csv", "case.schema.json")
    ]


def test_cli_new_reports_an_existing_folder_with_exit_2(tmp_path: Path) -> None:
    (tmp_path / "demo").mkdir()
    (tmp_path / "demo" / "x").write_text("x", encoding="utf-8")
    result = CliRunner().invoke(app, ["new", "demo", "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"error: {tmp_path / 'demo'} already exists and is not empty\n"
        "hint: choose another case name or output folder; nothing was overwritten\n"
    )
