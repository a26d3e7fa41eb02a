"""Starters that work: ``dlgraph new`` creates its folder, writes the starter in English,
Swedish or Danish, and the untouched starter validates with no violation."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import openpyxl
import pytest
import yaml
from rdflib import Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import ORG
from typer.testing import CliRunner

import dlgraph
from dlgraph import DL, InputError, UnknownNameError
from dlgraph.authoring import load_case, new_case
from dlgraph.authoring.format import SCHEMA_FILE
from dlgraph.authoring.reference import case_reference
from dlgraph.authoring.starter import ABOUT, ABOUT_SHEET, STARTER_LANGUAGES
from dlgraph.cli import app
from dlgraph.resources import data_file

# a word of each language's comments, and a name of its example items
WORDS = {
    "en": ("# Check the case:", "School A (pseudonym)"),
    "sv": ("# Kontrollera fallet:", "Skola A (pseudonym)"),
    "da": ("# Tjek casen:", "Skole A (pseudonym)"),
}


def test_new_case_creates_the_folder_it_writes_in(tmp_path: Path) -> None:
    files = new_case("c", tmp_path / "cases" / "2026")
    assert files[0] == tmp_path / "cases" / "2026" / "c" / "c.yaml"
    assert load_case(files[0])


def test_new_case_refuses_a_file_as_its_folder(tmp_path: Path) -> None:
    (tmp_path / "f").write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="is a file, not a folder"):
        new_case("c", tmp_path / "f")


def test_new_case_refuses_an_unknown_language(tmp_path: Path) -> None:
    with pytest.raises(UnknownNameError, match="no starter in the language 'fr'"):
        new_case("c", tmp_path, lang="fr")
    assert not (tmp_path / "c").exists()


@pytest.mark.parametrize("lang", STARTER_LANGUAGES)
def test_the_untouched_starter_validates_with_no_violation(tmp_path: Path, lang: str) -> None:
    files = new_case("mine", tmp_path, lang=lang)
    report = dlgraph.validate(files[0], lang=lang)
    assert report.conforms
    assert [(r.rule, r.severity) for r in report.results] == []


@pytest.mark.parametrize("lang", STARTER_LANGUAGES)
def test_the_starter_speaks_its_language(tmp_path: Path, lang: str) -> None:
    files = new_case("mine", tmp_path, lang=lang)
    text = files[0].read_text(encoding="utf-8")
    comment, school = WORDS[lang]
    assert f"\nlanguage: {lang} " in text
    assert comment in text
    for other, (other_comment, _) in WORDS.items():
        if other != lang:
            assert other_comment not in text
    assert "dlgraph validate mine.yaml" in text
    assert "case: mine" in text
    graph = load_case(files[0])
    assert Literal(school, lang=lang) in set(graph.objects())
    assert (None, ORG.role, DL.Principal) in graph
    assert (None, ORG.role, DL.ProcessLearningLeader) in graph


@pytest.mark.parametrize("lang", ["sv", "da"])
def test_the_swedish_and_danish_csv_files_are_as_their_excel_saves_them(
    tmp_path: Path, lang: str
) -> None:
    files = new_case("mine", tmp_path, lang=lang)
    people = (tmp_path / "mine" / "people.csv").read_bytes()
    assert people.startswith(b"\xef\xbb\xbfid;name;pseudonym;formal_leader_of;note\n")
    assert len(files) == 5


@pytest.mark.parametrize("lang", STARTER_LANGUAGES)
def test_the_starter_case_file_validates_against_the_schema(tmp_path: Path, lang: str) -> None:
    files = new_case("mine", tmp_path, lang=lang)
    schema = json.loads(data_file(*SCHEMA_FILE).read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    data = yaml.load(files[0].read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    # BaseLoader keeps every scalar as text, as an editor sees dates; booleans are none
    assert [e.message for e in validator.iter_errors(data)] == []


def test_cli_new_creates_the_folder_and_says_to_validate(tmp_path: Path) -> None:
    target = tmp_path / "cases"
    result = CliRunner().invoke(app, ["new", "my-case", "-o", str(target), "--lang", "sv"])
    assert result.exit_code == 0, result.stderr
    case = target / "my-case" / "my-case.yaml"
    assert result.stdout.splitlines()[0] == str(case)
    assert result.stderr == (
        f"skrev startfallet my-case: redigera {case} och kontrollera det med "
        f"dlgraph validate {case} --lang sv\n"
    )
    assert "language: sv" in case.read_text(encoding="utf-8")
    assert URIRef("https://example.org/dlgraph/my-case/skola-a") in set(load_case(case).subjects())


def test_cli_new_in_english_says_to_validate(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["new", "c", "-o", str(tmp_path), "--lang", "en"])
    assert result.stderr.endswith(f"check it with dlgraph validate {tmp_path / 'c' / 'c.yaml'}\n")


def test_cli_new_refuses_an_unknown_language(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["new", "c", "-o", str(tmp_path), "--lang", "fr"])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ")


# --- the starter as one workbook ----------------------------------------------------


@pytest.mark.parametrize("lang", STARTER_LANGUAGES)
def test_the_untouched_workbook_starter_validates_with_no_violation(
    tmp_path: Path, lang: str
) -> None:
    [book] = new_case("mine", tmp_path, lang=lang, xlsx=True)
    assert book == tmp_path / "mine" / "mine.xlsx"
    report = dlgraph.validate(book, lang=lang)
    assert report.conforms
    assert [(r.rule, r.severity) for r in report.results] == []


@pytest.mark.parametrize("lang", STARTER_LANGUAGES)
def test_the_workbook_starter_is_the_yaml_starter(tmp_path: Path, lang: str) -> None:
    [book] = new_case("mine", tmp_path / "book", lang=lang, xlsx=True)
    files = new_case("mine", tmp_path / "yaml", lang=lang)
    assert isomorphic(load_case(book), load_case(files[0]))


@pytest.mark.parametrize("lang", STARTER_LANGUAGES)
def test_the_workbook_starter_speaks_its_language(tmp_path: Path, lang: str) -> None:
    [path] = new_case("mine", tmp_path, lang=lang, xlsx=True)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[:3] == [ABOUT_SHEET[lang], "case", "sources"]
    notes = [row[0] for row in book[ABOUT_SHEET[lang]].iter_rows(values_only=True)]
    assert notes == [line.format(case="mine") for line in ABOUT[lang]]
    case = dict(book["case"].iter_rows(values_only=True))
    assert case["language"] == lang
    assert case["case"] == "mine"
    # each header cell says what its key is, in the starter's language
    person = next(doc for doc in case_reference(lang) if doc.key == "people").keys
    comment = book["people"]["B1"].comment
    assert book["people"]["B1"].value == "name"
    assert comment is not None
    assert comment.text.startswith(next(k for k in person if k.key == "name").description)


def test_cli_new_xlsx_writes_the_workbook_and_says_to_validate(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["new", "c", "-o", str(tmp_path), "--lang", "da", "--xlsx"])
    assert result.exit_code == 0, result.stderr
    book = tmp_path / "c" / "c.xlsx"
    assert result.stdout == f"{book}\n"
    assert f"dlgraph validate {book} --lang da" in result.stderr
