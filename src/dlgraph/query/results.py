"""Query results as dlgraph returns them, from every engine and server alike.

:class:`SelectResult`, :class:`AskResult` and :class:`GraphResult` are the records every
query path builds (rdflib, Oxigraph, the store, endpoints, federation); they live below
all of those paths, so that none of them imports another to make its answer.
"""

from __future__ import annotations

import csv
import datetime
import decimal
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

from rdflib import BNode, Graph, URIRef
from rdflib import Literal as RdfLiteral
from rdflib.namespace import XSD, NamespaceManager
from rdflib.term import Identifier, Node

from dlgraph.errors import EnvironmentProblem, QueryError
from dlgraph.load.serialize import serialize

if TYPE_CHECKING:
    import pandas

__all__ = [
    "AskResult",
    "GraphResult",
    "QueryKind",
    "QueryResult",
    "SelectResult",
    "compact",
    "python_value",
    "to_term",
]

QueryKind: TypeAlias = Literal["SELECT", "ASK", "CONSTRUCT", "DESCRIBE"]


def python_value(term: Node | None) -> Any:
    """A plain Python value for an RDF term: str for IRIs, ``_:id`` for blank nodes,
    the literal's Python value (int, Decimal, bool, date, ...) or its text, None if unbound.
    """
    if term is None:
        return None
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, RdfLiteral):
        value = term.toPython()
        return str(term) if isinstance(value, RdfLiteral) else value
    return str(term)


def to_term(value: Any) -> Identifier:
    """An RDF term for a binding: rdflib terms pass through, Python values become literals.

    An IRI must be given as :class:`rdflib.URIRef`; a plain ``str`` is a string literal.
    """
    if isinstance(value, Identifier):
        return value
    if isinstance(value, bool | int | float | decimal.Decimal | str):
        return RdfLiteral(value)
    if isinstance(value, datetime.date | datetime.datetime | datetime.time):
        return RdfLiteral(value)
    raise QueryError(
        f"cannot bind a {type(value).__name__} in a query",
        hint="bind an rdflib term (URIRef for IRIs), a str, a number, a bool or a date",
    )


def compact(term: Node | None, namespaces: NamespaceManager | None = None) -> str:
    """A short text for a term as people read it: ``dl:Principal``, the literal's text."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        if namespaces is not None:
            try:
                prefix, _, local = namespaces.compute_qname(str(term), generate=False)
            except (ValueError, KeyError):
                return str(term)
            return f"{prefix}:{local}" if prefix else str(term)
        return str(term)
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def _sparql_json_term(term: Node) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    literal: RdfLiteral = term  # type: ignore[assignment]
    value = {"type": "literal", "value": str(literal)}
    if literal.language:
        value["xml:lang"] = literal.language
    elif literal.datatype is not None:
        value["datatype"] = str(literal.datatype)
    return value


def _tsv_term(term: Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, BNode):
        return f"_:{term}"
    text = str(term.n3())
    return text.replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_NUMERIC_TYPES = frozenset(
    XSD[name]
    for name in [
        "integer",
        "decimal",
        "double",
        "float",
        "long",
        "int",
        "short",
        "byte",
        "nonNegativeInteger",
        "nonPositiveInteger",
        "positiveInteger",
        "negativeInteger",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
    ]
)
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


def _csv_term(term: Node | None, neutralise_formulas: bool = False) -> str:
    if term is None:
        return ""
    if isinstance(term, BNode):
        return f"_:{term}"
    text = str(term)
    if neutralise_formulas and text.startswith(_FORMULA_START) and not _is_number(term):
        return f"'{text}"  # OWASP's advice: a spreadsheet shows the cell as text
    return text


def _is_number(term: Node) -> bool:
    """A literal of a numeric datatype whose text is a number (``-2``, not ``-2+3``)."""
    return (
        isinstance(term, RdfLiteral)
        and term.datatype in _NUMERIC_TYPES
        and _NUMBER.fullmatch(str(term)) is not None
    )


@dataclass(frozen=True)
class SelectResult:
    """The rows of a SELECT: ``variables`` in order and one tuple of terms per row."""

    variables: tuple[str, ...]
    rows: tuple[tuple[Node | None, ...], ...]
    kind: Literal["SELECT"] = "SELECT"

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[tuple[Node | None, ...]]:
        return iter(self.rows)

    def python_rows(self) -> list[tuple[Any, ...]]:
        """The rows as tuples of plain Python values (see :func:`python_value`)."""
        return [tuple(python_value(term) for term in row) for row in self.rows]

    def records(self) -> list[dict[str, Any]]:
        """The rows as dicts from variable name to plain Python value."""
        return [dict(zip(self.variables, row, strict=True)) for row in self.python_rows()]

    def to_csv(self, *, neutralise_formulas: bool = False) -> str:
        """SPARQL 1.1 Query Results CSV: lexical forms, CRLF line ends.

        With ``neutralise_formulas``, a cell a spreadsheet would run as a formula (one
        starting with ``=``, ``+``, ``-``, ``@``, a tab or a line break, and not a
        number) starts with ``'`` instead, as OWASP recommends for CSV injection.
        """
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(self.variables)
        for row in self.rows:
            writer.writerow([_csv_term(term, neutralise_formulas) for term in row])
        return out.getvalue()

    def to_tsv(self) -> str:
        """SPARQL 1.1 Query Results TSV: ``?var`` header, terms in Turtle syntax."""
        lines = ["\t".join(f"?{v}" for v in self.variables)]
        lines.extend("\t".join(_tsv_term(term) for term in row) for row in self.rows)
        return "\n".join(lines) + "\n"

    def to_json(self) -> str:
        """SPARQL 1.1 Query Results JSON."""
        bindings = [
            {
                name: _sparql_json_term(term)
                for name, term in zip(self.variables, row, strict=True)
                if term is not None
            }
            for row in self.rows
        ]
        document = {"head": {"vars": list(self.variables)}, "results": {"bindings": bindings}}
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"

    def to_dataframe(self) -> pandas.DataFrame:
        """A pandas DataFrame of the Python values; needs pandas installed."""
        try:
            import pandas
        except ImportError as error:
            raise EnvironmentProblem(
                "a DataFrame needs pandas, which is not installed",
                hint="pip install pandas",
            ) from error
        return pandas.DataFrame(self.python_rows(), columns=list(self.variables))

    def serialize(self, format: str) -> str:
        """The result as ``csv``, ``tsv`` or ``json`` (the W3C result formats)."""
        writers = {"csv": self.to_csv, "tsv": self.to_tsv, "json": self.to_json}
        if format not in writers:
            raise QueryError(
                f"a SELECT result cannot be written as {format!r}", hint="use csv, tsv or json"
            )
        return writers[format]()


@dataclass(frozen=True)
class AskResult:
    """The answer of an ASK query."""

    value: bool
    kind: Literal["ASK"] = "ASK"

    def __bool__(self) -> bool:
        return self.value

    def to_json(self) -> str:
        """SPARQL 1.1 Query Results JSON for a boolean."""
        return json.dumps({"head": {}, "boolean": self.value}) + "\n"

    def serialize(self, format: str) -> str:
        """``json`` as the W3C format; ``csv``/``tsv`` as a one-column table ``ask``."""
        if format == "json":
            return self.to_json()
        if format == "csv":
            return f"ask\r\n{str(self.value).lower()}\r\n"
        if format == "tsv":
            return f"?ask\n{str(self.value).lower()}\n"
        raise QueryError(f"an ASK result cannot be written as {format!r}", hint="use json")


@dataclass(frozen=True)
class GraphResult:
    """The graph a CONSTRUCT or DESCRIBE query built."""

    graph: Graph
    kind: Literal["CONSTRUCT", "DESCRIBE"] = "CONSTRUCT"

    def __len__(self) -> int:
        return len(self.graph)

    def serialize(self, format: str) -> str:
        """The graph in an RDF format (``json`` means JSON-LD)."""
        return serialize(self.graph, "json-ld" if format == "json" else format)


QueryResult: TypeAlias = SelectResult | AskResult | GraphResult
"""What :func:`dlgraph.query.run.run_query` returns, told apart by ``kind``."""
