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
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urljoin
from xml.sax import SAXParseException

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.exceptions import ParserError as RdflibParserError
from rdflib.namespace import XSD
from rdflib.plugins.parsers.notation3 import BadSyntax

from dlgraph.errors import LimitExceeded, ParseError
from dlgraph.formats import RdfFormat, format_for_name, rdf_format, sniff_format
from dlgraph.network import NetworkPolicy, NetworkSetting, network_policy
from dlgraph.privacy import redact_token, showing_values
from dlgraph.resources import data_dir

__all__ = [
    "BUNDLED_CONTEXTS",
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_DEPTH",
    "OXIGRAPH_FORMATS",
    "check_depth",
    "check_size",
    "oxigraph_file_error",
    "oxigraph_parse_error",
    "parse_document",
    "position_of",
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
_TOKEN_CHARS = 40


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
    dataset = Dataset()
    if fmt.name == "xml":
        raw = data.encode("utf-8") if isinstance(data, str) else data
        _refuse_doctype(raw, source)
        _run(fmt, source, _xml_text(raw), lambda: _parse_into(dataset, raw, fmt, base))
        return dataset, fmt
    text = _decode(data, source)
    if fmt.name in OXIGRAPH_FORMATS:
        if fmt.name in ("turtle", "trig"):
            check_depth(text, fmt, source, max_depth)
        _oxigraph_into(dataset, text, fmt, source, base)
        return dataset, fmt
    if fmt.name == "json-ld":
        document = _load_json(text, source)
        document = _inline_contexts(document, base, policy, source, 0)
        text = json.dumps(document)
    _run(fmt, source, text, lambda: _parse_into(dataset, text, fmt, base))
    return dataset, fmt


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


OXIGRAPH_FORMATS: Mapping[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
}
"""dlgraph formats read by Oxigraph's own parser (the others by rdflib's)."""
_OX_POSITION = re.compile(
    r"^Parser error (?:at line \d+ (?:between columns \d+ and \d+|column \d+)"
    r"|between line \d+ column \d+ and line \d+ column \d+): "
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


def check_depth(text: str, fmt: RdfFormat, source: str, max_depth: int | None) -> None:
    """Raise LimitExceeded, naming the place, when Turtle or TriG nests past ``max_depth``."""
    if max_depth is None or not any(bracket in text for bracket in "[({"):
        return
    depth = 0
    for match in _NESTING.finditer(text):
        token = match.group(0)
        if token in ("[", "(", "{"):
            depth += 1
            if depth > max_depth:
                line, column = position_of(text, match.start())
                raise LimitExceeded(
                    f"{source}: the {fmt.label} document nests too deeply to be read: more "
                    f"than {max_depth} levels of [ ], ( ) or {{ }} at line {line}, column {column}",
                    hint="flatten deeply nested blank nodes or collections, or raise the "
                    "limit (max_depth=) if you trust the input",
                )
        elif token in ("]", ")", "}"):
            depth = max(depth - 1, 0)


def _syntax_error(
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
        f"{fmt.label} syntax error{where}: {_redact_reason(_first_line(reason), text)}",
        source=source,
        line=line,
        column=column,
        token=token,
        hint=f"fix the {fmt.label} there, or name the right format if it is not {fmt.label}",
    )


def oxigraph_parse_error(
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
        offset = _offset_of(text, line - first_line + 1, column)
    token = _token_at(text, offset) if offset is not None else None
    where = f" at {token!r}" if token else ""
    parse_error = _syntax_error(fmt, source, text, reason, line, column, token, where)
    if base is None and "No scheme found in an absolute IRI" in reason:
        parse_error.hint = (
            "a relative IRI needs a base: write the IRI in full, or give the base "
            "(dlgraph.load(..., base=...))"
        )
    return parse_error


def oxigraph_file_error(error: SyntaxError, fmt: RdfFormat, path: Path) -> ParseError:
    """:func:`oxigraph_parse_error` for a file Oxigraph read itself, without keeping it.

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
    return oxigraph_parse_error(error, fmt, str(path), text, first_line=first_line)


def _oxigraph_into(
    dataset: Dataset, text: str, fmt: RdfFormat, source: str, base: str | None
) -> None:
    """Read Turtle, TriG, N-Triples or N-Quads with Oxigraph (linear time) as rdflib terms.

    The document's prefixes are bound in ``dataset``, as rdflib's own parser does.
    """
    blanks: dict[str, BNode] = {}

    def term(node: object) -> URIRef | BNode | Literal:
        if isinstance(node, ox.NamedNode):
            return URIRef(node.value)
        if isinstance(node, ox.BlankNode):
            return blanks.setdefault(node.value, BNode())
        if isinstance(node, ox.Literal):
            if node.language:
                return Literal(node.value, lang=node.language)
            datatype = node.datatype.value
            return Literal(node.value, datatype=None if datatype == str(XSD.string) else datatype)
        raise ParseError(
            f"{fmt.label}: RDF 1.2 triple terms are not supported",
            source=source,
            hint="write the statement about a statement with rdf:reifies or a plain node",
        )

    default = dataset.default_graph
    parser = ox.parse(text.encode("utf-8"), OXIGRAPH_FORMATS[fmt.name], base_iri=base)
    try:
        for quad in parser:
            triple = (term(quad.subject), term(quad.predicate), term(quad.object))
            graph = quad.graph_name
            if isinstance(graph, ox.DefaultGraph):
                default.add(triple)
            else:
                dataset.graph(term(graph)).add(triple)
    except SyntaxError as error:
        raise oxigraph_parse_error(error, fmt, source, text, base=base) from error
    for prefix, namespace in parser.prefixes.items():
        dataset.bind(prefix, namespace, override=False)


def _choose_format(data: bytes | str, format: str | RdfFormat | None, source: str) -> RdfFormat:
    if format is not None:
        return rdf_format(format)
    by_name = format_for_name(source) if not source.startswith("<") else None
    return by_name or sniff_format(data)


def _parse_into(dataset: Dataset, data: bytes | str, fmt: RdfFormat, base: str | None) -> None:
    if fmt.quads:
        dataset.parse(data=data, format=fmt.rdflib_name, publicID=base)
    else:
        graph = Graph()
        graph.parse(data=data, format=fmt.rdflib_name, publicID=base)
        default = dataset.default_graph
        for prefix, namespace in graph.namespaces():
            dataset.bind(prefix, namespace, override=False)
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
        offset = _skip_space(text, offset)
        line, column = position_of(text, offset)
    elif line is not None and column is not None:
        offset = _offset_of(text, line, column)
    token = _token_at(text, offset) if offset is not None else None
    where = (
        f" at {token!r}" if token else (" at the end of the input" if offset is not None else "")
    )
    return _syntax_error(fmt, source, text, reason, line, column, token, where)


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


def position_of(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset in ``text``."""
    offset = max(0, min(offset, len(text)))
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def _offset_of(text: str, line: int, column: int) -> int:
    index = 0
    for _ in range(line - 1):
        found = text.find("\n", index)
        if found < 0:
            return len(text)
        index = found + 1
    return min(index + max(column - 1, 0), len(text))


def _skip_space(text: str, offset: int) -> int:
    while offset < len(text) and text[offset].isspace():
        offset += 1
    return offset


def _token_at(text: str, offset: int) -> str | None:
    """The run of non-space characters at ``offset`` (an XML tag up to its ``>``).

    What follows a string's opening quote is hidden unless values may be shown: it is
    often a name (see :mod:`dlgraph.privacy`).
    """
    return redact_token(_raw_token_at(text, offset))


def _raw_token_at(text: str, offset: int) -> str | None:
    if offset >= len(text):
        return None
    end = offset
    while end < len(text) and not text[end].isspace() and end - offset < _TOKEN_CHARS:
        end += 1
        if text[offset] == "<" and text[end - 1] == ">":
            break
    return text[offset:end] or None


_QUOTED = re.compile(r""""[^"\n]*"|'[^'\n]*'""")


def _redact_reason(reason: str, text: str) -> str:
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


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else text


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


def _xml_text(raw: bytes) -> str:
    """The XML as text for reporting positions; the parser itself reads the bytes."""
    for encoding in ("utf-8", "utf-16"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


_DOCTYPE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


def _refuse_doctype(raw: bytes, source: str) -> None:
    """Refuse a document type declaration before any XML parser reads it.

    Entities in a DTD can read local files, reach the network, or expand exponentially
    ("billion laughs"); RDF/XML does not need them.
    """
    candidates = [raw]
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00<" in raw[:4] or b"<\x00" in raw[:4]:
        for encoding in ("utf-16", "utf-32"):
            try:
                candidates.append(raw.decode(encoding).encode("utf-8"))
            except UnicodeDecodeError:
                continue
    for candidate in candidates:
        match = _DOCTYPE.search(candidate)
        if match:
            text = candidate[: match.start()].decode("utf-8", errors="replace")
            line, column = position_of(text, len(text))
            raise ParseError(
                "RDF/XML with a document type declaration (<!DOCTYPE or <!ENTITY) is refused",
                source=source,
                line=line,
                column=column,
                token=match.group(0).decode("ascii", errors="replace"),
                hint=(
                    "entities can read files, reach the network or blow up in size; "
                    "expand them and remove the DOCTYPE, or convert the file to Turtle"
                ),
            )


def _load_json(text: str, source: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        offset = _skip_space(text, error.pos)
        line, column = position_of(text, offset)
        token = _token_at(text, offset)
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
