"""Excel workbooks as the lists of a case: ``people: people.xlsx`` (its first sheet) or
``people.xlsx#Sheet``, read to the same graph as the canonical CSV, with the sheet, row
and cell of every problem."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from rdflib.compare import isomorphic

from conftest import write_workbook
from dlgraph import AuthoringError, show_values
from dlgraph.authoring import load_case
from dlgraph.authoring.tables import cell_text, column_letter
from dlgraph.authoring.words import set_message_language


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """These cases say language: sv; the tests here pin the English wording (--lang en)."""
    set_message_language("en", explicit=True)
    yield
    set_message_language(None)


HEAD = "case: t\nbase: https://example.org/t/\nlanguage: sv\n"
UNITS = "units:\n  - id: skola\n  - id: grupp\n    in_line_under: skola\n"
CSV = {
    "people": "id,name,pseudonym,formal_leader_of\n"
    "p1,Rektor R,true,skola|grupp\n"
    "p2,Lärare L,false,\n",
    "memberships": "person,unit,role,during\n"
    "p1,skola,principal,2020-01-01/2020-12-31\n"
    "p2,grupp,first-teacher,\n",
    "acts": "actor,kind,own_initiative,time,aligned_with\n"
    "p2,taking-initiative|coordinating,true,2020-03-18,trust\n"
    "p1,informing,false,2020-03-19T08:30:00,\n",
}
# The same lists as Excel holds them once typed in: booleans, dates and date-times as
# values of their own, the rest as text; a sheet per list.
SHEETS: dict[str, list[list[object]]] = {
    "People": [
        ["ID", "Name", "Pseudonym", "Formal leader of"],
        ["p1", "Rektor R", True, "skola | grupp"],
        ["p2", "Lärare L", False, None],
    ],
    "Memberships": [
        ["person", "unit", "role", "during"],
        ["p1", "skola", "rektor", "2020-01-01/2020-12-31"],
        ["p2", "grupp", "förstelärare", None],
    ],
    "Acts": [
        ["actor", "kind", "own_initiative", "time", "aligned_with"],
        ["p2", "taking-initiative|coordinating", True, datetime(2020, 3, 18), "tillit"],
        ["p1", "informing", False, datetime(2020, 3, 19, 8, 30), None],
    ],
}


def _canonical(tmp_path: Path) -> Path:
    folder = tmp_path / "csv"
    folder.mkdir()
    for name, text in CSV.items():
        (folder / f"{name}.csv").write_text(text, encoding="utf-8")
    case = folder / "case.yaml"
    case.write_text(
        HEAD + UNITS + "people: people.csv\nmemberships: memberships.csv\nacts: acts.csv\n",
        encoding="utf-8",
    )
    return case


def test_a_workbook_with_a_sheet_per_list_reads_as_the_canonical_csv(tmp_path: Path) -> None:
    write_workbook(tmp_path / "lists.xlsx", SHEETS)
    case = tmp_path / "case.yaml"
    case.write_text(
        HEAD + UNITS + "people: lists.xlsx\n"  # the first sheet
        "memberships: lists.xlsx#Memberships\nacts: [lists.xlsx#acts]\n",
        encoding="utf-8",
    )
    canonical = load_case(_canonical(tmp_path))
    assert len(canonical) > 20
    assert isomorphic(canonical, load_case(case))


def test_a_problem_in_a_workbook_names_sheet_row_and_cell(tmp_path: Path) -> None:
    sheets = {"People": [["id", "name", "pseudonym"], ["p1", "A", "perhaps"], ["p2", "B", True]]}
    write_workbook(tmp_path / "people.xlsx", sheets)
    case = tmp_path / "case.yaml"
    case.write_text(HEAD + "people: people.xlsx\n", encoding="utf-8")
    with show_values(), pytest.raises(AuthoringError) as caught:
        load_case(case)
    error = caught.value
    assert str(error) == (
        f"{tmp_path / 'people.xlsx'}#People:2:3: row 1, column 'pseudonym' (cell C2): "
        "'perhaps' is not true or false"
    )
    assert (error.source, error.line, error.column, error.row, error.cell) == (
        f"{tmp_path / 'people.xlsx'}#People",
        2,
        3,
        1,
        "C2",
    )
    assert error.to_dict()["cell"] == "C2"


def test_an_unknown_header_in_a_workbook_is_placed_on_its_sheet(tmp_path: Path) -> None:
    write_workbook(tmp_path / "b.xlsx", {"Folk": [["id", "nmae"], ["p1", "A"]]})
    case = tmp_path / "case.yaml"
    case.write_text(HEAD + "people: b.xlsx#Folk\n", encoding="utf-8")
    with show_values(), pytest.raises(AuthoringError) as caught:
        load_case(case)
    assert caught.value.message == (
        f"{tmp_path / 'b.xlsx'}#Folk:1: unknown column 'nmae' in the header of people"
    )
    assert caught.value.hint == "did you mean 'name'?"


def test_a_missing_sheet_lists_the_sheets(tmp_path: Path) -> None:
    write_workbook(tmp_path / "b.xlsx", SHEETS)
    case = tmp_path / "case.yaml"
    case.write_text(HEAD + UNITS + "people: b.xlsx#Persons\n", encoding="utf-8")
    with pytest.raises(AuthoringError) as caught:
        load_case(case)
    assert caught.value.message == (f"{case}:8:9: no sheet 'Persons' in the workbook (b.xlsx)")
    assert caught.value.hint == "the sheets are: People, Memberships, Acts"


def test_a_file_that_is_not_a_workbook_is_refused(tmp_path: Path) -> None:
    (tmp_path / "b.xlsx").write_text("id,name\n", encoding="utf-8")
    case = tmp_path / "case.yaml"
    case.write_text(HEAD + "people: b.xlsx\n", encoding="utf-8")
    with pytest.raises(AuthoringError, match="cannot read the workbook") as caught:
        load_case(case)
    assert caught.value.hint == "save it from Excel as an Excel workbook (.xlsx), or as CSV UTF-8"


def test_a_missing_workbook_is_named(tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    case.write_text(HEAD + "people: none.xlsx\n", encoding="utf-8")
    with pytest.raises(AuthoringError) as caught:
        load_case(case)
    assert caught.value.message == f"{case}:4:9: cannot read the workbook none.xlsx: no such file"


def test_a_workbook_of_lists_without_a_case_sheet_is_not_a_case(tmp_path: Path) -> None:
    write_workbook(tmp_path / "b.xlsx", SHEETS)
    with pytest.raises(AuthoringError, match="the workbook has no sheet 'case'"):
        load_case(tmp_path / "b.xlsx")


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        (True, "true"),
        (False, "false"),
        (3.0, "3"),
        (2.5, "2.5"),
        (7, "7"),
        (datetime(2020, 3, 1), "2020-03-01"),
        (datetime(2020, 3, 1, 8, 30), "2020-03-01T08:30:00"),
        ("x", "x"),
    ],
)
def test_cells_become_the_text_a_csv_file_would_hold(value: object, text: str) -> None:
    assert cell_text(value) == text


def test_column_letters_are_excels() -> None:
    assert [column_letter(i) for i in (0, 1, 25, 26, 27, 51, 52, 701, 702)] == [
        "A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"
    ]  # fmt: skip
