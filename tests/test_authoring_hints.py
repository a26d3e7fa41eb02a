"""Hints that help, one test per hint of issue 16, and built-in names written by their
English, Swedish or Danish labels from the ontology."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, ORG

from dlgraph import DL, AuthoringError, show_values
from dlgraph.authoring import load_case, load_case_text
from dlgraph.authoring.format import VOCABULARY
from dlgraph.authoring.labels import LABELLED, labels_of, resolve

HEAD = "case: t\nbase: https://example.org/t/\n"
T = "https://example.org/t/"
ORGANISATION = HEAD + "people:\n  - id: a\nunits:\n  - id: u\n"


def _error(text: str) -> AuthoringError:
    with pytest.raises(AuthoringError) as caught:
        load_case_text(text, source_name="case.yaml")
    return caught.value


def _membership(role: str) -> str:
    return ORGANISATION + f"memberships:\n  - {{person: a, unit: u, role: {role}}}\n"


# --- suggestions from the same kind of thing only --------------------------------------


def test_a_misspelt_role_is_not_matched_to_an_interview_id() -> None:
    text = (
        HEAD
        + "sources:\n  - id: int-rektor\n    kind: interview\n"
        + _membership("rektorn").removeprefix(HEAD)
    )
    error = _error(text)
    assert error.message == "case.yaml:11:32: 'rektorn' is not defined: 'role' takes a role"
    assert error.hint == "did you mean 'rektor'?"


def test_a_role_with_no_close_name_gets_the_list_of_roles() -> None:
    error = _error(_membership("boss"))
    assert error.hint == "the roles are: " + ", ".join(VOCABULARY["role"])


def test_an_unknown_act_kind_gets_the_list_of_act_kinds() -> None:
    error = _error(HEAD + "people:\n  - id: a\nacts:\n  - actor: a\n    kind: zzz\n")
    assert error.hint == "the act kinds are: " + ", ".join(VOCABULARY["act-kind"])


def test_an_unknown_value_lists_the_built_in_values_and_says_an_id_will_do() -> None:
    error = _error(ORGANISATION.replace("  - id: u\n", "  - id: u\n    values: [xyzzy]\n"))
    assert error.hint == (
        "the values are: " + ", ".join(VOCABULARY["value"]) + "; or the id of a value"
    )


def test_a_role_cannot_be_the_id_of_a_person() -> None:
    error = _error(_membership("a"))
    assert error.message == "case.yaml:8:32: 'a' is a person, but 'role' takes a role"


# --- ids ----------------------------------------------------------------------------------


def _suggested_id(hint: str | None) -> str:
    assert hint is not None
    found = re.search(r"write e\.g\. (\S+)$", hint)
    assert found, hint
    return found.group(1)


def test_a_number_as_id_does_not_advise_quotes_and_the_advice_works() -> None:
    error = _error(HEAD + "people:\n  - id: 2021\n")
    assert error.message == "case.yaml:4:9: 'id' must be an id, not a number"
    assert "quote" not in str(error.hint)
    fixed = _suggested_id(error.hint)
    assert fixed == "person-2021"
    graph = load_case_text(HEAD + f"people:\n  - id: {fixed}\n")
    assert (URIRef(T + fixed), None, None) in graph


def test_a_quoted_number_as_id_gets_the_same_advice() -> None:
    error = _error(HEAD + "units:\n  - id: '2021'\n")
    assert _suggested_id(error.hint) == "unit-2021"


def test_an_id_with_a_swedish_letter_is_told_which_letters() -> None:
    with show_values():  # a name: shown only when asked
        error = _error(HEAD + "people:\n  - id: åsa-öberg\n")
    assert error.message == "case.yaml:4:9: 'åsa-öberg' is not a usable id"
    assert error.hint is not None
    assert "only letters" not in error.hint
    assert "letter a-z or A-Z" in error.hint and "(not å, ä, ö, æ or ø)" in error.hint
    fixed = _suggested_id(error.hint)
    assert fixed == "asa-oberg"
    load_case_text(HEAD + f"people:\n  - id: {fixed}\n")


def test_a_danish_id_is_made_usable() -> None:
    with show_values():
        assert _suggested_id(_error(HEAD + "people:\n  - id: Søren Ærø\n").hint) == "Soren-Aero"


# --- a required key with no value -----------------------------------------------------


SOURCE_HINT = (
    "every quote needs 'source': the id of the publication, document, interview or "
    "observation its words come from, listed under sources: (- id: interview-1, kind: "
    "interview, title: ...); then write source: interview-1"
)


def test_a_quote_with_an_empty_source_says_what_a_source_is() -> None:
    text = (
        HEAD + "sources:\n  - id: s\nquotes:\n  - id: q\n    source:\n    text: x\n    locator: p\n"
    )
    error = _error(text)
    assert error.message == "case.yaml:7:12: 'source' of quotes[1] has no value"
    assert error.hint == SOURCE_HINT


def test_a_quote_without_a_source_says_how_to_write_one() -> None:
    error = _error(HEAD + "quotes:\n  - id: q\n    text: x\n    locator: p\n")
    assert error.message == "case.yaml:4:5: quotes[1] lacks 'source'"
    assert error.hint == SOURCE_HINT


def test_a_membership_with_an_empty_role_gets_an_example() -> None:
    error = _error(ORGANISATION + "memberships:\n  - person: a\n    unit: u\n    role:\n")
    assert error.hint == "every membership needs 'role': write a role, e.g. role: formal-leader"


# --- YAML syntax in plain words ------------------------------------------------------------


def test_a_tab_is_explained() -> None:
    error = _error(HEAD + "people:\n\t- id: a\n")
    assert error.line == 4
    assert error.hint == (
        "YAML indents with spaces, never tabs: replace the tab(s) at the start of line 4 "
        "with spaces"
    )


def test_an_unquoted_colon_is_explained_with_the_fix_and_the_fix_works() -> None:
    with show_values():
        error = _error(HEAD + "people:\n  - id: a\n    name: Rektor: Anna\n")
    assert (
        error.hint
        == "a value that holds ': ' must be in quotes: write name: \"Rektor: Anna\" on line 5"
    )
    fix = error.hint.split("write ")[1].removesuffix(" on line 5")
    graph = load_case_text(HEAD + f"people:\n  - id: a\n    {fix}\n")
    assert any(str(o) == "Rektor: Anna" for o in graph.objects())


@pytest.mark.parametrize(
    "text",
    [
        HEAD + "people:\n  - id: a\n     name: A\n",  # deeper than the key above
        HEAD + "people:\n  - id: a\n   name: A\n",  # between the '-' and the key
    ],
    ids=["too deep", "too shallow"],
)
def test_a_wrong_indent_is_explained(text: str) -> None:
    error = _error(text)
    assert error.line == 5
    assert error.hint is not None
    assert "line 5" in error.hint
    assert "the keys of one item start in the same column" in error.hint


# --- dates unquoted in every date field --------------------------------------------------


def test_dates_unquoted_in_every_date_field() -> None:
    text = ORGANISATION + (
        "sources:\n  - id: s1\n    date: 2020-03-01\n  - id: s2\n    date: 2020\n"
        "  - id: s3\n    date: '2020-05'\n"
        "periods:\n  - id: p\n    start: 2020-03-01\n    end: 2020-06-30\n"
        "acts:\n  - actor: a\n    time: 2020-03-18\n  - actor: a\n    time: 2020-03-19 08:30:00\n"
    )
    graph = load_case_text(text)
    dates = {str(s).removeprefix(T): str(o) for s, o in graph.subject_objects(DCTERMS.date)}
    assert dates == {"s1": "2020-03-01", "s2": "2020", "s3": "2020-05"}


def test_a_date_field_still_refuses_a_list() -> None:
    error = _error(HEAD + "sources:\n  - id: s\n    date: [2020]\n")
    assert error.message == "case.yaml:5:11: 'date' must be a year or date (ISO 8601), not a list"


# --- built-in names by their labels ------------------------------------------------------


LABELLED_CASE = """case: t
base: https://example.org/t/
people:
  - id: a
  - id: b
units:
  - id: u
    values: [{value}]
    risks: [{risk}]
memberships:
  - {{person: a, unit: u, role: {principal}}}
  - {{person: b, unit: u, role: {first}}}
  - {{person: b, unit: u, role: {supervisor}}}
situations:
  - id: s
    challenges: [{challenge}]
resources:
  - id: r
    kind: {time}
acts:
  - actor: b
    kind: [{initiative}, {coordinating}]
    role: {first}
"""
SHORT = {
    "value": "trust",
    "risk": "goal-displacement",
    "principal": "principal",
    "first": "first-teacher",
    "supervisor": "supervisor",
    "challenge": "sick-leave",
    "time": "time",
    "initiative": "taking-initiative",
    "coordinating": "coordinating",
}
LABELS = {
    "sv": {
        "value": "tillit",
        "risk": "målförskjutning",
        "principal": "rektor",
        "first": "förstelärare",
        "supervisor": "handledare",
        "challenge": "sjukfrånvaro",
        "time": "tid",
        "initiative": "ta initiativ",
        "coordinating": "samordna",
    },
    "da": {
        "value": "Tillid",
        "risk": "målforskydning",
        "principal": "Skoleleder",
        "first": "førstelærer",
        "supervisor": "vejleder",
        "challenge": "sygefravær",
        "time": "tid",
        "initiative": "tage initiativ",
        "coordinating": "koordinere",
    },
    "en": {
        "value": "Trust",
        "risk": "goal displacement",
        "principal": "PRINCIPAL",
        "first": "First teacher",
        "supervisor": "supervisor",
        "challenge": "sick leave",
        "time": "Time",
        "initiative": "taking initiative",
        "coordinating": "Coordinating",
    },
}


@pytest.mark.parametrize("language", LABELS)
def test_built_in_names_by_their_labels_give_the_same_graph(language: str) -> None:
    for key, label in LABELS[language].items():
        assert (
            resolve(label, ["role", "act-kind", "value", "risk", "challenge", "resource-kind"])
            == (SHORT[key])
        ), label
    by_name = load_case_text(LABELLED_CASE.format(**SHORT))
    by_label = load_case_text(LABELLED_CASE.format(**LABELS[language]))
    assert (None, ORG.role, DL.FirstTeacher) in by_label
    assert isomorphic(by_name, by_label)


def test_labels_in_a_csv_cell(tmp_path: Path) -> None:
    (tmp_path / "m.csv").write_text(
        "person;unit;role\r\na;u;Förstelärare\r\na;u;vejleder\r\n", encoding="utf-8-sig"
    )
    (tmp_path / "case.yaml").write_text(ORGANISATION + "memberships: m.csv\n", encoding="utf-8")
    graph = load_case(tmp_path / "case.yaml")
    assert set(graph.objects(None, ORG.role)) == {DL.FirstTeacher, DL.Supervisor}


def test_a_label_of_another_kind_is_not_taken() -> None:
    """'tillit' is a value, not a role: refused, with a suggestion among roles only."""
    error = _error(_membership("tillit"))
    assert error.message == "case.yaml:8:32: 'tillit' is not defined: 'role' takes a role"
    assert "tillit" not in str(error.hint).replace("'tillit'", "")


def test_every_labelled_category_has_labels_in_three_languages() -> None:
    for category in LABELLED:
        labels = labels_of(category)
        assert set(labels.values()) == set(VOCABULARY[category]), category
        assert len(labels) >= 2 * len(VOCABULARY[category]), category
    assert labels_of("unit-kind") == {}
    assert resolve("no such thing", ["role"]) is None
