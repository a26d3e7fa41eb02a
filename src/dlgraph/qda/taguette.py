"""Taguette's highlights export (CSV: ``id, document, tag, content``) read as a project.

Taguette 1.5.2 exports no ``.qdpx``; its highlights export gives each tagged passage's
text, its document and its tags (one row per tag), but no character positions, so a
quote's locator names the document and the highlight's number instead.
"""

from __future__ import annotations

import csv
import io
import uuid
from pathlib import Path

from dlgraph.errors import InputError
from dlgraph.limits import check_size
from dlgraph.qda.project import Code, Project, Selection, TextSource

__all__ = ["HIGHLIGHT_COLUMNS", "read_highlights"]

HIGHLIGHT_COLUMNS = ("id", "document", "tag", "content")
"""The header of Taguette's highlights CSV export."""

_PARAGRAPH = "\n\n"


def _rows(path: Path, max_bytes: int | None) -> list[list[str]]:
    try:
        check_size(b"", str(path), max_bytes, size=path.stat().st_size)
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1 if max_bytes is not None else -1)
    except OSError as error:
        raise InputError(f"{path}: cannot read the highlights ({error.strerror})") from error
    check_size(data, str(path), max_bytes)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(
            f"{path}: the highlights are not UTF-8", hint="export them again"
        ) from error
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows or tuple(cell.strip().lower() for cell in rows[0]) != HIGHLIGHT_COLUMNS:
        raise InputError(
            f"{path}: not a Taguette highlights export (its header must be "
            f"{', '.join(HIGHLIGHT_COLUMNS)})",
            hint="in Taguette: Export this view, Highlights, CSV",
        )
    return rows[1:]


def _code_guid(tag: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"taguette-tag:{tag}"))


def read_highlights(path: Path, max_bytes: int | None) -> Project:
    """The highlights as a project: a source per document, a selection per highlight."""
    passages: dict[str, dict[str, tuple[str, list[str]]]] = {}
    codes: dict[str, Code] = {}
    for number, row in enumerate(_rows(path, max_bytes), start=2):
        if len(row) != len(HIGHLIGHT_COLUMNS):
            raise InputError(f"{path}:{number}: a row needs {len(HIGHLIGHT_COLUMNS)} cells")
        highlight, document, tag, content = row
        entry = passages.setdefault(document, {}).setdefault(highlight, (content, []))
        if tag:
            codes.setdefault(_code_guid(tag), Code(_code_guid(tag), tag))
            entry[1].append(_code_guid(tag))
    sources = []
    for document, highlights in passages.items():
        guid = str(uuid.uuid5(uuid.NAMESPACE_URL, f"taguette-document:{document}"))
        selections, start = [], 0
        for highlight, (content, tags) in highlights.items():
            end = start + len(content)
            locator = f"{document}, Taguette highlight {highlight}"
            selections.append(
                Selection(f"{guid}-{highlight}", guid, start, end, tuple(tags), locator)
            )
            start = end + len(_PARAGRAPH)
        text = _PARAGRAPH.join(content for content, _ in highlights.values())
        sources.append(TextSource(guid, document, document, text, None, tuple(selections)))
    return Project(path.stem, codes, (), tuple(sources))
