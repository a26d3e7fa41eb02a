"""The limits every reader applies before parsing: size, and nesting depth.

A document larger than the caller's size limit, or Turtle or TriG nested deeper than the
depth limit, is refused with :class:`~dlgraph.LimitExceeded` before any parser sees it,
whichever parser (rdflib's or Oxigraph's) and whichever entry point (a file, a string, a
store) would read it.
"""

from __future__ import annotations

import mmap
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from dlgraph.errors import LimitExceeded
from dlgraph.formats import RdfFormat
from dlgraph.positions import position_of

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_DEPTH",
    "check_depth",
    "check_file",
    "check_query_depth",
    "check_size",
    "check_yaml_depth",
]

DEFAULT_MAX_BYTES = 2 * 1024 * 1024 * 1024
"""The largest document (in bytes) dlgraph parses unless the caller allows more: 2 GiB,
about three times a national school system (290 municipalities, 5 M triples: 704 MB of
N-Triples)."""

DEFAULT_MAX_DEPTH = 100
"""The deepest nesting of ``[ ]``, ``( )`` and ``{ }`` dlgraph reads in Turtle or TriG.

Oxigraph reads any depth, but rdflib (which writes Turtle, and which pySHACL and owlrl
walk) recurses once per level of nested blank nodes and collections.
"""


def check_size(
    data: bytes | str, source: str, max_bytes: int | None, *, size: int | None = None
) -> None:
    """Raise LimitExceeded when ``data`` (or ``size``) exceeds ``max_bytes`` (None: no limit)."""
    if max_bytes is None:
        return
    if size is None:
        size = len(data) if isinstance(data, bytes) else len(data.encode("utf-8"))
    if size > max_bytes:
        raise LimitExceeded(
            f"{source}: the document has {size} bytes, more than the limit of {max_bytes}",
            hint="split the input into smaller files, or raise the limit "
            "(dlgraph.load(..., max_bytes=...)) if you trust it",
        )


_NESTING = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r"|<[^>\s]*>"
    r"|#[^\n]*"
    r"|\\."
    r"|[\[\](){}]"
)
"""What the depth scan steps over (strings, IRIs, comments, escapes), and the brackets."""


_NESTING_BYTES = re.compile(_NESTING.pattern.encode("ascii"))
_OPEN = ("[", "(", "{", b"[", b"(", b"{")
_CLOSE = ("]", ")", "}", b"]", b")", b"}")


def check_depth(
    text: str | bytes | mmap.mmap, fmt: RdfFormat, source: str, max_depth: int | None
) -> None:
    """Raise LimitExceeded, naming the place, when Turtle or TriG nests past ``max_depth``.

    ``text`` is the document, or its UTF-8 bytes (a file mapped into memory is scanned in
    place, not read into a string).
    """
    if max_depth is None or fmt.name not in ("turtle", "trig"):
        return
    pattern = _NESTING if isinstance(text, str) else _NESTING_BYTES
    if isinstance(text, str):
        if not any(bracket in text for bracket in "[({"):
            return
    elif all(text.find(bracket) < 0 for bracket in (b"[", b"(", b"{")):
        return
    offset = _too_deep(pattern.finditer(text), max_depth)  # type: ignore[arg-type]
    if offset is not None:
        line, column = _position(text, offset)
        raise LimitExceeded(
            f"{source}: the {fmt.label} document nests too deeply to be read: more "
            f"than {max_depth} levels of [ ], ( ) or {{ }} at line {line}, column {column}",
            hint="flatten deeply nested blank nodes or collections, or raise the "
            "limit (max_depth=) if you trust the input",
        )


def _too_deep(tokens: Iterator[re.Match[Any]], max_depth: int) -> int | None:
    """The offset of the first opening bracket past ``max_depth`` levels, or None."""
    depth = 0
    for match in tokens:
        token = match.group(0)
        if token in _OPEN:
            depth += 1
            if depth > max_depth:
                return match.start()
        elif token in _CLOSE:
            depth = max(depth - 1, 0)
    return None


def _position(text: str | bytes | mmap.mmap, offset: int) -> tuple[int, int]:
    if isinstance(text, str):
        return position_of(text, offset)
    before = bytes(text[:offset])
    line_start = before.rfind(b"\n") + 1
    column = len(before[line_start:].decode("utf-8", errors="replace")) + 1
    return before.count(b"\n") + 1, column


def check_file(
    path: Path, fmt: RdfFormat | None, max_bytes: int | None, max_depth: int | None
) -> None:
    """Apply the size limit and (for Turtle and TriG) the depth limit to the file ``path``
    before any parser reads it. An unreadable file is left for the reader to report."""
    try:
        size = path.stat().st_size
    except OSError:
        return
    if max_bytes is not None and size > max_bytes:
        check_size(b"", str(path), max_bytes, size=size)
    if fmt is None or max_depth is None or fmt.name not in ("turtle", "trig") or size == 0:
        return
    try:
        with (
            path.open("rb") as stream,
            mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ) as data,
        ):
            check_depth(data, fmt, str(path), max_depth)
    except (OSError, ValueError):
        return  # not a regular file that can be mapped: the reader says what is wrong


_SPARQL_STRINGS = (
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
)
_SPARQL_WITH_IRIS = re.compile(
    _SPARQL_STRINGS + r'|<[^<>"{}|^`\\\x00-\x20]*>|#[^\n]*|\\.|[\[\](){}]'
)
_SPARQL_WITHOUT_IRIS = re.compile(_SPARQL_STRINGS + r"|#[^\n]*|\\.|[\[\](){}]")


def check_query_depth(sparql: str, source: str, max_depth: int | None = DEFAULT_MAX_DEPTH) -> None:
    """Raise LimitExceeded, naming the place, when a SPARQL text nests past ``max_depth``.

    Oxigraph's query parser recurses once per ``{ }``, ``( )`` or ``[ ]`` and, past a few
    thousand levels, overflows its stack and takes the process with it. The text is
    scanned twice, once reading ``<...>`` as an IRI and once as comparison signs, and the
    deeper reading counts, so that no bracket hides from both.
    """
    if max_depth is None or not any(bracket in sparql for bracket in "[({"):
        return
    for pattern in (_SPARQL_WITH_IRIS, _SPARQL_WITHOUT_IRIS):
        offset = _too_deep(pattern.finditer(sparql), max_depth)
        if offset is not None:
            line, column = position_of(sparql, offset)
            raise LimitExceeded(
                f"{source}:{line}:{column}: the query nests too deeply to be read: more "
                f"than {max_depth} levels of {{ }}, ( ) or [ ]",
                hint="write the query with fewer nested groups or parentheses",
            )


def check_yaml_depth(text: str, source: str, max_depth: int | None = DEFAULT_MAX_DEPTH) -> None:
    """Raise LimitExceeded, naming the place, when YAML nests past ``max_depth``.

    PyYAML builds its node tree recursively, once per level of mappings and sequences,
    and ends in RecursionError on deep input; its event parser does not recurse, so the
    depth is measured on the events before any tree is built. A YAML syntax error is left
    for the reader that builds the tree to report.
    """
    if max_depth is None:
        return
    import yaml  # only case files need YAML

    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > max_depth:
                    mark = event.start_mark
                    where = f"{source}:{mark.line + 1}:{mark.column + 1}" if mark else source
                    raise LimitExceeded(
                        f"{where}: the YAML nests too "
                        f"deeply to be read: more than {max_depth} levels of mappings or lists",
                        hint="flatten the nesting; a case file needs only a few levels",
                    )
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return
