"""The RDF formats dlgraph reads and writes, and how it tells them apart."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import PurePath

from dlgraph.errors import UnknownNameError
from dlgraph.names import close_matches_hint

__all__ = [
    "AUTHORING_EXTENSIONS",
    "FORMATS",
    "RdfFormat",
    "format_for_name",
    "rdf_format",
    "sniff_format",
]


@dataclass(frozen=True)
class RdfFormat:
    """One RDF serialisation: its dlgraph name, rdflib plugin name and file extensions."""

    name: str
    rdflib_name: str
    label: str
    extensions: tuple[str, ...]
    media_type: str
    quads: bool
    """Whether the format can carry named graphs (TriG, N-Quads, JSON-LD)."""

    @property
    def extension(self) -> str:
        """The usual extension for files of this format, with the dot."""
        return self.extensions[0]


FORMATS: dict[str, RdfFormat] = {
    f.name: f
    for f in (
        RdfFormat("turtle", "turtle", "Turtle", (".ttl", ".turtle"), "text/turtle", False),
        RdfFormat("trig", "trig", "TriG", (".trig",), "application/trig", True),
        RdfFormat("nt", "nt", "N-Triples", (".nt", ".ntriples"), "application/n-triples", False),
        RdfFormat("nquads", "nquads", "N-Quads", (".nq", ".nquads"), "application/n-quads", True),
        RdfFormat(
            "json-ld", "json-ld", "JSON-LD", (".jsonld", ".json"), "application/ld+json", True
        ),
        RdfFormat("xml", "xml", "RDF/XML", (".rdf", ".owl", ".xml"), "application/rdf+xml", False),
    )
}
"""The formats by dlgraph name; every one can be read and written."""

_ALIASES = {
    "ttl": "turtle",
    "n-triples": "nt",
    "ntriples": "nt",
    "nq": "nquads",
    "n-quads": "nquads",
    "jsonld": "json-ld",
    "json": "json-ld",
    "rdf/xml": "xml",
    "rdfxml": "xml",
    "rdf": "xml",
    "owl": "xml",
}

AUTHORING_EXTENSIONS = (".yaml", ".yml", ".csv", ".xlsx")
"""Extensions of the researcher case format, read by :mod:`dlgraph.authoring`: a case
file (YAML), or a whole case as one Excel workbook (a ``.csv`` file is refused as only
one list of a case)."""


def rdf_format(name: str | RdfFormat) -> RdfFormat:
    """The format called ``name`` (a dlgraph name, an alias or a media type)."""
    if isinstance(name, RdfFormat):
        return name
    key = name.strip().lower()
    key = _ALIASES.get(key, key)
    if key in FORMATS:
        return FORMATS[key]
    for fmt in FORMATS.values():
        if fmt.media_type == key:
            return fmt
    raise UnknownNameError(
        f"unknown RDF format {name!r}",
        hint=close_matches_hint(key, [*FORMATS, *_ALIASES], "known formats", shown=FORMATS),
    )


def format_for_name(name: str | PurePath) -> RdfFormat | None:
    """The format a file name's extension says, or None when it says nothing known."""
    suffixes = PurePath(name).suffixes
    if not suffixes:
        return None
    suffix = suffixes[-1].lower()
    if suffix == ".gz" and len(suffixes) > 1:
        return None
    for fmt in FORMATS.values():
        if suffix in fmt.extensions:
            return fmt
    return None


_NQUADS_LINE = re.compile(
    r"^\s*(<[^>]*>|_:\S+)\s*<[^>]*>\s*(<[^>]*>|_:\S+|\".*\"\S*)\s*(<[^>]*>|_:\S+)\s*\.\s*(#.*)?$"
)
_NTRIPLES_LINE = re.compile(
    r"^\s*(<[^>]*>|_:\S+)\s*<[^>]*>\s*(<[^>]*>|_:\S+|\".*\"\S*)\s*\.\s*(#.*)?$"
)
_TRIG_GRAPH = re.compile(r"(^|\s|>)(GRAPH\s+\S+\s*)?\{", re.IGNORECASE | re.MULTILINE)


def sniff_format(data: bytes | str) -> RdfFormat:
    """Guess the format of a document from its first characters and first statement.

    XML and JSON are told by their first character; among the Turtle family N-Quads and
    N-Triples are told by their first statement line, TriG by a graph block, else Turtle.
    """
    head = data[:65536]
    text = head.decode("utf-8", errors="replace") if isinstance(head, bytes) else head
    text = text.lstrip("\ufeff \t\r\n")
    if text.startswith("<?xml") or text.startswith("<rdf:RDF") or text.startswith("<!"):
        return FORMATS["xml"]
    if text.startswith("{"):
        return FORMATS["json-ld"]
    if text.startswith("["):
        try:
            json.loads(data)
        except ValueError:
            pass
        else:
            return FORMATS["json-ld"]
    first = next(
        (line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")),
        "",
    )
    if _NQUADS_LINE.match(first):
        return FORMATS["nquads"]
    if _NTRIPLES_LINE.match(first):
        return FORMATS["nt"]
    if _TRIG_GRAPH.search(text):
        return FORMATS["trig"]
    return FORMATS["turtle"]
