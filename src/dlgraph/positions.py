"""Where in a document's text a problem is, told without the document's values.

Every reader's syntax error (rdflib's parsers, Oxigraph's, SPARQL's) is reported through
these: a 1-based line and column, the token found there, and the parser's reason with any
string literal of the document hidden unless values may be shown (see
:mod:`dlgraph.privacy`).
"""

from __future__ import annotations

import re

from dlgraph.errors import ParseError
from dlgraph.formats import RdfFormat
from dlgraph.privacy import redact_token, showing_values

__all__ = [
    "first_line",
    "offset_of",
    "position_of",
    "raw_token_at",
    "redact_reason",
    "skip_space",
    "syntax_error",
    "token_at",
    "word_at",
]

_TOKEN_CHARS = 40


def position_of(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset in ``text``."""
    offset = max(0, min(offset, len(text)))
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def offset_of(text: str, line: int, column: int) -> int:
    index = 0
    for _ in range(line - 1):
        found = text.find("\n", index)
        if found < 0:
            return len(text)
        index = found + 1
    return min(index + max(column - 1, 0), len(text))


def skip_space(text: str, offset: int) -> int:
    while offset < len(text) and text[offset].isspace():
        offset += 1
    return offset


def token_at(text: str, offset: int) -> str | None:
    """The run of non-space characters at ``offset`` (an XML tag up to its ``>``).

    What follows a string's opening quote is hidden unless values may be shown: it is
    often a name (see :mod:`dlgraph.privacy`).
    """
    return redact_token(raw_token_at(text, offset))


def raw_token_at(text: str, offset: int) -> str | None:
    if offset >= len(text):
        return None
    end = offset
    while end < len(text) and not text[end].isspace() and end - offset < _TOKEN_CHARS:
        end += 1
        if text[offset] == "<" and text[end - 1] == ">":
            break
    return text[offset:end] or None


_QUOTED = re.compile(r""""[^"\n]*"|'[^'\n]*'""")


def redact_reason(reason: str, text: str) -> str:
    """The parser's reason with any string literal of the document it quotes hidden."""
    if showing_values():
        return reason
    return _QUOTED.sub(
        lambda match: (
            f"{match.group(0)[0]}…{match.group(0)[0]}"
            if len(match.group(0)) > 2 and match.group(0) in text
            else match.group(0)
        ),
        reason,
    )


def first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else text


def syntax_error(
    fmt: RdfFormat,
    source: str,
    text: str,
    reason: str,
    line: int | None,
    column: int | None,
    token: str | None,
    where: str,
) -> ParseError:
    """The ParseError every parser's failure becomes: position, token, redacted reason."""
    return ParseError(
        f"{fmt.label} syntax error{where}: {redact_reason(first_line(reason), text)}",
        source=source,
        line=line,
        column=column,
        token=token,
        hint=f"fix the {fmt.label} there, or name the right format if it is not {fmt.label}",
    )


def word_at(line: str, column: int) -> str | None:
    """The run of non-space characters at the 1-based ``column`` of ``line`` (40 at most)."""
    rest = line[column - 1 :].split()
    return rest[0][:_TOKEN_CHARS] if rest else None
