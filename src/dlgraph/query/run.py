"""Read-only SPARQL over an organisation graph, with typed results.

Queries are parsed first: an update is refused (:class:`ReadOnlyError`), a syntax error
raises :class:`QuerySyntaxError` with line and column, and ``SERVICE`` or a ``FROM``
naming a graph that is not loaded is refused before rdflib could fetch anything.
Values reach a query only as bindings, never spliced into its text.
"""

from __future__ import annotations

import csv
import datetime
import decimal
import functools
import io
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

import pyoxigraph as ox
from pyparsing import ParseBaseException, ParseResults
from rdflib import BNode, Dataset, Graph, URIRef
from rdflib import Literal as RdfLiteral
from rdflib.namespace import NamespaceManager
from rdflib.plugins.sparql.algebra import translateUpdate
from rdflib.plugins.sparql.parser import parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.plugins.sparql.processor import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Identifier, Node

from dlgraph.deadline import run_with_deadline
from dlgraph.errors import (
    DlgraphError,
    EnvironmentProblem,
    LimitExceeded,
    QueryError,
    QuerySyntaxError,
    ReadOnlyError,
)
from dlgraph.load.parse import position_of
from dlgraph.network import NetworkPolicy, NetworkSetting, network_policy
from dlgraph.ontology.namespaces import PREFIXES

if TYPE_CHECKING:
    import pandas

__all__ = [
    "AskResult",
    "GraphResult",
    "QueryKind",
    "QueryResult",
    "SelectResult",
    "check_update",
    "compact",
    "is_update",
    "prepare",
    "python_value",
    "read_only_error",
    "run_query",
    "to_term",
    "walk_algebra",
]

QueryKind: TypeAlias = Literal["SELECT", "ASK", "CONSTRUCT", "DESCRIBE"]

_UPDATE_START = re.compile(
    r"^\s*(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.IGNORECASE
)
_PROLOGUE = re.compile(r"^\s*(?:#[^\n]*\n|\s+|(?:PREFIX|BASE)\s[^>]*>)*", re.IGNORECASE)


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


def _csv_term(term: Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


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

    def to_csv(self) -> str:
        """SPARQL 1.1 Query Results CSV: lexical forms, CRLF line ends."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(self.variables)
        for row in self.rows:
            writer.writerow([_csv_term(term) for term in row])
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
        from dlgraph.load.serialize import serialize

        return serialize(self.graph, "json-ld" if format == "json" else format)


QueryResult: TypeAlias = SelectResult | AskResult | GraphResult
"""What :func:`run_query` returns, told apart by ``kind``."""


def prepare(
    sparql: str, *, source: str = "<query>", namespaces: Mapping[str, str] | None = None
) -> Query:
    """Parse a read-only query with dlgraph's prefixes (and ``namespaces``) predeclared.

    Raises ReadOnlyError for SPARQL Update and QuerySyntaxError with line and column.
    """
    if _UPDATE_START.match(sparql[_PROLOGUE.match(sparql).end() :]):  # type: ignore[union-attr]
        check_update(sparql, source=source, namespaces=namespaces)
        raise read_only_error(source)
    try:
        declared = dict(namespaces or {})
        declared.update((prefix, str(space)) for prefix, space in PREFIXES.items())
        prepared = prepareQuery(sparql, initNs=declared)
    except RecursionError as error:
        raise LimitExceeded(f"{source}: the query nests too deeply to be read") from error
    except ParseBaseException as error:
        if is_update(sparql):
            raise read_only_error(source) from error
        raise QuerySyntaxError(
            f"SPARQL syntax error: {error.msg}",
            source=source,
            line=error.lineno,
            column=error.col,
            token=_token(error.line, error.col),
            hint="fix the query at that place",
        ) from error
    except Exception as error:  # rdflib raises bare Exception, e.g. for unknown prefixes
        message = str(error)
        offset = _quoted_prefix_offset(message, sparql)
        line, column = position_of(sparql, offset) if offset is not None else (None, None)
        raise QuerySyntaxError(
            f"SPARQL error: {message}",
            source=source,
            line=line,
            column=column,
            token=_token(sparql[offset:], 1) if offset is not None else None,
            hint="declare the prefix with PREFIX, or fix the query",
        ) from error
    _check_what_rdflib_does_not(sparql, source)
    return prepared


def check_update(
    sparql: str, *, source: str = "<update>", namespaces: Mapping[str, str] | None = None
) -> None:
    """Check the syntax of a SPARQL Update without running it.

    Raises QuerySyntaxError with line and column where it does not parse; dlgraph's
    prefixes (and ``namespaces``) count as declared.
    """
    declared = dict(namespaces or {})
    declared.update((prefix, str(space)) for prefix, space in PREFIXES.items())
    try:
        translateUpdate(parseUpdate(sparql), initNs=declared)
    except ParseBaseException as error:
        raise QuerySyntaxError(
            f"SPARQL Update syntax error: {error.msg}",
            source=source,
            line=error.lineno,
            column=error.col,
            token=_token(error.line, error.col),
            hint="fix the update at that place",
        ) from error
    except RecursionError as error:
        raise LimitExceeded(f"{source}: the update nests too deeply to be read") from error
    except Exception as error:  # rdflib raises bare Exception, e.g. for unknown prefixes
        message = str(error)
        offset = _quoted_prefix_offset(message, sparql)
        line, column = position_of(sparql, offset) if offset is not None else (1, 1)
        raise QuerySyntaxError(
            f"SPARQL Update error: {message}",
            source=source,
            line=line,
            column=column,
            token=_token(sparql[offset:], 1) if offset is not None else None,
            hint="declare the prefix with PREFIX, or fix the update",
        ) from error
    _check_update_with_oxigraph(sparql, source, declared)


_UNSAFE_TO_RUN = re.compile(r"\b(?:LOAD|SERVICE|VALUES)\b", re.IGNORECASE)
_OX_UPDATE_POSITION = re.compile(r"^error at (\d+):(\d+): ")
_CHECK_BASE = "https://dlgraph.invalid/base/"


def _check_update_with_oxigraph(sparql: str, source: str, declared: Mapping[str, str]) -> None:
    """Reject what rdflib's update parser lets pass but the grammar forbids.

    rdflib accepts variables in ``DELETE DATA``, ``GRAPH ?g`` in ``INSERT DATA``, blank
    nodes in ``DELETE`` and one blank node label in two operations. pyoxigraph has no
    parse-only call, but it parses a whole update before executing any of it, so the
    update is given to an empty, throwaway in-memory store. Texts that could reach the
    network (``LOAD``, ``SERVICE``) or compute over inline data (``VALUES``), even in a
    string or comment, are left to rdflib's parser alone.
    """
    if _UNSAFE_TO_RUN.search(sparql):
        return
    try:
        ox.Store().update(sparql, base_iri=_CHECK_BASE, prefixes=dict(declared))
    except SyntaxError as error:
        message = str(error.msg if error.msg else error)
        found = _OX_UPDATE_POSITION.match(message)
        if found:
            line, column = int(found.group(1)), int(found.group(2))
            message = message[found.end() :]
        else:
            line, column = 1, 1
        lines = sparql.splitlines() or [""]
        raise QuerySyntaxError(
            f"SPARQL Update syntax error: {message}",
            source=source,
            line=line,
            column=column,
            token=_token(lines[min(line, len(lines)) - 1], column),
            hint="fix the update at that place",
        ) from error
    except (RuntimeError, OSError, ValueError):
        pass  # the update parsed; executing it on an empty store may still fail


_SURROGATE_ESCAPE = re.compile(
    r"\\(u[dD][89a-fA-F][0-9a-fA-F]{2}|U0000[dD][89a-fA-F][0-9a-fA-F]{2})"
)
_VALUES = re.compile(r"\bVALUES\b", re.IGNORECASE)


def _check_what_rdflib_does_not(sparql: str, source: str) -> None:
    """Grammar rules rdflib's parser lets pass: variable scope, surrogate escapes, VALUES
    row sizes."""
    from dlgraph.query.rules import scope_problem

    problem = scope_problem(sparql)
    if problem is not None:
        found = _anchor_offset(sparql, problem.anchor)
        line, column = position_of(sparql, found) if found is not None else (1, 1)
        raise QuerySyntaxError(
            f"SPARQL syntax error: {problem.message}",
            source=source,
            line=line,
            column=column,
            token=problem.anchor if found is not None else None,
            hint="use a new variable name there (SPARQL 1.1, section 18.2.1)",
        )
    for match in _SURROGATE_ESCAPE.finditer(sparql):
        line_start = sparql.rfind("\n", 0, match.start()) + 1
        if "#" in sparql[line_start : match.start()]:
            continue  # most likely inside a comment
        line, column = position_of(sparql, match.start())
        raise QuerySyntaxError(
            "SPARQL syntax error: a \\u escape of a surrogate code point is not a character",
            source=source,
            line=line,
            column=column,
            token=match.group(0),
            hint="write the character itself, or escape the whole code point with \\U",
        )
    if not _VALUES.search(sparql):
        return
    from rdflib.plugins.sparql.parser import parseQuery

    blocks = [
        part
        for part in _walk_parsed(parseQuery(sparql))
        if part.name in ("InlineData", "ValuesClause")
    ]
    keywords = list(_VALUES.finditer(sparql))
    for index, block in enumerate(blocks):
        variables = dict.get(block, "var", [])  # CompValue.get means something else
        width = len(variables) if isinstance(variables, list | ParseResults) else 1
        rows = dict.get(block, "value", [])
        for row in rows if isinstance(rows, list | ParseResults) else []:
            if not isinstance(row, list | ParseResults):
                continue  # VALUES ?x { ... }: one term per row
            if len(row) != width:
                where = keywords[min(index, len(keywords) - 1)].start()
                line, column = position_of(sparql, where)
                raise QuerySyntaxError(
                    f"SPARQL syntax error: a VALUES row has {len(row)} value(s) for "
                    f"{width} variable(s)",
                    source=source,
                    line=line,
                    column=column,
                    token="VALUES",
                    hint="give each row one value (or UNDEF) per variable",
                )


def _anchor_offset(sparql: str, anchor: str) -> int | None:
    """Where the text a scope problem is about stands, preferring ``AS ?x`` to ``?x``."""
    if anchor.startswith("?"):
        name = re.escape(anchor[1:])
        for pattern in (rf"\bAS\s+[?$]{name}\b", rf"[?$]{name}\b"):
            match = re.search(pattern, sparql, re.IGNORECASE)
            if match:
                return match.start()
        return None
    match = re.search(r"\bSELECT\s+(DISTINCT\s+|REDUCED\s+)?\*", sparql, re.IGNORECASE)
    return match.end() - 1 if match else None


def _walk_parsed(node: Any) -> Iterator[CompValue]:
    """Every CompValue in a parse tree, through pyparsing's result lists too."""
    if isinstance(node, CompValue):
        yield node
        for value in node.values():
            yield from _walk_parsed(value)
    elif isinstance(node, list | tuple | ParseResults):
        for item in node:
            yield from _walk_parsed(item)


def read_only_error(source: str) -> ReadOnlyError:
    """The error every read-only entry point raises for an update, naming ``source``."""
    return ReadOnlyError(
        f"{source}: SPARQL Update (INSERT, DELETE, LOAD, CLEAR, ...) is not allowed here; "
        "queries are read-only",
        hint="use a SELECT, ASK, CONSTRUCT or DESCRIBE query",
    )


def is_update(sparql: str) -> bool:
    """Whether ``sparql`` parses as SPARQL Update (so a query error is really a refusal)."""
    try:
        parseUpdate(sparql)
    except Exception:
        return False
    return True


def _token(line: str, column: int) -> str | None:
    rest = line[column - 1 :].split()
    return rest[0][:40] if rest else None


def _quoted_prefix_offset(message: str, sparql: str) -> int | None:
    match = re.search(r"Unknown namespace prefix : (\S+)", message)
    if not match:
        return None
    found = re.search(rf"(?<![\w<]){re.escape(match.group(1))}:", sparql)
    return found.start() if found else None


def walk_algebra(node: Any) -> Iterator[CompValue]:
    """Every CompValue in a query's algebra, depth first (to find SERVICE, FROM, ...)."""
    if isinstance(node, CompValue):
        yield node
        for value in node.values():
            yield from walk_algebra(value)
    elif isinstance(node, list | tuple):
        for item in node:
            yield from walk_algebra(item)


def check_network(query: Query, dataset: Dataset, policy: NetworkPolicy) -> bool:
    """Refuse SERVICE and FROM / FROM NAMED of graphs that are not loaded, unless allowed;
    True when the query has either (the policy allowed them).

    rdflib would send a SERVICE request, and would fetch a FROM graph it does not hold
    from the web or the disk, with no time-out.
    """
    reaches_out = False
    for part in walk_algebra(query.algebra):
        if part.name == "ServiceGraphPattern":
            target = part.get("term")
            policy.check(str(target), "the query's SERVICE clause")
            reaches_out = True
    loaded = {graph.identifier for graph in dataset.graphs()}
    for clause in query.algebra.get("datasetClause") or []:
        name = dict.get(clause, "default") or dict.get(clause, "named")  # CompValue.get differs
        if name is not None and name not in loaded:
            policy.check(str(name), f"the query's FROM <{name}> (a graph that is not loaded)")
            reaches_out = True
    return reaches_out


def run_query(
    dataset: Dataset,
    sparql: str | Query,
    bindings: Mapping[str, Any] | None = None,
    *,
    allow_network: NetworkSetting = False,
    source: str = "<query>",
    timeout: float | None = None,
) -> QueryResult:
    """Run a read-only SPARQL query over ``dataset`` with ``bindings`` for its variables.

    A Dataset on Oxigraph (see :mod:`dlgraph.oxdataset`) is queried with Oxigraph's
    engine, any other with rdflib's; when rdflib's evaluator fails on a query, Oxigraph
    evaluates it. With a ``timeout`` (seconds) the query is evaluated in a worker
    process that is stopped at the deadline, raising TimeoutExceeded; without one it
    runs here.
    """
    namespaces = {prefix: str(space) for prefix, space in dataset.namespaces() if prefix}
    query = (
        _prepared(sparql, source, tuple(sorted(namespaces.items())))
        if isinstance(sparql, str)
        else sparql
    )
    # SERVICE is sent by rdflib's evaluator on either engine, so the request is the same;
    # a FROM graph that is not loaded is fetched by rdflib, where Oxigraph sees it empty
    reaches_out = check_network(query, dataset, network_policy(allow_network))
    init = {name.lstrip("?$"): to_term(value) for name, value in (bindings or {}).items()}
    text = sparql if isinstance(sparql, str) else None
    prefixes = dict(namespaces)
    prefixes.update((prefix, str(space)) for prefix, space in PREFIXES.items())
    from dlgraph.oxigraph.dataset import oxigraph_backing

    backing = oxigraph_backing(dataset)
    if backing is not None and text is not None and not reaches_out:
        from dlgraph.query.oxigraph import OxigraphRefused, bind_values, run_on_oxigraph

        bound = bind_values(text, init)
        if bound is not None:
            try:
                store, union = backing.query_view()
                return run_on_oxigraph(
                    store,
                    bound,
                    prefixes,
                    source=source,
                    timeout=timeout,
                    path=backing.path if store is backing.oxigraph else None,
                    union=union,
                )
            except OxigraphRefused:
                pass  # a query rdflib reads and Oxigraph does not: rdflib evaluates it
    return run_with_deadline(
        lambda: _evaluate(dataset, query, init, source, text, prefixes),
        timeout,
        f"{source}: the query",
    )


@functools.lru_cache(maxsize=128)
def _prepared(sparql: str, source: str, namespaces: tuple[tuple[str, str], ...]) -> Query:
    """:func:`prepare`, kept for queries run again (a prepared Query is reusable)."""
    return prepare(sparql, source=source, namespaces=dict(namespaces))


def _evaluate(
    dataset: Dataset,
    query: Query,
    init: Mapping[str, Identifier],
    source: str,
    text: str | None = None,
    prefixes: Mapping[str, str] | None = None,
) -> QueryResult:
    try:
        return _evaluate_with_rdflib(dataset, query, init, source)
    except QueryError as error:
        if (
            text is None
            or not isinstance(error.__cause__, Exception)
            or isinstance(error.__cause__, RecursionError | DlgraphError)
        ):
            raise
        second = _evaluate_on_a_copy(dataset, text, init, source, prefixes or {})
        if second is None:
            raise
        return second


def _evaluate_on_a_copy(
    dataset: Dataset,
    text: str,
    init: Mapping[str, Identifier],
    source: str,
    prefixes: Mapping[str, str],
) -> QueryResult | None:
    """The result of Oxigraph's engine on a copy of ``dataset``, or None where it fails
    too. rdflib's evaluator fails on some valid queries (e.g. ``SUM(DISTINCT ?x)`` over
    no solutions, ``VALUES () { () }``) that Oxigraph evaluates as the standard says."""
    from dlgraph.query.oxigraph import OxigraphRefused, bind_values, copy_to_oxigraph, evaluate

    bound = bind_values(text, init)
    if bound is None:
        return None
    try:
        return evaluate(
            copy_to_oxigraph(dataset, merged=True), bound, prefixes, source, union=False
        )
    except (DlgraphError, OxigraphRefused):
        return None


def _evaluate_with_rdflib(
    dataset: Dataset, query: Query, init: Mapping[str, Identifier], source: str
) -> QueryResult:
    try:
        result = dataset.query(query, initBindings=init)
        kind = result.type
        if kind == "SELECT":
            variables = tuple(str(v) for v in (result.vars or []))
            rows = tuple(
                tuple(row[i] for i in range(len(variables)))  # type: ignore[index]
                for row in result
            )
            return SelectResult(variables, rows)
        if kind == "ASK":
            return AskResult(bool(result.askAnswer))
        graph = Graph()
        for prefix, namespace in dataset.namespaces():
            graph.bind(prefix, namespace, override=False)
        for triple in result.graph or ():
            graph.add(triple)
        described = query.algebra.name == "DescribeQuery"
        return GraphResult(graph, "DESCRIBE" if described else "CONSTRUCT")
    except DlgraphError:
        raise
    except RecursionError as error:
        raise QueryError(f"{source}: the query nests too deeply to be evaluated") from error
    except Exception as error:
        raise QueryError(f"{source}: the query failed: {error}") from error
