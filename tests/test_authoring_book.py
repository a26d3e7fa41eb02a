"""A whole case as one Excel workbook (a sheet ``case`` and a sheet per list): read to the
same graph as the equivalent YAML and CSV case, wherever a case is read (``load_case``,
``dlgraph.load``, ``dlgraph validate``), with the sheet, row and cell of every problem."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from rdflib.compare import isomorphic
from typer.testing import CliRunner

import dlgraph
from conftest import write_workbook
from dlgraph import AuthoringError, show_values
from dlgraph.authoring import case_problems, load_case
from dlgraph.authoring.words import set_message_language
from dlgraph.cli import app


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """These cases say language: sv; the tests here pin the English wording (--lang en)."""
    set_message_language("en", explicit=True)
    yield
    set_message_language(None)


YAML = """case: t
base: https://example.org/t/
language: sv
title: Ett fall
sources:
  - id: artikel
    kind: publication
    title: En artikel
    date: 2020
quotes:
  - id: c1
    source: artikel
    text: Vi klev fram
    locator: s. 3
periods:
  - id: varen
    name: våren 2020
    start: 2020-03-01
    end: 2020-06-30
units:
  - id: kommun
    kind: municipality
  - id: skola
    kind: compulsory-school
    in_line_under: kommun
    evidence: [c1]
tasks:
  - id: uppgift
    concerns: [skola]
mandates:
  - id: mandat
    task: uppgift
    granted_by: p1
    granted_to: p2
    valid_during: 2020-03-01/2020-06-30
delegations:
  - delegator: p1
    delegatee: p2
    task: uppgift
    mandate: mandat
people: people.csv
memberships: memberships.csv
acts: acts.csv
"""
CSV = {
    "people.csv": "id,name,pseudonym,formal_leader_of\n"
    "p1,Rektor R,true,skola\np2,Lärare L,false,\n",
    "memberships.csv": "person,unit,role,during\np1,skola,principal,varen\np2,skola,teacher,\n",
    "acts.csv": "actor,kind,own_initiative,time,mandate\n"
    "p2,taking-initiative|coordinating,true,2020-03-18,mandat\n"
    "p1,informing,false,2020-03-19T08:30:00,\n",
}
# The same case as Excel holds it once typed in: numbers as floats, dates as date cells,
# booleans as boolean cells, empty rows and columns left over at the end of a sheet.
SHEETS: dict[str, list[list[object]]] = {
    "case": [["key", "value"], ["case", "t"], ["base", "https://example.org/t/"],
             ["language", "sv"], ["title", "Ett fall"], [None, None]],
    "sources": [["id", "kind", "title", "date"], ["artikel", "publication", "En artikel", 2020.0]],
    "quotes": [["id", "source", "text", "locator"], ["c1", "artikel", "Vi klev fram", "s. 3"]],
    "periods": [["id", "name", "start", "end", None],
                ["varen", "våren 2020", datetime(2020, 3, 1), datetime(2020, 6, 30), None]],
    "units": [["ID", "Kind", "In line under", "Evidence"], ["kommun", "municipality"],
              ["skola", "compulsory-school", "kommun", "c1"]],
    "tasks": [["id", "concerns"], ["uppgift", "skola"]],
    "mandates": [["id", "task", "granted_by", "granted_to", "valid_during"],
                 ["mandat", "uppgift", "p1", "p2", "2020-03-01/2020-06-30"]],
    "delegations": [["delegator", "delegatee", "task", "mandate"],
                    ["p1", "p2", "uppgift", "mandat"]],
    "People": [["id", "name", "pseudonym", "formal_leader_of"], ["p1", "Rektor R", True, "skola"],
               ["p2", "Lärare L", False, None], [None, None, None, None]],
    "memberships": [["person", "unit", "role", "during"], ["p1", "skola", "rektor", "varen"],
                    ["p2", "skola", "lärare", None]],
    "Acts": [["actor", "kind", "own_initiative", "time", "mandate"],
             ["p2", "taking-initiative | coordinating", True, datetime(2020, 3, 18), "mandat"],
             ["p1", "informing", False, datetime(2020, 3, 19, 8, 30), None], [], []],
    "_notes": [["anything at all", 1.5]],
}  # fmt: skip


def _yaml_case(folder: Path) -> Path:
    folder.mkdir(exist_ok=True)
    for name, text in CSV.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "t.yaml").write_text(YAML, encoding="utf-8")
    return folder / "t.yaml"


def test_a_workbook_case_is_the_yaml_and_csv_case(tmp_path: Path) -> None:
    expected = load_case(_yaml_case(tmp_path / "yaml"))
    book = load_case(write_workbook(tmp_path / "t.xlsx", SHEETS))
    assert len(book) == len(expected) > 40
    assert isomorphic(book, expected)


def test_dlgraph_load_reads_a_workbook_case(tmp_path: Path) -> None:
    book = write_workbook(tmp_path / "t.xlsx", SHEETS)
    expected = load_case(_yaml_case(tmp_path / "yaml"))
    graph = dlgraph.load(book)
    assert graph.sources[0].format == "case"
    assert isomorphic(graph.union(), expected)


def test_cli_validates_a_workbook_case(tmp_path: Path) -> None:
    book = write_workbook(tmp_path / "t.xlsx", SHEETS)
    result = CliRunner().invoke(app, ["validate", str(book), "--lang", "en"])
    assert result.exit_code in (0, 1), result.output
    assert "Summary:" in result.output


def _problems(tmp_path: Path, **changes: list[list[object]]) -> list[str]:
    return [
        str(p) for p in case_problems(write_workbook(tmp_path / "t.xlsx", {**SHEETS, **changes}))
    ]


def test_a_problem_on_a_list_sheet_names_sheet_row_and_cell(tmp_path: Path) -> None:
    rows = [SHEETS["memberships"][0], ["p1", "skolan", "rektor", "varen"]]
    [hidden] = _problems(tmp_path, memberships=rows)
    at = f"{tmp_path / 't.xlsx'}#memberships:2:2: row 1, column 'unit' (cell B2): "
    assert hidden.startswith(at + "'…' (6 characters, hidden: --show-values shows it) is not")
    with show_values():  # a workbook's values are hidden as a CSV file's are
        [problem] = _problems(tmp_path, memberships=rows)
    assert problem.startswith(at + "'skolan' is not defined")


def test_a_problem_on_the_case_sheet_names_its_cell(tmp_path: Path) -> None:
    rows = [["case", "t"], ["base", "not an iri"], ["langauge", "sv"]]
    with show_values():
        problems = _problems(tmp_path, case=rows)
        first = case_problems(tmp_path / "t.xlsx")[0]
    shown = f"{tmp_path / 't.xlsx'}#case"
    assert problems == [
        f"{shown}:3:1: unknown key 'langauge' on the sheet case\ndid you mean 'language'?",
        f"{shown}:2:2: 'not an iri' is not a usable base IRI\n"
        "give an http(s) IRI that ends with '/', e.g. https://example.org/my-case/",
    ]
    assert (first.line, first.column, first.cell, first.key) == (3, 1, "A3", "langauge")
    hidden = case_problems(tmp_path / "t.xlsx")[0]
    assert "unknown key '…' (8 characters, hidden" in hidden.message and hidden.key == "…"


def test_a_sheet_that_is_no_list_is_named_with_the_fix(tmp_path: Path) -> None:
    [problem] = _problems(tmp_path, Peple=[["id"], ["p3"]])
    assert problem.startswith(
        f"{tmp_path / 't.xlsx'}#Peple: the workbook has a sheet 'Peple' that is not a list "
        "of a case\ndid you mean 'people'? Name each sheet after a list"
    )


def test_a_workbook_without_a_case_sheet_says_what_a_case_workbook_is(tmp_path: Path) -> None:
    book = write_workbook(tmp_path / "people.xlsx", {"people": SHEETS["People"]})
    with pytest.raises(AuthoringError, match="the workbook has no sheet 'case'") as caught:
        load_case(book)
    assert "a workbook of one list is named in the case's YAML file" in str(caught.value.hint)


def test_a_required_key_without_value_on_the_case_sheet(tmp_path: Path) -> None:
    rows = [["case", None], ["base", "https://example.org/t/"]]
    assert _problems(tmp_path, case=rows) == [
        f"{tmp_path / 't.xlsx'}#case:1:2: 'case' has no value\nA short name of the case."
    ]


def test_a_file_that_is_not_a_workbook_is_refused(tmp_path: Path) -> None:
    (tmp_path / "t.xlsx").write_text("id,name\n", encoding="utf-8")
    with pytest.raises(AuthoringError, match="cannot read the workbook"):
        load_case(tmp_path / "t.xlsx")
