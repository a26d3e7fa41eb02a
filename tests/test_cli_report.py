"""``dlgraph report`` and ``dlgraph docs`` through typer's CliRunner: output and exit codes."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dlgraph.cli import app
from dlgraph.report.docs import DOC_PAGES

ROOT = Path(__file__).resolve().parents[1]
PATTERNS = ROOT / "examples" / "patterns.ttl"
INCOHERENT = ROOT / "examples" / "denmark-icdp-incoherent"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_report_writes_the_page_and_says_what_validation_found(
    runner: CliRunner, tmp_path: Path
) -> None:
    target = tmp_path / "report.html"
    result = runner.invoke(app, ["report", str(INCOHERENT), "-o", str(target), "--lang", "da"])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    # a Danish run says so in Danish
    assert result.stderr == f"skrev {target} (2 overtrædelse(r), 3 advarsel(er), 0 info)\n"
    page = target.read_text(encoding="utf-8")
    assert '<html lang="da">' in page
    assert "Valideringsfund pr. regel" in page


def test_report_without_validation(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "r.html"
    result = runner.invoke(
        app, ["report", str(PATTERNS), "-o", str(target), "--no-validate", "--title", "A & B"]
    )
    assert result.exit_code == 0, result.output
    assert result.stderr == f"wrote {target} (not validated)\n"
    page = target.read_text(encoding="utf-8")
    assert "<h1>A &amp; B</h1>" in page
    assert "The graph was not validated for this report." in page


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["missing.ttl"], "error: missing.ttl: no such file or folder\nhint: check the path\n"),
        (
            [str(PATTERNS), "--lang", "fr"],
            "error: no report language 'fr'\nhint: choose en (English), sv (Swedish) or da "
            "(Danish)\n",
        ),
    ],
)
def test_report_refuses_unusable_input_with_exit_code_2(
    runner: CliRunner, tmp_path: Path, arguments: list[str], message: str
) -> None:
    target = tmp_path / "r.html"
    result = runner.invoke(app, ["report", *arguments, "-o", str(target)])
    assert result.exit_code == 2
    assert result.stderr == message
    assert not target.exists()


def test_report_needs_an_output(runner: CliRunner) -> None:
    result = runner.invoke(app, ["report", str(PATTERNS)])
    assert result.exit_code == 2
    assert "--output" in result.stderr


def test_docs_lists_the_pages_it_wrote(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "site"
    result = runner.invoke(app, ["docs", "-o", str(folder)])
    assert result.exit_code == 0, result.output
    assert result.stdout == "".join(f"{folder / name}\n" for name in DOC_PAGES)
    assert result.stderr == ""


def test_docs_into_a_file_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    taken = tmp_path / "taken"
    taken.write_text("x")
    result = runner.invoke(app, ["docs", "-o", str(taken)])
    assert result.exit_code == 2
    assert result.stderr == f"error: {taken} is a file; name a folder for the documentation\n"


def test_docs_without_pylode_is_an_environment_problem(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pylode", None)  # import pylode now raises ImportError
    result = runner.invoke(app, ["docs", "-o", str(tmp_path / "site")])
    assert result.exit_code == 3
    assert result.stderr == (
        "error: dlgraph docs needs pyLODE to document the ontology, and it is not installed\n"
        "hint: pip install 'dlgraph[docs]'\n"
    )
    assert not (tmp_path / "site").exists()
