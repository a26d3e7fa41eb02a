"""dlgraph qda export: a case as a REFI-QDA project that validates against Project.xsd
and imports back into the same quotes, sources, acts and mandates."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from conftest import EXAMPLES, SHARED
from dlgraph.cli import app
from dlgraph.qda import export_project, import_project
from test_qda_import import build

xmlschema = pytest.importorskip("xmlschema", reason="xmlschema is in the test extra")
SWEDEN = EXAMPLES / "sweden-covid-2020" / "sweden-covid-2020.yaml"


@pytest.fixture(scope="module")
def schema() -> object:
    if not (SHARED / "refi-qda" / "Project.xsd").exists():
        pytest.skip("the REFI-QDA schemas are not in ../shared/refi-qda")
    return xmlschema.XMLSchema(str(SHARED / "refi-qda" / "Project.xsd"))


def _case(path: Path) -> dict[str, object]:
    data: dict[str, object] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def test_the_example_exports_valid_and_round_trips(tmp_path: Path, schema: object) -> None:
    result = export_project(SWEDEN, tmp_path / "se.qdpx", lang="sv")
    with zipfile.ZipFile(result.archive) as archive:
        schema.validate(archive.read("project.qde"))  # type: ignore[attr-defined]
    back = _case(import_project(result.archive, tmp_path / "case").case_file)
    original = _case(SWEDEN)
    texts = sorted(q["text"] for q in original["quotes"])  # type: ignore[attr-defined]
    assert sorted(q["text"] for q in back["quotes"]) == texts  # type: ignore[attr-defined]
    assert (result.sources, result.selections) == (1, len(texts))
    assert len(back["sources"]) == len(original["sources"])  # type: ignore[arg-type]


def test_an_imported_project_exports_and_imports_to_the_same_case(
    tmp_path: Path, schema: object
) -> None:
    first = import_project(build(tmp_path), tmp_path / "first").case_file
    archive = export_project(first, tmp_path / "again.qdpx").archive
    with zipfile.ZipFile(archive) as zipped:
        schema.validate(zipped.read("project.qde"))  # type: ignore[attr-defined]
    second = import_project(archive, tmp_path / "second").case_file
    one, two = _case(first), _case(second)
    for key in ("acts", "mandates", "tasks", "people"):
        assert one[key] == two[key], key
    claims = [sorted(case["claims"], key=str) for case in (one, two)]  # type: ignore[arg-type]
    assert claims[0] == claims[1]
    assert {q["text"] for q in one["quotes"]} == {q["text"] for q in two["quotes"]}  # type: ignore[attr-defined]
    assert [s["title"] for s in one["sources"]] == [s["title"] for s in two["sources"]]  # type: ignore[attr-defined]


def test_the_cli_exports(tmp_path: Path) -> None:
    case = import_project(build(tmp_path), tmp_path / "case").case_file
    target = tmp_path / "again.qdpx"
    result = CliRunner().invoke(app, ["qda", "export", str(case), "-o", str(target), "-l", "da"])
    assert result.exit_code == 0, result.output
    assert "2 source(s), 7 quote(s)" in result.output
    assert zipfile.is_zipfile(target)


@pytest.mark.parametrize("command", ["import", "export"])
def test_the_qda_commands_name_values_in_words(command: str) -> None:
    result = CliRunner().invoke(app, ["qda", command, "--help"])
    assert result.exit_code == 0
    for word in ("TEXT", "PATH ", "<path>", "FILENAME", "DIRECTORY", "BOOLEAN"):
        assert word not in result.output, word
    assert "Example: dlgraph qda " + command in result.output


def test_characters_xml_cannot_hold_are_replaced(tmp_path: Path, schema: object) -> None:
    case = tmp_path / "t.yaml"
    case.write_text(
        "case: t\nbase: https://example.org/t/\n"
        'sources: [{id: s, kind: document, title: "T\\vx"}]\n'
        'quotes: [{id: q, source: s, text: "a\\vb", locator: l}]\n'
        'claims: [{about: s, statement: "bad\\vchar", rests_on: [q]}]\n',
        encoding="utf-8",
    )
    archive = export_project(case, tmp_path / "t.qdpx").archive
    with zipfile.ZipFile(archive) as zipped:
        qde = zipped.read("project.qde")
        schema.validate(qde)  # type: ignore[attr-defined]
    assert "bad\ufffdchar".encode() in qde and "T\ufffdx".encode() in qde
    back = _case(import_project(archive, tmp_path / "case").case_file)
    assert [q["text"] for q in back["quotes"]] == ["a\vb"]  # type: ignore[attr-defined]
