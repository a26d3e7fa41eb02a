"""Spreadsheets as they are saved: CSV in Excel's Swedish and Danish dialect (semicolon,
BOM, CRLF), lists inside a cell, booleans in three languages, headers in any case, and
files that are not UTF-8."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Literal, URIRef
from rdflib.compare import isomorphic

from dlgraph import DL, AuthoringError, show_values
from dlgraph.authoring import load_case
from dlgraph.authoring.format import ID_PATTERN, VOCABULARY, context_terms
from dlgraph.authoring.tables import BOOLEANS, CSV_UTF8_HINT, parse_bool, separator, split_list
from dlgraph.authoring.words import set_message_language


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """These cases say language: sv; the tests here pin the English wording (--lang en)."""
    set_message_language("en", explicit=True)
    yield
    set_message_language(None)


HEAD = "case: t\nbase: https://example.org/t/\nlanguage: sv\n"
T = "https://example.org/t/"

CASE = HEAD + (
    "units:\n  - id: skola\n  - id: grupp\n    in_line_under: skola\n"
    "people: people.csv\nmemberships: memberships.csv\nacts: acts.csv\n"
)
CANONICAL = {
    "people.csv": "id,name,pseudonym,formal_leader_of\n"
    'p1,"Rektor R, skolan",true,skola;grupp\n'
    "p2,Lärare L,false,\n",
    "memberships.csv": "person,unit,role,during\n"
    "p1,skola,principal,2020-01-01/2020-12-31\n"
    "p2,grupp,first-teacher,\n",
    "acts.csv": "actor,kind,own_initiative,time,aligned_with\n"
    "p2,taking-initiative;coordinating,true,2020-03-18,trust;shared-responsibility\n"
    "p1,informing,false,2020-03-19T08:30:00,\n",
}


def _write_case(folder: Path, files: dict[str, bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    case = folder / "case.yaml"
    case.write_text(CASE, encoding="utf-8")
    return case


def _excel(text: str, delimiter: str = ";", bom: bool = True) -> bytes:
    """``text`` (canonical CSV) as Excel saves it: its separator, quoting, CRLF, BOM."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    for cells in csv.reader(io.StringIO(text, newline="")):
        writer.writerow(cells)
    return ("\ufeff" if bom else "").encode("utf-8") + out.getvalue().encode("utf-8")


def _canonical(tmp_path: Path) -> Path:
    return _write_case(tmp_path / "canonical", {n: t.encode("utf-8") for n, t in CANONICAL.items()})


def test_a_swedish_excel_csv_loads_to_the_same_graph_as_the_canonical(tmp_path: Path) -> None:
    canonical = load_case(_canonical(tmp_path))
    excel = {name: _excel(text) for name, text in CANONICAL.items()}
    assert excel["people.csv"].startswith(b"\xef\xbb\xbfid;name;pseudonym;formal_leader_of\r\n")
    assert b'"skola;grupp"' in excel["people.csv"]
    swedish = load_case(_write_case(tmp_path / "sv", excel))
    assert len(canonical) > 20
    assert isomorphic(canonical, swedish)


def test_a_danish_excel_csv_with_bars_words_and_capital_headers(tmp_path: Path) -> None:
    """Typed by hand in Danish Excel: ``|`` between list items, ja/nej, headers capitalised."""
    danish = {
        "people.csv": "\ufeffID;Name;Pseudonym;Formal leader of\r\n"
        "p1;Rektor R, skolan;JA;skola | grupp\r\n"
        "p2;Lärare L;nej;\r\n",
        "memberships.csv": "\ufeffPerson;Unit;Role;During\r\n"
        "p1;skola;principal;2020-01-01/2020-12-31\r\n"
        "p2;grupp;first-teacher;\r\n",
        "acts.csv": "\ufeffActor;Kind;Own_Initiative;Time;Aligned_With\r\n"
        "p2;taking-initiative|coordinating;Sand;2020-03-18;trust|shared-responsibility\r\n"
        "p1;informing;FALSK;2020-03-19T08:30:00;\r\n",
    }
    loaded = load_case(_write_case(tmp_path / "da", {n: t.encode() for n, t in danish.items()}))
    assert isomorphic(load_case(_canonical(tmp_path)), loaded)


def test_a_comma_file_with_crlf_and_no_bom_reads_the_same(tmp_path: Path) -> None:
    files = {name: _excel(text, ",", bom=False) for name, text in CANONICAL.items()}
    assert files["acts.csv"].count(b"\r\n") == 3
    assert isomorphic(
        load_case(_canonical(tmp_path)), load_case(_write_case(tmp_path / "c", files))
    )


def test_a_utf16_file_with_its_bom_and_tabs_reads_the_same(tmp_path: Path) -> None:
    """Excel's "Unicode text": UTF-16 with a BOM, cells separated by tabs."""
    files = {
        name: _excel(text, "\t", bom=False).decode("utf-8").encode("utf-16")
        for name, text in CANONICAL.items()
    }
    assert isomorphic(
        load_case(_canonical(tmp_path)), load_case(_write_case(tmp_path / "u", files))
    )


def test_windows_1252_is_refused_naming_file_line_and_how_to_save_utf8(tmp_path: Path) -> None:
    files = {n: t.encode("utf-8") for n, t in CANONICAL.items()}
    files["people.csv"] = CANONICAL["people.csv"].encode("cp1252")
    with pytest.raises(AuthoringError) as caught:
        load_case(_write_case(tmp_path, files))
    error = caught.value
    assert (error.source, error.line, error.key) == (str(tmp_path / "people.csv"), 3, "people")
    assert error.message == (
        f"{tmp_path / 'people.csv'}:3: the file is not UTF-8 text (byte 0xE4 on line 3; "
        "perhaps saved as Windows-1252 or another 8-bit encoding)"
    )
    assert error.hint is not None
    assert error.hint.startswith(CSV_UTF8_HINT)  # before the count of problems that follow
    assert "'CSV UTF-8 (Comma delimited) (*.csv)'" in CSV_UTF8_HINT


@pytest.mark.parametrize(
    ("word", "truth"),
    [(w, t) for w, t in BOOLEANS.items()]
    + [("TRUE", True), ("Yes", True), ("SANT", True), ("Falskt", False), ("NEJ", False)],
)
def test_csv_booleans_in_three_languages_any_case(tmp_path: Path, word: str, truth: bool) -> None:
    files = {n: t.encode("utf-8") for n, t in CANONICAL.items()}
    files["people.csv"] = f"id,pseudonym\np1,{word}\np2,\n".encode()
    graph = load_case(_write_case(tmp_path, files))
    assert (URIRef(T + "p1"), DL.isPseudonym, Literal(truth)) in graph


def test_parse_bool_refuses_other_words() -> None:
    assert [parse_bool(w) for w in ("perhaps", "", "2", "oui", "truee")] == [None] * 5
    assert set(BOOLEANS) == {
        "true", "false", "yes", "no", "ja", "nej", "sant", "falskt", "sand", "falsk", "1", "0"
    }  # fmt: skip


def test_a_misspelt_header_in_another_case_gets_a_suggestion(tmp_path: Path) -> None:
    files = {n: t.encode("utf-8") for n, t in CANONICAL.items()}
    files["people.csv"] = b"ID;Nmae\r\np1;A\r\n"
    with show_values(), pytest.raises(AuthoringError) as caught:
        load_case(_write_case(tmp_path, files))
    assert caught.value.message == (
        f"{tmp_path / 'people.csv'}:1: unknown column 'Nmae' in the header of people"
    )
    assert caught.value.hint is not None
    assert caught.value.hint.splitlines()[0] == "did you mean 'name'?"


def test_the_same_column_twice_in_different_case_is_a_duplicate(tmp_path: Path) -> None:
    files = {n: t.encode("utf-8") for n, t in CANONICAL.items()}
    files["people.csv"] = b"id,name,Name\np1,A,B\n"
    with pytest.raises(AuthoringError, match="duplicate column 'Name'"):
        load_case(_write_case(tmp_path, files))


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("id,name", ","),
        ("id;name;pseudonym", ";"),
        ('"a;b",c,d', ","),
        ('"a,b";c', ";"),
        ("id\tname", "\t"),
        ("id", ","),
        ("id;name\r\nx,y,z,w", ";"),
    ],
)
def test_the_separator_is_the_header_lines(header: str, expected: str) -> None:
    assert separator(header) == expected


def test_split_list_takes_bars_and_semicolons() -> None:
    assert split_list("a | b;c ;; d|") == ["a", "b", "c", "d"]
    assert split_list("a") == ["a"]


# --- a property: any case in the canonical form reads the same in Excel's dialect ----

ids = st.from_regex(re.compile(ID_PATTERN.replace("*$", "{0,8}$")), fullmatch=True).filter(
    lambda ident: ident not in context_terms()
)
words = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=20).filter(
    lambda text: text.strip() == text
)


def _csv(header: list[str], records: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(records)
    return out.getvalue()


@st.composite
def canonical_cases(draw: st.DrawFn) -> dict[str, Any]:
    names = draw(st.lists(ids, min_size=2, max_size=8, unique=True))
    split = draw(st.integers(1, len(names) - 1))
    units, people = names[:split], names[split:]
    roles, kinds, values = (VOCABULARY[k] for k in ("role", "act-kind", "value"))
    return {
        "yaml": HEAD
        + "units:\n"
        + "".join(f"  - id: {u}\n" for u in units)
        + "people: people.csv\nmemberships: memberships.csv\nacts: acts.csv\n",
        "people.csv": _csv(
            ["id", "name", "pseudonym", "formal_leader_of"],
            [
                [
                    p,
                    draw(words),
                    draw(st.sampled_from(["true", "false", ""])),
                    ";".join(draw(st.lists(st.sampled_from(units), max_size=3, unique=True))),
                ]
                for p in people
            ],
        ),
        "memberships.csv": _csv(
            ["person", "unit", "role", "note"],
            [
                [p, draw(st.sampled_from(units)), draw(st.sampled_from(roles)), draw(words)]
                for p in people
            ],
        ),
        "acts.csv": _csv(
            ["actor", "kind", "own_initiative", "aligned_with"],
            [
                [
                    draw(st.sampled_from(people + units)),
                    ";".join(draw(st.lists(st.sampled_from(kinds), min_size=1, max_size=3))),
                    draw(st.sampled_from(["true", "false"])),
                    ";".join(draw(st.lists(st.sampled_from(values), max_size=2))),
                ]
                for _ in range(draw(st.integers(0, 4)))
            ],
        ),
    }


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
          HealthCheck.function_scoped_fixture])  # fmt: skip
@given(canonical_cases())
def test_any_canonical_case_reads_the_same_in_excels_dialect(
    tmp_path: Path, case: dict[str, Any]
) -> None:
    loaded = []
    for folder, encode in (
        ("canonical", lambda text: text.encode("utf-8")),
        ("excel", _excel),
    ):
        where = tmp_path / folder
        where.mkdir(exist_ok=True)
        for name in ("people.csv", "memberships.csv", "acts.csv"):
            (where / name).write_bytes(encode(case[name]))
        (where / "case.yaml").write_text(case["yaml"], encoding="utf-8")
        loaded.append(load_case(where / "case.yaml"))
    assert isomorphic(loaded[0], loaded[1])


def test_a_cell_the_csv_reader_refuses_names_its_line(tmp_path: Path) -> None:
    files = {n: t.encode("utf-8") for n, t in CANONICAL.items()}
    files["people.csv"] = b"id,name\np1,A\np2," + b"B" * 200_000 + b"\n"
    with pytest.raises(AuthoringError) as caught:
        load_case(_write_case(tmp_path, files))
    assert caught.value.line == 3
    assert "not valid CSV: field larger than field limit" in caught.value.message
