"""Checks made before any engine or server sees a query: syntax, read-only, network.

A query is parsed first: an update is refused (:class:`~dlgraph.ReadOnlyError`), a
syntax error raises :class:`~dlgraph.QuerySyntaxError` with line and column, and every
``SERVICE`` endpoint, or ``FROM`` naming a graph that is not loaded, must be permitted by
the caller's network policy before rdflib or Oxigraph could reach out (both follow
``SERVICE`` themselves, with no time-out). dlgraph's prefixes are declared for engines
that do not know them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

import pyoxigraph as ox
from pyparsing import ParseBaseException, ParseResults
from rdflib import Dataset
from rdflib.plugins.sparql.algebra import translateUpdate
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.plugins.sparql.processor import prepareQuery
from rdflib.plugins.sparql.sparql import Query

from dlgraph.errors import LimitExceeded, QuerySyntaxError, ReadOnlyError
from dlgraph.network import NetworkPolicy, NetworkSetting, network_policy
from dlgraph.ontology.namespaces import PREFIXES
from dlgraph.oxigraph.errors import update_syntax_error
from dlgraph.positions import position_of, word_at
from dlgraph.query.rules import scope_problem

__all__ = [
    "after_prologue",
    "check_network",
    "check_read_only",
    "check_services",
    "check_update",
    "is_update",
    "prepare",
    "query_kind",
    "read_only_error",
    "walk_algebra",
    "with_prefixes",
]

_UPDATE_START = re.compile(
    r"^\s*(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.IGNORECASE
)
_PROLOGUE = re.compile(r"^\s*(?:#[^\n]*\n|\s+|(?:PREFIX|BASE)\s[^>]*>)*", re.IGNORECASE)
_SERVICE = re.compile(r"\bSERVICE\b", re.IGNORECASE)
_KIND = re.compile(r"^\s*(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)


def after_prologue(sparql: str) -> str:
    """The query without its leading comments and PREFIX / BASE declarations."""
    match = _PROLOGUE.match(sparql)
    return sparql[match.end() :] if match else sparql


def query_kind(sparql: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE (SELECT when it cannot be told)."""
    match = _KIND.match(after_prologue(sparql))
    return match.group(1).upper() if match else "SELECT"


def check_read_only(sparql: str, source: str) -> None:
    """ReadOnlyError for a SPARQL Update."""
    if _UPDATE_START.match(after_prologue(sparql)) or (
        _KIND.match(after_prologue(sparql)) is None and is_update(sparql)
    ):
        raise read_only_error(source)


def check_services(sparql: str, source: str, allow_network: NetworkSetting) -> None:
    """NetworkRefused for a ``SERVICE`` endpoint the policy does not permit.

    A ``SERVICE ?variable`` is refused unless the policy allows every URL.
    """
    if _SERVICE.search(sparql) is None:
        return
    policy = network_policy(allow_network)
    prepared = prepare(sparql, source=source)
    for part in walk_algebra(prepared.algebra):
        if part.name == "ServiceGraphPattern":
            policy.check(str(part.get("term")), f"{source}: the SERVICE clause")


def with_prefixes(sparql: str) -> str:
    """``sparql`` with dlgraph's prefixes declared before its own (its own win)."""
    declared = "".join(f"PREFIX {prefix}: <{space}>\n" for prefix, space in PREFIXES.items())
    return declared + sparql


def prepare(
    sparql: str, *, source: str = "<query>", namespaces: Mapping[str, str] | None = None
) -> Query:
    """Parse a read-only query with dlgraph's prefixes (and ``namespaces``) predeclared.

    Raises ReadOnlyError for SPARQL Update and QuerySyntaxError with line and column.
    """
    if _UPDATE_START.match(after_prologue(sparql)):
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
        raise _parse_error(error, "SPARQL", "query", source) from error
    except Exception as error:  # rdflib raises bare Exception, e.g. for unknown prefixes
        raise _unknown_prefix_error(error, sparql, "SPARQL", "query", source) from error
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
        raise _parse_error(error, "SPARQL Update", "update", source) from error
    except RecursionError as error:
        raise LimitExceeded(f"{source}: the update nests too deeply to be read") from error
    except Exception as error:  # rdflib raises bare Exception, e.g. for unknown prefixes
        raise _unknown_prefix_error(
            error, sparql, "SPARQL Update", "update", source, default=(1, 1)
        ) from error
    _check_update_with_oxigraph(sparql, source, declared)


def _parse_error(
    error: ParseBaseException, language: str, what: str, source: str
) -> QuerySyntaxError:
    """The QuerySyntaxError for what rdflib's SPARQL grammar (pyparsing) rejected."""
    return QuerySyntaxError(
        f"{language} syntax error: {error.msg}",
        source=source,
        line=error.lineno,
        column=error.col,
        token=word_at(error.line, error.col),
        hint=f"fix the {what} at that place",
    )


def _unknown_prefix_error(
    error: Exception,
    sparql: str,
    language: str,
    what: str,
    source: str,
    *,
    default: tuple[int | None, int | None] = (None, None),
) -> QuerySyntaxError:
    """The QuerySyntaxError for rdflib's bare Exception (an unknown prefix, mostly),
    placed at the prefix it names where it can be found (else at ``default``)."""
    message = str(error)
    offset = _quoted_prefix_offset(message, sparql)
    line, column = position_of(sparql, offset) if offset is not None else default
    return QuerySyntaxError(
        f"{language} error: {message}",
        source=source,
        line=line,
        column=column,
        token=word_at(sparql[offset:], 1) if offset is not None else None,
        hint=f"declare the prefix with PREFIX, or fix the {what}",
    )


_UNSAFE_TO_RUN = re.compile(r"\b(?:LOAD|SERVICE|VALUES)\b", re.IGNORECASE)
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
        raise update_syntax_error(error, sparql, source) from error
    except (RuntimeError, OSError, ValueError):
        pass  # the update parsed; executing it on an empty store may still fail


_SURROGATE_ESCAPE = re.compile(
    r"\\(u[dD][89a-fA-F][0-9a-fA-F]{2}|U0000[dD][89a-fA-F][0-9a-fA-F]{2})"
)
_VALUES = re.compile(r"\bVALUES\b", re.IGNORECASE)


def _check_what_rdflib_does_not(sparql: str, source: str) -> None:
    """Grammar rules rdflib's parser lets pass: variable scope, surrogate escapes, VALUES
    row sizes."""
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
