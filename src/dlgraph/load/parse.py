"""Parse one RDF document into a fresh Dataset, or raise ParseError saying where it broke.

Each document is parsed on its own into a new :class:`rdflib.Dataset`; callers merge it
into their graph only once the parse succeeded, so a failed parse changes nothing.
Parsing is offline: rdflib is only ever handed text or bytes (never a path or URL), JSON-LD
contexts are resolved here from bundled copies or the caller's network policy, and
RDF/XML with a document type declaration is refused before the XML parser sees it.

Parsing is strict: Turtle, TriG, N-Triples and N-Quads are read by Oxigraph's conformant
parser rather than rdflib's, which accepts some documents the W3C test suites call
invalid (IRIs with spaces or bad escapes, N3 extras, stray punctuation), resolves
relative IRIs with urllib rather than by RFC 3986, recurses once per nesting level and
reads N-Triples in time quadratic in the length of a line. Documents larger than the
caller's size limit, and Turtle or TriG nested deeper than the depth limit, are refused
before parsing.
"""

from __future__ import annotations

import json
import logging
import re
import warnings
from collections.abc import Callable
from typing import Any
from urllib.parse import urljoin
from xml.sax import SAXParseException

from rdflib import Dataset
from rdflib.exceptions import ParserError as RdflibParserError
from rdflib.plugins.parsers.jsonld import to_rdf
from rdflib.plugins.parsers.notation3 import BadSyntax

from dlgraph.errors import LimitExceeded, ParseError
from dlgraph.formats import RdfFormat, format_for_name, rdf_format, sniff_format
from dlgraph.limits import DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH, check_size
from dlgraph.network import NetworkPolicy, NetworkSetting, network_policy
from dlgraph.oxigraph.reader import OXIGRAPH_FORMATS, parse_text
from dlgraph.positions import offset_of, position_of, skip_space, syntax_error, token_at
from dlgraph.prefixes import CappedDataset, CappedGraph, bind_prefixes_up_to
from dlgraph.resources import data_dir

__all__ = ["BUNDLED_CONTEXTS", "parse_document", "refuse_doctype"]

BUNDLED_CONTEXTS: dict[str, str] = {
    "https://w3id.org/dlgraph/context.jsonld": "dlgraph.jsonld",
    "https://w3id.org/dlgraph/context": "dlgraph.jsonld",
}
"""JSON-LD context URLs answered from ``dlgraph/data/context/`` instead of the network."""


_RDFLIB_NOISE = ("Failed to convert Literal lexical form", "does not look like a valid URI")


class _DropLiteralWarnings(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not any(noise in message for noise in _RDFLIB_NOISE)


def _quiet_rdflib() -> None:
    """Keep rdflib from printing ill-formed literals (with their values) to stderr.

    rdflib logs a warning with a traceback for every literal whose text does not fit its
    datatype (and warns about odd booleans and IRIs), and the library never prints; the
    literal itself is kept as written.
    """
    logger = logging.getLogger("rdflib.term")
    if not any(isinstance(f, _DropLiteralWarnings) for f in logger.filters):
        logger.addFilter(_DropLiteralWarnings())
    warnings.filterwarnings("ignore", message="Parsing weird boolean", module="rdflib.term")


_quiet_rdflib()

_MAX_CONTEXT_DEPTH = 8


def parse_document(
    data: bytes | str,
    format: str | RdfFormat | None = None,
    *,
    source: str = "<string>",
    base: str | None = None,
    allow_network: NetworkSetting = False,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    max_depth: int | None = DEFAULT_MAX_DEPTH,
) -> tuple[Dataset, RdfFormat]:
    """Parse one document into a new Dataset and say which format it was read as.

    ``format`` wins; else the extension of ``source``; else the content decides.
    Triples outside any named graph land in the Dataset's default graph. ``source`` names
    the document in errors; ``base`` resolves relative IRIs (without one, a relative IRI
    is an error). A document over ``max_bytes``, or Turtle or TriG nested deeper than
    ``max_depth`` (None: no limit), raises LimitExceeded before it is parsed.
    """
    check_size(data, source, max_bytes)
    fmt = _choose_format(data, format, source)
    policy = network_policy(allow_network)
    dataset = CappedDataset()
    if fmt.name == "xml":
        raw, text = _xml_as_utf8(data, source)
        _run(fmt, source, text, lambda: _parse_into(dataset, raw, fmt, base))
        return dataset, fmt
    text = _decode(data, source)
    if fmt.name in OXIGRAPH_FORMATS:
        parse_text(dataset, text, fmt, source, base, max_bytes=max_bytes, max_depth=max_depth)
        return dataset, fmt
    if fmt.name == "json-ld":
        document = _load_json(text, source)
        document = _inline_contexts(document, base, policy, source, 0)
        _run(fmt, source, json.dumps(document), lambda: _read_jsonld(dataset, document, base))
        return dataset, fmt
    _run(fmt, source, text, lambda: _parse_into(dataset, text, fmt, base))
    return dataset, fmt


def _read_jsonld(dataset: Dataset, document: Any, base: str | None) -> None:
    """rdflib's JSON-LD reader on the document dlgraph parsed and checked, reading into
    ``dataset`` itself (``Dataset.parse`` would give it a graph of its own making), so
    that the context terms it binds as prefixes stay within the limit."""
    to_rdf(document, dataset, base=dataset.absolutize(base or ""), version=1.1)


def _choose_format(data: bytes | str, format: str | RdfFormat | None, source: str) -> RdfFormat:
    if format is not None:
        return rdf_format(format)
    by_name = format_for_name(source) if not source.startswith("<") else None
    return by_name or sniff_format(data)


def _parse_into(dataset: Dataset, data: bytes | str, fmt: RdfFormat, base: str | None) -> None:
    if fmt.quads:
        dataset.parse(data=data, format=fmt.rdflib_name, publicID=base)
    else:
        graph = CappedGraph()
        graph.parse(data=data, format=fmt.rdflib_name, publicID=base)
        default = dataset.default_graph
        bind_prefixes_up_to(dataset, graph.namespaces())
        for triple in graph:
            default.add(triple)


def _run(fmt: RdfFormat, source: str, text: str, action: Callable[[], None]) -> None:
    """Run a parse and turn whatever rdflib raises into a ParseError with a position."""
    try:
        action()
    except ParseError:
        raise
    except RecursionError as error:
        raise LimitExceeded(
            f"{source}: the {fmt.label} document nests too deeply to be read",
            hint="flatten deeply nested blank nodes or collections",
        ) from error
    except Exception as error:
        raise _to_parse_error(error, fmt, source, text) from error


def _to_parse_error(error: Exception, fmt: RdfFormat, source: str, text: str) -> ParseError:
    offset: int | None = None
    line: int | None = None
    column: int | None = None
    reason = str(error).strip() or type(error).__name__
    if isinstance(error, BadSyntax):
        offset = _bad_syntax_offset(error, text)
        reason = str(getattr(error, "_why", reason))
    elif isinstance(error, SAXParseException):
        line, sax_column = error.getLineNumber(), error.getColumnNumber()
        column = sax_column + 1 if sax_column is not None else None
        reason = error.getMessage()
    elif isinstance(error, RdflibParserError) and fmt.name == "xml":
        match = re.match(r"^[^:]*:(\d+):(\d+): (.*)$", reason, re.DOTALL)
        if match:
            line, column = int(match.group(1)), int(match.group(2)) + 1
            reason = match.group(3)
    if offset is None and line is None:
        offset = _guess_offset(reason, text)
    if offset is not None:
        offset = skip_space(text, offset)
        line, column = position_of(text, offset)
    elif line is not None and column is not None:
        offset = offset_of(text, line, column)
    token = token_at(text, offset) if offset is not None else None
    where = (
        f" at {token!r}" if token else (" at the end of the input" if offset is not None else "")
    )
    return syntax_error(fmt, source, text, reason, line, column, token, where)


def _bad_syntax_offset(error: BadSyntax, text: str) -> int:
    # BadSyntax keeps the whole document it was parsing (BOM removed) and a character
    # index into it; the document is the text we handed over.
    raw = getattr(error, "_str", b"")
    index = int(getattr(error, "_i", 0))
    parsed = raw.decode("utf-8", errors="replace") if isinstance(raw, bytes) else str(raw)
    shift = len(text) - len(parsed) if text.endswith(parsed) else 0
    return min(index + shift, len(text))


def _guess_offset(reason: str, text: str) -> int | None:
    """Find the text a position-less message quotes (e.g. a bad language tag)."""
    for quoted in re.findall(r"'([^'\n]{1,200})'", reason):
        for candidate in (f"@{quoted}", quoted):
            index = text.find(candidate)
            if index >= 0:
                return index
    return None


def _decode(data: bytes | str, source: str) -> str:
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        before = data[: error.start].decode("utf-8", errors="replace")
        line, column = position_of(before, len(before))
        bad = data[error.start : error.end]
        raise ParseError(
            f"not valid UTF-8: byte {bad!r} cannot be decoded",
            source=source,
            line=line,
            column=column,
            token=repr(bad),
            hint="save the file as UTF-8",
        ) from error


_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xff\xfe", "utf-16-le"),
)
_FIRST_BYTES: tuple[tuple[bytes, str], ...] = (
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00\x00\x00", "utf-32-le"),
)
_DECLARED = re.compile(
    rb"""<\?xml[^>]*?encoding\s*=\s*(?:"([A-Za-z][A-Za-z0-9._-]*)"|'([A-Za-z][A-Za-z0-9._-]*)')"""
)
_ENCODING_ATTRIBUTE = re.compile(r"""(<\?xml[^>]*?encoding\s*=\s*)(["'])[^"']*\2""")


def xml_encoding(raw: bytes) -> tuple[str, int]:
    """The encoding an XML parser reads ``raw`` in, and the length of its byte order mark.

    As XML (appendix F) and expat decide: a byte order mark, else the first bytes (a zero
    byte among the first two is UTF-16, big-endian when it comes first), else the
    encoding the XML declaration names, else UTF-8.
    """
    for mark, encoding in _BOMS:
        if raw.startswith(mark):
            return encoding, len(mark)
    for start, encoding in _FIRST_BYTES:
        if raw.startswith(start):
            return encoding, 0
    if len(raw) >= 2 and raw[0] == 0:
        return "utf-16-be", 0
    if len(raw) >= 2 and raw[1] == 0:
        return "utf-16-le", 0
    declared = _DECLARED.match(raw[:1024])
    if declared:
        return (declared.group(1) or declared.group(2)).decode("ascii").lower(), 0
    return "utf-8", 0


def _xml_as_utf8(data: bytes | str, source: str) -> tuple[bytes, str]:
    """The document as the XML parser would read it, re-encoded as UTF-8, and its text.

    The DTD check runs on this text, and the parser is handed these very bytes (the
    declaration then names UTF-8), so no encoding can show the check one document and
    the parser another.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    encoding, mark = ("utf-8", 0) if isinstance(data, str) else xml_encoding(raw)
    try:
        text = raw[mark:].decode(encoding)
    except LookupError as error:
        raise ParseError(
            f"the XML declaration names an unknown encoding {encoding!r}",
            source=source,
            line=1,
            column=1,
            hint="save the file as UTF-8",
        ) from error
    except UnicodeDecodeError as error:
        before = raw[mark : mark + error.start].decode(encoding, errors="replace")
        line, column = position_of(before, len(before))
        raise ParseError(
            f"not valid {encoding.upper()}: bytes {raw[mark + error.start : mark + error.end]!r}"
            " cannot be decoded",
            source=source,
            line=line,
            column=column,
            hint="save the file as UTF-8",
        ) from error
    text = text.removeprefix("\ufeff")
    refuse_doctype(text, source)
    text = _ENCODING_ATTRIBUTE.sub(r"\1\2UTF-8\2", text, count=1)
    return text.encode("utf-8"), text


_DOCTYPE = re.compile(r"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


def refuse_doctype(
    text: str, source: str, *, what: str = "RDF/XML", remedy: str = "convert the file to Turtle"
) -> None:
    """Refuse a document type declaration before any XML parser reads it.

    Entities in a DTD can read local files, reach the network, or expand exponentially
    ("billion laughs"); neither RDF/XML nor REFI-QDA's XML (``what``) needs them.
    """
    match = _DOCTYPE.search(text)
    if match:
        line, column = position_of(text, match.start())
        raise ParseError(
            f"{what} with a document type declaration (<!DOCTYPE or <!ENTITY) is refused",
            source=source,
            line=line,
            column=column,
            token=match.group(0),
            hint=(
                "entities can read files, reach the network or blow up in size; "
                f"expand them and remove the DOCTYPE, or {remedy}"
            ),
        )


def _load_json(text: str, source: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        offset = skip_space(text, error.pos)
        line, column = position_of(text, offset)
        token = token_at(text, offset)
        where = f" at {token!r}" if token else " at the end of the input"
        raise ParseError(
            f"JSON syntax error{where}: {error.msg}",
            source=source,
            line=line,
            column=column,
            token=token,
            hint="fix the JSON at that place",
        ) from error
    except RecursionError as error:
        raise LimitExceeded(f"{source}: the JSON document nests too deeply to be read") from error


def _inline_contexts(
    node: Any, base: str | None, policy: NetworkPolicy, source: str, depth: int
) -> Any:
    """Replace every referenced JSON-LD context (string or ``@import``) by its content.

    rdflib would fetch them itself, with no time-out and no way to say no; here a bundled
    copy answers first, and anything else needs the caller's network policy.
    """
    if isinstance(node, list):
        return [_inline_contexts(item, base, policy, source, depth) for item in node]
    if not isinstance(node, dict):
        return node
    result: dict[str, Any] = {}
    for key, value in node.items():
        if key == "@context":
            result[key] = _resolve_context(value, base, policy, source, depth)
        else:
            result[key] = _inline_contexts(value, base, policy, source, depth)
    return result


def _resolve_context(
    value: Any, base: str | None, policy: NetworkPolicy, source: str, depth: int
) -> Any:
    if depth > _MAX_CONTEXT_DEPTH:
        raise LimitExceeded(f"{source}: JSON-LD contexts nest more than {_MAX_CONTEXT_DEPTH} deep")
    if isinstance(value, list):
        resolved: list[Any] = []
        for item in value:
            inner = _resolve_context(item, base, policy, source, depth)
            resolved.extend(inner if isinstance(item, str) and isinstance(inner, list) else [inner])
        return resolved
    if isinstance(value, str):
        url = urljoin(base or "", value)
        return _resolve_context(_fetch_context(url, policy, source), url, policy, source, depth + 1)
    if isinstance(value, dict):
        context = {
            key: (
                _inline_contexts(item, base, policy, source, depth)
                if isinstance(item, dict)
                else item
            )
            for key, item in value.items()
            if key != "@import"
        }
        imported = value.get("@import")
        if isinstance(imported, str):
            url = urljoin(base or "", imported)
            remote = _resolve_context(
                _fetch_context(url, policy, source), url, policy, source, depth + 1
            )
            if isinstance(remote, dict):
                return {**remote, **context}
        return context
    return value


def _fetch_context(url: str, policy: NetworkPolicy, source: str) -> Any:
    bundled = BUNDLED_CONTEXTS.get(url)
    if bundled is not None:
        node = data_dir("context", bundled)
        if node.is_file():
            return json.loads(node.read_text(encoding="utf-8")).get("@context", {})
    raw = policy.fetch(url, f"{source}: the JSON-LD context")
    try:
        document = json.loads(raw)
    except ValueError as error:
        raise ParseError(
            f"the JSON-LD context {url} is not JSON: {error}", source=source
        ) from error
    if not isinstance(document, dict) or "@context" not in document:
        raise ParseError(f"the JSON-LD context {url} has no @context", source=source)
    return document["@context"]
