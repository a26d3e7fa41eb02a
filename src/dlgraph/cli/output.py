"""What the commands print: messages for people on stderr, tables and data on stdout.

Every DlgraphError becomes one or two lines on stderr (``error: ...``, ``hint: ...``) and
the exit code the error names; no traceback. Text from the data or the user's files is
shown as it is: never read as rich markup or emoji codes (``case.yaml:100:9`` stays so),
and control characters (ESC, CSI, ...) are shown escaped, so data cannot drive the
terminal.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn
from urllib.parse import unquote, urlsplit

import typer
from rdflib import URIRef
from rich.console import Console
from rich.text import Text

from dlgraph import AuthoringError, DlgraphError, OrgGraph, ParseError, QueryResult, SelectResult
from dlgraph.authoring.words import message_language
from dlgraph.authoring.words import say as say_in
from dlgraph.query.results import compact

if TYPE_CHECKING:
    from rich.table import Column

__all__ = [
    "cell",
    "err_console",
    "error_format",
    "error_json",
    "fail",
    "headers",
    "plain",
    "print_result",
    "problems_of",
    "say",
    "set_error_format",
    "shown",
    "stdout_console",
]

err_console = Console(stderr=True, highlight=False, soft_wrap=True, markup=False, emoji=False)
"""Messages for people; text from the user's files never turns into markup or emoji."""

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def shown(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` safe to show on a terminal: control characters become ``\\x1b``-style escapes.

    A tab is kept; a line break only with ``keep_newlines``. Bidirectional overrides are
    escaped too, as they can make a line read differently from what it holds.
    """
    escaped = _CONTROL.sub(lambda match: match.group(0).encode("unicode_escape").decode(), text)
    return escaped if keep_newlines else escaped.replace("\n", "\\n")


def headers(*names: str) -> list[Column]:
    """Columns for a rich table whose headers are shown as they are (see :func:`plain`)."""
    from rich.table import Column  # rich's tables load only when one is printed

    return [Column(plain(name)) for name in names]


def plain(text: str) -> Text:
    """``text`` for a rich table cell: shown as it is, no markup, no emoji, no control."""
    return Text(shown(text).replace("\t", "\\t"))


_error_format = ["text"]


def set_error_format(fmt: str) -> None:
    """How :func:`fail` reports problems from now on: ``text`` or ``json``."""
    _error_format[0] = fmt


def error_format() -> str:
    """How :func:`fail` reports problems now: ``text`` or ``json``."""
    return _error_format[0]


def problems_of(error: DlgraphError) -> list[DlgraphError]:
    """The problems an error stands for: every problem of a case, else the error itself."""
    if isinstance(error, AuthoringError):
        return list(error.problems)
    return [error]


def error_json(error: DlgraphError) -> dict[str, Any]:
    """An error as JSON: its problems (file, line, column, row, key, message, hint)."""
    records: list[dict[str, Any]] = []
    for problem in problems_of(error):
        if isinstance(problem, AuthoringError):
            records.append(problem.to_dict())
        elif isinstance(problem, ParseError):
            where = {"file": problem.source, "line": problem.line, "column": problem.column}
            records.append({**where, "message": problem.reason, "hint": problem.hint})
        else:
            records.append({"message": problem.message, "hint": problem.hint})
    omitted = error.omitted if isinstance(error, AuthoringError) else 0
    return {
        "exit_code": error.exit_code,
        "count": len(records) + omitted,
        "omitted": omitted,
        "problems": records,
    }


def fail(error: DlgraphError) -> NoReturn:
    """Report ``error`` (every problem of a case) and exit with its code.

    As text: ``error:`` and ``hint:`` lines on stderr for each problem, then how many
    there were; as JSON (``--errors json``): :func:`error_json` on stdout.
    """
    if _error_format[0] == "json":
        sys.stdout.write(json.dumps(error_json(error), indent=2, ensure_ascii=False) + "\n")
        raise typer.Exit(error.exit_code)
    problems = problems_of(error)
    if len(problems) == 1:
        problems = [error]  # its hint counts the problems beyond the limit
    for problem in problems:
        err_console.print(f"error: {shown(problem.message)}", markup=False, emoji=False)
        if problem.hint:
            err_console.print(f"hint: {shown(problem.hint)}", markup=False, emoji=False)
    if len(problems) > 1:
        lang = error.lang if isinstance(error, AuthoringError) else message_language()
        omitted = error.omitted if isinstance(error, AuthoringError) else 0
        beyond = say_in("not_shown", lang, count=omitted) if omitted else ""
        total = say_in("problems_in_all", lang, count=len(problems) + omitted)
        err_console.print(f"{total}{beyond}", markup=False, emoji=False)
    raise typer.Exit(error.exit_code)


def say(quiet: bool, message: str) -> None:
    """A message for people on stderr, unless ``--quiet``."""
    if not quiet:
        err_console.print(shown(message, keep_newlines=True), markup=False, emoji=False)


def stdout_console() -> Console:
    """A console for tables on stdout; lines are not wrapped when stdout is not a terminal."""
    return Console(
        highlight=False,
        markup=False,
        emoji=False,
        width=None if sys.stdout.isatty() else 10_000,
    )


def cell(term: object, graph: OrgGraph) -> str:
    """A term as people read it: prefixed names, and files as paths relative to here."""
    if isinstance(term, URIRef) and str(term).startswith("file://"):
        path = Path(unquote(urlsplit(str(term)).path))
        try:
            return str(path.relative_to(Path.cwd()))
        except ValueError:
            return str(path)
    return compact(term, graph.dataset.namespace_manager)  # type: ignore[arg-type]


def print_result(result: QueryResult, graph: OrgGraph, fmt: str, *, raw: bool = False) -> None:
    """A query's result on stdout in ``fmt``; ``table`` is for people (ASK: true/false).

    CSV cells that a spreadsheet would run as a formula are neutralised unless ``raw``.
    """
    if fmt == "csv" and isinstance(result, SelectResult):
        sys.stdout.write(result.to_csv(neutralise_formulas=not raw))
    elif fmt != "table":
        sys.stdout.write(result.serialize(fmt))
    elif isinstance(result, SelectResult):
        from rich.table import Table  # rich's tables load only when one is printed

        table = Table(*headers(*result.variables))
        for column in table.columns:
            column.overflow = "fold"
        for row in result.rows:
            table.add_row(*(plain(cell(term, graph)) for term in row))
        stdout_console().print(table)
    elif result.kind == "ASK":
        sys.stdout.write(f"{str(bool(result)).lower()}\n")
    else:
        sys.stdout.write(result.serialize("turtle"))
