"""The dlgraph ontology as a REFI-QDA codebook (``.qdc``, QDA-XML codebook 1.0).

A researcher imports it into her QDA tool before coding, so that her codes are
dlgraph's terms: the import (:mod:`dlgraph.qda.project`) then recognises them by GUID.
"""

from __future__ import annotations

import csv
import io
from xml.etree import ElementTree as ET

from dlgraph.errors import UnknownNameError
from dlgraph.ontology.labels import LANGUAGES
from dlgraph.qda.terms import Term, code_terms

__all__ = ["CODEBOOK_FORMATS", "CODEBOOK_NS", "codebook", "codes_element"]

CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
"""The namespace of a REFI-QDA codebook."""


def _code(parent: ET.Element, term: Term, lang: str, tag: str) -> None:
    element = ET.SubElement(
        parent,
        tag,
        {
            "guid": term.guid,
            "name": term.label(lang),
            "isCodable": "true" if term.codable else "false",
        },
    )
    definition = term.definition(lang)
    if definition:
        ET.SubElement(element, f"{{{tag.partition('}')[0][1:]}}}Description").text = definition
    for child in term.children:
        _code(element, child, lang, tag)


def codes_element(parent: ET.Element, namespace: str, lang: str) -> ET.Element:
    """Append a ``Codes`` element with dlgraph's codes in ``lang`` to ``parent``; return it.

    The codebook and a project's codebook share it (``namespace`` tells them apart)."""
    codes = ET.SubElement(parent, f"{{{namespace}}}Codes")
    for tree in code_terms():
        _code(codes, tree, lang, f"{{{namespace}}}Code")
    return codes


CODEBOOK_FORMATS = ("qdc", "csv")
"""REFI-QDA XML, or the CSV (``tag, description``) Taguette imports codebooks from."""


def codebook(lang: str = "en", fmt: str = "qdc") -> bytes:
    """The codebook, a code per term labelled and described in ``lang``: REFI-QDA XML
    (``qdc``), or CSV of the codable terms (``csv``; Taguette 1.5 imports only CSV)."""
    if lang not in LANGUAGES:
        raise UnknownNameError(
            f"unknown codebook language {lang!r}", hint=f"use one of: {', '.join(LANGUAGES)}"
        )
    if fmt not in CODEBOOK_FORMATS:
        raise UnknownNameError(
            f"unknown codebook format {fmt!r}", hint=f"use one of: {', '.join(CODEBOOK_FORMATS)}"
        )
    if fmt == "csv":
        return _csv(lang)
    root = ET.Element(f"{{{CODEBOOK_NS}}}CodeBook", {"origin": "dlgraph"})
    codes_element(root, CODEBOOK_NS, lang)
    ET.register_namespace("", CODEBOOK_NS)
    ET.indent(root)
    data: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return data + b"\n"


def _csv(lang: str) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["tag", "description"])
    for tree in code_terms():
        for term in tree.walk():
            if term.codable:
                writer.writerow([term.label(lang), term.definition(lang) or ""])
    return buffer.getvalue().encode("utf-8")
