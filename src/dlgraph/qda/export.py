"""A dlgraph case as a REFI-QDA project (``.qdpx``): its sources with their quotes as
coded selections, so that a colleague can open the evidence in her QDA tool.

A source's plain text is the text of its quotes, one paragraph each (the case keeps the
source by reference, and only the quotes are certain to be its words); each quote is a
selection coded with the dlgraph codes of what rests on it: the kinds, role and values of
an act, the parts of a mandate, and a code per claim's statement. The people who act are
REFI cases holding their selections.
"""

from __future__ import annotations

import io
import re
import uuid
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree as ET

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, RDFS
from rdflib.term import Node

from dlgraph.graph import load
from dlgraph.ontology import DL
from dlgraph.qda.codebook import codes_element
from dlgraph.qda.project import PROJECT_NS
from dlgraph.qda.terms import term_guid, terms_by_guid
from dlgraph.write import write_atomic

__all__ = ["ExportResult", "export_project", "project_archive"]

_N = f"{{{PROJECT_NS}}}"
_PARAGRAPH = "\n\n"
_ACT_CODES = (DL.actKind, DL.inRole, DL.alignedWith)
_MANDATE_TEXTS = (DL.direction, DL.frames, DL.roomForAction, DL.externalConstraint)


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote: the archive and how many sources and selections it holds."""

    archive: Path
    sources: int
    selections: int


@dataclass
class _Selection:
    quote: URIRef
    text: str
    codes: list[str] = field(default_factory=list)


def _natural(node: URIRef) -> list[tuple[int, str]]:
    """Sort key that puts q-2 before q-10."""
    return [(int(part), "") if part.isdigit() else (0, part) for part in re.split(r"(\d+)", node)]


def _guid(node: object) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, str(node)))


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(graph: Graph, node: Node, predicate: URIRef) -> str:
    """The value as XML can hold it: characters XML 1.0 forbids become U+FFFD."""
    value = graph.value(node, predicate)
    return _NOT_XML.sub("\ufffd", str(value)) if value is not None else ""


def _codes_of(graph: Graph, quote: URIRef, text: str, claims: dict[str, str]) -> list[str]:
    """The GUIDs of the codes a quote is coded with: what rests on it, in dlgraph's terms."""
    known = terms_by_guid()
    codes: list[str] = []
    for thing in sorted(graph.subjects(DL.evidence, quote), key=str):
        types = set(graph.objects(thing, RDF.type))
        for predicate in _ACT_CODES:
            codes += [term_guid(str(o)) for o in graph.objects(thing, predicate)]
        if DL.LeadershipTask in types:
            codes.append(term_guid(DL.LeadershipTask))
        for predicate in _MANDATE_TEXTS:
            if any(text in str(o).split(" […] ") for o in graph.objects(thing, predicate)):
                codes.append(term_guid(predicate))
    statements = sorted(
        _text(graph, claim, RDFS.comment) for claim in graph.subjects(DL.restsOn, quote)
    )
    for statement in statements:
        if statement:
            claims.setdefault(_guid(f"claim:{statement}"), statement)
            codes.append(_guid(f"claim:{statement}"))
    return [c for i, c in enumerate(codes) if c not in codes[:i] and (c in known or c in claims)]


def _source(
    parent: ET.Element,
    graph: Graph,
    source: URIRef,
    selections: list[_Selection],
    files: dict[str, str],
) -> None:
    guid = _guid(source)
    files[f"sources/{guid}.txt"] = _PARAGRAPH.join(s.text for s in selections)
    attributes = {
        "guid": guid,
        "name": _text(graph, source, DCTERMS.title) or str(source),
        "plainTextPath": f"internal://{guid}.txt",
    }
    element = ET.SubElement(parent, f"{_N}TextSource", attributes)
    start = 0
    for selection in selections:
        end = start + len(selection.text)
        part = ET.SubElement(
            element,
            f"{_N}PlainTextSelection",
            {"guid": _guid(selection.quote), "startPosition": str(start), "endPosition": str(end)},
        )
        for code in selection.codes:
            coding = ET.SubElement(part, f"{_N}Coding", {"guid": _guid(f"{selection.quote}{code}")})
            ET.SubElement(coding, f"{_N}CodeRef", {"targetGUID": code})
        start = end + len(_PARAGRAPH)


def _people_of(graph: Graph, quote: URIRef) -> Iterable[URIRef]:
    """The people a quote speaks of: who acts or holds a mandate on it, whom a claim is about."""
    for thing in graph.subjects(DL.evidence, quote):
        for predicate in (DL.actor, DL.grantedTo):
            yield from (o for o in graph.objects(thing, predicate) if isinstance(o, URIRef))
    for claim in graph.subjects(DL.restsOn, quote):
        for about in graph.objects(claim, DL.about):
            if isinstance(about, URIRef) and (about, RDF.type, DL.Person) in graph:
                yield about


def _cases(parent: ET.Element, graph: Graph, quotes: Iterable[URIRef]) -> None:
    people: dict[URIRef, list[URIRef]] = {}
    for quote in quotes:
        for person in _people_of(graph, quote):
            if quote not in people.setdefault(person, []):
                people[person].append(quote)
    if not people:
        return
    cases = ET.SubElement(parent, f"{_N}Cases")
    for person, held in people.items():
        name = _text(graph, person, FOAF.name) or _text(graph, person, RDFS.label)
        case = ET.SubElement(
            cases, f"{_N}Case", {"guid": _guid(person), "name": name or str(person)}
        )
        for quote in held:
            ET.SubElement(case, f"{_N}SelectionRef", {"targetGUID": _guid(quote)})


def project_archive(graph: Graph, name: str, lang: str = "en") -> tuple[bytes, int, int]:
    """The ``.qdpx`` bytes of a case's graph, with the number of sources and selections."""
    claims: dict[str, str] = {}
    by_source: dict[URIRef, list[_Selection]] = {}
    quotes = (q for q in graph.subjects(RDF.type, DL.Quote) if isinstance(q, URIRef))
    for quote in sorted(quotes, key=_natural):
        source = graph.value(quote, DL.quotedFrom)
        text = graph.value(quote, DL.quoteText)
        if isinstance(source, URIRef) and isinstance(text, Literal):
            selection = _Selection(quote, str(text), _codes_of(graph, quote, str(text), claims))
            by_source.setdefault(source, []).append(selection)
    root = ET.Element(f"{_N}Project", {"name": _NOT_XML.sub("\ufffd", name), "origin": "dlgraph"})
    codebook = ET.SubElement(root, f"{_N}CodeBook")
    codes = codes_element(codebook, PROJECT_NS, lang)
    for guid, statement in claims.items():
        ET.SubElement(codes, f"{_N}Code", {"guid": guid, "name": statement, "isCodable": "true"})
    _cases(root, graph, [s.quote for selections in by_source.values() for s in selections])
    files: dict[str, str] = {}
    sources = ET.SubElement(root, f"{_N}Sources")
    for source, selections in sorted(by_source.items()):
        _source(sources, graph, source, selections, files)
    ET.register_namespace("", PROJECT_NS)
    ET.indent(root)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", ET.tostring(root, encoding="utf-8", xml_declaration=True))
        for member, content in files.items():
            archive.writestr(member, content.encode("utf-8"))
    count = sum(len(s) for s in by_source.values())
    return buffer.getvalue(), len(by_source), count


def export_project(case: str | Path, target: str | Path, *, lang: str = "en") -> ExportResult:
    """Write the case (a case file or any graph dlgraph loads) as a project to ``target``."""
    graph = load(case).union()
    data, sources, selections = project_archive(graph, Path(case).stem, lang)
    write_atomic(target, data)
    return ExportResult(Path(target), sources, selections)
