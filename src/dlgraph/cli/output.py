"""What the commands print: messages for people on stderr, tables and data on stdout.

Every DlgraphError becomes one or two lines on stderr (``error: ...``, ``hint: ...``) and
the exit code the error names; no traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn
from urllib.parse import unquote, urlsplit

import typer
from rdflib import URIRef
from rich.console import Console

from dlgraph import DlgraphError, OrgGraph, QueryResult, SelectResult
from dlgraph.query.results import compact

__all__ = ["cell", "err_console", "fail", "print_result", "say", "stdout_console"]

err_console = Console(stderr=True, highlight=False, soft_wrap=True)


def fail(error: DlgraphError) -> NoReturn:
    """Print ``error`` for a person and exit with its code."""
    err_console.print(f"error: {error.message}", markup=False)
    if error.hint:
        err_console.print(f"hint: {error.hint}", markup=False)
    raise typer.Exit(error.exit_code)


def say(quiet: bool, message: str) -> None:
    """A message for people on stderr, unless ``--quiet``."""
    if not quiet:
        err_console.print(message, markup=False)


def stdout_console() -> Console:
    """A console for tables on stdout; lines are not wrapped when stdout is not a terminal."""
    return Console(highlight=False, width=None if sys.stdout.isatty() else 10_000)


def cell(term: object, graph: OrgGraph) -> str:
    """A term as people read it: prefixed names, and files as paths relative to here."""
    if isinstance(term, URIRef) and str(term).startswith("file://"):
        path = Path(unquote(urlsplit(str(term)).path))
        try:
            return str(path.relative_to(Path.cwd()))
        except ValueError:
            return str(path)
    return compact(term, graph.dataset.namespace_manager)  # type: ignore[arg-type]


def print_result(result: QueryResult, graph: OrgGraph, fmt: str) -> None:
    """A query's result on stdout in ``fmt``; ``table`` is for people (ASK: true/false)."""
    if fmt != "table":
        sys.stdout.write(result.serialize(fmt))
    elif isinstance(result, SelectResult):
        from rich.table import Table  # rich's tables load only when one is printed

        table = Table(*result.variables)
        for column in table.columns:
            column.overflow = "fold"
        for row in result.rows:
            table.add_row(*(cell(term, graph) for term in row))
        stdout_console().print(table)
    elif result.kind == "ASK":
        sys.stdout.write(f"{str(bool(result)).lower()}\n")
    else:
        sys.stdout.write(result.serialize("turtle"))
