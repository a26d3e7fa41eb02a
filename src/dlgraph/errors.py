"""The one exception hierarchy of dlgraph, rooted in :class:`DlgraphError`.

Every error carries the exit code the CLI uses for it, so that the library decides what
went wrong and the CLI only prints and exits.
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "EXIT_CONFORMS",
    "EXIT_ENVIRONMENT",
    "EXIT_INPUT",
    "EXIT_NETWORK",
    "EXIT_TIMEOUT",
    "EXIT_VIOLATIONS",
    "AuthoringError",
    "DlgraphError",
    "EnvironmentProblem",
    "InputError",
    "LimitExceeded",
    "NetworkRefused",
    "ParseError",
    "QueryError",
    "QuerySyntaxError",
    "ReadOnlyError",
    "RemoteError",
    "ShapesError",
    "TimeoutExceeded",
    "UnknownNameError",
]

EXIT_CONFORMS = 0
"""Success; for ``validate``: no violation (warnings and info allowed)."""
EXIT_VIOLATIONS = 1
"""``validate`` found at least one violation."""
EXIT_INPUT = 2
"""Unusable input or usage: a syntax error, a missing file, an unknown option or name."""
EXIT_ENVIRONMENT = 3
"""Something the machine lacks: Java for HermiT, an optional package."""
EXIT_NETWORK = 4
"""A network request was refused (not allowed) or a remote endpoint failed."""
EXIT_TIMEOUT = 5
"""A time, size or memory limit was exceeded."""


class DlgraphError(Exception):
    """Base of every error dlgraph raises on purpose; ``exit_code`` is the CLI's code."""

    exit_code: int = EXIT_INPUT

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        if self.hint:
            return f"{self.message}\n{self.hint}"
        return self.message


class InputError(DlgraphError):
    """Input that cannot be used: a missing file, an unknown format, a wrong value."""


class UnknownNameError(InputError):
    """A name (named query, shape set, format, profile, parameter) that does not exist."""


class ParseError(InputError):
    """A syntax error in an input document, with where it stands.

    ``source`` is the file path (or ``<string>``), ``line`` and ``column`` are 1-based
    where the parser reports them, ``token`` is the offending text when known.
    """

    def __init__(
        self,
        message: str,
        *,
        source: str | Path | None = None,
        line: int | None = None,
        column: int | None = None,
        token: str | None = None,
        hint: str | None = None,
    ) -> None:
        self.source = str(source) if source is not None else None
        self.line = line
        self.column = column
        self.token = token
        where = self.location()
        # a position names one line: a line break taken from the input is shown escaped
        message = message.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\r")
        super().__init__(f"{where}: {message}" if where else message, hint=hint)
        self.reason = message

    def location(self) -> str:
        """``file:line:column`` as far as it is known."""
        parts = [self.source or "<input>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


class QuerySyntaxError(ParseError):
    """A SPARQL query or update that does not parse: the query twin of ParseError."""


_ROW_WORDS = {
    "en": ("row {}", ", column '{}'", " (cell {})"),
    "sv": ("rad {}", ", kolumn '{}'", " (cell {})"),
    "da": ("række {}", ", kolonne '{}'", " (celle {})"),
}
"""How an AuthoringError names a row, a column and a cell, by language (``lang``)."""


class AuthoringError(ParseError):
    """A case file in the researcher format that breaks its rules (key, type, reference).

    ``key`` is the key or column, ``row`` the row (1 after the header) when the problem
    stands in a CSV file or workbook, ``cell`` the workbook's cell (``C3``; ``source`` is
    then ``book.xlsx#Sheet``), ``problem`` the message without where it stands, and
    ``lang`` the language it is worded in (en, sv or da).
    Raised for a case, the error is its first problem, and ``problems`` holds every
    problem of the case (up to a limit; ``omitted`` counts those beyond it), each an
    AuthoringError of its own.
    """

    def __init__(
        self,
        message: str,
        *,
        source: str | Path | None = None,
        line: int | None = None,
        column: int | None = None,
        key: str | None = None,
        hint: str | None = None,
        row: int | None = None,
        cell: str | None = None,
        problems: list[AuthoringError] | None = None,
        omitted: int = 0,
        lang: str = "en",
    ) -> None:
        self.key = key
        self.row = row
        self.cell = cell
        self.problem = message
        self.lang = lang
        if row is not None:
            words = _ROW_WORDS.get(lang, _ROW_WORDS["en"])
            column_name = words[1].format(key) if key else ""
            at = words[2].format(cell) if cell else ""
            message = f"{words[0].format(row)}{column_name}{at}: {message}"
        super().__init__(message, source=source, line=line, column=column, token=key, hint=hint)
        self.problems: list[AuthoringError] = list(problems) if problems else [self]
        self.omitted = omitted

    def to_dict(self) -> dict[str, str | int | None]:
        """The problem as JSON: file, line, column, row, key, message and hint."""
        return {
            "file": self.source,
            "line": self.line,
            "column": self.column,
            "row": self.row,
            "cell": self.cell,
            "key": self.key,
            "message": self.problem,
            "hint": self.hint,
        }


class ShapesError(InputError):
    """SHACL shapes the validation engine cannot use: malformed, or unsupported SPARQL."""


class QueryError(DlgraphError):
    """A query that parses but cannot be run as asked (wrong parameter, failed evaluation)."""


class ReadOnlyError(QueryError):
    """A SPARQL Update given where only read-only queries are allowed."""


class EnvironmentProblem(DlgraphError):
    """The machine lacks something a feature needs (Java for HermiT, an optional package)."""

    exit_code = EXIT_ENVIRONMENT


class NetworkRefused(DlgraphError):
    """A network access the caller did not allow (not on the allow-list)."""

    exit_code = EXIT_NETWORK


class RemoteError(DlgraphError):
    """A remote endpoint that was allowed failed: unreachable, HTTP error, bad results."""

    exit_code = EXIT_NETWORK


class LimitExceeded(DlgraphError):
    """Input larger or deeper than the configured limits."""

    exit_code = EXIT_TIMEOUT


class TimeoutExceeded(LimitExceeded):
    """An operation ran past its time-out."""
