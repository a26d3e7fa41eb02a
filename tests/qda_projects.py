"""Hand-made REFI-QDA projects (.qdpx) for the import tests, built as the specification
lays them out: project.qde at the top, internal sources under sources/, external ones
beside the archive."""

from __future__ import annotations

import uuid
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import quoteattr

NS = "urn:QDA-XML:project:1.0"


def guid(name: str) -> str:
    """A GUID for a test object, upper case as ATLAS.ti writes them."""
    return str(uuid.uuid5(uuid.NAMESPACE_DNS, name)).upper()


@dataclass
class Source:
    name: str
    text: str
    path: str  # internal://... or relative://...
    selections: list[tuple[str, str, list[str]]] = field(default_factory=list)
    """(the exact passage, the text just before it or "", the code GUIDs)."""

    def selection_xml(self) -> str:
        parts = []
        for index, (passage, before, codes) in enumerate(self.selections):
            start = self.text.index(before + passage) + len(before)
            end = start + len(passage)
            codings = "".join(
                f'<Coding guid="{guid(f"{self.name}-{index}-{code}")}">'
                f'<CodeRef targetGUID="{code}"/></Coding>'
                for code in codes
            )
            parts.append(
                f'<PlainTextSelection guid="{guid(f"{self.name}-{index}")}" '
                f'startPosition="{start}" endPosition="{end}">{codings}</PlainTextSelection>'
            )
        return "".join(parts)


def project_xml(
    codes: list[tuple[str, str]], sources: list[Source], cases: list[tuple[str, list[str]]]
) -> str:
    """project.qde: the codes (GUID, name), the sources, the cases (name, source names)."""
    code_xml = "".join(
        f'<Code guid="{code}" name={quoteattr(name)} isCodable="true"/>' for code, name in codes
    )
    case_xml = "".join(
        f'<Case guid="{guid(name)}" name={quoteattr(name)}>'
        + "".join(f'<SourceRef targetGUID="{guid(s)}"/>' for s in names)
        + "</Case>"
        for name, names in cases
    )
    source_xml = "".join(
        f'<TextSource guid="{guid(s.name)}" name={quoteattr(s.name)} '
        f'plainTextPath={quoteattr(s.path)} creationDateTime="2024-05-02T10:00:00Z">'
        f"{s.selection_xml()}</TextSource>"
        for s in sources
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<Project xmlns="{NS}" name="Interviews 2024" origin="dlgraph tests">'
        f"<CodeBook><Codes>{code_xml}</Codes></CodeBook>"
        + (f"<Cases>{case_xml}</Cases>" if cases else "")
        + f"<Sources>{source_xml}</Sources></Project>"
    )


def write_qdpx(
    path: Path, qde: str, sources: list[Source], extra: dict[str, bytes] | None = None
) -> Path:
    """The archive at ``path``; relative:// sources are written beside it."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", qde)
        for source in sources:
            if source.path.startswith("internal://"):
                archive.writestr("sources/" + source.path[len("internal://") :], source.text)
            else:
                (path.parent / source.path[len("relative://") :]).write_text(
                    source.text, encoding="utf-8", newline=""
                )
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return path
