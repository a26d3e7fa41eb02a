"""Every message of a Swedish or Danish run is in that language: the main commands run over
cases with mistakes (and a case that breaks a rule) with ``--lang sv``/``da`` or with the
case's own ``language:``, and their output holds no word of the English messages.

What stays as written in every language is taken out before the check: the ``error:`` and
``hint:`` prefixes (a documented protocol), file paths, words in quotes (the user's keys,
ids and values), prefixed RDF names (``dl:grantedBy``) and the commands shown."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from dlgraph import AuthoringError
from dlgraph.authoring import load_case, new_case
from dlgraph.cli import app
from dlgraph.privacy import redact_literal

# words of the English messages (authoring problems and hints, counts, the closing lines
# of the commands, the validation report, the hidden-value notice)
ENGLISH = (
    "unknown", "did you mean", "is not", "must be", "missing", "lacks", "has no",
    "defined", "takes", "problems in all", "more problem", "wrote", "violation",
    "warning", "summary", "conform", "the file", "row", "column", "cell", "header",
    "literal of", "characters", "shows it", "every", "needs", "write", "e.g.", "check it",
    "starter", "not validated", "triple", "a date", "a number", "the id", "sheet",
    "workbook", "should", "rule", "value", "property", "edit", "with", "shapes", "blank node",
)  # fmt: skip
_ENGLISH = re.compile(r"\b(" + "|".join(re.escape(word) for word in ENGLISH) + r")\b", re.I)
SAME = {"sv": {"cell"}, "da": set()}
"""English words that are also the word of the language (Swedish 'cell')."""


def english_in(output: str, folder: Path, lang: str = "sv") -> list[str]:
    """The English words left in ``output`` once what stays as written is taken out."""
    text = output.replace(str(folder), "FOLDER")
    text = re.sub(r"^(error|hint): ", "", text, flags=re.M)
    text = re.sub(r"'[^'\n]*'|\"[^\"\n]*\"|`[^`\n]*`", "", text)  # the user's words
    text = re.sub(r"dlgraph \w+ \S+( --lang \w+)?", "", text)  # a command shown
    text = re.sub(r"\b[\w-]+:[\w|^:./-]+", "", text)  # prefixed names, places
    text = re.sub(r"FOLDER\S*", "", text)
    found = {match.group(0) for match in _ENGLISH.finditer(text)}
    return sorted(word for word in found if word.lower() not in SAME[lang])


def _mistaken(folder: Path, lang: str) -> Path:
    """The starter in ``lang`` with a mistake of each kind in the YAML and a CSV file."""
    case = new_case("fall", folder, lang=lang)[0]
    text = case.read_text(encoding="utf-8")
    text = text.replace("prefix: case\n", "prefix: case\nfoo: 1\n")
    text = text.replace("    start: 2020-03-01\n", "    start: 2020-02-30\n")
    text = text.replace("  - id: c1\n", "  - id: c1\n    lokator: s. 3\n    source: nada\n", 1)
    text = text.replace("    source: artikel\n", "").replace("    source: artiklen\n", "")
    text = text.replace("  - connects:", "  - id: 2021\n    connects:")
    text = text.replace("kind: crisis", "kind: krise")
    text = text.replace("    granted_by: person-1\n", "    granted_by: ingen\n")
    case.write_text(text, encoding="utf-8")
    people = case.parent / "people.csv"
    rows = people.read_text(encoding="utf-8-sig").splitlines()
    rows[0] = rows[0].replace("name", "navn")
    rows[2] = rows[2].replace(";sant;", ";kanske;").replace(";sand;", ";maaske;")
    people.write_text("\ufeff" + "\n".join(rows) + "\n", encoding="utf-8")
    return case


def _breaking(folder: Path, lang: str) -> Path:
    """The starter in ``lang`` with a mandate that nobody gave (a rule 3 violation)."""
    case = new_case("regel", folder, lang=lang)[0]
    text = case.read_text(encoding="utf-8").replace("    granted_by: person-1\n", "")
    case.write_text(text, encoding="utf-8")
    return case


def _run(*arguments: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(arguments))
    return result.exit_code, result.stdout + result.stderr


@pytest.mark.parametrize("lang", ["sv", "da"])
@pytest.mark.parametrize("asked", [True, False], ids=["--lang", "language:"])
def test_a_case_with_mistakes_is_reported_in_its_language(
    tmp_path: Path, lang: str, asked: bool
) -> None:
    case = _mistaken(tmp_path, lang)
    given = ["--lang", lang] if asked else []
    converted = str(tmp_path / "x.ttl")
    for arguments in (["validate", str(case), *given], ["convert", str(case), "-o", converted]):
        code, output = _run(*arguments)
        assert code == 2, output
        assert output.count("error: ") >= 8, output
        assert english_in(output, tmp_path, lang) == [], output


@pytest.mark.parametrize("lang", ["sv", "da"])
def test_a_case_that_breaks_a_rule_is_reported_in_its_language(tmp_path: Path, lang: str) -> None:
    case = _breaking(tmp_path, lang)
    for arguments in (
        ["validate", str(case)],
        ["report", str(case), "-o", str(tmp_path / "r.html"), "--lang", lang],
        ["convert", str(case), "-o", str(tmp_path / "r.ttl")],
    ):
        code, output = _run(*arguments)
        assert code in (0, 1), output
        assert english_in(output, tmp_path, lang) == [], output


@pytest.mark.parametrize("lang", ["sv", "da"])
def test_a_workbook_case_with_mistakes_is_reported_in_its_language(
    tmp_path: Path, lang: str
) -> None:
    [path] = new_case("bok", tmp_path, lang=lang, xlsx=True)
    book = openpyxl.load_workbook(path)
    book["people"]["B1"] = "navn"
    book["people"]["C3"] = "kanske"
    book["case"].append(["sprog", lang])
    book.create_sheet("anteckningar")
    book.save(path)
    code, output = _run("validate", str(path))
    assert code == 2, output
    assert output.count("error: ") == 4, output
    assert english_in(output, tmp_path, lang) == [], output


@pytest.mark.parametrize("lang", ["sv", "da"])
def test_the_starters_are_announced_in_their_language(tmp_path: Path, lang: str) -> None:
    for extra in ([], ["--xlsx"]):
        code, output = _run("new", f"c{len(extra)}", "-o", str(tmp_path), "--lang", lang, *extra)
        assert code == 0, output
        assert english_in(output, tmp_path, lang) == [], output


SHAPE = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
<http://e/NameShape> a sh:NodeShape ; sh:targetSubjectsOf foaf:name ;
    sh:property [ sh:path foaf:name ; sh:maxLength 3 ;
        sh:message "namnet är för långt"@sv, "navnet er for langt"@da ] .
"""
DATA = (
    '<http://e/pia> <http://xmlns.com/foaf/0.1/name> "Pia Jensen" .\n'
    "<http://e/pia> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
    "<https://w3id.org/dlgraph/ontology#Person> .\n"
)


@pytest.mark.parametrize("lang", ["sv", "da"])
def test_the_hidden_value_notice_is_in_the_language_of_the_run(tmp_path: Path, lang: str) -> None:
    (tmp_path / "s.ttl").write_text(SHAPE, encoding="utf-8")
    (tmp_path / "d.nt").write_text(DATA, encoding="utf-8")
    code, output = _run(
        "validate", str(tmp_path / "d.nt"), "--shapes", str(tmp_path / "s.ttl"), "--lang", lang
    )
    assert code == 1, output
    assert redact_literal("Pia Jensen", lang) in output
    assert "Jensen" not in output
    assert english_in(output, tmp_path, lang) == [], output


def test_the_check_finds_english() -> None:
    """The check itself: English messages are caught, what stays as written is not."""
    folder = Path("/tmp/x")
    assert english_in("error: /tmp/x/c.yaml:3:1: unknown key 'foo'\n", folder) == ["unknown"]
    assert english_in("wrote /tmp/x/r.html (1 violation(s), 0 warning(s), 0 info)", folder) == [
        "violation",
        "warning",
        "wrote",
    ]
    assert english_in("error: okänd nyckel 'unknown row'\nhint: dl:Every", folder) == []


def test_lang_given_wins_over_the_case_language(tmp_path: Path) -> None:
    case = _mistaken(tmp_path, "sv")
    code, output = _run("validate", str(case), "--lang", "en")
    assert code == 2
    assert "unknown key 'foo'" in output
    assert "okänd" not in output


def test_load_case_words_problems_in_the_case_language_or_the_one_asked(tmp_path: Path) -> None:
    case = _mistaken(tmp_path, "da")
    with pytest.raises(AuthoringError) as danish:
        load_case(case)
    assert danish.value.problem == "ukendt nøgle 'foo'"
    assert "mere i casen efter dette" in str(danish.value.hint)
    with pytest.raises(AuthoringError) as swedish:
        load_case(case, lang="sv")
    assert swedish.value.problem == "okänd nyckel 'foo'"
    assert [p.lang for p in swedish.value.problems] == ["sv"] * len(swedish.value.problems)
