"""Property-based tests of the case reader: generated valid cases load into the graph
they describe, and mutated cases give an AuthoringError or a graph, never another error."""

from __future__ import annotations

import re
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import FOAF, ORG, RDF

from conftest import ROOT
from dlgraph import DL, AuthoringError
from dlgraph.authoring import load_case, load_case_text
from dlgraph.authoring.format import ID_PATTERN, VOCABULARY, context_terms

BASE = "https://example.org/generated/"
SETTINGS = settings(
    max_examples=int(__import__("os").environ.get("DLGRAPH_HYPOTHESIS_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

ids = st.from_regex(re.compile(ID_PATTERN.replace("*$", "{0,12}$")), fullmatch=True).filter(
    lambda ident: ident not in context_terms()
)
words = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30).filter(
    lambda text: text.strip() == text and text != "" and not text.startswith("=")
)  # a cell that starts with '=' is a formula in a workbook
dates = st.dates().map(lambda day: day.isoformat()).filter(lambda iso: len(iso) == 10)


@st.composite
def cases(draw: st.DrawFn) -> dict[str, Any]:
    """A valid case: units, people, memberships and acts that refer to each other."""
    names = draw(st.lists(ids, min_size=2, max_size=12, unique=True))
    split = draw(st.integers(1, len(names) - 1))
    unit_ids, person_ids = names[:split], names[split:]
    units = [
        {"id": unit, "kind": draw(st.sampled_from(VOCABULARY["unit-kind"])), "name": draw(words)}
        for unit in unit_ids
    ]
    for index, unit in enumerate(units[1:], start=1):
        unit["in_line_under"] = unit_ids[draw(st.integers(0, index - 1))]
    people = [
        {"id": person, "name": draw(words), "pseudonym": draw(st.booleans())}
        for person in person_ids
    ]
    memberships = []
    for person in person_ids:
        start, end = sorted(draw(st.lists(dates, min_size=2, max_size=2)))
        memberships.append(
            {
                "person": person,
                "unit": draw(st.sampled_from(unit_ids)),
                "role": draw(st.sampled_from(VOCABULARY["role"])),
                "during": f"{start}/{end}",
            }
        )
    acts = [
        {
            "actor": draw(st.sampled_from(person_ids + unit_ids)),
            "kind": draw(st.lists(st.sampled_from(VOCABULARY["act-kind"]), min_size=1, max_size=3)),
            "own_initiative": draw(st.booleans()),
            "time": draw(dates),
            "aligned_with": draw(st.lists(st.sampled_from(VOCABULARY["value"]), max_size=2)),
        }
        for _ in range(draw(st.integers(0, 4)))
    ]
    return {
        "case": "generated",
        "base": BASE,
        "language": draw(st.sampled_from(["en", "sv", "da"])),
        "units": units,
        "people": people,
        "memberships": memberships,
        "acts": acts,
    }


@SETTINGS
@given(cases())
def test_generated_cases_load_into_the_graph_they_describe(case: dict[str, Any]) -> None:
    graph = load_case_text(yaml.safe_dump(case, allow_unicode=True))
    people = {URIRef(BASE + p["id"]) for p in case["people"]}
    assert set(graph.subjects(RDF.type, DL.Person)) == people
    for person in case["people"]:
        node = URIRef(BASE + person["id"])
        assert (node, FOAF.name, Literal(person["name"])) in graph
        assert (node, DL.isPseudonym, Literal(person["pseudonym"])) in graph
    assert len(set(graph.subjects(RDF.type, ORG.Membership))) == len(case["memberships"])
    assert len(set(graph.subjects(RDF.type, DL.LeadershipAct))) == len(case["acts"])
    for unit in case["units"]:
        if "in_line_under" in unit:
            above = URIRef(BASE + unit["in_line_under"])
            assert (URIRef(BASE + unit["id"]), DL.inLineUnder, above) in graph


def _cell(value: Any) -> Any:
    """A value as Excel holds it once typed in: a list joined with '|', a date as a date."""
    if isinstance(value, list):
        return " | ".join(value)
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return datetime.fromisoformat(value)
    return value


def _workbook(case: dict[str, Any], path: Path) -> Path:
    """The case as one workbook: the sheet case, a sheet per list (with Excel's types)."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "case"
    for key in ("case", "base", "language"):
        sheet.append([key, case[key]])
    for section in ("units", "people", "memberships", "acts"):
        sheet = book.create_sheet(section)
        keys = list(dict.fromkeys(key for item in case[section] for key in item))
        sheet.append(keys or ["id"])
        for item in case[section]:
            sheet.append([_cell(item.get(key)) for key in keys])
    book.save(path)
    return path


@settings(SETTINGS, max_examples=10)
@given(cases())
def test_generated_cases_read_the_same_from_one_workbook(case: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        book = load_case(_workbook(case, Path(folder) / "case.xlsx"))
    assert isomorphic(book, load_case_text(yaml.safe_dump(case, allow_unicode=True)))


def _load_or_authoring_error(text: str) -> None:
    try:
        load_case_text(text, source_name="mutated.yaml")
    except AuthoringError as error:
        assert error.source == "mutated.yaml"
        assert error.line is None or error.line >= 1


junk = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=20),
    st.lists(st.text(max_size=5), max_size=3),
    st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=2),
    st.sampled_from(["2020-01-01", "2020-01-01/..", "../..", "a/b", "trust", "x.csv", "::"]),
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


def _replace(node: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(node, dict):
        return {**node, head: _replace(node[head], rest, value)}
    copy = list(node)
    copy[head] = _replace(copy[head], rest, value)
    return copy


@SETTINGS
@given(cases(), st.data())
def test_cases_with_a_value_replaced_by_junk_give_only_authoring_errors(
    case: dict[str, Any], data: st.DataObject
) -> None:
    path = data.draw(st.sampled_from(_paths(case)))
    mutated = _replace(case, path, data.draw(junk))
    _load_or_authoring_error(yaml.safe_dump(mutated, allow_unicode=True))


@SETTINGS
@given(cases(), st.data())
def test_cases_with_a_key_renamed_give_only_authoring_errors(
    case: dict[str, Any], data: st.DataObject
) -> None:
    paths = [p for p in _paths(case) if p and isinstance(p[-1], str)]
    path = data.draw(st.sampled_from(paths))
    parent = _replace(case, (), case)
    for step in path[:-1]:
        parent = parent[step]
    parent[data.draw(st.text(max_size=8))] = parent.pop(path[-1])
    _load_or_authoring_error(yaml.safe_dump(case, allow_unicode=True))


EXAMPLE_TEXTS = [
    (ROOT / "examples" / "patterns.yaml").read_text(encoding="utf-8"),
    (ROOT / "examples" / "denmark-icdp-incoherent" / "denmark-icdp-incoherent.yaml").read_text(
        encoding="utf-8"
    ),
]


@SETTINGS
@given(st.sampled_from(EXAMPLE_TEXTS), st.data())
def test_examples_with_text_edits_give_only_authoring_errors(
    text: str, data: st.DataObject
) -> None:
    for _ in range(data.draw(st.integers(1, 3))):
        position = data.draw(st.integers(0, len(text)))
        length = data.draw(st.integers(0, 12))
        insert = data.draw(st.sampled_from(["", " ", "\n", ":", "- ", "[", "{", "'", "x", "\t"]))
        text = text[:position] + insert + text[position + length :]
    _load_or_authoring_error(text)
