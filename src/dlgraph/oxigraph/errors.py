"""Oxigraph's errors as dlgraph's: the one place they are translated.

Oxigraph raises ``SyntaxError`` for a document or query it cannot parse (with its own
wording of the position), ``OSError`` for a file it cannot read, and ``RuntimeError`` or
``ValueError`` while evaluating. Here they become :class:`~dlgraph.ParseError`,
:class:`~dlgraph.QuerySyntaxError` and :class:`~dlgraph.QueryError` with the position,
token and redaction every other reader gives. Its store (RocksDB) raises ``OSError``
("IO error: ...") when the disk is full or read-only and ``RuntimeError``
("Corruption: ...") for a damaged store: :func:`storage_error` makes them one line each,
exit code 3 and 2. A document with a line or literal longer than its parser's buffer
ends in ``MemoryError`` ("Reached the buffer maximal size"): :func:`buffer_error`.
"""

from __future__ import annotations

import errno
import os
import re
from pathlib import Path

from dlgraph.errors import (
    DlgraphError,
    InputError,
    LimitExceeded,
    ParseError,
    QueryError,
    QuerySyntaxError,
    ShapesError,
)
from dlgraph.formats import RdfFormat
from dlgraph.positions import offset_of, syntax_error, token_at, word_at
from dlgraph.write import cannot_write

__all__ = [
    "buffer_error",
    "constraint_error",
    "evaluation_error",
    "file_error",
    "parse_error",
    "query_syntax_error",
    "storage_error",
    "update_syntax_error",
]

_STORAGE_CAUSES = (
    ("No space left on device", errno.ENOSPC),
    ("File too large", errno.EFBIG),
    ("Disk quota exceeded", errno.EDQUOT),
    ("Read-only file system", errno.EROFS),
    ("Permission denied", errno.EACCES),
    ("Operation not permitted", errno.EPERM),
)

_OX_POSITION = re.compile(
    r"^Parser error (?:at line \d+ (?:between columns \d+ and \d+|column \d+)"
    r"|between line \d+ column \d+ and line \d+ column \d+): "
)
_QUERY_POSITION = re.compile(r"error at (\d+):(\d+)")
_UPDATE_POSITION = re.compile(r"^error at (\d+):(\d+): ")


def parse_error(
    error: SyntaxError,
    fmt: RdfFormat,
    source: str,
    text: str,
    *,
    base: str | None = "",
    first_line: int = 1,
) -> ParseError:
    """The positioned, redacted ParseError for a syntax error Oxigraph raised.

    ``text`` is the document, or the part of it from line ``first_line`` on (a file too
    large to keep is passed as its offending line). ``base`` None says the document was
    read without a base, so that a relative IRI gets a hint about it.
    """
    line, column = error.lineno, error.offset
    reason = _OX_POSITION.sub("", str(error.msg if error.msg else error))
    reason = re.sub(r" \(line \d+\)$", "", reason)
    offset = None
    if line is not None and column is not None and line >= first_line:
        offset = offset_of(text, line - first_line + 1, column)
    token = token_at(text, offset) if offset is not None else None
    where = f" at {token!r}" if token else ""
    parse_error = syntax_error(fmt, source, text, reason, line, column, token, where)
    if base is None and "No scheme found in an absolute IRI" in reason:
        parse_error.hint = (
            "a relative IRI needs a base: write the IRI in full, or give the base "
            "(dlgraph.load(..., base=...))"
        )
    return parse_error


def file_error(error: SyntaxError, fmt: RdfFormat, path: Path) -> ParseError:
    """:func:`parse_error` for a file Oxigraph read itself, without keeping it.

    Only the offending line is read back (the file may be gigabytes), so the error has
    the same position, token and redaction as for a document parsed from memory.
    """
    line_number = error.lineno
    text = ""
    if line_number is not None:
        try:
            with path.open("rb") as stream:
                for number, raw in enumerate(stream, start=1):
                    if number == line_number:
                        text = raw.decode("utf-8", errors="replace")
                        break
        except OSError:
            text = ""
    first_line = line_number if line_number is not None and text else 1
    return parse_error(error, fmt, str(path), text, first_line=first_line)


def query_syntax_error(error: SyntaxError, source: str) -> QuerySyntaxError:
    """The positioned QuerySyntaxError for a query Oxigraph could not parse."""
    line, column = _query_position(error)
    return QuerySyntaxError(
        f"SPARQL syntax error: {_query_reason(error)}",
        source=source,
        line=line,
        column=column,
        hint="fix the query at that place",
    )


def update_syntax_error(error: SyntaxError, sparql: str, source: str) -> QuerySyntaxError:
    """The positioned QuerySyntaxError for an update Oxigraph could not parse."""
    message = str(error.msg if error.msg else error)
    found = _UPDATE_POSITION.match(message)
    if found:
        line, column = int(found.group(1)), int(found.group(2))
        message = message[found.end() :]
    else:
        line, column = 1, 1
    lines = sparql.splitlines() or [""]
    return QuerySyntaxError(
        f"SPARQL Update syntax error: {message}",
        source=source,
        line=line,
        column=column,
        token=word_at(lines[min(line, len(lines)) - 1], column),
        hint="fix the update at that place",
    )


def constraint_error(error: SyntaxError, shape: object) -> ShapesError:
    """The ShapesError for a shape's SPARQL constraint Oxigraph could not parse."""
    return ShapesError(
        f"a SPARQL constraint of {shape} is not valid SPARQL: {error}",
        hint="check the sh:select text of the shape",
    )


def evaluation_error(error: Exception, source: str) -> DlgraphError:
    """The QueryError for a query Oxigraph parsed but failed to evaluate (a damaged or
    unreadable store: :func:`storage_error`)."""
    return storage_error(error, None) or QueryError(
        f"{source}: the query failed on Oxigraph: {error}"
    )


def _query_position(error: SyntaxError) -> tuple[int | None, int | None]:
    if error.lineno is not None:
        return error.lineno, error.offset
    match = _QUERY_POSITION.search(str(error))
    if match:
        return int(match.group(1)), int(match.group(2))
    return None, None


def _query_reason(error: SyntaxError) -> str:
    text = error.msg if error.msg else str(error)
    return _QUERY_POSITION.sub("", text).strip(" :") or str(error)


def storage_error(
    error: BaseException, folder: str | os.PathLike[str] | None
) -> DlgraphError | None:
    """The one-line error for a store on disk that Oxigraph could not write or read.

    A full, read-only or forbidden disk is an EnvironmentProblem (exit code 3) in the words
    of :func:`dlgraph.write.cannot_write`; a damaged store ("Corruption") an InputError.
    None when ``error`` is neither.
    """
    text = str(error)
    where = str(folder) if folder is not None else "the store"
    if "Corruption" in text:
        detail = text.split("  ")[0].strip()
        return InputError(
            f"{where}: the store is damaged and cannot be read ({detail})",
            hint="load the files again into a new store: dlgraph load FILES... --store FOLDER",
        )
    if isinstance(error, OSError):
        for words, number in _STORAGE_CAUSES:
            if words in text:
                return cannot_write(where, OSError(number, words))
    return None


_BUFFER = 16 * 1024 * 1024


def buffer_error(
    error: MemoryError, fmt: RdfFormat, source: str, document: str | Path
) -> LimitExceeded | None:
    """The limit error for a token longer than Oxigraph's parser buffer (16 MiB), at the
    first line that long in ``document`` (the text, or the file's path).

    None for any other MemoryError (which is the machine's, not the document's).
    """
    if "buffer maximal size" not in str(error):
        return None
    line = _first_long_line(document)
    where = f"{source}:{line}" if line is not None else source
    return LimitExceeded(
        f"{where}: a token (a literal, IRI or line) of the {fmt.label} document is longer than "
        "the parser's limit of 16 MiB",
        hint="split the long text, or keep it in a file of its own and link to it",
    )


def _first_long_line(document: str | Path) -> int | None:
    if isinstance(document, str):
        for number, line in enumerate(document.split("\n"), start=1):
            if len(line) >= _BUFFER // 4 and len(line.encode("utf-8")) >= _BUFFER:
                return number
        return None
    try:
        with document.open("rb") as stream:
            number = 1
            while part := stream.readline(_BUFFER):
                if len(part) >= _BUFFER and not part.endswith(b"\n"):
                    return number
                number += 1
    except OSError:
        return None
    return None
