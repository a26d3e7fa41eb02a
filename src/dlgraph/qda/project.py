"""The parts of a REFI-QDA project (``project.qde``, QDA-XML project 1.0) dlgraph uses:
codes, cases, text sources with their plain text, and coded text selections.

Positions follow the specification (10.2): a selection counts Unicode code points of
the plain text from 0; ``endPosition`` is taken as the end of a half-open range, as the
tools write it (the selection is ``text[start:end]``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree as ET

from dlgraph.errors import InputError, ParseError
from dlgraph.limits import check_size
from dlgraph.load.parse import refuse_doctype
from dlgraph.qda.archive import Archive

__all__ = ["PROJECT_NS", "Code", "Project", "QdaCase", "Selection", "TextSource", "read_project"]

PROJECT_NS = "urn:QDA-XML:project:1.0"
_N = f"{{{PROJECT_NS}}}"


@dataclass(frozen=True)
class Code:
    """A code of the project's codebook."""

    guid: str
    name: str


@dataclass(frozen=True)
class Selection:
    """A coded span of a text source: code points ``start`` to ``end`` (exclusive)."""

    guid: str
    source: str
    start: int
    end: int
    codes: tuple[str, ...]
    locator: str | None = None
    """Where the passage stands when the input gives no character positions."""


@dataclass(frozen=True)
class TextSource:
    """A text source: its name, where its plain text is, the text itself, its date."""

    guid: str
    name: str
    path: str
    text: str
    date: str | None
    selections: tuple[Selection, ...]


@dataclass(frozen=True)
class QdaCase:
    """A REFI case (a person, a school ...): the codes, sources and selections it holds."""

    guid: str
    name: str
    sources: frozenset[str] = field(default_factory=frozenset)
    selections: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Project:
    """What dlgraph reads of a project."""

    name: str
    codes: dict[str, Code]
    cases: tuple[QdaCase, ...]
    sources: tuple[TextSource, ...]


def _guid(value: str | None) -> str:
    return (value or "").strip("{}").lower()


def _parse(data: bytes, where: str) -> ET.Element:
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        raise ParseError("project.qde is not UTF-8", source=where) from error
    refuse_doctype(text, where, what="REFI-QDA XML", remedy="export the project again")
    try:
        return ET.fromstring(text)
    except ET.ParseError as error:
        line, column = error.position
        raise ParseError(
            f"not well-formed XML ({error})", source=where, line=line, column=column + 1
        ) from error


def _external(base: Path, path: str, where: str, max_bytes: int | None) -> bytes:
    """An external source beside the archive: never out of its folder, never past the limit."""
    relative = path.removeprefix("relative://").lstrip("/")
    target = (base / relative).resolve()
    if ".." in Path(relative).parts or not target.is_relative_to(base.resolve()):
        raise InputError(f"{where}: the source path {path!r} leaves the project's folder")
    try:
        if not target.is_file():
            raise InputError(f"{where}: the source {path!r} is not a regular file")
        check_size(b"", f"{where}: {path}", max_bytes, size=target.stat().st_size)
        with target.open("rb") as handle:
            data = handle.read(max_bytes + 1 if max_bytes is not None else -1)
    except OSError as error:
        raise InputError(
            f"{where}: cannot read the source {path!r} ({error.strerror})",
            hint="put the external sources beside the .qdpx file, as in the project",
        ) from error
    check_size(data, f"{where}: {path}", max_bytes)
    return data


def _plain_text(archive: Archive, element: ET.Element, base: Path, where: str) -> str:
    content = element.find(f"{_N}PlainTextContent")
    if content is not None:
        return content.text or ""
    path = element.get("plainTextPath") or ""
    if path.startswith("internal://"):
        data = archive.read("sources/" + path.removeprefix("internal://"))
    elif path.startswith("relative://"):
        data = _external(base, path, where, archive.max_bytes)
    elif path.startswith("absolute://"):
        raise InputError(
            f"{where}: the source {element.get('name')!r} is an absolute path ({path!r}), "
            "which dlgraph does not read",
            hint="put the source in the archive or beside it (relative://)",
        )
    else:
        raise InputError(
            f"{where}: the text source {element.get('name')!r} has no plain text "
            f"(plainTextPath {path!r})",
            hint="export the project with plain-text versions of the sources",
        )
    return data.decode("utf-8", errors="strict").removeprefix("\ufeff")


def _selections(element: ET.Element, source: str, length: int, where: str) -> list[Selection]:
    found = []
    for part in element.iter(f"{_N}PlainTextSelection"):
        start, end = int(part.get("startPosition", "0")), int(part.get("endPosition", "0"))
        if not 0 <= start <= end <= length:
            raise InputError(
                f"{where}: selection {part.get('guid')} ({start}-{end}) lies outside its "
                f"source, which has {length} characters"
            )
        codes = tuple(_guid(ref.get("targetGUID")) for ref in part.iter(f"{_N}CodeRef"))
        found.append(Selection(_guid(part.get("guid")), source, start, end, codes))
    return found


def _sources(root: ET.Element, archive: Archive, base: Path, where: str) -> list[TextSource]:
    sources = []
    for element in root.iterfind(f"{_N}Sources/{_N}TextSource"):
        guid = _guid(element.get("guid"))
        text = _plain_text(archive, element, base, where)
        date = (element.get("creationDateTime") or "")[:10] or None
        sources.append(
            TextSource(
                guid,
                element.get("name") or guid,
                element.get("plainTextPath") or "",
                text,
                date,
                tuple(_selections(element, guid, len(text), where)),
            )
        )
    return sources


def _cases(root: ET.Element) -> list[QdaCase]:
    return [
        QdaCase(
            _guid(case.get("guid")),
            case.get("name") or _guid(case.get("guid")),
            frozenset(_guid(r.get("targetGUID")) for r in case.iterfind(f"{_N}SourceRef")),
            frozenset(_guid(r.get("targetGUID")) for r in case.iterfind(f"{_N}SelectionRef")),
        )
        for case in root.iterfind(f"{_N}Cases/{_N}Case")
    ]


def read_project(archive: Archive) -> Project:
    """The project of ``archive``; external (``relative://``) sources beside the archive."""
    where = f"{archive.path}!project.qde"
    root = _parse(archive.read("project.qde"), where)
    if root.tag != f"{_N}Project":
        raise ParseError(f"the root element is {root.tag}, not a REFI-QDA Project", source=where)
    codes = {
        _guid(code.get("guid")): Code(_guid(code.get("guid")), code.get("name") or "")
        for code in root.iter(f"{_N}Code")
    }
    base = archive.path.parent
    return Project(
        root.get("name") or archive.path.stem,
        codes,
        tuple(_cases(root)),
        tuple(_sources(root, archive, base, where)),
    )
