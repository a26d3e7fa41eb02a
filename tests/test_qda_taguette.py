"""Taguette's file forms, as read in Taguette 1.5.2's sources (taguette/export.py,
taguette/import_codebook.py): the CSV codebook it imports, and its highlights export
(``id, document, tag, content``, a row per tag) read by ``dlgraph qda import``.
Taguette itself is not installed here (see the README)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

import dlgraph
from dlgraph.cli import app
from dlgraph.errors import InputError
from dlgraph.qda import codebook, import_project


def _highlights(path: Path, rows: list[tuple[int, str, str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:  # as Taguette's csv.writer
        writer = csv.writer(handle)
        writer.writerow(["id", "document", "tag", "content"])
        writer.writerows(rows)
    return path


PASSAGE = "Åsa klev fram, tog initiativ och ”ledde” mötet 😀"


@pytest.mark.parametrize("lang", ["en", "sv", "da"])
def test_the_csv_codebook_has_taguettes_columns_and_unique_tags(lang: str) -> None:
    rows = list(csv.reader(io.StringIO(codebook(lang, "csv").decode("utf-8"))))
    assert rows[0] == ["tag", "description"]
    tags = [row[0] for row in rows[1:]]
    assert len(tags) == len(set(tags)) and all(tag.strip() == tag != "" for tag in tags)
    wanted = {"en": "taking initiative", "sv": "ta initiativ", "da": "tage initiativ"}[lang]
    assert wanted in tags
    assert "kinds of leadership act" not in tags  # a group, not a code one tags with


def test_highlights_import_into_quotes_equal_to_the_passages(tmp_path: Path) -> None:
    path = _highlights(
        tmp_path / "all_tags.csv",
        [
            (7, "Intervju Åsa", "ta initiativ", PASSAGE),
            (7, "Intervju Åsa", "Stress", PASSAGE),
            (9, "Intervju Åsa", "handlingsutrymme", "hon bestämde själv\nom veckan"),
            (12, "Notes", "", "untagged"),
        ],
    )
    result = import_project(path, tmp_path / "case")
    case = yaml.safe_load(result.case_file.read_text(encoding="utf-8"))
    assert [q["text"] for q in case["quotes"]] == [
        PASSAGE,
        "hon bestämde själv\nom veckan",
        "untagged",
    ]
    assert case["quotes"][0]["locator"] == "Intervju Åsa, Taguette highlight 7"
    assert [s["title"] for s in case["sources"]] == ["Intervju Åsa", "Notes"]
    # no REFI case names a person in a highlights export: the act kind stays a claim
    assert {(c["statement"], c["rests_on"][0]) for c in case["claims"]} == {
        ("ta initiativ (taking-initiative)", "q-1"),
        ("Stress", "q-1"),
    }
    assert case["mandates"] == [
        {"id": "m-1", "evidence": ["q-2"], "room_for_action": "hon bestämde själv\nom veckan"}
    ]
    graph = dlgraph.load(result.case_file).union()
    assert {str(o) for o in graph.objects(None, dlgraph.DL.quoteText)} == {
        PASSAGE,
        "hon bestämde själv\nom veckan",
        "untagged",
    }


def test_a_csv_that_is_not_a_highlights_export_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(InputError, match="not a Taguette highlights export"):
        import_project(path, tmp_path / "case")
    result = CliRunner().invoke(app, ["qda", "import", str(path), "-o", str(tmp_path / "c")])
    assert result.exit_code == 2 and result.output.startswith("error: ")


def test_the_cli_writes_the_csv_codebook(tmp_path: Path) -> None:
    target = tmp_path / "codebook.csv"
    result = CliRunner().invoke(app, ["codebook", "-f", "csv", "-l", "da", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_bytes() == codebook("da", "csv")
