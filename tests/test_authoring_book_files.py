"""A whole case as one workbook gets the protections of a case's files (special files,
the size limit) and the places of its items; the case's file messages (hidden values,
files outside the folder, the limit) are worded in the run's language."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from rdflib import URIRef

from conftest import write_workbook
from dlgraph import AuthoringError, LimitExceeded
from dlgraph.authoring import load_case, load_placed_case
from dlgraph.authoring.format import SECTIONS
from dlgraph.authoring.placed import key_steps

SHEETS: dict[str, list[list[object]]] = {
    "case": [["case", "t"], ["base", "https://example.org/t/"]],
    "people": [["id", "name"], ["p1", "Rektor R"], ["p2", "Lärare L"]],
}
YAML = "case: t\nbase: https://example.org/t/\npeople: {path}\n"


def test_a_workbook_case_keeps_the_sheet_row_and_cell_of_its_items(tmp_path: Path) -> None:
    book = write_workbook(tmp_path / "t.xlsx", SHEETS)
    _, places = load_placed_case(book, lang="en")
    person = URIRef("https://example.org/t/p2")
    place = places.place(person)
    assert place is not None
    assert (place.file, place.line, place.row) == (f"{book}#people", 3, 2)
    people = next(part for part in SECTIONS if part.key == "people")
    name = places.place(person, [key_steps(people)["name"]])
    assert name is not None and (name.file, name.key, name.cell) == (f"{book}#people", "name", "B3")


def test_a_workbook_case_counts_against_the_limit_at_its_unpacked_size(tmp_path: Path) -> None:
    book = write_workbook(tmp_path / "t.xlsx", SHEETS)
    assert len(load_case(book)) > 0
    with pytest.raises(LimitExceeded) as caught:
        load_case(book, max_bytes=book.stat().st_size)  # the file fits; unpacked it does not
    assert caught.value.message.startswith(f"{book}: ")


def test_a_folder_named_as_a_case_workbook_is_refused(tmp_path: Path) -> None:
    (tmp_path / "t.xlsx").mkdir()
    with pytest.raises(AuthoringError, match="is not a regular file"):
        load_case(tmp_path / "t.xlsx")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_named_as_a_case_workbook_is_refused_at_once(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "t.xlsx")
    with pytest.raises(AuthoringError, match="is not a regular file"):
        load_case(tmp_path / "t.xlsx")


def test_a_hidden_csv_value_is_worded_in_swedish(tmp_path: Path) -> None:
    (tmp_path / "people.csv").write_text("id,namn x\np1,A\n", encoding="utf-8")
    (tmp_path / "t.yaml").write_text(YAML.format(path="people.csv"), encoding="utf-8")
    with pytest.raises(AuthoringError) as caught:
        load_case(tmp_path / "t.yaml", lang="sv")
    assert "okänd kolumn '…' (6 tecken, dolt: --show-values visar det)" in caught.value.message


def test_a_file_outside_the_folder_is_refused_in_danish(tmp_path: Path) -> None:
    (tmp_path / "people.csv").write_text("id,name\np1,A\n", encoding="utf-8")
    (tmp_path / "case").mkdir()
    case = tmp_path / "case" / "t.yaml"
    case.write_text(YAML.format(path="../people.csv"), encoding="utf-8")
    with pytest.raises(AuthoringError) as caught:
        load_case(case, lang="da")
    assert "CSV-filen ../people.csv ligger uden for casens mappe" in caught.value.message
    assert caught.value.hint is not None and "flyt filen" in caught.value.hint


def test_the_limit_is_worded_in_the_cases_language(tmp_path: Path) -> None:
    (tmp_path / "people.csv").write_text("id,name\n" + "p1,A\n" * 200, encoding="utf-8")
    case = tmp_path / "t.yaml"
    case.write_text("language: sv\n" + YAML.format(path="people.csv"), encoding="utf-8")
    with pytest.raises(LimitExceeded) as caught:
        load_case(case, max_bytes=case.stat().st_size + 100)
    assert "tillsammans mer än" in caught.value.message
    assert caught.value.hint is not None and "höj gränsen" in caught.value.hint


def test_a_damaged_workbook_is_worded_in_swedish_without_its_cells(tmp_path: Path) -> None:
    import zipfile

    good = write_workbook(tmp_path / "good.xlsx", {"people": [["id", "name"], ["p1", 5]]})
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(tmp_path / "people.xlsx", "w") as bad:
        for item in source.infolist():
            data = source.read(item.filename)
            bad.writestr(item, data.replace(b"<v>5</v>", b"<v>Anna Svensson</v>"))
    (tmp_path / "t.yaml").write_text(YAML.format(path="people.xlsx"), encoding="utf-8")
    with pytest.raises(AuthoringError) as caught:
        load_case(tmp_path / "t.yaml", lang="sv")
    assert "kan inte läsa arbetsboken: den är skadad (ValueError)" in caught.value.message
    assert "Svensson" not in str(caught.value)


def test_a_damaged_sheet_of_a_workbook_case_is_a_problem_without_its_cells(
    tmp_path: Path,
) -> None:
    import zipfile

    good = write_workbook(tmp_path / "good.xlsx", {**SHEETS, "people": [["id"], [5]]})
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(tmp_path / "t.xlsx", "w") as bad:
        for item in source.infolist():
            data = source.read(item.filename)
            bad.writestr(item, data.replace(b"<v>5</v>", b"<v>Anna Svensson</v>"))
    with pytest.raises(AuthoringError) as caught:
        load_case(tmp_path / "t.xlsx", lang="en")
    assert caught.value.source == f"{tmp_path / 't.xlsx'}#people"
    assert "cannot read the workbook: it is damaged (ValueError)" in caught.value.message
    assert "Svensson" not in str(caught.value)
