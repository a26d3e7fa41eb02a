"""Read-only SPARQL evaluated on Oxigraph's engine, with bindings and a deadline.

Used by :meth:`dlgraph.OrgGraph.query` on the ``oxigraph`` engine, by
:meth:`dlgraph.Store.query`, and as the second evaluator when rdflib's fails on a valid
query. The checks (read-only, syntax, ``SERVICE`` / ``FROM`` and the network policy) are
made by the caller before any query reaches this module.

Bindings. rdflib binds ``initBindings`` before evaluation; Oxigraph's substitutions
reach projected variables only. So bindings travel as SPARQL's own inline data: a
``VALUES`` block of checked terms (written by Oxigraph's serialiser, see
:mod:`dlgraph.inline_bindings`) that opens the query's outermost group pattern. That is
rdflib's answer for every pattern except one: rdflib also pushes a binding into a
sub-select that does not project the variable, where SPARQL's scoping (and Oxigraph)
does not. A query with no group pattern to put the block in (``DESCRIBE ?x`` alone)
returns None from :func:`bind_values` and the caller uses rdflib's evaluator.

Deadline. Oxigraph evaluates in native code that Python cannot interrupt, so with a
time-out the query runs in a forked worker killed at the deadline
(:func:`dlgraph.deadline.run_with_deadline`). A store in memory is inherited by the
worker as a copy-on-write snapshot. An on-disk store (RocksDB) is not used across the
fork: RocksDB's background threads do not exist in the child, and a lock one of them held
at the fork would never be released, so the worker opens the folder anew with
``pyoxigraph.Store.read_only`` and never touches the parent's handle (the worker ends
with ``os._exit``, so no destructor of the inherited handle runs either). A read-only
open sees what was committed when it opened; Oxigraph commits every write as it is made.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Dataset
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Identifier

from dlgraph.deadline import run_with_deadline
from dlgraph.errors import DlgraphError, QueryError
from dlgraph.oxigraph.terms import from_ox_result, to_ox, to_ox_graph_name
from dlgraph.query.bindings import values_block
from dlgraph.query.checks import query_kind
from dlgraph.query.run import QueryResult

__all__ = [
    "OxigraphRefused",
    "answer_within",
    "bind_values",
    "copy_to_oxigraph",
    "evaluate",
    "run_on_oxigraph",
]


class OxigraphRefused(Exception):
    """Oxigraph's parser refused a query that rdflib's read (the caller falls back)."""


_IRI = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_STRING = re.compile(
    r"'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^\"\\]|\\.|\"(?!\"\"))*\"\"\""
    r"|'(?:[^'\\\n\r]|\\.)*'|\"(?:[^\"\\\n\r]|\\.)*\"",
    re.DOTALL,
)
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_FORM = re.compile(r"(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)


def _tokens(sparql: str) -> list[tuple[int, str]]:
    """Offsets and texts of braces, parentheses and words outside comments, strings, IRIs."""
    found: list[tuple[int, str]] = []
    index = 0
    while index < len(sparql):
        char = sparql[index]
        if char == "#":
            end = sparql.find("\n", index)
            index = len(sparql) if end < 0 else end
            continue
        if char in "'\"":
            match = _STRING.match(sparql, index)
            index = match.end() if match else index + 1
            continue
        if char == "<":
            match = _IRI.match(sparql, index)
            index = match.end() if match else index + 1
            continue
        if char in "{}()":
            found.append((index, char))
            index += 1
            continue
        if char.isalpha() or char == "_":
            match = _WORD.match(sparql, index)
            assert match is not None
            if index == 0 or sparql[index - 1] not in "?$:":
                found.append((index, match.group(0).upper()))
            index = match.end()
            continue
        index += 1
    return found


def _where_group(sparql: str) -> tuple[int, int, str, int] | None:
    """The offsets of the outermost group pattern's braces, what it holds (``group``,
    ``subselect``, or ``short`` for CONSTRUCT WHERE) and where its WHERE keyword is;
    None when the query has none."""
    tokens = _tokens(sparql)
    start = next((i for i, (_, t) in enumerate(tokens) if _FORM.fullmatch(t)), None)
    if start is None:
        return None
    index = start + 1
    if tokens[start][1] == "CONSTRUCT" and index < len(tokens) and tokens[index][1] == "WHERE":
        group = _group_at(tokens, index)  # CONSTRUCT WHERE { triples }: the short form
        return None if group is None else (group[0], group[1], "short", tokens[index][0])
    if tokens[start][1] == "CONSTRUCT" and index < len(tokens) and tokens[index][1] == "{":
        template = _group_at(tokens, index)  # CONSTRUCT { template } ... WHERE { ... }
        if template is None:
            return None
        index = next(i for i, (offset, _) in enumerate(tokens) if offset == template[1]) + 1
    depth = 0
    while index < len(tokens):
        text = tokens[index][1]
        depth += {"(": 1, ")": -1}.get(text, 0)
        if text == "{" and depth == 0:
            return _group_at(tokens, index)
        index += 1
    return None


def _group_at(tokens: list[tuple[int, str]], first: int) -> tuple[int, int, str, int] | None:
    """The group opening at or after token ``first`` (skipping FROM clauses, WHERE)."""
    index = first
    while index < len(tokens) and tokens[index][1] != "{":
        index += 1
    if index >= len(tokens):
        return None
    braces = 0
    for j in range(index, len(tokens)):
        if tokens[j][1] == "{":
            braces += 1
        elif tokens[j][1] == "}":
            braces -= 1
            if braces == 0:
                sub_select = index + 1 < len(tokens) and tokens[index + 1][1] == "SELECT"
                kind = "subselect" if sub_select else "group"
                return tokens[index][0], tokens[j][0], kind, tokens[index][0]
    return None


def bind_values(sparql: str, bindings: Mapping[str, Identifier]) -> str | None:
    """``sparql`` with ``bindings`` as a VALUES block opening its outermost group pattern;
    None when there is no such group, or a value is a blank node or an IRI Oxigraph
    refuses (the caller then lets rdflib's evaluator bind it)."""
    # A variable the query does not name changes nothing (rdflib does not project it
    # under SELECT * either); a VALUES block would bring it into scope.
    bindings = {
        name: term
        for name, term in bindings.items()
        if re.search(
            rf"[?$]{re.escape(name)}(?![A-Za-z0-9_\u00b7\u0300-\u036f\u203f-\u2040])", sparql
        )
    }
    if not bindings:
        return sparql
    if any(isinstance(term, BNode) for term in bindings.values()):
        return None
    group = _where_group(sparql)
    if group is None:
        return None
    opened, closed, kind, where = group
    try:
        block = values_block(bindings)
    except QueryError:  # a value Oxigraph cannot hold (an invalid IRI): rdflib binds it
        return None
    body = sparql[opened + 1 : closed]
    if kind == "short":  # the template is the pattern: write both out
        return f"{sparql[:where]}{{{body}}} WHERE {{ {block}\n{body}}}{sparql[closed + 1 :]}"
    if kind == "subselect":
        return f"{sparql[: opened + 1]} {block} {{{body}}} {sparql[closed:]}"
    return f"{sparql[: opened + 1]} {block}\n{sparql[opened + 1 :]}"


def evaluate(
    store: ox.Store,
    sparql: str,
    prefixes: Mapping[str, str],
    source: str,
    *,
    union: bool = True,
) -> QueryResult:
    """Run a checked read-only query on ``store``; with ``union`` the default graph is the
    union of the graphs, else the store's default graph."""
    try:
        answer = store.query(sparql, prefixes=dict(prefixes), use_default_graph_as_union=union)
        return from_ox_result(answer, describe=query_kind(sparql) == "DESCRIBE")
    except DlgraphError:
        raise
    except SyntaxError as error:
        raise OxigraphRefused(str(error)) from error
    except RuntimeError as error:
        if "is not supported" in str(error):  # e.g. a function Oxigraph does not know
            raise OxigraphRefused(str(error)) from error
        raise QueryError(f"{source}: the query failed on Oxigraph: {error}") from error
    except (ValueError, OSError) as error:
        raise QueryError(f"{source}: the query failed on Oxigraph: {error}") from error


def run_on_oxigraph(
    store: ox.Store,
    sparql: str,
    prefixes: Mapping[str, str],
    *,
    source: str,
    timeout: float | None,
    path: Path | None = None,
    union: bool = True,
) -> QueryResult:
    """:func:`evaluate`, stopped at ``timeout`` seconds (see :func:`answer_within`)."""
    return answer_within(
        store,
        lambda opened: evaluate(opened, sparql, prefixes, source, union=union),
        timeout=timeout,
        path=path,
        source=source,
    )


def answer_within(
    store: ox.Store,
    answer: Callable[[ox.Store], QueryResult],
    *,
    timeout: float | None,
    path: Path | None,
    source: str,
) -> QueryResult:
    """``answer(store)``; with ``timeout`` seconds, in a worker process stopped at the
    deadline (TimeoutExceeded). ``path`` is the folder of an on-disk store: the worker
    then reads it through its own read-only handle (see the module's notes on fork
    safety)."""
    if timeout is None:
        return answer(store)

    def work() -> QueryResult:
        return answer(ox.Store.read_only(str(path)) if path is not None else store)

    return run_with_deadline(work, timeout, f"{source}: the query")


def copy_to_oxigraph(dataset: Dataset, *, merged: bool = False) -> ox.Store:
    """A new in-memory Oxigraph store holding the named graphs of ``dataset`` (and, with
    ``merged``, their merge as its default graph)."""
    store = ox.Store()
    quads = []
    for s, p, o, context in dataset.quads((None, None, None, None)):
        if context is None or context == DATASET_DEFAULT_GRAPH_ID:
            graph: Any = ox.DefaultGraph()
        else:
            graph = to_ox_graph_name(context)
        quads.append(ox.Quad(to_ox(s), to_ox(p), to_ox(o), graph))  # type: ignore[arg-type]
    store.extend(quads)
    if merged:
        store.extend(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in quads)
    return store
