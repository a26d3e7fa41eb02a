"""Every problem of a case at once: ``AuthoringError.problems`` in Python, every problem
on stderr from convert, validate and load, ``--errors json``, and the limit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dlgraph import AuthoringError, show_values
from dlgraph.authoring import case_problems, load_case
from dlgraph.authoring.case import PROBLEM_LIMIT
from dlgraph.cli import app

HEAD = "case: t\nbase: https://example.org/t/\n"
MISTAKES = HEAD + (
    "units:\n  - id: u1\n"
    "people:\n"
    "  - id: a\n    nme: A\n"  # line 7: unknown key
    "  - id: a\n"  # line 8: duplicate id
    "  - id: b\n    pseudonym: maybe\n"  # line 10: not a boolean
    "    formal_leader_of: [u2]\n"  # line 11: undefined unit
    "memberships: memberships.csv\n"
)
MEMBERSHIPS = "person,unit,role\nb,u1,teacher\nb,u1,boss\nzed,u1,teacher\n"
EXPECTED = [
    # (file, line, row, key, message without its place)
    ("case.yaml", 7, None, "nme", "unknown key 'nme' in people[1]"),
    ("case.yaml", 8, None, "id", "the id 'a' is already used by people[1]"),
    ("case.yaml", 10, None, "pseudonym", "'pseudonym' must be true or false, not 'maybe'"),
    (
        "case.yaml",
        11,
        None,
        "formal_leader_of",
        "'u2' is not defined: 'formal_leader_of' takes a unit",
    ),
    ("memberships.csv", 3, 2, "role", "'boss' is not defined: 'role' takes a role"),
    ("memberships.csv", 4, 3, "person", "'zed' is not defined: 'person' takes a person"),
]


def _case(tmp_path: Path) -> Path:
    (tmp_path / "memberships.csv").write_text(MEMBERSHIPS, encoding="utf-8")
    case = tmp_path / "case.yaml"
    case.write_text(MISTAKES, encoding="utf-8")
    return case


def _placed(problems: list[AuthoringError], tmp_path: Path) -> list[tuple[object, ...]]:
    return [
        (Path(str(p.source)).relative_to(tmp_path).as_posix(), p.line, p.row, p.key, p.problem)
        for p in problems
    ]


def test_the_error_holds_every_problem_each_placed(tmp_path: Path) -> None:
    case = _case(tmp_path)
    with show_values(), pytest.raises(AuthoringError) as caught:
        load_case(case)  # the values of a CSV file are shown only when asked
    error = caught.value
    assert _placed(error.problems, tmp_path)[:4] == EXPECTED[:4]
    assert [(p.line, p.row, p.key) for p in error.problems[4:]] == [
        (3, 2, "role"),
        (4, 3, "person"),
    ]
    assert error.message == f"{case}:7:5: unknown key 'nme' in people[1]"
    assert error.hint == "did you mean 'name'?\n(5 more problem(s) in this case after this one)"
    assert error.problems[0].hint == "did you mean 'name'?"
    assert error.problems[5].message == (
        f"{tmp_path / 'memberships.csv'}:4: row 3, column 'person': 'zed' is not defined: "
        "'person' takes a person"
    )
    assert error.omitted == 0
    with show_values():
        assert [str(p) for p in case_problems(case)] == [str(p) for p in error.problems]


def test_a_single_problem_is_its_own_list() -> None:
    error = AuthoringError("x", source="c.yaml", line=1)
    assert error.problems == [error] and error.omitted == 0


def test_problems_beyond_the_limit_are_counted(tmp_path: Path) -> None:
    rows = "".join(f"p{n},perhaps\n" for n in range(PROBLEM_LIMIT + 30))
    (tmp_path / "people.csv").write_text("id,pseudonym\n" + rows, encoding="utf-8")
    case = tmp_path / "case.yaml"
    case.write_text(HEAD + "people: people.csv\n", encoding="utf-8")
    with pytest.raises(AuthoringError) as caught:
        load_case(case)
    error = caught.value
    assert len(error.problems) == PROBLEM_LIMIT
    assert error.omitted == 30
    assert error.problems[-1].row == PROBLEM_LIMIT
    assert error.hint == f"({PROBLEM_LIMIT + 29} more problem(s) in this case after this one)"


@pytest.mark.parametrize(
    "command",
    [
        ["convert", "CASE", "-o", "OUT/x.ttl"],
        ["validate", "CASE"],
        ["load", "CASE", "--store", "OUT/s"],
    ],
    ids=["convert", "validate", "load"],
)
def test_the_commands_print_every_problem(tmp_path: Path, command: list[str]) -> None:
    case = _case(tmp_path)
    args = [a.replace("CASE", str(case)).replace("OUT", str(tmp_path)) for a in command]
    result = CliRunner().invoke(app, [*args, "--show-values"])
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    errors = [line for line in lines if line.startswith("error: ")]
    assert len(errors) == len(EXPECTED)
    for line, (file, number, _, _, message) in zip(errors, EXPECTED, strict=True):
        assert line.startswith(f"error: {tmp_path / file}:{number}:")
        assert line.endswith(message)
    assert "hint: did you mean 'name'?" in lines
    assert "more problem(s)" not in result.stderr
    assert lines[-1] == f"{len(EXPECTED)} problems in all"


@pytest.mark.parametrize("command", ["convert", "validate", "stats"])
def test_errors_json_gives_every_problem(tmp_path: Path, command: str) -> None:
    case = _case(tmp_path)
    args = [command, str(case), "--errors", "json", "--show-values"]
    if command == "convert":
        args += ["-o", str(tmp_path / "x.ttl")]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    assert result.stderr == ""
    report = json.loads(result.stdout)
    assert (report["exit_code"], report["count"], report["omitted"]) == (2, 6, 0)
    placed = [
        (Path(p["file"]).name, p["line"], p["row"], p["key"], p["message"])
        for p in report["problems"]
    ]
    assert placed[:4] == EXPECTED[:4]
    assert placed[5] == EXPECTED[5]
    assert report["problems"][0]["hint"] == "did you mean 'name'?"
    assert report["problems"][0]["column"] == 5


def test_errors_json_for_an_error_that_is_not_a_case(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["stats", str(tmp_path / "missing.ttl"), "--errors", "json"])
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    assert report["count"] == 1 and "missing.ttl" in report["problems"][0]["message"]


def test_an_unknown_error_format_is_refused() -> None:
    result = CliRunner().invoke(app, ["stats", "x.ttl", "--errors", "xml"])
    assert result.exit_code == 2
    assert "unknown error format 'xml'" in result.stderr


def test_a_line_number_is_never_turned_into_an_emoji(tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    case.write_text(HEAD + "#\n" * 97 + "peple: 1\n")
    result = CliRunner().invoke(app, ["convert", str(case), "-o", str(tmp_path / "x.ttl")])
    assert f"error: {case}:100:1: unknown key 'peple'" in result.stderr
